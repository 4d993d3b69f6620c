/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs the hongdai-cli binary (path in argv[1]) as a user would and checks exit codes, messages
 * and what the workspace holds afterwards. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "hd-test-sample.h"
#include "hd-test-util.h"

static const char *cli_path;
static char *tmp_dir;

static void
run_cli (HdTestRun  *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli_path);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  hd_test_run_argv (run, (const char * const *) args->pdata, G_SPAWN_DEFAULT);
}

static char *
db_in_tmp (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  g_remove (path);
  return g_steal_pointer (&path);
}

static int
count_lines (const char *text)
{
  int n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_usage (void)
{
  g_auto(HdTestRun) none = { 0 };
  g_auto(HdTestRun) unknown = { 0 };
  g_auto(HdTestRun) help = { 0 };
  g_auto(HdTestRun) bad_list = { 0 };
  g_auto(HdTestRun) bad_option = { 0 };

  run_cli (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "import"));

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));

  run_cli (&help, "import", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--dry-run"));

  run_cli (&bad_list, "list", "bogus", NULL);
  g_assert_cmpint (bad_list.status, ==, 2);

  run_cli (&bad_option, "stats", "--no-such-option", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_sample_workflow (void)
{
  g_autofree char *db = db_in_tmp ("sample.db");
  g_auto(HdTestRun) init = { 0 };
  g_auto(HdTestRun) again = { 0 };
  g_auto(HdTestRun) list = { 0 };
  g_auto(HdTestRun) stats = { 0 };
  g_auto(HdTestRun) check = { 0 };
  g_auto(HdTestRun) sites = { 0 };
  g_autoptr(JsonNode) belts = NULL;
  g_autoptr(JsonNode) counts = NULL;
  JsonArray *array;
  JsonObject *object;
  gboolean found = FALSE;

  run_cli (&init, "--db", db, "init", "--sample", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_cmpstr (init.err, ==, "");

  /* The sample goes only into an empty workspace. */
  run_cli (&again, "--db", db, "init", "--sample", NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_cmpint (count_lines (again.err), ==, 1);

  run_cli (&list, "--db", db, "list", "belts", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  belts = parse_json (list.out);
  array = json_node_get_array (belts);
  g_assert_cmpuint (json_array_get_length (array), >=, 5);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *belt = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (belt, "name"), "楼宇党建示范带") == 0)
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (belt, "region"), ==, "鼓楼区");
          g_assert_cmpint (json_object_get_int_member (belt, "sites"), >=, 8);
        }
    }
  g_assert_true (found);

  run_cli (&stats, "--db", db, "stats", "--json", NULL);
  g_assert_cmpint (stats.status, ==, 0);
  counts = parse_json (stats.out);
  object = json_node_get_object (counts);
  g_assert_cmpint (json_object_get_int_member (object, "belts"), ==, json_array_get_length (array));
  /* Jinwan's belt has fewer than 8 sites in the sample; Fuzhou's four do not. */
  g_assert_cmpint (json_object_get_int_member (object, "belts_under_min_sites"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "sites_by_kind"),
                                               "service_center"), >=, 6);

  run_cli (&check, "--db", db, "check", NULL);
  g_assert_cmpint (check.status, ==, 1);
  g_assert_nonnull (strstr (check.out, "金湾区党建示范带"));
  g_assert_nonnull (strstr (check.err, "problem"));

  run_cli (&sites, "--db", db, "list", "sites", NULL);
  g_assert_cmpint (sites.status, ==, 0);
  g_assert_cmpint (count_lines (sites.out), ==, json_object_get_int_member (object, "sites"));
}

static const char broken_geojson[] =
  "{\"type\": \"FeatureCollection\", \"features\": [\n"
  "  {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.29, 26.08]},\n"
  "   \"properties\": {\"name\": \"第一个示范点\", \"kind\": \"venue\"}},\n"
  "  {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.30, 26.09]},\n"
  "   \"properties\": {\"name\": \"第二个示范点\"}},\n"
  "  {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.31, 126.1]},\n"
  "   \"properties\": {\"name\": \"坐标错误的示范点\"}}\n"
  "]}\n";

