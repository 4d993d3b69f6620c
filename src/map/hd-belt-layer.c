/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-belt-layer"

#include <math.h>

#include <pango/pangocairo.h>

#include "hd-belt-layer.h"
#include "hd-light-glyph.h"
#include "hd-map-private.h"
#include "hd-mercator.h"

#define TILE_SIZE       256
#define LINE_WIDTH      3.0
#define SELECTED_WIDTH  6.0
#define ARROW_MIN_PX    40.0
#define ARROW_SIZE      5.0
/* How near a click must be to a route to pick it, in pixels. */
#define HIT_DISTANCE    6.0
#define NAME_MARGIN     24.0
/* A name follows a run of the route whose sites stay this close (px) to a straight line. */
#define NAME_STRAIGHTNESS 6.0
#define FLAG_HEIGHT     16.0
/* The flags' orange: apart from every belt colour and the lights. */
#define FLAG_R          0.96
#define FLAG_G          0.47
#define FLAG_B          0.0
/* Consecutive route vertices closer than this (px) on screen draw as one: below a pixel they
 * only cost the stroker joins nobody sees. */
#define SIMPLIFY_PX     1.0
/* Routes wholly farther than this (px) outside the view are not drawn (a name beside a route
 * stays within it). */
#define CULL_MARGIN_PX  64.0
/* More routes than this in view draw with Cairo's fast antialiasing. */
#define CROWDED_ROUTES  40

typedef struct {
  char        *id;
  char        *name;
  double       r, g, b;
  GArray      *points;  /* double pairs: normalised Web-Mercator u, v of the route's sites */
  GArray      *lats;    /* double: the same sites' latitudes and longitudes, for the checks */
  GArray      *lons;
  double       min_u, min_v, max_u, max_v;  /* the route's bounding box */
  double       max_segment;                 /* its longest segment, in u, v units */
  PangoLayout *layout;  /* the name, made when first drawn */
} BeltEntry;

struct _HdBeltLayer
{
  ShumateLayer  parent_instance;

  HdStore      *store;
  GArray       *belts;     /* BeltEntry */
  char         *selected;
  PangoAttrList *name_attributes;
};

