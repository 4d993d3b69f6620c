/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-site-layer"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "hd-light-glyph.h"
#include "hd-map-private.h"
#include "hd-mercator.h"
#include "hd-site-layer.h"

#define TILE_SIZE        256
#define GLYPH_SIZE       14
#define HIT_RADIUS       8.0
#define LABEL_ZOOM       15.0
/* More glyphs than this would cover much of the view, and each costs a paint per frame. */
#define CLUSTER_ABOVE    1000
/* Cells of 64 px: at most ~250 clusters on a 1280 × 800 view. */
#define CLUSTER_CELL     64.0
#define MAX_LABELS       400
/* Glyphs partly outside the widget still show their inside half. */
#define CULL_MARGIN      (GLYPH_SIZE)

typedef struct {
  char   *id;
  char   *name;
  double  u, v;    /* normalised Web-Mercator units (0..1 across the world) */
} SiteEntry;

struct _HdSiteLayer
{
  ShumateLayer  parent_instance;

  HdStore      *store;
  GArray       *sites;        /* SiteEntry */
  GHashTable   *index;        /* id (owned by the entry) → position in sites + 1 */
  GHashTable   *site_lights;

  char         *selected;
  /* A site being dragged, drawn at preview_u, preview_v. */
  char         *preview;
  double        preview_u, preview_v;

  /* Clusters of the sites in a window around the view, in world pixels at cluster_zoom (cells
   * aligned to the world, so panning does not move them): reused while the view stays inside
   * the window. */
  GArray       *clusters;     /* HdMapCluster */
  gboolean      clusters_valid;
  double        cluster_zoom;
  HdMapRect     cluster_window;
  /* The glyphs drawn so far, painted from these each frame: clusters by count, sites by
   * light; and the colours and scale they were drawn in. */
  GHashTable   *cluster_glyphs;   /* GUINT_TO_POINTER (count) → cairo_surface_t */
  GHashTable   *label_glyphs;     /* name → cairo_surface_t, with its halo */
  cairo_surface_t *light_glyphs[HD_N_LIGHTS];
  HdColour      glyph_ink, glyph_paper, glyph_lights[HD_N_LIGHTS];
  int           glyph_scale;
  /* The sites' positions in buckets, so culling visits only the buckets in view. */
  HdMapGrid    *cull_grid;

  /* The last hit-test grid, rebuilt when the view or the data changed since. */
  HdMapGrid    *hit_grid;
  GArray       *hit_sites;    /* guint: grid point → index into sites */
};

