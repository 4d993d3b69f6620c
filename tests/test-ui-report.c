/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plan page's charts and the handout from the app, under Xvfb: every chart of the sample's
 * plan is mapped and drawn (pixels other than its background); they follow the store's changes
 * that concern them and only those; the heatmap follows its picker; "Export Handout as PDF"
 * writes the PDF (and says clearly when the folder cannot be written, keeping the dialog open);
 * the print operation draws the same pages. */
#define G_LOG_DOMAIN "test-ui-report"

#include <string.h>

#include "hd-application.h"
#include "hd-chart-view.h"
#include "hd-handout-dialog.h"
#include "hd-inspection.h"
#include "hd-plan-progress.h"
#include "hd-plan-charts.h"
#include "hd-plan-view.h"
#include "hd-report.h"
#include "hd-store.h"
#include "hd-window.h"
#include "hd-test-ui.h"

static HdApplication *app;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  hd_test_fixture_open (fixture, TRUE);
}

static HdPlanView *
open_plan_page (Fixture *fixture)
{
  g_assert_true (hd_window_set_page (fixture->window, "plans"));
  return HD_PLAN_VIEW (hd_window_get_plan_view (fixture->window));
}

static HdPlanCharts *
plan_charts (HdPlanView *view)
{
  GtkWidget *charts = gtk_widget_get_first_child (GTK_WIDGET (hd_plan_view_get_charts_box (view)));

  g_assert_true (HD_IS_PLAN_CHARTS (charts));
  return HD_PLAN_CHARTS (charts);
}

/* hd_test_keep_window_shot() of @window with @adjustment scrolled to @y first (only when shots
 * are kept, so the test runs the same either way). */
static void
keep_scrolled_shot (GtkWidget     *window,
                    const char    *name,
                    GtkAdjustment *adjustment,
                    double         y)
{
  const char *dir = g_getenv ("HONGDAI_TEST_SHOTS");

  if (dir == NULL || *dir == '\0')
    return;
  gtk_adjustment_set_value (adjustment, y);
  hd_test_keep_window_shot (window, name);
}

/* How many pixels of @widget, drawn as it is now, differ from its top-left pixel (the card's
 * background). */
static guint
count_ink (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gsize stride = (gsize) width * 4;
  guint ink = 0;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return 0;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);
  /* Sample a little inside the corner: cards have rounded, shaded edges. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + y * stride + x * 4;
        const guchar *bg = pixels + (height / 2 < 8 ? 0 : 8) * stride + 8 * 4;

        ink += abs (p[0] - bg[0]) + abs (p[1] - bg[1]) + abs (p[2] - bg[2]) > 60;
      }
  return ink;
}

typedef struct {
  GPtrArray *views;
} Views;

static gboolean
all_drawn (gpointer data)
{
  GPtrArray *views = data;

  for (guint i = 0; i < views->len; i++)
    {
      GtkWidget *view = g_ptr_array_index (views, i);
      const HdChartLayout *layout = hd_chart_view_get_layout (HD_CHART_VIEW (view));

      /* A drawing records its texts. */
      if (!gtk_widget_get_mapped (view) || layout->labels->len == 0)
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  HdPlanCharts *charts;
  guint         before;
} Refresh;

static gboolean
refreshed (gpointer data)
{
  Refresh *refresh = data;

  return hd_plan_charts_get_refreshes (refresh->charts, NULL) > refresh->before;
}

