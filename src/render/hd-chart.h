/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "hd-light.h"

G_BEGIN_DECLS

/* Charts for plans, districts and inspections, drawn with Cairo and Pango only, so the same call
 * draws in a widget, a PNG, an SVG, a PDF handout and on paper.
 *
 * Every draw function takes PLAIN DATA: the structs below hold borrowed strings and arrays that
 * the caller owns and keeps alive for the call; nothing here reads the store. Dates are
 * "YYYY-MM-DD" strings. Each function draws into (0, 0, width, height) of @cr's user space,
 * background included, and never outside it. When given an HdChartLayout it also records where it
 * put every text (for tests: nothing overlaps) and the hit regions of its marks (for hover
 * tooltips), in the same user units. */

typedef enum {
  HD_CHART_TARGET,      /* HdChartTarget */
  HD_CHART_DASHBOARD,   /* HdChartDashboard */
  HD_CHART_REGIONS,     /* HdChartRegions */
  HD_CHART_HEATMAP,     /* HdChartHeatmap */
  HD_CHART_ACTIVITY,    /* HdChartActivity */
} HdChartKind;

/* Where an indicator stands against its target curve (the plan core decides). */
typedef enum {
  HD_CHART_STATUS_NONE,      /* no target or no value yet */
  HD_CHART_STATUS_ON_TRACK,
  HD_CHART_STATUS_AT_RISK,
  HD_CHART_STATUS_BEHIND,
} HdChartStatus;
#define HD_CHART_N_STATUSES (HD_CHART_STATUS_BEHIND + 1)

typedef struct {
  double x, y, width, height;
} HdChartBox;

/* A mark the pointer can hover: a bar, a point, a cell. */
typedef struct {
  HdChartBox box;
  char      *label;   /* what it is: "鼓楼区 · green" */
  char      *value;   /* its value as text: "12 sites" */
} HdChartHit;

typedef struct {
  GArray *hits;     /* HdChartHit, in drawing order */
  GArray *labels;   /* HdChartBox of every text drawn (axis-aligned; rotated text by its extent) */
} HdChartLayout;

HdChartLayout    *hd_chart_layout_new    (void);
void              hd_chart_layout_free   (HdChartLayout *layout);
/* Empties @layout for another drawing. */
void              hd_chart_layout_clear  (HdChartLayout *layout);
/* The topmost hit region holding (@x, @y), or %NULL. (transfer none) */
const HdChartHit *hd_chart_layout_hit_at (const HdChartLayout *layout,
                                          double               x,
                                          double               y);

typedef struct {
  double red, green, blue;
} HdChartRgb;

/* Colours and fonts. Light colours, answer colours and status colours differ in lightness as well
 * as hue, and the middle ones are hatched too, so every chart reads in greyscale print. */
typedef struct {
  const char *font_family;   /* a Pango family list with a CJK font */
  double      font_size;     /* body text, in user units (px on screen, pt on paper) */
  HdChartRgb  background;
  HdChartRgb  foreground;
  HdChartRgb  muted;         /* axis labels, notes */
  HdChartRgb  grid;
  HdChartRgb  target;        /* target bars */
  HdChartRgb  actual;        /* actual line and points */
  HdChartRgb  today;
  HdChartRgb  lights[HD_N_LIGHTS];
  HdChartRgb  answers[HD_N_ANSWERS];
  HdChartRgb  statuses[HD_CHART_N_STATUSES];
} HdChartStyle;

/* (transfer none): the built-in styles; the light one is also the one for print. */
const HdChartStyle *hd_chart_style_get (gboolean dark);

/**
 * hd_chart_nice_ticks:
 * @max: the largest value to show (values start at 0)
 * @max_ticks: at most this many intervals
 * @step: (out): the interval, 1, 2 or 5 times a power of ten
 * @top: (out): the axis' end, a multiple of @step ≥ @max (1 step when @max ≤ 0)
 *
 * Picks axis ticks people read at a glance: 0, 2, 4 … or 0, 50, 100 …
 */
void hd_chart_nice_ticks (double  max,
                          guint   max_ticks,
                          double *step,
                          double *top);

/* 1. One indicator over the plan's years: a bar per yearly target, a line with a point per dated
 * actual snapshot, today marked, the unit on the axis. */
typedef struct {
  const char *date;    /* "YYYY-MM-DD" */
  double      value;
} HdChartPoint;

typedef struct {
  const char         *title;
  const char         *unit;        /* nullable: "个", "%" */
  int                 first_year;
  guint               n_years;     /* usually 3 */
  const double       *targets;     /* n_years targets; NAN where there is none */
  const HdChartPoint *actuals;     /* snapshots in date order; dates outside the years are left out */
  guint               n_actuals;
  const char         *today;       /* nullable: marked when inside the years */
} HdChartTarget;

/* 2. Every indicator of a plan as a progress bar toward this year's target. */
typedef struct {
  const char    *name;
  const char    *unit;     /* nullable */
  double         value;    /* NAN: no value yet */
  double         target;   /* this year's; ≤ 0 or NAN: none */
  HdChartStatus  status;
} HdChartIndicator;

