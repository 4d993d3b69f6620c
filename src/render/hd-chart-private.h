/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the chart kinds share: one drawing context with a reused Pango layout, measured text that
 * records its box, swatches with hatching, legends, value axes and hit regions. */
#pragma once

#include <pango/pangocairo.h>

#include "hd-chart.h"

G_BEGIN_DECLS

typedef enum {
  HD_FILL_SOLID,
  HD_FILL_DIAGONAL,   /* one set of diagonal lines: "at risk", yellow, partly */
  HD_FILL_CROSS,      /* crossed lines: "behind", red, not met */
  HD_FILL_DOTS,       /* not applicable */
  HD_FILL_OUTLINE,    /* only an outline: nothing yet, grey */
} HdFill;

typedef struct {
  cairo_t              *cr;
  double                width;
  double                height;
  const HdChartStyle   *style;
  HdChartLayout        *layout;    /* where texts and hits go: the caller's or our own */
  gboolean              own_layout; /* the caller wants no layout: record texts, not hits */
  PangoContext         *pango;
  GHashTable           *texts;    /* measured layouts by parameters and text, reused to draw */
  PangoLayout          *text;     /* the last measured (owned by @texts) */
  PangoFontDescription *font;
  double                line;     /* the height of one line of body text */
  double                pad;      /* outer margin */
  cairo_pattern_t      *hatch[HD_FILL_OUTLINE][2];  /* by fill, dark or light lines; made on use */
} HdChartCtx;

void   hd_chart_ctx_init       (HdChartCtx          *ctx,
                                cairo_t             *cr,
                                double               width,
                                double               height,
                                const HdChartStyle  *style,
                                HdChartLayout       *layout);
void   hd_chart_ctx_clear      (HdChartCtx          *ctx);

void   hd_chart_set_rgb        (HdChartCtx          *ctx,
                                const HdChartRgb    *rgb,
                                double               alpha);

/* Lays @text out with at most @max_lines lines of at most @max_width (≤ 0: no limit), wrapping
 * between characters and ellipsizing the last line, at @scale × the body size. Returns its
 * logical size in @w/@h. The layout stays set for hd_chart_text_show(). */
void   hd_chart_text_measure   (HdChartCtx          *ctx,
                                const char          *text,
                                double               scale,
                                gboolean             bold,
                                double               max_width,
                                int                  max_lines,
                                PangoAlignment       align,
                                double              *w,
                                double              *h);
/* Shows the last measured text with its top-left corner at (@x, @y) and records its box. */
void   hd_chart_text_show      (HdChartCtx          *ctx,
                                double               x,
                                double               y,
                                const HdChartRgb    *rgb);
/* Shows the last measured text turned a quarter anticlockwise (read bottom to top) with its
 * (turned) box's top-left at (@x, @y); records that box. */
void   hd_chart_text_show_up   (HdChartCtx          *ctx,
                                double               x,
                                double               y,
                                const HdChartRgb    *rgb);

/* Draws the title (and subtitle) on top; returns the y where the rest may start. */
double hd_chart_draw_title     (HdChartCtx          *ctx,
                                const char          *title,
                                const char          *subtitle);

void   hd_chart_fill_box       (HdChartCtx          *ctx,
                                double               x,
                                double               y,
                                double               w,
                                double               h,
                                const HdChartRgb    *rgb,
                                HdFill               fill);

typedef struct {
  const char       *label;
  const HdChartRgb *rgb;
  HdFill            fill;
  gboolean          line;   /* a line with a point instead of a box */
} HdLegendItem;

/* Lays the items out in rows from (@x, @y) within @max_width, right-aligned on the last row
 * when @right; returns the height used. */
double hd_chart_draw_legend    (HdChartCtx          *ctx,
                                const HdLegendItem  *items,
                                guint                n_items,
                                double               x,
                                double               y,
                                double               max_width);

/* A value axis from 0 to @top with ticks every @step on the left (or right) of the plot box,
 * with grid lines when @grid. Labels are formatted with @suffix ("%" or ""). Returns nothing;
 * the caller reserved @label_width beside the plot. */
void   hd_chart_draw_value_axis (HdChartCtx         *ctx,
                                 double              plot_x,
                                 double              plot_y,
                                 double              plot_w,
                                 double              plot_h,
                                 double              top,
                                 double              step,
                                 double              scale,
                                 const char         *suffix,
                                 gboolean            right,
                                 gboolean            grid);
/* The width the labels of such an axis need. */
double hd_chart_value_axis_width (HdChartCtx        *ctx,
                                  double             top,
                                  double             step,
                                  double             scale,
                                  const char        *suffix);

/* Whether a text box at (@x, @y, @w, @h) would touch none drawn so far and stay on the canvas. */
gboolean hd_chart_box_free     (HdChartCtx          *ctx,
                                double               x,
                                double               y,
                                double               w,
                                double               h);

/* "2019-05-01" → year and fraction of the year gone (0 ≤ f < 1); FALSE when not a date. */
gboolean hd_chart_parse_date   (const char          *date,
                                int                 *year,
                                double              *fraction);

/* How many ticks fit along @length with room for a label each. */
guint  hd_chart_ticks_for      (HdChartCtx          *ctx,
                                double               length);

/* Whether hit regions are wanted (building their strings costs time). */
#define HD_CHART_WANTS_HITS(ctx) (!(ctx)->own_layout)

/* Takes @label and @value. */
void   hd_chart_add_hit        (HdChartCtx          *ctx,
                                double               x,
                                double               y,
                                double               w,
                                double               h,
                                char                *label,
                                char                *value);

/* "12", "12.5", "-3" (at most one decimal, none when whole). (transfer full) */
char  *hd_chart_format_number  (double               value);

/* The fill that goes with each light / answer / status in greyscale. */
HdFill hd_chart_light_fill     (HdLight              light);
HdFill hd_chart_answer_fill    (HdAnswer             answer);
HdFill hd_chart_status_fill    (HdChartStatus        status);

/* Category labels under a row of @n slots of @slot_w each, starting at @x0, top at @y: wrapped
 * to two lines, or turned upright when they do not fit, or every k-th when even that is too
 * tight. Returns the height used (at most @max_h). */
double hd_chart_draw_category_labels (HdChartCtx        *ctx,
                                      const char *const *labels,
                                      guint              n,
                                      double             x0,
                                      double             slot_w,
                                      double             y,
                                      double             max_h,
                                      gboolean           measure_only);

G_END_DECLS
