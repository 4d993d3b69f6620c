/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-handout"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "hd-chart-private.h"
#include "hd-handout.h"
#include "hd-light-glyph.h"
#include "hd-mercator.h"

#define MM (72.0 / 25.4)
#define FONT_FAMILY "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans"

static const HdChartRgb ink = { 0.13, 0.13, 0.15 };
static const HdChartRgb muted = { 0.38, 0.38, 0.42 };
static const HdChartRgb rule = { 0.80, 0.80, 0.82 };
static const HdChartRgb party_red = { 0.72, 0.09, 0.12 };
static const HdChartRgb white = { 1, 1, 1 };

typedef struct {
  char  *title;
  guint  page;
  int    level;
} TocEntry;

/* One pass over the document. The first pass draws on a recording surface to learn the page
 * numbers; the second draws the PDF with them. */
typedef struct {
  const HdHandout        *doc;
  const HdHandoutOptions *opts;
  cairo_surface_t        *surface;
  cairo_t                *cr;
  gboolean                pdf;
  gboolean                dry;         /* the first pass: measure, draw nothing costly */
  PangoLayout            *text;
  PangoFontDescription   *font;
  double                  width, height, margin;
  double                  y;           /* the flow's cursor */
  guint                   page;        /* 1-based; 0 before the first */
  guint                   total;       /* known in the second pass */
  GArray                 *toc;         /* TocEntry */
  guint                   toc_pages;
  GPtrArray              *pages;       /* recording surfaces, one per page, when recording */
} Run;

static void
toc_entry_clear (gpointer data)
{
  g_free (((TocEntry *) data)->title);
}

static void
set_rgb (Run              *run,
         const HdChartRgb *rgb)
{
  cairo_set_source_rgb (run->cr, rgb->red, rgb->green, rgb->blue);
}

/* Lays @text out at @size pt within @max_width (wrapping, at most @max_lines, ellipsized);
 * draws it at (@x, @y) unless @measure; returns its height. */
