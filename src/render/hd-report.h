/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fills the plain structs of the charts (hd-chart.h) and of the handout (hd-handout.h) from the
 * store and a plan, so that the CLI and the app print the same thing. Every number comes from the
 * core's plan, figures and inspection functions; nothing here runs SQL. */
#pragma once

#include "hd-chart.h"
#include "hd-handout.h"
#include "hd-store.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/* One chart                                                                                  */

/* Which data a chart shows. */
typedef struct {
  const char *plan_id;       /* target, dashboard: required; others: its region is the default */
  const char *indicator_id;  /* target: one of the plan's indicators; NULL: its first */
  const char *region_id;     /* regions, heatmap, activity: NULL: the plan's region, else all */
  const char *belt_id;       /* heatmap, activity: this belt instead of a region */
} HdReportQuery;

/* A chart's data and everything it points to. @data comes first, so a pointer to the
 * HdReportChart is also a pointer to its chart struct: hand it to hd_chart_view_set_chart() with
 * hd_report_chart_free() as the destroy function. */
typedef struct {
  union {
    HdChartTarget    target;
    HdChartDashboard dashboard;
    HdChartRegions   regions;
    HdChartHeatmap   heatmap;
    HdChartActivity  activity;
  } data;
  HdChartKind  kind;
  /*< private >*/
  GPtrArray   *owned;
  GStringChunk *strings;
} HdReportChart;

/**
 * hd_report_chart_new:
 * @kind: which chart
 * @query: which plan, indicator, region or belt
 * @date: (nullable): the day (actuals after it are left out); %NULL: the store's today
 *
 * Returns: (transfer full) (nullable): the chart's data, or %NULL with @error set
 *   (HD_STORE_ERROR_NOT_FOUND for an unknown plan, indicator, region or belt;
 *   HD_STORE_ERROR_INVALID when the chart needs a plan and none is given)
 */
HdReportChart *hd_report_chart_new  (HdStore             *store,
                                     HdChartKind          kind,
                                     const HdReportQuery *query,
                                     const GDate         *date,
                                     GError             **error);
void           hd_report_chart_free (HdReportChart       *chart);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdReportChart, hd_report_chart_free)

/* "target", "dashboard", "regions", "heatmap", "activity". */
const char    *hd_report_chart_kind_to_string   (HdChartKind  kind);
gboolean       hd_report_chart_kind_from_string (const char  *str,
                                                 HdChartKind *out);

/* ------------------------------------------------------------------------------------------ */
/* The handout                                                                                */

typedef struct _HdReport HdReport;

/**
 * hd_report_new:
 * @plan_id: the plan
 * @date: (nullable): the handout's date; %NULL: the store's today
 * @region_ids: (nullable): NULL-terminated; only belts in these regions (or inside them)
 * @belt_ids: (nullable): NULL-terminated; only these belts (added to those of @region_ids).
 *   With neither, the belts of the plan's region.
 *
 * Collects the whole handout of a plan: the cover (title, region, date, themes), the dashboard,
 * one target chart per indicator with its dated actuals, the districts of the plan's region,
 * inspection activity, and a page per belt: its route, the five ones of its latest five-ones
 * inspection, its sites' six haves (the standards matrix) and the open rectifications of the belt
 * and its sites.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 *   (HD_STORE_ERROR_NOT_FOUND naming the unknown plan, region or belt)
 */
HdReport        *hd_report_new          (HdStore            *store,
                                         const char         *plan_id,
                                         const GDate        *date,
                                         const char * const *region_ids,
                                         const char * const *belt_ids,
                                         GError            **error);
void             hd_report_free         (HdReport           *report);
/* (transfer none): the handout, valid as long as @report. */
const HdHandout *hd_report_get_handout  (HdReport           *report);

/**
 * hd_report_parse_sections:
 * @text: comma-separated names: cover, toc, dashboard, indicators, regions, belts
 *
 * Returns: the sections, or 0 with @error set (G_OPTION_ERROR_BAD_VALUE naming the unknown one)
 */
HdHandoutSections hd_report_parse_sections (const char  *text,
                                            GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdReport, hd_report_free)

G_END_DECLS
