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

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      /* Unmapped first, then the main loop run for 600 ms before the window is destroyed: GTK
       * 4.8 may leave a timeout (a tooltip's 500 ms one after keyboard focus moves, or a
       * scrollbar indicator's) that asks the destroyed window for the pointer, a critical
       * (gdk_surface_get_device_position) that is fatal in tests. It failed ui-inspection about
       * one run in two under ASan on a loaded machine; letting it fire first fixed it. */
      gint64 until = g_get_monotonic_time () + 600 * G_TIME_SPAN_MILLISECOND;

      gtk_widget_set_visible (GTK_WIDGET (fixture->window), FALSE);
      while (g_get_monotonic_time () < until)
        {
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_usleep (5000);
        }
      gtk_window_destroy (GTK_WINDOW (fixture->window));
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  hd_test_dir_free (fixture->dir);
}

static inline gboolean
keep_waking (gpointer data)
{
  return G_SOURCE_CONTINUE;
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
