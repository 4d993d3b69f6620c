/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every benchmark program shares: the "name: value unit (target …)" line, whether every
 * target was met (the exit status), this thread's CPU time, medians, and SQL set-up helpers. */
#pragma once

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* SQL that generates ids and series in the set-up of a generated store. */
#define HD_BENCH_SITE_ID "printf ('%08x-5173-4e11-8a00-%012x', x, x)"
#define HD_BENCH_SERIES(from, to) \
  "WITH RECURSIVE n (x) AS (SELECT " #from " UNION ALL SELECT x + 1 FROM n WHERE x < " #to ") "

static gboolean hd_bench_all_met = TRUE;

/* Prints "name: value unit (target ≤ t unit)", with "  MISSED" when the target is not met; the
 * unit "x" (a ratio) is written against the number, as in "37.2x". */
static inline void
hd_bench_report (const char *name,
                 double      value,
                 const char *unit,
                 const char *format,
                 gboolean    higher_is_better,
                 double      target)
{
  gboolean met = higher_is_better ? value >= target : value <= target;
  const char *space = g_str_equal (unit, "x") ? "" : " ";
  char value_text[G_ASCII_DTOSTR_BUF_SIZE];
  char target_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (value_text, sizeof value_text, format, value);
  g_ascii_formatd (target_text, sizeof target_text, "%g", target);
  printf ("%s: %s%s%s (target %s %s%s%s)%s\n", name, value_text, space, unit,
          higher_is_better ? "≥" : "≤", target_text, space, unit, met ? "" : "  MISSED");
  fflush (stdout);
  if (!met)
    hd_bench_all_met = FALSE;
}

/* The program's exit status: 0 when every reported target was met. */
static inline int
hd_bench_exit_status (void)
{
  return hd_bench_all_met ? 0 : 1;
}

/* This thread's CPU time in ms: on a shared machine the wall clock also counts other programs'
 * turns, and both ways compared are measured alike. */
static inline double
hd_bench_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (double) now.tv_sec * 1000.0 + (double) now.tv_nsec / 1e6;
}

static inline int
hd_bench_compare_doubles (const void *a,
                          const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @values in place and returns the median. */
static inline double
hd_bench_median (double *values,
                 guint   n)
{
  qsort (values, n, sizeof *values, hd_bench_compare_doubles);
  return values[n / 2];
}

static inline void
hd_bench_exec_or_die (sqlite3    *db,
                      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s\n%s", message, sql);
}
