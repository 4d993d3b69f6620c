/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The figures behind the charts (issue #6): per-district counts and compliance, the standards
 * matrix (heatmap) of a belt or region, and inspection activity per month. Each is computed from
 * the store with a few set-based SQL queries (no query per site) and returned as a plain struct
 * that render code can draw without knowing about the store. Regions always include their
 * sub-regions (region.parent_id, any depth). */
#pragma once

#include "hd-light.h"
#include "hd-store.h"
#include "hd-types.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/* By region                                                                                  */

/* The figures of one region and everything inside it. */
typedef struct {
  char   *region_id;
  char   *name;
  gboolean is_self;                     /* the row of the asked region's own belts and sites
                                         * (those not in any of its sub-regions) */
  guint   n_belts;                      /* belts whose region is in this one */
  guint   n_belts_by_light[HD_N_LIGHTS]; /* indexed by HdLight; sums to n_belts */
  guint   n_belts_full;                 /* of those, belts with >= HD_BELT_MIN_SITES route sites */
  guint   n_sites;                      /* sites whose region is in this one */
  guint   n_sites_by_light[HD_N_LIGHTS]; /* indexed by HdLight; sums to n_sites */
  guint   n_compliant;                  /* sites whose latest finished six-haves inspection (any
                                         * version, on or before the date) met every item: none
                                         * partly or not met, no red line hit, something met */
  double  compliance;                   /* n_compliant / n_sites; 0 when there are no sites */
} HdRegionFigures;

typedef struct {
  char            *region_id;  /* NULL: the workspace (rows are the top-level regions) */
  char            *name;       /* NULL for the workspace */
  GDate            date;
  HdRegionFigures  total;      /* the asked region as a whole (every row added up) */
  HdRegionFigures *rows;       /* one per direct sub-region by code (then name), then the is_self row if the
                                * region has belts or sites of its own */
  guint            n_rows;
} HdRegionBreakdown;

/**
 * hd_store_compute_region_breakdown:
 * @region_id: (nullable): a region; %NULL for the whole workspace
 * @date: a valid date: the lights' "today" (hd_light_compute()) and the last day of inspections
 *   that count for compliance
 *
 * Belts and sites by light, full belts and six-haves compliance for each direct sub-region of
 * @region_id, each including its own sub-regions. The lights are hd_store_compute_lights()'s (one
 * rule); a site's light counts in its region's row. That rule reads the stored inspections as they
 * are now: for a past @date, its quarter and overdue tasks are @date's, but inspections finished
 * after @date still count in the lights (not in compliance). History belongs in snapshots.
 *
 * Returns: (transfer full) (nullable): the breakdown (free with hd_region_breakdown_free()), or
 *   %NULL with @error set (HD_STORE_ERROR_NOT_FOUND for an unknown region)
 */
HdRegionBreakdown *hd_store_compute_region_breakdown (HdStore      *self,
                                                      const char   *region_id,
                                                      const GDate  *date,
                                                      GError      **error);
void               hd_region_breakdown_free          (HdRegionBreakdown *breakdown);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdRegionBreakdown, hd_region_breakdown_free)

/* ------------------------------------------------------------------------------------------ */
/* Standards matrix                                                                           */

typedef struct {
  char     *set_code;      /* e.g. "six_haves" */
  char     *set_name;      /* the current version's Chinese name */
  GDate     date;
  guint     n_rows;        /* sites */
  guint     n_columns;     /* items of the set's current version, in order */
  char    **row_ids;       /* (array length=n_rows) site ids */
  char    **row_names;     /* site names */
  char    **row_belts;     /* the belt each row is listed under; NULL for a site on no belt */
  GDate    *row_dates;     /* the date of the inspection the row's answers come from; cleared
                            * (invalid) for a site never inspected with the set */
  char    **column_codes;  /* (array length=n_columns) item codes */
  char    **column_titles; /* item titles (Chinese) */
  HdAnswer *cells;         /* n_rows * n_columns, row by row; HD_ANSWER_NONE: no answer (never
                            * inspected, or the item was not in the version used) */
} HdStandardsMatrix;

/**
 * hd_store_compute_standards_matrix:
 * @belt_id: (nullable): rows are this belt's route sites in route order; or
 * @region_id: (nullable): rows are the sites of this region (and its sub-regions), by belt name
 *   then site name, sites on no belt last. Exactly one of @belt_id and @region_id is set.
 * @set_code: (nullable): a standard set that applies to sites; %NULL for "six_haves"
 * @date: a valid date: inspections after it do not count
 *
 * For each site, the answers of its latest finished inspection with any version of the set, on or
 * before @date, matched to the current version's items by item code.
 *
 * Returns: (transfer full) (nullable): the matrix (hd_standards_matrix_free()), or %NULL with
 *   @error set (HD_STORE_ERROR_NOT_FOUND for an unknown belt, region or set; HD_STORE_ERROR_INVALID
 *   for a set that applies to belts)
 */
HdStandardsMatrix *hd_store_compute_standards_matrix (HdStore      *self,
                                                      const char   *belt_id,
                                                      const char   *region_id,
                                                      const char   *set_code,
                                                      const GDate  *date,
                                                      GError      **error);
void               hd_standards_matrix_free          (HdStandardsMatrix *matrix);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdStandardsMatrix, hd_standards_matrix_free)

/* The answer in @row, @column (both in range). */
static inline HdAnswer
hd_standards_matrix_get (const HdStandardsMatrix *matrix,
                         guint                    row,
                         guint                    column)
{
  return matrix->cells[(gsize) row * matrix->n_columns + column];
}

/* ------------------------------------------------------------------------------------------ */
/* Inspection activity per month                                                              */

typedef struct {
  GDate    date;       /* the last day that counts */
  guint    n_months;   /* months, oldest first; the last is @date's month */
  guint   *years;      /* (array length=n_months) */
  guint   *months;     /* (array length=n_months) 1..12 */
  guint   *totals;     /* (array length=n_months) finished inspections in each month */
  guint    n_sets;     /* 0 unless asked by set */
  char   **set_codes;  /* (array length=n_sets) the sets that occur, by code */
  char   **set_names;  /* their current versions' Chinese names */
  guint   *counts;     /* n_sets * n_months, set by set; sums per month to totals */
} HdInspectionActivity;

/**
 * hd_store_compute_inspection_activity:
 * @belt_id: (nullable): only inspections of this belt and of its route's sites
 * @region_id: (nullable): only inspections of belts and sites in this region (and sub-regions);
 *   with both %NULL, the whole workspace (at most one may be set)
 * @n_months: 1..600: how many months, ending with @date's month
 * @by_set: also count per standard set code
 * @date: a valid date: inspections after it do not count (nor drafts)
 *
 * Finished inspections per calendar month, months without any included as zeros.
 *
 * Returns: (transfer full) (nullable): the activity (hd_inspection_activity_free()), or %NULL with
 *   @error set (HD_STORE_ERROR_NOT_FOUND for an unknown belt or region)
 */
HdInspectionActivity *hd_store_compute_inspection_activity (HdStore      *self,
                                                            const char   *belt_id,
                                                            const char   *region_id,
                                                            guint         n_months,
                                                            gboolean      by_set,
                                                            const GDate  *date,
                                                            GError      **error);
void                  hd_inspection_activity_free          (HdInspectionActivity *activity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdInspectionActivity, hd_inspection_activity_free)

G_END_DECLS
