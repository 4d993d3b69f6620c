/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Standard sets: the built-in ones, user sets, versioning, JSON and CSV import and export. */
#include <string.h>

#include "hd-inspection.h"
#include "hd-standards-private.h"
#include "hd-test-snapshot.h"
#include "hd-test-sites.h"
#include "hd-test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  HdStore *store;
  guint    changed;
  guint    last_kinds;
} Fixture;

static void
on_changed (HdStore  *store,
            guint     kinds,
            GStrv     ids,
            Fixture  *f)
{
  f->changed++;
  f->last_kinds = kinds;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = hd_test_dir_new ();
  f->store = hd_test_store_new (f->dir, "work.db", &f->path);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  hd_test_dir_free (f->dir);
  g_free (f->path);
}

static char *
snapshot (Fixture *f)
{
  return hd_test_snapshot (hd_store_get_db (f->store));
}

static HdStandardItem *
make_item (const char *code,
           const char *title,
           HdItemKind  kind,
           double      weight)
{
  HdStandardItem *item = hd_standard_item_new ();

  hd_standard_item_set_code (item, code);
  hd_standard_item_set_title (item, title);
  hd_standard_item_set_kind (item, kind);
  hd_standard_item_set_weight (item, weight);
  return item;
}

static GPtrArray *
make_items (guint n)
{
  static const char *titles[] = { "支部班子健全", "党员学习制度", "三会一课记录", "主题党日活动", "党费收缴台账" };
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("A%u", i + 1);

      g_ptr_array_add (items, make_item (code, titles[i % G_N_ELEMENTS (titles)],
                                         HD_ITEM_KIND_REQUIREMENT, 1));
    }
  return items;
}

static HdStandardSet *
make_set (const char    *code,
          const char    *name,
          HdSubjectKind  applies_to)
{
  HdStandardSet *set = hd_standard_set_new ();

  hd_standard_set_set_code (set, code);
  hd_standard_set_set_name (set, name);
  hd_standard_set_set_applies_to (set, applies_to);
  return set;
}

static char *
add_site (Fixture    *f,
          const char *name)
{
  g_autoptr(HdSite) site = hd_site_new ();
  g_autoptr(GError) error = NULL;

  hd_site_set_name (site, name);
  g_assert_true (hd_store_save_site (f->store, site, &error));
  g_assert_no_error (error);
  return g_strdup (hd_site_get_id (site));
}

