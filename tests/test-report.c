/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The handout and the single charts as a user makes them with hongdai-cli (path in argv[1]):
 * `report` on the sample workspace, checked with pdftotext and pdfinfo against what the store
 * holds (its plans, indicators and belts, never the sample's counts), and `chart` writing PNG,
 * SVG and PDF files; the errors people will make. */
#define G_LOG_DOMAIN "test-report"

#include <string.h>

#include "hd-plan-progress.h"
#include "hd-store.h"
#include "hd-test-util.h"

static const char *cli_path;
static char *tmp_dir;
static char *db_path;

/* hongdai-cli --db DB ARGS… */
static void
run_cli (HdTestRun  *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli_path);
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, db_path);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  hd_test_run_argv (run, (const char * const *) args->pdata, G_SPAWN_SEARCH_PATH);
}

static char *
tmp_file (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* The text of each page of a PDF. */
static GStrv
pdf_pages (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  g_auto(HdTestRun) run = { 0 };
  char **pages;
  guint n;

  hd_test_run_argv (&run, (const char * const *) argv, G_SPAWN_SEARCH_PATH);
  g_assert_cmpint (run.status, ==, 0);
  pages = g_strsplit (run.out, "\f", -1);
  n = g_strv_length (pages);
  if (n > 0 && g_strstrip (pages[n - 1])[0] == '\0')
    {
      g_free (pages[n - 1]);
      pages[n - 1] = NULL;
    }
  return pages;
}

/* @text without any white space (titles wrap over lines). */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static char *
pdf_info (const char *path,
          const char *key)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_auto(HdTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  hd_test_run_argv (&run, (const char * const *) argv, G_SPAWN_SEARCH_PATH);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][strlen (key)] == ':')
      return g_strdup (g_strstrip (lines[i] + strlen (key) + 1));
  g_assert_not_reached ();
}

static gboolean
region_within (HdStore    *store,
               const char *region_id,
               const char *ancestor_id)
{
  for (guint depth = 0; region_id != NULL && depth < 64; depth++)
    {
      HdRegion *region;

      if (g_strcmp0 (region_id, ancestor_id) == 0)
        return TRUE;
      region = hd_store_lookup_region (store, region_id);
      region_id = region != NULL ? hd_region_get_parent_id (region) : NULL;
    }
  return ancestor_id == NULL;
}

/* What the store says the Fuzhou plan's handout holds. */
typedef struct {
  char      *plan_id;
  char      *title;
  char      *theme;
  guint      n_indicators;
  char      *indicator_name;
  char      *indicator_id;
  GPtrArray *belt_names;
  GPtrArray *belt_ids;
  char      *district;        /* the region of the first belt */
  char      *first_site;      /* of the first belt */
  char      *elsewhere;       /* a belt not in that region */
} Expected;

static void
expected_free (Expected *e)
{
  g_free (e->plan_id);
  g_free (e->title);
  g_free (e->theme);
  g_free (e->indicator_name);
  g_free (e->indicator_id);
  g_ptr_array_unref (e->belt_names);
  g_ptr_array_unref (e->belt_ids);
  g_free (e->district);
  g_free (e->first_site);
  g_free (e->elsewhere);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Expected, expected_free)

