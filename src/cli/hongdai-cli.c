/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hongdai-cli: the workspace without a display. Exit 0 on success, 1 with a one-line error on
 * stderr, 2 on usage errors. */
#define G_LOG_DOMAIN "hongdai-cli"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "hd-figures.h"
#include "hd-geojson.h"
#include "hd-inspection.h"
#include "hd-plan-progress.h"
#include "hd-report.h"
#include "hd-store.h"

#define EXIT_USAGE 2

typedef struct {
  const char *name;
  const char *parameters;
  const char *summary;
  int (*run) (const char *db_path, int argc, char **argv);
} Command;

static void
print_error (const char *message)
{
  g_printerr ("hongdai-cli: %s\n", message);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("hongdai-cli: %s\n\n%s", message, help);
  return EXIT_USAGE;
}

/* Parses a command's options; returns -1 to go on, or the exit status (help, usage error). */
static int
parse_command_options (GOptionContext *context,
                       int            *argc,
                       char         ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    return usage_error (context, error->message);
  return -1;
}

static HdStore *
open_store (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_path ? g_strdup (db_path) : hd_store_default_path ();
  HdStore *store = hd_store_open (path, &error);

  if (store == NULL)
    print_error (error->message);
  return store;
}

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* ---------------------------------------------------------------------------------------- */