G_DEFINE_FINAL_TYPE (HdBeltLayer, hd_belt_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
belt_entry_clear (gpointer data)
{
  BeltEntry *entry = data;

  g_free (entry->id);
  g_free (entry->name);
  g_clear_pointer (&entry->points, g_array_unref);
  g_clear_pointer (&entry->lats, g_array_unref);
  g_clear_pointer (&entry->lons, g_array_unref);
  g_clear_object (&entry->layout);
}

/* Routes are a few hundred at most: re-reading them all on a change is cheap. */
static void
reload (HdBeltLayer *self)
{
  GListModel *belts = hd_store_get_belts (self->store);
  guint n = g_list_model_get_n_items (belts);

  g_array_set_size (self->belts, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (belts, i);
      g_auto(GStrv) route = hd_store_dup_belt_route (self->store, hd_belt_get_id (belt));
      BeltEntry entry = { g_strdup (hd_belt_get_id (belt)), g_strdup (hd_belt_get_name (belt)),
                          0, 0, 0, NULL, NULL, NULL, G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE,
                          -G_MAXDOUBLE, 0, NULL };

      hd_map_belt_colour (hd_belt_get_colour (belt), entry.id, &entry.r, &entry.g, &entry.b);
      entry.points = g_array_new (FALSE, FALSE, sizeof (double));
      entry.lats = g_array_new (FALSE, FALSE, sizeof (double));
      entry.lons = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint k = 0; route != NULL && route[k] != NULL; k++)
        {
          HdSite *site = hd_store_lookup_site (self->store, route[k]);
          double uv[2], lat, lon;

          if (site == NULL || !hd_site_get_has_position (site))
            continue;
          lat = hd_site_get_latitude (site);
          lon = hd_site_get_longitude (site);
          hd_mercator_project (lon, lat, &uv[0], &uv[1]);
          if (entry.points->len >= 2)
            {
              const double *last = &g_array_index (entry.points, double, entry.points->len - 2);

              entry.max_segment = MAX (entry.max_segment, hypot (uv[0] - last[0], uv[1] - last[1]));
            }
          g_array_append_vals (entry.points, uv, 2);
          g_array_append_val (entry.lats, lat);
          g_array_append_val (entry.lons, lon);
          entry.min_u = MIN (entry.min_u, uv[0]);
          entry.max_u = MAX (entry.max_u, uv[0]);
          entry.min_v = MIN (entry.min_v, uv[1]);
          entry.max_v = MAX (entry.max_v, uv[1]);
        }
      g_array_append_val (self->belts, entry);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_store_changed (HdStore  *store,
                  guint     kinds,
                  GStrv     ids,
                  gpointer  user_data)
{
  if (kinds & (HD_CHANGE_BELTS | HD_CHANGE_ROUTES | HD_CHANGE_SITES))
    reload (HD_BELT_LAYER (user_data));
}

/* The route in screen coordinates (relative to the view's centre, before rotation), every
 * vertex: the selected route's gaps and flags, and hit-testing, count on its indices. */
static double *
screen_points (const BeltEntry *entry,
               double           world,
               double           ox,
               double           oy)
{
  const double *uv = (const double *) entry->points->data;
  guint n = entry->points->len / 2;
  double *xy = g_new (double, 2 * MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      xy[2 * i] = uv[2 * i] * world - ox;
      xy[2 * i + 1] = uv[2 * i + 1] * world - oy;
    }
  return xy;
}

/* The same, less the vertices within SIMPLIFY_PX of the last one kept (the last vertex always
 * stays), for drawing an unselected route: at a province's zoom a route of 100 sites is a few
 * hundred pixels long and most of its vertices are a pixel or two apart. */
static double *
screen_points_simplified (const BeltEntry *entry,
                          double           world,
                          double           ox,
                          double           oy,
                          guint           *n_out)
{
  const double *uv = (const double *) entry->points->data;
  guint n = entry->points->len / 2, kept = 0;
  double *xy = g_new (double, 2 * MAX (n, 1));
  const double min2 = SIMPLIFY_PX * SIMPLIFY_PX;

  for (guint i = 0; i < n; i++)
    {
      double x = uv[2 * i] * world - ox, y = uv[2 * i + 1] * world - oy;

      if (kept > 0 && i + 1 < n)
        {
          double dx = x - xy[2 * (kept - 1)], dy = y - xy[2 * (kept - 1) + 1];

          if (dx * dx + dy * dy < min2)
            continue;
        }
      xy[2 * kept] = x;
      xy[2 * kept + 1] = y;
      kept++;
    }
  *n_out = kept;
  return xy;
}

static gboolean
is_gap (GArray *gaps,
        guint   segment)
{
  for (guint k = 0; gaps != NULL && k < gaps->len; k++)
    if (g_array_index (gaps, guint, k) == segment)
      return TRUE;
  return FALSE;
}

/* A small pennant on a pole standing at (@x, @y): where the selected route has a problem. */
static void
draw_flag (cairo_t        *cr,
           double          x,
           double          y,
           const HdColour *paper)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, y - FLAG_HEIGHT);
      cairo_line_to (cr, x + FLAG_HEIGHT * 0.75, y - FLAG_HEIGHT * 0.78);
      cairo_line_to (cr, x, y - FLAG_HEIGHT * 0.55);
      if (pass == 0)
        {
          cairo_set_source_rgba (cr, paper->red, paper->green, paper->blue, 1);
          cairo_set_line_width (cr, 4);
          cairo_stroke (cr);
        }
      else
        {
          cairo_set_source_rgb (cr, FLAG_R, FLAG_G, FLAG_B);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke_preserve (cr);
          cairo_fill (cr);
        }
    }
}

/* Names keep off the flags: their boxes go in @placed first (in screen coordinates, as the
 * names' are: the flag's pole is at (@x, @y) in the rotated frame). */