static Expected *
expected_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (db_path, &error);
  g_autoptr(GPtrArray) indicators = NULL;
  Expected *e = g_new0 (Expected, 1);
  GListModel *plans, *belts;

  g_assert_no_error (error);
  e->belt_names = g_ptr_array_new_with_free_func (g_free);
  e->belt_ids = g_ptr_array_new_with_free_func (g_free);
  plans = hd_store_get_plans (store);
  for (guint i = 0; i < g_list_model_get_n_items (plans) && e->plan_id == NULL; i++)
    {
      g_autoptr(HdPlan) plan = g_list_model_get_item (plans, i);

      if (strstr (hd_plan_get_title (plan), "福州") != NULL)
        {
          e->plan_id = g_strdup (hd_plan_get_id (plan));
          e->title = g_strdup (hd_plan_get_title (plan));
          e->theme = g_strdup (hd_plan_get_theme2 (plan));
        }
    }
  g_assert_nonnull (e->plan_id);
  g_assert_nonnull (e->theme);
  indicators = hd_store_list_indicators (store, e->plan_id, &error);
  g_assert_no_error (error);
  e->n_indicators = indicators->len;
  g_assert_cmpuint (e->n_indicators, >, 0);
  e->indicator_name = g_strdup (hd_indicator_get_name (g_ptr_array_index (indicators, indicators->len - 1)));
  e->indicator_id = g_strdup (hd_indicator_get_id (g_ptr_array_index (indicators, indicators->len - 1)));

  belts = hd_store_get_belts (store);
  for (guint i = 0; i < g_list_model_get_n_items (belts); i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (belts, i);
      HdPlan *plan = hd_store_lookup_plan (store, e->plan_id);

      if (!region_within (store, hd_belt_get_region_id (belt), hd_plan_get_region_id (plan)))
        continue;
      g_ptr_array_add (e->belt_names, g_strdup (hd_belt_get_name (belt)));
      g_ptr_array_add (e->belt_ids, g_strdup (hd_belt_get_id (belt)));
      if (e->district == NULL)
        {
          g_auto(GStrv) route = hd_store_dup_belt_route (store, hd_belt_get_id (belt));

          e->district = g_strdup (hd_belt_get_region_id (belt));
          g_assert_nonnull (route[0]);
          e->first_site = g_strdup (hd_site_get_name (hd_store_lookup_site (store, route[0])));
        }
      else if (e->elsewhere == NULL && !region_within (store, hd_belt_get_region_id (belt), e->district))
        e->elsewhere = g_strdup (hd_belt_get_name (belt));
    }
  g_assert_cmpuint (e->belt_names->len, >=, 2);
  g_assert_nonnull (e->elsewhere);
  return e;
}

static guint
count_pages_with (GStrv       pages,
                  const char *text)
{
  guint n = 0;

  for (guint i = 0; pages[i] != NULL; i++)
    n += strstr (pages[i], text) != NULL;
  return n;
}

