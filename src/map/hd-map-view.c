/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-map-view"

#include <math.h>

#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "hd-basemap-source.h"
#include "hd-belt-layer.h"
#include "hd-map-export.h"
#include "hd-map-interaction.h"
#include "hd-map-search.h"
#include "hd-map-view.h"
#include "hd-mbtiles-source.h"
#include "hd-site-layer.h"

#define TILE_SIZE       256
#define MIN_ZOOM        3
#define MAX_ZOOM        19
#define DEFAULT_ZOOM    12.0
#define SINGLE_ZOOM     15.0
/* Share of the map the sites' bounding box may fill when zooming to them. */
#define FIT_FILL        0.8
/* How long flying to a search result or a sidebar pick takes (shumate's own choice, from the
 * distance, took seconds across a city). */
#define FLY_MS          600

/* After the regions change, the map layer drawn from the old ones stays under the new layer
 * this long, so the map does not flash empty while the new tiles are drawn. */
#define OLD_LAYER_MS 1500

struct _HdMapView
{
  GtkWidget           parent_instance;

  HdStore            *store;

  GtkWidget          *overlay;
  ShumateMap         *map;
  HdBeltLayer        *belt_layer;
  HdSiteLayer        *site_layer;
  HdMapInteraction   *interaction;
  GtkWidget          *toolbar;
  GtkWidget          *search;
  GtkFileChooserNative *export_chooser;
  /* The offline base map: also the viewport's reference source (its projection). */
  HdBasemapSource    *basemap_source;
  ShumateMapLayer    *base_layer;
  ShumateMapLayer    *old_base_layer;
  guint               old_layer_timeout_id;

  /* The base chosen over the offline map ("offline", "online" or an MBTiles path), the layer
   * drawing it (none for "offline") and its source. Its failed or missing tiles are transparent:
   * the offline map shows through. */
  char               *base;
  ShumateMapLayer    *detail_layer;
  ShumateMapSource   *detail_source;
  /* path → HdMbtilesSource, for every file added */
  GHashTable         *files;
  gboolean            online;
  ShumateMapSource   *online_source;
  ShumateLicense     *license;
  GtkWidget          *controls;
  /* The workspace's regions again, on clear tiles over the detail layer (which hides the
   * offline map's copy of them). */
  HdBasemapSource    *regions_source;
  ShumateMapLayer    *regions_layer;

  gboolean            show_sites;
  gboolean            show_belts;

  guint               n_markers;
  /* Zooming to the sites needs the widget's size: done once it has one. */
  gboolean            zoom_pending;
  guint               zoom_idle_id;
};

G_DEFINE_FINAL_TYPE (HdMapView, hd_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLACING,
  PROP_CHAINING,
  PROP_BASE,
  PROP_ONLINE,
  PROP_SHOW_SITES,
  PROP_SHOW_BELTS,
  PROP_SHOW_REGIONS,
  PROP_SHOW_LABELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* A workspace can hold cities far apart (the sample has Fuzhou and Zhuhai, 650 km away): a view
 * of both shows each as a speck. So the view fits the main cluster: the sites within
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

/* Centres the view on a box in normalised Web-Mercator units and zooms so that it fills
 * FIT_FILL of the view, no less than @min_zoom. */
static void
fit_box (HdMapView *self,
         double     min_x,
         double     min_y,
         double     max_x,
         double     max_y,
         double     min_zoom)
{
  ShumateViewport *viewport;
  double centre_x, centre_y, zoom;
  int width, height;

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
  zoom = CLAMP (MAX (zoom, min_zoom), MIN_ZOOM, MAX_ZOOM);

  centre_x = (min_x + max_x) / 2.0;
  centre_y = (min_y + max_y) / 2.0;

  viewport = shumate_map_get_viewport (self->map);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 atan (sinh (G_PI * (1.0 - 2.0 * centre_y))) * 180.0 / G_PI,
                                 centre_x * 360.0 - 180.0);
}

