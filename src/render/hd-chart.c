/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-chart"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <math.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "hd-chart-private.h"

#define FONT_FAMILY "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans"

static const HdChartStyle light_style = {
  .font_family = FONT_FAMILY,
  .font_size = 12,
  .background = { 1, 1, 1 },
  .foreground = { 0.13, 0.13, 0.15 },
  .muted = { 0.36, 0.36, 0.40 },
  .grid = { 0.87, 0.87, 0.89 },
  .target = { 0.70, 0.78, 0.90 },
  .actual = { 0.70, 0.08, 0.10 },
  .today = { 0.10, 0.35, 0.75 },
  /* Grey, green, yellow, red: very light, middle, light (hatched), dark (crossed). */
  .lights = { { 0.86, 0.86, 0.86 }, { 0.20, 0.58, 0.29 }, { 0.98, 0.80, 0.22 }, { 0.72, 0.09, 0.12 } },
  .answers = { { 1, 1, 1 }, { 0.20, 0.58, 0.29 }, { 0.98, 0.80, 0.22 }, { 0.72, 0.09, 0.12 },
               { 0.80, 0.80, 0.80 } },
  .statuses = { { 0.86, 0.86, 0.86 }, { 0.20, 0.58, 0.29 }, { 0.96, 0.70, 0.15 }, { 0.72, 0.09, 0.12 } },
};

static const HdChartStyle dark_style = {
  .font_family = FONT_FAMILY,
  .font_size = 12,
  .background = { 0.14, 0.14, 0.15 },
  .foreground = { 0.93, 0.93, 0.93 },
  .muted = { 0.70, 0.70, 0.72 },
  .grid = { 0.28, 0.28, 0.30 },
  .target = { 0.30, 0.40, 0.58 },
  .actual = { 1.00, 0.45, 0.42 },
  .today = { 0.45, 0.65, 1.00 },
  .lights = { { 0.40, 0.40, 0.42 }, { 0.38, 0.78, 0.45 }, { 0.98, 0.84, 0.35 }, { 0.92, 0.30, 0.30 } },
  .answers = { { 0.14, 0.14, 0.15 }, { 0.38, 0.78, 0.45 }, { 0.98, 0.84, 0.35 }, { 0.92, 0.30, 0.30 },
               { 0.45, 0.45, 0.47 } },
  .statuses = { { 0.40, 0.40, 0.42 }, { 0.38, 0.78, 0.45 }, { 0.98, 0.74, 0.30 }, { 0.92, 0.30, 0.30 } },
};

const HdChartStyle *
hd_chart_style_get (gboolean dark)
{
  return dark ? &dark_style : &light_style;
}

/* ---------------------------------------------------------------------------------------- */
/* Layout                                                                                   */

static void
hit_clear (gpointer data)
{
  HdChartHit *hit = data;

  g_clear_pointer (&hit->label, g_free);
  g_clear_pointer (&hit->value, g_free);
}

HdChartLayout *
hd_chart_layout_new (void)
{
  HdChartLayout *layout = g_new0 (HdChartLayout, 1);

  layout->hits = g_array_new (FALSE, TRUE, sizeof (HdChartHit));
  g_array_set_clear_func (layout->hits, hit_clear);
  layout->labels = g_array_new (FALSE, TRUE, sizeof (HdChartBox));
  return layout;
}

void
hd_chart_layout_free (HdChartLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->hits);
  g_array_unref (layout->labels);
  g_free (layout);
}

void
hd_chart_layout_clear (HdChartLayout *layout)
{
  g_return_if_fail (layout != NULL);

  g_array_set_size (layout->hits, 0);
  g_array_set_size (layout->labels, 0);
}

const HdChartHit *
hd_chart_layout_hit_at (const HdChartLayout *layout,
                        double               x,
                        double               y)
{
  g_return_val_if_fail (layout != NULL, NULL);

  for (guint i = layout->hits->len; i > 0; i--)
    {
      const HdChartHit *hit = &g_array_index (layout->hits, HdChartHit, i - 1);

      if (x >= hit->box.x && x < hit->box.x + hit->box.width &&
          y >= hit->box.y && y < hit->box.y + hit->box.height)
        return hit;
    }
  return NULL;
}

