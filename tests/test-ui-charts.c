/* SPDX-License-Identifier: GPL-3.0-or-later */
/* HdChartView in a window: it draws the chart (pixels checked), keeps hit regions for hover,
 * opens its context menu from the keyboard, copies an image to the clipboard, and prints to a PDF
 * through GtkPrintOperation's export. */
#define G_LOG_DOMAIN "test-ui-charts"

#include <adwaita.h>

#include "hd-application.h"
#include "hd-chart-view.h"
#include "hd-test-ui.h"

static HdApplication *app;

static const HdChartIndicator indicators[] = {
  { "示范带数量", "条", 10, 10, HD_CHART_STATUS_ON_TRACK },
  { "六有达标率", "%", 45, 90, HD_CHART_STATUS_BEHIND },
  { "党群服务中心", "个", 3, 4, HD_CHART_STATUS_AT_RISK },
};

static guint n_destroyed;

static void
count_destroy (gpointer data)
{
  n_destroyed++;
  g_free (data);
}

static HdChartDashboard *
dashboard_new (void)
{
  HdChartDashboard *d = g_new0 (HdChartDashboard, 1);

  *d = (HdChartDashboard) { "福州市三年行动计划进度", "2019 · 组织力提升", indicators, G_N_ELEMENTS (indicators) };
  return d;
}

static GdkTexture *
widget_texture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static guint32
texture_pixel (GdkTexture *texture,
               guchar     *pixels,
               int         x,
               int         y)
{
  return *(guint32 *) (pixels + (gsize) y * gdk_texture_get_width (texture) * 4 + (gsize) x * 4);
}

static gboolean
close_to (guint32           p,
          const HdChartRgb *rgb)
{
  int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

  return ABS (r - (int) (rgb->red * 255 + 0.5)) <= 3 && ABS (g - (int) (rgb->green * 255 + 0.5)) <= 3 &&
         ABS (b - (int) (rgb->blue * 255 + 0.5)) <= 3;
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static void
on_texture_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  GdkTexture **out = data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_chart_view (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = hd_chart_view_new ();
  const HdChartStyle *style = hd_chart_style_get (FALSE);
  const HdChartLayout *layout;
  const HdChartHit *hit;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) copied = NULL;
  g_autofree guchar *pixels = NULL;
  GtkWidget *menu;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  n_destroyed = 0;
  hd_chart_view_set_chart (HD_CHART_VIEW (view), HD_CHART_DASHBOARD, dashboard_new (), count_destroy);
  /* GTK 4.8 can fire a tooltip timeout for a window destroyed under Xvfb's still pointer
   * (a critical in gdk_surface_get_device_position); the hover text is checked through the
   * hit regions the tooltip reads instead. */
  g_assert_true (gtk_widget_get_has_tooltip (view));
  gtk_widget_set_has_tooltip (view, FALSE);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 400);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (is_mapped, view));
  for (int i = 0; i < 10; i++)
    {
      g_usleep (10000);
      spin ();
    }

  /* Drawn: the on-track bar's middle is its status colour, where the layout put it. */
  texture = widget_texture (view);
  if (g_getenv ("HONGDAI_TEST_SHOTS") != NULL)
    {
      g_autofree char *shot = g_build_filename (g_getenv ("HONGDAI_TEST_SHOTS"), "chart-view.png", NULL);
      g_assert_true (gdk_texture_save_to_png (texture, shot));
    }
  layout = hd_chart_view_get_layout (HD_CHART_VIEW (view));
  g_assert_cmpuint (layout->hits->len, ==, G_N_ELEMENTS (indicators));
  hit = &g_array_index (layout->hits, HdChartHit, 0);
  g_assert_cmpstr (hit->label, ==, "示范带数量");
  pixels = g_malloc ((gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4);
  gdk_texture_download (texture, pixels, (gsize) gdk_texture_get_width (texture) * 4);
  g_assert_true (close_to (texture_pixel (texture, pixels, (int) (hit->box.x + hit->box.width / 2),
                                          (int) (hit->box.y + hit->box.height / 2)),
                           &style->statuses[HD_CHART_STATUS_ON_TRACK]));
  /* What the tooltip shows under the pointer. */
  hit = hd_chart_layout_hit_at (layout, hit->box.x + 5, hit->box.y + hit->box.height / 2);
  g_assert_nonnull (hit);
  g_assert_nonnull (strstr (hit->value, "On track"));

  /* Dark mode redraws with the dark style. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  spin ();
  {
    g_autoptr(GdkTexture) dark = widget_texture (view);
    g_autofree guchar *dark_pixels = g_malloc ((gsize) gdk_texture_get_width (dark) * gdk_texture_get_height (dark) * 4);

    gdk_texture_download (dark, dark_pixels, (gsize) gdk_texture_get_width (dark) * 4);
    g_assert_true (close_to (texture_pixel (dark, dark_pixels, 2, 2), &hd_chart_style_get (TRUE)->background));
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  spin ();

  /* The Menu key's action opens the context menu. */
  menu = gtk_widget_get_first_child (view);
  g_assert_true (GTK_IS_POPOVER_MENU (menu));
  g_assert_false (gtk_widget_get_visible (menu));
  gtk_widget_activate_action (view, "chart.menu", NULL);
  g_assert_true (wait_until (popover_shown, menu));
  gtk_popover_popdown (GTK_POPOVER (menu));
  spin ();

  /* Copy as Image: a texture on the clipboard, sharper than the widget. */
  gtk_widget_activate_action (view, "chart.copy", NULL);
  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (view), NULL, on_texture_read, &copied);
  g_assert_true (wait_until (is_set, &copied));
  g_assert_cmpint (gdk_texture_get_width (copied), >=, 2 * gtk_widget_get_width (view));

  /* Print, exported to PDF: the title is in it. */
  {
    g_autofree char *dir = hd_test_dir_new ();
    g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
    g_autoptr(GtkPrintOperation) operation = hd_chart_view_create_print_operation (HD_CHART_VIEW (view));
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
    int status;

    gtk_print_operation_set_export_filename (operation, path);
    g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (window),
                                              &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (out, "福州市三年行动计划进度"));
    g_assert_nonnull (strstr (out, "六有达标率"));
    hd_test_dir_free (g_steal_pointer (&dir));
  }

  /* New data replaces (and frees) the old; the view redraws with it. */
  hd_chart_view_set_chart (HD_CHART_VIEW (view), HD_CHART_DASHBOARD, dashboard_new (), count_destroy);
  g_assert_cmpuint (n_destroyed, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_assert_cmpuint (n_destroyed, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = hd_test_app_new ();

  g_test_add_func ("/ui-charts/chart-view", test_chart_view);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
