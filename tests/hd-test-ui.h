/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the UI tests share: a temporary workspace with a window, and running the main loop until
 * something has happened (header-only; the functions are static inline so each test takes what
 * it uses). */
#pragma once

#include <string.h>

#include <gtk/gtk.h>

#include "hd-store.h"
#include "hd-test-util.h"
#include "hd-window.h"

#define WAIT_MS 10000

typedef struct {
  char     *dir;
  HdStore  *store;
  HdWindow *window;
} Fixture;

/* GTK 4.8's tooltip delay, started when a window appears under Xvfb's pointer, can still fire
 * after that window is destroyed, and then asks the gone surface for the pointer and the widget
 * there: two criticals from GTK, not from the code under test (the slower the machine, the more
 * often). Only those two are dropped; every other critical stays fatal and is printed. */
static inline gboolean
hd_test_is_gtk_tooltip_critical (const char *log_domain,
                                 const char *message)
{
  return message != NULL && strstr (message, "'GDK_IS_SURFACE (surface)' failed") != NULL &&
         ((g_strcmp0 (log_domain, "Gdk") == 0 &&
           g_str_has_prefix (message, "gdk_surface_get_device_position: ")) ||
          (g_strcmp0 (log_domain, "Gtk") == 0 &&
           g_str_has_prefix (message, "_gtk_widget_find_at_coords: ")));
}

static inline gboolean
hd_test_fatal_unless_gtk_tooltip (const char     *log_domain,
                                  GLogLevelFlags  log_level,
                                  const char     *message,
                                  gpointer        user_data)
{
  return !hd_test_is_gtk_tooltip_critical (log_domain, message);
}

static inline void
hd_test_log_unless_gtk_tooltip (const char     *log_domain,
                                 GLogLevelFlags  log_level,
                                 const char     *message,
                                 gpointer        user_data)
{
  if (!hd_test_is_gtk_tooltip_critical (log_domain, message))
    g_log_default_handler (log_domain, log_level, message, user_data);
}

static inline void
hd_test_ignore_gtk_tooltip_criticals (void)
{
  static gboolean installed;

  /* Each test case starts without a fatal handler: set it again every time. */
  g_test_log_set_fatal_handler (hd_test_fatal_unless_gtk_tooltip, NULL);
  if (installed)
    return;
  installed = TRUE;
  g_log_set_handler ("Gdk", G_LOG_LEVEL_CRITICAL | G_LOG_FLAG_FATAL,
                     hd_test_log_unless_gtk_tooltip, NULL);
  g_log_set_handler ("Gtk", G_LOG_LEVEL_CRITICAL | G_LOG_FLAG_FATAL,
                     hd_test_log_unless_gtk_tooltip, NULL);
}

/* A fresh workspace in a temporary folder, with the sample loaded when @sample. */
static inline void
hd_test_fixture_open (Fixture  *fixture,
                      gboolean  sample)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  hd_test_ignore_gtk_tooltip_criticals ();
  fixture->dir = hd_test_dir_new ();
  path = g_build_filename (fixture->dir, "workspace.db", NULL);
  fixture->store = hd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
  if (sample)
    {
      hd_store_load_sample (fixture->store, &error);
      g_assert_no_error (error);
    }
}

static inline gboolean
keep_waking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* GTK 4.8 arms the tooltip's hover timeout when a window maps under the (Xvfb) pointer over a
 * widget with a tooltip (the map, the tables); if the window is gone when it fires, GTK asks the
 * gone surface for the pointer position and logs criticals from the main loop (fatal here). So
 * a window lives until that timeout (500 ms) has passed. */
#define HD_TEST_TOOLTIP_WAIT_MS 600

/* Destroys @window (nullable) once no tooltip timeout can outlive it, and runs what its going
 * away set off. Should one still fire, its two criticals are not fatal (see above). */
static inline void
hd_test_destroy_window (GtkWidget *window)
{
  gint64 until = g_get_monotonic_time () + HD_TEST_TOOLTIP_WAIT_MS * G_TIME_SPAN_MILLISECOND;
  guint wake;

  hd_test_ignore_gtk_tooltip_criticals ();
  if (window == NULL)
    return;
  wake = g_timeout_add (10, keep_waking, NULL);
  /* Unmapped first, so no new pointer or scrollbar-indicator timeouts start meanwhile. */
  gtk_widget_set_visible (window, FALSE);
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    hd_test_destroy_window (GTK_WIDGET (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  hd_test_dir_free (fixture->dir);
}

/* Runs the main loop until @done says so; FALSE after WAIT_MS. */
static inline gboolean
wait_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;
  guint wake = g_timeout_add (10, keep_waking, NULL);
  gboolean ok;

  while (!(ok = done (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake);
  return ok;
}

/* Runs whatever is ready without blocking. */
static inline void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static inline gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* For wait_until() on a weak pointer: TRUE once the object *@data pointed to is finalized. */
static inline gboolean
hd_test_is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A window on @store at the fixed test size (1280×800), presented and mapped. */
static inline HdWindow *
hd_test_show_window (HdApplication *app,
                     HdStore       *store)
{
  HdWindow *window = hd_window_new (app, store);

  hd_window_fix_size (window, 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (is_mapped, window));
  return window;
}

/* With HONGDAI_TEST_SHOTS=DIR set, a PNG of @window is left there as @name after @n_spins
 * rounds of 10 ms of the main loop (let tiles or layout settle); otherwise nothing. */
static inline void
hd_test_keep_window_shot_after (GtkWidget  *window,
                                const char *name,
                                guint       n_spins)
{
  const char *dir = g_getenv ("HONGDAI_TEST_SHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL || *dir == '\0')
    return;
  for (guint i = 0; i < n_spins; i++)
    {
      g_usleep (10000);
      spin ();
    }
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* hd_test_keep_window_shot_after() with 200 ms of settling, enough for widgets without tiles. */
static inline void
hd_test_keep_window_shot (GtkWidget  *window,
                          const char *name)
{
  hd_test_keep_window_shot_after (window, name, 20);
}

/* The registered application the tests' windows belong to (transfer full). */
static inline HdApplication *
hd_test_app_new (void)
{
  g_autoptr(GError) error = NULL;
  HdApplication *app = hd_application_new ();

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* What hd_window_screenshot_async() reported, filled by hd_test_on_screenshot(). */
typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} HdTestScreenshot;

/* The GAsyncReadyCallback for hd_window_screenshot_async(), @user_data a HdTestScreenshot. */
static inline void
hd_test_on_screenshot (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  HdTestScreenshot *shot = user_data;

  shot->ok = hd_window_screenshot_finish (HD_WINDOW (source), result, &shot->error);
  shot->done = TRUE;
}

/* For wait_until(): TRUE once the HdTestScreenshot @data has its answer. */
static inline gboolean
hd_test_screenshot_done (gpointer data)
{
  return ((HdTestScreenshot *) data)->done;
}