G_DEFINE_FINAL_TYPE (HdSiteLayer, hd_site_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
site_entry_clear (gpointer data)
{
  SiteEntry *entry = data;

  g_free (entry->id);
  g_free (entry->name);
}

static void
invalidate (HdSiteLayer *self)
{
  g_clear_pointer (&self->hit_grid, hd_map_grid_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The sites changed: the clusters too. */
static void
invalidate_data (HdSiteLayer *self)
{
  self->clusters_valid = FALSE;
  g_clear_pointer (&self->cull_grid, hd_map_grid_free);
  invalidate (self);
}

static void
remove_site (HdSiteLayer *self,
             const char  *id)
{
  gpointer slot = g_hash_table_lookup (self->index, id);
  guint i, last;

  if (slot == NULL)
    return;

  i = GPOINTER_TO_UINT (slot) - 1;
  last = self->sites->len - 1;
  g_hash_table_remove (self->index, id);
  /* Swap the last entry into the hole: removal is O(1) and the index stays right. */
  site_entry_clear (&g_array_index (self->sites, SiteEntry, i));
  if (i != last)
    {
      g_array_index (self->sites, SiteEntry, i) = g_array_index (self->sites, SiteEntry, last);
      g_hash_table_insert (self->index, g_array_index (self->sites, SiteEntry, i).id,
                           GUINT_TO_POINTER (i + 1));
    }
  g_array_set_size (self->sites, last);
}

static void
update_site (HdSiteLayer *self,
             HdSite      *site)
{
  const char *id = hd_site_get_id (site);
  gpointer slot;
  SiteEntry *entry;

  if (!hd_site_get_has_position (site))
    {
      remove_site (self, id);
      return;
    }

  slot = g_hash_table_lookup (self->index, id);
  if (slot != NULL)
    {
      entry = &g_array_index (self->sites, SiteEntry, GPOINTER_TO_UINT (slot) - 1);
      g_free (entry->name);
    }
  else
    {
      SiteEntry fresh = { g_strdup (id), NULL, 0, 0 };

      g_array_append_val (self->sites, fresh);
      entry = &g_array_index (self->sites, SiteEntry, self->sites->len - 1);
      g_hash_table_insert (self->index, entry->id, GUINT_TO_POINTER (self->sites->len));
    }

  entry->name = g_strdup (hd_site_get_name (site));
  hd_mercator_project (hd_site_get_longitude (site), hd_site_get_latitude (site),
                       &entry->u, &entry->v);
}

static void
reload_all (HdSiteLayer *self)
{
  GListModel *sites = hd_store_get_sites (self->store);
  guint n = g_list_model_get_n_items (sites);

  g_hash_table_remove_all (self->index);
  g_array_set_size (self->sites, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      update_site (self, site);
    }
}

static void
on_store_changed (HdStore  *store,
                  guint     kinds,
                  GStrv     ids,
                  gpointer  user_data)
{
  HdSiteLayer *self = user_data;

  if (!(kinds & HD_CHANGE_SITES))
    return;

  /* Ids name sites only when sites alone changed; no ids means "everything". */
  if (kinds == HD_CHANGE_SITES && ids != NULL && ids[0] != NULL)
    {
      for (guint i = 0; ids[i] != NULL; i++)
        {
          HdSite *site = hd_store_lookup_site (self->store, ids[i]);

          if (site != NULL)
            update_site (self, site);
          else
            remove_site (self, ids[i]);
        }
    }
  else
    reload_all (self);

  invalidate_data (self);
}

/* The viewport's transform: widget coordinates of normalised Mercator units. */
typedef struct {
  double world;
  double cu, cv;
  double half_w, half_h;
  double cos_r, sin_r;
} Projection;

static void
projection_init (Projection      *p,
                 ShumateViewport *viewport,
                 int              width,
                 int              height)
{
  double rotation = shumate_viewport_get_rotation (viewport);

  p->world = TILE_SIZE * exp2 (shumate_viewport_get_zoom_level (viewport));
  hd_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                       &p->cu, &p->cv);
  p->half_w = width / 2.0;
  p->half_h = height / 2.0;
  p->cos_r = cos (rotation);
  p->sin_r = sin (rotation);
}

static inline void
project (const Projection *p,
         double            u,
         double            v,
         double           *x,
         double           *y)
{
  double dx = (u - p->cu) * p->world;
  double dy = (v - p->cv) * p->world;

  *x = p->half_w + dx * p->cos_r - dy * p->sin_r;
  *y = p->half_h + dx * p->sin_r + dy * p->cos_r;
}

/* The view's box in world pixels (the viewport's centre at p->cu, p->cv; any rotation). */
static HdMapRect
view_box (const Projection *p,
          int               width,
          int               height,
          double            margin)
{
  double half = hypot (width, height) / 2 + margin;
  double cx = p->cu * p->world, cy = p->cv * p->world;

  return (HdMapRect) { cx - half, cy - half, cx + half, cy + half };
}

/* Appends to @out the indices of the sites whose positions lie in @box (world pixels at
 * p->world), through the bucket grid; the previewed site is always a candidate. */
static void
candidates (HdSiteLayer      *self,
            const Projection *p,
            const HdMapRect  *box,
            GArray           *out)
{
  HdMapRect normalised = { box->x0 / p->world, box->y0 / p->world,
                           box->x1 / p->world, box->y1 / p->world };
  gpointer preview_slot;

  if (self->cull_grid == NULL)
    {
      guint n = self->sites->len;
      g_autofree double *us = g_new (double, MAX (n, 1));
      g_autofree double *vs = g_new (double, MAX (n, 1));
      HdMapRect extent = { 0, 0, 1, 1 };

      for (guint i = 0; i < n; i++)
        {
          const SiteEntry *entry = &g_array_index (self->sites, SiteEntry, i);

          us[i] = entry->u;
          vs[i] = entry->v;
          if (i == 0)
            extent = (HdMapRect) { entry->u, entry->v, entry->u, entry->v };
          extent.x0 = MIN (extent.x0, entry->u);
          extent.y0 = MIN (extent.y0, entry->v);
          extent.x1 = MAX (extent.x1, entry->u);
          extent.y1 = MAX (extent.y1, entry->v);
        }
      self->cull_grid = hd_map_grid_new (us, vs, n, hd_map_grid_cell_for (&extent, n, 8));
    }

  hd_map_grid_query (self->cull_grid, &normalised, out);
  preview_slot = self->preview != NULL ? g_hash_table_lookup (self->index, self->preview) : NULL;
  if (preview_slot != NULL)
    {
      guint i = GPOINTER_TO_UINT (preview_slot) - 1;

      g_array_append_val (out, i);
    }
}

/* The sites inside the widget: their widget coordinates and their indices into sites. */
static void
collect_visible (HdSiteLayer *self,
                 GArray      *xs,
                 GArray      *ys,
                 GArray      *indices)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  gpointer preview_slot = self->preview != NULL ? g_hash_table_lookup (self->index, self->preview)
                                                : NULL;
  guint preview_index = GPOINTER_TO_UINT (preview_slot) - 1;  /* G_MAXUINT for none */
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  HdMapRect box;
  Projection p;

  projection_init (&p, viewport, width, height);
  box = view_box (&p, width, height, CULL_MARGIN);
  candidates (self, &p, &box, near);

  for (guint k = 0; k < near->len; k++)
    {
      guint i = g_array_index (near, guint, k);
      const SiteEntry *entry = &g_array_index (self->sites, SiteEntry, i);
      double x, y;

      if (G_UNLIKELY (i == preview_index))
        {
          /* Listed twice (once where it was): only its preview counts. */
          if (k + 1 < near->len)
            continue;
          project (&p, self->preview_u, self->preview_v, &x, &y);
        }
      else
        project (&p, entry->u, entry->v, &x, &y);
      if (x < -CULL_MARGIN || y < -CULL_MARGIN ||
          x > width + CULL_MARGIN || y > height + CULL_MARGIN)
        continue;
      g_array_append_val (xs, x);
      g_array_append_val (ys, y);
      g_array_append_val (indices, i);
    }
}

static HdLight
light_of (HdSiteLayer *self,
          const char  *id)
{
  HdLight light;

  if (self->site_lights == NULL)
    return HD_LIGHT_GREY;
  light = GPOINTER_TO_INT (g_hash_table_lookup (self->site_lights, id));
  return (guint) light < HD_N_LIGHTS ? light : HD_LIGHT_GREY;
}

static void
lookup_colour (GtkWidget  *widget,
               const char *name,
               guint32     fallback,
               double      alpha,
               HdColour   *out)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA rgba;

  if (!gtk_style_context_lookup_color (context, name, &rgba))
    rgba = (GdkRGBA) { ((fallback >> 16) & 0xff) / 255.0, ((fallback >> 8) & 0xff) / 255.0,
                       (fallback & 0xff) / 255.0, 1.0 };
  *out = (HdColour) { rgba.red, rgba.green, rgba.blue, rgba.alpha * alpha };
}

