/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small helpers shared by the test programs (header-only, static). */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/wait.h>

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

/* What a program run by hd_test_run_argv() printed and how it exited. */
typedef struct {
  int   status;
  char *out;
  char *err;
} HdTestRun;

/* Frees what @run holds (for g_auto(HdTestRun)). */
static inline void
hd_test_run_clear (HdTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HdTestRun, hd_test_run_clear)

/* Runs @argv (spawned with @flags) to its end into @run; it must start and exit normally. */
static inline void
hd_test_run_argv (HdTestRun          *run,
                  const char * const *argv,
                  GSpawnFlags         flags)
{
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, flags, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}