void
hd_map_view_zoom_to_sites (HdMapView *self)
{
  double min_x, min_y, max_x, max_y;

  g_return_if_fail (HD_IS_MAP_VIEW (self));

  if (self->store == NULL || !sites_bounds (self, &min_x, &min_y, &max_x, &max_y))
    return;

  fit_box (self, min_x, min_y, max_x, max_y, MIN_ZOOM);
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
hd_map_view_sites_changed (HdMapView *self)
{
  gboolean was_empty = self->n_markers == 0;

  /* The site layer follows the store itself (by id); this only notices the first data. */
  self->n_markers = hd_site_layer_get_n_sites (self->site_layer);

  /* Jump to the data when it first arrives; later edits keep the user's view. */
  if (was_empty && self->n_markers > 0)
    {
      if (gtk_widget_get_width (GTK_WIDGET (self)) > 1)
        hd_map_view_zoom_to_sites (self);
      else
        self->zoom_pending = TRUE;
    }
}

/* Made anew whenever what it draws changes: a layer keeps the tiles it has. */
static void
update_regions_layer (HdMapView *self)
{
  GArray *regions = hd_basemap_source_get_regions (self->basemap_source);

  if (self->regions_layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->regions_layer));
  self->regions_layer = NULL;

  if (self->detail_layer == NULL || regions == NULL || regions->len == 0 ||
      !hd_basemap_source_get_show_regions (self->basemap_source))
    return;

  self->regions_layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->regions_source),
                                               shumate_map_get_viewport (self->map));
  shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (self->regions_layer),
                                  SHUMATE_LAYER (self->detail_layer));
}

static gboolean
remove_old_base_layer (gpointer user_data)
{
  HdMapView *self = user_data;

  self->old_layer_timeout_id = 0;
  if (self->old_base_layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->old_base_layer));
  self->old_base_layer = NULL;

  return G_SOURCE_REMOVE;
}

/* A ShumateMapLayer keeps the tiles it has (and its own cache): a new layer asks the source
 * for every tile again, under the source's new id. */
static void
replace_base_layer (HdMapView *self)
{
  ShumateMapLayer *layer;

  g_clear_handle_id (&self->old_layer_timeout_id, g_source_remove);
  remove_old_base_layer (self);

  layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->basemap_source),
                                 shumate_map_get_viewport (self->map));
  shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (layer),
                                  SHUMATE_LAYER (self->base_layer));
  self->old_base_layer = self->base_layer;
  self->base_layer = layer;
  self->old_layer_timeout_id = g_timeout_add (OLD_LAYER_MS, remove_old_base_layer, self);
}

/* The workspace's region boundaries are drawn into the base map's tiles. */
static void
hd_map_view_refresh_regions (HdMapView *self)
{
  g_autoptr(GArray) regions = hd_basemap_regions_from_store (self->store);

  hd_basemap_source_set_regions (self->basemap_source, regions);
  hd_basemap_source_set_regions (self->regions_source, regions);
}

static gboolean
prefers_dark (void)
{
  gboolean dark = FALSE;

  /* libadwaita mirrors its dark state into this setting. */
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  return dark;
}

static void
on_dark_changed (GtkSettings *settings,
                 GParamSpec  *pspec,
                 gpointer     user_data)
{
  HdMapView *self = user_data;
  gboolean dark = prefers_dark ();

  if (dark == hd_basemap_source_get_dark (self->basemap_source))
    return;

  hd_basemap_source_set_dark (self->basemap_source, dark);
  hd_basemap_source_set_dark (self->regions_source, dark);
  replace_base_layer (self);
  update_regions_layer (self);
}

static void
on_store_changed (HdStore  *store,
                  guint     kinds,
                  GStrv     ids,
                  gpointer  user_data)
{
  HdMapView *self = user_data;

  if (kinds & HD_CHANGE_REGIONS)
    {
      hd_map_view_refresh_regions (self);
      replace_base_layer (self);
      update_regions_layer (self);
    }
  if (kinds & HD_CHANGE_SITES)
    hd_map_view_sites_changed (self);
}

/* Base maps over the offline one */

/* (transfer none) (nullable): what draws @base over the offline map; %NULL for the offline map
 * alone, and for a base that cannot be shown now (online not allowed, a file not added). */
static ShumateMapSource *
source_for_base (HdMapView  *self,
                 const char *base)
{
  if (base == NULL || g_str_equal (base, HD_MAP_BASE_OFFLINE))
    return NULL;

  if (g_str_equal (base, HD_MAP_BASE_ONLINE))
    {
      if (!self->online)
        return NULL;
      if (self->online_source == NULL)
        {
          g_autoptr(ShumateMapSourceRegistry) registry =
            shumate_map_source_registry_new_with_defaults ();

          /* libshumate's own OSM source: tiles downloaded on demand, kept in its file cache. */
          self->online_source =
            g_object_ref (shumate_map_source_registry_get_by_id (registry,
                                                                 SHUMATE_MAP_SOURCE_OSM_MAPNIK));
        }
      return self->online_source;
    }

  return g_hash_table_lookup (self->files, base);
}