/* The part of the widget the points (with @margin around each) cover: a Cairo node's cost
 * grows with its area, and a province seen whole fills a fraction of the screen. */
static graphene_rect_t
points_bounds (GArray *xs,
               GArray *ys,
               double  margin,
               int     width,
               int     height)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < xs->len; i++)
    {
      x0 = MIN (x0, g_array_index (xs, double, i));
      x1 = MAX (x1, g_array_index (xs, double, i));
      y0 = MIN (y0, g_array_index (ys, double, i));
      y1 = MAX (y1, g_array_index (ys, double, i));
    }
  x0 = MAX (floor (x0 - margin), 0);
  y0 = MAX (floor (y0 - margin), 0);
  x1 = MIN (ceil (x1 + margin), width);
  y1 = MIN (ceil (y1 + margin), height);

  return GRAPHENE_RECT_INIT (x0, y0, MAX (x1 - x0, 1), MAX (y1 - y0, 1));
}

/* How many sites the view shows (a glyph partly inside counts), without collecting them. */
static guint
count_visible (HdSiteLayer      *self,
               const Projection *p,
               int               width,
               int               height)
{
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  HdMapRect box = view_box (p, width, height, CULL_MARGIN);
  guint n = 0;

  candidates (self, p, &box, near);
  for (guint k = 0; k < near->len; k++)
    {
      const SiteEntry *entry = &g_array_index (self->sites, SiteEntry, g_array_index (near, guint, k));
      double x, y;

      project (p, entry->u, entry->v, &x, &y);
      n += x >= -CULL_MARGIN && y >= -CULL_MARGIN &&
           x <= width + CULL_MARGIN && y <= height + CULL_MARGIN;
    }
  return n;
}

/* Clusters the sites within a window of three views around this one, unless the last window
 * still covers the view at this zoom: panning reuses them frame after frame. */
static void
ensure_clusters (HdSiteLayer      *self,
                 const Projection *p,
                 int               width,
                 int               height)
{
  HdMapRect need = view_box (p, width, height, CLUSTER_CELL);
  g_autoptr(GArray) xs = NULL;
  g_autoptr(GArray) ys = NULL;
  g_autoptr(GArray) near = NULL;
  double span;

  if (self->clusters_valid && self->cluster_zoom == p->world &&
      need.x0 >= self->cluster_window.x0 && need.y0 >= self->cluster_window.y0 &&
      need.x1 <= self->cluster_window.x1 && need.y1 <= self->cluster_window.y1)
    return;

  span = need.x1 - need.x0;
  self->cluster_window = (HdMapRect) { need.x0 - span, need.y0 - span,
                                       need.x1 + span, need.y1 + span };
  self->cluster_zoom = p->world;
  self->clusters_valid = TRUE;
  g_array_set_size (self->clusters, 0);

  xs = g_array_new (FALSE, FALSE, sizeof (double));
  ys = g_array_new (FALSE, FALSE, sizeof (double));
  near = g_array_new (FALSE, FALSE, sizeof (guint));
  candidates (self, p, &self->cluster_window, near);
  for (guint k = 0; k < near->len; k++)
    {
      const SiteEntry *entry = &g_array_index (self->sites, SiteEntry, g_array_index (near, guint, k));
      double x = entry->u * p->world, y = entry->v * p->world;

      if (x < self->cluster_window.x0 || y < self->cluster_window.y0 ||
          x > self->cluster_window.x1 || y > self->cluster_window.y1)
        continue;
      g_array_append_val (xs, x);
      g_array_append_val (ys, y);
    }
  hd_map_cluster ((double *) xs->data, (double *) ys->data, xs->len, CLUSTER_CELL,
                  self->clusters);
}

/* The clusters the view shows, in widget coordinates. */
static void
visible_clusters (HdSiteLayer *self,
                  int          width,
                  int          height,
                  GArray      *out)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  Projection p;

  projection_init (&p, viewport, width, height);
  ensure_clusters (self, &p, width, height);
  for (guint i = 0; i < self->clusters->len; i++)
    {
      HdMapCluster cluster = g_array_index (self->clusters, HdMapCluster, i);

      project (&p, cluster.x / p.world, cluster.y / p.world, &cluster.x, &cluster.y);
      if (cluster.x < -CLUSTER_CELL || cluster.y < -CLUSTER_CELL ||
          cluster.x > width + CLUSTER_CELL || cluster.y > height + CLUSTER_CELL)
        continue;
      g_array_append_val (out, cluster);
    }
}

static double
cluster_radius (guint count)
{
  return MIN (8 + 3 * log10 (count + 1), CLUSTER_CELL / 2 - 2);
}