static double
text_at (Run              *run,
         const char       *text,
         double            x,
         double            y,
         double            max_width,
         double            size,
         gboolean          bold,
         int               max_lines,
         PangoAlignment    align,
         const HdChartRgb *rgb,
         gboolean          measure)
{
  PangoRectangle logical;

  pango_font_description_set_absolute_size (run->font, size * PANGO_SCALE);
  pango_font_description_set_weight (run->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (run->text, run->font);
  pango_layout_set_width (run->text, (int) (max_width * PANGO_SCALE));
  pango_layout_set_wrap (run->text, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (run->text, -MAX (max_lines, 1));
  pango_layout_set_ellipsize (run->text, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (run->text, align);
  pango_layout_set_text (run->text, text != NULL ? text : "", -1);
  pango_layout_get_extents (run->text, NULL, &logical);
  if (!measure && !run->dry)
    {
      set_rgb (run, rgb);
      cairo_move_to (run->cr, x, y);
      pango_cairo_show_layout (run->cr, run->text);
    }
  return (double) logical.height / PANGO_SCALE;
}

static double
text_width (Run        *run,
            const char *text,
            double      size,
            gboolean    bold)
{
  PangoRectangle logical;

  pango_font_description_set_absolute_size (run->font, size * PANGO_SCALE);
  pango_font_description_set_weight (run->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (run->text, run->font);
  pango_layout_set_width (run->text, -1);
  pango_layout_set_height (run->text, -1);
  pango_layout_set_text (run->text, text, -1);
  pango_layout_get_extents (run->text, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static double
content_width (Run *run)
{
  return run->width - 2 * run->margin;
}

static double
bottom (Run *run)
{
  /* Room for the footer. */
  return run->height - run->margin - 8 * MM;
}

static void
finish_page (Run *run)
{
  g_autofree char *footer = NULL;

  if (run->page == 0)
    return;
  /* TRANSLATORS: the handout's footer; in Chinese 第 %u 页 / 共 %u 页 */
  footer = g_strdup_printf (_("Page %u of %u"), run->page, run->total > 0 ? run->total : run->page);
  cairo_save (run->cr);
  set_rgb (run, &rule);
  cairo_set_line_width (run->cr, 0.5);
  cairo_move_to (run->cr, run->margin, run->height - run->margin - 5 * MM);
  cairo_line_to (run->cr, run->width - run->margin, run->height - run->margin - 5 * MM);
  cairo_stroke (run->cr);
  text_at (run, run->doc->title, run->margin, run->height - run->margin - 4 * MM, content_width (run) * 0.7,
           8, FALSE, 1, PANGO_ALIGN_LEFT, &muted, FALSE);
  text_at (run, footer, run->margin, run->height - run->margin - 4 * MM, content_width (run), 8, FALSE, 1,
           PANGO_ALIGN_RIGHT, &muted, FALSE);
  cairo_restore (run->cr);
  if (run->pages == NULL)
    cairo_show_page (run->cr);
}

static void
new_page (Run *run)
{
  finish_page (run);
  /* Recording: every page after the first gets its own surface. */
  if (run->pages != NULL && run->page > 0)
    {
      cairo_rectangle_t extents = { 0, 0, run->width, run->height };
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

      g_ptr_array_add (run->pages, surface);
      cairo_destroy (run->cr);
      run->cr = cairo_create (surface);
    }
  run->page++;
  run->y = run->margin;
}

/* A section starts on a new page and goes into the contents and the outline. */
static void
start_section (Run        *run,
               const char *title,
               int         level,
               gboolean    heading)
{
  TocEntry entry;

  new_page (run);
  entry = (TocEntry) { g_strdup (title), run->page, level };
  g_array_append_val (run->toc, entry);
  if (heading)
    {
      run->y += text_at (run, title, run->margin, run->y, content_width (run), 16, TRUE, 2, PANGO_ALIGN_LEFT,
                         &ink, FALSE);
      set_rgb (run, &party_red);
      cairo_rectangle (run->cr, run->margin, run->y + 1.5 * MM, 18 * MM, 1 * MM);
      cairo_fill (run->cr);
      run->y += 5 * MM;
    }
}

/* Makes sure @h fits below the cursor; starts a continuation page when it does not. */
static gboolean
ensure_room (Run        *run,
             double      h,
             const char *continued)
{
  if (run->y + h <= bottom (run))
    return FALSE;
  new_page (run);
  if (continued != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("%s (continued)"), continued);

      run->y += text_at (run, title, run->margin, run->y, content_width (run), 12, TRUE, 1, PANGO_ALIGN_LEFT,
                         &muted, FALSE) + 3 * MM;
    }
  return TRUE;
}

static void
draw_chart (Run           *run,
            HdChartKind    kind,
            gconstpointer  data,
            double         h)
{
  if (!run->dry)
    {
      cairo_save (run->cr);
      cairo_translate (run->cr, run->margin, run->y);
      hd_chart_draw (kind, data, run->cr, content_width (run), h, hd_chart_style_get (FALSE), NULL);
      cairo_restore (run->cr);
    }
  run->y += h + 6 * MM;
}

/* ---------------------------------------------------------------------------------------- */

static void
draw_cover (Run *run)
{
  const HdHandout *doc = run->doc;
  double y, box_w, box_h = 26 * MM, gap = 4 * MM;

  new_page (run);
  set_rgb (run, &party_red);
  cairo_rectangle (run->cr, 0, 0, run->width, run->height * 0.06);
  cairo_fill (run->cr);

  y = run->height * 0.22;
  y += text_at (run, doc->title, run->margin, y, content_width (run), 26, TRUE, 3, PANGO_ALIGN_CENTER, &ink, FALSE);
  y += 8 * MM;
  y += text_at (run, doc->region, run->margin, y, content_width (run), 16, FALSE, 1, PANGO_ALIGN_CENTER, &muted,
                FALSE);
  y += 3 * MM;
  y += text_at (run, doc->date, run->margin, y, content_width (run), 13, FALSE, 1, PANGO_ALIGN_CENTER, &muted,
                FALSE);
  y += 18 * MM;

  /* The annual themes, this year's filled. */
  if (doc->n_years > 0)
    {
      box_w = (content_width (run) - gap * (doc->n_years - 1)) / doc->n_years;
      for (guint i = 0; i < doc->n_years; i++)
        {
          const HdHandoutYear *year = &doc->years[i];
          gboolean current = year->year == doc->current_year;
          double x = run->margin + i * (box_w + gap);
          g_autofree char *label = g_strdup_printf ("%d", year->year);
          const HdChartRgb *fg = current ? &white : &ink;

          cairo_rectangle (run->cr, x, y, box_w, box_h);
          if (current)
            {
              set_rgb (run, &party_red);
              cairo_fill (run->cr);
            }
          else
            {
              set_rgb (run, &rule);
              cairo_set_line_width (run->cr, 1);
              cairo_stroke (run->cr);
            }
          text_at (run, label, x, y + 3 * MM, box_w, 15, TRUE, 1, PANGO_ALIGN_CENTER, fg, FALSE);
          text_at (run, year->theme, x + 2 * MM, y + 11 * MM, box_w - 4 * MM, 12, current, 2, PANGO_ALIGN_CENTER,
                   fg, FALSE);
          if (current)
            text_at (run, _("This year"), x, y + box_h + 2 * MM, box_w, 9, FALSE, 1, PANGO_ALIGN_CENTER,
                     &party_red, FALSE);
        }
    }
}

static void
draw_contents (Run *run)
{
  double line = 7 * MM;
  guint index = 0;

  for (guint p = 0; p < run->toc_pages; p++)
    {
      new_page (run);
      run->y += text_at (run, _("Contents"), run->margin, run->y, content_width (run), 18, TRUE, 1,
                         PANGO_ALIGN_LEFT, &ink, FALSE) + 6 * MM;
      for (; index < run->toc->len && run->y + line <= bottom (run); index++)
        {
          const TocEntry *e = &g_array_index (run->toc, TocEntry, index);
          g_autofree char *page = g_strdup_printf ("%u", e->page);
          g_autofree char *link = g_strdup_printf ("page=%u", e->page);
          double indent = e->level * 6 * MM, size = e->level == 0 ? 12 : 10.5;
          double pw = text_width (run, page, size, e->level == 0);

          if (run->pdf)
            cairo_tag_begin (run->cr, CAIRO_TAG_LINK, link);
          text_at (run, e->title, run->margin + indent, run->y, content_width (run) - indent - pw - 8 * MM, size,
                   e->level == 0, 1, PANGO_ALIGN_LEFT, &ink, FALSE);
          text_at (run, page, run->margin, run->y, content_width (run), size, e->level == 0, 1,
                   PANGO_ALIGN_RIGHT, &ink, FALSE);
          if (run->pdf)
            cairo_tag_end (run->cr, CAIRO_TAG_LINK);
          /* Dots lead the eye to the number. */
          set_rgb (run, &rule);
          cairo_set_line_width (run->cr, 0.6);
          cairo_set_dash (run->cr, (double[]) { 0.6, 2.4 }, 2, 0);
          cairo_move_to (run->cr, run->margin + content_width (run) * 0.55, run->y + size);
          cairo_line_to (run->cr, run->margin + content_width (run) - pw - 2 * MM, run->y + size);
          cairo_stroke (run->cr);
          cairo_set_dash (run->cr, NULL, 0, 0);
          run->y += line;
        }
    }
}

/* How many contents pages @n entries take (the same geometry as draw_contents). */
static guint
contents_pages (Run   *run,
                guint  n)
{
  double first = run->margin + 18 * 1.4 + 6 * MM;
  guint per_page = (guint) MAX (1, floor ((bottom (run) - first) / (7 * MM)));

  return MAX (1, (n + per_page - 1) / per_page);
}

/* ---------------------------------------------------------------------------------------- */
/* Belts                                                                                    */

static void
draw_route_map (Run                 *run,
                const HdHandoutBelt *belt,
                double               x,
                double               y,
                double               w,
                double               h)
{
  cairo_t *cr = run->cr;
  double min_u = G_MAXDOUBLE, min_v = G_MAXDOUBLE, max_u = -G_MAXDOUBLE, max_v = -G_MAXDOUBLE;
  double scale, cu, cv, world;
  guint n_placed = 0;
  int zoom;
  const HdBasemapStyle *style = hd_basemap_style_get (FALSE);

  /* The map has a fixed size: the first pass needs nothing from it. */
  if (run->dry)
    return;

  for (guint i = 0; i < belt->n_sites; i++)
    {
      double u, v;

      if (!isfinite (belt->sites[i].lon) || !isfinite (belt->sites[i].lat))
        continue;
      hd_mercator_project (belt->sites[i].lon, belt->sites[i].lat, &u, &v);
      min_u = MIN (min_u, u);
      max_u = MAX (max_u, u);
      min_v = MIN (min_v, v);
      max_v = MAX (max_v, v);
      n_placed++;
    }

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, style->land.red, style->land.green, style->land.blue, 1);
  cairo_paint (cr);

  if (n_placed == 0)
    {
      text_at (run, _("No site of this belt has a position"), x, y + h / 2 - 6, w, 10, FALSE, 1,
               PANGO_ALIGN_CENTER, &muted, FALSE);
      cairo_restore (cr);
      return;
    }

  /* Fit the route with a margin; at least ~2 km across so one site is not a whole map. */
  scale = MIN ((w * 0.8) / MAX (max_u - min_u, 1e-5), (h * 0.75) / MAX (max_v - min_v, 1e-5));
  cu = (min_u + max_u) / 2;
  cv = (min_v + max_v) / 2;

  /* The base map drawn once into an image whose pixels are the tiles' own at a zoom a little
   * finer than the page, so tiles meet on whole pixels (vector tiles side by side would leave
   * hairline seams in PDF viewers), then scaled onto the page. */
  zoom = CLAMP ((int) ceil (log2 (scale * 1.5 / 256)), 0, 18);
  for (;; zoom--)
    {
      world = hd_mercator_world_size (zoom, 256);
      if (zoom == 0 || (w / scale * world) * (h / scale * world) <= 4e6)
        break;
    }
  {
    double px0 = floor ((cu - w / 2 / scale) * world), py0 = floor ((cv - h / 2 / scale) * world);
    int iw = (int) ceil ((cu + w / 2 / scale) * world - px0), ih = (int) ceil ((cv + h / 2 / scale) * world - py0);
    cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, MAX (iw, 1), MAX (ih, 1));
    cairo_t *icr = cairo_create (image);

    for (int ty = (int) floor (py0 / 256); ty <= (int) floor ((py0 + ih) / 256); ty++)
      for (int tx = (int) floor (px0 / 256); tx <= (int) floor ((px0 + iw) / 256); tx++)
        {
          cairo_save (icr);
          cairo_translate (icr, tx * 256.0 - px0, ty * 256.0 - py0);
          hd_basemap_render_tile (run->opts->basemap, icr, zoom, tx, ty, 256, style, NULL, 0);
          cairo_restore (icr);
        }
    cairo_destroy (icr);
    cairo_save (cr);
    cairo_translate (cr, x + w / 2 + (px0 / world - cu) * scale, y + h / 2 + (py0 / world - cv) * scale);
    cairo_scale (cr, scale / world, scale / world);
    cairo_set_source_surface (cr, image, 0, 0);
    cairo_paint (cr);
    cairo_restore (cr);
    cairo_surface_destroy (image);
  }

  /* The route, then numbered markers in route order. */
  cairo_set_source_rgba (cr, party_red.red, party_red.green, party_red.blue, 0.85);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  {
    gboolean first = TRUE;

    for (guint i = 0; i < belt->n_sites; i++)
      {
        double u, v;

        if (!isfinite (belt->sites[i].lon) || !isfinite (belt->sites[i].lat))
          continue;
        hd_mercator_project (belt->sites[i].lon, belt->sites[i].lat, &u, &v);
        if (first)
          cairo_move_to (cr, x + w / 2 + (u - cu) * scale, y + h / 2 + (v - cv) * scale);
        else
          cairo_line_to (cr, x + w / 2 + (u - cu) * scale, y + h / 2 + (v - cv) * scale);
        first = FALSE;
      }
    cairo_stroke (cr);
  }
  for (guint i = 0; i < belt->n_sites; i++)
    {
      double u, v, px, py;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      if (!isfinite (belt->sites[i].lon) || !isfinite (belt->sites[i].lat))
        continue;
      hd_mercator_project (belt->sites[i].lon, belt->sites[i].lat, &u, &v);
      px = x + w / 2 + (u - cu) * scale;
      py = y + h / 2 + (v - cv) * scale;
      cairo_new_path (cr);
      cairo_arc (cr, px, py, 7, 0, 2 * G_PI);
      set_rgb (run, &white);
      cairo_fill_preserve (cr);
      set_rgb (run, &party_red);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      text_at (run, number, px - 7, py - 5.6, 14, 8, TRUE, 1, PANGO_ALIGN_CENTER, &ink, FALSE);
    }
  text_at (run, HD_BASEMAP_ATTRIBUTION, x + 2, y + h - 10, w - 4, 6, FALSE, 1, PANGO_ALIGN_RIGHT, &muted, FALSE);
  cairo_restore (cr);

  set_rgb (run, &rule);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
}

static void
answer_swatch (Run      *run,
               double    cx,
               double    cy,
               double    size,
               HdAnswer  answer)
{
  const HdChartStyle *style = hd_chart_style_get (FALSE);
  const HdChartRgb *rgb = &style->answers[answer];
  cairo_t *cr = run->cr;
  double x = cx - size / 2, y = cy - size / 2;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, size, size);
  if (answer != HD_ANSWER_NONE)
    {
      set_rgb (run, rgb);
      cairo_fill_preserve (cr);
    }
  cairo_clip_preserve (cr);
  set_rgb (run, &muted);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, answer == HD_ANSWER_PARTLY ? 0 : 1, answer == HD_ANSWER_PARTLY ? 0 : 1,
                         answer == HD_ANSWER_PARTLY ? 0 : 1, 0.6);
  /* The same hatching as the charts: partly one way, not met both ways. */
  if (answer == HD_ANSWER_PARTLY || answer == HD_ANSWER_NOT_MET)
    {
      for (double d = -size; d < size; d += 2.5)
        {
          cairo_move_to (cr, x + d, y);
          cairo_line_to (cr, x + d + size, y + size);
          if (answer == HD_ANSWER_NOT_MET)
            {
              cairo_move_to (cr, x + d, y + size);
              cairo_line_to (cr, x + d + size, y);
            }
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_belt (Run                 *run,
           const HdHandoutBelt *belt)
{
  const HdHandout *doc = run->doc;
  double cw = content_width (run), x = run->margin, h, row_h = 6.5 * MM;
  double no_w = 8 * MM, item_w, name_w, light_w = 27 * MM, kind_w;
  g_autofree char *subtitle = NULL;
  g_autofree char *heading = g_strdup_printf ("%s · %s", belt->district, belt->name);

  start_section (run, belt->name, 1, TRUE);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u site · light: %s", "%s · %u sites · light: %s",
                                           belt->n_sites),
                              belt->district, belt->n_sites, hd_chart_light_label (belt->light));
  run->y += text_at (run, subtitle, x, run->y, cw, 10, FALSE, 2, PANGO_ALIGN_LEFT, &muted, FALSE);
  if (belt->brand != NULL && *belt->brand != '\0')
    run->y += text_at (run, belt->brand, x, run->y, cw, 10, FALSE, 2, PANGO_ALIGN_LEFT, &ink, FALSE);
  run->y += 3 * MM;

  /* The map takes what the tables leave, so a usual belt (ten sites, a few tasks) is one page;
   * never less than a readable 60 mm, never more than half the page. */
  {
    double avail = bottom (run) - run->y;
    double rest = (belt->n_five_ones > 0 ? 20 * MM + 15 * MM * ((belt->n_five_ones + 4) / 5) : 0) +
                  12 * MM + row_h * (1.4 + belt->n_sites) + 6 * MM +
                  12 * MM + row_h * 1.2 + MAX (belt->n_rectifications, 1) * 10 * MM + 5 * MM;

    h = CLAMP (avail - rest, 60 * MM, MIN (cw * 0.6, avail * 0.5));
  }
  draw_route_map (run, belt, x, run->y, cw, h);
  run->y += h + 5 * MM;

  /* Five ones: a swatch and the answer for each. */
  if (belt->n_five_ones > 0)
    {
      double col = cw / MIN (belt->n_five_ones, 5);

      run->y += text_at (run, _("Five ones"), x, run->y, cw, 12, TRUE, 1, PANGO_ALIGN_LEFT, &ink, FALSE) + 2 * MM;
      for (guint i = 0; i < belt->n_five_ones; i++)
        {
          double cx = x + (i % 5) * col;

          if (i > 0 && i % 5 == 0)
            run->y += 14 * MM;
          answer_swatch (run, cx + 3 * MM, run->y + 3 * MM, 4 * MM, belt->five_ones[i].answer);
          text_at (run, belt->five_ones[i].item, cx + 7 * MM, run->y, col - 8 * MM, 8.5, FALSE, 2,
                   PANGO_ALIGN_LEFT, &ink, FALSE);
          text_at (run, hd_chart_answer_label (belt->five_ones[i].answer), cx + 7 * MM, run->y + 8 * MM,
                   col - 8 * MM, 8, TRUE, 1, PANGO_ALIGN_LEFT, &muted, FALSE);
        }
      run->y += 15 * MM;
    }

  /* The sites' six haves: a row per site, continuing on the next page. */
  kind_w = MIN (cw * 0.16, 24 * MM);
  item_w = MIN (14 * MM, (cw - no_w - kind_w - light_w - 40 * MM) / MAX (doc->n_site_items, 1));
  name_w = cw - no_w - kind_w - light_w - item_w * doc->n_site_items;
  for (guint i = 0; i <= belt->n_sites; i++)
    {
      gboolean header = i == 0;

      if (ensure_room (run, row_h * (header ? 3 : 1), heading) || header)
        {
          double hx = x;

          if (header)
            run->y += text_at (run, _("Sites and the six haves"), x, run->y, cw, 12, TRUE, 1, PANGO_ALIGN_LEFT,
                               &ink, FALSE) + 2 * MM;
          set_rgb (run, &rule);
          cairo_rectangle (run->cr, x, run->y, cw, row_h * 1.4);
          cairo_fill (run->cr);
          text_at (run, C_("table", "No."), hx + 1 * MM, run->y + 1.5 * MM, no_w, 8, TRUE, 1, PANGO_ALIGN_LEFT, &ink,
                   FALSE);
          hx += no_w;
          text_at (run, C_("table", "Site"), hx, run->y + 1.5 * MM, name_w, 8, TRUE, 1, PANGO_ALIGN_LEFT, &ink, FALSE);
          hx += name_w;
          text_at (run, C_("table", "Kind"), hx, run->y + 1.5 * MM, kind_w, 8, TRUE, 1, PANGO_ALIGN_LEFT, &ink, FALSE);
          hx += kind_w;
          for (guint c = 0; c < doc->n_site_items; c++)
            text_at (run, doc->site_items[c], hx + c * item_w, run->y + 0.5 * MM, item_w, 7, TRUE, 2,
                     PANGO_ALIGN_CENTER, &ink, FALSE);
          hx += item_w * doc->n_site_items;
          text_at (run, C_("table", "Light"), hx, run->y + 1.5 * MM, light_w, 8, TRUE, 1, PANGO_ALIGN_CENTER, &ink,
                   FALSE);
          run->y += row_h * 1.4;
        }
      if (i == belt->n_sites)
        break;

      {
        const HdHandoutSite *site = &belt->sites[i];
        g_autofree char *number = g_strdup_printf ("%u", i + 1);
        double rx = x, cy = run->y + row_h / 2;

        text_at (run, number, rx + 1 * MM, run->y + 1.4 * MM, no_w, 8.5, FALSE, 1, PANGO_ALIGN_LEFT, &ink, FALSE);
        rx += no_w;
        text_at (run, site->name, rx, run->y + 1.4 * MM, name_w - 2 * MM, 8.5, FALSE, 1, PANGO_ALIGN_LEFT, &ink, FALSE);
        rx += name_w;
        text_at (run, site->kind, rx, run->y + 1.4 * MM, kind_w - 1 * MM, 8, FALSE, 1, PANGO_ALIGN_LEFT, &muted, FALSE);
        rx += kind_w;
        for (guint c = 0; c < doc->n_site_items; c++)
          answer_swatch (run, rx + (c + 0.5) * item_w, cy, 3.6 * MM,
                         site->answers != NULL ? site->answers[c] : HD_ANSWER_NONE);
        rx += item_w * doc->n_site_items;
        {
          const HdChartRgb *rgb = &hd_chart_style_get (FALSE)->lights[site->light];
          HdColour fill = { rgb->red, rgb->green, rgb->blue, 1 }, outline = { 0, 0, 0, 0.5 };

          hd_light_glyph_draw (run->cr, rx + 3 * MM, cy, 3.4 * MM, site->light, &fill, &outline);
          text_at (run, hd_chart_light_label (site->light), rx + 6 * MM, run->y + 1.4 * MM, light_w - 6 * MM, 8,
                   FALSE, 1, PANGO_ALIGN_LEFT, &ink, FALSE);
        }
        set_rgb (run, &rule);
        cairo_set_line_width (run->cr, 0.4);
        cairo_move_to (run->cr, x, run->y + row_h);
        cairo_line_to (run->cr, x + cw, run->y + row_h);
        cairo_stroke (run->cr);
        run->y += row_h;
      }
    }
  run->y += 6 * MM;

  /* Open rectifications. */
  ensure_room (run, row_h * 3, heading);
  run->y += text_at (run, _("Open rectifications"), x, run->y, cw, 12, TRUE, 1, PANGO_ALIGN_LEFT, &ink, FALSE) + 2 * MM;
  if (belt->n_rectifications == 0)
    {
      run->y += text_at (run, _("None open."), x, run->y, cw, 9, FALSE, 1, PANGO_ALIGN_LEFT, &muted, FALSE);
      return;
    }
  {
    const double cols[] = { 0, 0.22, 0.72, 0.85 };
    const char *heads[] = { C_("table", "Site"), C_("table", "Problem"), C_("table", "Owner"), C_("table", "Due") };

    set_rgb (run, &rule);
    cairo_rectangle (run->cr, x, run->y, cw, row_h * 1.2);
    cairo_fill (run->cr);
    for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
      text_at (run, heads[c], x + cols[c] * cw, run->y + 1.2 * MM, cw * 0.2, 8, TRUE, 1, PANGO_ALIGN_LEFT, &ink,
               FALSE);
    run->y += row_h * 1.2 + 1.5 * MM;
  }
  for (guint i = 0; i < belt->n_rectifications; i++)
    {
      const HdHandoutRectification *r = &belt->rectifications[i];
      g_autofree char *due = NULL;
      double hh;

      due = r->overdue ? g_strdup_printf (_("%s (overdue)"), r->due != NULL ? r->due : "")
                       : g_strdup (r->due != NULL ? r->due : "");
      hh = MAX (text_at (run, r->problem, 0, 0, cw * 0.5 - 2 * MM, 8.5, FALSE, 3, PANGO_ALIGN_LEFT, &ink, TRUE),
                text_at (run, r->subject, 0, 0, cw * 0.22 - 2 * MM, 8.5, FALSE, 2, PANGO_ALIGN_LEFT, &ink, TRUE));
      hh = MAX (hh, text_at (run, r->owner, 0, 0, cw * 0.13 - 2 * MM, 8.5, FALSE, 2, PANGO_ALIGN_LEFT, &ink, TRUE));
      hh = MAX (hh, text_at (run, due, 0, 0, cw * 0.15, 8.5, r->overdue, 2, PANGO_ALIGN_LEFT, &ink, TRUE));
      /* The row and the rule under it; the gap after the rule is not needed at a page's end. */
      ensure_room (run, hh + 1 * MM, heading);
      text_at (run, r->subject, x, run->y, cw * 0.22 - 2 * MM, 8.5, FALSE, 2, PANGO_ALIGN_LEFT, &ink, FALSE);
      text_at (run, r->problem, x + cw * 0.22, run->y, cw * 0.5 - 2 * MM, 8.5, FALSE, 3, PANGO_ALIGN_LEFT, &ink, FALSE);
      text_at (run, r->owner, x + cw * 0.72, run->y, cw * 0.13 - 2 * MM, 8.5, FALSE, 2, PANGO_ALIGN_LEFT, &muted, FALSE);
      text_at (run, due, x + cw * 0.85, run->y, cw * 0.15, 8.5, r->overdue, 2, PANGO_ALIGN_LEFT,
               r->overdue ? &party_red : &ink, FALSE);
      run->y += hh + 1 * MM;
      set_rgb (run, &rule);
      cairo_set_line_width (run->cr, 0.4);
      cairo_move_to (run->cr, x, run->y);
      cairo_line_to (run->cr, x + cw, run->y);
      cairo_stroke (run->cr);
      run->y += 1.5 * MM;
    }
}

/* Under an indicator's chart: per year its theme, target, the last snapshot in that year and
 * the share of the target it reached. */
static void
draw_indicator_table (Run                 *run,
                      const HdChartTarget *chart)
{
  double cw = content_width (run), x = run->margin, row_h = 7 * MM;
  const double cols[] = { 0, 0.12, 0.50, 0.66, 0.84 };
  const char *heads[] = { C_("table", "Year"), C_("table", "Annual theme"), C_("table", "Target"),
                          C_("table", "Actual"), C_("table", "Of target") };
  const char *unit = chart->unit != NULL ? chart->unit : "";

  if (run->y + row_h * (chart->n_years + 2) > bottom (run))
    return;
  set_rgb (run, &rule);
  cairo_rectangle (run->cr, x, run->y, cw, row_h);
  cairo_fill (run->cr);
  for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
    text_at (run, heads[c], x + cols[c] * cw + 1.5 * MM, run->y + 1.6 * MM, cw * 0.3, 9, TRUE, 1,
             PANGO_ALIGN_LEFT, &ink, FALSE);
  run->y += row_h;

  for (guint i = 0; i < chart->n_years; i++)
    {
      int year = chart->first_year + (int) i;
      const char *theme = "";
      double actual = NAN, target = chart->targets != NULL ? chart->targets[i] : NAN;
      g_autofree char *year_text = g_strdup_printf ("%d", year);
      g_autofree char *target_text = NULL, *actual_text = NULL, *share = NULL, *t = NULL, *a = NULL;

      for (guint k = 0; k < run->doc->n_years; k++)
        if (run->doc->years[k].year == year)
          theme = run->doc->years[k].theme;
      for (guint k = 0; k < chart->n_actuals; k++)
        {
          int y;
          double f;

          if (hd_chart_parse_date (chart->actuals[k].date, &y, &f) && y == year)
            actual = chart->actuals[k].value;
        }
      t = hd_chart_format_number (target);
      a = hd_chart_format_number (actual);
      target_text = isfinite (target) ? g_strconcat (t, unit, NULL) : g_strdup ("–");
      actual_text = isfinite (actual) ? g_strconcat (a, unit, NULL) : g_strdup ("–");
      share = isfinite (actual) && target > 0 ? g_strdup_printf ("%.0f%%", actual / target * 100) : g_strdup ("–");

      text_at (run, year_text, x + cols[0] * cw + 1.5 * MM, run->y + 1.6 * MM, cw * 0.1, 9.5, TRUE, 1,
               PANGO_ALIGN_LEFT, &ink, FALSE);
      text_at (run, theme, x + cols[1] * cw + 1.5 * MM, run->y + 1.6 * MM, cw * 0.36, 9.5, FALSE, 1,
               PANGO_ALIGN_LEFT, &ink, FALSE);
      text_at (run, target_text, x + cols[2] * cw + 1.5 * MM, run->y + 1.6 * MM, cw * 0.15, 9.5, FALSE, 1,
               PANGO_ALIGN_LEFT, &ink, FALSE);
      text_at (run, actual_text, x + cols[3] * cw + 1.5 * MM, run->y + 1.6 * MM, cw * 0.17, 9.5, FALSE, 1,
               PANGO_ALIGN_LEFT, &ink, FALSE);
      text_at (run, share, x + cols[4] * cw + 1.5 * MM, run->y + 1.6 * MM, cw * 0.15, 9.5, TRUE, 1,
               PANGO_ALIGN_LEFT, &ink, FALSE);
      set_rgb (run, &rule);
      cairo_set_line_width (run->cr, 0.4);
      cairo_move_to (run->cr, x, run->y + row_h);
      cairo_line_to (run->cr, x + cw, run->y + row_h);
      cairo_stroke (run->cr);
      run->y += row_h;
    }
}

static gboolean
in_list (const char *const *list,
         const char        *name)
{
  return list == NULL || (name != NULL && g_strv_contains (list, name));
}

/* ---------------------------------------------------------------------------------------- */

static void
run_document (Run *run)
{
  const HdHandout *doc = run->doc;
  HdHandoutSections sections = run->opts->sections != 0 ? run->opts->sections : HD_HANDOUT_ALL;
  double chart_h = MIN (content_width (run) * 0.6, (bottom (run) - run->margin) * 0.45);

  if (sections & HD_HANDOUT_COVER)
    draw_cover (run);
  if (sections & HD_HANDOUT_CONTENTS)
    draw_contents (run);
  /* The contents list what follows; entries are collected from here on. */
  g_array_set_size (run->toc, 0);

  if ((sections & HD_HANDOUT_DASHBOARD) && doc->dashboard != NULL)
    {
      start_section (run, _("Plan progress"), 0, TRUE);
      draw_chart (run, HD_CHART_DASHBOARD, doc->dashboard,
                  MIN (bottom (run) - run->y, MAX (chart_h, 60 + 14 * 2.4 * doc->dashboard->n_indicators)));
    }
  if ((sections & HD_HANDOUT_INDICATORS) && doc->n_indicators > 0)
    for (guint i = 0; i < doc->n_indicators; i++)
      {
        if (i == 0)
          {
            TocEntry entry = { g_strdup (_("Indicators")), run->page + 1, 0 };

            g_array_append_val (run->toc, entry);
          }
        start_section (run, doc->indicators[i].title, 1, FALSE);
        draw_chart (run, HD_CHART_TARGET, &doc->indicators[i], chart_h);
        draw_indicator_table (run, &doc->indicators[i]);
      }
  if ((sections & HD_HANDOUT_DISTRICTS) && (doc->regions != NULL || doc->activity != NULL))
    {
      start_section (run, _("Districts and inspections"), 0, TRUE);
      {
        guint n_charts = (doc->regions != NULL ? 2 : 0) + (doc->activity != NULL ? 1 : 0);
        /* One page for all of them when each still gets a readable height. */
        double each = MIN (chart_h, (bottom (run) - run->y) / n_charts - 6 * MM);

        each = MAX (each, 60 * MM);
        if (doc->regions != NULL)
          {
            HdChartRegions belts = *doc->regions;

            draw_chart (run, HD_CHART_REGIONS, doc->regions, each);
            belts.count = HD_CHART_COUNT_BELTS;
            belts.title = _("Belts per district by light");
            ensure_room (run, each, NULL);
            draw_chart (run, HD_CHART_REGIONS, &belts, each);
          }
        if (doc->activity != NULL)
          {
            ensure_room (run, each, NULL);
            draw_chart (run, HD_CHART_ACTIVITY, doc->activity, each);
          }
      }
    }
  if (sections & HD_HANDOUT_BELTS)
    {
      gboolean first = TRUE;

      for (guint i = 0; i < doc->n_belts; i++)
        {
          const HdHandoutBelt *belt = &doc->belts[i];

          if (!in_list (run->opts->districts, belt->district) || !in_list (run->opts->belts, belt->name))
            continue;
          if (first)
            {
              TocEntry entry = { g_strdup (_("Belts")), run->page + 1, 0 };

              g_array_append_val (run->toc, entry);
              first = FALSE;
            }
          draw_belt (run, belt);
        }
    }
  finish_page (run);
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static void
run_init (Run                    *run,
          const HdHandout        *doc,
          const HdHandoutOptions *opts,
          cairo_surface_t        *surface,
          gboolean                pdf)
{
  cairo_font_options_t *options;

  run->doc = doc;
  run->opts = opts;
  run->surface = surface;
  run->pdf = pdf;
  run->cr = cairo_create (surface);
  run->text = pango_cairo_create_layout (run->cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (run->text), options);
  cairo_font_options_destroy (options);
  run->font = pango_font_description_from_string (FONT_FAMILY);
  run->toc = g_array_new (FALSE, TRUE, sizeof (TocEntry));
  g_array_set_clear_func (run->toc, toc_entry_clear);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->text);
  g_clear_pointer (&run->font, pango_font_description_free);
  g_clear_pointer (&run->cr, cairo_destroy);
  g_clear_pointer (&run->toc, g_array_unref);
}

static void
page_size (const HdHandoutOptions *opts,
           double                 *width,
           double                 *height)
{
  *width = 595.276;
  *height = 841.890;
  if (opts->paper == HD_HANDOUT_A3)
    {
      *width = 841.890;
      *height = 1190.551;
    }
  if (opts->landscape)
    {
      double t = *width;

      *width = *height;
      *height = t;
    }
}

/* Pass one: where everything lands. Text is measured exactly as in pass two (same font
 * options); charts and maps have fixed sizes, so they are not drawn. @dry is cleared by the
 * caller (run_clear) and its surface destroyed. */
static cairo_surface_t *
measure (Run                    *dry,
         const HdHandout        *doc,
         const HdHandoutOptions *opts,
         double                  width,
         double                  height)
{
  HdHandoutSections sections = opts->sections != 0 ? opts->sections : HD_HANDOUT_ALL;
  cairo_surface_t *dry_surface = cairo_pdf_surface_create_for_stream (discard, NULL, width, height);

  run_init (dry, doc, opts, dry_surface, FALSE);
  dry->dry = TRUE;
  dry->width = width;
  dry->height = height;
  dry->margin = 18 * MM;
  dry->toc_pages = 1;
  run_document (dry);
  if (sections & HD_HANDOUT_CONTENTS)
    {
      guint toc_pages = contents_pages (dry, dry->toc->len);

      if (toc_pages != dry->toc_pages)
        {
          /* Rare: the contents need more than a page; shift everything after them. */
          for (guint i = 0; i < dry->toc->len; i++)
            g_array_index (dry->toc, TocEntry, i).page += toc_pages - dry->toc_pages;
          dry->page += toc_pages - dry->toc_pages;
          dry->toc_pages = toc_pages;
        }
    }
  return dry_surface;
}

/* Pass two on @surface with the page numbers of pass one. */
static void
draw_pass (Run                    *run,
           const Run              *dry,
           const HdHandout        *doc,
           const HdHandoutOptions *opts,
           cairo_surface_t        *surface,
           gboolean                pdf)
{
  run_init (run, doc, opts, surface, pdf);
  run->width = dry->width;
  run->height = dry->height;
  run->margin = 18 * MM;
  run->total = dry->page;
  run->toc_pages = dry->toc_pages;
  /* The contents draw from the first pass's entries. */
  for (guint i = 0; i < dry->toc->len; i++)
    {
      TocEntry e = g_array_index (dry->toc, TocEntry, i);

      e.title = g_strdup (e.title);
      g_array_append_val (run->toc, e);
    }
}

gboolean
hd_handout_write_pdf (const HdHandout        *doc,
                      const HdHandoutOptions *opts,
                      const char             *path,
                      guint                  *n_pages,
                      GError                **error)
{
  HdHandoutOptions defaults = { 0 };
  double width, height;
  cairo_surface_t *dry_surface, *surface;
  Run dry = { 0 }, run = { 0 };
  cairo_status_t status;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (opts == NULL)
    opts = &defaults;
  page_size (opts, &width, &height);
  dry_surface = measure (&dry, doc, opts, width, height);

  surface = cairo_pdf_surface_create (path, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title != NULL ? doc->title : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Hongdai");
  draw_pass (&run, &dry, doc, opts, surface, TRUE);
  run_document (&run);

  /* The outline from the second pass's entries (the same pages). */
  {
    int parent = CAIRO_PDF_OUTLINE_ROOT;

    for (guint i = 0; i < run.toc->len; i++)
      {
        const TocEntry *e = &g_array_index (run.toc, TocEntry, i);
        g_autofree char *link = g_strdup_printf ("page=%u", e->page);
        int id = cairo_pdf_surface_add_outline (surface, e->level == 0 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                                e->title, link, 0);

        if (e->level == 0)
          parent = id;
      }
  }

  if (n_pages != NULL)
    *n_pages = run.page;
  run_clear (&run);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  run_clear (&dry);
  cairo_surface_finish (dry_surface);
  cairo_surface_destroy (dry_surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot write the handout: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
hd_handout_record_pages (const HdHandout        *doc,
                         const HdHandoutOptions *opts,
                         double                 *width,
                         double                 *height)
{
  HdHandoutOptions defaults = { 0 };
  cairo_surface_t *dry_surface, *first;
  cairo_rectangle_t extents = { 0 };
  Run dry = { 0 }, run = { 0 };
  GPtrArray *pages;
  double w, h;

  g_return_val_if_fail (doc != NULL, NULL);

  if (opts == NULL)
    opts = &defaults;
  page_size (opts, &w, &h);
  dry_surface = measure (&dry, doc, opts, w, h);

  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  extents.width = w;
  extents.height = h;
  first = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  g_ptr_array_add (pages, first);
  draw_pass (&run, &dry, doc, opts, first, FALSE);
  run.pages = pages;
  run_document (&run);
  run_clear (&run);
  run_clear (&dry);
  cairo_surface_finish (dry_surface);
  cairo_surface_destroy (dry_surface);

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
  return pages;
}