static const char good_geojson[] =
  "{\"type\": \"FeatureCollection\", \"features\": [\n"
  "  {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.29, 26.08]},\n"
  "   \"properties\": {\"name\": \"新示范点甲\", \"kind\": \"red_post\", \"region\": \"鼓楼区\", \"wifi\": true}},\n"
  "  {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.30, 26.09]},\n"
  "   \"properties\": {\"name\": \"新示范点乙\", \"belt\": \"楼宇党建示范带\"}}\n"
  "]}\n";

static void
test_import_refusal_changes_nothing (void)
{
  g_autofree char *db = db_in_tmp ("import.db");
  g_autofree char *broken = g_build_filename (tmp_dir, "broken.geojson", NULL);
  g_autofree char *good = g_build_filename (tmp_dir, "good.geojson", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *after_dry = NULL;
  g_auto(HdTestRun) init = { 0 };
  g_auto(HdTestRun) bad = { 0 };
  g_auto(HdTestRun) dry = { 0 };
  g_auto(HdTestRun) real = { 0 };
  g_auto(HdTestRun) export = { 0 };

  g_assert_true (g_file_set_contents (broken, broken_geojson, -1, NULL));
  g_assert_true (g_file_set_contents (good, good_geojson, -1, NULL));
  run_cli (&init, "--db", db, "init", "--sample", NULL);
  g_assert_cmpint (init.status, ==, 0);
  before = hd_test_file_hash (db);

  /* Good file first, broken second: all or nothing across files. */
  run_cli (&bad, "--db", db, "import", good, broken, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_cmpstr (bad.out, ==, "");
  g_assert_cmpint (count_lines (bad.err), ==, 1);
  g_assert_nonnull (strstr (bad.err, "broken.geojson"));
  g_assert_nonnull (strstr (bad.err, "feature 2"));
  g_assert_nonnull (strstr (bad.err, "126.1"));
  after = hd_test_file_hash (db);
  g_assert_cmpstr (before, ==, after);

  run_cli (&dry, "--db", db, "import", "--dry-run", good, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "2"));
  after_dry = hd_test_file_hash (db);
  g_assert_cmpstr (before, ==, after_dry);

  run_cli (&real, "--db", db, "import", good, NULL);
  g_assert_cmpint (real.status, ==, 0);
  run_cli (&export, "--db", db, "export", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_nonnull (strstr (export.out, "新示范点甲"));
  /* The property Hongdai has no field for went through the round trip. */
  g_assert_nonnull (strstr (export.out, "\"wifi\""));
}

static void
test_export_round_trip (void)
{
  g_autofree char *db1 = db_in_tmp ("rt1.db");
  g_autofree char *db2 = db_in_tmp ("rt2.db");
  g_autofree char *file1 = g_build_filename (tmp_dir, "rt1.geojson", NULL);
  g_autofree char *file2 = g_build_filename (tmp_dir, "rt2.geojson", NULL);
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  g_auto(HdTestRun) init = { 0 };
  g_auto(HdTestRun) export1 = { 0 };
  g_auto(HdTestRun) import2 = { 0 };
  g_auto(HdTestRun) export2 = { 0 };
  g_auto(HdTestRun) bad_format = { 0 };

  run_cli (&init, "--db", db1, "init", "--sample", NULL);
  g_assert_cmpint (init.status, ==, 0);
  run_cli (&export1, "--db", db1, "export", "--format", "geojson", "-o", file1, NULL);
  g_assert_cmpint (export1.status, ==, 0);
  run_cli (&import2, "--db", db2, "import", file1, NULL);
  g_assert_cmpint (import2.status, ==, 0);
  run_cli (&export2, "--db", db2, "export", "-o", file2, NULL);
  g_assert_cmpint (export2.status, ==, 0);
  g_assert_true (g_file_get_contents (file1, &text1, NULL, NULL));
  g_assert_true (g_file_get_contents (file2, &text2, NULL, NULL));
  g_assert_cmpuint (strlen (text1), >, 1000);
  g_assert_cmpstr (text1, ==, text2);

  run_cli (&bad_format, "--db", db1, "export", "--format", "kml", NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
}

static void
test_refusals (void)
{
  g_autofree char *notdb = g_build_filename (tmp_dir, "notes.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(HdTestRun) run = { 0 };

  g_assert_true (g_file_set_contents (notdb, "会议纪要：不是数据库。\n", -1, NULL));
  before = hd_test_file_hash (notdb);
  run_cli (&run, "--db", notdb, "list", "belts", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "notes.db"));
  after = hd_test_file_hash (notdb);
  g_assert_cmpstr (before, ==, after);
}

static void
test_inspections_and_lights (void)
{
  g_autofree char *db = db_in_tmp ("inspections.db");
  g_autofree char *csv = g_build_filename (tmp_dir, "problems.csv", NULL);
  g_autofree char *site_arg = NULL;
  g_autofree char *csv_text = NULL;
  g_auto(HdTestRun) init = { 0 };
  g_auto(HdTestRun) all = { 0 };
  g_auto(HdTestRun) one = { 0 };
  g_auto(HdTestRun) missing = { 0 };
  g_auto(HdTestRun) both = { 0 };
  g_auto(HdTestRun) text = { 0 };
  g_auto(HdTestRun) stats = { 0 };
  g_auto(HdTestRun) stats_text = { 0 };
  g_auto(HdTestRun) overdue = { 0 };
  g_auto(HdTestRun) to_csv = { 0 };
  g_auto(HdTestRun) conflicting = { 0 };
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) mine = NULL;
  g_autoptr(JsonNode) counts = NULL;
  JsonArray *array;
  JsonObject *object, *by_light;
  const char *site_id = NULL;
  gint64 sum = 0;

  run_cli (&init, "--db", db, "init", "--sample", NULL);
  g_assert_cmpint (init.status, ==, 0);

  run_cli (&all, "--db", db, "inspections", "--json", NULL);
  g_assert_cmpint (all.status, ==, 0);
  list = parse_json (all.out);
  array = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (array), >=, 30);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *inspection = json_array_get_object_element (array, i);

      g_assert_true (json_object_has_member (inspection, "date"));
      g_assert_true (json_object_has_member (inspection, "light"));
      g_assert_true (json_object_has_member (inspection, "score"));
      if (i > 0)
        g_assert_cmpstr (json_object_get_string_member (inspection, "date"), <=,
                         json_object_get_string_member (json_array_get_object_element (array, i - 1), "date"));
      if (site_id == NULL && g_str_equal (json_object_get_string_member (inspection, "subject_kind"), "site") &&
          g_str_equal (json_object_get_string_member (inspection, "state"), "finished"))
        {
          site_id = json_object_get_string_member (inspection, "subject_id");
          g_assert_nonnull (json_object_get_string_member (inspection, "light"));
        }
    }
  g_assert_nonnull (site_id);
  site_arg = g_strdup (site_id);

  run_cli (&one, "--db", db, "inspections", "--site", site_arg, "--json", NULL);
  g_assert_cmpint (one.status, ==, 0);
  mine = parse_json (one.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (mine)), >=, 1);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (mine)); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (mine), i),
                                                    "subject_id"), ==, site_arg);

  run_cli (&missing, "--db", db, "inspections", "--site", "no-such-site", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_cmpint (count_lines (missing.err), ==, 1);
  g_assert_nonnull (strstr (missing.err, "no-such-site"));
  run_cli (&both, "--db", db, "inspections", "--site", "a", "--belt", "b", NULL);
  g_assert_cmpint (both.status, ==, 2);
  run_cli (&text, "--db", db, "inspections", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpint (count_lines (text.out), ==, json_array_get_length (array));

  /* Lights in the statistics: every site and belt counted once. */
  run_cli (&stats, "--db", db, "stats", "--json", NULL);
  g_assert_cmpint (stats.status, ==, 0);
  counts = parse_json (stats.out);
  object = json_node_get_object (counts);
  by_light = json_object_get_object_member (object, "sites_by_light");
  for (guint l = 0; l < 4; l++)
    {
      const char *names[] = { "grey", "green", "yellow", "red" };

      g_assert_cmpint (json_object_get_int_member (by_light, names[l]), >=, 1);
      sum += json_object_get_int_member (by_light, names[l]);
    }
  g_assert_cmpint (sum, ==, json_object_get_int_member (object, "sites"));
  by_light = json_object_get_object_member (object, "belts_by_light");
  g_assert_cmpint (json_object_get_int_member (by_light, "green") + json_object_get_int_member (by_light, "yellow") +
                   json_object_get_int_member (by_light, "red"), ==, hd_test_sample_inspected_belts ());
  g_assert_cmpint (json_object_get_int_member (by_light, "grey"), ==,
                   json_object_get_int_member (object, "belts") - hd_test_sample_inspected_belts ());
  g_assert_cmpint (json_object_get_int_member (by_light, "grey"), >=, 1);
  run_cli (&stats_text, "--db", db, "stats", NULL);
  g_assert_nonnull (strstr (stats_text.out, "Sites by light: green "));
  g_assert_nonnull (strstr (stats_text.out, "Belts by light: green "));

  run_cli (&overdue, "--db", db, "rectifications", "--overdue", NULL);
  g_assert_cmpint (overdue.status, ==, 0);
  g_assert_cmpint (count_lines (overdue.out), >=, 3);
  g_assert_nonnull (strstr (overdue.out, "(overdue)"));
  run_cli (&to_csv, "--db", db, "rectifications", "--csv", csv, NULL);
  g_assert_cmpint (to_csv.status, ==, 0);
  g_assert_cmpstr (to_csv.out, ==, "");
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv_text, "\xEF\xBB\xBFList,Subject,Type,Region,"));
  g_assert_nonnull (strstr (csv_text, "\r\n"));
  run_cli (&conflicting, "--db", db, "rectifications", "--overdue", "--all", NULL);
  g_assert_cmpint (conflicting.status, ==, 2);
}

