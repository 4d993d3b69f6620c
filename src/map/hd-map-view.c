/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-map-view"

#include <math.h>

#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "hd-map-view.h"

#define TILE_SIZE       256
#define MIN_ZOOM        2
#define MAX_ZOOM        18
#define DEFAULT_ZOOM    12.0
#define SINGLE_ZOOM     15.0
#define DOT_SIZE        12
/* Share of the map the sites' bounding box may fill when zooming to them. */
#define FIT_FILL        0.8

/* The viewport needs a reference map source for its projection (Web Mercator with 256 px
 * tiles) even when no tile layer is shown. This one only does the projection: there is no
 * ShumateMapLayer on it, so nothing ever asks it for a tile, and nothing goes to the network. */
#define HD_TYPE_MAP_PROJECTION (hd_map_projection_get_type ())
G_DECLARE_FINAL_TYPE (HdMapProjection, hd_map_projection, HD, MAP_PROJECTION, ShumateMapSource)

struct _HdMapProjection
{
  ShumateMapSource parent_instance;
};

G_DEFINE_FINAL_TYPE (HdMapProjection, hd_map_projection, SHUMATE_TYPE_MAP_SOURCE)

static void
hd_map_projection_fill_tile_async (ShumateMapSource    *source,
                                   ShumateTile         *tile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_task_report_new_error (source, callback, user_data,
                           hd_map_projection_fill_tile_async,
                           G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "This map source has no tiles");
}

static gboolean
hd_map_projection_fill_tile_finish (ShumateMapSource  *source,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
hd_map_projection_class_init (HdMapProjectionClass *klass)
{
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  source_class->fill_tile_async = hd_map_projection_fill_tile_async;
  source_class->fill_tile_finish = hd_map_projection_fill_tile_finish;
}

static void
hd_map_projection_init (HdMapProjection *self)
{
}

static ShumateMapSource *
hd_map_projection_new (void)
{
  return g_object_new (HD_TYPE_MAP_PROJECTION,
                       "id", "hongdai-projection",
                       "name", "Web Mercator",
                       "min-zoom-level", MIN_ZOOM,
                       "max-zoom-level", MAX_ZOOM,
                       "tile-size", TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
}


struct _HdMapView
{
  GtkWidget           parent_instance;

  HdStore            *store;

  GtkWidget          *overlay;
  ShumateMap         *map;
  ShumateMarkerLayer *marker_layer;
  ShumateMapSource   *projection;

  guint               n_markers;
  /* Zooming to the sites needs the widget's size: done once it has one. */
  gboolean            zoom_pending;
  guint               zoom_idle_id;
};

G_DEFINE_FINAL_TYPE (HdMapView, hd_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_site_dot (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  double radius = MIN (width, height) / 2.0 - 1.5;

  /* The dot has its own outline so it reads on any background, light or dark. */
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.878, 0.106, 0.141);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_stroke (cr);
}

static ShumateMarker *
create_site_marker (HdSite *site)
{
  ShumateMarker *marker;
  GtkWidget *dot;
  const char *name = hd_site_get_name (site);

  dot = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), DOT_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), DOT_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_site_dot, NULL, NULL);

  marker = shumate_marker_new ();
  shumate_marker_set_child (marker, dot);
  shumate_location_set_location (SHUMATE_LOCATION (marker),
                                 hd_site_get_latitude (site),
                                 hd_site_get_longitude (site));
  gtk_widget_set_tooltip_text (GTK_WIDGET (marker), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (marker),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);

  return marker;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* A workspace can hold cities far apart (the sample has Fuzhou and Zhuhai, 650 km away): with
 * no base map, a view of both is two specks. So the view fits the main cluster: the sites within
 * CLUSTER_DEGREES (about 100 km) of the median position. */
#define CLUSTER_DEGREES 1.0