void
hd_chart_add_hit (HdChartCtx *ctx,
                  double      x,
                  double      y,
                  double      w,
                  double      h,
                  char       *label,
                  char       *value)
{
  HdChartHit hit = { { x, y, w, h }, label, value };

  if (ctx->own_layout)
    {
      g_free (label);
      g_free (value);
      return;
    }
  g_array_append_val (ctx->layout->hits, hit);
}

/* ---------------------------------------------------------------------------------------- */
/* Numbers                                                                                  */

void
hd_chart_nice_ticks (double  max,
                     guint   max_ticks,
                     double *step,
                     double *top)
{
  static const double multiples[] = { 1, 2, 5, 10 };
  double raw, magnitude;

  g_return_if_fail (step != NULL && top != NULL);

  max_ticks = MAX (max_ticks, 1);
  if (!(max > 0) || !isfinite (max))
    {
      *step = 1;
      *top = 1;
      return;
    }

  raw = max / max_ticks;
  magnitude = pow (10, floor (log10 (raw)));
  *step = 10 * magnitude;
  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    if (multiples[i] * magnitude >= raw * (1 - 1e-9))
      {
        *step = multiples[i] * magnitude;
        break;
      }
  *top = ceil (max / *step - 1e-9) * *step;
}

char *
hd_chart_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("–");
  if (fabs (value - round (value)) < 0.05)
    return g_strdup_printf ("%.0f", round (value) == 0 ? 0.0 : round (value));
  g_ascii_formatd (buffer, sizeof buffer, "%.1f", value);
  return g_strdup (buffer);
}

/* ---------------------------------------------------------------------------------------- */
/* Labels                                                                                   */

const char *
hd_chart_status_label (HdChartStatus status)
{
  switch (status)
    {
    case HD_CHART_STATUS_ON_TRACK:
      return C_("plan status", "On track");
    case HD_CHART_STATUS_AT_RISK:
      return C_("plan status", "At risk");
    case HD_CHART_STATUS_BEHIND:
      return C_("plan status", "Behind");
    case HD_CHART_STATUS_NONE:
    default:
      return C_("plan status", "No data");
    }
}

const char *
hd_chart_light_label (HdLight light)
{
  switch (light)
    {
    case HD_LIGHT_GREEN:
      return C_("light", "Green");
    case HD_LIGHT_YELLOW:
      return C_("light", "Yellow");
    case HD_LIGHT_RED:
      return C_("light", "Red");
    case HD_LIGHT_GREY:
    default:
      return C_("light", "Not inspected");
    }
}

const char *
hd_chart_answer_label (HdAnswer answer)
{
  switch (answer)
    {
    case HD_ANSWER_MET:
      return C_("answer", "Met");
    case HD_ANSWER_PARTLY:
      return C_("answer", "Partly");
    case HD_ANSWER_NOT_MET:
      return C_("answer", "Not met");
    case HD_ANSWER_NA:
      return C_("answer", "N/A");
    case HD_ANSWER_NONE:
    default:
      return C_("answer", "Not answered");
    }
}

HdFill
hd_chart_light_fill (HdLight light)
{
  switch (light)
    {
    case HD_LIGHT_GREEN:
      return HD_FILL_SOLID;
    case HD_LIGHT_YELLOW:
      return HD_FILL_DIAGONAL;
    case HD_LIGHT_RED:
      return HD_FILL_CROSS;
    case HD_LIGHT_GREY:
    default:
      return HD_FILL_DOTS;
    }
}

HdFill
hd_chart_answer_fill (HdAnswer answer)
{
  switch (answer)
    {
    case HD_ANSWER_MET:
      return HD_FILL_SOLID;
    case HD_ANSWER_PARTLY:
      return HD_FILL_DIAGONAL;
    case HD_ANSWER_NOT_MET:
      return HD_FILL_CROSS;
    case HD_ANSWER_NA:
      return HD_FILL_DOTS;
    case HD_ANSWER_NONE:
    default:
      return HD_FILL_OUTLINE;
    }
}