static void
update_detail_layer (HdMapView *self)
{
  ShumateMapSource *source = source_for_base (self, self->base);

  if (source == self->detail_source)
    return;

  if (self->detail_layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->detail_layer));
  self->detail_layer = NULL;
  if (self->detail_source != NULL)
    shumate_license_remove_map_source (self->license, self->detail_source);
  g_clear_object (&self->detail_source);

  if (source == NULL)
    {
      update_regions_layer (self);
      return;
    }

  self->detail_source = g_object_ref (source);
  self->detail_layer = shumate_map_layer_new (source, shumate_map_get_viewport (self->map));
  /* Over the offline map (its replacements go in right above the old one, so stay under
   * this), under the workspace's own layers. */
  if (self->belt_layer != NULL)
    shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->detail_layer),
                                     SHUMATE_LAYER (self->belt_layer));
  else
    shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (self->detail_layer),
                                    SHUMATE_LAYER (self->base_layer));
  shumate_license_append_map_source (self->license, source);
  update_regions_layer (self);
}

void
hd_map_view_set_base (HdMapView  *self,
                      const char *base)
{
  g_return_if_fail (HD_IS_MAP_VIEW (self));

  /* What cannot be shown falls back to the offline map, and says so in the property. */
  if (base == NULL || source_for_base (self, base) == NULL)
    base = HD_MAP_BASE_OFFLINE;

  if (g_strcmp0 (self->base, base) == 0)
    return;

  g_free (self->base);
  self->base = g_strdup (base);
  update_detail_layer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE]);
}

const char *
hd_map_view_get_base (HdMapView *self)
{
  g_return_val_if_fail (HD_IS_MAP_VIEW (self), NULL);

  return self->base;
}