static gboolean
sites_bounds (HdMapView *self,
              double    *min_x,
              double    *min_y,
              double    *max_x,
              double    *max_y)
{
  GListModel *sites = hd_store_get_sites (self->store);
  guint n = g_list_model_get_n_items (sites);
  g_autoptr(GArray) lats = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lons = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sorted = NULL;
  double median_lat, median_lon;
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);
      double lat, lon;

      if (!hd_site_get_has_position (site))
        continue;

      lat = hd_site_get_latitude (site);
      lon = hd_site_get_longitude (site);
      g_array_append_val (lats, lat);
      g_array_append_val (lons, lon);
    }

  if (lats->len == 0)
    return FALSE;

  sorted = g_array_copy (lats);
  median_lat = median (sorted);
  g_clear_pointer (&sorted, g_array_unref);
  sorted = g_array_copy (lons);
  median_lon = median (sorted);

  /* In normalised Web-Mercator units (0..1 across the world), where zooming is linear. */
  for (guint i = 0; i < lats->len; i++)
    {
      double lat = g_array_index (lats, double, i);
      double lon = g_array_index (lons, double, i);
      double phi, x, y;

      if (fabs (lat - median_lat) > CLUSTER_DEGREES || fabs (lon - median_lon) > CLUSTER_DEGREES)
        continue;

      phi = CLAMP (lat, -85.0511, 85.0511) * G_PI / 180.0;
      x = (lon + 180.0) / 360.0;
      y = (1.0 - asinh (tan (phi)) / G_PI) / 2.0;

      if (!any)
        {
          *min_x = *max_x = x;
          *min_y = *max_y = y;
          any = TRUE;
        }
      else
        {
          *min_x = MIN (*min_x, x);
          *max_x = MAX (*max_x, x);
          *min_y = MIN (*min_y, y);
          *max_y = MAX (*max_y, y);
        }
    }

  return any;
}

void
hd_map_view_zoom_to_sites (HdMapView *self)
{
  ShumateViewport *viewport;
  double min_x, min_y, max_x, max_y;
  double centre_x, centre_y, zoom;
  int width, height;

  g_return_if_fail (HD_IS_MAP_VIEW (self));

  if (self->store == NULL || !sites_bounds (self, &min_x, &min_y, &max_x, &max_y))
    return;

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));

  if (max_x - min_x <= 0 && max_y - min_y <= 0)
    zoom = SINGLE_ZOOM;
  else if (width <= 1 || height <= 1)
    zoom = DEFAULT_ZOOM;
  else
    {
      double span_x = MAX (max_x - min_x, 1e-9) * TILE_SIZE;
      double span_y = MAX (max_y - min_y, 1e-9) * TILE_SIZE;

      zoom = log2 (MIN (width * FIT_FILL / span_x, height * FIT_FILL / span_y));
    }
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);

  centre_x = (min_x + max_x) / 2.0;
  centre_y = (min_y + max_y) / 2.0;

  viewport = shumate_map_get_viewport (self->map);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 atan (sinh (G_PI * (1.0 - 2.0 * centre_y))) * 180.0 / G_PI,
                                 centre_x * 360.0 - 180.0);
}

static gboolean
zoom_to_sites_idle (gpointer user_data)
{
  HdMapView *self = user_data;

  self->zoom_idle_id = 0;
  hd_map_view_zoom_to_sites (self);

  return G_SOURCE_REMOVE;
}

static void
hd_map_view_rebuild_markers (HdMapView *self)
{
  GListModel *sites = hd_store_get_sites (self->store);
  guint n = g_list_model_get_n_items (sites);
  gboolean was_empty = self->n_markers == 0;

  /* A widget per marker is fine at sample scale; thousands of sites want the custom layer. */
  shumate_marker_layer_remove_all (self->marker_layer);
  self->n_markers = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      if (!hd_site_get_has_position (site))
        continue;

      shumate_marker_layer_add_marker (self->marker_layer, create_site_marker (site));
      self->n_markers++;
    }

  /* Jump to the data when it first arrives; later edits keep the user's view. */
  if (was_empty && self->n_markers > 0)
    {
      if (gtk_widget_get_width (GTK_WIDGET (self)) > 1)
        hd_map_view_zoom_to_sites (self);
      else
        self->zoom_pending = TRUE;
    }
}

