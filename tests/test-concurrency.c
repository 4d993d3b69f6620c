/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two windows or two processes on one workspace: each sees what the other committed, and neither
 * overwrites the other's edit silently. Two HdStores on one file stand for two processes (each
 * has its own SQLite connection). */
#include <string.h>

#include "hd-store.h"
#include "hd-test-sites.h"
#include "hd-test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  HdStore *a;
  HdStore *b;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = hd_test_dir_new ();
  f->a = hd_test_store_new (f->dir, "work.db", &f->path);
  f->b = hd_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  hd_test_dir_free (f->dir);
  g_free (f->path);
}

static char *
save_new_site (HdStore    *store,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSite) site = hd_site_new ();

  hd_site_set_name (site, name);
  hd_site_set_position (site, 26.06, 119.31);
  g_assert_true (hd_store_save_site (store, site, &error));
  g_assert_no_error (error);
  return g_strdup (hd_site_get_id (site));
}

static HdSite *
copy_of (HdStore    *store,
         const char *id)
{
  HdSite *copy = hd_site_new ();

  hd_site_copy_from (copy, hd_store_lookup_site (store, id));
  return copy;
}

static void
count_changed (HdStore  *store,
               guint     kinds,
               char    **ids,
               guint    *count)
{
  (*count)++;
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint changed = 0;

  g_signal_connect (f->a, "changed", G_CALLBACK (count_changed), &changed);
  g_assert_false (hd_store_refresh (f->a, &error));
  g_assert_no_error (error);

  id = save_new_site (f->b, "晋安区福兴示范点");
  g_assert_null (hd_store_lookup_site (f->a, id));
  g_assert_true (hd_store_refresh (f->a, &error));
  g_assert_no_error (error);
  g_assert_nonnull (hd_store_lookup_site (f->a, id));
  g_assert_cmpuint (changed, ==, 1);

  /* Nothing new since: no second re-read, and its own commits do not count. */
  g_assert_false (hd_store_refresh (f->a, &error));
  g_free (save_new_site (f->a, "自己的示范点"));
  changed = 0;
  g_assert_false (hd_store_refresh (f->a, &error));
  g_assert_cmpuint (changed, ==, 0);
}

static gboolean
has_site (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (hd_store_get_sites (f->a)) > 0;
}

static void
test_watch (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *id = NULL;
  gint64 deadline;

  hd_store_watch_file (f->a);
  id = save_new_site (f->b, "从另一进程保存的示范点");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!has_site (f) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (5000);
  g_assert_nonnull (hd_store_lookup_site (f->a, id));
}

static void
test_stale_edit_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = save_new_site (f->a, "仓山区示范点");
  g_autoptr(HdSite) in_b = NULL;
  g_autoptr(HdSite) in_a = NULL;
  g_autoptr(HdSite) again = NULL;
  g_autoptr(HdStore) reread = NULL;

  g_assert_true (hd_store_refresh (f->b, NULL));
  in_b = copy_of (f->b, id);
  in_a = copy_of (f->a, id);

  hd_site_set_members (in_a, 30);
  g_assert_true (hd_store_save_site (f->a, in_a, &error));
  g_assert_no_error (error);

  /* B's copy was read before A's save: refused, A's edit stays. */
  hd_site_set_members (in_b, 99);
  g_assert_false (hd_store_save_site (f->b, in_b, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "仓山区示范点"));
  g_clear_error (&error);

  reread = hd_store_open (f->path, &error);
  g_assert_cmpint (hd_site_get_members (hd_store_lookup_site (reread, id)), ==, 30);

  /* After a reload B edits what is there now, and that goes through. */
  g_assert_true (hd_store_refresh (f->b, NULL));
  again = copy_of (f->b, id);
  hd_site_set_members (again, 99);
  g_assert_true (hd_store_save_site (f->b, again, &error));
  g_assert_no_error (error);
}

/* Two editors of one record in one process (two windows on one store). */
static void
test_two_copies_one_store (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = save_new_site (f->a, "鼓楼区示范点");
  g_autoptr(HdSite) first = copy_of (f->a, id);
  g_autoptr(HdSite) second = copy_of (f->a, id);

  hd_site_set_address (first, "鼓楼区五四路 1 号");
  g_assert_true (hd_store_save_site (f->a, first, &error));
  hd_site_set_address (second, "鼓楼区五四路 2 号");
  g_assert_false (hd_store_save_site (f->a, second, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (hd_site_get_address (hd_store_lookup_site (f->a, id)), ==, "鼓楼区五四路 1 号");

  /* The saved copy carries the new stamp: saving it again is fine. */
  hd_site_set_address (first, "鼓楼区五四路 3 号");
  g_clear_error (&error);
  g_assert_true (hd_store_save_site (f->a, first, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/concurrency/refresh", test_refresh);
  ADD ("/concurrency/watch", test_watch);
  ADD ("/concurrency/stale-edit-refused", test_stale_edit_refused);
  ADD ("/concurrency/two-copies-one-store", test_two_copies_one_store);
#undef ADD

  return g_test_run ();
}