static const char district_csv[] =
  "\xEF\xBB\xBF" "code,title,kind,weight,category\r\n"
  "1.1,\"支部委员会健全，按期换届\",requirement,2,基本组织\r\n"
  "1.2,落实“三会一课”,requirement,1,基本制度\r\n"
  "2.1,书记长期空缺,red_line,0,底线\r\n";

static const char broken_csv[] =
  "code,title,kind,weight\n"
  "1.1,支部委员会健全,requirement,2\n"
  "1.2,\"落实,三会一课,requirement,1\n";

static void
test_standards (void)
{
  g_autofree char *db = db_in_tmp ("standards.db");
  g_autofree char *good = g_build_filename (tmp_dir, "district.csv", NULL);
  g_autofree char *bad = g_build_filename (tmp_dir, "broken.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(HdTestRun) init = { 0 };
  g_auto(HdTestRun) list = { 0 };
  g_auto(HdTestRun) import = { 0 };
  g_auto(HdTestRun) again = { 0 };
  g_auto(HdTestRun) refused = { 0 };
  g_auto(HdTestRun) bad_kind = { 0 };
  g_auto(HdTestRun) nothing = { 0 };
  g_auto(HdTestRun) unknown = { 0 };
  g_auto(HdTestRun) export = { 0 };
  g_auto(HdTestRun) export_missing = { 0 };
  g_autoptr(JsonNode) sets = NULL;
  g_autoptr(JsonNode) sets_after = NULL;
  g_autoptr(JsonNode) exported = NULL;
  gboolean found = FALSE;

  g_assert_true (g_file_set_contents (good, district_csv, -1, NULL));
  g_assert_true (g_file_set_contents (bad, broken_csv, -1, NULL));
  run_cli (&init, "--db", db, "init", "--sample", NULL);
  g_assert_cmpint (init.status, ==, 0);

  run_cli (&list, "--db", db, "standards", "list", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  sets = parse_json (list.out);
  /* The three built-in sets and the sample's bottom-line list. */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (sets)), ==, 4);

  /* A broken file: one line naming the line, and the workspace as it was. */
  before = hd_test_file_hash (db);
  run_cli (&refused, "--db", db, "standards", "import", bad, "--code", "district", "--name", "区级清单", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_cmpint (count_lines (refused.err), ==, 1);
  g_assert_nonnull (strstr (refused.err, "broken.csv: line 3"));
  after = hd_test_file_hash (db);
  g_assert_cmpstr (before, ==, after);

  run_cli (&import, "--db", db, "standards", "import", good, "--code", "gulou_routine",
           "--name", "鼓楼区支部经常性工作清单", "--applies-to", "site", NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "3 items"));
  run_cli (&again, "--db", db, "standards", "list", "--json", NULL);
  sets_after = parse_json (again.out);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (sets_after)); i++)
    {
      JsonObject *set = json_array_get_object_element (json_node_get_array (sets_after), i);

      if (g_str_equal (json_object_get_string_member (set, "code"), "gulou_routine"))
        {
          found = TRUE;
          g_assert_cmpint (json_object_get_int_member (set, "items"), ==, 3);
          g_assert_cmpstr (json_object_get_string_member (set, "applies_to"), ==, "site");
          g_assert_false (json_object_get_boolean_member (set, "builtin"));
        }
    }
  g_assert_true (found);

  run_cli (&bad_kind, "--db", db, "standards", "import", good, "--applies-to", "region", NULL);
  g_assert_cmpint (bad_kind.status, ==, 2);
  run_cli (&nothing, "--db", db, "standards", NULL);
  g_assert_cmpint (nothing.status, ==, 2);
  run_cli (&unknown, "--db", db, "standards", "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);

  run_cli (&export, "--db", db, "standards", "export", "gulou_routine", NULL);
  g_assert_cmpint (export.status, ==, 0);
  exported = parse_json (export.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (exported), "code"), ==, "gulou_routine");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (exported), "items")),
                    ==, 3);
  run_cli (&export_missing, "--db", db, "standards", "export", "no_such_code", NULL);
  g_assert_cmpint (export_missing.status, ==, 1);
  g_assert_cmpint (count_lines (export_missing.err), ==, 1);
}

