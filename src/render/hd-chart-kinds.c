/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The five charts. Each lays itself out from measured text: title, legend, axis labels, then the
 * plot gets what is left, so nothing overlaps at any size and nothing leaves the canvas. */
#define G_LOG_DOMAIN "hd-chart"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "hd-chart-private.h"

static void
stroke_line (HdChartCtx       *ctx,
             double            x0,
             double            y0,
             double            x1,
             double            y1,
             const HdChartRgb *rgb,
             double            width)
{
  hd_chart_set_rgb (ctx, rgb, 1);
  cairo_set_line_width (ctx->cr, width);
  cairo_move_to (ctx->cr, x0, y0);
  cairo_line_to (ctx->cr, x1, y1);
  cairo_stroke (ctx->cr);
}

/* A short text placed at (@x, @y) when the spot is free; returns whether it was. */
static gboolean
show_if_free (HdChartCtx       *ctx,
              const char       *text,
              double            scale,
              double            x,
              double            y,
              gboolean          centre,
              const HdChartRgb *rgb)
{
  double w, h;

  hd_chart_text_measure (ctx, text, scale, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
  if (centre)
    x -= w / 2;
  if (!hd_chart_box_free (ctx, x, y, w, h))
    return FALSE;
  hd_chart_text_show (ctx, x, y, rgb);
  return TRUE;
}

/* Counts have no fractions: a step of at least one. */
static void
count_ticks (double  max,
             guint   max_ticks,
             double *step,
             double *top)
{
  hd_chart_nice_ticks (max, max_ticks, step, top);
  if (*step < 1)
    {
      *step = 1;
      *top = MAX (1, ceil (max));
    }
}

static gboolean
too_small (HdChartCtx *ctx,
           double      plot_w,
           double      plot_h)
{
  double w, h;

  if (plot_w > ctx->line * 2 && plot_h > ctx->line * 2)
    return FALSE;
  hd_chart_text_measure (ctx, _("Too small to draw"), 0.9, FALSE, ctx->width - 2, 1,
                         PANGO_ALIGN_LEFT, &w, &h);
  if (hd_chart_box_free (ctx, 1, ctx->height - h - 1, w, h))
    hd_chart_text_show (ctx, 1, ctx->height - h - 1, &ctx->style->muted);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* 1. Target vs actual                                                                      */

void
hd_chart_draw_target (cairo_t             *cr,
                      double               width,
                      double               height,
                      const HdChartTarget *data,
                      const HdChartStyle  *style,
                      HdChartLayout       *layout)
{
  HdChartCtx ctx;
  const HdChartRgb *fg;
  double top, max = 0, step, axis_top, axis_w, plot_x, plot_y, plot_w, plot_h, slot, w, h;
  double last_x = 0, last_y = 0;
  gboolean have_last = FALSE;
  const char *unit;
  HdLegendItem legend[3];
  guint n_years;

  g_return_if_fail (cr != NULL && data != NULL);

  hd_chart_ctx_init (&ctx, cr, width, height, style, layout);
  fg = &ctx.style->foreground;
  n_years = MAX (data->n_years, 1);
  unit = data->unit != NULL ? data->unit : "";

  top = hd_chart_draw_title (&ctx, data->title, NULL);
  legend[0] = (HdLegendItem) { C_("chart legend", "Yearly target"), &ctx.style->target, HD_FILL_SOLID, FALSE };
  legend[1] = (HdLegendItem) { C_("chart legend", "Actual"), &ctx.style->actual, HD_FILL_SOLID, TRUE };
  legend[2] = (HdLegendItem) { C_("chart legend", "Today"), &ctx.style->today, HD_FILL_SOLID, TRUE };
  top += hd_chart_draw_legend (&ctx, legend, G_N_ELEMENTS (legend), ctx.pad, top,
                               width - 2 * ctx.pad);

  for (guint i = 0; i < data->n_years && data->targets != NULL; i++)
    if (isfinite (data->targets[i]))
      max = MAX (max, data->targets[i]);
  for (guint i = 0; i < data->n_actuals; i++)
    if (isfinite (data->actuals[i].value))
      max = MAX (max, data->actuals[i].value);

  /* The unit sits above the value axis. */
  if (*unit != '\0')
    {
      hd_chart_text_measure (&ctx, unit, 0.9, FALSE, width / 2, 1, PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (&ctx, ctx.pad, top, &ctx.style->muted);
    }
  top += ctx.line * 1.2;

  plot_y = top + ctx.line * 0.5;
  plot_h = height - plot_y - ctx.pad - ctx.line * 1.4;
  hd_chart_nice_ticks (max, hd_chart_ticks_for (&ctx, plot_h), &step, &axis_top);
  axis_w = hd_chart_value_axis_width (&ctx, axis_top, step, 1, "");
  plot_x = ctx.pad + axis_w;
  plot_w = width - plot_x - ctx.pad;
  if (too_small (&ctx, plot_w, plot_h))
    goto out;
  slot = plot_w / n_years;

  hd_chart_draw_value_axis (&ctx, plot_x, plot_y, plot_w, plot_h, axis_top, step, 1, "", FALSE, TRUE);

  /* Years: a target bar each, the year under it, a line between years. */
  for (guint i = 0; i < n_years; i++)
    {
      g_autofree char *year = g_strdup_printf ("%d", data->first_year + (int) i);
      double bx = plot_x + i * slot + slot * 0.2, bw = slot * 0.6;

      if (i > 0)
        stroke_line (&ctx, plot_x + i * slot + 0.5, plot_y, plot_x + i * slot + 0.5, plot_y + plot_h,
                     &ctx.style->grid, 1);
      hd_chart_text_measure (&ctx, year, 1, FALSE, slot, 1, PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (&ctx, plot_x + i * slot + (slot - w) / 2, plot_y + plot_h + ctx.line * 0.2, fg);

      if (data->targets != NULL && i < data->n_years && isfinite (data->targets[i]))
        {
          double t = data->targets[i], bh = MAX (t, 0) / axis_top * plot_h;
          g_autofree char *value = hd_chart_format_number (t);

          hd_chart_fill_box (&ctx, bx, plot_y + plot_h - bh, bw, bh, &ctx.style->target, HD_FILL_SOLID);
          hd_chart_add_hit (&ctx, bx, plot_y + plot_h - bh, bw, MAX (bh, 4),
                            g_strdup_printf (C_("chart hover", "Target %d"), data->first_year + (int) i),
                            g_strdup_printf ("%s %s", value, unit));
          /* The target's value inside the top of its bar, or above it when the bar is short. */
          hd_chart_text_measure (&ctx, value, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
          if (bh > h + 4)
            show_if_free (&ctx, value, 0.9, bx + bw / 2, plot_y + plot_h - bh + 2, TRUE, fg);
          else
            show_if_free (&ctx, value, 0.9, bx + bw / 2, plot_y + plot_h - bh - h - 1, TRUE, fg);
        }
    }
  stroke_line (&ctx, plot_x, plot_y + plot_h + 0.5, plot_x + plot_w, plot_y + plot_h + 0.5, &ctx.style->muted, 1);

  /* Today. */
  {
    int year;
    double f;

    if (hd_chart_parse_date (data->today, &year, &f) &&
        year >= data->first_year && year < data->first_year + (int) n_years)
      {
        double x = plot_x + (year - data->first_year + f) / n_years * plot_w;

        cairo_save (cr);
        cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
        stroke_line (&ctx, x, plot_y, x, plot_y + plot_h, &ctx.style->today, 1.5);
        cairo_restore (cr);
        hd_chart_text_measure (&ctx, C_("chart legend", "Today"), 0.85, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
        if (!show_if_free (&ctx, C_("chart legend", "Today"), 0.85, x + 3, plot_y, FALSE, &ctx.style->today))
          show_if_free (&ctx, C_("chart legend", "Today"), 0.85, x - 3 - w, plot_y, FALSE, &ctx.style->today);
      }
  }

  /* Actuals: a line through the snapshots, a point on each, the latest value written. */
  hd_chart_set_rgb (&ctx, &ctx.style->actual, 1);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < data->n_actuals; i++)
    {
      int year;
      double f, x, y;

      if (!hd_chart_parse_date (data->actuals[i].date, &year, &f) || !isfinite (data->actuals[i].value) ||
          year < data->first_year || year >= data->first_year + (int) n_years)
        continue;
      x = plot_x + (year - data->first_year + f) / n_years * plot_w;
      y = plot_y + plot_h - MAX (data->actuals[i].value, 0) / axis_top * plot_h;
      if (have_last)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      have_last = TRUE;
      last_x = x;
      last_y = y;
    }
  cairo_stroke (cr);
  have_last = FALSE;
  for (guint i = 0; i < data->n_actuals; i++)
    {
      int year;
      double f, x, y;
      g_autofree char *value = NULL;

      if (!hd_chart_parse_date (data->actuals[i].date, &year, &f) || !isfinite (data->actuals[i].value) ||
          year < data->first_year || year >= data->first_year + (int) n_years)
        continue;
      x = plot_x + (year - data->first_year + f) / n_years * plot_w;
      y = plot_y + plot_h - MAX (data->actuals[i].value, 0) / axis_top * plot_h;
      cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
      hd_chart_set_rgb (&ctx, &ctx.style->background, 1);
      cairo_fill_preserve (cr);
      hd_chart_set_rgb (&ctx, &ctx.style->actual, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      value = hd_chart_format_number (data->actuals[i].value);
      hd_chart_add_hit (&ctx, x - 6, y - 6, 12, 12,
                        g_strdup_printf (C_("chart hover", "Actual on %s"), data->actuals[i].date),
                        g_strdup_printf ("%s %s", value, unit));
      have_last = TRUE;
    }
  if (have_last)
    {
      int last = (int) data->n_actuals - 1;
      g_autofree char *value = NULL;

      while (last > 0 && !isfinite (data->actuals[last].value))
        last--;
      value = hd_chart_format_number (data->actuals[last].value);
      hd_chart_text_measure (&ctx, value, 1, TRUE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
      if (hd_chart_box_free (&ctx, last_x + 6, last_y - h - 2, w, h))
        hd_chart_text_show (&ctx, last_x + 6, last_y - h - 2, &ctx.style->actual);
      else if (hd_chart_box_free (&ctx, last_x - 6 - w, last_y - h - 2, w, h))
        hd_chart_text_show (&ctx, last_x - 6 - w, last_y - h - 2, &ctx.style->actual);
    }

out:
  hd_chart_ctx_clear (&ctx);
}

/* ---------------------------------------------------------------------------------------- */
/* 2. Dashboard                                                                             */

static char *
indicator_value_text (const HdChartIndicator *ind)
{
  g_autofree char *value = hd_chart_format_number (ind->value);
  g_autofree char *target = hd_chart_format_number (ind->target);
  const char *unit = ind->unit != NULL ? ind->unit : "";

  if (!(ind->target > 0))
    return g_strdup_printf ("%s%s", value, unit);
  /* TRANSLATORS: an indicator's value against its target, e.g. "12 / 15 个" */
  return g_strdup_printf (C_("chart value", "%s / %s%s"), value, target, unit);
}

static double
indicator_fraction (const HdChartIndicator *ind)
{
  if (!(ind->target > 0) || !isfinite (ind->value))
    return NAN;
  return ind->value / ind->target;
}

void
hd_chart_draw_dashboard (cairo_t                *cr,
                         double                  width,
                         double                  height,
                         const HdChartDashboard *data,
                         const HdChartStyle     *style,
                         HdChartLayout          *layout)
{
  HdChartCtx ctx;
  HdLegendItem legend[HD_CHART_N_STATUSES - 1];
  double top, name_w = 0, value_w = 0, pct_w, status_w = 0, w, h, row_h, bar_x, bar_w, gap;
  guint shown;

  g_return_if_fail (cr != NULL && data != NULL);

  hd_chart_ctx_init (&ctx, cr, width, height, style, layout);
  top = hd_chart_draw_title (&ctx, data->title, data->subtitle);
  for (guint s = HD_CHART_STATUS_ON_TRACK; s < HD_CHART_N_STATUSES; s++)
    legend[s - 1] = (HdLegendItem) { hd_chart_status_label (s), &ctx.style->statuses[s],
                                     hd_chart_status_fill (s), FALSE };
  top += hd_chart_draw_legend (&ctx, legend, G_N_ELEMENTS (legend), ctx.pad, top, width - 2 * ctx.pad);

  if (data->n_indicators == 0)
    {
      hd_chart_text_measure (&ctx, _("No indicators yet"), 1, FALSE, width - 2 * ctx.pad, 2,
                             PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (&ctx, ctx.pad, top + ctx.line, &ctx.style->muted);
      goto out;
    }

  /* Columns: name | bar | percent | value | status, each as wide as its widest text. */
  gap = ctx.line * 0.6;
  for (guint i = 0; i < data->n_indicators; i++)
    {
      g_autofree char *value = indicator_value_text (&data->indicators[i]);

      hd_chart_text_measure (&ctx, data->indicators[i].name, 1, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
      name_w = MAX (name_w, w);
      hd_chart_text_measure (&ctx, value, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
      value_w = MAX (value_w, w);
      hd_chart_text_measure (&ctx, hd_chart_status_label (data->indicators[i].status), 0.9, TRUE, -1, 1,
                             PANGO_ALIGN_LEFT, &w, &h);
      status_w = MAX (status_w, w);
    }
  hd_chart_text_measure (&ctx, "100%", 1, TRUE, -1, 1, PANGO_ALIGN_LEFT, &pct_w, &h);
  value_w = MIN (value_w, width * 0.2);
  name_w = MIN (name_w, width * 0.3);
  bar_x = ctx.pad + name_w + gap;
  bar_w = width - ctx.pad - bar_x - 3 * gap - pct_w - value_w - status_w;
  if (bar_w < ctx.line * 3)
    {
      /* Narrow: the value column goes; the hover still has it. */
      bar_w += value_w + gap;
      value_w = 0;
    }

  row_h = (height - top - ctx.pad) / data->n_indicators;
  row_h = MIN (row_h, ctx.line * 2.4);
  shown = data->n_indicators;
  if (row_h < ctx.line * 1.15)
    {
      row_h = ctx.line * 1.15;
      shown = (guint) MAX (0, floor ((height - top - ctx.pad - ctx.line * 1.2) / row_h));
    }
  if (too_small (&ctx, bar_w, row_h * shown))
    goto out;

  for (guint i = 0; i < shown; i++)
    {
      const HdChartIndicator *ind = &data->indicators[i];
      HdChartStatus status = (guint) ind->status < HD_CHART_N_STATUSES ? ind->status : HD_CHART_STATUS_NONE;
      double y = top + i * row_h, bar_h = MIN (row_h * 0.55, ctx.line * 1.1), bar_y = y + (row_h - bar_h) / 2;
      double f = indicator_fraction (ind), x;
      g_autofree char *value = indicator_value_text (ind);
      g_autofree char *pct = isfinite (f) ? g_strdup_printf ("%.0f%%", f * 100) : g_strdup ("–");

      hd_chart_text_measure (&ctx, ind->name, 1, FALSE, name_w, 1, PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (&ctx, ctx.pad, y + (row_h - h) / 2, &ctx.style->foreground);

      hd_chart_fill_box (&ctx, bar_x, bar_y, bar_w, bar_h, &ctx.style->grid, HD_FILL_SOLID);
      if (isfinite (f))
        hd_chart_fill_box (&ctx, bar_x, bar_y, bar_w * CLAMP (f, 0, 1), bar_h,
                           &ctx.style->statuses[status], hd_chart_status_fill (status));
      hd_chart_set_rgb (&ctx, &ctx.style->muted, 1);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, bar_x + 0.5, bar_y + 0.5, bar_w - 1, bar_h - 1);
      cairo_stroke (cr);
      hd_chart_add_hit (&ctx, bar_x, y, bar_w, row_h, g_strdup (ind->name),
                        g_strdup_printf ("%s (%s) · %s", value, pct, hd_chart_status_label (ind->status)));

      x = bar_x + bar_w + gap;
      hd_chart_text_measure (&ctx, pct, 1, TRUE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (&ctx, x + pct_w - w, y + (row_h - h) / 2, &ctx.style->foreground);
      x += pct_w + gap;
      if (value_w > 0)
        {
          hd_chart_text_measure (&ctx, value, 0.9, FALSE, value_w, 1, PANGO_ALIGN_LEFT, &w, &h);
          hd_chart_text_show (&ctx, x, y + (row_h - h) / 2, &ctx.style->muted);
          x += value_w + gap;
        }
      hd_chart_text_measure (&ctx, hd_chart_status_label (ind->status), 0.9, TRUE, status_w + 1, 1,
                             PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (&ctx, x, y + (row_h - h) / 2, &ctx.style->foreground);
    }
  if (shown < data->n_indicators)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more indicator",
                                                            "%u more indicators",
                                                            data->n_indicators - shown),
                                               data->n_indicators - shown);

      hd_chart_text_measure (&ctx, more, 0.9, FALSE, width - 2 * ctx.pad, 1, PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (&ctx, ctx.pad, top + shown * row_h, &ctx.style->muted);
    }

out:
  hd_chart_ctx_clear (&ctx);
}

/* ---------------------------------------------------------------------------------------- */
/* 3. By region                                                                             */

/* Bottom to top: the good news first. */
static const HdLight stack_order[] = { HD_LIGHT_GREEN, HD_LIGHT_YELLOW, HD_LIGHT_RED, HD_LIGHT_GREY };

void
hd_chart_draw_regions (cairo_t              *cr,
                       double                width,
                       double                height,
                       const HdChartRegions *data,
                       const HdChartStyle   *style,
                       HdChartLayout        *layout)
{
  HdChartCtx ctx;
  HdLegendItem legend[HD_N_LIGHTS + 1];
  g_autofree const char **names = NULL;
  double top, max = 0, step, axis_top, left_w, right_w, plot_x, plot_y, plot_w, plot_h, slot, labels_h;
  double w, h;
  gboolean any_compliance = FALSE, pen_down = FALSE;
  const char *count_label = data->count == HD_CHART_COUNT_BELTS ? _("Belts") : _("Sites");
  guint n = data->n_districts;

  g_return_if_fail (cr != NULL && data != NULL);

  hd_chart_ctx_init (&ctx, cr, width, height, style, layout);
  top = hd_chart_draw_title (&ctx, data->title, NULL);
  for (guint i = 0; i < HD_N_LIGHTS; i++)
    legend[i] = (HdLegendItem) { hd_chart_light_label (stack_order[i]), &ctx.style->lights[stack_order[i]],
                                 hd_chart_light_fill (stack_order[i]), FALSE };
  legend[HD_N_LIGHTS] = (HdLegendItem) { C_("chart legend", "Compliance rate"), &ctx.style->actual,
                                         HD_FILL_SOLID, TRUE };
  top += hd_chart_draw_legend (&ctx, legend, G_N_ELEMENTS (legend), ctx.pad, top, width - 2 * ctx.pad);

  names = g_new0 (const char *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const guint *counts = data->count == HD_CHART_COUNT_BELTS ? data->districts[i].belts
                                                                : data->districts[i].sites;
      guint total = 0;

      for (guint l = 0; l < HD_N_LIGHTS; l++)
        total += counts[l];
      max = MAX (max, total);
      any_compliance |= isfinite (data->districts[i].compliance);
      names[i] = data->districts[i].name;
    }

  /* Axis titles over both axes. */
  hd_chart_text_measure (&ctx, count_label, 0.9, FALSE, width / 2 - ctx.pad, 1, PANGO_ALIGN_LEFT, &w, &h);
  hd_chart_text_show (&ctx, ctx.pad, top, &ctx.style->muted);
  if (any_compliance)
    {
      hd_chart_text_measure (&ctx, C_("chart axis", "Compliance"), 0.9, FALSE, width / 2 - ctx.pad, 1,
                             PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (&ctx, width - ctx.pad - w, top, &ctx.style->muted);
    }
  top += ctx.line * 1.2;

  plot_y = top + ctx.line * 0.5;
  plot_h = height - plot_y - ctx.pad;
  count_ticks (max, hd_chart_ticks_for (&ctx, plot_h * 0.7), &step, &axis_top);
  left_w = hd_chart_value_axis_width (&ctx, axis_top, step, 1, "");
  right_w = any_compliance ? hd_chart_value_axis_width (&ctx, 100, 20, 1, "%") : 0;
  plot_x = ctx.pad + left_w;
  plot_w = width - plot_x - ctx.pad - right_w;
  slot = plot_w / MAX (n, 1);
  labels_h = hd_chart_draw_category_labels (&ctx, names, n, plot_x, slot, 0, height * 0.3, TRUE);
  plot_h -= labels_h + ctx.line * 0.3;
  if (too_small (&ctx, plot_w, plot_h))
    goto out;
  /* The ticks again for the height that is left. */
  count_ticks (max, hd_chart_ticks_for (&ctx, plot_h), &step, &axis_top);

  hd_chart_draw_value_axis (&ctx, plot_x, plot_y, plot_w, plot_h, axis_top, step, 1, "", FALSE, TRUE);
  if (any_compliance)
    hd_chart_draw_value_axis (&ctx, plot_x, plot_y, plot_w, plot_h, 100,
                              plot_h > ctx.line * 8 ? 20 : 50, 1, "%", TRUE, FALSE);
  hd_chart_draw_category_labels (&ctx, names, n, plot_x, slot, plot_y + plot_h + ctx.line * 0.3,
                                 height * 0.3, FALSE);

  for (guint i = 0; i < n; i++)
    {
      const HdChartDistrict *d = &data->districts[i];
      const guint *counts = data->count == HD_CHART_COUNT_BELTS ? d->belts : d->sites;
      double bw = MIN (slot * 0.6, ctx.line * 4), bx = plot_x + i * slot + (slot - bw) / 2;
      double base = plot_y + plot_h;

      for (guint l = 0; l < HD_N_LIGHTS; l++)
        {
          HdLight light = stack_order[l];
          double bh = counts[light] / axis_top * plot_h;

          if (counts[light] == 0)
            continue;
          hd_chart_fill_box (&ctx, bx, base - bh, bw, bh, &ctx.style->lights[light], hd_chart_light_fill (light));
          if (HD_CHART_WANTS_HITS (&ctx))
            hd_chart_add_hit (&ctx, bx, base - bh, bw, bh,
                              g_strdup_printf ("%s · %s", d->name, hd_chart_light_label (light)),
                              g_strdup_printf (data->count == HD_CHART_COUNT_BELTS
                                                 ? g_dngettext (GETTEXT_PACKAGE, "%u belt", "%u belts", counts[light])
                                                 : g_dngettext (GETTEXT_PACKAGE, "%u site", "%u sites", counts[light]),
                                               counts[light]));
          base -= bh;
        }
    }
  stroke_line (&ctx, plot_x, plot_y + plot_h + 0.5, plot_x + plot_w, plot_y + plot_h + 0.5, &ctx.style->muted, 1);

  /* Compliance: a line over the bars, broken where a district has none. */
  hd_chart_set_rgb (&ctx, &ctx.style->actual, 1);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < n; i++)
    {
      double c = data->districts[i].compliance, x = plot_x + (i + 0.5) * slot;

      if (!isfinite (c))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, x, plot_y + plot_h - CLAMP (c, 0, 1) * plot_h);
      else
        cairo_move_to (cr, x, plot_y + plot_h - CLAMP (c, 0, 1) * plot_h);
      pen_down = TRUE;
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      double c = data->districts[i].compliance, x = plot_x + (i + 0.5) * slot, y;

      if (!isfinite (c))
        continue;
      y = plot_y + plot_h - CLAMP (c, 0, 1) * plot_h;
      cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
      hd_chart_set_rgb (&ctx, &ctx.style->background, 1);
      cairo_fill_preserve (cr);
      hd_chart_set_rgb (&ctx, &ctx.style->actual, 1);
      cairo_stroke (cr);
      if (HD_CHART_WANTS_HITS (&ctx))
        hd_chart_add_hit (&ctx, x - 6, y - 6, 12, 12,
                          g_strdup_printf ("%s · %s", data->districts[i].name, C_("chart axis", "Compliance")),
                          g_strdup_printf ("%.0f%%", c * 100));
    }

out:
  hd_chart_ctx_clear (&ctx);
}

/* ---------------------------------------------------------------------------------------- */
/* 4. Heatmap                                                                               */

typedef struct {
  double top;        /* where the column labels start */
  double header_h;   /* their height */
  double label_w;    /* the row labels' column */
  double grid_x, grid_y, grid_w, grid_h;
} HeatmapFrame;

static void
heatmap_frame (HdChartCtx           *ctx,
               const HdChartHeatmap *data,
               double                top,
               HeatmapFrame         *frame)
{
  double widest = 0, w, h;
  guint longest[8] = { 0 }, n_longest = 0;
  glong lengths[8];

  /* The widest row labels are among the longest (CJK characters are all one width): measure the
   * eight longest, not every site of a long list. */
  for (guint i = 0; i < data->n_rows; i++)
    {
      glong len = g_utf8_strlen (data->rows[i], -1);
      guint at = n_longest < G_N_ELEMENTS (longest) ? n_longest++ : G_N_ELEMENTS (longest);

      if (at == G_N_ELEMENTS (longest))
        {
          /* Replace the shortest kept one if this is longer. */
          guint shortest = 0;

          for (guint k = 1; k < n_longest; k++)
            if (lengths[k] < lengths[shortest])
              shortest = k;
          if (len <= lengths[shortest])
            continue;
          at = shortest;
        }
      longest[at] = i;
      lengths[at] = len;
    }
  for (guint k = 0; k < n_longest; k++)
    {
      hd_chart_text_measure (ctx, data->rows[longest[k]], 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
      widest = MAX (widest, w);
    }
  frame->top = top;
  frame->label_w = MIN (widest, ctx->width * 0.28) + ctx->line * 0.4;
  frame->grid_x = ctx->pad + frame->label_w;
  frame->grid_w = ctx->width - ctx->pad - frame->grid_x;
  frame->header_h = hd_chart_draw_category_labels (ctx, data->columns, data->n_columns, frame->grid_x,
                                                   frame->grid_w / MAX (data->n_columns, 1), top,
                                                   ctx->height * 0.3, TRUE);
  frame->grid_y = top + frame->header_h + ctx->line * 0.3;
  frame->grid_h = ctx->height - ctx->pad - frame->grid_y;
}

static double
heatmap_top (HdChartCtx           *ctx,
             const HdChartHeatmap *data,
             gboolean              draw)
{
  HdLegendItem legend[HD_N_ANSWERS];
  static const HdAnswer order[] = { HD_ANSWER_MET, HD_ANSWER_PARTLY, HD_ANSWER_NOT_MET, HD_ANSWER_NA,
                                    HD_ANSWER_NONE };
  double top, w, h;

  if (!draw)
    {
      /* The same heights as drawn: title, legend rows. */
      top = ctx->pad;
      hd_chart_text_measure (ctx, data->title, 1.3, TRUE, ctx->width - 2 * ctx->pad, 1, PANGO_ALIGN_LEFT, &w, &h);
      top += (data->title != NULL && *data->title != '\0' ? h : 0) + ctx->line * 0.4;
      /* A page note is shown as the subtitle. */
      top += ctx->line;
      return top + ctx->line * 2.4;
    }

  {
    guint first = MIN (data->first_row, data->n_rows);
    guint last = data->max_rows > 0 ? MIN (data->n_rows, first + data->max_rows) : data->n_rows;
    g_autofree char *note = NULL;

    if (first > 0 || last < data->n_rows)
      note = g_strdup_printf (_("Sites %u–%u of %u"), first + 1, last, data->n_rows);
    else
      note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u site", "%u sites", data->n_rows), data->n_rows);
    top = hd_chart_draw_title (ctx, data->title, note);
  }
  for (guint i = 0; i < HD_N_ANSWERS; i++)
    legend[i] = (HdLegendItem) { hd_chart_answer_label (order[i]), &ctx->style->answers[order[i]],
                                 hd_chart_answer_fill (order[i]), FALSE };
  return top + hd_chart_draw_legend (ctx, legend, G_N_ELEMENTS (legend), ctx->pad, top,
                                     ctx->width - 2 * ctx->pad);
}

guint
hd_chart_heatmap_rows_that_fit (const HdChartHeatmap *data,
                                const HdChartStyle   *style,
                                double                width,
                                double                height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  HdChartCtx ctx;
  HeatmapFrame frame;
  guint rows;

  g_return_val_if_fail (data != NULL, 0);

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  hd_chart_ctx_init (&ctx, cr, width, height, style, NULL);
  heatmap_frame (&ctx, data, heatmap_top (&ctx, data, FALSE), &frame);
  rows = (guint) MAX (1, floor (frame.grid_h / (ctx.line * 1.05)));
  hd_chart_ctx_clear (&ctx);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return rows;
}

void
hd_chart_draw_heatmap (cairo_t              *cr,
                       double                width,
                       double                height,
                       const HdChartHeatmap *data,
                       const HdChartStyle   *style,
                       HdChartLayout        *layout)
{
  HdChartCtx ctx;
  HeatmapFrame frame;
  double row_h, col_w, w, h;
  guint first, n_shown, every = 1;
  gboolean small;

  g_return_if_fail (cr != NULL && data != NULL);
  g_return_if_fail (data->n_rows == 0 || data->n_columns == 0 || data->cells != NULL);

  hd_chart_ctx_init (&ctx, cr, width, height, style, layout);
  heatmap_frame (&ctx, data, heatmap_top (&ctx, data, TRUE), &frame);
  first = MIN (data->first_row, data->n_rows);
  n_shown = data->n_rows - first;
  if (data->max_rows > 0)
    n_shown = MIN (n_shown, data->max_rows);
  if (n_shown == 0 || data->n_columns == 0)
    {
      hd_chart_text_measure (&ctx, _("No sites to show"), 1, FALSE, width - 2 * ctx.pad, 1,
                             PANGO_ALIGN_LEFT, &w, &h);
      if (hd_chart_box_free (&ctx, ctx.pad, frame.top, w, h))
        hd_chart_text_show (&ctx, ctx.pad, frame.top, &ctx.style->muted);
      goto out;
    }
  if (too_small (&ctx, frame.grid_w, frame.grid_h))
    goto out;

  hd_chart_draw_category_labels (&ctx, data->columns, data->n_columns, frame.grid_x,
                                 frame.grid_w / data->n_columns, frame.top, height * 0.3, FALSE);
  col_w = frame.grid_w / data->n_columns;
  row_h = MIN (frame.grid_h / n_shown, ctx.line * 1.6);
  /* Rows thinner than a line: a label on every k-th row only (each row still hovers). */
  if (row_h < ctx.line * 1.05)
    every = (guint) ceil (ctx.line * 1.05 / row_h);
  /* Hatching and gaps only where a cell is big enough to show them. */
  small = row_h < 7 || col_w < 7;

  for (guint r = 0; r < n_shown; r++)
    {
      guint row = first + r;
      double y = frame.grid_y + r * row_h;

      if (r % every == 0)
        {
          hd_chart_text_measure (&ctx, data->rows[row], 0.9, FALSE, frame.label_w - ctx.line * 0.4, 1,
                                 PANGO_ALIGN_LEFT, &w, &h);
          hd_chart_text_show (&ctx, frame.grid_x - ctx.line * 0.4 - w, y + MIN (row_h * every, h * 2) / 2 - h / 2,
                              &ctx.style->foreground);
        }
      for (guint c = 0; c < data->n_columns; c++)
        {
          HdAnswer a = data->cells[(gsize) row * data->n_columns + c];
          double x = frame.grid_x + c * col_w;

          if ((guint) a >= HD_N_ANSWERS)
            a = HD_ANSWER_NONE;
          if (!small)
            hd_chart_fill_box (&ctx, x + 0.5, y + 0.5, col_w - 1, row_h - 1, &ctx.style->answers[a],
                               hd_chart_answer_fill (a));
          if (HD_CHART_WANTS_HITS (&ctx))
            hd_chart_add_hit (&ctx, x, y, col_w, row_h,
                              g_strdup_printf ("%s · %s", data->rows[row], data->columns[c]),
                              g_strdup (hd_chart_answer_label (a)));
        }
    }
  /* Cells too small for hatching: one path per answer, five fills for the whole grid. */
  if (small)
    for (guint a = HD_ANSWER_MET; a < HD_N_ANSWERS; a++)
      {
        for (guint r = 0; r < n_shown; r++)
          for (guint c = 0; c < data->n_columns; c++)
            if (data->cells[(gsize) (first + r) * data->n_columns + c] == (HdAnswer) a)
              cairo_rectangle (cr, frame.grid_x + c * col_w, frame.grid_y + r * row_h, col_w, row_h);
        hd_chart_set_rgb (&ctx, &ctx.style->answers[a], 1);
        cairo_fill (cr);
      }
  hd_chart_set_rgb (&ctx, &ctx.style->muted, 1);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, frame.grid_x, frame.grid_y, frame.grid_w, row_h * n_shown);
  cairo_stroke (cr);

out:
  hd_chart_ctx_clear (&ctx);
}

/* ---------------------------------------------------------------------------------------- */
/* 5. Activity per month                                                                    */

void
hd_chart_draw_activity (cairo_t               *cr,
                        double                 width,
                        double                 height,
                        const HdChartActivity *data,
                        const HdChartStyle    *style,
                        HdChartLayout         *layout)
{
  HdChartCtx ctx;
  HdLegendItem legend[2];
  double top, max = 0, total = 0, mean, step, axis_top, axis_w, plot_x, plot_y, plot_w, plot_h, slot;
  double w, h, month_w;
  guint every = 1;

  g_return_if_fail (cr != NULL && data != NULL);

  hd_chart_ctx_init (&ctx, cr, width, height, style, layout);
  top = hd_chart_draw_title (&ctx, data->title, NULL);
  legend[0] = (HdLegendItem) { C_("chart legend", "Inspections"), &ctx.style->target, HD_FILL_SOLID, FALSE };
  legend[1] = (HdLegendItem) { C_("chart legend", "Monthly average"), &ctx.style->actual, HD_FILL_SOLID, TRUE };
  top += hd_chart_draw_legend (&ctx, legend, G_N_ELEMENTS (legend), ctx.pad, top, width - 2 * ctx.pad);

  for (guint i = 0; i < data->n_months; i++)
    {
      max = MAX (max, data->months[i].count);
      total += data->months[i].count;
    }
  mean = data->n_months > 0 ? total / data->n_months : 0;

  /* The axis' title over it. */
  hd_chart_text_measure (&ctx, C_("chart axis", "Inspections"), 0.9, FALSE, width / 2, 1, PANGO_ALIGN_LEFT, &w, &h);
  hd_chart_text_show (&ctx, ctx.pad, top, &ctx.style->muted);
  top += ctx.line * 1.2;

  plot_y = top + ctx.line * 0.5;
  /* Two rows under the plot: month numbers, then the year at each January. */
  plot_h = height - plot_y - ctx.pad - ctx.line * 2.3;
  count_ticks (max, hd_chart_ticks_for (&ctx, plot_h), &step, &axis_top);
  axis_w = hd_chart_value_axis_width (&ctx, axis_top, step, 1, "");
  plot_x = ctx.pad + axis_w;
  plot_w = width - plot_x - ctx.pad;
  if (too_small (&ctx, plot_w, plot_h))
    goto out;
  if (data->n_months == 0)
    {
      hd_chart_text_measure (&ctx, _("No inspections yet"), 1, FALSE, plot_w, 1, PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (&ctx, plot_x, plot_y, &ctx.style->muted);
      goto out;
    }
  slot = plot_w / data->n_months;
  hd_chart_draw_value_axis (&ctx, plot_x, plot_y, plot_w, plot_h, axis_top, step, 1, "", FALSE, TRUE);

  hd_chart_text_measure (&ctx, "12", 0.85, FALSE, -1, 1, PANGO_ALIGN_LEFT, &month_w, &h);
  if (slot < month_w * 1.4)
    every = (guint) ceil (month_w * 1.4 / slot);

  for (guint i = 0; i < data->n_months; i++)
    {
      const HdChartMonth *m = &data->months[i];
      double bw = slot * 0.7, bx = plot_x + i * slot + (slot - bw) / 2;
      double bh = m->count / axis_top * plot_h, by = plot_y + plot_h - bh;
      g_autofree char *month = g_strdup_printf ("%d", m->month);

      hd_chart_fill_box (&ctx, bx, by, bw, bh, &ctx.style->target, HD_FILL_SOLID);
      hd_chart_set_rgb (&ctx, &ctx.style->today, 0.9);
      cairo_set_line_width (cr, 1);
      if (bh > 1)
        {
          cairo_rectangle (cr, bx + 0.5, by + 0.5, bw - 1, bh - 1);
          cairo_stroke (cr);
        }
      if (HD_CHART_WANTS_HITS (&ctx))
        hd_chart_add_hit (&ctx, plot_x + i * slot, plot_y, slot, plot_h,
                          /* TRANSLATORS: a month on the activity chart: year and month */
                          g_strdup_printf (C_("chart hover", "%d-%02d"), m->year, m->month),
                          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u inspection", "%u inspections",
                                                        m->count), m->count));
      if (i % every == 0)
        show_if_free (&ctx, month, 0.85, plot_x + (i + 0.5) * slot, plot_y + plot_h + ctx.line * 0.15, TRUE,
                      &ctx.style->muted);
      if (i == 0 || m->month == 1)
        {
          g_autofree char *year = g_strdup_printf ("%d", m->year);

          hd_chart_text_measure (&ctx, year, 0.9, TRUE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
          if (hd_chart_box_free (&ctx, plot_x + i * slot, plot_y + plot_h + ctx.line * 1.1, w, h))
            hd_chart_text_show (&ctx, plot_x + i * slot, plot_y + plot_h + ctx.line * 1.1, &ctx.style->foreground);
        }
      /* Counts over the bars when there is room. */
      if (m->count > 0 && slot >= month_w * 1.6)
        {
          g_autofree char *count = g_strdup_printf ("%u", m->count);

          show_if_free (&ctx, count, 0.8, plot_x + (i + 0.5) * slot, by - ctx.line * 0.9, TRUE,
                        &ctx.style->foreground);
        }
    }
  stroke_line (&ctx, plot_x, plot_y + plot_h + 0.5, plot_x + plot_w, plot_y + plot_h + 0.5, &ctx.style->muted, 1);

  cairo_save (cr);
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  stroke_line (&ctx, plot_x, plot_y + plot_h - mean / axis_top * plot_h, plot_x + plot_w,
               plot_y + plot_h - mean / axis_top * plot_h, &ctx.style->actual, 1.5);
  cairo_restore (cr);

out:
  hd_chart_ctx_clear (&ctx);
}

/* ---------------------------------------------------------------------------------------- */
/* In words                                                                                 */

#define DESCRIBE_MAX_LINES 40

static gboolean
room_for_line (GString *text,
               guint   *lines,
               guint    total,
               guint    index)
{
  if (*lines < DESCRIBE_MAX_LINES)
    {
      (*lines)++;
      return TRUE;
    }
  if (*lines == DESCRIBE_MAX_LINES)
    {
      g_string_append_printf (text, _("… and %u more"), total - index);
      g_string_append_c (text, '\n');
      (*lines)++;
    }
  return FALSE;
}

char *
hd_chart_describe (HdChartKind   kind,
                   gconstpointer data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint lines = 0;

  g_return_val_if_fail (data != NULL, NULL);

  switch (kind)
    {
    case HD_CHART_TARGET:
      {
        const HdChartTarget *t = data;
        const char *unit = t->unit != NULL ? t->unit : "";

        g_string_append_printf (text, "%s\n", t->title != NULL ? t->title : "");
        for (guint i = 0; i < t->n_years && t->targets != NULL; i++)
          {
            g_autofree char *v = hd_chart_format_number (t->targets[i]);

            g_string_append_printf (text, C_("chart text", "Target %d: %s%s\n"), t->first_year + (int) i, v, unit);
          }
        if (t->n_actuals > 0)
          {
            g_autofree char *v = hd_chart_format_number (t->actuals[t->n_actuals - 1].value);

            g_string_append_printf (text, C_("chart text", "Actual on %s: %s%s\n"), t->actuals[t->n_actuals - 1].date,
                                    v, unit);
          }
        break;
      }
    case HD_CHART_DASHBOARD:
      {
        const HdChartDashboard *d = data;

        g_string_append_printf (text, "%s\n", d->title != NULL ? d->title : "");
        for (guint i = 0; i < d->n_indicators; i++)
          {
            const HdChartIndicator *ind = &d->indicators[i];
            g_autofree char *value = indicator_value_text (ind);
            double f = indicator_fraction (ind);

            if (!room_for_line (text, &lines, d->n_indicators, i))
              break;
            if (isfinite (f))
              g_string_append_printf (text, "%s: %s (%.0f%%), %s\n", ind->name, value, f * 100,
                                      hd_chart_status_label (ind->status));
            else
              g_string_append_printf (text, "%s: %s, %s\n", ind->name, value, hd_chart_status_label (ind->status));
          }
        break;
      }
    case HD_CHART_REGIONS:
      {
        const HdChartRegions *r = data;

        g_string_append_printf (text, "%s\n", r->title != NULL ? r->title : "");
        for (guint i = 0; i < r->n_districts; i++)
          {
            const HdChartDistrict *d = &r->districts[i];
            const guint *counts = r->count == HD_CHART_COUNT_BELTS ? d->belts : d->sites;

            if (!room_for_line (text, &lines, r->n_districts, i))
              break;
            g_string_append_printf (text, "%s:", d->name);
            for (guint l = 0; l < HD_N_LIGHTS; l++)
              g_string_append_printf (text, " %s %u%s", hd_chart_light_label (stack_order[l]), counts[stack_order[l]],
                                      l + 1 < HD_N_LIGHTS ? "," : "");
            if (isfinite (d->compliance))
              g_string_append_printf (text, C_("chart text", "; compliance %.0f%%"), d->compliance * 100);
            g_string_append_c (text, '\n');
          }
        break;
      }
    case HD_CHART_HEATMAP:
      {
        const HdChartHeatmap *h = data;

        g_string_append_printf (text, "%s\n", h->title != NULL ? h->title : "");
        for (guint r = 0; r < h->n_rows; r++)
          {
            guint counts[HD_N_ANSWERS] = { 0 };

            if (!room_for_line (text, &lines, h->n_rows, r))
              break;
            for (guint c = 0; c < h->n_columns; c++)
              {
                HdAnswer a = h->cells[(gsize) r * h->n_columns + c];

                counts[(guint) a < HD_N_ANSWERS ? a : HD_ANSWER_NONE]++;
              }
            g_string_append_printf (text, "%s:", h->rows[r]);
            for (guint a = HD_ANSWER_MET; a < HD_N_ANSWERS + 1; a++)
              {
                HdAnswer answer = (HdAnswer) (a % HD_N_ANSWERS);

                if (counts[answer] > 0)
                  g_string_append_printf (text, " %s %u", hd_chart_answer_label (answer), counts[answer]);
              }
            g_string_append_c (text, '\n');
          }
        break;
      }
    case HD_CHART_ACTIVITY:
      {
        const HdChartActivity *a = data;

        g_string_append_printf (text, "%s\n", a->title != NULL ? a->title : "");
        for (guint i = 0; i < a->n_months; i++)
          {
            if (!room_for_line (text, &lines, a->n_months, i))
              break;
            g_string_append_printf (text, "%d-%02d: %u\n", a->months[i].year, a->months[i].month, a->months[i].count);
          }
        break;
      }
    default:
      g_return_val_if_reached (NULL);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