static void
test_report_sample (void)
{
  g_autoptr(Expected) e = expected_new ();
  g_autofree char *pdf = tmp_file ("handout.pdf");
  g_auto(HdTestRun) run = { 0 };
  g_auto(GStrv) pages = NULL;
  g_autofree char *cover = NULL;
  g_autofree char *title = NULL;
  guint n, n_continued;

  run_cli (&run, "report", "--plan", e->plan_id, "-o", pdf, "--date", "2020-06-30", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  pages = pdf_pages (pdf);
  n = g_strv_length (pages);
  {
    g_autofree char *said = g_strdup_printf ("%u pages", n);

    g_assert_nonnull (strstr (run.out, said));
  }
  /* Cover, contents, dashboard, a page per indicator, the districts, a page per belt of the
   * plan's region and the pages its long tables run over to. */
  n_continued = count_pages_with (pages, "(continued)");
  g_assert_cmpuint (n, ==, 1 + 1 + 1 + e->n_indicators + 1 + e->belt_names->len + n_continued);

  cover = squeeze (pages[0]);
  title = squeeze (e->title);
  g_assert_nonnull (strstr (cover, title));
  g_assert_nonnull (strstr (cover, e->theme));
  g_assert_nonnull (strstr (cover, "2020-06-30"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1, n);

      g_assert_nonnull (strstr (pages[i], footer));
    }
  /* Each belt has a page that starts with its name, and the contents list it. */
  for (guint b = 0; b < e->belt_names->len; b++)
    {
      const char *name = g_ptr_array_index (e->belt_names, b);
      guint starts = 0;

      for (guint i = 0; i < n; i++)
        starts += g_str_has_prefix (g_strchug (pages[i]), name);
      g_assert_cmpuint (starts, ==, 1);
      g_assert_nonnull (strstr (pages[1], name));
    }
  g_assert_nonnull (strstr (pages[1], e->indicator_name));
  g_assert_cmpuint (count_pages_with (pages, e->first_site), >=, 1);
  /* A4 portrait: 595 × 842 pt. */
  {
    g_autofree char *size = pdf_info (pdf, "Page size");

    g_assert_true (g_str_has_prefix (size, "595.") || g_str_has_prefix (size, "595 "));
  }
}

static void
test_report_options (void)
{
  g_autoptr(Expected) e = expected_new ();
  g_autofree char *pdf = tmp_file ("belt-a3.pdf");
  g_auto(HdTestRun) run = { 0 };
  g_auto(HdTestRun) region = { 0 };
  g_auto(GStrv) pages = NULL;
  g_auto(GStrv) region_pages = NULL;
  g_autofree char *size = NULL;
  const char *belt = g_ptr_array_index (e->belt_ids, 1);
  const char *belt_name = g_ptr_array_index (e->belt_names, 1);

  run_cli (&run, "report", "--plan", e->plan_id, "-o", pdf, "--paper", "a3", "--landscape",
           "--sections", "cover,belts", "--belt", belt, NULL);
  g_assert_cmpint (run.status, ==, 0);
  pages = pdf_pages (pdf);
  /* The cover and the one belt. */
  g_assert_cmpuint (g_strv_length (pages), ==, 2 + count_pages_with (pages, "(continued)"));
  g_assert_nonnull (strstr (pages[1], belt_name));
  for (guint b = 0; b < e->belt_names->len; b++)
    if (b != 1)
      g_assert_null (strstr (pages[1], g_ptr_array_index (e->belt_names, b)));
  size = pdf_info (pdf, "Page size");
  g_assert_true (g_str_has_prefix (size, "1190.") || g_str_has_prefix (size, "1191"));

  /* --region: the belts of that region only, and at least the first belt. */
  run_cli (&region, "report", "--plan", e->plan_id, "-o", pdf, "--sections", "belts",
           "--region", e->district, NULL);
  g_assert_cmpint (region.status, ==, 0);
  region_pages = pdf_pages (pdf);
  g_assert_cmpuint (count_pages_with (region_pages, g_ptr_array_index (e->belt_names, 0)), >=, 1);
  g_assert_cmpuint (count_pages_with (region_pages, e->elsewhere), ==, 0);
}

static void
test_report_errors (void)
{
  g_autoptr(Expected) e = expected_new ();
  g_autofree char *pdf = tmp_file ("never.pdf");
  g_autofree char *blocker = tmp_file ("a-file");
  g_autofree char *inside_file = g_build_filename (blocker, "handout.pdf", NULL);
  g_auto(HdTestRun) unknown = { 0 };
  g_auto(HdTestRun) extension = { 0 };
  g_auto(HdTestRun) unwritable = { 0 };
  g_auto(HdTestRun) sections = { 0 };
  g_auto(HdTestRun) paper = { 0 };
  g_auto(HdTestRun) belt = { 0 };
  g_auto(HdTestRun) help = { 0 };

  run_cli (&unknown, "report", "--plan", "no-such-plan", "-o", pdf, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "no-such-plan"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  run_cli (&extension, "report", "--plan", e->plan_id, "-o", "handout.docx", NULL);
  g_assert_cmpint (extension.status, ==, 2);
  g_assert_nonnull (strstr (extension.err, "handout.docx"));

  /* A folder that cannot be written (here: a path through a file). */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  run_cli (&unwritable, "report", "--plan", e->plan_id, "-o", inside_file, NULL);
  g_assert_cmpint (unwritable.status, ==, 1);
  g_assert_nonnull (strstr (unwritable.err, inside_file));

  run_cli (&sections, "report", "--plan", e->plan_id, "-o", pdf, "--sections", "cover,appendix", NULL);
  g_assert_cmpint (sections.status, ==, 2);
  g_assert_nonnull (strstr (sections.err, "appendix"));

  run_cli (&paper, "report", "--plan", e->plan_id, "-o", pdf, "--paper", "letter", NULL);
  g_assert_cmpint (paper.status, ==, 2);
  g_assert_nonnull (strstr (paper.err, "letter"));

  run_cli (&belt, "report", "--plan", e->plan_id, "-o", pdf, "--belt", "no-such-belt", NULL);
  g_assert_cmpint (belt.status, ==, 1);
  g_assert_nonnull (strstr (belt.err, "no-such-belt"));

  run_cli (&help, "report", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--landscape"));
  g_assert_nonnull (strstr (help.out, "--sections"));
}

static void
check_png_size (const char *path,
                guint       width,
                guint       height)
{
  g_autofree char *bytes = NULL;
  gsize len = 0;
  const guchar *b;

  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 24);
  b = (const guchar *) bytes;
  g_assert_cmpmem (b, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpuint ((guint) b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19], ==, width);
  g_assert_cmpuint ((guint) b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23], ==, height);
}

static void
test_charts (void)
{
  g_autoptr(Expected) e = expected_new ();
  const char *names[] = { "target", "dashboard", "regions", "heatmap", "activity" };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autofree char *png = g_strdup_printf ("%s/%s.png", tmp_dir, names[k]);
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", tmp_dir, names[k]);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", tmp_dir, names[k]);
      g_autofree char *svg_text = NULL;
      g_autofree char *pages = NULL;
      g_auto(HdTestRun) a = { 0 };
      g_auto(HdTestRun) b = { 0 };
      g_auto(HdTestRun) c = { 0 };

      run_cli (&a, "chart", names[k], "--plan", e->plan_id, "-o", png, "--width", "640", "--height", "360", NULL);
      g_assert_cmpint (a.status, ==, 0);
      check_png_size (png, 640, 360);

      run_cli (&b, "chart", names[k], "--plan", e->plan_id, "-o", svg, NULL);
      g_assert_cmpint (b.status, ==, 0);
      g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
      g_assert_nonnull (strstr (svg_text, "<svg"));
      g_assert_nonnull (strstr (svg_text, "800"));

      run_cli (&c, "chart", names[k], "--plan", e->plan_id, "-o", pdf, NULL);
      g_assert_cmpint (c.status, ==, 0);
      pages = pdf_info (pdf, "Pages");
      g_assert_cmpstr (pages, ==, "1");
    }

  /* What the PDFs say: the chosen indicator, a site of the chosen belt. */
  {
    g_autofree char *pdf = tmp_file ("indicator.pdf");
    g_auto(HdTestRun) run = { 0 };
    g_auto(GStrv) text = NULL;

    run_cli (&run, "chart", "target", "--plan", e->plan_id, "--indicator", e->indicator_id, "-o", pdf, NULL);
    g_assert_cmpint (run.status, ==, 0);
    text = pdf_pages (pdf);
    g_assert_nonnull (strstr (text[0], e->indicator_name));
  }
  {
    g_autofree char *pdf = tmp_file ("heatmap-belt.pdf");
    g_auto(HdTestRun) run = { 0 };
    g_auto(GStrv) text = NULL;

    run_cli (&run, "chart", "heatmap", "--belt", g_ptr_array_index (e->belt_ids, 0), "-o", pdf,
             "--height", "600", NULL);
    g_assert_cmpint (run.status, ==, 0);
    text = pdf_pages (pdf);
    g_assert_nonnull (strstr (text[0], e->first_site));
    g_assert_nonnull (strstr (text[0], g_ptr_array_index (e->belt_names, 0)));
  }
}

