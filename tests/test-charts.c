/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The charts drawn on image surfaces: bars as tall as their values (read from the pixels),
 * legends drawn, no text outside the canvas or over other text, with long Chinese names.
 * Set HD_TEST_CHART_DIR to keep the PNGs for looking at. */
#define G_LOG_DOMAIN "test-charts"

#include <glib/gstdio.h>
#include <math.h>

#include "hd-chart.h"
#include "hd-test-util.h"

#define W 800
#define H 400

typedef struct {
  cairo_surface_t *surface;
  HdChartLayout   *layout;
} Drawn;

static void
drawn_clear (Drawn *d)
{
  g_clear_pointer (&d->surface, cairo_surface_destroy);
  g_clear_pointer (&d->layout, hd_chart_layout_free);
}

/* Drawn at (50, 50) on a larger transparent surface: every pixel outside the chart's rectangle
 * stays untouched. */
static void
assert_inside (HdChartKind   kind,
               gconstpointer data,
               int           width,
               int           height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width + 100, height + 100);
  cairo_t *cr = cairo_create (surface);
  unsigned char *bytes;
  int stride;

  cairo_translate (cr, 50, 50);
  hd_chart_draw (kind, data, cr, width, height, NULL, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height + 100; y++)
    for (int x = 0; x < width + 100; x++)
      if (x < 50 || y < 50 || x >= width + 50 || y >= height + 50)
        if (*(guint32 *) (bytes + (gsize) y * stride + (gsize) x * 4) != 0)
          g_error ("chart %d drew at (%d, %d), outside its %dx%d rectangle", kind, x - 50, y - 50, width, height);
  cairo_surface_destroy (surface);
}

static Drawn
draw (HdChartKind         kind,
      gconstpointer       data,
      int                 width,
      int                 height,
      const HdChartStyle *style,
      const char         *name)
{
  Drawn d;
  cairo_t *cr;
  const char *dir = g_getenv ("HD_TEST_CHART_DIR");

  assert_inside (kind, data, width, height);
  d.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  d.layout = hd_chart_layout_new ();
  cr = cairo_create (d.surface);
  hd_chart_draw (kind, data, cr, width, height, style, d.layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (d.surface);
  if (dir != NULL && name != NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s/%s.png", dir, name);
      cairo_surface_write_to_png (d.surface, file);
    }
  return d;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  unsigned char *bytes = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(guint32 *) (bytes + (gsize) y * stride + (gsize) x * 4);
}

static gboolean
is_colour (guint32           p,
           const HdChartRgb *rgb)
{
  int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

  return ABS (r - (int) round (rgb->red * 255)) <= 3 && ABS (g - (int) round (rgb->green * 255)) <= 3 &&
         ABS (b - (int) round (rgb->blue * 255)) <= 3;
}

/* How many pixels of @rgb in column @x between @y0 and @y1. */
static int
count_in_column (cairo_surface_t  *surface,
                 int               x,
                 int               y0,
                 int               y1,
                 const HdChartRgb *rgb)
{
  int n = 0;

  for (int y = y0; y < y1; y++)
    n += is_colour (pixel (surface, x, y), rgb);
  return n;
}

/* From the first to the last pixel of @rgb in column @x: a bar's height even where a line
 * crosses it. */
static int
extent_in_column (cairo_surface_t  *surface,
                  int               x,
                  const HdChartRgb *rgb)
{
  int first = -1, last = -1;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    if (is_colour (pixel (surface, x, y), rgb))
      {
        if (first < 0)
          first = y;
        last = y;
      }
  return first < 0 ? 0 : last - first + 1;
}

static int
count_in_row (cairo_surface_t  *surface,
              int               y,
              int               x0,
              int               x1,
              const HdChartRgb *rgb)
{
  int n = 0;

  for (int x = x0; x < x1; x++)
    n += is_colour (pixel (surface, x, y), rgb);
  return n;
}

static gboolean
any_in_box (cairo_surface_t  *surface,
            int               x0,
            int               y0,
            int               x1,
            int               y1,
            const HdChartRgb *rgb)
{
  for (int y = y0; y < y1; y++)
    if (count_in_row (surface, y, x0, x1, rgb) > 0)
      return TRUE;
  return FALSE;
}

/* Every text inside the canvas and over no other text. */
static void
assert_labels_clean (const Drawn *d,
                     double       width,
                     double       height)
{
  GArray *labels = d->layout->labels;

  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      const HdChartBox *a = &g_array_index (labels, HdChartBox, i);

      g_assert_cmpfloat (a->x, >=, -0.01);
      g_assert_cmpfloat (a->y, >=, -0.01);
      g_assert_cmpfloat (a->x + a->width, <=, width + 0.01);
      g_assert_cmpfloat (a->y + a->height, <=, height + 0.01);
      for (guint j = i + 1; j < labels->len; j++)
        {
          const HdChartBox *b = &g_array_index (labels, HdChartBox, j);
          double ox = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
          double oy = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);

          if (ox > 0.5 && oy > 0.5)
            g_error ("labels %u (%g,%g %gx%g) and %u (%g,%g %gx%g) overlap", i, a->x, a->y, a->width,
                     a->height, j, b->x, b->y, b->width, b->height);
        }
    }
}