/* Plans: list with indicators and status, show one, snapshots (by id, --all, --monthly once a
 * month) and the refusals, each with its exit code. */
static void
test_plans (void)
{
  g_autofree char *db = db_in_tmp ("plans.db");
  g_auto(HdTestRun) init = { 0 };
  g_auto(HdTestRun) list = { 0 };
  g_auto(HdTestRun) show = { 0 };
  g_auto(HdTestRun) text = { 0 };
  g_auto(HdTestRun) snap = { 0 };
  g_auto(HdTestRun) again = { 0 };
  g_auto(HdTestRun) monthly = { 0 };
  g_auto(HdTestRun) monthly2 = { 0 };
  g_auto(HdTestRun) bad_date = { 0 };
  g_auto(HdTestRun) no_target = { 0 };
  g_auto(HdTestRun) unknown = { 0 };
  g_autoptr(JsonNode) plans = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) after = NULL;
  JsonArray *array, *indicators;
  const char *id = NULL;
  guint n_computed = 0;

  run_cli (&init, "--db", db, "init", "--sample", NULL);
  g_assert_cmpint (init.status, ==, 0);

  run_cli (&list, "--db", db, "list", "plans", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  plans = parse_json (list.out);
  array = json_node_get_array (plans);
  g_assert_cmpuint (json_array_get_length (array), >=, 2);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *plan = json_array_get_object_element (array, i);

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "themes")), ==, 3);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "indicators")), >, 0);
      if (g_strcmp0 (json_object_get_string_member (plan, "region"), "福州市") == 0)
        id = json_object_get_string_member (plan, "id");
    }
  g_assert_nonnull (id);

  run_cli (&show, "--db", db, "plan", "show", id, "--date", "2020-12-31", "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  shown = parse_json (show.out);
  indicators = json_object_get_array_member (json_node_get_object (shown), "indicators");
  for (guint k = 0; k < json_array_get_length (indicators); k++)
    {
      JsonObject *indicator = json_array_get_object_element (indicators, k);
      const char *status = json_object_get_string_member (indicator, "status");

      g_assert_true (g_str_equal (status, "on-track") || g_str_equal (status, "at-risk") ||
                     g_str_equal (status, "behind"));
      g_assert_cmpstr (json_object_get_string_member (indicator, "latest_date"), <=, "2020-12-31");
      if (json_object_get_string_member_with_default (indicator, "computed", NULL) != NULL)
        n_computed++;
    }
  g_assert_cmpuint (n_computed, >, 0);

  run_cli (&text, "--db", db, "plan", "show", id, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "一年打基础"));

  /* A snapshot writes one value per computed indicator; again the same day replaces them. */
  run_cli (&snap, "--db", db, "plan", "snapshot", id, "--date", "2030-01-15", NULL);
  g_assert_cmpint (snap.status, ==, 0);
  {
    g_autofree char *expected = g_strdup_printf ("Snapshot of 2030-01-15: %u values\n", n_computed);

    g_assert_cmpstr (snap.out, ==, expected);
  }
  run_cli (&again, "--db", db, "plan", "show", id, "--date", "2030-01-15", "--json", NULL);
  after = parse_json (again.out);
  indicators = json_object_get_array_member (json_node_get_object (after), "indicators");
  for (guint k = 0; k < json_array_get_length (indicators); k++)
    {
      JsonObject *indicator = json_array_get_object_element (indicators, k);

      if (json_object_get_string_member_with_default (indicator, "computed", NULL) != NULL)
        g_assert_cmpstr (json_object_get_string_member (indicator, "latest_date"), ==, "2030-01-15");
    }

  run_cli (&monthly, "--db", db, "plan", "snapshot", "--monthly", NULL);
  g_assert_cmpint (monthly.status, ==, 0);
  g_assert_nonnull (strstr (monthly.out, "Snapshot of"));
  run_cli (&monthly2, "--db", db, "plan", "snapshot", "--monthly", NULL);
  g_assert_cmpint (monthly2.status, ==, 0);
  g_assert_cmpstr (monthly2.out, ==, "This month’s snapshot was taken already\n");

  run_cli (&bad_date, "--db", db, "plan", "snapshot", "--all", "--date", "2030-02-30", NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
  g_assert_nonnull (strstr (bad_date.err, "2030-02-30"));
  run_cli (&no_target, "--db", db, "plan", "snapshot", NULL);
  g_assert_cmpint (no_target.status, ==, 2);
  run_cli (&unknown, "--db", db, "plan", "show", "no-such-plan", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_cmpint (count_lines (unknown.err), ==, 1);
  g_assert_nonnull (strstr (unknown.err, "no-such-plan"));
}

static void
test_figures (void)
{
  g_autofree char *db = db_in_tmp ("figures.db");
  g_autofree char *first_day = NULL;
  g_auto(HdTestRun) init = { 0 };
  g_auto(HdTestRun) stats = { 0 };
  g_auto(HdTestRun) regions = { 0 };
  g_auto(HdTestRun) city = { 0 };
  g_auto(HdTestRun) belts = { 0 };
  g_auto(HdTestRun) matrix = { 0 };
  g_auto(HdTestRun) matrix_text = { 0 };
  g_auto(HdTestRun) inspections = { 0 };
  g_auto(HdTestRun) activity = { 0 };
  g_auto(HdTestRun) no_scope = { 0 };
  g_auto(HdTestRun) unknown = { 0 };
  g_auto(HdTestRun) bogus = { 0 };
  g_autoptr(JsonNode) stats_root = NULL;
  g_autoptr(JsonNode) regions_root = NULL;
  g_autoptr(JsonNode) city_root = NULL;
  g_autoptr(JsonNode) belts_root = NULL;
  g_autoptr(JsonNode) matrix_root = NULL;
  g_autoptr(JsonNode) inspections_root = NULL;
  g_autoptr(JsonNode) activity_root = NULL;
  JsonObject *total, *first_belt;
  JsonArray *rows, *months, *list;
  const char *city_id = NULL;
  gint64 light_sum = 0, expected = 0, counted = 0;

  run_cli (&init, "--db", db, "init", "--sample", NULL);
  g_assert_cmpint (init.status, ==, 0);
  run_cli (&stats, "--db", db, "stats", "--json", NULL);
  stats_root = parse_json (stats.out);

  /* The workspace by top-level region: every site and belt once; the lights add up. */
  run_cli (&regions, "--db", db, "figures", "regions", "--json", NULL);
  g_assert_cmpint (regions.status, ==, 0);
  regions_root = parse_json (regions.out);
  total = json_object_get_object_member (json_node_get_object (regions_root), "total");
  g_assert_cmpint (json_object_get_int_member (total, "sites"), ==,
                   json_object_get_int_member (json_node_get_object (stats_root), "sites"));
  g_assert_cmpint (json_object_get_int_member (total, "belts"), ==,
                   json_object_get_int_member (json_node_get_object (stats_root), "belts"));
  g_assert_cmpint (json_object_get_int_member (total, "belts_full"), ==,
                   hd_test_sample_belts_with_sites (8));
  for (guint l = 0; l < 4; l++)
    {
      const char *names[] = { "grey", "green", "yellow", "red" };

      light_sum += json_object_get_int_member (json_object_get_object_member (total, "sites_by_light"), names[l]);
    }
  g_assert_cmpint (light_sum, ==, json_object_get_int_member (total, "sites"));
  rows = json_object_get_array_member (json_node_get_object (regions_root), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (rows, i), "name"), "福州市"))
      city_id = json_object_get_string_member (json_array_get_object_element (rows, i), "id");
  g_assert_nonnull (city_id);

  /* Fuzhou by district: the sample meets the plan's 10+ belts of 8+ sites. */
  run_cli (&city, "--db", db, "figures", "regions", "--region", city_id, "--json", NULL);
  g_assert_cmpint (city.status, ==, 0);
  city_root = parse_json (city.out);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (city_root), "total"),
                                               "belts_full"), >=, 10);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (city_root), "rows")), >=, 7);

  /* A belt's matrix: one row per route site, six columns. */
  run_cli (&belts, "--db", db, "list", "belts", "--json", NULL);
  belts_root = parse_json (belts.out);
  first_belt = json_array_get_object_element (json_node_get_array (belts_root), 0);
  run_cli (&matrix, "--db", db, "figures", "matrix", "--belt",
           json_object_get_string_member (first_belt, "id"), "--json", NULL);
  g_assert_cmpint (matrix.status, ==, 0);
  matrix_root = parse_json (matrix.out);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (matrix_root), "rows")), ==,
                   json_object_get_int_member (first_belt, "sites"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (matrix_root), "columns")), ==, 6);
  run_cli (&matrix_text, "--db", db, "figures", "matrix", "--belt",
           json_object_get_string_member (first_belt, "id"), NULL);
  g_assert_cmpint (matrix_text.status, ==, 0);
  g_assert_nonnull (strstr (matrix_text.out, "六有"));

  /* Activity: 12 months, the last this one, adding up to the finished inspections since. */
  run_cli (&activity, "--db", db, "figures", "activity", "--months", "12", "--json", NULL);
  g_assert_cmpint (activity.status, ==, 0);
  activity_root = parse_json (activity.out);
  months = json_object_get_array_member (json_node_get_object (activity_root), "months");
  g_assert_cmpuint (json_array_get_length (months), ==, 12);
  first_day = g_strdup_printf ("%s-01", json_object_get_string_member (json_array_get_object_element (months, 0), "month"));
  for (guint m = 0; m < 12; m++)
    counted += json_object_get_int_member (json_array_get_object_element (months, m), "total");
  run_cli (&inspections, "--db", db, "inspections", "--json", NULL);
  inspections_root = parse_json (inspections.out);
  list = json_node_get_array (inspections_root);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *inspection = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (inspection, "state"), "finished") &&
          strcmp (json_object_get_string_member (inspection, "date"), first_day) >= 0)
        expected++;
    }
  g_assert_cmpint (counted, ==, expected);
  g_assert_cmpint (counted, >, 0);

  /* Refusals: usage errors exit 2, an unknown record 1 with its id named. */
  run_cli (&no_scope, "--db", db, "figures", "matrix", NULL);
  g_assert_cmpint (no_scope.status, ==, 2);
  run_cli (&bogus, "--db", db, "figures", "pies", NULL);
  g_assert_cmpint (bogus.status, ==, 2);
  run_cli (&unknown, "--db", db, "figures", "regions", "--region", "no-such-region", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "no-such-region"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: test-cli PATH-TO-hongdai-cli");
  cli_path = argv[1];
  tmp_dir = hd_test_dir_new ();
  /* The CLI's messages are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/sample-workflow", test_sample_workflow);
  g_test_add_func ("/cli/import-refusal-changes-nothing", test_import_refusal_changes_nothing);
  g_test_add_func ("/cli/export-round-trip", test_export_round_trip);
  g_test_add_func ("/cli/refusals", test_refusals);
  g_test_add_func ("/cli/inspections-and-lights", test_inspections_and_lights);
  g_test_add_func ("/cli/standards", test_standards);
  g_test_add_func ("/cli/plans", test_plans);
  g_test_add_func ("/cli/figures", test_figures);
  status = g_test_run ();
  hd_test_dir_free (tmp_dir);
  return status;
}
