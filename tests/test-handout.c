/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDF handout from a hand-made plan: 10 belts of 8 sites (one of 40, whose table runs over a
 * page) with Chinese names. pdftotext reads the pages back: the contents list every belt with the
 * page it starts on, each page has its footer, the title is in Chinese, the options filter.
 * Set HD_TEST_CHART_DIR to keep the PDF for looking at. */
#define G_LOG_DOMAIN "test-handout"

#include <math.h>

#include "hd-handout.h"
#include "hd-test-util.h"

#define N_BELTS 10
#define N_SITES 8
#define N_LONG  40

static const char *districts[] = { "鼓楼区", "台江区", "仓山区", "晋安区", "马尾区" };
static const char *items[] = { "有场所", "有设施", "有标志", "有党旗", "有书报", "有制度" };
static const char *five[] = { "一条线路", "一个红色标识", "一个区域性党群活动服务中心", "一个红色文化广场", "一条党建长廊" };

typedef struct {
  GPtrArray               *strings;
  HdHandoutSite            sites[N_BELTS][N_LONG];
  HdAnswer                 answers[N_BELTS][N_LONG][G_N_ELEMENTS (items)];
  HdHandoutCheck           checks[N_BELTS][G_N_ELEMENTS (five)];
  HdHandoutRectification   rects[N_BELTS][3];
  HdHandoutBelt            belts[N_BELTS];
  HdHandoutYear            years[3];
  HdChartIndicator         indicators[4];
  HdChartDashboard         dashboard;
  double                   targets[4][3];
  HdChartPoint             actuals[4][4];
  HdChartTarget            charts[4];
  HdChartDistrict          district_rows[G_N_ELEMENTS (districts)];
  HdChartRegions           regions;
  HdChartMonth             months[24];
  HdChartActivity          activity;
  HdHandout                doc;
} Plan;

static const char *
keep (Plan *plan,
      char *string)
{
  g_ptr_array_add (plan->strings, string);
  return string;
}