static void
add_flag_box (GArray *placed,
              double  x,
              double  y,
              double  rotation)
{
  double sx = x * cos (rotation) - y * sin (rotation);
  double sy = x * sin (rotation) + y * cos (rotation);
  HdMapRect box = { sx - 3, sy - FLAG_HEIGHT - 3, sx + FLAG_HEIGHT, sy + 3 };

  g_array_append_val (placed, box);
}

/* Adds the route's line to the current path; a segment listed in @gaps is left out. */
static void
append_route (cairo_t      *cr,
              const double *xy,
              guint         n,
              GArray       *gaps)
{
  for (guint i = 0; i < n; i++)
    {
      if (i == 0 || is_gap (gaps, i - 1))
        cairo_move_to (cr, xy[2 * i], xy[2 * i + 1]);
      else
        cairo_line_to (cr, xy[2 * i], xy[2 * i + 1]);
    }
}

/* Adds a small arrowhead in the middle of each long segment (the route's direction) to the
 * current path. @max_segment is the longest segment in pixels: below ARROW_MIN_PX there are
 * none, and the segments are not measured one by one. */
static void
append_arrows (cairo_t      *cr,
               const double *xy,
               guint         n,
               double        width,
               double        max_segment)
{
  if (max_segment < ARROW_MIN_PX)
    return;

  for (guint i = 1; i < n; i++)
    {
      double x0 = xy[2 * (i - 1)], y0 = xy[2 * (i - 1) + 1];
      double x1 = xy[2 * i], y1 = xy[2 * i + 1];
      double dx = x1 - x0, dy = y1 - y0;
      double length = hypot (dx, dy);
      double mx, my, ux, uy, size = ARROW_SIZE + width;

      if (length < ARROW_MIN_PX)
        continue;
      ux = dx / length;
      uy = dy / length;
      mx = (x0 + x1) / 2 + ux * size / 2;
      my = (y0 + y1) / 2 + uy * size / 2;
      cairo_move_to (cr, mx, my);
      cairo_line_to (cr, mx - ux * size - uy * size * 0.6, my - uy * size + ux * size * 0.6);
      cairo_line_to (cr, mx - ux * size + uy * size * 0.6, my - uy * size - ux * size * 0.6);
      cairo_close_path (cr);
    }
}