void
hd_map_view_set_online (HdMapView *self,
                        gboolean   online)
{
  g_return_if_fail (HD_IS_MAP_VIEW (self));

  online = !!online;
  if (self->online == online)
    return;

  self->online = online;
  if (!online && g_strcmp0 (self->base, HD_MAP_BASE_ONLINE) == 0)
    hd_map_view_set_base (self, HD_MAP_BASE_OFFLINE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

gboolean
hd_map_view_get_online (HdMapView *self)
{
  g_return_val_if_fail (HD_IS_MAP_VIEW (self), FALSE);

  return self->online;
}

void
hd_map_view_set_online_source (HdMapView        *self,
                               ShumateMapSource *source)
{
  g_return_if_fail (HD_IS_MAP_VIEW (self));
  g_return_if_fail (source == NULL || SHUMATE_IS_MAP_SOURCE (source));

  if (source == self->online_source)
    return;

  g_set_object (&self->online_source, source);
  /* Showing the old one: swap layers. */
  if (g_strcmp0 (self->base, HD_MAP_BASE_ONLINE) == 0)
    update_detail_layer (self);
}

gboolean
hd_map_view_add_file (HdMapView   *self,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(HdMbtilesSource) source = NULL;

  g_return_val_if_fail (HD_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_hash_table_contains (self->files, path))
    return TRUE;

  source = hd_mbtiles_source_new_for_path (path, error);
  if (source == NULL)
    return FALSE;

  g_hash_table_insert (self->files, g_strdup (path), g_steal_pointer (&source));
  return TRUE;
}

gboolean
hd_map_view_show_file (HdMapView  *self,
                       const char *path)
{
  ShumateViewport *viewport;
  HdMbtilesSource *source;
  HdMbtiles *mbtiles;
  double west, south, east, north, lat, lon;

  g_return_val_if_fail (HD_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  source = g_hash_table_lookup (self->files, path);
  if (source == NULL)
    return FALSE;
  mbtiles = hd_mbtiles_source_get_mbtiles (source);
  if (!hd_mbtiles_get_bounds (mbtiles, &west, &south, &east, &north))
    return FALSE;

  viewport = shumate_map_get_viewport (self->map);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  if (lon >= west && lon <= east && lat >= south && lat <= north &&
      shumate_viewport_get_zoom_level (viewport) >= hd_mbtiles_get_min_zoom (mbtiles))
    return FALSE;

  fit_box (self, (west + 180.0) / 360.0,
           (1.0 - asinh (tan (CLAMP (north, -85.0511, 85.0511) * G_PI / 180.0)) / G_PI) / 2.0,
           (east + 180.0) / 360.0,
           (1.0 - asinh (tan (CLAMP (south, -85.0511, 85.0511) * G_PI / 180.0)) / G_PI) / 2.0,
           hd_mbtiles_get_min_zoom (mbtiles));
  return TRUE;
}

void
hd_map_view_remove_file (HdMapView  *self,
                         const char *path)
{
  g_return_if_fail (HD_IS_MAP_VIEW (self));
  g_return_if_fail (path != NULL);

  if (g_strcmp0 (self->base, path) == 0)
    hd_map_view_set_base (self, HD_MAP_BASE_OFFLINE);
  g_hash_table_remove (self->files, path);
}

const char *
hd_map_view_get_file_name (HdMapView  *self,
                           const char *path)
{
  ShumateMapSource *source;

  g_return_val_if_fail (HD_IS_MAP_VIEW (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  source = g_hash_table_lookup (self->files, path);
  return source != NULL ? shumate_map_source_get_name (source) : NULL;
}

static void
set_show_regions (HdMapView *self,
                  gboolean   show)
{
  if (hd_basemap_source_get_show_regions (self->basemap_source) == !!show)
    return;

  hd_basemap_source_set_show_regions (self->basemap_source, show);
  if (self->belt_layer != NULL)
    replace_base_layer (self);
  update_regions_layer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_REGIONS]);
}

static void
set_show_labels (HdMapView *self,
                 gboolean   show)
{
  if (hd_basemap_source_get_show_labels (self->basemap_source) == !!show)
    return;

  hd_basemap_source_set_show_labels (self->basemap_source, show);
  hd_basemap_source_set_show_labels (self->regions_source, show);
  if (self->belt_layer != NULL)
    replace_base_layer (self);
  update_regions_layer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LABELS]);
}

/* The workspace's layers hide as widgets: they keep their data and draw nothing. */
static void
set_show_layer (HdMapView *self,
                gboolean  *field,
                GtkWidget *layer,
                guint      prop_id,
                gboolean   show)
{
  show = !!show;
  if (*field == show)
    return;

  *field = show;
  if (layer != NULL)
    gtk_widget_set_visible (layer, show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
hd_map_view_add_control (HdMapView *self,
                         GtkWidget *control)
{
  g_return_if_fail (HD_IS_MAP_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (control));

  gtk_box_append (GTK_BOX (self->controls), control);
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

/* Planning with the mouse: see hd-map-interaction.c. The view adds the keyboard, the overlay
 * toolbar with the modes, and centring on what is selected. */

static void on_result_chosen (HdMapView   *self,
                              HdMapResult *result);
static void fly_to_bounds    (HdMapView   *self,
                              double       min_lat,
                              double       min_lon,
                              double       max_lat,
                              double       max_lon,
                              gboolean     zoom_in);

static void
on_mode_changed (HdMapView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAINING]);
}

static void
hd_map_view_setup_interaction (HdMapView *self)
{
  self->interaction = hd_map_interaction_new (self->store, self->map, self->site_layer,
                                              self->belt_layer);
  g_signal_connect_object (self->interaction, "notify::mode", G_CALLBACK (on_mode_changed), self,
                           G_CONNECT_SWAPPED);

  /* The search needs the store: made here, not with the toolbar in init. */
  self->search = hd_map_search_new (self->store);
  g_signal_connect_object (self->search, "result-chosen", G_CALLBACK (on_result_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_box_prepend (GTK_BOX (self->toolbar), self->search);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HdMapView             *self)
{
  if (self->interaction == NULL)
    return FALSE;
  if (keyval == GDK_KEY_Escape)
    return hd_map_interaction_escape (self->interaction);
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) &&
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0 &&
      (hd_map_interaction_get_selected_site (self->interaction) != NULL ||
       hd_map_interaction_get_selected_belt (self->interaction) != NULL))
    {
      g_signal_emit (self, signals[ACTIVATE], 0);
      return TRUE;
    }
  return FALSE;
}

static void
on_any_press (GtkGestureClick *gesture,
              int              n_press,
              double           x,
              double           y,
              HdMapView       *self)
{
  GtkWidget *target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  /* Keys (Escape, Enter, the modes') reach the map once it was clicked; a click in its
   * toolbar focuses what was clicked there (the search entry). */
  if (target != NULL && (target == self->toolbar || gtk_widget_is_ancestor (target, self->toolbar)))
    return;
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_result_chosen (HdMapView   *self,
                  HdMapResult *result)
{
  double min_lat, min_lon, max_lat, max_lon;

  switch (hd_map_result_get_kind (result))
    {
    case HD_MAP_RESULT_SITE:
      hd_map_interaction_select_site (self->interaction, hd_map_result_get_id (result));
      break;

    case HD_MAP_RESULT_BELT:
      hd_map_interaction_select_site (self->interaction, NULL);
      hd_map_interaction_select_belt (self->interaction, hd_map_result_get_id (result));
      break;

    case HD_MAP_RESULT_REGION:
    default:
      break;
    }
  if (hd_map_result_get_bounds (result, &min_lat, &min_lon, &max_lat, &max_lon))
    fly_to_bounds (self, min_lat, min_lon, max_lat, max_lon, TRUE);
}

static GtkWidget *
mode_button (const char *icon,
             const char *action,
             const char *tooltip)
{
  GtkWidget *button = gtk_toggle_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (button), icon);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return button;
}

static void
hd_map_view_init_interaction (HdMapView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  g_autoptr(GMenu) export_menu = NULL;
  GtkWidget *modes, *export_button;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  /* Capture: seen before the map's and the layers' own gestures, and never claimed. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_any_press), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  self->toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->toolbar, "toolbar");
  gtk_widget_add_css_class (self->toolbar, "osd");
  gtk_widget_set_halign (self->toolbar, GTK_ALIGN_START);
  gtk_widget_set_valign (self->toolbar, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->toolbar, 12);
  gtk_widget_set_margin_top (self->toolbar, 12);

  modes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (modes, "linked");
  gtk_box_append (GTK_BOX (modes),
                  mode_button ("mark-location-symbolic", "map.place-site",
                               _("Place Site (P): click the map where the new site is")));
  gtk_box_append (GTK_BOX (modes),
                  mode_button ("insert-link-symbolic", "map.add-to-route",
                               _("Add to Route (R): click sites to append them to the "
                                 "selected belt's route; Shift+click removes")));
  gtk_box_append (GTK_BOX (self->toolbar), modes);

  export_menu = g_menu_new ();
  g_menu_append (export_menu, _("Export View as _PNG…"), "map.export-png");
  g_menu_append (export_menu, _("Export View as P_DF…"), "map.export-pdf");
  export_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (export_button), "document-save-as-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (export_button), G_MENU_MODEL (export_menu));
  gtk_widget_set_tooltip_text (export_button, _("Export View"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (export_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export View"), -1);
  gtk_box_append (GTK_BOX (self->toolbar), export_button);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->toolbar);
}

gboolean
hd_map_view_export (HdMapView          *self,
                    const char         *path,
                    HdMapExportFormat   format,
                    GError            **error)
{
  g_return_val_if_fail (HD_IS_MAP_VIEW (self), FALSE);

  return hd_map_export_view (self->map, self->belt_layer, self->site_layer, path, format, error);
}

static void
on_export_response (HdMapView            *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  HdMapExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *text = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return;
  if (!hd_map_view_export (self, path, format, &error))
    {
      g_signal_emit_by_name (self->interaction, "failed", _("Cannot Export the View"), error);
      return;
    }
  /* Translators: a toast; %s is a file name */
  basename = g_path_get_basename (path);
  text = g_strdup_printf (_("Exported the view to “%s”"), basename);
  g_signal_emit_by_name (self->interaction, "notice", text);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdMapView *self = HD_MAP_VIEW (widget);
  HdMapExportFormat format = g_str_equal (action_name, "map.export-pdf") ? HD_MAP_EXPORT_PDF
                                                                         : HD_MAP_EXPORT_PNG;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->export_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
      g_clear_object (&self->export_chooser);
    }
  self->export_chooser =
    gtk_file_chooser_native_new (format == HD_MAP_EXPORT_PDF ? _("Export View as PDF")
                                                             : _("Export View as PNG"),
                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  gtk_file_filter_set_name (filter, format == HD_MAP_EXPORT_PDF ? _("PDF documents")
                                                                : _("PNG images"));
  gtk_file_filter_add_mime_type (filter, format == HD_MAP_EXPORT_PDF ? "application/pdf"
                                                                     : "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), filter);
  /* Translators: the file name an export suggests; keep the extension */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser),
                                     format == HD_MAP_EXPORT_PDF ? _("map.pdf") : _("map.png"));
  g_object_set_data (G_OBJECT (self->export_chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (on_export_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdMapView *self = HD_MAP_VIEW (widget);

  if (self->search != NULL)
    hd_map_search_focus (HD_MAP_SEARCH (self->search));
}

static void
hd_map_view_class_init_interaction (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "map.place-site", "placing");
  gtk_widget_class_install_property_action (widget_class, "map.add-to-route", "chaining");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "map.place-site", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "map.add-to-route", NULL);
  gtk_widget_class_install_action (widget_class, "map.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "map.export-png", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "map.export-pdf", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "map.find", NULL);
}

GtkWidget *
hd_map_view_get_search (HdMapView *self)
{
  g_return_val_if_fail (HD_IS_MAP_VIEW (self), NULL);

  return self->search;
}

HdMapInteraction *
hd_map_view_get_interaction (HdMapView *self)
{
  g_return_val_if_fail (HD_IS_MAP_VIEW (self), NULL);

  return self->interaction;
}

/* Pans (animated) to the middle of the box and zooms out if it does not fit; zooms in to fit
 * it too only when @zoom_in (a search result; not a sidebar pick, where the planner chose the
 * zoom). A single point is shown at SINGLE_ZOOM or closer. */
static void
fly_to_bounds (HdMapView *self,
               double     min_lat,
               double     min_lon,
               double     max_lat,
               double     max_lon,
               gboolean   zoom_in)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double x0, y0, x1, y1;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  x0 = (min_lon + 180.0) / 360.0;
  x1 = (max_lon + 180.0) / 360.0;
  y0 = (1.0 - asinh (tan (CLAMP (max_lat, -85.0511, 85.0511) * G_PI / 180.0)) / G_PI) / 2.0;
  y1 = (1.0 - asinh (tan (CLAMP (min_lat, -85.0511, 85.0511) * G_PI / 180.0)) / G_PI) / 2.0;
  if (width > 1 && height > 1 && (x1 > x0 || y1 > y0))
    {
      double fit = log2 (MIN (width * FIT_FILL / (MAX (x1 - x0, 1e-9) * TILE_SIZE),
                              height * FIT_FILL / (MAX (y1 - y0, 1e-9) * TILE_SIZE)));

      zoom = CLAMP (zoom_in ? fit : MIN (zoom, fit), MIN_ZOOM, MAX_ZOOM);
    }
  else if (zoom_in)
    zoom = MAX (zoom, SINGLE_ZOOM);
  shumate_map_go_to_full_with_duration (self->map, (min_lat + max_lat) / 2,
                                        (min_lon + max_lon) / 2, zoom, FLY_MS);
}

gboolean
hd_map_view_centre_on (HdMapView  *self,
                       const char *site_id,
                       const char *belt_id)
{
  double min_lat = 90, min_lon = 180, max_lat = -90, max_lon = -180;
  g_auto(GStrv) route = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (HD_IS_MAP_VIEW (self), FALSE);

  if (site_id != NULL)
    route = g_strdupv ((char *[]) { (char *) site_id, NULL });
  else if (belt_id != NULL)
    route = hd_store_dup_belt_route (self->store, belt_id);
  for (guint i = 0; route != NULL && route[i] != NULL; i++)
    {
      HdSite *site = hd_store_lookup_site (self->store, route[i]);

      if (site == NULL || !hd_site_get_has_position (site))
        continue;
      min_lat = MIN (min_lat, hd_site_get_latitude (site));
      max_lat = MAX (max_lat, hd_site_get_latitude (site));
      min_lon = MIN (min_lon, hd_site_get_longitude (site));
      max_lon = MAX (max_lon, hd_site_get_longitude (site));
      any = TRUE;
    }
  if (any)
    fly_to_bounds (self, min_lat, min_lon, max_lat, max_lon, FALSE);
  return any;
}

void
hd_map_view_select_site (HdMapView  *self,
                         const char *site_id,
                         gboolean    centre)
{
  g_return_if_fail (HD_IS_MAP_VIEW (self));

  if (self->interaction == NULL ||
      g_strcmp0 (hd_map_interaction_get_selected_site (self->interaction), site_id) == 0)
    return;
  hd_map_interaction_select_site (self->interaction, site_id);
  if (centre && site_id != NULL)
    hd_map_view_centre_on (self, site_id, NULL);
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

  /* Created here, before the view's own handler is connected: the layers update first. */
  self->belt_layer = hd_belt_layer_new (shumate_map_get_viewport (self->map), self->store);
  shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (self->belt_layer),
                                  SHUMATE_LAYER (self->base_layer));
  self->site_layer = hd_site_layer_new (shumate_map_get_viewport (self->map), self->store);
  shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (self->site_layer),
                                  SHUMATE_LAYER (self->belt_layer));
  hd_map_view_setup_interaction (self);
  gtk_widget_set_visible (GTK_WIDGET (self->belt_layer), self->show_belts);
  gtk_widget_set_visible (GTK_WIDGET (self->site_layer), self->show_sites);

  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-application-prefer-dark-theme",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_DEFAULT);
  /* No tile has been asked for yet: the first layer can simply draw these. */
  hd_basemap_source_set_dark (self->basemap_source, prefers_dark ());
  hd_basemap_source_set_dark (self->regions_source, prefers_dark ());
  hd_map_view_refresh_regions (self);
  update_regions_layer (self);
  hd_map_view_sites_changed (self);
}