static const HdChartHit *
find_hit (const HdChartLayout *layout,
          const char          *label)
{
  for (guint i = 0; i < layout->hits->len; i++)
    {
      const HdChartHit *hit = &g_array_index (layout->hits, HdChartHit, i);

      if (g_str_equal (hit->label, label))
        return hit;
    }
  g_error ("no hit region \"%s\"", label);
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */

static void
test_nice_ticks (void)
{
  static const struct {
    double max;
    guint  ticks;
    double step, top;
  } cases[] = {
    { 10, 5, 2, 10 },
    { 9, 5, 2, 10 },
    { 11, 5, 5, 15 },
    { 100, 5, 20, 100 },
    { 1, 4, 0.5, 1 },
    { 0.07, 5, 0.02, 0.08 },
    { 37, 4, 10, 40 },
    { 0, 5, 1, 1 },
    { 123456, 6, 50000, 150000 },
    { 7, 10, 1, 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double step, top;

      hd_chart_nice_ticks (cases[i].max, cases[i].ticks, &step, &top);
      g_assert_cmpfloat_with_epsilon (step, cases[i].step, 1e-9);
      g_assert_cmpfloat_with_epsilon (top, cases[i].top, 1e-9);
    }
}

/* Print in grey: the lights, answers and statuses differ in lightness or in hatching. */
static void
test_greyscale (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      const HdChartStyle *style = hd_chart_style_get (dark);

      for (guint a = 0; a < HD_N_LIGHTS; a++)
        for (guint b = a + 1; b < HD_N_LIGHTS; b++)
          {
            const HdChartRgb *x = &style->lights[a], *y = &style->lights[b];
            double lx = 0.299 * x->red + 0.587 * x->green + 0.114 * x->blue;
            double ly = 0.299 * y->red + 0.587 * y->green + 0.114 * y->blue;

            /* Close lightness is fine only when the hatching tells them apart. */
            if (fabs (lx - ly) < 0.1)
              g_assert_true (a != HD_LIGHT_GREEN && b != HD_LIGHT_GREEN);
          }
      g_assert_cmpstr (hd_chart_light_label (HD_LIGHT_RED), !=, hd_chart_light_label (HD_LIGHT_GREEN));
    }
}

static void
test_target (void)
{
  const double targets[] = { 4, 8, 12 };
  const HdChartPoint actuals[] = {
    { "2018-03-01", 1 }, { "2018-09-01", 3 }, { "2019-02-01", 5 }, { "2019-08-15", 7 }, { "2020-01-10", 9 },
  };
  HdChartTarget data = {
    .title = "福州市党建示范带数量（三年行动计划 2018—2020）",
    .unit = "条",
    .first_year = 2018,
    .n_years = 3,
    .targets = targets,
    .actuals = actuals,
    .n_actuals = G_N_ELEMENTS (actuals),
    .today = "2020-03-01",
  };
  const HdChartStyle *style = hd_chart_style_get (FALSE);
  Drawn d = draw (HD_CHART_TARGET, &data, W, H, NULL, "target");
  double heights[3];

  assert_labels_clean (&d, W, H);
  /* Target bars: their pixel height in the middle column follows the targets. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = g_strdup_printf ("Target %u", 2018 + i);
      const HdChartHit *hit = find_hit (d.layout, label);
      int x = (int) (hit->box.x + 3);

      heights[i] = extent_in_column (d.surface, x, &style->target);
      g_assert_cmpfloat (fabs (heights[i] - hit->box.height), <=, 2);
    }
  g_assert_cmpfloat (fabs (heights[1] / heights[0] - 2), <, 0.05);
  g_assert_cmpfloat (fabs (heights[2] / heights[0] - 3), <, 0.05);
  /* Each snapshot hovers; the actual line and today's marker are drawn. */
  g_assert_nonnull (hd_chart_layout_hit_at (d.layout, find_hit (d.layout, "Actual on 2019-08-15")->box.x + 6,
                                            find_hit (d.layout, "Actual on 2019-08-15")->box.y + 6));
  g_assert_true (any_in_box (d.surface, 0, 0, W, H, &style->actual));
  g_assert_true (any_in_box (d.surface, 0, 0, W, H, &style->today));
  drawn_clear (&d);

  /* Small, and without today or actuals: still nothing outside or over other text. */
  data.today = "2030-01-01";
  data.n_actuals = 0;
  d = draw (HD_CHART_TARGET, &data, 300, 180, NULL, "target-small");
  assert_labels_clean (&d, 300, 180);
  g_assert_false (any_in_box (d.surface, 0, 60, 300, 180, &style->today));
  drawn_clear (&d);
}

static void
test_dashboard (void)
{
  const HdChartIndicator indicators[] = {
    { "示范带数量", "条", 10, 10, HD_CHART_STATUS_ON_TRACK },
    { "每条示范带示范点不少于 8 个的示范带", "条", 6, 10, HD_CHART_STATUS_AT_RISK },
    { "六有达标率", "%", 45, 90, HD_CHART_STATUS_BEHIND },
    { "区域性党群服务中心", "个", 3, 4, HD_CHART_STATUS_ON_TRACK },
    { "本季度检查覆盖率", "%", NAN, 100, HD_CHART_STATUS_NONE },
  };
  HdChartDashboard data = { "福州市三年行动计划 · 进度", "2019 · 组织力提升", indicators, G_N_ELEMENTS (indicators) };
  const HdChartStyle *style = hd_chart_style_get (FALSE);
  Drawn d = draw (HD_CHART_DASHBOARD, &data, W, H, NULL, "dashboard");
  const HdChartHit *full = find_hit (d.layout, "示范带数量");
  const HdChartHit *half = find_hit (d.layout, "六有达标率");
  int full_px, half_px;

  assert_labels_clean (&d, W, H);
  g_assert_cmpuint (d.layout->hits->len, ==, G_N_ELEMENTS (indicators));
  /* The on-track bar is full (solid green); the behind bar is half: the empty track shows in
   * the columns of its second half only. */
  full_px = count_in_row (d.surface, (int) (full->box.y + full->box.height / 2), (int) full->box.x,
                          (int) (full->box.x + full->box.width), &style->statuses[HD_CHART_STATUS_ON_TRACK]);
  g_assert_cmpfloat (fabs (full_px - full->box.width), <=, 4);
  half_px = 0;
  for (int x = (int) half->box.x; x < half->box.x + half->box.width; x++)
    if (count_in_column (d.surface, x, (int) half->box.y, (int) (half->box.y + half->box.height),
                         &style->grid) == 0)
      half_px++;
  g_assert_cmpfloat (fabs (half_px - half->box.width / 2), <=, 4);
  g_assert_nonnull (strstr (half->value, "45 / 90%"));
  drawn_clear (&d);

  /* Many indicators in little room: the rest are counted, nothing overlaps. */
  {
    HdChartIndicator many[40];

    for (guint i = 0; i < G_N_ELEMENTS (many); i++)
      many[i] = indicators[i % G_N_ELEMENTS (indicators)];
    data.indicators = many;
    data.n_indicators = G_N_ELEMENTS (many);
    d = draw (HD_CHART_DASHBOARD, &data, 500, 300, hd_chart_style_get (TRUE), "dashboard-many");
    assert_labels_clean (&d, 500, 300);
    g_assert_cmpuint (d.layout->hits->len, <, G_N_ELEMENTS (many));
    g_assert_cmpuint (d.layout->hits->len, >, 0);
    /* Dark: the background is the dark style's. */
    g_assert_true (is_colour (pixel (d.surface, 1, 1), &hd_chart_style_get (TRUE)->background));
    drawn_clear (&d);
  }
}

static void
test_regions (void)
{
  static const char *names[] = {
    "鼓楼区", "台江区", "仓山区", "晋安区", "马尾区（福州经济技术开发区）", "长乐区", "闽侯县", "连江县",
    "罗源县", "闽清县", "永泰县", "福清市（县级市）",
  };
  HdChartDistrict districts[G_N_ELEMENTS (names)];
  HdChartRegions data = { "各县（市）区示范带与示范点", HD_CHART_COUNT_SITES, districts, 3 };
  const HdChartStyle *style = hd_chart_style_get (FALSE);
  Drawn d;
  double h[3];

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    districts[i] = (HdChartDistrict) { names[i], { 0, 1, 1, 0 }, { 2, 10 * (i % 3 + 1), 3, 1 }, 0.3 + 0.05 * i };
  /* Three districts with green only: 10, 20, 30 sites. */
  for (guint i = 0; i < 3; i++)
    {
      memset (districts[i].sites, 0, sizeof districts[i].sites);
      districts[i].sites[HD_LIGHT_GREEN] = 10 * (i + 1);
    }
  d = draw (HD_CHART_REGIONS, &data, W, H, NULL, "regions-3");
  assert_labels_clean (&d, W, H);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s · Green", names[i]);
      const HdChartHit *hit = find_hit (d.layout, label);

      h[i] = extent_in_column (d.surface, (int) (hit->box.x + 2), &style->lights[HD_LIGHT_GREEN]);
    }
  g_assert_cmpfloat (fabs (h[1] / h[0] - 2), <, 0.1);
  g_assert_cmpfloat (fabs (h[2] / h[0] - 3), <, 0.1);
  /* The legend shows every light. */
  for (guint l = 0; l < HD_N_LIGHTS; l++)
    g_assert_true (any_in_box (d.surface, 0, 0, W, 70, &style->lights[l]));
  g_assert_nonnull (find_hit (d.layout, "台江区 · Compliance"));
  drawn_clear (&d);

  /* Twelve districts with long names, in sites and in belts, wide and narrow. */
  data.n_districts = G_N_ELEMENTS (names);
  d = draw (HD_CHART_REGIONS, &data, W, H, NULL, "regions-12");
  assert_labels_clean (&d, W, H);
  drawn_clear (&d);
  data.count = HD_CHART_COUNT_BELTS;
  d = draw (HD_CHART_REGIONS, &data, 420, 320, NULL, "regions-12-narrow");
  assert_labels_clean (&d, 420, 320);
  g_assert_cmpstr (find_hit (d.layout, "鼓楼区 · Yellow")->value, ==, "1 belt");
  drawn_clear (&d);
}