/* A cluster: a disc with its count, centred on (@x, @y). */
static void
draw_cluster (cairo_t        *cr,
              PangoLayout    *layout,
              double          x,
              double          y,
              guint           count,
              const HdColour *ink,
              const HdColour *paper)
{
  double radius = cluster_radius (count);
  char text[16];
  int tw, th;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, 0.8);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, paper->red, paper->green, paper->blue, 0.9);
  cairo_stroke (cr);

  g_snprintf (text, sizeof text, "%u", count);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, round (x - tw / 2.0), round (y - th / 2.0));
  cairo_set_source_rgb (cr, paper->red, paper->green, paper->blue);
  pango_cairo_show_layout (cr, layout);
}

#define GLYPH_BOX   (CLUSTER_CELL)
#define LIGHT_BOX   (GLYPH_SIZE + 6)

/* Drops the cached glyphs when the colours or the scale changed (dark mode, another monitor). */
static void
check_glyph_cache (HdSiteLayer    *self,
                   const HdColour *lights,
                   const HdColour *ink,
                   const HdColour *paper)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (memcmp (ink, &self->glyph_ink, sizeof *ink) == 0 &&
      memcmp (paper, &self->glyph_paper, sizeof *paper) == 0 &&
      memcmp (lights, self->glyph_lights, sizeof self->glyph_lights) == 0 &&
      scale == self->glyph_scale && g_hash_table_size (self->cluster_glyphs) <= 4096 &&
      g_hash_table_size (self->label_glyphs) <= 4096)
    return;

  g_hash_table_remove_all (self->cluster_glyphs);
  g_hash_table_remove_all (self->label_glyphs);
  for (guint i = 0; i < HD_N_LIGHTS; i++)
    g_clear_pointer (&self->light_glyphs[i], cairo_surface_destroy);
  self->glyph_ink = *ink;
  self->glyph_paper = *paper;
  memcpy (self->glyph_lights, lights, sizeof self->glyph_lights);
  self->glyph_scale = scale;
}

/* A @size × @size (logical pixels) surface at the widget's scale, and a context on it whose
 * origin is its centre. */
static cairo_t *
glyph_context (HdSiteLayer      *self,
               int               size,
               cairo_surface_t **surface)
{
  int scale = self->glyph_scale;
  cairo_t *cr;

  *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size * scale, size * scale);
  cairo_surface_set_device_scale (*surface, scale, scale);
  cr = cairo_create (*surface);
  cairo_translate (cr, size / 2.0, size / 2.0);
  return cr;
}

/* Just big enough for the disc and its count: the area painted per cluster each frame. */
static int
cluster_box (HdSiteLayer *self,
             PangoLayout *layout,
             guint        count)
{
  char text[16];
  int tw, th;

  g_snprintf (text, sizeof text, "%u", count);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  return MAX (2 * (int) ceil (cluster_radius (count) + 1.5), tw + 2);
}

static cairo_surface_t *
cluster_glyph (HdSiteLayer *self,
               guint        count,
               int         *box)
{
  cairo_surface_t *surface = g_hash_table_lookup (self->cluster_glyphs, GUINT_TO_POINTER (count));
  g_autoptr(PangoLayout) layout = NULL;
  cairo_t *cr;

  if (surface != NULL)
    {
      *box = cairo_image_surface_get_width (surface) / self->glyph_scale;
      return surface;
    }
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  *box = cluster_box (self, layout, count);
  cr = glyph_context (self, *box, &surface);
  draw_cluster (cr, layout, 0, 0, count, &self->glyph_ink, &self->glyph_paper);
  cairo_destroy (cr);
  g_hash_table_insert (self->cluster_glyphs, GUINT_TO_POINTER (count), surface);
  return surface;
}

static cairo_surface_t *
light_glyph (HdSiteLayer *self,
             HdLight      light)
{
  cairo_t *cr;

  if (self->light_glyphs[light] != NULL)
    return self->light_glyphs[light];
  cr = glyph_context (self, LIGHT_BOX, &self->light_glyphs[light]);
  hd_light_glyph_draw (cr, 0, 0, GLYPH_SIZE, light, &self->glyph_lights[light],
                       &self->glyph_paper);
  cairo_destroy (cr);
  return self->light_glyphs[light];
}

/* Paints a cached glyph centred on (@x, @y), on whole pixels: Cairo then copies it without
 * resampling, and a Cairo node replays a paint per glyph instead of paths and text. (GSK's
 * texture nodes were tried for these and were several times slower with the Cairo
 * renderer, as was one texture of the whole layer.) */
static void
paint_glyph (cairo_t         *cr,
             cairo_surface_t *glyph,
             int              size,
             double           x,
             double           y)
{
  double left = round (x - size / 2.0), top = round (y - size / 2.0);

  cairo_set_source_surface (cr, glyph, left, top);
  cairo_rectangle (cr, left, top, size, size);
  cairo_fill (cr);
}

/* The part of the widget @clusters cover: a Cairo node's cost grows with its area. */
static graphene_rect_t
clusters_bounds (GArray *clusters,
                 int     width,
                 int     height)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < clusters->len; i++)
    {
      const HdMapCluster *cluster = &g_array_index (clusters, HdMapCluster, i);

      x0 = MIN (x0, cluster->x);
      x1 = MAX (x1, cluster->x);
      y0 = MIN (y0, cluster->y);
      y1 = MAX (y1, cluster->y);
    }
  x0 = MAX (floor (x0 - GLYPH_BOX), 0);
  y0 = MAX (floor (y0 - GLYPH_BOX), 0);
  x1 = MIN (ceil (x1 + GLYPH_BOX), width);
  y1 = MIN (ceil (y1 + GLYPH_BOX), height);
  return GRAPHENE_RECT_INIT (x0, y0, MAX (x1 - x0, 1), MAX (y1 - y0, 1));
}