static void
test_chart_errors (void)
{
  g_autoptr(Expected) e = expected_new ();
  g_autofree char *png = tmp_file ("never.png");
  g_auto(HdTestRun) name = { 0 };
  g_auto(HdTestRun) no_plan = { 0 };
  g_auto(HdTestRun) indicator = { 0 };
  g_auto(HdTestRun) extension = { 0 };
  g_auto(HdTestRun) size = { 0 };
  g_auto(HdTestRun) region = { 0 };

  run_cli (&name, "chart", "pie", "-o", png, NULL);
  g_assert_cmpint (name.status, ==, 2);
  g_assert_nonnull (strstr (name.err, "heatmap"));

  run_cli (&no_plan, "chart", "target", "-o", png, NULL);
  g_assert_cmpint (no_plan.status, ==, 1);
  g_assert_nonnull (strstr (no_plan.err, "plan"));

  run_cli (&indicator, "chart", "target", "--plan", e->plan_id, "--indicator", "no-such-indicator", "-o", png, NULL);
  g_assert_cmpint (indicator.status, ==, 1);
  g_assert_nonnull (strstr (indicator.err, "no-such-indicator"));

  run_cli (&extension, "chart", "regions", "-o", "chart.gif", NULL);
  g_assert_cmpint (extension.status, ==, 2);
  g_assert_nonnull (strstr (extension.err, "chart.gif"));

  run_cli (&size, "chart", "regions", "-o", png, "--width", "0", NULL);
  g_assert_cmpint (size.status, ==, 2);

  run_cli (&region, "chart", "regions", "--region", "no-such-region", "-o", png, NULL);
  g_assert_cmpint (region.status, ==, 1);
  g_assert_nonnull (strstr (region.err, "no-such-region"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_auto(HdTestRun) init = { 0 };
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: test-report PATH-TO-hongdai-cli");
  cli_path = argv[1];
  tmp_dir = hd_test_dir_new ();
  db_path = g_build_filename (tmp_dir, "sample.db", NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  run_cli (&init, "init", "--sample", NULL);
  g_assert_cmpint (init.status, ==, 0);

  g_test_add_func ("/report/sample", test_report_sample);
  g_test_add_func ("/report/options", test_report_options);
  g_test_add_func ("/report/errors", test_report_errors);
  g_test_add_func ("/report/charts", test_charts);
  g_test_add_func ("/report/chart-errors", test_chart_errors);
  status = g_test_run ();
  hd_test_dir_free (tmp_dir);
  g_free (db_path);
  return status;
}