/* The selected route: wider, its gaps dashed. */
static void
draw_belt (cairo_t         *cr,
           const BeltEntry *entry,
           const double    *xy,
           double           width,
           double           world,
           GArray          *gaps)
{
  guint n = entry->points->len / 2;

  if (n < 2)
    return;

  cairo_set_source_rgb (cr, entry->r, entry->g, entry->b);
  cairo_set_line_width (cr, width);
  append_route (cr, xy, n, gaps);
  cairo_stroke (cr);

  /* Gaps: dashed, so the route reads as broken there. */
  if (gaps != NULL && gaps->len > 0)
    {
      double dashes[] = { width * 1.5, width * 1.5 };

      cairo_save (cr);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      for (guint k = 0; k < gaps->len; k++)
        {
          guint i = g_array_index (gaps, guint, k);

          cairo_move_to (cr, xy[2 * i], xy[2 * i + 1]);
          cairo_line_to (cr, xy[2 * i + 2], xy[2 * i + 3]);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  append_arrows (cr, xy, n, width, entry->max_segment * world);
  cairo_fill (cr);
}

/* A route to draw this frame, unselected: its points on screen, simplified. */
typedef struct {
  BeltEntry *entry;
  double    *xy;
  guint      n;
  guint      index;   /* in self->belts: the drawing order within a colour */
} Visible;

/* Each unselected route is a stroke of its own: one stroke of every route of a colour cost
 * Cairo more (its scan converter then works across the whole view with every edge active). */
static void
draw_routes (cairo_t *cr,
             GArray  *visible,
             double   world)
{
  cairo_save (cr);
  cairo_set_line_width (cr, LINE_WIDTH);
  /* Cairo's fast antialiasing draws a crowded view's thin lines in about half the time of the
   * default, and among so many lines the difference does not show; a few routes keep the best. */
  if (visible->len > CROWDED_ROUTES)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  for (guint i = 0; i < visible->len; i++)
    {
      const Visible *v = &g_array_index (visible, Visible, i);

      if (v->n < 2)
        continue;
      cairo_set_source_rgb (cr, v->entry->r, v->entry->g, v->entry->b);
      append_route (cr, v->xy, v->n, NULL);
      cairo_stroke (cr);
      append_arrows (cr, v->xy, v->n, LINE_WIDTH, v->entry->max_segment * world);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/* The belt's name along its longest segment that is long enough, unless it would cover a
 * name already drawn (@placed, in unrotated screen coordinates). */
static void
draw_name (HdBeltLayer     *self,
           cairo_t         *cr,
           BeltEntry       *entry,
           const double    *xy,
           guint            n,
           double           world,
           double           cos_r,
           double           sin_r,
           GArray          *placed,
           const HdColour  *paper)
{
  guint first, last;
  g_autofree double *rotated = NULL;
  static const double sides[] = { 0, -1, 1 };
  double angle, cx = 0, cy = 0, sx, sy, length, shift;
  HdMapRect box;
  int tw, th;

  if (n < 2 || entry->name == NULL || entry->name[0] == '\0')
    return;

  if (entry->layout == NULL)
    {
      entry->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), entry->name);
      pango_layout_set_attributes (entry->layout, self->name_attributes);
    }
  pango_layout_get_pixel_size (entry->layout, &tw, &th);
  /* No straight run can be longer than the route's box is across. */
  if (hypot (entry->max_u - entry->min_u, entry->max_v - entry->min_v) * world <
      tw + 2 * NAME_MARGIN)
    return;

  /* The segments as they are on screen, after the view's rotation. */
  rotated = g_new (double, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      rotated[2 * i] = xy[2 * i] * cos_r - xy[2 * i + 1] * sin_r;
      rotated[2 * i + 1] = xy[2 * i] * sin_r + xy[2 * i + 1] * cos_r;
    }
  if (!hd_map_route_label (rotated, n, tw + 2 * NAME_MARGIN, NAME_STRAIGHTNESS, &first, &last,
                           &angle))
    return;

  /* The middle of the run, or either side of it when something (a flag, another name) is
   * there already. */
  length = hypot (rotated[2 * last] - rotated[2 * first], rotated[2 * last + 1] - rotated[2 * first + 1]);
  shift = MIN (tw / 2.0 + FLAG_HEIGHT, length / 2 - tw / 2.0);
  for (guint k = 0; k < G_N_ELEMENTS (sides); k++)
    {
      /* Beside the line, above it as read: the sites' own names sit on the line, right of
       * their glyphs. */
      cx = (rotated[2 * first] + rotated[2 * last]) / 2 + sides[k] * shift * cos (angle) +
           sin (angle) * (th / 2.0 + SELECTED_WIDTH / 2.0);
      cy = (rotated[2 * first + 1] + rotated[2 * last + 1]) / 2 + sides[k] * shift * sin (angle) -
           cos (angle) * (th / 2.0 + SELECTED_WIDTH / 2.0);
      hd_map_rotated_bounds (cx, cy, tw, th, angle, &box);
      if (hd_map_place_label (placed, &box))
        break;
      if (k + 1 == G_N_ELEMENTS (sides))
        return;
    }

  /* Back to the unrotated frame the Cairo context is in. */
  sx = cx * cos_r + cy * sin_r;
  sy = -cx * sin_r + cy * cos_r;

  cairo_save (cr);
  cairo_translate (cr, sx, sy);
  cairo_rotate (cr, angle - atan2 (sin_r, cos_r));
  cairo_move_to (cr, -tw / 2.0, -th / 2.0);
  pango_cairo_layout_path (cr, entry->layout);
  cairo_set_source_rgba (cr, paper->red, paper->green, paper->blue, 0.9);
  cairo_set_line_width (cr, 3.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, -tw / 2.0, -th / 2.0);
  cairo_set_source_rgb (cr, entry->r * 0.7, entry->g * 0.7, entry->b * 0.7);
  pango_cairo_show_layout (cr, entry->layout);
  cairo_restore (cr);
}

static void
lookup_paper (GtkWidget *widget,
              HdColour  *out)
{
  GdkRGBA rgba;

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "view_bg_color",
                                       &rgba))
    rgba = (GdkRGBA) { 1, 1, 1, 1 };
  *out = (HdColour) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
}