static void
draw_clusters (HdSiteLayer *self,
               GtkSnapshot *snapshot,
               int          width,
               int          height)
{
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (HdMapCluster));
  graphene_rect_t bounds;
  cairo_t *cr;
  int box;

  visible_clusters (self, width, height, clusters);
  if (clusters->len == 0)
    return;
  bounds = clusters_bounds (clusters, width, height);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  for (guint i = 0; i < clusters->len; i++)
    {
      const HdMapCluster *cluster = &g_array_index (clusters, HdMapCluster, i);

      cairo_surface_t *glyph = cluster_glyph (self, cluster->count, &box);

      paint_glyph (cr, glyph, box, cluster->x, cluster->y);
    }
  cairo_destroy (cr);
}

/* The same clusters as draw_clusters(), all in Cairo (for a PDF: the counts stay text). */
static void
draw_clusters_cairo (HdSiteLayer    *self,
                     cairo_t        *cr,
                     int             width,
                     int             height,
                     const HdColour *ink,
                     const HdColour *paper)
{
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (HdMapCluster));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  visible_clusters (self, width, height, clusters);
  for (guint i = 0; i < clusters->len; i++)
    {
      const HdMapCluster *cluster = &g_array_index (clusters, HdMapCluster, i);

      draw_cluster (cr, layout, cluster->x, cluster->y, cluster->count, ink, paper);
    }
}

/* Greedy placement: the rectangles of the labels that fit (@rects, HdMapRect) and their
 * sites (@which, guint index into sites). */
static void
place_labels (HdSiteLayer *self,
              GArray      *xs,
              GArray      *ys,
              GArray      *indices,
              GArray      *rects,
              GArray      *which)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  for (guint i = 0; i < indices->len && rects->len < MAX_LABELS; i++)
    {
      guint index = g_array_index (indices, guint, i);
      const SiteEntry *entry = &g_array_index (self->sites, SiteEntry, index);
      double x = g_array_index (xs, double, i) + GLYPH_SIZE / 2.0 + 3;
      double y = g_array_index (ys, double, i);
      HdMapRect rect;
      int tw, th;

      if (entry->name == NULL || entry->name[0] == '\0')
        continue;

      pango_layout_set_text (layout, entry->name, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      rect = (HdMapRect) { x, y - th / 2.0, x + tw, y + th / 2.0 };
      if (hd_map_place_label (rects, &rect))
        g_array_append_val (which, index);
    }
}

/* A name with its halo, its top-left corner at (@x, @y). */
static void
draw_label (cairo_t        *cr,
            PangoLayout    *layout,
            double          x,
            double          y,
            const HdColour *ink,
            const HdColour *paper)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgba (cr, paper->red, paper->green, paper->blue, 0.85);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y);
  cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, ink->alpha);
  pango_cairo_show_layout (cr, layout);
}

#define LABEL_PAD 2

/* A name's label drawn once: stroking the halo around a Chinese name's outlines took
 * milliseconds a frame. */
static cairo_surface_t *
label_glyph (HdSiteLayer *self,
             PangoLayout *layout,
             const char  *name)
{
  cairo_surface_t *surface = g_hash_table_lookup (self->label_glyphs, name);
  int scale = self->glyph_scale;
  int tw, th;
  cairo_t *cr;

  if (surface != NULL)
    return surface;
  pango_layout_set_text (layout, name, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (tw + 2 * LABEL_PAD) * scale,
                                        (th + 2 * LABEL_PAD) * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  draw_label (cr, layout, LABEL_PAD, LABEL_PAD, &self->glyph_ink, &self->glyph_paper);
  cairo_destroy (cr);
  g_hash_table_insert (self->label_glyphs, g_strdup (name), surface);
  return surface;
}

static void
draw_placed_labels (HdSiteLayer *self,
                    cairo_t     *cr,
                    GArray      *rects,
                    GArray      *which)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  for (guint i = 0; i < rects->len; i++)
    {
      const HdMapRect *rect = &g_array_index (rects, HdMapRect, i);
      const SiteEntry *entry = &g_array_index (self->sites, SiteEntry,
                                               g_array_index (which, guint, i));
      cairo_surface_t *glyph = label_glyph (self, layout, entry->name);
      double left = round (rect->x0) - LABEL_PAD, top = round (rect->y0) - LABEL_PAD;

      cairo_set_source_surface (cr, glyph, left, top);
      cairo_rectangle (cr, left, top, cairo_image_surface_get_width (glyph) / self->glyph_scale,
                       cairo_image_surface_get_height (glyph) / self->glyph_scale);
      cairo_fill (cr);
    }
}

static void
draw_labels (HdSiteLayer    *self,
             cairo_t        *cr,
             GArray         *xs,
             GArray         *ys,
             GArray         *indices,
             const HdColour *ink,
             const HdColour *paper)
{
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (HdMapRect));
  g_autoptr(GArray) which = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  /* Vector text (an export): drawn, not painted from the cache. */
  place_labels (self, xs, ys, indices, rects, which);
  for (guint i = 0; i < rects->len; i++)
    {
      const HdMapRect *rect = &g_array_index (rects, HdMapRect, i);
      const SiteEntry *entry = &g_array_index (self->sites, SiteEntry,
                                               g_array_index (which, guint, i));

      pango_layout_set_text (layout, entry->name, -1);
      draw_label (cr, layout, rect->x0, rect->y0, ink, paper);
    }
}

