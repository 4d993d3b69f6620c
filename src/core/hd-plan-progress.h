/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Plan progress: the built-in computed indicators, evaluated from the store for a plan's region
 * (and its sub-regions) at any date; snapshots that turn them into dated history; and per
 * indicator the data a chart needs (targets, dated actuals, status). */
#pragma once

#include "hd-indicator.h"
#include "hd-plan-status.h"
#include "hd-store.h"

G_BEGIN_DECLS

/* The built-in computations. The nick is the indicator's stable computed_key. */
typedef enum {
  HD_COMPUTED_BELTS,                /* "belts": number of belts */
  HD_COMPUTED_BELTS_WITH_8_SITES,   /* "belts-8-sites": belts with at least 8 sites */
  HD_COMPUTED_SITES_ON_BELTS,       /* "sites-on-belts": distinct sites on at least one belt */
  HD_COMPUTED_CITY_SITES,           /* "city-sites": city-level demonstration sites */
  HD_COMPUTED_COUNTY_SITES,         /* "county-sites": county-level demonstration sites */
  HD_COMPUTED_SERVICE_CENTERS,      /* "service-centers": Party-mass service centers open */
  HD_COMPUTED_SIX_HAVES_SHARE,      /* "six-haves-share": % of sites meeting the six haves */
  HD_COMPUTED_FIVE_ONES_SHARE,      /* "five-ones-share": % of belts meeting the five ones */
  HD_COMPUTED_INSPECTED_SHARE,      /* "inspected-share": % of sites inspected this quarter */
  HD_COMPUTED_OPEN_RECTIFICATIONS,  /* "open-rectifications" */
  HD_COMPUTED_OVERDUE_RECTIFICATIONS, /* "overdue-rectifications" */
} HdComputedIndicator;

#define HD_N_COMPUTED_INDICATORS (HD_COMPUTED_OVERDUE_RECTIFICATIONS + 1)

GType hd_computed_indicator_get_type (void) G_GNUC_CONST;
#define HD_TYPE_COMPUTED_INDICATOR (hd_computed_indicator_get_type ())

const char *hd_computed_indicator_to_string   (HdComputedIndicator  key);
gboolean    hd_computed_indicator_from_string (const char          *str,
                                               HdComputedIndicator *out);
/* Translated name, e.g. "Belts with at least 8 sites". */
const char *hd_computed_indicator_label       (HdComputedIndicator  key);
/* Translated unit: "belts", "sites", "%", "tasks". */
const char *hd_computed_indicator_unit        (HdComputedIndicator  key);
/* Whether more is better (FALSE for the rectification counts). */
gboolean    hd_computed_indicator_higher_is_better (HdComputedIndicator key);

/**
 * hd_store_evaluate_indicator:
 * @region_id: (nullable): the plan's region; its sub-regions count too; NULL: the whole workspace
 * @date: the day to evaluate at (a local date, end of that day)
 * @value: (out): the value; shares are percentages 0..100 (0 when there is nothing to share)
 *
 * Evaluates a computed indicator from the store's data as it stood at @date, as far as history
 * is known: records count from the day they were created, inspections from their date,
 * rectifications from their creation to the day they were closed. Not known historically, so the
 * current state is used: a belt's route (which sites were on it when), a site's level, kind and
 * region, and a record deleted since. One set-based query per indicator.
 */
gboolean    hd_store_evaluate_indicator       (HdStore              *self,
                                               HdComputedIndicator   key,
                                               const char           *region_id,
                                               const GDate          *date,
                                               double               *value,
                                               GError              **error);

/**
 * hd_store_evaluate_indicators:
 * @values: (out caller-allocates): indexed by HdComputedIndicator
 *
 * Every computed indicator at once, as hd_store_evaluate_indicator() gives each: three queries
 * (sites, belts, rectification tasks), for snapshots and dashboards.
 */
gboolean    hd_store_evaluate_indicators      (HdStore              *self,
                                               const char           *region_id,
                                               const GDate          *date,
                                               double                values[HD_N_COMPUTED_INDICATORS],
                                               GError              **error);

/**
 * hd_store_snapshot_plan:
 * @plan_id: (nullable): one plan, or NULL for every plan
 * @date: the snapshot's date
 *
 * Writes every computed indicator's value at @date as its actual of that date (replacing a value
 * already there): one transaction and one undo step. Manual indicators are left alone.
 *
 * Returns: the number of values written, or -1 with @error set
 */
int         hd_store_snapshot_plan            (HdStore      *self,
                                               const char   *plan_id,
                                               const GDate  *date,
                                               GError      **error);

/**
 * hd_store_snapshot_monthly:
 * @today: the local date
 * @already: (out) (optional): set to TRUE when this month's snapshot had been taken
 *
 * The automatic monthly snapshot: when no snapshot was taken yet in @today's month (the month is
 * remembered in the setting "plans.last_snapshot_month", YYYY-MM), snapshots every plan running at
 * @today (one that has not started or is over keeps its history as it is).
 * Not an undo step (nobody asked for it): the snapshot and the setting are one transaction.
 *
 * Returns: the number of values written (0 when this month was done already), -1 on error
 */
int         hd_store_snapshot_monthly         (HdStore      *self,
                                               const GDate  *today,
                                               gboolean     *already,
                                               GError      **error);

/* Progress of one indicator at a date: everything a chart or a list row shows. */
typedef struct {
  HdIndicator  *indicator;     /* (owned) */
  double        targets[3];    /* NAN: no target that year */
  GPtrArray    *actuals;       /* (owned) (element-type HdIndicatorActual), oldest first, ≤ date */
  double        baseline;      /* first actual, or 0 */
  double        latest;        /* latest actual ≤ date, NAN when none */
  char         *latest_date;   /* (nullable) its date */
  double        expected;      /* target curve at date, NAN without targets */
  double        year_percent;  /* hd_plan_year_percent(), NAN when unknown */
  HdPlanStatus  status;
} HdIndicatorProgress;

void hd_indicator_progress_free (HdIndicatorProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdIndicatorProgress, hd_indicator_progress_free)

/**
 * hd_store_get_plan_progress:
 * @date: the day of the status (actuals after it are left out)
 *
 * Returns: (transfer full) (element-type HdIndicatorProgress): one entry per indicator of the
 *   plan, in order; NULL with @error set (HD_STORE_ERROR_NOT_FOUND for an unknown plan)
 */
GPtrArray  *hd_store_get_plan_progress        (HdStore      *self,
                                               const char   *plan_id,
                                               const GDate  *date,
                                               GError      **error);

G_END_DECLS