/* The answer whose colour is nearest the average of the middle of @box (hatching and all). */
static HdAnswer
nearest_answer (cairo_surface_t    *surface,
                const HdChartStyle *style,
                const HdChartBox   *box)
{
  double sum[3] = { 0 }, best = G_MAXDOUBLE;
  int n = 0;
  HdAnswer nearest = HD_ANSWER_NONE;

  for (int y = (int) (box->y + box->height / 4); y < box->y + box->height * 3 / 4; y++)
    for (int x = (int) (box->x + box->width / 4); x < box->x + box->width * 3 / 4; x++)
      {
        guint32 p = pixel (surface, x, y);

        sum[0] += ((p >> 16) & 0xff) / 255.0;
        sum[1] += ((p >> 8) & 0xff) / 255.0;
        sum[2] += (p & 0xff) / 255.0;
        n++;
      }
  for (guint a = 0; a < HD_N_ANSWERS; a++)
    {
      const HdChartRgb *c = &style->answers[a];
      double d = pow (sum[0] / n - c->red, 2) + pow (sum[1] / n - c->green, 2) + pow (sum[2] / n - c->blue, 2);

      if (d < best)
        {
          best = d;
          nearest = (HdAnswer) a;
        }
    }
  return nearest;
}

static HdAnswer
answer_for (guint r,
            guint c)
{
  return (HdAnswer) ((r * 7 + c * 3) % HD_N_ANSWERS);
}