/* Starts, answers (every item met but the first, not met) and finishes an inspection. */
static char *
inspect (Fixture    *f,
         const char *site_id,
         const char *set_id,
         const char *date_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(GListStore) items = NULL;
  GDate date;

  g_assert_true (hd_date_parse (date_text, &date));
  inspection = hd_store_start_inspection (f->store, HD_SUBJECT_SITE, site_id, set_id, "督导组 王敏",
                                          &date, &error);
  g_assert_no_error (error);
  items = hd_store_list_standard_items (f->store, set_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
    {
      g_autoptr(HdStandardItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);

      g_assert_true (hd_store_set_inspection_answer (f->store, hd_inspection_get_id (inspection),
                                                     hd_standard_item_get_id (item),
                                                     i == 0 ? HD_ANSWER_NOT_MET : HD_ANSWER_MET, &error));
      g_assert_no_error (error);
    }
  g_assert_true (hd_store_finish_inspection (f->store, hd_inspection_get_id (inspection), &error));
  g_assert_no_error (error);
  return g_strdup (hd_inspection_get_id (inspection));
}

/* ---------------------------------------------------------------------------------------- */

static void
test_builtin (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) sets = hd_store_list_standard_sets (f->store, FALSE, &error);
  g_autoptr(HdStandardSet) six = NULL;
  g_autoptr(GPtrArray) items = make_items (2);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *replaced = NULL;
  static const char *order[] = { "five_ones", "six_haves", "five_basics" };

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sets)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(HdStandardSet) set = g_list_model_get_item (G_LIST_MODEL (sets), i);

      g_assert_cmpstr (hd_standard_set_get_code (set), ==, order[i]);
      g_assert_true (hd_standard_set_get_builtin (set));
      g_assert_cmpint (hd_standard_set_get_version (set), ==, 1);
      g_assert_null (hd_standard_set_get_superseded_by (set));
    }
  six = hd_store_find_standard_set (f->store, "six_haves", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_standard_set_get_n_items (six), ==, 6);
  g_assert_cmpint (hd_standard_set_get_applies_to (six), ==, HD_SUBJECT_SITE);
  g_assert_cmpstr (hd_standard_set_get_name (six), ==, "六有");

  /* The documents' sets are not edited in place. */
  replaced = hd_store_replace_standard_items (f->store, hd_standard_set_get_id (six), items, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_null (replaced);
  g_clear_error (&error);
  g_assert_false (hd_store_delete_standard_set (f->store, hd_standard_set_get_id (six), &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hd_store_rename_standard_set (f->store, hd_standard_set_get_id (six), "新六有", NULL, NULL, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (f->changed, ==, 0);

  g_assert_null (hd_store_find_standard_set (f->store, "no_such_set", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardSet) set = make_set ("haishu_48", "海曙区支部经常性工作清单", HD_SUBJECT_SITE);
  g_autoptr(HdStandardSet) twin = make_set ("haishu_48", "重复", HD_SUBJECT_SITE);
  g_autoptr(HdStandardSet) bad = make_set ("bad set", "空格代码", HD_SUBJECT_SITE);
  g_autoptr(GPtrArray) items = make_items (4);
  g_autoptr(GPtrArray) bad_items = make_items (3);
  g_autoptr(GListStore) stored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (hd_store_create_standard_set (f->store, set, items, &error));
  g_assert_no_error (error);
  g_assert_nonnull (hd_standard_set_get_id (set));
  g_assert_cmpint (hd_standard_set_get_n_items (set), ==, 4);
  g_assert_false (hd_standard_set_get_builtin (set));
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmphex (f->last_kinds, ==, HD_CHANGE_STANDARDS);
  stored = hd_store_list_standard_items (f->store, hd_standard_set_get_id (set), &error);
  g_assert_no_error (error);
  {
    g_autoptr(HdStandardItem) third = g_list_model_get_item (G_LIST_MODEL (stored), 2);

    g_assert_cmpstr (hd_standard_item_get_code (third), ==, "A3");
    g_assert_cmpint (hd_standard_item_get_position (third), ==, 3);
    g_assert_cmpstr (hd_standard_item_get_set_id (third), ==, hd_standard_set_get_id (set));
  }

  before = snapshot (f);
  g_assert_false (hd_store_create_standard_set (f->store, twin, items, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (hd_store_create_standard_set (f->store, bad, items, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The message names the item by position and code. */
  hd_standard_item_set_title (g_ptr_array_index (bad_items, 1), "   ");
  hd_standard_set_set_code (bad, "good_code");
  g_assert_false (hd_store_create_standard_set (f->store, bad, bad_items, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "item 2 (A2)"));
  g_clear_error (&error);
  hd_standard_item_set_title (g_ptr_array_index (bad_items, 1), "有标题");
  hd_standard_item_set_code (g_ptr_array_index (bad_items, 2), "A1");
  g_assert_false (hd_store_create_standard_set (f->store, bad, bad_items, &error));
  g_assert_nonnull (strstr (error->message, "item 3 (A1): item 1 has the same code"));
  g_clear_error (&error);
  hd_standard_item_set_code (g_ptr_array_index (bad_items, 2), "A3");
  hd_standard_item_set_weight (g_ptr_array_index (bad_items, 2), -1);
  g_assert_false (hd_store_create_standard_set (f->store, bad, bad_items, &error));
  g_assert_nonnull (strstr (error->message, "item 3 (A3)"));
  g_clear_error (&error);

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (f->changed, ==, 1);
}

/* Editing a set that an inspection used makes version 2; the old inspection keeps version 1. */
static void
test_versioning (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardSet) set = make_set ("district_list", "区级示范点考核清单", HD_SUBJECT_SITE);
  g_autoptr(GPtrArray) items = make_items (4);
  g_autoptr(GPtrArray) edited = make_items (5);
  g_autoptr(HdStandardSet) v1 = NULL;
  g_autoptr(HdStandardSet) v2 = NULL;
  g_autoptr(HdInspection) old = NULL;
  g_autoptr(GListStore) old_answers = NULL;
  g_autoptr(GListStore) current = NULL;
  g_autofree char *site = add_site (f, "东街口楼宇党群活动服务中心");
  g_autofree char *inspection_id = NULL;
  g_autofree char *v1_id = NULL;
  g_autofree char *v2_id = NULL;
  g_autofree char *again = NULL;
  g_autofree char *in_place = NULL;
  g_autofree char *new_id = NULL;
  GDate date;

  g_assert_true (hd_store_create_standard_set (f->store, set, items, &error));
  g_assert_no_error (error);
  v1_id = g_strdup (hd_standard_set_get_id (set));

  /* Unused: edited in place, and items whose code stays keep their id. */
  {
    g_autoptr(GListStore) before = hd_store_list_standard_items (f->store, v1_id, NULL);
    g_autoptr(GListStore) after = NULL;
    g_autoptr(HdStandardItem) a1_before = g_list_model_get_item (G_LIST_MODEL (before), 0);
    g_autoptr(HdStandardItem) a1_after = NULL;

    hd_standard_item_set_weight (g_ptr_array_index (items, 0), 2);
    in_place = hd_store_replace_standard_items (f->store, v1_id, items, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (in_place, ==, v1_id);
    after = hd_store_list_standard_items (f->store, v1_id, NULL);
    a1_after = g_list_model_get_item (G_LIST_MODEL (after), 0);
    g_assert_cmpstr (hd_standard_item_get_id (a1_before), ==, hd_standard_item_get_id (a1_after));
    g_assert_cmpfloat (hd_standard_item_get_weight (a1_after), ==, 2);
  }

  /* Weights 2,1,1,1 with A1 not met: 3 of 5. */
  inspection_id = inspect (f, site, v1_id, "2026-05-10");
  old = hd_store_get_inspection (f->store, inspection_id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (hd_inspection_get_score (old), 60.0, 1e-9);
  g_assert_cmpint (hd_inspection_get_set_version (old), ==, 1);

  v2_id = hd_store_replace_standard_items (f->store, v1_id, edited, &error);
  g_assert_no_error (error);
  g_assert_nonnull (v2_id);
  g_assert_cmpstr (v2_id, !=, v1_id);
  v1 = hd_store_get_standard_set (f->store, v1_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_standard_set_get_superseded_by (v1), ==, v2_id);
  v2 = hd_store_find_standard_set (f->store, "district_list", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_standard_set_get_id (v2), ==, v2_id);
  g_assert_cmpint (hd_standard_set_get_version (v2), ==, 2);
  g_assert_cmpint (hd_standard_set_get_n_items (v2), ==, 5);
  g_assert_cmpint (hd_standard_set_get_n_items (v1), ==, 4);

  /* The old inspection still scores against version 1: same set, same four items, same score. */
  g_clear_object (&old);
  old = hd_store_get_inspection (f->store, inspection_id, &error);
  g_assert_cmpstr (hd_inspection_get_set_id (old), ==, v1_id);
  g_assert_cmpfloat_with_epsilon (hd_inspection_get_score (old), 60.0, 1e-9);
  old_answers = hd_store_list_inspection_answers (f->store, inspection_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (old_answers)), ==, 4);

  /* Only the newest version takes new inspections and edits. */
  date = hd_store_get_today (f->store);
  g_assert_null (hd_store_start_inspection (f->store, HD_SUBJECT_SITE, site, v1_id, "王敏", &date, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  again = hd_store_replace_standard_items (f->store, v1_id, edited, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_null (again);
  g_clear_error (&error);
  g_assert_false (hd_store_delete_standard_set (f->store, v1_id, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A new inspection with version 2 scores five items (A1 weight 1 now: 4 of 5). */
  new_id = inspect (f, site, v2_id, "2026-06-10");
  {
    g_autoptr(HdInspection) fresh = hd_store_get_inspection (f->store, new_id, NULL);

    g_assert_cmpfloat_with_epsilon (hd_inspection_get_score (fresh), 80.0, 1e-9);
    g_assert_cmpint (hd_inspection_get_set_version (fresh), ==, 2);
  }

  current = hd_store_list_standard_sets (f->store, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (current)), ==, 4);
  g_clear_object (&current);
  current = hd_store_list_standard_sets (f->store, TRUE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (current)), ==, 5);

  /* Used: refused to delete. */
  g_assert_false (hd_store_delete_standard_set (f->store, v2_id, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE);
}

static void
test_rename_delete (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardSet) set = make_set ("temp", "临时清单", HD_SUBJECT_BELT);
  g_autoptr(GPtrArray) items = make_items (2);
  g_autoptr(HdStandardSet) renamed = NULL;

  g_assert_true (hd_store_create_standard_set (f->store, set, items, &error));
  g_assert_true (hd_store_rename_standard_set (f->store, hd_standard_set_get_id (set), " 示范带季度清单 ",
                                               "Quarterly belt list", NULL, &error));
  g_assert_no_error (error);
  renamed = hd_store_get_standard_set (f->store, hd_standard_set_get_id (set), &error);
  g_assert_cmpstr (hd_standard_set_get_name (renamed), ==, "示范带季度清单");
  g_assert_cmpstr (hd_standard_set_get_name_en (renamed), ==, "Quarterly belt list");
  g_assert_cmpint (hd_standard_set_get_version (renamed), ==, 1);
  g_assert_false (hd_store_rename_standard_set (f->store, hd_standard_set_get_id (set), "", NULL, NULL, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (hd_store_delete_standard_set (f->store, hd_standard_set_get_id (set), &error));
  g_assert_no_error (error);
  g_assert_null (hd_store_get_standard_set (f->store, hd_standard_set_get_id (set), &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

/* ---------------------------------------------------------------------------------------- */
/* JSON                                                                                     */

static const char good_json[] =
  "\xEF\xBB\xBF{\n"
  "  \"code\": \"haishu_bottom_line\",\n"
  "  \"applies_to\": \"site\",\n"
  "  \"name\": \"海曙区后进支部底线清单\",\n"
  "  \"description\": \"任何一项发生即认定为后进支部\",\n"
  "  \"items\": [\n"
  "    {\"code\": \"secretary\", \"title\": \"书记长期空缺\", \"kind\": \"red_line\"},\n"
  "    {\"code\": \"meetings\", \"title\": \"连续6个月未开展组织生活\", \"kind\": \"red_line\",\n"
  "     \"guidance\": \"查阅会议记录\", \"photo_required\": true},\n"
  "    {\"code\": 3, \"title\": \"党费收缴台账齐全\", \"weight\": 2.5, \"category\": \"基础工作\"}\n"
  "  ]\n"
  "}\n";

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardSet) set = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(HdStandardSet) set2 = NULL;
  g_autoptr(GPtrArray) items2 = NULL;
  g_autofree char *id = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *exported2 = NULL;
  g_autofree char *id2 = NULL;
  HdStandardItem *item;

  g_assert_true (hd_standard_set_parse_json (good_json, strlen (good_json), "list.json", &set, &items, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hd_standard_set_get_code (set), ==, "haishu_bottom_line");
  g_assert_cmpuint (items->len, ==, 3);
  item = g_ptr_array_index (items, 1);
  g_assert_cmpint (hd_standard_item_get_kind (item), ==, HD_ITEM_KIND_RED_LINE);
  g_assert_true (hd_standard_item_get_photo_required (item));
  g_assert_cmpstr (hd_standard_item_get_guidance (item), ==, "查阅会议记录");
  item = g_ptr_array_index (items, 2);
  g_assert_cmpstr (hd_standard_item_get_code (item), ==, "3");
  g_assert_cmpfloat (hd_standard_item_get_weight (item), ==, 2.5);
  g_assert_cmpstr (hd_standard_item_get_category (item), ==, "基础工作");

  id = hd_store_import_standard_set (f->store, set, items, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_standard_set_get_id (set), ==, id);
  g_assert_cmpint (hd_standard_set_get_n_items (set), ==, 3);

  /* Export, parse again, import into a second workspace: the same file. */
  exported = hd_store_export_standard_set_json (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (exported, "\"red_line\""));
  g_assert_true (hd_standard_set_parse_json (exported, strlen (exported), "export.json", &set2, &items2, &error));
  g_assert_no_error (error);
  {
    g_autofree char *other_dir = hd_test_dir_new ();
    g_autofree char *other_path = g_build_filename (other_dir, "other.db", NULL);
    g_autoptr(HdStore) other = hd_store_open (other_path, &error);

    g_assert_no_error (error);
    id2 = hd_store_import_standard_set (other, set2, items2, &error);
    g_assert_no_error (error);
    exported2 = hd_store_export_standard_set_json (other, id2, &error);
    g_assert_cmpstr (exported, ==, exported2);
    g_clear_object (&other);
    hd_test_remove_tree (other_dir);
  }

  /* Importing the same code again changes the unused set in place. */
  {
    g_autofree char *again = hd_store_import_standard_set (f->store, set2, items2, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (again, ==, id);
  }

  /* The built-in codes are not imported over, nor is a site set turned into a belt set. */
  {
    g_autofree char *before = snapshot (f);
    g_autofree char *after = NULL;
    g_autofree char *refused = NULL;

    hd_standard_set_set_code (set2, "six_haves");
    refused = hd_store_import_standard_set (f->store, set2, items2, &error);
    g_assert_null (refused);
    g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
    g_clear_error (&error);
    hd_standard_set_set_code (set2, "haishu_bottom_line");
    hd_standard_set_set_applies_to (set2, HD_SUBJECT_BELT);
    refused = hd_store_import_standard_set (f->store, set2, items2, &error);
    g_assert_null (refused);
    g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
    g_clear_error (&error);
    after = snapshot (f);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
assert_json_refused (const char *text,
                     int         code,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardSet) set = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_assert_false (hd_standard_set_parse_json (text, strlen (text), "bad.json", &set, &items, &error));
  g_assert_error (error, HD_IMPORT_ERROR, code);
  g_assert_null (set);
  g_assert_null (items);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_json_refused (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"code\": \"x\", \"name\": \"深\", \"applies_to\": \"site\", \"items\": ");

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_json_refused (deep->str, HD_IMPORT_ERROR_TOO_DEEP, "bad.json: line 1: nesting deeper");
  assert_json_refused ("{\"code\": \"x\", // comment\n}", HD_IMPORT_ERROR_NOT_JSON, "line 1");
  assert_json_refused ("{\"code\": \"x\xff\"}", HD_IMPORT_ERROR_NOT_JSON, "not valid UTF-8");
  assert_json_refused ("{\n\"code\": \"x\",\n\"name\" \"n\"}", HD_IMPORT_ERROR_NOT_JSON, "bad.json: line 3: ");
  assert_json_refused ("{\"code\": ", HD_IMPORT_ERROR_NOT_JSON, "bad.json");
  assert_json_refused ("[1, 2]", HD_IMPORT_ERROR_INVALID_FEATURE, "one JSON object");
  assert_json_refused ("{\"name\": \"无代码\", \"applies_to\": \"site\", \"items\": []}",
                       HD_IMPORT_ERROR_INVALID_FEATURE, "“code”");
  assert_json_refused ("{\"code\": \"x\", \"name\": \"n\", \"applies_to\": \"region\", \"items\": []}",
                       HD_IMPORT_ERROR_INVALID_FEATURE, "“applies_to”");
  assert_json_refused ("{\"code\": \"x\", \"name\": \"n\", \"applies_to\": \"site\", \"items\": ["
                       "{\"code\": \"a\", \"title\": \"甲\"}, {\"code\": \"b\", \"title\": \"乙\"},"
                       "{\"code\": \"c\"}]}",
                       HD_IMPORT_ERROR_INVALID_FEATURE, "bad.json: item 3 (c): “title” is missing");
  assert_json_refused ("{\"code\": \"x\", \"name\": \"n\", \"applies_to\": \"site\", \"items\": ["
                       "{\"code\": \"a\", \"title\": \"甲\", \"kind\": \"must\"}]}",
                       HD_IMPORT_ERROR_INVALID_FEATURE, "item 1 (a): unknown kind “must”");
  assert_json_refused ("{\"code\": \"x\", \"name\": \"n\", \"applies_to\": \"site\", \"items\": ["
                       "{\"code\": \"a\", \"title\": \"甲\"}, {\"code\": \"a\", \"title\": \"乙\"}]}",
                       HD_IMPORT_ERROR_INVALID_FEATURE, "item 2 (a): item 1 has the same code");
  assert_json_refused ("{\"code\": \"x\", \"name\": \"n\", \"applies_to\": \"site\", \"items\": ["
                       "{\"code\": \"a\", \"title\": \"甲\", \"weight\": -1}]}",
                       HD_IMPORT_ERROR_INVALID_FEATURE, "item 1 (a)");
  assert_json_refused ("{\"code\": \"x\", \"name\": \"n\", \"applies_to\": \"site\", \"items\": [7]}",
                       HD_IMPORT_ERROR_INVALID_FEATURE, "item 1: an item must be a JSON object");
}

/* ---------------------------------------------------------------------------------------- */
/* CSV                                                                                      */

static const char good_csv[] =
  "\xEF\xBB\xBF" "code,title,kind,weight,category,guidance\r\n"
  "1.1,\"支部委员会健全，按期换届\",requirement,2,基本组织,\"查阅换届请示、批复\"\r\n"
  "1.2,\"落实“三会一课”\",requirement,,基本制度,\"记录本须有\"\"书记签字\"\"\"\r\n"
  "\r\n"
  "2.1,\"党员学习\n每月不少于一次\",requirement,1.5,基本活动,\r\n"
  "3.1,书记长期空缺,红线,0,,\r\n";

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(HdStandardSet) set = make_set ("district_routine", "区支部经常性工作清单", HD_SUBJECT_SITE);
  g_autofree char *id = NULL;
  HdStandardItem *item;

  g_assert_true (hd_standard_set_parse_csv (good_csv, strlen (good_csv), "list.csv", &items, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 4);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (hd_standard_item_get_code (item), ==, "1.1");
  g_assert_cmpstr (hd_standard_item_get_title (item), ==, "支部委员会健全，按期换届");
  g_assert_cmpfloat (hd_standard_item_get_weight (item), ==, 2);
  g_assert_cmpstr (hd_standard_item_get_category (item), ==, "基本组织");
  item = g_ptr_array_index (items, 1);
  g_assert_cmpfloat (hd_standard_item_get_weight (item), ==, 1);
  g_assert_cmpstr (hd_standard_item_get_guidance (item), ==, "记录本须有\"书记签字\"");
  item = g_ptr_array_index (items, 2);
  g_assert_cmpstr (hd_standard_item_get_title (item), ==, "党员学习\n每月不少于一次");
  g_assert_null (hd_standard_item_get_guidance (item));
  item = g_ptr_array_index (items, 3);
  g_assert_cmpint (hd_standard_item_get_kind (item), ==, HD_ITEM_KIND_RED_LINE);
  g_assert_cmpfloat (hd_standard_item_get_weight (item), ==, 0);

  id = hd_store_import_standard_set (f->store, set, items, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_standard_set_get_n_items (set), ==, 4);

  /* Without a BOM, LF only, columns in another order and in Chinese. */
  {
    static const char chinese[] = "类型,编号,标题,权重\n要求,A,有场所,1\n红线,B,阵地挪作他用,1\n";
    g_autoptr(GPtrArray) more = NULL;

    g_assert_true (hd_standard_set_parse_csv (chinese, strlen (chinese), "zh.csv", &more, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (more->len, ==, 2);
    g_assert_cmpstr (hd_standard_item_get_code (g_ptr_array_index (more, 1)), ==, "B");
    g_assert_cmpint (hd_standard_item_get_kind (g_ptr_array_index (more, 1)), ==, HD_ITEM_KIND_RED_LINE);
  }
}

static void
assert_csv_refused (const char *text,
                    const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_assert_false (hd_standard_set_parse_csv (text, strlen (text), "bad.csv", &items, &error));
  g_assert_nonnull (error);
  g_assert_null (items);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_csv_refused (void)
{
  assert_csv_refused ("", "the file is empty");
  assert_csv_refused ("code,title,weight\nA,甲,1\n", "line 1: the header must name");
  assert_csv_refused ("code,title,kind,wieght\n", "line 1: unknown column “wieght”");
  assert_csv_refused ("code,title,kind,weight\n", "no items");
  assert_csv_refused ("code,title,kind,weight\nA,甲,requirement,1\nB,乙,丙,requirement,1\n",
                      "line 3: 5 fields, but the header has 4");
  assert_csv_refused ("code,title,kind,weight\nA,甲,requirement,1\n\nB,乙,requirement,heavy\n",
                      "line 4: the weight “heavy”");
  assert_csv_refused ("code,title,kind,weight\nA,甲,must,1\n", "line 2: unknown kind “must”");
  assert_csv_refused ("code,title,kind,weight\nA,甲,requirement,1\nA,乙,requirement,1\n",
                      "line 3: the code “A” is also on line 2");
  assert_csv_refused ("code,title,kind,weight\nA,\"甲\n乙,requirement,1\n", "line 2: a quoted field is never closed");
  assert_csv_refused ("code,title,kind,weight\nA,\"甲\"乙,requirement,1\n", "line 2: text after the closing quote");
  assert_csv_refused ("code,title,kind,weight\nA,甲\"乙,requirement,1\n", "line 2: a quote inside an unquoted field");
  assert_csv_refused ("code,title,kind,weight\n,甲,requirement,1\n", "line 2: the code is empty");
  assert_csv_refused ("code,title,kind,weight\nA,,requirement,1\n", "line 2: the title of “A” is empty");
  /* A multi-line quoted field moves the line count on. */
  assert_csv_refused ("code,title,kind,weight\nA,\"甲\n乙\",requirement,1\nB,丙,requirement,-2\n",
                      "line 4: the weight “-2”");
  /* "有场所" in GBK, as Excel saves a CSV on a Chinese Windows. */
  assert_csv_refused ("code,title,kind,weight\nA,\xd3\xd0\xb3\xa1\xcb\xf9,requirement,1\n",
                      "line 2: the text is not valid UTF-8");
}

static void
test_parse_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "鼓楼 区 清单.csv", NULL);
  g_autofree char *txt_path = g_build_filename (f->dir, "list.txt", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) txt = g_file_new_for_path (txt_path);
  g_autoptr(HdStandardSet) set = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(HdStandardSet) none = NULL;
  g_autoptr(GPtrArray) no_items = NULL;

  g_assert_true (g_file_set_contents (csv_path, good_csv, -1, NULL));
  g_assert_true (g_file_set_contents (txt_path, good_csv, -1, NULL));
  g_assert_true (hd_standard_set_parse_file (csv, &set, &items, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hd_standard_set_get_code (set), ==, "鼓楼_区_清单");
  g_assert_cmpstr (hd_standard_set_get_name (set), ==, "鼓楼 区 清单");
  g_assert_cmpint (hd_standard_set_get_applies_to (set), ==, HD_SUBJECT_SITE);
  g_assert_cmpuint (items->len, ==, 4);
  g_assert_false (hd_standard_set_parse_file (txt, &none, &no_items, &error));
  g_assert_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_IO);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Messages are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/standards/builtin", test_builtin);
  ADD ("/standards/create", test_create);
  ADD ("/standards/versioning", test_versioning);
  ADD ("/standards/rename-delete", test_rename_delete);
  ADD ("/standards/json", test_json);
  g_test_add_func ("/standards/json-refused", test_json_refused);
  ADD ("/standards/csv", test_csv);
  g_test_add_func ("/standards/csv-refused", test_csv_refused);
  ADD ("/standards/parse-file", test_parse_file);
#undef ADD
  return g_test_run ();
}
