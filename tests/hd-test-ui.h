/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the UI tests share: a temporary workspace with a window, and running the main loop until
 * something has happened (header-only; the functions are static inline so each test takes what
 * it uses). */
#pragma once

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

/* A fresh workspace in a temporary folder, with the sample loaded when @sample. */
static inline void
hd_test_fixture_open (Fixture  *fixture,
                      gboolean  sample)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

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

/* Destroys a window once no tooltip timeout can outlive it. */
static inline void
hd_test_destroy_window (GtkWidget *window)
{
  gint64 until = g_get_monotonic_time () + HD_TEST_TOOLTIP_WAIT_MS * G_TIME_SPAN_MILLISECOND;
  guint wake = g_timeout_add (10, keep_waking, NULL);

  /* Unmapped first, so no new pointer or scrollbar-indicator timeouts start meanwhile. */
  gtk_widget_set_visible (window, FALSE);
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  gtk_window_destroy (GTK_WINDOW (window));
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