static void
test_heatmap (void)
{
  static const char *columns[] = { "有场所", "有设施", "有标志", "有党旗", "有书报", "有制度" };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autofree HdAnswer *cells = g_new (HdAnswer, 200 * G_N_ELEMENTS (columns));
  HdChartHeatmap data = { "鼓楼区示范点六有达标情况", NULL, 8, columns, G_N_ELEMENTS (columns), cells, 0, 0 };
  const HdChartStyle *style = hd_chart_style_get (FALSE);
  Drawn d;
  guint fit;

  for (guint r = 0; r < 200; r++)
    {
      g_ptr_array_add (rows, g_strdup_printf (r % 5 == 0 ? "福州市鼓楼区东街街道第%u社区党群服务中心" : "示范点%u", r + 1));
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        cells[r * G_N_ELEMENTS (columns) + c] = answer_for (r, c);
    }
  data.rows = (const char *const *) rows->pdata;

  d = draw (HD_CHART_HEATMAP, &data, W, H, NULL, "heatmap-8");
  assert_labels_clean (&d, W, H);
  g_assert_cmpuint (d.layout->hits->len, ==, 8 * G_N_ELEMENTS (columns));
  /* Each cell's middle pixel is its answer's colour (hatching sits off-centre or is sparse). */
  for (guint i = 0; i < d.layout->hits->len; i++)
    {
      const HdChartHit *hit = &g_array_index (d.layout->hits, HdChartHit, i);
      HdAnswer a = answer_for (i / G_N_ELEMENTS (columns), i % G_N_ELEMENTS (columns));

      if (a == HD_ANSWER_MET)
        g_assert_true (is_colour (pixel (d.surface, (int) (hit->box.x + hit->box.width / 2),
                                         (int) (hit->box.y + hit->box.height / 2)), &style->answers[a]));
      else if (a == HD_ANSWER_NOT_MET || a == HD_ANSWER_PARTLY)
        g_assert_cmpint (nearest_answer (d.surface, style, &hit->box), ==, a);
      g_assert_cmpstr (hit->value, ==, hd_chart_answer_label (a));
    }
  drawn_clear (&d);

  /* All 200 rows in one chart: every row hovers, the labels thin out, none overlap. */
  data.n_rows = 200;
  d = draw (HD_CHART_HEATMAP, &data, W, H, NULL, "heatmap-200");
  assert_labels_clean (&d, W, H);
  g_assert_cmpuint (d.layout->hits->len, ==, 200 * G_N_ELEMENTS (columns));
  g_assert_nonnull (find_hit (d.layout, "示范点200 · 有制度"));
  drawn_clear (&d);

  /* Or in pages with a label on every row. */
  fit = hd_chart_heatmap_rows_that_fit (&data, NULL, W, H);
  g_assert_cmpuint (fit, >, 5);
  g_assert_cmpuint (fit, <, 200);
  data.first_row = fit;
  data.max_rows = fit;
  d = draw (HD_CHART_HEATMAP, &data, W, H, NULL, "heatmap-page2");
  assert_labels_clean (&d, W, H);
  g_assert_cmpuint (d.layout->hits->len, ==, fit * G_N_ELEMENTS (columns));
  {
    g_autofree char *label = g_strdup_printf ("%s · 有场所", (char *) rows->pdata[fit]);
    g_assert_nonnull (find_hit (d.layout, label));
  }
  /* Every row got its label: fit row labels plus six column labels, two titles, the legend. */
  g_assert_cmpuint (d.layout->labels->len, >=, fit + G_N_ELEMENTS (columns) + 2 + HD_N_ANSWERS);
  drawn_clear (&d);
}