static Plan *
plan_new (void)
{
  Plan *p = g_new0 (Plan, 1);
  static const char *indicator_names[] = { "示范带数量", "示范点数量", "六有达标率", "党群服务中心" };
  static const char *units[] = { "条", "个", "%", "个" };

  p->strings = g_ptr_array_new_with_free_func (g_free);
  for (guint b = 0; b < N_BELTS; b++)
    {
      guint n = b == 3 ? N_LONG : N_SITES;

      for (guint s = 0; s < n; s++)
        {
          for (guint c = 0; c < G_N_ELEMENTS (items); c++)
            p->answers[b][s][c] = (HdAnswer) ((b + s + c) % HD_N_ANSWERS);
          p->sites[b][s] = (HdHandoutSite) {
            keep (p, g_strdup_printf ("第%u带%s社区党群服务站%u号", b + 1, districts[b % 5], s + 1)),
            s == 0 ? "党群服务中心" : "活动阵地",
            119.25 + b * 0.02 + s * 0.003, 26.05 + s * 0.002 * (b % 2 ? 1 : -1),
            (HdLight) ((b + s) % HD_N_LIGHTS),
            p->answers[b][s],
          };
        }
      for (guint c = 0; c < G_N_ELEMENTS (five); c++)
        p->checks[b][c] = (HdHandoutCheck) { five[c], (HdAnswer) ((b + c) % HD_N_ANSWERS) };
      for (guint r = 0; r < 3; r++)
        p->rects[b][r] = (HdHandoutRectification) {
          p->sites[b][r].name, "党建阵地标识牌破损，需更换并补齐制度上墙", "李明", "2026-01-15", r == 0,
        };
      p->belts[b] = (HdHandoutBelt) {
        keep (p, g_strdup_printf ("%s红色示范带%u", districts[b % 5], b + 1)), districts[b % 5],
        "连点成线、连线成带", (HdLight) (b % HD_N_LIGHTS), p->sites[b], n, p->checks[b], G_N_ELEMENTS (five),
        p->rects[b], b % 2 == 0 ? 3 : 0,
      };
    }

  p->years[0] = (HdHandoutYear) { 2018, "规范化建设" };
  p->years[1] = (HdHandoutYear) { 2019, "组织力提升" };
  p->years[2] = (HdHandoutYear) { 2020, "全面进步全面过硬" };
  for (guint i = 0; i < G_N_ELEMENTS (p->indicators); i++)
    {
      for (guint y = 0; y < 3; y++)
        p->targets[i][y] = 10.0 * (y + 1) * (i + 1);
      for (guint a = 0; a < 4; a++)
        p->actuals[i][a] = (HdChartPoint) { keep (p, g_strdup_printf ("%d-%02d-01", 2018 + a / 2, 3 + 6 * (a % 2))),
                                            8.0 * (a + 1) * (i + 1) };
      p->charts[i] = (HdChartTarget) { indicator_names[i], units[i], 2018, 3, p->targets[i], p->actuals[i], 4,
                                       "2019-10-01" };
      p->indicators[i] = (HdChartIndicator) { indicator_names[i], units[i], 32.0 * (i + 1), 20.0 * (i + 1) + 10,
                                              (HdChartStatus) (i % 3 + 1) };
    }
  p->dashboard = (HdChartDashboard) { "计划进度", "2019 · 组织力提升", p->indicators, G_N_ELEMENTS (p->indicators) };
  for (guint d = 0; d < G_N_ELEMENTS (districts); d++)
    p->district_rows[d] = (HdChartDistrict) { districts[d], { 0, 1, 1, 0 }, { 2, 8, 4, 1 }, 0.5 + d * 0.1 };
  p->regions = (HdChartRegions) { "各区示范点", HD_CHART_COUNT_SITES, p->district_rows, G_N_ELEMENTS (districts) };
  for (guint m = 0; m < G_N_ELEMENTS (p->months); m++)
    p->months[m] = (HdChartMonth) { 2024 + (int) (m / 12), (int) (m % 12) + 1, m % 7 + 2 };
  p->activity = (HdChartActivity) { "督导检查", p->months, G_N_ELEMENTS (p->months) };

  p->doc = (HdHandout) {
    "福州市党建示范带三年行动计划（2018—2020）", "福州市", "2019-10-01",
    p->years, 3, 2019, &p->dashboard, p->charts, G_N_ELEMENTS (p->charts), &p->regions, &p->activity,
    items, G_N_ELEMENTS (items), p->belts, N_BELTS,
  };
  return p;
}

static void
plan_free (Plan *p)
{
  g_ptr_array_unref (p->strings);
  g_free (p);
}

/* The text of each page (pdftotext separates pages with form feeds). */
static char **
pdf_pages (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  char **pages;
  guint n;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pages = g_strsplit (out, "\f", -1);
  /* The last form feed ends the last page. */
  n = g_strv_length (pages);
  if (n > 0 && g_strstrip (pages[n - 1])[0] == '\0')
    {
      g_free (pages[n - 1]);
      pages[n - 1] = NULL;
    }
  return pages;
}

/* The page (1-based) the contents give for @title. */
static guint
contents_page_of (const char *contents,
                  const char *title)
{
  const char *at = strstr (contents, title);
  const char *end;
  guint64 page = 0;

  g_assert_nonnull (at);
  end = strchr (at, '\n');
  g_assert_nonnull (end);
  /* The number ends the line. */
  while (end > at && g_ascii_isdigit (end[-1]))
    end--;
  page = g_ascii_strtoull (end, NULL, 10);
  g_assert_cmpuint (page, >, 0);
  return (guint) page;
}

static char *
output_path (const char *dir,
             const char *name)
{
  const char *keep_dir = g_getenv ("HD_TEST_CHART_DIR");

  return g_build_filename (keep_dir != NULL ? keep_dir : dir, name, NULL);
}