HdFill
hd_chart_status_fill (HdChartStatus status)
{
  switch (status)
    {
    case HD_CHART_STATUS_ON_TRACK:
      return HD_FILL_SOLID;
    case HD_CHART_STATUS_AT_RISK:
      return HD_FILL_DIAGONAL;
    case HD_CHART_STATUS_BEHIND:
      return HD_FILL_CROSS;
    case HD_CHART_STATUS_NONE:
    default:
      return HD_FILL_OUTLINE;
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Drawing context                                                                          */

void
hd_chart_ctx_init (HdChartCtx         *ctx,
                   cairo_t            *cr,
                   double              width,
                   double              height,
                   const HdChartStyle *style,
                   HdChartLayout      *layout)
{
  cairo_font_options_t *options;
  double w, h;

  *ctx = (HdChartCtx) {
    .cr = cr,
    .width = width,
    .height = height,
    .style = style != NULL ? style : &light_style,
    .layout = layout,
  };

  if (layout != NULL)
    hd_chart_layout_clear (layout);
  else
    {
      ctx->layout = hd_chart_layout_new ();
      ctx->own_layout = TRUE;
    }

  ctx->pango = pango_cairo_create_context (cr);
  /* Unhinted metrics: text measures the same on screen, in a PNG and in a PDF. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (ctx->pango, options);
  cairo_font_options_destroy (options);
  ctx->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  ctx->font = pango_font_description_from_string (ctx->style->font_family);
  ctx->pad = MAX (6, MIN (width, height) * 0.025);

  hd_chart_text_measure (ctx, "国Ag", 1, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
  ctx->line = h;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  hd_chart_set_rgb (ctx, &ctx->style->background, 1);
  cairo_paint (cr);
}

void
hd_chart_ctx_clear (HdChartCtx *ctx)
{
  cairo_restore (ctx->cr);
  for (guint f = 0; f < HD_FILL_OUTLINE; f++)
    for (guint l = 0; l < 2; l++)
      g_clear_pointer (&ctx->hatch[f][l], cairo_pattern_destroy);
  ctx->text = NULL;
  g_clear_pointer (&ctx->texts, g_hash_table_unref);
  g_clear_object (&ctx->pango);
  g_clear_pointer (&ctx->font, pango_font_description_free);
  if (ctx->own_layout)
    g_clear_pointer (&ctx->layout, hd_chart_layout_free);
}

gboolean
hd_chart_box_free (HdChartCtx *ctx,
                   double      x,
                   double      y,
                   double      w,
                   double      h)
{
  if (x < 0 || y < 0 || x + w > ctx->width || y + h > ctx->height)
    return FALSE;
  for (guint i = 0; i < ctx->layout->labels->len; i++)
    {
      const HdChartBox *b = &g_array_index (ctx->layout->labels, HdChartBox, i);

      if (x < b->x + b->width && b->x < x + w && y < b->y + b->height && b->y < y + h)
        return FALSE;
    }
  return TRUE;
}

gboolean
hd_chart_parse_date (const char *date,
                     int        *year,
                     double     *fraction)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;
  int days;

  if (date == NULL)
    return FALSE;
  /* GDateTime reads ISO 8601 in any locale; a bare date gets midnight UTC. */
  iso = g_strconcat (date, "T00:00:00Z", NULL);
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL)
    return FALSE;
  *year = g_date_time_get_year (dt);
  days = g_date_is_leap_year ((GDateYear) *year) ? 366 : 365;
  *fraction = (g_date_time_get_day_of_year (dt) - 1) / (double) days;
  return TRUE;
}

void
hd_chart_set_rgb (HdChartCtx       *ctx,
                  const HdChartRgb *rgb,
                  double            alpha)
{
  cairo_set_source_rgba (ctx->cr, rgb->red, rgb->green, rgb->blue, alpha);
}

static void
record_box (HdChartCtx *ctx,
            double      x,
            double      y,
            double      w,
            double      h)
{
  HdChartBox box = { x, y, w, h };

  g_array_append_val (ctx->layout->labels, box);
}

void
hd_chart_text_measure (HdChartCtx     *ctx,
                       const char     *text,
                       double          scale,
                       gboolean        bold,
                       double          max_width,
                       int             max_lines,
                       PangoAlignment  align,
                       double         *w,
                       double         *h)
{
  PangoRectangle logical;
  char key_prefix[96];
  g_autofree char *key = NULL;

  /* Layouts are measured first and drawn later (axes, category labels, columns): keep each, so
   * the text is shaped once. */
  g_snprintf (key_prefix, sizeof key_prefix, "%g|%d|%g|%d|%d|", scale, bold, max_width, max_lines, align);
  key = g_strconcat (key_prefix, text != NULL ? text : "", NULL);
  ctx->text = g_hash_table_lookup (ctx->texts, key);
  if (ctx->text == NULL)
    {
      ctx->text = pango_layout_new (ctx->pango);
      g_hash_table_insert (ctx->texts, g_steal_pointer (&key), ctx->text);
      pango_font_description_set_absolute_size (ctx->font, ctx->style->font_size * scale * PANGO_SCALE);
      pango_font_description_set_weight (ctx->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      pango_layout_set_font_description (ctx->text, ctx->font);
      pango_layout_set_alignment (ctx->text, align);
      if (max_width > 0)
        {
          pango_layout_set_width (ctx->text, (int) (max_width * PANGO_SCALE));
          pango_layout_set_wrap (ctx->text, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (ctx->text, -MAX (max_lines, 1));
          pango_layout_set_ellipsize (ctx->text, PANGO_ELLIPSIZE_END);
        }
      pango_layout_set_text (ctx->text, text != NULL ? text : "", -1);
    }
  pango_layout_get_extents (ctx->text, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
  if (max_width > 0)
    *w = MIN (*w, max_width);
}

static gboolean
box_on_canvas (HdChartCtx *ctx,
               double      x,
               double      y,
               double      w,
               double      h)
{
  return x >= -0.01 && y >= -0.01 && x + w <= ctx->width + 0.01 && y + h <= ctx->height + 0.01;
}

static void
logical_origin (HdChartCtx *ctx,
                double     *x,
                double     *y)
{
  PangoRectangle logical;

  pango_layout_get_extents (ctx->text, NULL, &logical);
  *x = (double) logical.x / PANGO_SCALE;
  *y = (double) logical.y / PANGO_SCALE;
}

void
hd_chart_text_show (HdChartCtx       *ctx,
                    double            x,
                    double            y,
                    const HdChartRgb *rgb)
{
  PangoRectangle logical;
  double ox, oy;

  pango_layout_get_extents (ctx->text, NULL, &logical);
  /* Text that does not fit the canvas (only on absurdly small ones) is left out, not cut. */
  if (!box_on_canvas (ctx, x, y, (double) logical.width / PANGO_SCALE, (double) logical.height / PANGO_SCALE))
    return;
  logical_origin (ctx, &ox, &oy);
  hd_chart_set_rgb (ctx, rgb, 1);
  cairo_move_to (ctx->cr, x - ox, y - oy);
  pango_cairo_show_layout (ctx->cr, ctx->text);
  record_box (ctx, x, y, (double) logical.width / PANGO_SCALE, (double) logical.height / PANGO_SCALE);
}

void
hd_chart_text_show_up (HdChartCtx       *ctx,
                       double            x,
                       double            y,
                       const HdChartRgb *rgb)
{
  PangoRectangle logical;
  double w, h, ox, oy;

  pango_layout_get_extents (ctx->text, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;
  if (!box_on_canvas (ctx, x, y, h, w))
    return;
  logical_origin (ctx, &ox, &oy);

  cairo_save (ctx->cr);
  /* The turned box is h wide and w tall; its bottom-left is where the text starts. */
  cairo_translate (ctx->cr, x, y + w);
  cairo_rotate (ctx->cr, -G_PI / 2);
  hd_chart_set_rgb (ctx, rgb, 1);
  cairo_move_to (ctx->cr, -ox, -oy);
  pango_cairo_show_layout (ctx->cr, ctx->text);
  cairo_restore (ctx->cr);
  record_box (ctx, x, y, h, w);
}

double
hd_chart_draw_title (HdChartCtx *ctx,
                     const char *title,
                     const char *subtitle)
{
  double w, h, y = ctx->pad;
  double max_w = ctx->width - 2 * ctx->pad;

  if (title != NULL && *title != '\0')
    {
      hd_chart_text_measure (ctx, title, 1.3, TRUE, max_w, 1, PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (ctx, ctx->pad, y, &ctx->style->foreground);
      y += h;
    }
  if (subtitle != NULL && *subtitle != '\0')
    {
      hd_chart_text_measure (ctx, subtitle, 1, FALSE, max_w, 1, PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (ctx, ctx->pad, y, &ctx->style->muted);
      y += h;
    }
  return y + ctx->line * 0.4;
}

/* ---------------------------------------------------------------------------------------- */
/* Fills                                                                                    */

static double
luminance (const HdChartRgb *rgb)
{
  return 0.299 * rgb->red + 0.587 * rgb->green + 0.114 * rgb->blue;
}

/* A tile of hatching that repeats seamlessly: lines every 5 units on a 10-unit tile. Drawn once
 * per chart and filled as a pattern, so a big bar costs one fill, not hundreds of strokes. */
static cairo_pattern_t *
hatch_pattern (HdChartCtx *ctx,
               HdFill      fill,
               gboolean    light_lines)
{
  cairo_surface_t *tile;
  cairo_t *cr;
  /* Cairo 1.16's SVG surface never frees a similar surface used as a pattern: an SVG gets an
   * image tile at 4× instead (sharp enough at any zoom a chart is read at). */
  gboolean svg = cairo_surface_get_type (cairo_get_target (ctx->cr)) == CAIRO_SURFACE_TYPE_SVG;
  double scale = svg ? 4 : 1;

  if (ctx->hatch[fill][light_lines] != NULL)
    return ctx->hatch[fill][light_lines];

  if (svg)
    tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (10 * scale), (int) (10 * scale));
  else
    tile = cairo_surface_create_similar (cairo_get_target (ctx->cr), CAIRO_CONTENT_COLOR_ALPHA, 10, 10);
  cr = cairo_create (tile);
  cairo_scale (cr, scale, scale);
  if (light_lines)
    cairo_set_source_rgba (cr, 1, 1, 1, 0.65);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_set_line_width (cr, 1);
  if (fill == HD_FILL_DOTS)
    {
      cairo_rectangle (cr, 1.9, 1.9, 1.2, 1.2);
      cairo_rectangle (cr, 6.9, 1.9, 1.2, 1.2);
      cairo_rectangle (cr, 1.9, 6.9, 1.2, 1.2);
      cairo_rectangle (cr, 6.9, 6.9, 1.2, 1.2);
      cairo_fill (cr);
    }
  else
    {
      for (double d = -10; d <= 10; d += 5)
        {
          cairo_move_to (cr, d - 1, -1);
          cairo_line_to (cr, d + 11, 11);
          if (fill == HD_FILL_CROSS)
            {
              cairo_move_to (cr, d - 1, 11);
              cairo_line_to (cr, d + 11, -1);
            }
        }
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  ctx->hatch[fill][light_lines] = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (ctx->hatch[fill][light_lines], CAIRO_EXTEND_REPEAT);
  if (svg)
    {
      cairo_matrix_t matrix;

      cairo_matrix_init_scale (&matrix, scale, scale);
      cairo_pattern_set_matrix (ctx->hatch[fill][light_lines], &matrix);
    }
  cairo_surface_destroy (tile);
  return ctx->hatch[fill][light_lines];
}

void
hd_chart_fill_box (HdChartCtx       *ctx,
                   double            x,
                   double            y,
                   double            w,
                   double            h,
                   const HdChartRgb *rgb,
                   HdFill            fill)
{
  cairo_t *cr = ctx->cr;

  if (w <= 0 || h <= 0)
    return;

  cairo_rectangle (cr, x, y, w, h);
  switch (fill)
    {
    case HD_FILL_OUTLINE:
      cairo_new_path (cr);
      hd_chart_set_rgb (ctx, &ctx->style->muted, 1);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x + 0.5, y + 0.5, MAX (w - 1, 0), MAX (h - 1, 0));
      cairo_stroke (cr);
      break;
    case HD_FILL_DIAGONAL:
    case HD_FILL_CROSS:
    case HD_FILL_DOTS:
      hd_chart_set_rgb (ctx, rgb, 1);
      cairo_fill_preserve (cr);
      /* Lines contrast with the fill: dark on light colours, light on dark ones. */
      cairo_set_source (cr, hatch_pattern (ctx, fill, luminance (rgb) <= 0.5));
      cairo_fill (cr);
      break;
    case HD_FILL_SOLID:
    default:
      hd_chart_set_rgb (ctx, rgb, 1);
      cairo_fill (cr);
      break;
    }
}

double
hd_chart_draw_legend (HdChartCtx         *ctx,
                      const HdLegendItem *items,
                      guint               n_items,
                      double              x,
                      double              y,
                      double              max_width)
{
  double sw = ctx->line * 0.9, gap = ctx->line * 0.35, item_gap = ctx->line;
  double cx = x, row_y = y, tw, th;

  for (guint i = 0; i < n_items; i++)
    {
      double item_w;

      hd_chart_text_measure (ctx, items[i].label, 1, FALSE, max_width - sw - gap, 1,
                             PANGO_ALIGN_LEFT, &tw, &th);
      item_w = sw + gap + tw;
      if (cx > x && cx + item_w > x + max_width)
        {
          cx = x;
          row_y += ctx->line * 1.2;
        }
      if (items[i].line)
        {
          hd_chart_set_rgb (ctx, items[i].rgb, 1);
          cairo_set_line_width (ctx->cr, 2);
          cairo_move_to (ctx->cr, cx, row_y + th / 2);
          cairo_line_to (ctx->cr, cx + sw, row_y + th / 2);
          cairo_stroke (ctx->cr);
          cairo_arc (ctx->cr, cx + sw / 2, row_y + th / 2, 3, 0, 2 * G_PI);
          cairo_fill (ctx->cr);
        }
      else
        {
          double top = row_y + (th - sw) / 2;

          hd_chart_fill_box (ctx, cx, top, sw, sw, items[i].rgb, items[i].fill);
          hd_chart_set_rgb (ctx, &ctx->style->muted, 0.8);
          cairo_set_line_width (ctx->cr, 0.6);
          cairo_rectangle (ctx->cr, cx + 0.3, top + 0.3, sw - 0.6, sw - 0.6);
          cairo_stroke (ctx->cr);
        }
      hd_chart_text_show (ctx, cx + sw + gap, row_y, &ctx->style->foreground);
      cx += item_w + item_gap;
    }
  return row_y + ctx->line * 1.2 - y;
}

guint
hd_chart_ticks_for (HdChartCtx *ctx,
                    double      length)
{
  return (guint) CLAMP (length / (ctx->line * 2.2), 1, 8);
}

static char *
axis_label (double      value,
            const char *suffix)
{
  g_autofree char *number = hd_chart_format_number (value);

  return g_strconcat (number, suffix != NULL ? suffix : "", NULL);
}

double
hd_chart_value_axis_width (HdChartCtx *ctx,
                           double      top,
                           double      step,
                           double      scale,
                           const char *suffix)
{
  double widest = 0, w, h;

  for (double v = 0; v <= top + step / 2; v += step)
    {
      g_autofree char *text = axis_label (v * scale, suffix);

      hd_chart_text_measure (ctx, text, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
      widest = MAX (widest, w);
    }
  return widest + ctx->line * 0.4;
}

void
hd_chart_draw_value_axis (HdChartCtx *ctx,
                          double      plot_x,
                          double      plot_y,
                          double      plot_w,
                          double      plot_h,
                          double      top,
                          double      step,
                          double      scale,
                          const char *suffix,
                          gboolean    right,
                          gboolean    grid)
{
  cairo_t *cr = ctx->cr;

  for (double v = 0; v <= top + step / 2; v += step)
    {
      g_autofree char *text = axis_label (v * scale, suffix);
      double y = plot_y + plot_h - v / top * plot_h, w, h;

      if (grid)
        {
          hd_chart_set_rgb (ctx, &ctx->style->grid, 1);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, plot_x, round (y) + 0.5);
          cairo_line_to (cr, plot_x + plot_w, round (y) + 0.5);
          cairo_stroke (cr);
        }
      hd_chart_text_measure (ctx, text, 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
      hd_chart_text_show (ctx, right ? plot_x + plot_w + ctx->line * 0.3 : plot_x - ctx->line * 0.3 - w,
                          CLAMP (y - h / 2, 0, ctx->height - h), &ctx->style->muted);
    }
}

double
hd_chart_draw_category_labels (HdChartCtx        *ctx,
                               const char *const *labels,
                               guint              n,
                               double             x0,
                               double             slot_w,
                               double             y,
                               double             max_h,
                               gboolean           measure_only)
{
  double w, h, used = 0;
  guint every = 1;

  if (n == 0 || !(slot_w > 0) || !(max_h > 0))
    return 0;

  /* Side by side when a slot holds three characters a line: two lines then hold most names. */
  if (slot_w >= ctx->style->font_size * 0.9 * 3.2)
    {
      for (guint i = 0; i < n; i++)
        {
          hd_chart_text_measure (ctx, labels[i], 0.9, FALSE, slot_w - 4, 2, PANGO_ALIGN_CENTER, &w, &h);
          h = MIN (h, max_h);
          used = MAX (used, h);
          if (!measure_only && h <= max_h)
            hd_chart_text_show (ctx, x0 + i * slot_w + (slot_w - w) / 2, y, &ctx->style->foreground);
        }
      return used;
    }

  /* Upright, one line each, ellipsized to the room below; every k-th when slots are thinner than
   * a line. */
  hd_chart_text_measure (ctx, "国", 0.9, FALSE, -1, 1, PANGO_ALIGN_LEFT, &w, &h);
  if (slot_w < h * 1.05)
    every = (guint) MIN (ceil (h * 1.05 / slot_w), n);
  for (guint i = 0; i < n; i += every)
    {
      hd_chart_text_measure (ctx, labels[i], 0.9, FALSE, max_h, 1, PANGO_ALIGN_LEFT, &w, &h);
      used = MAX (used, w);
      if (!measure_only)
        hd_chart_text_show_up (ctx, x0 + i * slot_w + (slot_w - h) / 2, y, &ctx->style->foreground);
    }
  return used;
}

/* ---------------------------------------------------------------------------------------- */

void
hd_chart_draw (HdChartKind         kind,
               gconstpointer       data,
               cairo_t            *cr,
               double              width,
               double              height,
               const HdChartStyle *style,
               HdChartLayout      *layout)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (cr != NULL);

  switch (kind)
    {
    case HD_CHART_TARGET:
      hd_chart_draw_target (cr, width, height, data, style, layout);
      break;
    case HD_CHART_DASHBOARD:
      hd_chart_draw_dashboard (cr, width, height, data, style, layout);
      break;
    case HD_CHART_REGIONS:
      hd_chart_draw_regions (cr, width, height, data, style, layout);
      break;
    case HD_CHART_HEATMAP:
      hd_chart_draw_heatmap (cr, width, height, data, style, layout);
      break;
    case HD_CHART_ACTIVITY:
      hd_chart_draw_activity (cr, width, height, data, style, layout);
      break;
    default:
      g_return_if_reached ();
    }
}

gboolean
hd_chart_write_file (HdChartKind          kind,
                     gconstpointer        data,
                     double               width,
                     double               height,
                     const HdChartStyle  *style,
                     const char          *path,
                     GError             **error)
{
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean png = FALSE;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
      png = TRUE;
    }
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: unknown chart format; use a name ending in .png, .svg or .pdf"), path);
      return FALSE;
    }

  cr = cairo_create (surface);
  hd_chart_draw (kind, data, cr, width, height, style, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (png)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot write the chart: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