void
hd_belt_layer_draw (HdBeltLayer *self,
                    cairo_t     *cr)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double world, cu, cv, rotation, reach;
  BeltEntry *selected = NULL;
  g_autofree double *selected_xy = NULL;
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (HdMapRect));
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) detours = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) visible = g_array_new (FALSE, FALSE, sizeof (Visible));
  HdColour paper;

  g_return_if_fail (HD_IS_BELT_LAYER (self));

  if (width <= 0 || height <= 0 || self->belts->len == 0)
    return;

  lookup_paper (widget, &paper);
  world = TILE_SIZE * exp2 (shumate_viewport_get_zoom_level (viewport));
  rotation = shumate_viewport_get_rotation (viewport);
  hd_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                       &cu, &cv);
  /* Whatever the rotation, the view lies within this many pixels of its centre. */
  reach = hypot (width, height) / 2 + CULL_MARGIN_PX;

  cairo_save (cr);
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_rotate (cr, rotation);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < self->belts->len; i++)
    {
      BeltEntry *entry = &g_array_index (self->belts, BeltEntry, i);
      Visible v = { entry, NULL, 0, i };

      if (self->selected != NULL && g_strcmp0 (entry->id, self->selected) == 0)
        {
          selected = entry;
          continue;
        }
      /* Off screen: the route's box misses the view's. */
      if (entry->points->len == 0 ||
          (entry->max_u - cu) * world < -reach || (entry->min_u - cu) * world > reach ||
          (entry->max_v - cv) * world < -reach || (entry->min_v - cv) * world > reach)
        continue;
      v.xy = screen_points_simplified (entry, world, cu * world, cv * world, &v.n);
      g_array_append_val (visible, v);
    }
  draw_routes (cr, visible, world);

  if (selected != NULL)
    {
      guint n = selected->points->len / 2;
      const double *lats = (const double *) selected->lats->data;
      const double *lons = (const double *) selected->lons->data;

      selected_xy = screen_points (selected, world, cu * world, cv * world);
      hd_map_route_gaps (lats, lons, n, HD_MAP_GAP_METRES, gaps);
      hd_map_route_detours (lats, lons, n, HD_MAP_DETOUR_METRES, detours);
      draw_belt (cr, selected, selected_xy, SELECTED_WIDTH, world, gaps);
      for (guint k = 0; k < gaps->len; k++)
        {
          guint s = g_array_index (gaps, guint, k);

          double fx = (selected_xy[2 * s] + selected_xy[2 * s + 2]) / 2;
          double fy = (selected_xy[2 * s + 1] + selected_xy[2 * s + 3]) / 2;

          draw_flag (cr, fx, fy, &paper);
          add_flag_box (placed, fx, fy, rotation);
        }
      for (guint k = 0; k < detours->len; k++)
        {
          guint s = g_array_index (detours, guint, k);

          /* Beside the site's glyph, not on it. */
          draw_flag (cr, selected_xy[2 * s] + 8, selected_xy[2 * s + 1] - 6, &paper);
          add_flag_box (placed, selected_xy[2 * s] + 8, selected_xy[2 * s + 1] - 6, rotation);
        }
      /* The selected belt's name first: it wins any overlap. */
      draw_name (self, cr, selected, selected_xy, n, world, cos (rotation), sin (rotation), placed,
                 &paper);
    }

  for (guint i = 0; i < visible->len; i++)
    {
      Visible *v = &g_array_index (visible, Visible, i);

      draw_name (self, cr, v->entry, v->xy, v->n, world, cos (rotation), sin (rotation), placed,
                 &paper);
    }
  for (guint i = 0; i < visible->len; i++)
    g_free (g_array_index (visible, Visible, i).xy);

  cairo_restore (cr);
}