static void
test_handout_full (void)
{
  Plan *plan = plan_new ();
  char *dir = hd_test_dir_new ();
  g_autofree char *path = output_path (dir, "handout.pdf");
  g_autofree char *basemap_file = hd_basemap_find_file ();
  g_autoptr(HdBasemap) basemap = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  HdHandoutOptions opts = { 0 };
  guint n_pages = 0, n;

  basemap = hd_basemap_new_from_file (basemap_file, &error);
  g_assert_no_error (error);
  opts.basemap = basemap;
  g_assert_true (hd_handout_write_pdf (&plan->doc, &opts, path, &n_pages, &error));
  g_assert_no_error (error);

  pages = pdf_pages (path);
  n = g_strv_length (pages);
  g_assert_cmpuint (n, ==, n_pages);
  /* Cover, contents, dashboard, 4 indicators, districts, ≥ 10 belt pages, ≥ 1 continuation. */
  g_assert_cmpuint (n, >=, 1 + 1 + 1 + 4 + 1 + N_BELTS + 1);

  /* The cover: the Chinese title, the region and every annual theme. */
  g_assert_nonnull (strstr (pages[0], "福州市党建示范带三年行动计划"));
  g_assert_nonnull (strstr (pages[0], "组织力提升"));
  g_assert_nonnull (strstr (pages[0], "全面进步全面过硬"));
  g_assert_nonnull (strstr (pages[0], "This year"));

  /* Every page's footer counts the pages. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1, n);
      g_assert_nonnull (strstr (pages[i], footer));
    }

  /* The contents list every belt with the page that starts with its name. */
  g_assert_nonnull (strstr (pages[1], "Contents"));
  for (guint b = 0; b < N_BELTS; b++)
    {
      guint page = contents_page_of (pages[1], plan->belts[b].name);

      g_assert_cmpuint (page, >=, 3);
      g_assert_cmpuint (page, <=, n);
      g_assert_true (g_str_has_prefix (g_strchug (pages[page - 1]), plan->belts[b].name));
      /* Its sites' table: the first site and the open rectifications. */
      g_assert_nonnull (strstr (pages[page - 1], plan->belts[b].sites[0].name));
    }
  g_assert_cmpuint (contents_page_of (pages[1], "Indicators"), ==, 4);
  g_assert_cmpuint (contents_page_of (pages[1], "示范带数量"), ==, 4);
  g_assert_cmpuint (contents_page_of (pages[1], "示范点数量"), ==, 5);

  /* The contents link to their pages and the PDF has an outline (cairo writes these
   * dictionaries uncompressed). */
  {
    g_autofree char *bytes = NULL;
    gsize len;
    guint links = 0, outlines = 0;

    /* A binary file: compare at every offset (string functions stop at NUL bytes). */
    g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
    for (gsize i = 0; i + 14 <= len; i++)
      {
        links += memcmp (bytes + i, "/Subtype /Link", 14) == 0;
        outlines += memcmp (bytes + i, "/Outlines", 9) == 0;
      }
    g_assert_cmpuint (links, >=, N_BELTS + 4);
    g_assert_cmpuint (outlines, >, 0);
  }

  /* The 40-site belt runs over: its last site is on a continuation page. */
  {
    guint first = contents_page_of (pages[1], plan->belts[3].name);
    g_autofree char *continued = g_strdup_printf ("%s · %s (continued)", plan->belts[3].district, plan->belts[3].name);

    g_assert_nonnull (strstr (pages[first], continued));
    g_assert_nonnull (strstr (pages[first], plan->belts[3].sites[N_LONG - 1].name));
  }

  hd_test_dir_free (dir);
  plan_free (plan);
}