static void
test_activity (void)
{
  HdChartMonth months[36];
  HdChartActivity data = { "督导检查次数（按月）", months, 12 };
  const HdChartStyle *style = hd_chart_style_get (FALSE);
  Drawn d;
  int h3, h6;

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    months[i] = (HdChartMonth) { 2024 + (int) ((i + 9) / 12), (int) ((i + 9) % 12) + 1, (i % 4 + 1) * 3 };
  d = draw (HD_CHART_ACTIVITY, &data, W, H, NULL, "activity-12");
  assert_labels_clean (&d, W, H);
  /* Months 0 and 1 have 3 and 6 inspections: their bars differ by a factor two. */
  h3 = extent_in_column (d.surface, (int) (find_hit (d.layout, "2024-10")->box.x + find_hit (d.layout, "2024-10")->box.width / 2),
                         &style->target);
  h6 = extent_in_column (d.surface, (int) (find_hit (d.layout, "2024-11")->box.x + find_hit (d.layout, "2024-11")->box.width / 2),
                         &style->target);
  g_assert_cmpint (h3, >, 5);
  g_assert_cmpfloat (fabs ((double) h6 / h3 - 2), <, 0.15);
  g_assert_cmpstr (find_hit (d.layout, "2024-11")->value, ==, "6 inspections");
  drawn_clear (&d);

  data.n_months = 36;
  d = draw (HD_CHART_ACTIVITY, &data, W, H, NULL, "activity-36");
  assert_labels_clean (&d, W, H);
  g_assert_cmpuint (d.layout->hits->len, ==, 36);
  drawn_clear (&d);
  d = draw (HD_CHART_ACTIVITY, &data, 320, 200, NULL, "activity-36-small");
  assert_labels_clean (&d, 320, 200);
  drawn_clear (&d);
}

