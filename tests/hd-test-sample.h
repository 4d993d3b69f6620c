/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the sample workspace's files hold (data/sample), read from the files themselves, so that
 * tests on the sample follow it as it grows instead of repeating its counts (header-only, static;
 * the test must link json-glib, as hd_core_dep does). */
#pragma once

#include <json-glib/json-glib.h>

#include "hd-test-util.h"

static inline JsonNode *
hd_test_sample_read (const char *name)
{
  g_autofree char *path = hd_test_sample_path (name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The sites of each belt in the sample's GeoJSON files: belt name → count (GUINT_TO_POINTER);
 * every belt is a key, with 0 when no site names it. */
static inline GHashTable *
hd_test_sample_sites_per_belt (void)
{
  const char *files[] = { "fuzhou.geojson", "jinwan.geojson" };
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(JsonNode) root = hd_test_sample_read (files[f]);
      JsonArray *features = json_object_get_array_member (json_node_get_object (root), "features");

      for (guint i = 0; i < json_array_get_length (features); i++)
        {
          JsonObject *props = json_object_get_object_member (json_array_get_object_element (features, i),
                                                             "properties");
          const char *type = json_object_get_string_member (props, "type");

          if (g_str_equal (type, "belt") && !g_hash_table_contains (counts, json_object_get_string_member (props, "name")))
            g_hash_table_insert (counts, g_strdup (json_object_get_string_member (props, "name")), GUINT_TO_POINTER (0));
          else if (g_str_equal (type, "site") && json_object_has_member (props, "belt"))
            {
              const char *belt = json_object_get_string_member (props, "belt");
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, belt));

              g_hash_table_insert (counts, g_strdup (belt), GUINT_TO_POINTER (n + 1));
            }
        }
    }
  return counts;
}

/* How many of the sample's belts have at least @min sites. */
static inline guint
hd_test_sample_belts_with_sites (guint min)
{
  g_autoptr(GHashTable) counts = hd_test_sample_sites_per_belt ();
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += GPOINTER_TO_UINT (value) >= min;
  return n;
}

/* How many different belts the sample's inspections.json inspects with a finished inspection. */
static inline guint
hd_test_sample_inspected_belts (void)
{
  g_autoptr(JsonNode) root = hd_test_sample_read ("inspections.json");
  g_autoptr(GHashTable) belts = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *inspections = json_object_get_array_member (json_node_get_object (root), "inspections");

  for (guint i = 0; i < json_array_get_length (inspections); i++)
    {
      JsonObject *inspection = json_array_get_object_element (inspections, i);

      if (json_object_has_member (inspection, "belt") &&
          g_strcmp0 (json_object_get_string_member_with_default (inspection, "state", "finished"), "draft") != 0)
        g_hash_table_add (belts, (gpointer) json_object_get_string_member (inspection, "belt"));
    }
  return g_hash_table_size (belts);
}