static void
test_handout_options (void)
{
  Plan *plan = plan_new ();
  char *dir = hd_test_dir_new ();
  g_autofree char *path = output_path (dir, "handout-a3.pdf");
  g_autofree char *bad = g_build_filename (dir, "missing", "handout.pdf", NULL);
  const char *only[] = { "台江区", NULL };
  HdHandoutOptions opts = { HD_HANDOUT_A3, TRUE, HD_HANDOUT_CONTENTS | HD_HANDOUT_BELTS, only, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *all = NULL;
  guint n_pages = 0;

  g_assert_true (hd_handout_write_pdf (&plan->doc, &opts, path, &n_pages, &error));
  g_assert_no_error (error);
  pages = pdf_pages (path);
  g_assert_cmpuint (g_strv_length (pages), ==, n_pages);
  /* Contents and Taijiang's two belts, one page each on landscape A3. */
  g_assert_cmpuint (n_pages, ==, 3);
  all = g_strjoinv ("\n", pages);
  g_assert_nonnull (strstr (all, plan->belts[1].name));
  g_assert_nonnull (strstr (all, plan->belts[6].name));
  g_assert_null (strstr (all, plan->belts[0].name));
  g_assert_null (strstr (all, "组织力提升"));

  /* A file that cannot be written: an error naming it. */
  g_assert_false (hd_handout_write_pdf (&plan->doc, NULL, bad, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, bad));

  hd_test_dir_free (dir);
  plan_free (plan);
}

/* The pages recorded for printing are the PDF's pages: as many, the same size, each with ink on
 * it and the footer's rule at the same place. */
static void
test_handout_record (void)
{
  Plan *plan = plan_new ();
  char *dir = hd_test_dir_new ();
  g_autofree char *path = output_path (dir, "handout-record.pdf");
  HdHandoutOptions opts = { HD_HANDOUT_A4, TRUE, 0, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  guint n_pages = 0;
  double width = 0, height = 0;

  g_assert_true (hd_handout_write_pdf (&plan->doc, &opts, path, &n_pages, &error));
  g_assert_no_error (error);
  pages = hd_handout_record_pages (&plan->doc, &opts, &width, &height);
  g_assert_cmpuint (pages->len, ==, n_pages);
  /* Landscape A4. */
  g_assert_cmpfloat_with_epsilon (width, 841.890, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 595.276, 0.01);
  for (guint i = 0; i < pages->len; i++)
    {
      cairo_surface_t *page = g_ptr_array_index (pages, i);
      double x, y, w, h;

      g_assert_cmpint (cairo_surface_status (page), ==, CAIRO_STATUS_SUCCESS);
      cairo_recording_surface_ink_extents (page, &x, &y, &w, &h);
      /* Something on the page, all of it on the paper, down to the footer. */
      g_assert_cmpfloat (w, >, 0);
      g_assert_cmpfloat (x, >=, -0.5);
      g_assert_cmpfloat (y, >=, -0.5);
      g_assert_cmpfloat (x + w, <=, width + 0.5);
      g_assert_cmpfloat (y + h, <=, height + 0.5);
      g_assert_cmpfloat (y + h, >, height * 0.8);
    }

  hd_test_dir_free (dir);
  plan_free (plan);
}

/* Almost nothing to print: a cover, the contents and a belt without sites still make a
 * handout, and the belt page says why its map is empty. */
static void
test_handout_sparse (void)
{
  char *dir = hd_test_dir_new ();
  g_autofree char *path = output_path (dir, "handout-sparse.pdf");
  HdHandoutSite lost = { "无坐标示范点", NULL, NAN, NAN, HD_LIGHT_GREY, NULL };
  HdHandoutBelt belts[] = {
    { "空示范带", "鼓楼区", NULL, HD_LIGHT_GREY, NULL, 0, NULL, 0, NULL, 0 },
    { "无坐标示范带", "鼓楼区", NULL, HD_LIGHT_GREY, &lost, 1, NULL, 0, NULL, 0 },
  };
  HdHandout doc = { "空计划", "福州市", "2026-01-01", NULL, 0, 0, NULL, NULL, 0, NULL, NULL, NULL, 0,
                    belts, G_N_ELEMENTS (belts) };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_pages = 0;

  g_assert_true (hd_handout_write_pdf (&doc, NULL, path, &n_pages, &error));
  g_assert_no_error (error);
  pages = pdf_pages (path);
  g_assert_cmpuint (n_pages, ==, 4);
  g_assert_cmpuint (g_strv_length (pages), ==, 4);
  g_assert_nonnull (strstr (pages[0], "空计划"));
  g_assert_nonnull (strstr (pages[2], "No site of this belt has a position"));
  g_assert_nonnull (strstr (pages[2], "None open."));
  g_assert_nonnull (strstr (pages[3], "无坐标示范点"));
  g_assert_nonnull (strstr (pages[3], "No site of this belt has a position"));
  hd_test_dir_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/handout/full", test_handout_full);
  g_test_add_func ("/handout/options", test_handout_options);
  g_test_add_func ("/handout/sparse", test_handout_sparse);
  g_test_add_func ("/handout/record", test_handout_record);

  return g_test_run ();
}