/* Odd sizes and odd data: nothing crashes, nothing leaves the canvas, and what text is drawn
 * stays on it. */
static void
test_edges (void)
{
  static const int sizes[][2] = { { 1, 1 }, { 40, 20 }, { 120, 80 }, { 2000, 90 }, { 90, 1200 } };
  const double targets[] = { NAN, INFINITY, -5 };
  const HdChartPoint actuals[] = { { "not a date", 3 }, { "2019-02-30", 4 }, { "2019-06-01", NAN }, { "2020-12-31", 1e12 } };
  HdChartTarget target = { NULL, NULL, 2018, 3, targets, actuals, G_N_ELEMENTS (actuals), "garbage" };
  HdChartIndicator indicators[] = { { "", NULL, NAN, NAN, HD_CHART_STATUS_NONE }, { "x", "%", -3, 0, 99 } };
  HdChartDashboard dashboard = { "", NULL, indicators, G_N_ELEMENTS (indicators) };
  HdChartDistrict district = { "很长很长很长很长很长很长很长很长很长很长的区名", { 0 }, { 0 }, 7 };
  HdChartRegions regions = { NULL, HD_CHART_COUNT_BELTS, &district, 1 };
  HdChartRegions no_regions = { "无", HD_CHART_COUNT_SITES, NULL, 0 };
  const char *rows[] = { "" };
  const char *columns[] = { "很长很长很长很长很长很长很长很长的检查项目" };
  HdAnswer cells[] = { 77 };
  HdChartHeatmap heatmap = { "热", rows, 1, columns, 1, cells, 5, 3 };
  HdChartHeatmap empty_heatmap = { NULL, NULL, 0, NULL, 0, NULL, 0, 0 };
  HdChartActivity no_activity = { NULL, NULL, 0 };
  const struct {
    HdChartKind   kind;
    gconstpointer data;
  } charts[] = {
    { HD_CHART_TARGET, &target }, { HD_CHART_DASHBOARD, &dashboard }, { HD_CHART_REGIONS, &regions },
    { HD_CHART_REGIONS, &no_regions }, { HD_CHART_HEATMAP, &heatmap }, { HD_CHART_HEATMAP, &empty_heatmap },
    { HD_CHART_ACTIVITY, &no_activity },
  };

  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        Drawn d = draw (charts[c].kind, charts[c].data, sizes[s][0], sizes[s][1], NULL, NULL);
        g_autofree char *text = hd_chart_describe (charts[c].kind, charts[c].data);

        for (guint i = 0; i < d.layout->labels->len; i++)
          {
            const HdChartBox *b = &g_array_index (d.layout->labels, HdChartBox, i);

            g_assert_cmpfloat (b->x, >=, -0.01);
            g_assert_cmpfloat (b->y, >=, -0.01);
            g_assert_cmpfloat (b->x + b->width, <=, sizes[s][0] + 0.01);
            g_assert_cmpfloat (b->y + b->height, <=, sizes[s][1] + 0.01);
          }
        g_assert_nonnull (text);
        drawn_clear (&d);
      }
}