static void
test_charts (Fixture       *fixture,
             gconstpointer  data)
{
  HdPlanView *view;
  HdPlanCharts *charts;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) route = NULL;
  GtkDropDown *picker;
  gconstpointer dashboard_data;
  const HdChartHeatmap *heatmap;
  GtkWidget *scroller;
  HdSite *site;
  Refresh refresh;
  guint kinds = 0;

  fixture->window = hd_test_show_window (app, fixture->store);
  view = open_plan_page (fixture);
  charts = plan_charts (view);
  indicators = hd_store_list_indicators (fixture->store, hd_plan_view_get_plan_id (view), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (indicators->len, >, 0);

  /* The dashboard, a target chart per indicator, districts, heatmap, activity. */
  views = hd_plan_charts_list_views (charts);
  g_assert_cmpuint (views->len, ==, 4 + indicators->len);
  g_assert_true (wait_until (all_drawn, views));
  for (guint i = 0; i < views->len; i++)
    {
      GtkWidget *chart = g_ptr_array_index (views, i);
      int w = gtk_widget_get_width (chart), h = gtk_widget_get_height (chart);
      guint ink = count_ink (chart);

      g_assert_true (gtk_widget_get_visible (chart));
      g_assert_nonnull (hd_chart_view_get_data (HD_CHART_VIEW (chart)));
      g_assert_cmpint (w, >=, 240);
      g_assert_cmpint (h, >=, 160);
      /* Bars, lines, text: well over 1 % of the chart, and not everything. */
      g_assert_cmpuint (ink, >, (guint) (w * h) / 100);
      g_assert_cmpuint (ink, <, (guint) (w * h));
      /* Each chart has marks to hover. */
      g_assert_cmpuint (hd_chart_view_get_layout (HD_CHART_VIEW (chart))->hits->len, >, 0);
    }
  g_assert_cmpint (hd_chart_view_get_kind (g_ptr_array_index (views, 0)), ==, HD_CHART_DASHBOARD);
  g_assert_cmpuint (((const HdChartDashboard *) hd_chart_view_get_data (g_ptr_array_index (views, 0)))->n_indicators,
                    ==, indicators->len);
  g_assert_cmpstr (((const HdChartTarget *) hd_chart_view_get_data (g_ptr_array_index (views, 1)))->title,
                   ==, hd_indicator_get_name (g_ptr_array_index (indicators, 0)));
  {
    g_autofree char *shots = g_strdup (g_getenv ("HONGDAI_TEST_SHOTS"));

    if (shots != NULL && *shots != '\0')
      {
        g_autofree char *path = g_build_filename (shots, "plan-charts.png", NULL);
        GtkWidget *regions = g_ptr_array_index (views, views->len - 3);
        g_autoptr(GdkTexture) texture = hd_chart_view_render_texture (HD_CHART_VIEW (regions), 800, 400);

        g_assert_true (gdk_texture_save_to_png (texture, path));
      }
  }

  /* A site renamed and saved twice in a row: the districts, heatmap and activity are drawn
   * again, once; the plan's own charts (its snapshots) are not. */
  dashboard_data = hd_chart_view_get_data (g_ptr_array_index (views, 0));
  refresh = (Refresh) { charts, hd_plan_charts_get_refreshes (charts, NULL) };
  site = g_list_model_get_item (hd_store_get_sites (fixture->store), 0);
  hd_site_set_name (site, "改名后的示范点");
  g_assert_true (hd_store_save_site (fixture->store, site, &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_save_site (fixture->store, site, &error));
  g_object_unref (site);
  g_assert_true (wait_until (refreshed, &refresh));
  spin ();
  g_assert_cmpuint (hd_plan_charts_get_refreshes (charts, &kinds), ==, refresh.before + 1);
  g_assert_cmpuint (kinds, ==, 1 << HD_CHART_REGIONS | 1 << HD_CHART_HEATMAP | 1 << HD_CHART_ACTIVITY);
  g_assert_true (hd_chart_view_get_data (g_ptr_array_index (views, 0)) == dashboard_data);

  /* A snapshot of the plan redraws its charts. */
  {
    GDate today = hd_store_get_today (fixture->store);

    g_assert_cmpint (hd_store_snapshot_plan (fixture->store, hd_plan_view_get_plan_id (view), &today, &error), >, 0);
    g_assert_no_error (error);
    refresh.before = hd_plan_charts_get_refreshes (charts, NULL);
    g_assert_true (wait_until (refreshed, &refresh));
    hd_plan_charts_get_refreshes (charts, &kinds);
    g_assert_true (kinds & (1 << HD_CHART_DASHBOARD));
    g_assert_true (kinds & (1 << HD_CHART_TARGET));
  }

  /* The heatmap of one belt: its route's sites, in order. */
  picker = hd_plan_charts_get_heatmap_picker (charts);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (picker)), >=, 2);
  gtk_drop_down_set_selected (picker, 1);
  heatmap = hd_chart_view_get_data (g_ptr_array_index (views, views->len - 2));
  {
    const char *name = gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (picker)), 1);
    GListModel *belts = hd_store_get_belts (fixture->store);

    for (guint i = 0; i < g_list_model_get_n_items (belts); i++)
      {
        g_autoptr(HdBelt) belt = g_list_model_get_item (belts, i);

        if (g_str_equal (hd_belt_get_name (belt), name))
          route = hd_store_dup_belt_route (fixture->store, hd_belt_get_id (belt));
      }
    g_assert_nonnull (route);
    g_assert_nonnull (strstr (heatmap->title, name));
  }
  g_assert_cmpuint (heatmap->n_rows, ==, g_strv_length (route));
  g_assert_cmpstr (heatmap->rows[0], ==, hd_site_get_name (hd_store_lookup_site (fixture->store, route[0])));

  /* The page scrolls down to the charts. */
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (charts), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    graphene_point_t top;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (charts), gtk_widget_get_first_child (scroller),
                                             &GRAPHENE_POINT_INIT (0, 0), &top));
    g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, top.y);
    keep_scrolled_shot (GTK_WIDGET (fixture->window), "plan-charts-1.png", adjustment, top.y);
    keep_scrolled_shot (GTK_WIDGET (fixture->window), "plan-charts-2.png", adjustment, top.y + 700);
    keep_scrolled_shot (GTK_WIDGET (fixture->window), "plan-charts-3.png", adjustment, top.y + 1400);
    keep_scrolled_shot (GTK_WIDGET (fixture->window), "plan-charts-4.png", adjustment, top.y + 2100);
  }
}