typedef struct {
  const char             *title;
  const char             *subtitle;  /* nullable: "2019 · 组织力提升" */
  const HdChartIndicator *indicators;
  guint                   n_indicators;
} HdChartDashboard;

/* 3. Belts or sites per district stacked by light, with each district's compliance rate as a
 * line on a right-hand percentage axis. */
typedef enum {
  HD_CHART_COUNT_SITES,
  HD_CHART_COUNT_BELTS,
} HdChartCount;

typedef struct {
  const char *name;
  guint       belts[HD_N_LIGHTS];   /* by HdLight */
  guint       sites[HD_N_LIGHTS];
  double      compliance;           /* 0..1, NAN: none */
} HdChartDistrict;

typedef struct {
  const char            *title;
  HdChartCount           count;
  const HdChartDistrict *districts;
  guint                  n_districts;
} HdChartRegions;

/* 4. Sites (rows) × standard items (columns), each cell the latest answer. A long list either
 * shrinks its rows (labels on every k-th row, every row hoverable) or is cut into pages with
 * @first_row and @max_rows (see hd_chart_heatmap_rows_that_fit()). */
typedef struct {
  const char        *title;
  const char *const *rows;       /* n_rows site names */
  guint              n_rows;
  const char *const *columns;    /* n_columns item names */
  guint              n_columns;
  const HdAnswer    *cells;      /* n_rows × n_columns, row by row */
  guint              first_row;  /* draw rows first_row … */
  guint              max_rows;   /* … at most this many; 0: all the rest */
} HdChartHeatmap;

/* How many rows of @data fit at @width × @height with a readable label on each. */
guint hd_chart_heatmap_rows_that_fit (const HdChartHeatmap *data,
                                      const HdChartStyle   *style,
                                      double                width,
                                      double                height);

/* 5. Inspections per month. */
typedef struct {
  int   year;
  int   month;   /* 1..12 */
  guint count;
} HdChartMonth;

typedef struct {
  const char         *title;
  const HdChartMonth *months;   /* consecutive, oldest first; 12–36 are typical */
  guint               n_months;
} HdChartActivity;

/* The draw functions. @style: %NULL for the light one; @layout: (nullable). */
void hd_chart_draw_target    (cairo_t               *cr,
                              double                 width,
                              double                 height,
                              const HdChartTarget   *data,
                              const HdChartStyle    *style,
                              HdChartLayout         *layout);
void hd_chart_draw_dashboard (cairo_t                *cr,
                              double                  width,
                              double                  height,
                              const HdChartDashboard *data,
                              const HdChartStyle     *style,
                              HdChartLayout          *layout);
void hd_chart_draw_regions   (cairo_t               *cr,
                              double                 width,
                              double                 height,
                              const HdChartRegions  *data,
                              const HdChartStyle    *style,
                              HdChartLayout         *layout);
void hd_chart_draw_heatmap   (cairo_t               *cr,
                              double                 width,
                              double                 height,
                              const HdChartHeatmap  *data,
                              const HdChartStyle    *style,
                              HdChartLayout         *layout);
void hd_chart_draw_activity  (cairo_t               *cr,
                              double                 width,
                              double                 height,
                              const HdChartActivity *data,
                              const HdChartStyle    *style,
                              HdChartLayout         *layout);

/* Any of the above by @kind; @data points to the matching struct. */
void hd_chart_draw           (HdChartKind            kind,
                              gconstpointer          data,
                              cairo_t               *cr,
                              double                 width,
                              double                 height,
                              const HdChartStyle    *style,
                              HdChartLayout         *layout);

/* The short name of a status, light or answer as the charts' legends print it (translated). */
const char *hd_chart_status_label (HdChartStatus status);
const char *hd_chart_light_label  (HdLight       light);
const char *hd_chart_answer_label (HdAnswer      answer);

/**
 * hd_chart_describe:
 * @kind: which chart
 * @data: the matching struct
 *
 * The chart in words, one line per bar, row or point group ("示范带数量: 10 / 10条 (100%), On
 * track"), for screen readers and text output. Long lists end with "… and N more".
 *
 * Returns: (transfer full): the text
 */
char    *hd_chart_describe   (HdChartKind          kind,
                              gconstpointer        data);

/**
 * hd_chart_write_file:
 * @path: ends in .png, .svg or .pdf (case-insensitive)
 *
 * Draws one chart at @width × @height (pixels for PNG, points for SVG and PDF) into a new file.
 * Errors: %G_IO_ERROR_INVALID_ARGUMENT for another extension, %G_IO_ERROR_FAILED when Cairo
 * cannot write the file (with the path and Cairo's reason).
 */
gboolean hd_chart_write_file (HdChartKind          kind,
                              gconstpointer        data,
                              double               width,
                              double               height,
                              const HdChartStyle  *style,
                              const char          *path,
                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdChartLayout, hd_chart_layout_free)

G_END_DECLS