static void
hd_map_view_dispose (GObject *object)
{
  HdMapView *self = HD_MAP_VIEW (object);

  g_clear_handle_id (&self->zoom_idle_id, g_source_remove);
  g_clear_handle_id (&self->old_layer_timeout_id, g_source_remove);
  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  self->map = NULL;
  self->belt_layer = NULL;
  self->site_layer = NULL;
  g_clear_object (&self->interaction);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  self->toolbar = NULL;
  self->search = NULL;
  self->base_layer = NULL;
  self->old_base_layer = NULL;
  self->detail_layer = NULL;
  self->regions_layer = NULL;
  self->license = NULL;
  g_clear_object (&self->regions_source);
  self->controls = NULL;
  g_clear_object (&self->detail_source);
  g_clear_object (&self->online_source);
  g_clear_pointer (&self->files, g_hash_table_unref);
  g_clear_pointer (&self->base, g_free);
  g_clear_object (&self->basemap_source);
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

    case PROP_PLACING:
      g_value_set_boolean (value, self->interaction != NULL &&
                           hd_map_interaction_get_mode (self->interaction) == HD_MAP_MODE_PLACE);
      break;

    case PROP_CHAINING:
      g_value_set_boolean (value, self->interaction != NULL &&
                           hd_map_interaction_get_mode (self->interaction) == HD_MAP_MODE_CHAIN);
      break;

    case PROP_BASE:
      g_value_set_string (value, self->base);
      break;

    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;

    case PROP_SHOW_SITES:
      g_value_set_boolean (value, self->show_sites);
      break;

    case PROP_SHOW_BELTS:
      g_value_set_boolean (value, self->show_belts);
      break;

    case PROP_SHOW_REGIONS:
      g_value_set_boolean (value, hd_basemap_source_get_show_regions (self->basemap_source));
      break;

    case PROP_SHOW_LABELS:
      g_value_set_boolean (value, hd_basemap_source_get_show_labels (self->basemap_source));
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

    case PROP_PLACING:
    case PROP_CHAINING:
      if (self->interaction != NULL)
        {
          HdMapMode mode = prop_id == PROP_PLACING ? HD_MAP_MODE_PLACE : HD_MAP_MODE_CHAIN;

          if (g_value_get_boolean (value))
            hd_map_interaction_set_mode (self->interaction, mode);
          else if (hd_map_interaction_get_mode (self->interaction) == mode)
            hd_map_interaction_set_mode (self->interaction, HD_MAP_MODE_BROWSE);
        }
      break;

    case PROP_BASE:
      hd_map_view_set_base (self, g_value_get_string (value));
      break;

    case PROP_ONLINE:
      hd_map_view_set_online (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_SITES:
      set_show_layer (self, &self->show_sites, GTK_WIDGET (self->site_layer), PROP_SHOW_SITES,
                      g_value_get_boolean (value));
      break;

    case PROP_SHOW_BELTS:
      set_show_layer (self, &self->show_belts, GTK_WIDGET (self->belt_layer), PROP_SHOW_BELTS,
                      g_value_get_boolean (value));
      break;

    case PROP_SHOW_REGIONS:
      set_show_regions (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_LABELS:
      set_show_labels (self, g_value_get_boolean (value));
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

  properties[PROP_PLACING] =
    g_param_spec_boolean ("placing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHAINING] =
    g_param_spec_boolean ("chaining", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "offline", "online" (OpenStreetMap, when #HdMapView:online allows it) or the path of an
   * MBTiles file added with hd_map_view_add_file(): drawn over the offline map. */
  properties[PROP_BASE] =
    g_param_spec_string ("base", NULL, NULL,
                         HD_MAP_BASE_OFFLINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the online base may be shown (tiles downloaded from openstreetmap.org). */
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SITES] =
    g_param_spec_boolean ("show-sites", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BELTS] =
    g_param_spec_boolean ("show-belts", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The workspace's region outlines and names on the offline map. */
  properties[PROP_SHOW_REGIONS] =
    g_param_spec_boolean ("show-regions", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Place names on the offline map. */
  properties[PROP_SHOW_LABELS] =
    g_param_spec_boolean ("show-labels", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Enter on the map: open what is selected on it. */
  signals[ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  hd_map_view_class_init_interaction (widget_class);

  gtk_widget_class_set_css_name (widget_class, "hdmapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hd_map_view_init (HdMapView *self)
{
  g_autofree char *basemap_path = hd_basemap_find_file ();
  g_autoptr(HdBasemap) basemap = NULL;
  g_autoptr(GError) error = NULL;
  ShumateViewport *viewport;
  GtkWidget *scale;

  self->base = g_strdup (HD_MAP_BASE_OFFLINE);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->show_sites = TRUE;
  self->show_belts = TRUE;

  /* Without the base-map file (a broken install) the map still works: plain land under the
   * regions, sites and belts. */
  basemap = hd_basemap_new_from_file (basemap_path, &error);
  if (basemap == NULL)
    g_warning ("No offline base map: %s", error->message);
  self->basemap_source = hd_basemap_source_new (basemap);
  self->regions_source = hd_basemap_source_new (NULL);
  hd_basemap_source_set_overlay (self->regions_source, TRUE);

  self->map = shumate_map_new ();
  viewport = shumate_map_get_viewport (self->map);
  shumate_viewport_set_reference_map_source (viewport,
                                             SHUMATE_MAP_SOURCE (self->basemap_source));
  shumate_viewport_set_min_zoom_level (viewport, MIN_ZOOM);
  shumate_viewport_set_max_zoom_level (viewport, MAX_ZOOM);
  shumate_viewport_set_zoom_level (viewport, DEFAULT_ZOOM);

  self->base_layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->basemap_source), viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->base_layer));

  scale = GTK_WIDGET (shumate_scale_new (viewport));
  gtk_widget_set_halign (scale, GTK_ALIGN_START);
  gtk_widget_set_valign (scale, GTK_ALIGN_END);
  gtk_widget_set_margin_start (scale, 12);
  gtk_widget_set_margin_bottom (scale, 12);

  self->overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->map));
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), scale);

  /* The base map's data licence asks for its attribution wherever it is shown; the detail
   * base's attribution joins it while that shows. */
  self->license = shumate_license_new ();
  shumate_license_append_map_source (self->license, SHUMATE_MAP_SOURCE (self->basemap_source));
  gtk_widget_set_halign (GTK_WIDGET (self->license), GTK_ALIGN_END);
  gtk_widget_set_valign (GTK_WIDGET (self->license), GTK_ALIGN_END);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->license));

  /* Buttons the app puts on the map (the layer switcher), top right. */
  self->controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (self->controls, GTK_ALIGN_END);
  gtk_widget_set_valign (self->controls, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->controls, 12);
  gtk_widget_set_margin_end (self->controls, 12);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->controls);
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));
  hd_map_view_init_interaction (self);

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