/* Whether the view shows so many sites that they are drawn as clusters. With clusters already
 * made for this view, their counts tell without going through every site. */
static gboolean
shows_clusters (HdSiteLayer *self,
                int          width,
                int          height)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  Projection p;

  if (self->sites->len <= CLUSTER_ABOVE)
    return FALSE;
  projection_init (&p, viewport, width, height);
  if (self->clusters_valid && self->cluster_zoom == p.world)
    {
      HdMapRect view = view_box (&p, width, height, 0);

      if (view.x0 >= self->cluster_window.x0 && view.y0 >= self->cluster_window.y0 &&
          view.x1 <= self->cluster_window.x1 && view.y1 <= self->cluster_window.y1)
        {
          guint n = 0;

          for (guint i = 0; i < self->clusters->len && n <= CLUSTER_ABOVE; i++)
            {
              const HdMapCluster *cluster = &g_array_index (self->clusters, HdMapCluster, i);
              double x, y;

              project (&p, cluster->x / p.world, cluster->y / p.world, &x, &y);
              if (x >= 0 && y >= 0 && x <= width && y <= height)
                n += cluster->count;
            }
          return n > CLUSTER_ABOVE;
        }
    }
  return count_visible (self, &p, width, height) > CLUSTER_ABOVE;
}

typedef struct {
  HdColour lights[HD_N_LIGHTS];
  HdColour paper, ink, accent;
} Palette;

static void
palette_init (GtkWidget *widget,
              Palette   *palette)
{
  lookup_colour (widget, "hd_light_green", 0x26a269, 1.0, &palette->lights[HD_LIGHT_GREEN]);
  lookup_colour (widget, "hd_light_yellow", 0xe5a50a, 1.0, &palette->lights[HD_LIGHT_YELLOW]);
  lookup_colour (widget, "hd_light_red", 0xe01b24, 1.0, &palette->lights[HD_LIGHT_RED]);
  lookup_colour (widget, "view_fg_color", 0x000000, 0.55, &palette->lights[HD_LIGHT_GREY]);
  lookup_colour (widget, "view_fg_color", 0x000000, 1.0, &palette->ink);
  lookup_colour (widget, "view_bg_color", 0xffffff, 0.9, &palette->paper);
  lookup_colour (widget, "accent_color", 0x1c71d8, 1.0, &palette->accent);
}

static void
draw_glyphs (HdSiteLayer   *self,
             cairo_t       *cr,
             GArray        *xs,
             GArray        *ys,
             GArray        *indices,
             const Palette *palette)
{
  for (guint i = 0; i < indices->len; i++)
    {
      const SiteEntry *entry = &g_array_index (self->sites, SiteEntry,
                                               g_array_index (indices, guint, i));
      HdLight light = light_of (self, entry->id);

      hd_light_glyph_draw (cr, g_array_index (xs, double, i), g_array_index (ys, double, i),
                           GLYPH_SIZE, light, &palette->lights[light], &palette->paper);
    }
}

/* A ring in the accent colour around the selected site. */
#define RING_RADIUS (GLYPH_SIZE * 0.5 + 5)

static void
draw_ring (cairo_t       *cr,
           double         x,
           double         y,
           const Palette *palette)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, RING_RADIUS, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, palette->paper.red, palette->paper.green, palette->paper.blue, 1);
  cairo_set_line_width (cr, 5);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, palette->accent.red, palette->accent.green, palette->accent.blue, 1);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
}

static void
hd_site_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  HdSiteLayer *self = HD_SITE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  /* Grown as needed: a clustered frame does not collect the sites at all. */
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double sx, sy;
  Palette palette;
  graphene_rect_t bounds;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->sites->len == 0)
    return;

  palette_init (widget, &palette);
  check_glyph_cache (self, palette.lights, &palette.ink, &palette.paper);

  if (shows_clusters (self, width, height))
    draw_clusters (self, snapshot, width, height);
  else if (collect_visible (self, xs, ys, indices), indices->len > 0)
    {
      bounds = points_bounds (xs, ys, LIGHT_BOX, width, height);
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      for (guint i = 0; i < indices->len; i++)
        {
          const SiteEntry *entry = &g_array_index (self->sites, SiteEntry,
                                                   g_array_index (indices, guint, i));

          paint_glyph (cr, light_glyph (self, light_of (self, entry->id)), LIGHT_BOX,
                       g_array_index (xs, double, i), g_array_index (ys, double, i));
        }
      cairo_destroy (cr);

      /* Names in a node of their own, only as large as they are: a Cairo node the size of
       * the view cost ~10 ms a frame to render. */
      if (zoom >= LABEL_ZOOM)
        {
          g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (HdMapRect));
          g_autoptr(GArray) which = g_array_new (FALSE, FALSE, sizeof (guint));

          place_labels (self, xs, ys, indices, rects, which);
          if (rects->len > 0)
            {
              HdMapRect all = g_array_index (rects, HdMapRect, 0);

              for (guint i = 1; i < rects->len; i++)
                {
                  const HdMapRect *rect = &g_array_index (rects, HdMapRect, i);

                  all = (HdMapRect) { MIN (all.x0, rect->x0), MIN (all.y0, rect->y0),
                                      MAX (all.x1, rect->x1), MAX (all.y1, rect->y1) };
                }
              /* The halo reaches 2 px out. */
              bounds = GRAPHENE_RECT_INIT (floor (all.x0) - 3, floor (all.y0) - 3,
                                           ceil (all.x1 - all.x0) + 6, ceil (all.y1 - all.y0) + 6);
              cr = gtk_snapshot_append_cairo (snapshot, &bounds);
              draw_placed_labels (self, cr, rects, which);
              cairo_destroy (cr);
            }
        }
    }

  if (self->selected != NULL && hd_site_layer_get_site_point (self, self->selected, &sx, &sy) &&
      sx > -RING_RADIUS && sy > -RING_RADIUS && sx < width + RING_RADIUS && sy < height + RING_RADIUS)
    {
      double r = RING_RADIUS + 3;

      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (sx - r, sy - r, 2 * r, 2 * r));
      draw_ring (cr, sx, sy, &palette);
      cairo_destroy (cr);
    }
}

