/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small helpers shared by the test programs (header-only, static). */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A fresh temporary folder, removed with everything in it by hd_test_dir_free. */
static inline char *
hd_test_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hongdai-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
hd_test_remove_tree (const char *path)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_chmod (path, 0755);
  d = g_dir_open (path, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        hd_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static inline void
hd_test_dir_free (char *dir)
{
  hd_test_remove_tree (dir);
  g_free (dir);
}

/* SHA-256 of a file's bytes, or NULL when it does not exist. */
static inline char *
hd_test_file_hash (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static inline char *
hd_test_sample_path (const char *name)
{
  const char *datadir = g_getenv ("HONGDAI_DATADIR");

  g_assert_nonnull (datadir);
  return g_build_filename (datadir, "sample", name, NULL);
}