static void
on_store_changed (HdStore  *store,
                  guint     kinds,
                  GStrv     ids,
                  gpointer  user_data)
{
  HdMapView *self = user_data;

  if (kinds & HD_CHANGE_SITES)
    hd_map_view_rebuild_markers (self);
}

static void
hd_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  HdMapView *self = HD_MAP_VIEW (widget);

  gtk_widget_allocate (self->overlay, width, height, baseline, NULL);

  /* Moving the viewport re-allocates the map: not from inside an allocation. */
  if (self->zoom_pending && width > 1 && height > 1 && self->zoom_idle_id == 0)
    {
      self->zoom_pending = FALSE;
      self->zoom_idle_id = g_idle_add (zoom_to_sites_idle, self);
    }
}

static void
hd_map_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  HdMapView *self = HD_MAP_VIEW (widget);

  gtk_widget_measure (self->overlay, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
hd_map_view_constructed (GObject *object)
{
  HdMapView *self = HD_MAP_VIEW (object);

  G_OBJECT_CLASS (hd_map_view_parent_class)->constructed (object);

  if (self->store == NULL)
    {
      g_critical ("HdMapView needs a store");
      return;
    }

  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_DEFAULT);
  hd_map_view_rebuild_markers (self);
}

static void
hd_map_view_dispose (GObject *object)
{
  HdMapView *self = HD_MAP_VIEW (object);

  g_clear_handle_id (&self->zoom_idle_id, g_source_remove);
  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  self->map = NULL;
  self->marker_layer = NULL;
  g_clear_object (&self->projection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_map_view_parent_class)->dispose (object);
}

static void
hd_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HdMapView *self = HD_MAP_VIEW (object);

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
hd_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HdMapView *self = HD_MAP_VIEW (object);

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
hd_map_view_class_init (HdMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_map_view_constructed;
  object_class->dispose = hd_map_view_dispose;
  object_class->get_property = hd_map_view_get_property;
  object_class->set_property = hd_map_view_set_property;

  widget_class->measure = hd_map_view_measure;
  widget_class->size_allocate = hd_map_view_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "hdmapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hd_map_view_init (HdMapView *self)
{
  ShumateViewport *viewport;
  GtkWidget *scale;

  self->projection = hd_map_projection_new ();

  self->map = shumate_map_new ();
  viewport = shumate_map_get_viewport (self->map);
  shumate_viewport_set_reference_map_source (viewport, self->projection);
  shumate_viewport_set_min_zoom_level (viewport, MIN_ZOOM);
  shumate_viewport_set_max_zoom_level (viewport, MAX_ZOOM);
  shumate_viewport_set_zoom_level (viewport, DEFAULT_ZOOM);

  self->marker_layer = shumate_marker_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->marker_layer));

  scale = GTK_WIDGET (shumate_scale_new (viewport));
  gtk_widget_set_halign (scale, GTK_ALIGN_START);
  gtk_widget_set_valign (scale, GTK_ALIGN_END);
  gtk_widget_set_margin_start (scale, 12);
  gtk_widget_set_margin_bottom (scale, 12);

  self->overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->map));
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), scale);
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map of the sites"),
                                  -1);
}

GtkWidget *
hd_map_view_new (HdStore *store)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  return g_object_new (HD_TYPE_MAP_VIEW, "store", store, NULL);
}

HdStore *
hd_map_view_get_store (HdMapView *self)
{
  g_return_val_if_fail (HD_IS_MAP_VIEW (self), NULL);

  return self->store;
}

guint
hd_map_view_get_n_markers (HdMapView *self)
{
  g_return_val_if_fail (HD_IS_MAP_VIEW (self), 0);

  return self->n_markers;
}