void
hd_map_view_set_site_lights (HdMapView  *self,
                             GHashTable *site_lights)
{
  g_return_if_fail (HD_IS_MAP_VIEW (self));

  if (self->site_layer != NULL)
    hd_site_layer_set_site_lights (self->site_layer, site_lights);
}

HdLight
hd_map_view_get_site_light (HdMapView  *self,
                            const char *site_id)
{
  g_return_val_if_fail (HD_IS_MAP_VIEW (self), HD_LIGHT_GREY);
  g_return_val_if_fail (site_id != NULL, HD_LIGHT_GREY);

  if (self->site_layer == NULL)
    return HD_LIGHT_GREY;
  return hd_site_layer_get_site_light (self->site_layer, site_id);
}

void
hd_map_view_select_belt (HdMapView  *self,
                         const char *belt_id)
{
  g_return_if_fail (HD_IS_MAP_VIEW (self));

  if (self->interaction != NULL)
    hd_map_interaction_select_belt (self->interaction, belt_id);
}

gboolean
hd_map_view_lonlat_to_widget (HdMapView *self,
                              double     lon,
                              double     lat,
                              double    *x,
                              double    *y)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  graphene_point_t point;

  double map_x, map_y;

  g_return_val_if_fail (HD_IS_MAP_VIEW (self), FALSE);

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self->map), lat, lon,
                                              &map_x, &map_y);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->map), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (map_x, map_y), &point))
    return FALSE;
  *x = point.x;
  *y = point.y;
  return TRUE;
}

ShumateViewport *
hd_map_view_get_viewport (HdMapView *self)
{
  g_return_val_if_fail (HD_IS_MAP_VIEW (self), NULL);

  return shumate_map_get_viewport (self->map);
}