static int
cmd_init (const char  *db_path,
          int          argc,
          char       **argv)
{
  gboolean sample = FALSE;
  const GOptionEntry entries[] = {
    { "sample", 0, 0, G_OPTION_ARG_NONE, &sample,
      N_("Load the sample workspace (Fuzhou’s four belts, Jinwan’s service centers)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (context, _("Create a workspace, or upgrade an existing one to this version’s format."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return usage_error (context, _("init takes no arguments"));

  store = open_store (db_path);
  if (store == NULL)
    return 1;
  if (sample)
    {
      if (!hd_store_is_empty (store))
        {
          print_error (_("the workspace already has data; the sample is only loaded into an empty workspace"));
          return 1;
        }
      if (!hd_store_load_sample (store, &error))
        {
          print_error (error->message);
          return 1;
        }
    }
  g_print (_("Workspace %s (format %d) — regions: %u, belts: %u, sites: %u\n"),
           hd_store_get_path (store), hd_store_get_schema_version (store),
           g_list_model_get_n_items (hd_store_get_regions (store)),
           g_list_model_get_n_items (hd_store_get_belts (store)),
           g_list_model_get_n_items (hd_store_get_sites (store)));
  return 0;
}


static int
cmd_import (const char  *db_path,
            int          argc,
            char       **argv)
{
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the files against the workspace and change nothing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_auto(HdImportSummary) summary = { 0 };
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (context, _("Import GeoJSON files: Point features become sites, LineStrings belts, Polygons regions.\nAll files go in together or, if any feature is wrong, nothing does."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc < 2)
    return usage_error (context, _("import needs at least one file"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);

      if (!hd_geojson_parse_file (batch, file, &error))
        {
          print_error (error->message);
          return 1;
        }
    }

  store = open_store (db_path);
  if (store == NULL)
    return 1;
  if (!hd_store_import (store, batch, dry_run, &summary, &error))
    {
      print_error (error->message);
      return 1;
    }

  g_print (dry_run ? _("Checked, nothing written. Would import — regions: %u, belts: %u, sites: %u, places on belt routes: %u\n")
                   : _("Imported — regions: %u, belts: %u, sites: %u, places on belt routes: %u\n"),
           summary.regions_added, summary.belts_added, summary.sites_added,
           summary.memberships_added);
  if (summary.regions_created != NULL && summary.regions_created->len > 0)
    {
      g_ptr_array_add (summary.regions_created, NULL);
      {
        g_autofree char *names = g_strjoinv ("、", (char **) summary.regions_created->pdata);

        g_print (_("Regions added because features named them: %s\n"), names);
      }
    }
  return 0;
}

static int
cmd_export (const char  *db_path,
            int          argc,
            char       **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format (geojson)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status;

  g_option_context_set_summary (context, _("Export the whole workspace."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return usage_error (context, _("export takes no arguments; use -o FILE"));
  if (format != NULL && g_strcmp0 (format, "geojson") != 0)
    return usage_error (context, _("unknown format; the formats are: geojson"));

  store = open_store (db_path);
  if (store == NULL)
    return 1;
  text = hd_geojson_export (store, &error);
  if (text == NULL)
    {
      print_error (error->message);
      return 1;
    }
  if (output == NULL)
    {
      fputs (text, stdout);
      return fflush (stdout) == 0 ? 0 : 1;
    }
  /* g_file_set_contents writes a temporary file and renames it: a failed export never leaves a
   * half-written file behind. */
  if (!g_file_set_contents (output, text, -1, &error))
    {
      print_error (error->message);
      return 1;
    }
  return 0;
}

/* ---------------------------------------------------------------------------------------- */

static const char *
region_name (HdStore    *store,
             const char *region_id)
{
  HdRegion *region = hd_store_lookup_region (store, region_id);

  return region ? hd_region_get_name (region) : "";
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

static void
list_belts (HdStore     *store,
            JsonBuilder *builder)
{
  GListModel *belts = hd_store_get_belts (store);

  for (guint i = 0, n = g_list_model_get_n_items (belts); i < n; i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (belts, i);

      if (builder == NULL)
        {
          g_print ("%s\t%s\t%s\t%d\t%s\n", hd_belt_get_id (belt), hd_belt_get_name (belt),
                   region_name (store, hd_belt_get_region_id (belt)),
                   hd_belt_get_site_count (belt), hd_belt_stage_label (hd_belt_get_stage (belt)));
          continue;
        }
      json_builder_begin_object (builder);
      add_string (builder, "id", hd_belt_get_id (belt));
      add_string (builder, "name", hd_belt_get_name (belt));
      add_string (builder, "region", hd_store_lookup_region (store, hd_belt_get_region_id (belt))
                                     ? region_name (store, hd_belt_get_region_id (belt)) : NULL);
      add_string (builder, "brand", hd_belt_get_brand (belt));
      add_string (builder, "stage", hd_belt_stage_to_string (hd_belt_get_stage (belt)));
      if (hd_belt_get_start_year (belt) != 0)
        add_int (builder, "start_year", hd_belt_get_start_year (belt));
      add_int (builder, "sites", hd_belt_get_site_count (belt));
      json_builder_end_object (builder);
    }
}

static void
list_sites (HdStore     *store,
            JsonBuilder *builder)
{
  GListModel *sites = hd_store_get_sites (store);

  for (guint i = 0, n = g_list_model_get_n_items (sites); i < n; i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      if (builder == NULL)
        {
          g_autofree char *position = hd_site_get_has_position (site)
            ? g_strdup_printf ("%.6f,%.6f", hd_site_get_latitude (site), hd_site_get_longitude (site))
            : g_strdup ("-");

          g_print ("%s\t%s\t%s\t%s\t%s\n", hd_site_get_id (site), hd_site_get_name (site),
                   hd_site_kind_label (hd_site_get_kind (site)),
                   region_name (store, hd_site_get_region_id (site)), position);
          continue;
        }
      json_builder_begin_object (builder);
      add_string (builder, "id", hd_site_get_id (site));
      add_string (builder, "name", hd_site_get_name (site));
      add_string (builder, "kind", hd_site_kind_to_string (hd_site_get_kind (site)));
      if (hd_site_get_domain (site) != HD_DOMAIN_UNSET)
        add_string (builder, "domain", hd_domain_to_string (hd_site_get_domain (site)));
      if (hd_site_get_level (site) != HD_SITE_LEVEL_NONE)
        add_string (builder, "level", hd_site_level_to_string (hd_site_get_level (site)));
      add_string (builder, "region", hd_store_lookup_region (store, hd_site_get_region_id (site))
                                     ? region_name (store, hd_site_get_region_id (site)) : NULL);
      add_string (builder, "organisation", hd_site_get_organisation (site));
      add_int (builder, "members", hd_site_get_members (site));
      if (hd_site_get_has_position (site))
        {
          json_builder_set_member_name (builder, "lat");
          json_builder_add_double_value (builder, hd_site_get_latitude (site));
          json_builder_set_member_name (builder, "lon");
          json_builder_add_double_value (builder, hd_site_get_longitude (site));
        }
      json_builder_end_object (builder);
    }
}

static void
list_regions (HdStore     *store,
              JsonBuilder *builder)
{
  GListModel *regions = hd_store_get_regions (store);

  for (guint i = 0, n = g_list_model_get_n_items (regions); i < n; i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);

      if (builder == NULL)
        {
          g_print ("%s\t%s\t%s\t%s\n", hd_region_get_id (region), hd_region_get_name (region),
                   hd_region_level_label (hd_region_get_level (region)),
                   region_name (store, hd_region_get_parent_id (region)));
          continue;
        }
      json_builder_begin_object (builder);
      add_string (builder, "id", hd_region_get_id (region));
      add_string (builder, "name", hd_region_get_name (region));
      add_string (builder, "level", hd_region_level_to_string (hd_region_get_level (region)));
      add_string (builder, "parent", hd_store_lookup_region (store, hd_region_get_parent_id (region))
                                     ? region_name (store, hd_region_get_parent_id (region)) : NULL);
      add_string (builder, "code", hd_region_get_code (region));
      json_builder_set_member_name (builder, "has_boundary");
      json_builder_add_boolean_value (builder, hd_region_get_geometry (region) != NULL);
      json_builder_end_object (builder);
    }
}

static void
add_number_or_null (JsonBuilder *builder,
                    const char  *key,
                    double       value)
{
  json_builder_set_member_name (builder, key);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

/* One indicator's progress as JSON: what `list plans --json` and `plan show --json` print. */
static void
add_progress (JsonBuilder         *builder,
              HdIndicatorProgress *p,
              gboolean             with_actuals)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", hd_indicator_get_id (p->indicator));
  add_string (builder, "name", hd_indicator_get_name (p->indicator));
  add_string (builder, "unit", hd_indicator_get_unit (p->indicator));
  add_string (builder, "computed", hd_indicator_get_computed_key (p->indicator));
  json_builder_set_member_name (builder, "higher_is_better");
  json_builder_add_boolean_value (builder, hd_indicator_get_higher_is_better (p->indicator));
  json_builder_set_member_name (builder, "targets");
  json_builder_begin_array (builder);
  for (int y = 0; y < 3; y++)
    {
      if (isnan (p->targets[y]))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, p->targets[y]);
    }
  json_builder_end_array (builder);
  add_number_or_null (builder, "latest", p->latest);
  add_string (builder, "latest_date", p->latest_date);
  add_number_or_null (builder, "expected", p->expected);
  add_number_or_null (builder, "year_percent", p->year_percent);
  add_string (builder, "status", hd_plan_status_to_string (p->status));
  if (with_actuals)
    {
      json_builder_set_member_name (builder, "actuals");
      json_builder_begin_array (builder);
      for (guint a = 0; a < p->actuals->len; a++)
        {
          HdIndicatorActual *actual = g_ptr_array_index (p->actuals, a);

          json_builder_begin_object (builder);
          add_string (builder, "date", actual->date);
          json_builder_set_member_name (builder, "value");
          json_builder_add_double_value (builder, actual->value);
          add_string (builder, "note", actual->note);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
list_plans (HdStore     *store,
            JsonBuilder *builder)
{
  GListModel *plans = hd_store_get_plans (store);
  GDate today = hd_store_get_today (store);

  for (guint i = 0, n = g_list_model_get_n_items (plans); i < n; i++)
    {
      g_autoptr(HdPlan) plan = g_list_model_get_item (plans, i);
      g_autoptr(GPtrArray) progress = hd_store_get_plan_progress (store, hd_plan_get_id (plan), &today, NULL);
      int first = hd_plan_get_first_year (plan);
      guint by_status[HD_PLAN_STATUS_BEHIND + 1] = { 0, };

      for (guint k = 0; progress != NULL && k < progress->len; k++)
        by_status[((HdIndicatorProgress *) g_ptr_array_index (progress, k))->status]++;
      if (builder == NULL)
        {
          /* TRANSLATORS: counts of a plan's indicators by status */
          g_autofree char *summary = g_strdup_printf (_("%u indicators: %u on track, %u at risk, %u behind"),
                                                      progress ? progress->len : 0,
                                                      by_status[HD_PLAN_STATUS_ON_TRACK],
                                                      by_status[HD_PLAN_STATUS_AT_RISK],
                                                      by_status[HD_PLAN_STATUS_BEHIND]);

          g_print ("%s\t%s\t%d–%d\t%s\t%s\n", hd_plan_get_id (plan), hd_plan_get_title (plan),
                   first, first + 2, region_name (store, hd_plan_get_region_id (plan)), summary);
          continue;
        }
      json_builder_begin_object (builder);
      add_string (builder, "id", hd_plan_get_id (plan));
      add_string (builder, "title", hd_plan_get_title (plan));
      add_int (builder, "first_year", first);
      add_string (builder, "region", hd_store_lookup_region (store, hd_plan_get_region_id (plan))
                                     ? region_name (store, hd_plan_get_region_id (plan)) : NULL);
      json_builder_set_member_name (builder, "themes");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, hd_plan_get_theme1 (plan));
      json_builder_add_string_value (builder, hd_plan_get_theme2 (plan));
      json_builder_add_string_value (builder, hd_plan_get_theme3 (plan));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "indicators");
      json_builder_begin_array (builder);
      for (guint k = 0; progress != NULL && k < progress->len; k++)
        add_progress (builder, g_ptr_array_index (progress, k), FALSE);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
}

static int
cmd_list (const char  *db_path,
          int          argc,
          char       **argv)
{
  static const struct {
    const char *what;
    void (*list) (HdStore *store, JsonBuilder *builder);
  } lists[] = {
    { "belts", list_belts },
    { "sites", list_sites },
    { "regions", list_regions },
    { "plans", list_plans },
  };
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of tab-separated lines"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("belts|sites|regions|plans");
  g_autoptr(HdStore) store = NULL;
  int status;

  g_option_context_set_summary (context, _("List the workspace’s belts, sites, regions or plans."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return usage_error (context, _("list needs one of: belts, sites, regions, plans"));

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(JsonBuilder) builder = NULL;

      if (g_strcmp0 (argv[1], lists[i].what) != 0)
        continue;
      store = open_store (db_path);
      if (store == NULL)
        return 1;
      if (json)
        {
          g_autoptr(JsonNode) root = NULL;

          builder = json_builder_new ();
          json_builder_begin_array (builder);
          lists[i].list (store, builder);
          json_builder_end_array (builder);
          root = json_builder_get_root (builder);
          print_json (root);
        }
      else
        {
          lists[i].list (store, NULL);
        }
      return 0;
    }
  return usage_error (context, _("list needs one of: belts, sites, regions, plans"));
}

/* ---------------------------------------------------------------------------------------- */

static void
add_counts (JsonBuilder *builder,
            const char  *key,
            const guint *counts,
            guint        n,
            const char *(*to_string) (int))
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    add_int (builder, to_string ((int) i), counts[i]);
  json_builder_end_object (builder);
}

static const char *kind_string (int v) { return hd_site_kind_to_string ((HdSiteKind) v); }
static const char *light_string (int v) { return hd_light_to_string ((HdLight) v); }
static const char *domain_string (int v) { return hd_domain_to_string ((HdDomain) v); }
static const char *level_string (int v) { return hd_site_level_to_string ((HdSiteLevel) v); }
static const char *kind_label (int v) { return hd_site_kind_label ((HdSiteKind) v); }
static const char *domain_label (int v) { return hd_domain_label ((HdDomain) v); }
static const char *level_label (int v) { return hd_site_level_label ((HdSiteLevel) v); }

/* Pads to a width in terminal columns: a Chinese character takes two columns and three bytes,
 * so printf's %-24s would misalign every row that has one. */
static void
print_padded (const char *text,
              int         columns)
{
  int width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      width += g_unichar_iswide (c) ? 2 : g_unichar_iszerowidth (c) ? 0 : 1;
    }
  g_print ("  %s%*s", text, MAX (columns - width, 1), "");
}

static void
print_counts (const char  *title,
              const guint *counts,
              guint        n,
              const char *(*label) (int))
{
  g_print ("%s\n", title);
  for (guint i = 0; i < n; i++)
    if (counts[i] > 0)
      {
        print_padded (label ((int) i), 28);
        g_print ("%6u\n", counts[i]);
      }
}

static void
add_rows (JsonBuilder *builder,
          const char  *key,
          GArray      *rows,
          gboolean     with_belts)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      HdStatsRow *row = &g_array_index (rows, HdStatsRow, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      if (row->id)
        json_builder_add_string_value (builder, row->id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "name");
      if (row->name)
        json_builder_add_string_value (builder, row->name);
      else
        json_builder_add_null_value (builder);
      add_int (builder, "sites", row->sites);
      if (with_belts)
        add_int (builder, "belts", row->belts);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* How many sites and belts have each light today (in the workspace's time zone). */
static gboolean
count_lights (HdStore  *store,
              guint    *site_counts,
              guint    *belt_counts,
              GError  **error)
{
  g_autoptr(GHashTable) sites = NULL;
  g_autoptr(GHashTable) belts = NULL;
  GDate today = hd_store_get_today (store);
  GHashTableIter iter;
  gpointer value;

  if (!hd_store_compute_lights (store, &today, &sites, &belts, error))
    return FALSE;
  g_hash_table_iter_init (&iter, sites);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    site_counts[GPOINTER_TO_INT (value)]++;
  g_hash_table_iter_init (&iter, belts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    belt_counts[GPOINTER_TO_INT (value)]++;
  return TRUE;
}

static int
cmd_stats (const char  *db_path,
           int          argc,
           char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  guint site_lights[HD_N_LIGHTS] = { 0 };
  guint belt_lights[HD_N_LIGHTS] = { 0 };
  int status;

  {
    g_autofree char *summary = g_strdup_printf (_("Counts by kind, domain, level and region; sites per belt; belts with fewer than %d sites; sites and belts by light."),
                                                HD_BELT_MIN_SITES);
    g_option_context_set_summary (context, summary);
  }
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return usage_error (context, _("stats takes no arguments"));

  store = open_store (db_path);
  if (store == NULL)
    return 1;
  stats = hd_store_collect_stats (store, &error);
  if (stats == NULL)
    {
      print_error (error->message);
      return 1;
    }

  if (!count_lights (store, site_lights, belt_lights, &error))
    {
      print_error (error->message);
      return 1;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_int (builder, "regions", stats->n_regions);
      add_int (builder, "belts", stats->n_belts);
      add_int (builder, "sites", stats->n_sites);
      add_int (builder, "plans", stats->n_plans);
      add_counts (builder, "sites_by_kind", stats->by_kind, G_N_ELEMENTS (stats->by_kind), kind_string);
      add_counts (builder, "sites_by_domain", stats->by_domain, G_N_ELEMENTS (stats->by_domain), domain_string);
      add_counts (builder, "sites_by_level", stats->by_level, G_N_ELEMENTS (stats->by_level), level_string);
      add_rows (builder, "by_region", stats->by_region, TRUE);
      add_rows (builder, "sites_per_belt", stats->per_belt, FALSE);
      add_int (builder, "belts_under_min_sites", stats->belts_under_min);
      add_int (builder, "min_sites_per_belt", HD_BELT_MIN_SITES);
      add_int (builder, "sites_without_position", stats->sites_without_position);
      add_int (builder, "sites_on_no_belt", stats->sites_on_no_belt);
      add_counts (builder, "sites_by_light", site_lights, HD_N_LIGHTS, light_string);
      add_counts (builder, "belts_by_light", belt_lights, HD_N_LIGHTS, light_string);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return 0;
    }

  g_print (_("Regions: %u  Belts: %u  Sites: %u  Plans: %u\n"),
           stats->n_regions, stats->n_belts, stats->n_sites, stats->n_plans);
  print_counts (_("Sites by kind:"), stats->by_kind, G_N_ELEMENTS (stats->by_kind), kind_label);
  print_counts (_("Sites by domain:"), stats->by_domain, G_N_ELEMENTS (stats->by_domain), domain_label);
  print_counts (_("Sites by level:"), stats->by_level, G_N_ELEMENTS (stats->by_level), level_label);
  g_print ("%s\n", _("By region (sites, belts):"));
  for (guint i = 0; i < stats->by_region->len; i++)
    {
      HdStatsRow *row = &g_array_index (stats->by_region, HdStatsRow, i);

      print_padded (row->name ? row->name : _("(no region)"), 28);
      g_print ("%6u %6u\n", row->sites, row->belts);
    }
  g_print ("%s\n", _("Sites per belt:"));
  for (guint i = 0; i < stats->per_belt->len; i++)
    {
      HdStatsRow *row = &g_array_index (stats->per_belt, HdStatsRow, i);

      g_autofree char *under = g_strdup_printf (_("  (under %d)"), HD_BELT_MIN_SITES);

      print_padded (row->name, 28);
      g_print ("%6u%s\n", row->sites, row->sites < HD_BELT_MIN_SITES ? under : "");
    }
  g_print (_("Belts under %d sites: %u\n"), HD_BELT_MIN_SITES, stats->belts_under_min);
  g_print (_("Sites without coordinates: %u\n"), stats->sites_without_position);
  g_print (_("Sites on no belt: %u\n"), stats->sites_on_no_belt);
  g_print (_("Sites by light: green %u, yellow %u, red %u, not inspected %u\n"),
           site_lights[HD_LIGHT_GREEN], site_lights[HD_LIGHT_YELLOW], site_lights[HD_LIGHT_RED],
           site_lights[HD_LIGHT_GREY]);
  g_print (_("Belts by light: green %u, yellow %u, red %u, not inspected %u\n"),
           belt_lights[HD_LIGHT_GREEN], belt_lights[HD_LIGHT_YELLOW], belt_lights[HD_LIGHT_RED],
           belt_lights[HD_LIGHT_GREY]);
  return 0;
}

static int
cmd_check (const char  *db_path,
           int          argc,
           char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  {
    g_autofree char *summary = g_strdup_printf (_("Check the database’s integrity and the domain rules: belts with fewer than %d sites, sites without coordinates, duplicate names on a belt.\nExits 1 when it finds a problem."),
                                                HD_BELT_MIN_SITES);
    g_option_context_set_summary (context, summary);
  }
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return usage_error (context, _("check takes no arguments"));

  store = open_store (db_path);
  if (store == NULL)
    return 1;
  problems = hd_store_check (store, &error);
  if (problems == NULL)
    {
      print_error (error->message);
      return 1;
    }
  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", ((HdProblem *) g_ptr_array_index (problems, i))->message);
  if (problems->len == 0)
    {
      g_print ("%s\n", _("No problems found"));
      return 0;
    }
  {
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u problem found",
                                                             "%u problems found",
                                                             problems->len),
                                                problems->len);
    print_error (message);
  }
  return 1;
}

/* ---------------------------------------------------------------------------------------- */

static void
add_double_or_null (JsonBuilder *builder,
                    const char  *key,
                    double       value)
{
  json_builder_set_member_name (builder, key);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static int
cmd_inspections (const char  *db_path,
                 int          argc,
                 char       **argv)
{
  g_autofree char *site_id = NULL;
  g_autofree char *belt_id = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site_id, N_("Only the inspections of this site"), N_("ID") },
    { "belt", 0, 0, G_OPTION_ARG_STRING, &belt_id, N_("Only the inspections of this belt"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of tab-separated lines"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  const char *subject_id;
  int status;

  g_option_context_set_summary (context, _("List inspections, newest first: date, subject, checklist, inspector, state, score and light."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return usage_error (context, _("inspections takes no arguments; use --site ID or --belt ID"));
  if (site_id != NULL && belt_id != NULL)
    return usage_error (context, _("give --site or --belt, not both"));

  store = open_store (db_path);
  if (store == NULL)
    return 1;
  subject_id = site_id ? site_id : belt_id;
  if (site_id != NULL && hd_store_lookup_site (store, site_id) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("no site has the id %s"), site_id);

      print_error (message);
      return 1;
    }
  if (belt_id != NULL && hd_store_lookup_belt (store, belt_id) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("no belt has the id %s"), belt_id);

      print_error (message);
      return 1;
    }
  list = hd_store_list_inspections (store, subject_id, &error);
  if (list == NULL)
    {
      print_error (error->message);
      return 1;
    }

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (list)); i < n; i++)
    {
      g_autoptr(HdInspection) inspection = g_list_model_get_item (G_LIST_MODEL (list), i);
      HdInspectionState state = hd_inspection_get_state (inspection);
      double score = hd_inspection_get_score (inspection);

      if (builder == NULL)
        {
          g_autofree char *score_text = score >= 0 ? g_strdup_printf ("%.1f", score) : g_strdup ("-");
          g_autofree char *set_text = g_strdup_printf ("%s v%d", hd_inspection_get_set_name (inspection),
                                                       hd_inspection_get_set_version (inspection));

          g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", hd_inspection_get_id (inspection),
                   hd_inspection_get_date (inspection), hd_inspection_get_subject_name (inspection),
                   set_text, hd_inspection_get_inspector (inspection) ? hd_inspection_get_inspector (inspection) : "",
                   hd_inspection_state_label (state), score_text,
                   state == HD_INSPECTION_FINISHED ? hd_light_label (hd_inspection_get_light (inspection)) : "-");
          continue;
        }
      json_builder_begin_object (builder);
      add_string (builder, "id", hd_inspection_get_id (inspection));
      add_string (builder, "date", hd_inspection_get_date (inspection));
      add_string (builder, "subject_kind", hd_subject_kind_to_string (hd_inspection_get_subject_kind (inspection)));
      add_string (builder, "subject_id", hd_inspection_get_subject_id (inspection));
      add_string (builder, "subject", hd_inspection_get_subject_name (inspection));
      add_string (builder, "set", hd_inspection_get_set_name (inspection));
      add_string (builder, "set_code", hd_inspection_get_set_code (inspection));
      add_int (builder, "set_version", hd_inspection_get_set_version (inspection));
      add_string (builder, "inspector", hd_inspection_get_inspector (inspection));
      add_string (builder, "state", hd_inspection_state_to_string (state));
      add_double_or_null (builder, "score", score);
      json_builder_set_member_name (builder, "light");
      if (state == HD_INSPECTION_FINISHED)
        json_builder_add_string_value (builder, hd_light_to_string (hd_inspection_get_light (inspection)));
      else
        json_builder_add_null_value (builder);
      add_int (builder, "met", hd_inspection_get_n_met (inspection));
      add_int (builder, "partly", hd_inspection_get_n_partly (inspection));
      add_int (builder, "not_met", hd_inspection_get_n_not_met (inspection));
      add_int (builder, "na", hd_inspection_get_n_na (inspection));
      add_int (builder, "red_lines_hit", hd_inspection_get_red_lines_hit (inspection));
      add_string (builder, "corrects", hd_inspection_get_corrects_id (inspection));
      add_string (builder, "notes", hd_inspection_get_notes (inspection));
      json_builder_end_object (builder);
    }
  if (builder != NULL)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  return 0;
}

static int
cmd_rectifications (const char  *db_path,
                    int          argc,
                    char       **argv)
{
  gboolean overdue = FALSE;
  gboolean all = FALSE;
  g_autofree char *csv_path = NULL;
  const GOptionEntry entries[] = {
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only open tasks past their due date"), NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Also tasks that are done or cancelled"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path,
      N_("Write the problem and improvement lists to FILE as CSV (UTF-8 for Excel)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  HdRectificationFilter filter = { 0 };
  GDate today;
  int status;

  g_option_context_set_summary (context, _("List the open rectification tasks (problem list and improvement list), earliest due first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return usage_error (context, _("rectifications takes no arguments"));
  if (overdue && all)
    return usage_error (context, _("give --overdue or --all, not both"));

  store = open_store (db_path);
  if (store == NULL)
    return 1;
  filter.overdue_only = overdue;
  filter.include_closed = all;
  today = hd_store_get_today (store);

  if (csv_path != NULL)
    {
      gsize length = 0;
      g_autofree char *text = hd_store_export_rectifications_csv (store, &filter, &today, &length, &error);

      /* Written to a temporary file and renamed: never a half-written list. */
      if (text == NULL || !g_file_set_contents (csv_path, text, (gssize) length, &error))
        {
          print_error (error->message);
          return 1;
        }
      return 0;
    }

  {
    g_autoptr(GListStore) tasks = hd_store_list_rectifications (store, &filter, &today, &error);

    if (tasks == NULL)
      {
        print_error (error->message);
        return 1;
      }
    for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (tasks)); i < n; i++)
      {
        g_autoptr(HdRectification) task = g_list_model_get_item (G_LIST_MODEL (tasks), i);

        g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s%s\n", hd_rectification_get_id (task),
                 hd_rectification_get_due_date (task) ? hd_rectification_get_due_date (task) : "-",
                 hd_rectification_get_subject_name (task),
                 hd_rectification_list_label (hd_rectification_get_list (task)),
                 hd_rectification_get_description (task),
                 hd_rectification_get_owner (task) ? hd_rectification_get_owner (task) : "-",
                 hd_rectification_state_label (hd_rectification_get_state (task)),
                 hd_rectification_get_overdue (task) ? _(" (overdue)") : "");
      }
  }
  return 0;
}

static int
standards_list (HdStore  *store,
                gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) sets = hd_store_list_standard_sets (store, FALSE, &error);
  g_autoptr(JsonBuilder) builder = NULL;

  if (sets == NULL)
    {
      print_error (error->message);
      return 1;
    }
  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (sets)); i < n; i++)
    {
      g_autoptr(HdStandardSet) set = g_list_model_get_item (G_LIST_MODEL (sets), i);

      if (builder == NULL)
        {
          g_print ("%s\tv%d\t%s\t%s\t%d\t%s\n", hd_standard_set_get_code (set),
                   hd_standard_set_get_version (set),
                   hd_subject_kind_label (hd_standard_set_get_applies_to (set)),
                   hd_standard_set_get_name (set), hd_standard_set_get_n_items (set),
                   hd_standard_set_get_builtin (set) ? _("built in") : "");
          continue;
        }
      json_builder_begin_object (builder);
      add_string (builder, "id", hd_standard_set_get_id (set));
      add_string (builder, "code", hd_standard_set_get_code (set));
      add_int (builder, "version", hd_standard_set_get_version (set));
      add_string (builder, "applies_to", hd_subject_kind_to_string (hd_standard_set_get_applies_to (set)));
      add_string (builder, "name", hd_standard_set_get_name (set));
      add_string (builder, "name_en", hd_standard_set_get_name_en (set));
      add_int (builder, "items", hd_standard_set_get_n_items (set));
      json_builder_set_member_name (builder, "builtin");
      json_builder_add_boolean_value (builder, hd_standard_set_get_builtin (set));
      json_builder_end_object (builder);
    }
  if (builder != NULL)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  return 0;
}

static int
cmd_standards (const char  *db_path,
               int          argc,
               char       **argv)
{
  gboolean json = FALSE;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *applies_to = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("list: print JSON"), NULL },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("import: the set’s code (a CSV file’s name otherwise)"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("import: the set’s name"), N_("NAME") },
    { "applies-to", 0, 0, G_OPTION_ARG_STRING, &applies_to, N_("import: site or belt (CSV default: site)"), N_("KIND") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("export: write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("list|import FILE|export CODE");
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  HdSubjectKind kind = HD_SUBJECT_SITE;
  int status;

  g_option_context_set_summary (context, _("Standard sets (checklists): list them, import one from a .json or .csv file (columns code,title,kind,weight[,category][,guidance]), or export one as JSON.\nImporting a code that exists makes a new version of that set when inspections use it."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc < 2)
    return usage_error (context, _("standards needs one of: list, import FILE, export CODE"));
  if (applies_to != NULL && !hd_subject_kind_from_string (applies_to, &kind))
    return usage_error (context, _("--applies-to must be site or belt"));

  if (g_str_equal (argv[1], "list"))
    {
      if (argc != 2)
        return usage_error (context, _("standards list takes no more arguments"));
      store = open_store (db_path);
      return store ? standards_list (store, json) : 1;
    }

  if (g_str_equal (argv[1], "import"))
    {
      g_autoptr(GFile) file = NULL;
      g_autoptr(HdStandardSet) set = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autofree char *id = NULL;

      if (argc != 3)
        return usage_error (context, _("standards import needs one file"));
      file = g_file_new_for_commandline_arg (argv[2]);
      /* The file is read and checked before the workspace is opened: a bad file changes nothing. */
      if (!hd_standard_set_parse_file (file, &set, &items, &error))
        {
          print_error (error->message);
          return 1;
        }
      if (code != NULL)
        hd_standard_set_set_code (set, code);
      if (name != NULL)
        hd_standard_set_set_name (set, name);
      if (applies_to != NULL)
        hd_standard_set_set_applies_to (set, kind);
      store = open_store (db_path);
      if (store == NULL)
        return 1;
      id = hd_store_import_standard_set (store, set, items, &error);
      if (id == NULL)
        {
          print_error (error->message);
          return 1;
        }
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Imported “%s” (%s, version %d): %d item\n",
                            "Imported “%s” (%s, version %d): %d items\n",
                            (gulong) hd_standard_set_get_n_items (set)),
               hd_standard_set_get_name (set), hd_standard_set_get_code (set),
               hd_standard_set_get_version (set), hd_standard_set_get_n_items (set));
      return 0;
    }

  if (g_str_equal (argv[1], "export"))
    {
      g_autoptr(HdStandardSet) set = NULL;
      g_autofree char *text = NULL;

      if (argc != 3)
        return usage_error (context, _("standards export needs one set code"));
      store = open_store (db_path);
      if (store == NULL)
        return 1;
      set = hd_store_find_standard_set (store, argv[2], &error);
      if (set != NULL)
        text = hd_store_export_standard_set_json (store, hd_standard_set_get_id (set), &error);
      if (text == NULL)
        {
          print_error (error->message);
          return 1;
        }
      if (output == NULL)
        {
          g_print ("%s\n", text);
          return 0;
        }
      if (!g_file_set_contents (output, text, -1, &error))
        {
          print_error (error->message);
          return 1;
        }
      return 0;
    }

  return usage_error (context, _("standards needs one of: list, import FILE, export CODE"));
}

/* ---------------------------------------------------------------------------------------- */
/* figures                                                                                  */

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *key,
                     const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_region_figures (JsonBuilder           *builder,
                    const HdRegionFigures *figures)
{
  json_builder_begin_object (builder);
  add_nullable_string (builder, "id", figures->region_id);
  add_nullable_string (builder, "name", figures->name);
  json_builder_set_member_name (builder, "own");
  json_builder_add_boolean_value (builder, figures->is_self);
  add_int (builder, "belts", figures->n_belts);
  add_int (builder, "belts_full", figures->n_belts_full);
  add_counts (builder, "belts_by_light", figures->n_belts_by_light, HD_N_LIGHTS, light_string);
  add_int (builder, "sites", figures->n_sites);
  add_counts (builder, "sites_by_light", figures->n_sites_by_light, HD_N_LIGHTS, light_string);
  add_int (builder, "compliant", figures->n_compliant);
  json_builder_set_member_name (builder, "compliance");
  json_builder_add_double_value (builder, figures->compliance);
  json_builder_end_object (builder);
}

static void
print_region_figures (const HdRegionFigures *figures,
                      const char            *name)
{
  print_padded (name, 24);
  g_print ("%5u %5u %6u %5u %6u %4u %5u %7.1f%%\n", figures->n_belts, figures->n_belts_full,
           figures->n_sites, figures->n_sites_by_light[HD_LIGHT_GREEN],
           figures->n_sites_by_light[HD_LIGHT_YELLOW], figures->n_sites_by_light[HD_LIGHT_RED],
           figures->n_sites_by_light[HD_LIGHT_GREY], figures->compliance * 100.0);
}

static int
figures_regions (HdStore     *store,
                 const char  *region_id,
                 const GDate *date,
                 gboolean     json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRegionBreakdown) breakdown = hd_store_compute_region_breakdown (store, region_id, date, &error);

  if (breakdown == NULL)
    {
      print_error (error->message);
      return 1;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *date_text = hd_date_to_string (date);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "region", breakdown->region_id);
      add_nullable_string (builder, "date", date_text);
      add_int (builder, "min_sites_per_belt", HD_BELT_MIN_SITES);
      json_builder_set_member_name (builder, "total");
      add_region_figures (builder, &breakdown->total);
      json_builder_set_member_name (builder, "rows");
      json_builder_begin_array (builder);
      for (guint i = 0; i < breakdown->n_rows; i++)
        add_region_figures (builder, &breakdown->rows[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return 0;
    }

  /* Column heads: belts, belts with at least 8 sites, sites, by light, six-haves compliance. */
  print_padded (_("Region"), 24);
  g_print ("%5s %5s %6s %5s %6s %4s %5s %8s\n", _("Belts"), C_("belts with enough sites", "Full"),
           _("Sites"), C_("light", "Green"), C_("light", "Yellow"), C_("light", "Red"),
           C_("light", "Grey"), _("6 haves"));
  for (guint i = 0; i < breakdown->n_rows; i++)
    {
      const HdRegionFigures *row = &breakdown->rows[i];
      g_autofree char *own = row->is_self ? g_strdup_printf (_("%s (own)"), row->name ? row->name : _("(no region)"))
                                          : NULL;

      print_region_figures (row, own != NULL ? own : row->name);
    }
  print_region_figures (&breakdown->total, _("Total"));
  return 0;
}

/* One character per answer, readable without colour. */
static const char *
answer_mark (HdAnswer answer)
{
  switch (answer)
    {
    case HD_ANSWER_MET: return "●";
    case HD_ANSWER_PARTLY: return "◐";
    case HD_ANSWER_NOT_MET: return "○";
    case HD_ANSWER_NA: return "–";
    case HD_ANSWER_NONE:
    default: return "·";
    }
}

static int
figures_matrix (HdStore     *store,
                const char  *belt_id,
                const char  *region_id,
                const char  *set_code,
                const GDate *date,
                gboolean     json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardsMatrix) matrix = hd_store_compute_standards_matrix (store, belt_id, region_id,
                                                                         set_code, date, &error);

  if (matrix == NULL)
    {
      print_error (error->message);
      return 1;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_nullable_string (builder, "set", matrix->set_code);
      add_nullable_string (builder, "set_name", matrix->set_name);
      json_builder_set_member_name (builder, "columns");
      json_builder_begin_array (builder);
      for (guint c = 0; c < matrix->n_columns; c++)
        {
          json_builder_begin_object (builder);
          add_nullable_string (builder, "code", matrix->column_codes[c]);
          add_nullable_string (builder, "title", matrix->column_titles[c]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "rows");
      json_builder_begin_array (builder);
      for (guint r = 0; r < matrix->n_rows; r++)
        {
          g_autofree char *date_text = g_date_valid (&matrix->row_dates[r])
                                         ? hd_date_to_string (&matrix->row_dates[r]) : NULL;

          json_builder_begin_object (builder);
          add_nullable_string (builder, "site", matrix->row_ids[r]);
          add_nullable_string (builder, "name", matrix->row_names[r]);
          add_nullable_string (builder, "belt", matrix->row_belts[r]);
          add_nullable_string (builder, "date", date_text);
          json_builder_set_member_name (builder, "answers");
          json_builder_begin_array (builder);
          for (guint c = 0; c < matrix->n_columns; c++)
            json_builder_add_string_value (builder, hd_answer_to_string (hd_standards_matrix_get (matrix, r, c)));
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return 0;
    }

  g_print ("%s (%s)\n", matrix->set_name, matrix->set_code);
  for (guint c = 0; c < matrix->n_columns; c++)
    g_print ("  %u %s\n", c + 1, matrix->column_titles[c]);
  g_print (_("● met  ◐ partly  ○ not met  – not applicable  · not inspected\n"));
  for (guint r = 0; r < matrix->n_rows; r++)
    {
      g_autofree char *date_text = g_date_valid (&matrix->row_dates[r])
                                     ? hd_date_to_string (&matrix->row_dates[r]) : g_strdup ("");

      print_padded (matrix->row_names[r], 40);
      for (guint c = 0; c < matrix->n_columns; c++)
        g_print ("%s ", answer_mark (hd_standards_matrix_get (matrix, r, c)));
      g_print (" %s\n", date_text);
    }
  return 0;
}

static int
figures_activity (HdStore     *store,
                  const char  *belt_id,
                  const char  *region_id,
                  guint        n_months,
                  gboolean     by_set,
                  const GDate *date,
                  gboolean     json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdInspectionActivity) activity = hd_store_compute_inspection_activity (store, belt_id, region_id,
                                                                                   n_months, by_set, date, &error);

  if (activity == NULL)
    {
      print_error (error->message);
      return 1;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "months");
      json_builder_begin_array (builder);
      for (guint m = 0; m < activity->n_months; m++)
        {
          g_autofree char *month = g_strdup_printf ("%04u-%02u", activity->years[m], activity->months[m]);

          json_builder_begin_object (builder);
          add_nullable_string (builder, "month", month);
          add_int (builder, "total", activity->totals[m]);
          if (by_set)
            {
              json_builder_set_member_name (builder, "by_set");
              json_builder_begin_object (builder);
              for (guint s = 0; s < activity->n_sets; s++)
                add_int (builder, activity->set_codes[s], activity->counts[(gsize) s * activity->n_months + m]);
              json_builder_end_object (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return 0;
    }

  g_print ("%-9s %6s", _("Month"), _("Total"));
  for (guint s = 0; s < activity->n_sets; s++)
    g_print ("  %s", activity->set_names[s]);
  g_print ("\n");
  for (guint m = 0; m < activity->n_months; m++)
    {
      g_print ("%04u-%02u   %6u", activity->years[m], activity->months[m], activity->totals[m]);
      for (guint s = 0; s < activity->n_sets; s++)
        g_print ("  %*u", (int) MAX (g_utf8_strlen (activity->set_names[s], -1) * 2, 4),
                 activity->counts[(gsize) s * activity->n_months + m]);
      g_print ("\n");
    }
  return 0;
}

static int
cmd_figures (const char  *db_path,
             int          argc,
             char       **argv)
{
  g_autofree char *region_id = NULL;
  g_autofree char *belt_id = NULL;
  g_autofree char *set_code = NULL;
  g_autofree char *date_text = NULL;
  gboolean json = FALSE, by_set = FALSE;
  int n_months = 12;
  const GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region_id, N_("A region (with its sub-regions)"), N_("ID") },
    { "belt", 0, 0, G_OPTION_ARG_STRING, &belt_id, N_("A belt (matrix, activity)"), N_("ID") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set_code, N_("The standard set of the matrix (default six_haves)"), N_("CODE") },
    { "months", 0, 0, G_OPTION_ARG_INT, &n_months, N_("Months of activity (default 12)"), N_("N") },
    { "by-set", 0, 0, G_OPTION_ARG_NONE, &by_set, N_("Activity per standard set too"), NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day the figures are for (default today)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("regions|matrix|activity"));
  g_autoptr(HdStore) store = NULL;
  GDate date;
  int status;

  g_option_context_set_summary (context, _("The figures behind the charts. regions: belts, sites by light, belts with enough sites and six-haves compliance per sub-region (--region ID, default the top-level regions). matrix: the latest answer of each site (rows) to each item (columns) for --belt ID or --region ID. activity: finished inspections per month."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    return usage_error (context, _("figures needs one of: regions, matrix, activity"));
  if (region_id != NULL && belt_id != NULL)
    return usage_error (context, _("give --region or --belt, not both"));
  if (n_months < 1 || n_months > 600)
    return usage_error (context, _("--months must be between 1 and 600"));
  g_date_clear (&date, 1);
  if (date_text != NULL && !hd_date_parse (date_text, &date))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)"), date_text);

      return usage_error (context, message);
    }

  store = open_store (db_path);
  if (store == NULL)
    return 1;
  if (date_text == NULL)
    date = hd_store_get_today (store);

  if (g_str_equal (argv[1], "regions"))
    {
      if (belt_id != NULL)
        return usage_error (context, _("figures regions takes --region, not --belt"));
      return figures_regions (store, region_id, &date, json);
    }
  if (g_str_equal (argv[1], "matrix"))
    {
      if (region_id == NULL && belt_id == NULL)
        return usage_error (context, _("figures matrix needs --belt ID or --region ID"));
      return figures_matrix (store, belt_id, region_id, set_code, &date, json);
    }
  if (g_str_equal (argv[1], "activity"))
    return figures_activity (store, belt_id, region_id, (guint) n_months, by_set, &date, json);
  return usage_error (context, _("figures needs one of: regions, matrix, activity"));
}

/* ---------------------------------------------------------------------------------------- */

/* A number as people read it: no trailing zeros ("12", "66.7"). */
static char *
format_number (double value)
{
  if (isnan (value))
    return g_strdup ("–");
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

static int
plan_show (HdStore     *store,
           const char  *plan_id,
           const GDate *date,
           gboolean     json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) progress = hd_store_get_plan_progress (store, plan_id, date, &error);
  HdPlan *plan;
  int first;

  if (progress == NULL)
    {
      print_error (error->message);
      return 1;
    }
  plan = hd_store_lookup_plan (store, plan_id);
  first = hd_plan_get_first_year (plan);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *day = hd_date_to_string (date);

      json_builder_begin_object (builder);
      add_string (builder, "id", hd_plan_get_id (plan));
      add_string (builder, "title", hd_plan_get_title (plan));
      add_int (builder, "first_year", first);
      add_string (builder, "region", hd_store_lookup_region (store, hd_plan_get_region_id (plan))
                                     ? region_name (store, hd_plan_get_region_id (plan)) : NULL);
      add_string (builder, "date", day);
      json_builder_set_member_name (builder, "themes");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, hd_plan_get_theme1 (plan));
      json_builder_add_string_value (builder, hd_plan_get_theme2 (plan));
      json_builder_add_string_value (builder, hd_plan_get_theme3 (plan));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "indicators");
      json_builder_begin_array (builder);
      for (guint k = 0; k < progress->len; k++)
        add_progress (builder, g_ptr_array_index (progress, k), TRUE);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return 0;
    }

  g_print ("%s (%d–%d, %s)\n", hd_plan_get_title (plan), first, first + 2,
           region_name (store, hd_plan_get_region_id (plan)));
  g_print ("  %d %s · %d %s · %d %s\n",
           first, hd_plan_get_theme1 (plan) ? hd_plan_get_theme1 (plan) : "–",
           first + 1, hd_plan_get_theme2 (plan) ? hd_plan_get_theme2 (plan) : "–",
           first + 2, hd_plan_get_theme3 (plan) ? hd_plan_get_theme3 (plan) : "–");
  /* TRANSLATORS: column headings of `hongdai-cli plan show` */
  g_print ("%s\n", _("Indicator\tUnit\tSource\tTargets\tLatest\tDate\tStatus"));
  for (guint k = 0; k < progress->len; k++)
    {
      HdIndicatorProgress *p = g_ptr_array_index (progress, k);
      g_autofree char *t1 = format_number (p->targets[0]);
      g_autofree char *t2 = format_number (p->targets[1]);
      g_autofree char *t3 = format_number (p->targets[2]);
      g_autofree char *latest = format_number (p->latest);

      g_print ("%s\t%s\t%s\t%s / %s / %s\t%s\t%s\t%s\n",
               hd_indicator_get_name (p->indicator),
               hd_indicator_get_unit (p->indicator) ? hd_indicator_get_unit (p->indicator) : "",
               hd_indicator_is_computed (p->indicator) ? hd_indicator_get_computed_key (p->indicator)
                                                       : C_("indicator source", "manual"),
               t1, t2, t3, latest, p->latest_date ? p->latest_date : "–",
               hd_plan_status_label (p->status));
    }
  return 0;
}

static int
cmd_plan (const char  *db_path,
          int          argc,
          char       **argv)
{
  g_autofree char *date_text = NULL;
  gboolean json = FALSE, all = FALSE, monthly = FALSE;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day (default: today)"), N_("YYYY-MM-DD") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("snapshot: every plan"), NULL },
    { "monthly", 0, 0, G_OPTION_ARG_NONE, &monthly,
      N_("snapshot: every plan, unless this month’s snapshot was taken already"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("show: print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("show ID | snapshot [ID|--all|--monthly]");
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;
  int status;

  g_option_context_set_summary (context, _("Show a plan’s indicators with targets, latest values and status, or "
                                           "write the computed indicators’ values of a day (a snapshot)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc < 2)
    return usage_error (context, _("plan needs one of: show ID, snapshot"));
  g_date_clear (&date, 1);
  if (date_text != NULL && !hd_date_parse (date_text, &date))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)"), date_text);

      return usage_error (context, message);
    }

  if (g_str_equal (argv[1], "show"))
    {
      if (argc != 3)
        return usage_error (context, _("plan show needs one plan id"));
      store = open_store (db_path);
      if (store == NULL)
        return 1;
      if (!g_date_valid (&date))
        date = hd_store_get_today (store);
      return plan_show (store, argv[2], &date, json);
    }

  if (g_str_equal (argv[1], "snapshot"))
    {
      const char *plan_id = argc == 3 ? argv[2] : NULL;
      gboolean already = FALSE;
      int written;

      if (argc > 3 || (plan_id == NULL) == !(all || monthly) || (all && monthly))
        return usage_error (context, _("plan snapshot needs one plan id, --all or --monthly"));
      if (monthly && date_text != NULL)
        return usage_error (context, _("--monthly takes today’s date"));
      store = open_store (db_path);
      if (store == NULL)
        return 1;
      if (!g_date_valid (&date))
        date = hd_store_get_today (store);
      written = monthly ? hd_store_snapshot_monthly (store, &date, &already, &error)
                        : hd_store_snapshot_plan (store, plan_id, &date, &error);
      if (written < 0)
        {
          print_error (error->message);
          return 1;
        }
      {
        g_autofree char *day = hd_date_to_string (&date);

        if (already)
          g_print (_("This month’s snapshot was taken already\n"));
        else
          g_print (g_dngettext (GETTEXT_PACKAGE, "Snapshot of %s: %d value\n",
                                "Snapshot of %s: %d values\n", (gulong) written), day, written);
      }
      return 0;
    }

  return usage_error (context, _("plan needs one of: show ID, snapshot"));
}

/* ---------------------------------------------------------------------------------------- */

static gboolean
parse_date_option (GOptionContext *context,
                   const char     *text,
                   GDate          *date,
                   int            *status)
{
  g_date_clear (date, 1);
  if (text != NULL && !hd_date_parse (text, date))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)"), text);

      *status = usage_error (context, message);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_report (const char  *db_path,
            int          argc,
            char       **argv)
{
  g_autofree char *plan_id = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *sections_text = NULL;
  g_autofree char *date_text = NULL;
  g_auto(GStrv) belt_ids = NULL;
  g_auto(GStrv) region_ids = NULL;
  gboolean landscape = FALSE;
  const GOptionEntry entries[] = {
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_id, N_("The plan (required)"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write (required)"), N_("FILE.pdf") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("Paper size: a4 (default) or a3"), N_("SIZE") },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &landscape, N_("Landscape pages"), NULL },
    { "sections", 0, 0, G_OPTION_ARG_STRING, &sections_text,
      N_("Only these sections: cover,toc,dashboard,indicators,regions,belts"), N_("LIST") },
    { "belt", 0, 0, G_OPTION_ARG_STRING_ARRAY, &belt_ids, N_("Only this belt (repeatable)"), N_("ID") },
    { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &region_ids, N_("Only the belts of this region (repeatable)"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The handout’s date (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdReport) report = NULL;
  g_autoptr(HdBasemap) basemap = NULL;
  g_autofree char *basemap_file = NULL;
  g_autoptr(GError) error = NULL;
  HdHandoutOptions opts = { HD_HANDOUT_A4, FALSE, HD_HANDOUT_ALL, NULL, NULL, NULL };
  guint n_pages = 0;
  GDate date;
  int status;

  g_option_context_set_summary (context, _("Write a plan’s handout as a PDF: cover, contents, progress dashboard, "
                                           "a chart per indicator, the districts and a page per belt."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return usage_error (context, _("report takes no arguments besides its options"));
  if (plan_id == NULL)
    return usage_error (context, _("report needs --plan ID"));
  if (output == NULL)
    return usage_error (context, _("report needs -o FILE.pdf"));
  if (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".PDF"))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” does not end in .pdf: the handout is a PDF"), output);

      return usage_error (context, message);
    }
  if (paper != NULL && g_ascii_strcasecmp (paper, "a3") == 0)
    opts.paper = HD_HANDOUT_A3;
  else if (paper != NULL && g_ascii_strcasecmp (paper, "a4") != 0)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown paper “%s” (a4 or a3)"), paper);

      return usage_error (context, message);
    }
  opts.landscape = landscape;
  if (sections_text != NULL)
    {
      opts.sections = hd_report_parse_sections (sections_text, &error);
      if (opts.sections == 0)
        return usage_error (context, error->message);
    }
  if (!parse_date_option (context, date_text, &date, &status))
    return status;

  store = open_store (db_path);
  if (store == NULL)
    return 1;
  if (!g_date_valid (&date))
    date = hd_store_get_today (store);
  report = hd_report_new (store, plan_id, &date, (const char *const *) region_ids,
                          (const char *const *) belt_ids, &error);
  if (report == NULL)
    {
      print_error (error->message);
      return 1;
    }
  /* The belt maps draw on the bundled base map when there is one; without it they say so. */
  basemap_file = hd_basemap_find_file ();
  if (basemap_file != NULL)
    basemap = hd_basemap_new_from_file (basemap_file, NULL);
  opts.basemap = basemap;
  if (!hd_handout_write_pdf (hd_report_get_handout (report), &opts, output, &n_pages, &error))
    {
      print_error (error->message);
      return 1;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s: %u page\n", "Wrote %s: %u pages\n", n_pages), output, n_pages);
  return 0;
}

static int
cmd_chart (const char  *db_path,
           int          argc,
           char       **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *date_text = NULL;
  HdReportQuery query = { NULL };
  g_autofree char *plan_id = NULL, *indicator_id = NULL, *region_id = NULL, *belt_id = NULL;
  int width = 800, height = 400;
  gboolean dark = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .png, .svg or .pdf (required)"), N_("FILE") },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_id, N_("The plan (target, dashboard; else its region)"), N_("ID") },
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator_id, N_("target: the indicator (default: the plan’s first)"), N_("ID") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region_id, N_("regions, heatmap, activity: a region"), N_("ID") },
    { "belt", 0, 0, G_OPTION_ARG_STRING, &belt_id, N_("heatmap, activity: a belt"), N_("ID") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (PNG) or points (default 800)"), N_("N") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels (PNG) or points (default 400)"), N_("N") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Dark colours"), NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("target|dashboard|regions|heatmap|activity");
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdReportChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  HdChartKind kind;
  GDate date;
  int status;

  g_option_context_set_summary (context, _("Draw one chart into a PNG, SVG or PDF file. target: an indicator’s "
                                           "targets and actuals; dashboard: a plan’s indicators; regions: sites per "
                                           "district by light; heatmap: six haves per site of a belt or region; "
                                           "activity: inspections per month."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_command_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc != 2 || !hd_report_chart_kind_from_string (argv[1], &kind))
    return usage_error (context, _("chart needs one of: target, dashboard, regions, heatmap, activity"));
  if (output == NULL)
    return usage_error (context, _("chart needs -o FILE"));
  {
    g_autofree char *lower = g_ascii_strdown (output, -1);

    if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg") && !g_str_has_suffix (lower, ".pdf"))
      {
        g_autofree char *message = g_strdup_printf (_("“%s” does not end in .png, .svg or .pdf"), output);

        return usage_error (context, message);
      }
  }
  if (width < 50 || height < 50 || width > 20000 || height > 20000)
    return usage_error (context, _("--width and --height must be between 50 and 20000"));
  if (belt_id != NULL && region_id != NULL)
    return usage_error (context, _("give --belt or --region, not both"));
  if (!parse_date_option (context, date_text, &date, &status))
    return status;

  store = open_store (db_path);
  if (store == NULL)
    return 1;
  if (!g_date_valid (&date))
    date = hd_store_get_today (store);
  query = (HdReportQuery) { plan_id, indicator_id, region_id, belt_id };
  chart = hd_report_chart_new (store, kind, &query, &date, &error);
  if (chart == NULL
      || !hd_chart_write_file (kind, &chart->data, width, height, hd_chart_style_get (dark), output, &error))
    {
      print_error (error->message);
      return 1;
    }
  return 0;
}

/* ---------------------------------------------------------------------------------------- */

static const Command commands[] = {
  { "init", "[--sample]", N_("Create or upgrade a workspace"), cmd_init },
  { "import", "FILE… [--dry-run]", N_("Import GeoJSON files in one transaction"), cmd_import },
  { "export", "[--format geojson] [-o FILE]", N_("Export the workspace as GeoJSON"), cmd_export },
  { "list", "belts|sites|regions|plans [--json]", N_("List records"), cmd_list },
  { "stats", "[--json]", N_("Counts by kind, domain, region, belt and light"), cmd_stats },
  { "check", "", N_("Integrity and domain checks"), cmd_check },
  { "inspections", "[--site ID|--belt ID] [--json]", N_("Inspections, newest first, with score and light"), cmd_inspections },
  { "rectifications", "[--overdue|--all] [--csv FILE]", N_("Open rectification tasks; the lists as CSV"), cmd_rectifications },
  { "standards", "list [--json] | import FILE | export CODE", N_("Standard sets: list, import, export"), cmd_standards },
  { "plan", "show ID | snapshot [ID|--all|--monthly]", N_("A plan’s progress; snapshots of its indicators"), cmd_plan },
  { "figures", "regions|matrix|activity [--region ID|--belt ID] [--json]", N_("The figures behind the charts"), cmd_figures },
  { "report", "--plan ID -o FILE.pdf [--paper a3] [--landscape] …", N_("A plan’s handout as a PDF"), cmd_report },
  { "chart", "NAME -o FILE.{png,svg,pdf} [--plan ID] …", N_("One chart as PNG, SVG or PDF"), cmd_chart },
};

static char *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-14s %-42s %s\n", commands[i].name, commands[i].parameters,
                            _(commands[i].summary));
  g_string_append (text, _("\n“hongdai-cli COMMAND --help” describes a command."));
  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db_path = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The workspace file (default: ~/.local/share/hongdai/hongdai.db)"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_summary (context, _("Hongdai (红带): plan, inspect and report on Party-building demonstration belts."));
  description = commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command name: what follows belongs to the command's own options. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (version)
    {
      g_print ("hongdai-cli %s\n", HD_VERSION);
      return 0;
    }
  if (argc < 2)
    return usage_error (context, _("no command given"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (argv[1], commands[i].name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("hongdai-cli %s", commands[i].name);

        g_set_prgname (prgname);
        return commands[i].run (db_path, argc - 1, argv + 1);
      }

  {
    g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[1]);

    return usage_error (context, message);
  }
}
