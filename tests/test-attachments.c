/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Site and belt attachments: by reference with a hash, moved/changed detection, undo. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "hd-attachment.h"
#include "hd-inspection.h"
#include "hd-store-private.h"
#include "hd-test-sites.h"
#include "hd-test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  HdStore *store;
  HdSite  *site;
  HdBelt  *belt;
} Fixture;

/* A 1×1 PNG, so the type sniffing sees an image. */
static const guchar png_1x1[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static char *
write_file (Fixture      *f,
            const char   *name,
            const void   *data,
            gsize         length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = hd_test_dir_new ();
  f->store = hd_test_store_new (f->dir, "work.db", &f->path);

  f->site = hd_site_new ();
  hd_site_set_name (f->site, "东街红色驿站");
  hd_site_set_kind (f->site, HD_SITE_KIND_RED_POST);
  hd_site_set_position (f->site, 26.08, 119.30);
  g_assert_true (hd_store_save_site (f->store, f->site, &error));
  g_assert_no_error (error);

  f->belt = hd_belt_new ();
  hd_belt_set_name (f->belt, "闽江红带");
  g_assert_true (hd_store_save_belt (f->store, f->belt, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->site);
  g_clear_object (&f->belt);
  g_clear_object (&f->store);
  hd_test_dir_free (f->dir);
  g_free (f->path);
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (hd_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static guint
n_attachments (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) list = hd_store_list_attachments (f->store, HD_ATTACHMENT_OWNER_SITE,
                                                          hd_site_get_id (f->site), &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
count_changed (HdStore  *store,
               guint     kinds,
               char    **ids,
               Fixture  *f)
{
  if ((kinds & HD_CHANGE_SITES) && ids != NULL && g_strv_contains ((const char * const *) ids, hd_site_get_id (f->site)))
    g_object_set_data (G_OBJECT (store), "site-changes",
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (store), "site-changes")) + 1));
}

static guint
site_changes (Fixture *f)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (f->store), "site-changes"));
}

static void
test_add_hash_check (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *image = write_file (f, "门牌.png", png_1x1, sizeof png_1x1);
  g_autofree char *doc = write_file (f, "plan.txt", "整改方案\n", strlen ("整改方案\n"));
  g_autofree char *moved = g_build_filename (f->dir, "elsewhere.png", NULL);
  g_autofree char *expected = hd_test_file_hash (image);
  const char *paths[] = { image, doc, NULL };
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GListStore) list = NULL;
  HdAttachment *a, *b;

  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed), f);
  added = hd_store_add_attachments (f->store, HD_ATTACHMENT_OWNER_SITE, hd_site_get_id (f->site),
                                    paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 2);
  g_assert_cmpuint (site_changes (f), ==, 1);
  /* One command, one undo step. */
  g_assert_true (hd_store_can_undo (f->store));

  list = hd_store_list_attachments (f->store, HD_ATTACHMENT_OWNER_SITE, hd_site_get_id (f->site), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  a = g_list_model_get_item (G_LIST_MODEL (list), 0);
  b = g_list_model_get_item (G_LIST_MODEL (list), 1);
  /* Same timestamp: the order is by id; find the image either way. */
  if (!hd_attachment_is_image (a))
    {
      HdAttachment *t = a;
      a = b;
      b = t;
    }
  g_assert_cmpstr (hd_attachment_get_path (a), ==, image);
  g_assert_cmpstr (hd_attachment_get_sha256 (a), ==, expected);
  g_assert_cmpstr (hd_attachment_get_mime_type (a), ==, "image/png");
  g_assert_cmpstr (hd_attachment_get_owner_id (a), ==, hd_site_get_id (f->site));
  g_assert_cmpint (hd_attachment_get_size (a), ==, sizeof png_1x1);
  g_assert_false (hd_attachment_get_missing (a));
  g_assert_false (hd_attachment_get_changed (a));
  g_assert_false (hd_attachment_is_image (b));
  g_assert_cmpint (hd_attachment_get_size (b), ==, strlen ("整改方案\n"));

  /* Moved away: missing. Back, then edited: changed. */
  g_assert_cmpint (g_rename (image, moved), ==, 0);
  g_assert_false (hd_attachment_check (a, NULL));
  g_assert_true (hd_attachment_get_missing (a));
  g_assert_cmpint (hd_attachment_get_size (a), ==, -1);
  g_assert_cmpint (g_rename (moved, image), ==, 0);
  g_assert_true (hd_attachment_check (a, NULL));
  g_assert_false (hd_attachment_get_missing (a));
  g_assert_true (g_file_set_contents (image, "not the same bytes", -1, NULL));
  g_assert_false (hd_attachment_check (a, NULL));
  g_assert_false (hd_attachment_get_missing (a));
  g_assert_true (hd_attachment_get_changed (a));

  /* The listing checks too. */
  g_clear_object (&list);
  list = hd_store_list_attachments (f->store, HD_ATTACHMENT_OWNER_SITE, hd_site_get_id (f->site), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(HdAttachment) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (hd_attachment_get_changed (item), ==, g_str_equal (hd_attachment_get_path (item), image));
    }
  g_object_unref (a);
  g_object_unref (b);
}