static gboolean
status_shown (gpointer data)
{
  return hd_handout_dialog_get_status (data) != NULL
         && strstr (hd_handout_dialog_get_status (data), "…") == NULL;
}

static char *
pdf_info_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  char *pages;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return g_strdup (g_strstrip (g_strndup (pages + 6, strcspn (pages + 6, "\n"))));
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  HdPlanView *view;
  gpointer dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "handout.pdf", NULL);
  g_autofree char *blocker = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_autofree char *bad = g_build_filename (blocker, "handout.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autofree char *pages = NULL;
  g_autofree char *only_cover = NULL;

  fixture->window = hd_test_show_window (app, fixture->store);
  view = open_plan_page (fixture);
  /* Ctrl+P and the menu's items work on a plan. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (view)));

  /* A folder that cannot be written: said in the dialog, which stays with its choices. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  dialog = hd_handout_dialog_new (GTK_WINDOW (fixture->window), fixture->store, hd_plan_view_get_plan_id (view),
                                  &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (dialog, &dialog);
  gtk_window_present (dialog);
  g_assert_true (wait_until (is_mapped, dialog));
  hd_handout_dialog_export_to (dialog, bad_file);
  g_assert_true (wait_until (status_shown, dialog));
  g_assert_nonnull (strstr (hd_handout_dialog_get_status (dialog), blocker));
  g_assert_nonnull (dialog);
  hd_test_keep_window_shot (dialog, "handout-dialog.png");

  /* Then a good place: the PDF is written and the dialog closes. */
  hd_handout_dialog_export_to (dialog, file);
  g_assert_true (wait_until (hd_test_is_gone, &dialog));
  pages = pdf_info_pages (path);
  g_assert_cmpint (atoi (pages), >, 4);

  /* Only the cover. */
  dialog = hd_handout_dialog_new (GTK_WINDOW (fixture->window), fixture->store, hd_plan_view_get_plan_id (view),
                                  &error);
  g_object_add_weak_pointer (dialog, &dialog);
  gtk_window_present (dialog);
  hd_handout_dialog_set_section (dialog, HD_HANDOUT_ALL, FALSE);
  hd_handout_dialog_set_section (dialog, HD_HANDOUT_COVER, TRUE);
  hd_handout_dialog_export_to (dialog, file);
  g_assert_true (wait_until (hd_test_is_gone, &dialog));
  only_cover = pdf_info_pages (path);
  g_assert_cmpstr (only_cover, ==, "1");

  /* The belts only, without a district and without one belt of another. */
  {
    g_autoptr(HdReport) report = hd_report_new (fixture->store, hd_plan_view_get_plan_id (view), NULL, NULL, NULL,
                                                &error);
    const HdHandout *doc = hd_report_get_handout (report);
    const char *left_district = doc->belts[0].district, *left_belt = NULL;
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
    g_autofree char *text = NULL;
    int status;

    g_assert_no_error (error);
    for (guint i = 0; i < doc->n_belts && left_belt == NULL; i++)
      if (!g_str_equal (doc->belts[i].district, left_district))
        left_belt = doc->belts[i].name;
    g_assert_nonnull (left_belt);
    dialog = hd_handout_dialog_new (GTK_WINDOW (fixture->window), fixture->store, hd_plan_view_get_plan_id (view),
                                    &error);
    g_object_add_weak_pointer (dialog, &dialog);
    gtk_window_present (dialog);
    hd_handout_dialog_set_section (dialog, HD_HANDOUT_ALL, FALSE);
    hd_handout_dialog_set_section (dialog, HD_HANDOUT_BELTS, TRUE);
    hd_handout_dialog_set_district (dialog, left_district, FALSE);
    hd_handout_dialog_set_belt (dialog, left_belt, FALSE);
    hd_test_keep_window_shot (dialog, "handout-dialog-belts.png");
    hd_handout_dialog_export_to (dialog, file);
    g_assert_true (wait_until (hd_test_is_gone, &dialog));
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &text, NULL, &status, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < doc->n_belts; i++)
      {
        gboolean left_out = g_str_equal (doc->belts[i].district, left_district)
                            || g_str_equal (doc->belts[i].name, left_belt);

        g_assert_true ((strstr (text, doc->belts[i].name) == NULL) == left_out);
      }
  }
}