void
hd_site_layer_draw (HdSiteLayer *self,
                    cairo_t     *cr)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  Palette palette;
  double sx, sy;

  g_return_if_fail (HD_IS_SITE_LAYER (self));

  palette_init (widget, &palette);

  cairo_save (cr);
  if (shows_clusters (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget)))
    draw_clusters_cairo (self, cr, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                         &palette.ink, &palette.paper);
  else
    {
      collect_visible (self, xs, ys, indices);
      draw_glyphs (self, cr, xs, ys, indices, &palette);
      if (shumate_viewport_get_zoom_level (viewport) >= LABEL_ZOOM)
        draw_labels (self, cr, xs, ys, indices, &palette.ink, &palette.paper);
    }
  if (self->selected != NULL && hd_site_layer_get_site_point (self, self->selected, &sx, &sy))
    draw_ring (cr, sx, sy, &palette);
  cairo_restore (cr);
}

const char *
hd_site_layer_site_at (HdSiteLayer *self,
                       double       x,
                       double       y)
{
  int found;

  g_return_val_if_fail (HD_IS_SITE_LAYER (self), NULL);

  if (self->hit_grid == NULL)
    {
      g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));

      g_array_set_size (self->hit_sites, 0);
      /* Clustered, no site is drawn on its own: none is hit. */
      if (!shows_clusters (self, gtk_widget_get_width (GTK_WIDGET (self)),
                           gtk_widget_get_height (GTK_WIDGET (self))))
        collect_visible (self, xs, ys, self->hit_sites);
      self->hit_grid = hd_map_grid_new ((double *) xs->data, (double *) ys->data, xs->len,
                                        HIT_RADIUS * 2);
    }

  found = hd_map_grid_nearest (self->hit_grid, x, y, HIT_RADIUS);
  if (found < 0)
    return NULL;
  return g_array_index (self->sites, SiteEntry,
                        g_array_index (self->hit_sites, guint, found)).id;
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  HdSiteLayer *self = HD_SITE_LAYER (widget);
  const char *id = hd_site_layer_site_at (self, x, y);
  g_autofree char *text = NULL;
  SiteEntry *entry;

  if (id == NULL)
    return FALSE;

  entry = &g_array_index (self->sites, SiteEntry,
                          GPOINTER_TO_UINT (g_hash_table_lookup (self->index, id)) - 1);
  /* Translators: a site's tooltip on the map: the site's name, a line break, its light */
  text = g_strdup_printf (_("%s\n%s"), entry->name, hd_light_label (light_of (self, id)));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ShumateLayer lets every pointer event through to the map (it contains no point); this layer
 * is hit at its sites, so their tooltips and cursor show and the map pans everywhere else. */
static gboolean
hd_site_layer_contains (GtkWidget *widget,
                        double     x,
                        double     y)
{
  return hd_site_layer_site_at (HD_SITE_LAYER (widget), x, y) != NULL;
}

static void
hd_site_layer_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  HdSiteLayer *self = HD_SITE_LAYER (widget);

  GTK_WIDGET_CLASS (hd_site_layer_parent_class)->size_allocate (widget, width, height, baseline);
  /* The hit grid holds widget coordinates: a new size moves every site on screen. */
  g_clear_pointer (&self->hit_grid, hd_map_grid_free);
}

static void
hd_site_layer_constructed (GObject *object)
{
  HdSiteLayer *self = HD_SITE_LAYER (object);

  G_OBJECT_CLASS (hd_site_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
  if (self->store != NULL)
    {
      g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                               G_CONNECT_DEFAULT);
      reload_all (self);
    }
}

static void
hd_site_layer_dispose (GObject *object)
{
  HdSiteLayer *self = HD_SITE_LAYER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->site_lights, g_hash_table_unref);
  g_clear_pointer (&self->hit_grid, hd_map_grid_free);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->preview, g_free);
  g_clear_pointer (&self->cull_grid, hd_map_grid_free);
  for (guint i = 0; i < HD_N_LIGHTS; i++)
    g_clear_pointer (&self->light_glyphs[i], cairo_surface_destroy);

  G_OBJECT_CLASS (hd_site_layer_parent_class)->dispose (object);
}

static void
hd_site_layer_finalize (GObject *object)
{
  HdSiteLayer *self = HD_SITE_LAYER (object);

  g_hash_table_unref (self->index);
  g_array_unref (self->sites);
  g_array_unref (self->hit_sites);
  g_array_unref (self->clusters);
  g_hash_table_unref (self->cluster_glyphs);
  g_hash_table_unref (self->label_glyphs);

  G_OBJECT_CLASS (hd_site_layer_parent_class)->finalize (object);
}