static void
test_describe (void)
{
  const HdChartIndicator indicators[] = {
    { "示范带数量", "条", 10, 10, HD_CHART_STATUS_ON_TRACK },
    { "六有达标率", "%", 45, 90, HD_CHART_STATUS_BEHIND },
  };
  HdChartDashboard dashboard = { "进度", NULL, indicators, G_N_ELEMENTS (indicators) };
  HdChartMonth months[50];
  HdChartActivity activity = { "督导", months, G_N_ELEMENTS (months) };
  g_autofree char *text = hd_chart_describe (HD_CHART_DASHBOARD, &dashboard);
  g_autofree char *long_text = NULL;

  g_assert_cmpstr (text, ==, "进度\n示范带数量: 10 / 10条 (100%), On track\n六有达标率: 45 / 90% (50%), Behind\n");
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    months[i] = (HdChartMonth) { 2022 + (int) (i / 12), (int) (i % 12) + 1, i };
  long_text = hd_chart_describe (HD_CHART_ACTIVITY, &activity);
  g_assert_true (g_str_has_prefix (long_text, "督导\n2022-01: 0\n"));
  g_assert_nonnull (strstr (long_text, "… and 10 more"));
  g_assert_null (strstr (long_text, "2025-05"));
}

static void
test_write_file (void)
{
  char *dir = hd_test_dir_new ();
  const HdChartMonth months[] = { { 2025, 1, 3 }, { 2025, 2, 5 } };
  HdChartActivity data = { "督导检查", months, G_N_ELEMENTS (months) };
  g_autoptr(GError) error = NULL;
  const char *exts[] = { "png", "svg", "PDF" };

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/chart.%s", dir, exts[i]);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (hd_chart_write_file (HD_CHART_ACTIVITY, &data, 400, 300, NULL, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 100);
      if (i == 0)
        g_assert_true (memcmp (contents, "\x89PNG", 4) == 0);
      else if (i == 1)
        g_assert_nonnull (strstr (contents, "<svg"));
      else
        g_assert_true (g_str_has_prefix (contents, "%PDF"));
    }
  {
    g_autofree char *bad = g_strdup_printf ("%s/chart.bmp", dir);
    g_assert_false (hd_chart_write_file (HD_CHART_ACTIVITY, &data, 400, 300, NULL, bad, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "chart.bmp"));
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
    g_clear_error (&error);
  }
  {
    g_autofree char *nowhere = g_strdup_printf ("%s/missing/chart.png", dir);
    g_assert_false (hd_chart_write_file (HD_CHART_ACTIVITY, &data, 400, 300, NULL, nowhere, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
    g_clear_error (&error);
  }
  hd_test_dir_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/nice-ticks", test_nice_ticks);
  g_test_add_func ("/charts/greyscale", test_greyscale);
  g_test_add_func ("/charts/target", test_target);
  g_test_add_func ("/charts/dashboard", test_dashboard);
  g_test_add_func ("/charts/regions", test_regions);
  g_test_add_func ("/charts/heatmap", test_heatmap);
  g_test_add_func ("/charts/activity", test_activity);
  g_test_add_func ("/charts/edges", test_edges);
  g_test_add_func ("/charts/describe", test_describe);
  g_test_add_func ("/charts/write-file", test_write_file);

  return g_test_run ();
}