static void
test_print (Fixture       *fixture,
            gconstpointer  data)
{
  GListModel *plans = hd_store_get_plans (fixture->store);
  g_autoptr(HdPlan) plan = g_list_model_get_item (plans, 0);
  g_autofree char *path = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autofree char *direct = g_build_filename (fixture->dir, "direct.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(HdReport) report = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *expected = NULL;
  HdHandoutOptions opts = { 0 };
  GtkPrintOperationResult result;

  g_assert_null (hd_handout_print_operation_new (fixture->store, "no-such-plan", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  operation = hd_handout_print_operation_new (fixture->store, hd_plan_get_id (plan), &error);
  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  /* As many pages as the PDF handout of the same plan. */
  report = hd_report_new (fixture->store, hd_plan_get_id (plan), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hd_handout_write_pdf (hd_report_get_handout (report), &opts, direct, NULL, &error));
  printed = pdf_info_pages (path);
  expected = pdf_info_pages (direct);
  g_assert_cmpstr (printed, ==, expected);
  /* The sections chosen on the dialog's tab: the cover and the contents only. */
  {
    g_autoptr(GtkPrintOperation) some = hd_handout_print_operation_new (fixture->store, hd_plan_get_id (plan), &error);
    g_autofree char *short_path = g_build_filename (fixture->dir, "printed-short.pdf", NULL);
    g_autofree char *short_pages = NULL;

    g_assert_no_error (error);
    hd_handout_print_operation_set_sections (some, HD_HANDOUT_COVER | HD_HANDOUT_CONTENTS);
    gtk_print_operation_set_export_filename (some, short_path);
    g_assert_cmpint (gtk_print_operation_run (some, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                     GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
    short_pages = pdf_info_pages (short_path);
    g_assert_cmpstr (short_pages, ==, "2");
  }
  /* With HONGDAI_TEST_SHOTS=DIR set, the printed PDF is left there to look at. */
  if (g_getenv ("HONGDAI_TEST_SHOTS") != NULL && *g_getenv ("HONGDAI_TEST_SHOTS") != '\0')
    {
      g_autofree char *keep = g_build_filename (g_getenv ("HONGDAI_TEST_SHOTS"), "printed-handout.pdf", NULL);
      g_autoptr(GFile) from = g_file_new_for_path (path);
      g_autoptr(GFile) to = g_file_new_for_path (keep);

      g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = hd_test_app_new ();

  g_test_add ("/ui-report/charts", Fixture, NULL, fixture_set_up, test_charts, fixture_tear_down);
  g_test_add ("/ui-report/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/ui-report/print", Fixture, NULL, fixture_set_up, test_print, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
