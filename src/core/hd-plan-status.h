/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The status of a plan indicator against its target curve: a pure function of values (no store),
 * so that the rule is table-tested and the same everywhere (CLI, app, handout). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  HD_PLAN_STATUS_UNKNOWN,   /* no target, no actual, or the plan has not started */
  HD_PLAN_STATUS_ON_TRACK,
  HD_PLAN_STATUS_AT_RISK,
  HD_PLAN_STATUS_BEHIND,
} HdPlanStatus;

GType hd_plan_status_get_type (void) G_GNUC_CONST;
#define HD_TYPE_PLAN_STATUS (hd_plan_status_get_type ())

/* "At risk" is a shortfall of at most this share of the scale of the curve (see
 * hd_plan_status_compute()); anything worse is "behind". */
#define HD_PLAN_STATUS_TOLERANCE 0.10

/* Stable spellings "unknown", "on-track", "at-risk", "behind"; labels are translated. */
const char  *hd_plan_status_to_string   (HdPlanStatus  status);
gboolean     hd_plan_status_from_string (const char   *str,
                                         HdPlanStatus *out);
const char  *hd_plan_status_label       (HdPlanStatus  status);

/**
 * hd_plan_expected_value:
 * @first_year: the plan's first year; the plan runs from 1 January of it to 31 December of
 *   @first_year + 2
 * @targets: the three year-end targets; NAN for a year without one
 * @baseline: the value at the plan's start (the first actual, or 0 when there is none)
 * @date: the day to evaluate at
 *
 * The target curve: linear between the start (@baseline) and the end of each year that has a
 * target (years without a target are skipped, the line runs on to the next one). Before the start
 * it is @baseline; after the end of the last year with a target it stays at that target.
 *
 * Returns: the expected value, or NAN when no year has a target
 */
double       hd_plan_expected_value     (int            first_year,
                                         const double   targets[3],
                                         double         baseline,
                                         const GDate   *date);

/**
 * hd_plan_status_compute:
 * @actual: the latest actual value at @date, NAN when there is none
 * @higher_is_better: FALSE for indicators that should go down (e.g. overdue rectifications)
 *
 * Compares @actual with hd_plan_expected_value(). The shortfall is how far @actual is on the wrong
 * side of the expected value; the scale is the larger of |expected| and |final target − baseline|.
 * No shortfall: on track; a shortfall up to %HD_PLAN_STATUS_TOLERANCE × scale: at risk; more:
 * behind. With a zero scale (every target and the baseline 0) any shortfall is "behind". Before 1
 * January of @first_year, without targets or without an actual: unknown. After the plan's end the
 * final target is what counts.
 */
HdPlanStatus hd_plan_status_compute     (int            first_year,
                                         const double   targets[3],
                                         double         baseline,
                                         double         actual,
                                         gboolean       higher_is_better,
                                         const GDate   *date);

/**
 * hd_plan_year_percent:
 *
 * How much of the target of the plan year that contains @date (the first year before the start,
 * the last after the end) @actual reaches, in percent, for progress bars. Higher is better:
 * actual / target (a target of 0 counts as reached by any actual ≥ 0). Lower is better: 100 when
 * actual ≤ target, else target / actual. Clamped to 0..100.
 *
 * Returns: the percentage, or NAN when that year has no target or there is no actual
 */
double       hd_plan_year_percent       (int            first_year,
                                         const double   targets[3],
                                         double         actual,
                                         gboolean       higher_is_better,
                                         const GDate   *date);

/* The plan year index (0..2) of @date, clamped: 0 before the start, 2 after the end. */
int          hd_plan_year_index         (int            first_year,
                                         const GDate   *date);

G_END_DECLS