static void
test_remove_undo_redo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = write_file (f, "a.pdf", "%PDF-1.4\n", 9);
  g_autofree char *doc2 = write_file (f, "b.txt", "b", 1);
  const char *paths[] = { doc, doc2, NULL };
  g_autoptr(GPtrArray) added = NULL;
  const char *ids[2] = { NULL, NULL };

  added = hd_store_add_attachments (f->store, HD_ATTACHMENT_OWNER_SITE, hd_site_get_id (f->site),
                                    paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_attachments (f), ==, 2);

  ids[0] = hd_attachment_get_id (g_ptr_array_index (added, 0));
  g_assert_true (hd_store_remove_attachments (f->store, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_attachments (f), ==, 1);
  /* The file itself is left alone. */
  g_assert_true (g_file_test (doc, G_FILE_TEST_EXISTS));

  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_attachments (f), ==, 2);
  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_attachments (f), ==, 1);
  /* Undo the removal, then the adding: both files in one step. */
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_attachments (f), ==, 0);
  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_attachments (f), ==, 2);

  /* An unknown id removes nothing, not even the known one beside it. */
  {
    const char *mixed[] = { hd_attachment_get_id (g_ptr_array_index (added, 1)), "no-such-id", NULL };

    g_assert_false (hd_store_remove_attachments (f->store, mixed, &error));
    g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
    g_assert_cmpuint (n_attachments (f), ==, 2);
  }
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = write_file (f, "good.txt", "ok", 2);
  g_autofree char *gone = g_build_filename (f->dir, "gone.png", NULL);
  const char *paths[] = { good, gone, NULL };
  const char *folder[] = { f->dir, NULL };
  const char *one[] = { good, NULL };
  gint64 before = count_rows (f, "SELECT count(*) FROM attachment");
  gboolean could_undo = hd_store_can_undo (f->store);

  /* A missing file among several: nothing is attached, the error names it. */
  g_assert_null (hd_store_add_attachments (f->store, HD_ATTACHMENT_OWNER_SITE, hd_site_get_id (f->site),
                                           paths, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.png"));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM attachment"), ==, before);
  g_assert_cmpint (hd_store_can_undo (f->store), ==, could_undo);

  g_assert_null (hd_store_add_attachments (f->store, HD_ATTACHMENT_OWNER_SITE, hd_site_get_id (f->site),
                                           folder, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (hd_store_add_attachments (f->store, HD_ATTACHMENT_OWNER_SITE, "no-such-site",
                                           one, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM attachment"), ==, before);
}

static void
test_belt_logo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *logo_path = write_file (f, "logo.png", png_1x1, sizeof png_1x1);
  g_autofree char *text = write_file (f, "logo.txt", "text", 4);
  g_autofree char *hash = hd_test_file_hash (logo_path);
  g_autoptr(HdAttachment) logo = NULL;
  HdBelt *belt;
  g_autoptr(GListStore) others = NULL;

  g_assert_null (hd_store_get_belt_logo (f->store, hd_belt_get_id (f->belt), &error));
  g_assert_no_error (error);

  g_assert_false (hd_store_set_belt_logo (f->store, hd_belt_get_id (f->belt), text, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (hd_store_set_belt_logo (f->store, hd_belt_get_id (f->belt), logo_path, &error));
  g_assert_no_error (error);
  belt = hd_store_lookup_belt (f->store, hd_belt_get_id (f->belt));
  g_assert_cmpstr (hd_belt_get_logo_path (belt), ==, logo_path);
  logo = hd_store_get_belt_logo (f->store, hd_belt_get_id (f->belt), &error);
  g_assert_no_error (error);
  g_assert_nonnull (logo);
  g_assert_cmpstr (hd_attachment_get_sha256 (logo), ==, hash);
  g_assert_false (hd_attachment_get_missing (logo));
  /* The logo is not among the belt's other attachments. */
  others = hd_store_list_attachments (f->store, HD_ATTACHMENT_OWNER_BELT, hd_belt_get_id (f->belt), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (others)), ==, 0);

  /* Moved: the logo reports missing. */
  g_clear_object (&logo);
  g_assert_cmpint (g_remove (logo_path), ==, 0);
  logo = hd_store_get_belt_logo (f->store, hd_belt_get_id (f->belt), &error);
  g_assert_true (hd_attachment_get_missing (logo));

  /* Clearing and undo. */
  g_assert_true (hd_store_set_belt_logo (f->store, hd_belt_get_id (f->belt), NULL, &error));
  g_assert_no_error (error);
  belt = hd_store_lookup_belt (f->store, hd_belt_get_id (f->belt));
  g_assert_null (hd_belt_get_logo_path (belt));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM attachment WHERE belt_id IS NOT NULL"), ==, 0);
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  belt = hd_store_lookup_belt (f->store, hd_belt_get_id (f->belt));
  g_assert_cmpstr (hd_belt_get_logo_path (belt), ==, logo_path);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM attachment WHERE belt_id IS NOT NULL"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/attachments/add-hash-check", test_add_hash_check);
  ADD ("/attachments/remove-undo-redo", test_remove_undo_redo);
  ADD ("/attachments/refusals", test_refusals);
  ADD ("/attachments/belt-logo", test_belt_logo);
#undef ADD

  return g_test_run ();
}