static void
hd_belt_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  HdBeltLayer *self = HD_BELT_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->belts->len == 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  hd_belt_layer_draw (self, cr);
  cairo_destroy (cr);
}

const char *
hd_belt_layer_belt_at (HdBeltLayer *self,
                       double       x,
                       double       y)
{
  ShumateViewport *viewport;
  int width, height;
  double world, cu, cv, rotation, px, py, best = HIT_DISTANCE;
  const char *found = NULL;

  g_return_val_if_fail (HD_IS_BELT_LAYER (self), NULL);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  world = TILE_SIZE * exp2 (shumate_viewport_get_zoom_level (viewport));
  rotation = shumate_viewport_get_rotation (viewport);
  hd_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                       &cu, &cv);

  /* Into the routes' frame: centred, unrotated. */
  x -= width / 2.0;
  y -= height / 2.0;
  px = x * cos (rotation) + y * sin (rotation);
  py = -x * sin (rotation) + y * cos (rotation);

  for (guint i = 0; i < self->belts->len; i++)
    {
      const BeltEntry *entry = &g_array_index (self->belts, BeltEntry, i);
      g_autofree double *xy = screen_points (entry, world, cu * world, cv * world);
      double distance;

      if (hd_map_polyline_nearest (xy, entry->points->len / 2, px, py, &distance) < 0)
        continue;
      /* The selected route is drawn on top: it wins a tie. */
      if (distance < best ||
          (distance <= best && g_strcmp0 (entry->id, self->selected) == 0))
        {
          best = distance;
          found = entry->id;
        }
    }

  return found;
}

static void
hd_belt_layer_constructed (GObject *object)
{
  HdBeltLayer *self = HD_BELT_LAYER (object);

  G_OBJECT_CLASS (hd_belt_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  if (self->store != NULL)
    {
      g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                               G_CONNECT_DEFAULT);
      reload (self);
    }
}

static void
hd_belt_layer_dispose (GObject *object)
{
  HdBeltLayer *self = HD_BELT_LAYER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->selected, g_free);

  G_OBJECT_CLASS (hd_belt_layer_parent_class)->dispose (object);
}

static void
hd_belt_layer_finalize (GObject *object)
{
  HdBeltLayer *self = HD_BELT_LAYER (object);

  g_array_unref (self->belts);
  pango_attr_list_unref (self->name_attributes);

  G_OBJECT_CLASS (hd_belt_layer_parent_class)->finalize (object);
}

static void
hd_belt_layer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdBeltLayer *self = HD_BELT_LAYER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_belt_layer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HdBeltLayer *self = HD_BELT_LAYER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_belt_layer_class_init (HdBeltLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_belt_layer_constructed;
  object_class->dispose = hd_belt_layer_dispose;
  object_class->finalize = hd_belt_layer_finalize;
  object_class->get_property = hd_belt_layer_get_property;
  object_class->set_property = hd_belt_layer_set_property;

  widget_class->snapshot = hd_belt_layer_snapshot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_belt_layer_init (HdBeltLayer *self)
{
  self->belts = g_array_new (FALSE, FALSE, sizeof (BeltEntry));
  g_array_set_clear_func (self->belts, belt_entry_clear);
  self->name_attributes = pango_attr_list_new ();
  pango_attr_list_insert (self->name_attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  /* Pointer events go through to the site layer and the map. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

HdBeltLayer *
hd_belt_layer_new (ShumateViewport *viewport,
                   HdStore         *store)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);

  return g_object_new (HD_TYPE_BELT_LAYER, "viewport", viewport, "store", store, NULL);
}

void
hd_belt_layer_set_selected (HdBeltLayer *self,
                            const char  *belt_id)
{
  g_return_if_fail (HD_IS_BELT_LAYER (self));

  if (g_strcmp0 (self->selected, belt_id) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (belt_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
hd_belt_layer_get_selected (HdBeltLayer *self)
{
  g_return_val_if_fail (HD_IS_BELT_LAYER (self), NULL);

  return self->selected;
}
