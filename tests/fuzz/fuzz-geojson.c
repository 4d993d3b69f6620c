/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer entry point for the GeoJSON reader: every file a user picks is untrusted input.
 * Build and run: see README.md beside this file. Not part of the meson build (it needs clang's
 * -fsanitize=fuzzer). */
#define G_LOG_DOMAIN "fuzz-geojson"

#include <json-glib/json-glib.h>
#include <stdint.h>
#include <string.h>

#include "hd-error.h"
#include "hd-geojson.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or warning means a broken invariant: make it a crash the fuzzer reports. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
  return 0;
}

/* Text the store and export parse again must be JSON that json-glib reads back. */
static void
assert_json_text (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return;
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
}

static void
assert_utf8 (const char *text)
{
  g_assert_true (text == NULL || g_utf8_validate (text, -1, NULL));
}

static void
check_item (HdImportItem *item)
{
  const char *name = NULL;
  const char *id = NULL;

  switch (item->kind)
    {
    case HD_IMPORT_ITEM_SITE:
      {
        HdSite *site = HD_SITE (item->record);

        name = hd_site_get_name (site);
        id = hd_site_get_id (site);
        if (hd_site_get_has_position (site))
          g_assert_true (hd_coordinate_is_valid (hd_site_get_latitude (site),
                                                 hd_site_get_longitude (site)));
        g_assert_cmpint (hd_site_get_members (site), >=, 0);
        assert_utf8 (hd_site_get_organisation (site));
        assert_utf8 (hd_site_get_address (site));
        assert_utf8 (hd_site_get_contact (site));
        assert_utf8 (hd_site_get_notes (site));
        assert_json_text (hd_site_get_extra (site));
        g_assert_cmpuint (item->belt_refs->len, ==, item->belt_orders->len);
        for (guint i = 0; i < item->belt_orders->len; i++)
          {
            int order = g_array_index (item->belt_orders, int, i);

            g_assert_true (order == -1 || order >= 1);
            assert_utf8 (g_ptr_array_index (item->belt_refs, i));
          }
        break;
      }
    case HD_IMPORT_ITEM_BELT:
      assert_utf8 (hd_belt_get_brand (HD_BELT (item->record)));
      assert_utf8 (hd_belt_get_responsible (HD_BELT (item->record)));
      assert_utf8 (hd_belt_get_logo_path (HD_BELT (item->record)));
      assert_utf8 (hd_belt_get_notes (HD_BELT (item->record)));
      name = hd_belt_get_name (HD_BELT (item->record));
      id = hd_belt_get_id (HD_BELT (item->record));
      assert_json_text (hd_belt_get_extra (HD_BELT (item->record)));
      break;
    case HD_IMPORT_ITEM_REGION:
      name = hd_region_get_name (HD_REGION (item->record));
      id = hd_region_get_id (HD_REGION (item->record));
      assert_json_text (hd_region_get_extra (HD_REGION (item->record)));
      assert_json_text (hd_region_get_geometry (HD_REGION (item->record)));
      break;
    default:
      g_assert_not_reached ();
    }

  g_assert_nonnull (name);
  g_assert_cmpstr (name, !=, "");
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_nonnull (id);
  g_assert_cmpstr (id, !=, "");
  assert_utf8 (id);
  assert_utf8 (item->region_ref);
}

static guint
tree_depth (JsonNode *node)
{
  guint deepest = 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          /* Not inside MAX(): it would evaluate the call twice per level. */
          guint depth = tree_depth (json_array_get_element (array, i));

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        {
          guint depth = tree_depth (member);

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }
  return 0;
}

/* When the reader got as far as json-glib's tree, the depth check must have been right about it:
 * a disagreement about where strings are would let deeper nesting through (and, deep enough,
 * crash json-glib). Catches a disagreement long before it is deep enough to crash. */
static void
check_depth (const uint8_t *data,
             size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL) ||
      json_parser_get_root (parser) == NULL)
    return;
  g_assert_cmpuint (tree_depth (json_parser_get_root (parser)), <=, HD_GEOJSON_MAX_DEPTH);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autoptr(GError) error = NULL;

  if (hd_geojson_parse (batch, (const char *) data, size, "fuzz.geojson", &error))
    {
      g_assert_no_error (error);
      check_depth (data, size);
      for (guint i = 0; i < batch->items->len; i++)
        check_item (g_ptr_array_index (batch->items, i));
    }
  else
    {
      /* Failure leaves the batch as it was, with a one-line message that is valid UTF-8. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == HD_IMPORT_ERROR);
      g_assert_cmpuint (batch->items->len, ==, 0);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_null (strchr (error->message, '\n'));
      /* These come after json-glib has built its tree. */
      if (error->code == HD_IMPORT_ERROR_NOT_GEOJSON ||
          error->code == HD_IMPORT_ERROR_INVALID_FEATURE ||
          error->code == HD_IMPORT_ERROR_DUPLICATE_ID)
        check_depth (data, size);
    }
  return 0;
}