static void
hd_site_layer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdSiteLayer *self = HD_SITE_LAYER (object);

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
hd_site_layer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HdSiteLayer *self = HD_SITE_LAYER (object);

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
hd_site_layer_class_init (HdSiteLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_site_layer_constructed;
  object_class->dispose = hd_site_layer_dispose;
  object_class->finalize = hd_site_layer_finalize;
  object_class->get_property = hd_site_layer_get_property;
  object_class->set_property = hd_site_layer_set_property;

  widget_class->snapshot = hd_site_layer_snapshot;
  widget_class->size_allocate = hd_site_layer_size_allocate;
  widget_class->contains = hd_site_layer_contains;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_site_layer_init (HdSiteLayer *self)
{
  self->sites = g_array_new (FALSE, FALSE, sizeof (SiteEntry));
  g_array_set_clear_func (self->sites, site_entry_clear);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  self->hit_sites = g_array_new (FALSE, FALSE, sizeof (guint));
  self->clusters = g_array_new (FALSE, FALSE, sizeof (HdMapCluster));
  self->cluster_glyphs = g_hash_table_new_full (NULL, NULL, NULL,
                                                (GDestroyNotify) cairo_surface_destroy);
  self->label_glyphs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) cairo_surface_destroy);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

HdSiteLayer *
hd_site_layer_new (ShumateViewport *viewport,
                   HdStore         *store)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);

  return g_object_new (HD_TYPE_SITE_LAYER, "viewport", viewport, "store", store, NULL);
}

guint
hd_site_layer_get_n_sites (HdSiteLayer *self)
{
  g_return_val_if_fail (HD_IS_SITE_LAYER (self), 0);

  return self->sites->len;
}

void
hd_site_layer_set_site_lights (HdSiteLayer *self,
                               GHashTable  *site_lights)
{
  g_return_if_fail (HD_IS_SITE_LAYER (self));

  if (site_lights != NULL)
    g_hash_table_ref (site_lights);
  g_clear_pointer (&self->site_lights, g_hash_table_unref);
  self->site_lights = site_lights;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

HdLight
hd_site_layer_get_site_light (HdSiteLayer *self,
                              const char  *site_id)
{
  g_return_val_if_fail (HD_IS_SITE_LAYER (self), HD_LIGHT_GREY);
  g_return_val_if_fail (site_id != NULL, HD_LIGHT_GREY);

  if (!g_hash_table_contains (self->index, site_id))
    return HD_LIGHT_GREY;
  return light_of (self, site_id);
}

void
hd_site_layer_set_selected (HdSiteLayer *self,
                            const char  *site_id)
{
  g_return_if_fail (HD_IS_SITE_LAYER (self));

  if (g_strcmp0 (self->selected, site_id) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (site_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hd_site_layer_set_preview (HdSiteLayer *self,
                           const char  *site_id,
                           double       lat,
                           double       lon)
{
  g_return_if_fail (HD_IS_SITE_LAYER (self));

  if (site_id == NULL)
    g_clear_pointer (&self->preview, g_free);
  else
    {
      if (g_strcmp0 (self->preview, site_id) != 0)
        {
          g_free (self->preview);
          self->preview = g_strdup (site_id);
        }
      hd_mercator_project (lon, lat, &self->preview_u, &self->preview_v);
    }
  /* The bucket grid stays: culling adds the previewed site itself. */
  self->clusters_valid = FALSE;
  invalidate (self);
}

gboolean
hd_site_layer_get_site_point (HdSiteLayer *self,
                              const char  *site_id,
                              double      *x,
                              double      *y)
{
  ShumateViewport *viewport;
  gpointer slot;
  const SiteEntry *entry;
  Projection p;

  g_return_val_if_fail (HD_IS_SITE_LAYER (self), FALSE);
  g_return_val_if_fail (site_id != NULL, FALSE);

  slot = g_hash_table_lookup (self->index, site_id);
  if (slot == NULL)
    return FALSE;
  entry = &g_array_index (self->sites, SiteEntry, GPOINTER_TO_UINT (slot) - 1);
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  projection_init (&p, viewport, gtk_widget_get_width (GTK_WIDGET (self)),
                   gtk_widget_get_height (GTK_WIDGET (self)));
  if (self->preview != NULL && strcmp (self->preview, site_id) == 0)
    project (&p, self->preview_u, self->preview_v, x, y);
  else
    project (&p, entry->u, entry->v, x, y);
  return TRUE;
}

gboolean
hd_site_layer_cluster_at (HdSiteLayer *self,
                          double       x,
                          double       y,
                          double      *lat,
                          double      *lon)
{
  int width, height;
  g_autoptr(GArray) clusters = NULL;

  g_return_val_if_fail (HD_IS_SITE_LAYER (self), FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0 || !shows_clusters (self, width, height))
    return FALSE;

  clusters = g_array_new (FALSE, FALSE, sizeof (HdMapCluster));
  visible_clusters (self, width, height, clusters);
  for (guint i = 0; i < clusters->len; i++)
    {
      const HdMapCluster *cluster = &g_array_index (clusters, HdMapCluster, i);

      if (hypot (cluster->x - x, cluster->y - y) <= cluster_radius (cluster->count) + 2)
        {
          shumate_viewport_widget_coords_to_location (
            shumate_layer_get_viewport (SHUMATE_LAYER (self)), GTK_WIDGET (self),
            cluster->x, cluster->y, lat, lon);
          return TRUE;
        }
    }
  return FALSE;
}
