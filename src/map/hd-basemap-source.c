/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-basemap-source"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "hd-basemap-source.h"
#include "hd-geojson.h"
#include "hd-region.h"

#define TILE_SIZE 256
#define MIN_ZOOM  3
#define MAX_ZOOM  19

struct _HdBasemapSource
{
  ShumateMapSource  parent_instance;

  HdBasemap        *basemap;
  GArray           *regions;   /* HdBasemapRegion, shared read-only with tiles being drawn */
  gboolean          dark;
  gboolean          show_regions;
  gboolean          show_labels;
  gboolean          overlay;
};

G_DEFINE_FINAL_TYPE (HdBasemapSource, hd_basemap_source, SHUMATE_TYPE_MAP_SOURCE)

/* What one tile needs in its worker thread: its own references, so the source may swap its
 * regions (or go away) while the tile is drawn. */
typedef struct
{
  ShumateTile          *tile;
  HdBasemap            *basemap;
  GArray               *regions;
  HdBasemapStyle        style;
  int                   zoom;
  int                   x;
  int                   y;
  int                   size;
} TileJob;

static void
tile_job_free (gpointer data)
{
  TileJob *job = data;

  g_clear_object (&job->tile);
  g_clear_pointer (&job->basemap, hd_basemap_unref);
  g_clear_pointer (&job->regions, g_array_unref);
  g_free (job);
}

static void
render_tile_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TileJob *job = task_data;
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;
  int stride;

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->size, job->size);
  cr = cairo_create (surface);
  hd_basemap_render_tile (job->basemap, cr, job->zoom, job->x, job->y, job->size, &job->style,
                          job->regions != NULL ? (HdBasemapRegion *) (void *) job->regions->data
                                               : NULL,
                          job->regions != NULL ? job->regions->len : 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * job->size);
  cairo_surface_destroy (surface);

  g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/* Back on the main thread: the tile is a widget, so it is only touched here. */
static void
on_tile_rendered (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TileJob *job = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GError *error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Cairo's ARGB32 is premultiplied BGRA in memory on little-endian machines: GDK's default. */
  texture = gdk_memory_texture_new (job->size, job->size, GDK_MEMORY_DEFAULT, bytes,
                                    g_bytes_get_size (bytes) / job->size);
  shumate_tile_set_paintable (job->tile, GDK_PAINTABLE (texture));
  /* Drawn locally in a few milliseconds: a fade would only lag. */
  shumate_tile_set_fade_in (job->tile, FALSE);
  shumate_tile_set_state (job->tile, SHUMATE_STATE_DONE);

  g_task_return_boolean (task, TRUE);
}

static void
hd_basemap_source_fill_tile_async (ShumateMapSource    *source,
                                   ShumateTile         *tile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  HdBasemapSource *self = HD_BASEMAP_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) render = NULL;
  TileJob *job;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_basemap_source_fill_tile_async);

  job = g_new0 (TileJob, 1);
  job->tile = g_object_ref (tile);
  job->basemap = self->basemap != NULL && !self->overlay ? hd_basemap_ref (self->basemap) : NULL;
  job->regions = self->regions != NULL && self->show_regions ? g_array_ref (self->regions) : NULL;
  job->style = *hd_basemap_style_get (self->dark);
  /* Over another base map: the regions alone on a clear tile. */
  if (self->overlay)
    {
      job->style.land.alpha = 0;
      job->style.province_border.alpha = 0;
    }
  /* Without names: the same placement, drawn in no colour. */
  if (!self->show_labels)
    {
      job->style.label.alpha = 0;
      job->style.country_label.alpha = 0;
      job->style.region_label.alpha = 0;
      job->style.halo.alpha = 0;
    }
  job->zoom = shumate_tile_get_zoom_level (tile);
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  job->size = shumate_map_source_get_tile_size (source);
  g_task_set_task_data (task, job, tile_job_free);

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);

  render = g_task_new (self, cancellable, on_tile_rendered, g_object_ref (task));
  g_task_set_source_tag (render, render_tile_thread);
  g_task_set_task_data (render, job, NULL);
  g_task_run_in_thread (render, render_tile_thread);
}

static gboolean
hd_basemap_source_fill_tile_finish (ShumateMapSource  *source,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The id is the tile cache's key: it names the style and every point and name drawn. */
static void
update_id (HdBasemapSource *self)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *id = NULL;

  for (guint i = 0; self->regions != NULL && i < self->regions->len; i++)
    {
      const HdBasemapRegion *region = &g_array_index (self->regions, HdBasemapRegion, i);
      guint32 level = region->level;

      g_checksum_update (checksum, (const guchar *) region->name, strlen (region->name) + 1);
      g_checksum_update (checksum, (const guchar *) &level, sizeof level);
      for (guint r = 0; r < region->n_rings; r++)
        g_checksum_update (checksum, (const guchar *) region->rings[r].points,
                           region->rings[r].n_points * sizeof (HdPoint));
    }

  id = g_strdup_printf ("hongdai-offline-%.12s%s%s%s%s", g_checksum_get_string (checksum),
                        self->dark ? "-dark" : "",
                        self->show_regions ? "" : "-noregions",
                        self->show_labels ? "" : "-nolabels",
                        self->overlay ? "-overlay" : "");
  shumate_map_source_set_id (SHUMATE_MAP_SOURCE (self), id);
}

static void
hd_basemap_source_finalize (GObject *object)
{
  HdBasemapSource *self = HD_BASEMAP_SOURCE (object);

  g_clear_pointer (&self->basemap, hd_basemap_unref);
  g_clear_pointer (&self->regions, g_array_unref);

  G_OBJECT_CLASS (hd_basemap_source_parent_class)->finalize (object);
}

static void
hd_basemap_source_class_init (HdBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = hd_basemap_source_finalize;

  source_class->fill_tile_async = hd_basemap_source_fill_tile_async;
  source_class->fill_tile_finish = hd_basemap_source_fill_tile_finish;
}

static void
hd_basemap_source_init (HdBasemapSource *self)
{
  self->show_regions = TRUE;
  self->show_labels = TRUE;
}

HdBasemapSource *
hd_basemap_source_new (HdBasemap *basemap)
{
  HdBasemapSource *self;

  self = g_object_new (HD_TYPE_BASEMAP_SOURCE,
                       "name", _("Offline map"),
                       "license", HD_BASEMAP_ATTRIBUTION,
                       "license-uri", "https://www.gnu.org/licenses/lgpl-3.0.html",
                       "min-zoom-level", MIN_ZOOM,
                       "max-zoom-level", MAX_ZOOM,
                       "tile-size", TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  self->basemap = basemap != NULL ? hd_basemap_ref (basemap) : NULL;
  update_id (self);

  return self;
}

void
hd_basemap_source_set_regions (HdBasemapSource *self,
                               GArray          *regions)
{
  g_return_if_fail (HD_IS_BASEMAP_SOURCE (self));

  /* Tiles being drawn keep the old array alive through their own reference. */
  if (regions != NULL)
    g_array_ref (regions);
  g_clear_pointer (&self->regions, g_array_unref);
  self->regions = regions;

  update_id (self);
}

GArray *
hd_basemap_source_get_regions (HdBasemapSource *self)
{
  g_return_val_if_fail (HD_IS_BASEMAP_SOURCE (self), NULL);

  return self->regions;
}

void
hd_basemap_source_set_dark (HdBasemapSource *self,
                            gboolean         dark)
{
  g_return_if_fail (HD_IS_BASEMAP_SOURCE (self));

  dark = !!dark;
  if (self->dark == dark)
    return;

  self->dark = dark;
  update_id (self);
}

gboolean
hd_basemap_source_get_dark (HdBasemapSource *self)
{
  g_return_val_if_fail (HD_IS_BASEMAP_SOURCE (self), FALSE);

  return self->dark;
}

void
hd_basemap_source_set_show_regions (HdBasemapSource *self,
                                    gboolean         show)
{
  g_return_if_fail (HD_IS_BASEMAP_SOURCE (self));

  show = !!show;
  if (self->show_regions == show)
    return;

  self->show_regions = show;
  update_id (self);
}

gboolean
hd_basemap_source_get_show_regions (HdBasemapSource *self)
{
  g_return_val_if_fail (HD_IS_BASEMAP_SOURCE (self), FALSE);

  return self->show_regions;
}

void
hd_basemap_source_set_show_labels (HdBasemapSource *self,
                                   gboolean         show)
{
  g_return_if_fail (HD_IS_BASEMAP_SOURCE (self));

  show = !!show;
  if (self->show_labels == show)
    return;

  self->show_labels = show;
  update_id (self);
}

gboolean
hd_basemap_source_get_show_labels (HdBasemapSource *self)
{
  g_return_val_if_fail (HD_IS_BASEMAP_SOURCE (self), FALSE);

  return self->show_labels;
}

void
hd_basemap_source_set_overlay (HdBasemapSource *self,
                               gboolean         overlay)
{
  g_return_if_fail (HD_IS_BASEMAP_SOURCE (self));

  overlay = !!overlay;
  if (self->overlay == overlay)
    return;

  self->overlay = overlay;
  update_id (self);
}

/* GeoJSON boundaries */

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
add_ring (HdBasemapRegion  *region,
          JsonNode         *node,
          GError          **error)
{
  g_autoptr(GArray) points = NULL;
  JsonArray *positions;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "a ring is not an array of positions");
      return FALSE;
    }

  positions = json_node_get_array (node);
  points = g_array_sized_new (FALSE, FALSE, sizeof (HdPoint), json_array_get_length (positions));

  for (guint i = 0; i < json_array_get_length (positions); i++)
    {
      JsonNode *position = json_array_get_element (positions, i);
      JsonArray *xy;
      HdPoint p;

      if (!JSON_NODE_HOLDS_ARRAY (position) ||
          json_array_get_length (xy = json_node_get_array (position)) < 2 ||
          !node_is_number (json_array_get_element (xy, 0)) ||
          !node_is_number (json_array_get_element (xy, 1)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "position %u of a ring is not [longitude, latitude]", i);
          return FALSE;
        }

      p.x = json_array_get_double_element (xy, 0);
      p.y = json_array_get_double_element (xy, 1);
      if (!isfinite (p.x) || !isfinite (p.y) || fabs (p.x) > 180 || fabs (p.y) > 90)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "position %u of a ring is out of range", i);
          return FALSE;
        }
      g_array_append_val (points, p);
    }

  hd_basemap_region_add_ring (region, (HdPoint *) (void *) points->data, points->len);

  return TRUE;
}

static gboolean
add_polygon (HdBasemapRegion  *region,
             JsonNode         *node,
             GError          **error)
{
  JsonArray *rings;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "a polygon is not an array of rings");
      return FALSE;
    }

  rings = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (rings); i++)
    if (!add_ring (region, json_array_get_element (rings, i), error))
      return FALSE;

  return TRUE;
}

/* json-glib recurses once per level: refuse deep nesting before it parses (the store's
 * importer does too; a boundary may have come another way). */
static gboolean
nesting_within (const char *text,
                guint       limit)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if ((*p == '[' || *p == '{') && ++depth > limit)
        return FALSE;
      else if ((*p == ']' || *p == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

gboolean
hd_basemap_region_set_geojson (HdBasemapRegion  *region,
                               const char       *geometry,
                               GError          **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonNode *root, *coordinates;
  const char *type;
  gboolean ok = TRUE;

  g_return_val_if_fail (region != NULL, FALSE);
  g_return_val_if_fail (geometry != NULL, FALSE);

  if (!nesting_within (geometry, HD_GEOJSON_MAX_DEPTH))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "nested too deeply");
      return FALSE;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, geometry, -1, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "not a GeoJSON geometry object");
      return FALSE;
    }

  object = json_node_get_object (root);
  type = json_object_get_string_member_with_default (object, "type", "");
  coordinates = json_object_get_member (object, "coordinates");

  if (g_str_equal (type, "Polygon") && coordinates != NULL)
    ok = add_polygon (region, coordinates, error);
  else if (g_str_equal (type, "MultiPolygon") && coordinates != NULL &&
           JSON_NODE_HOLDS_ARRAY (coordinates))
    {
      JsonArray *polygons = json_node_get_array (coordinates);

      for (guint i = 0; ok && i < json_array_get_length (polygons); i++)
        ok = add_polygon (region, json_array_get_element (polygons, i), error);
    }
  else if (!g_str_equal (type, "Polygon") && !g_str_equal (type, "MultiPolygon"))
    {
      /* A region drawn as something else has no area to outline. */
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a %s without coordinates", type);
      ok = FALSE;
    }

  hd_basemap_region_finish (region);

  return ok;
}

GArray *
hd_basemap_regions_from_store (HdStore *store)
{
  GListModel *model;
  GArray *regions;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  regions = g_array_new (FALSE, TRUE, sizeof (HdBasemapRegion));
  g_array_set_clear_func (regions, (GDestroyNotify) hd_basemap_region_clear);

  model = hd_store_get_regions (store);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HdRegion) item = g_list_model_get_item (model, i);
      g_autoptr(GError) error = NULL;
      const char *geometry = hd_region_get_geometry (item);
      HdBasemapRegion region;

      if (geometry == NULL || *geometry == '\0')
        continue;

      hd_basemap_region_init (&region, hd_region_get_name (item), hd_region_get_level (item));
      if (!hd_basemap_region_set_geojson (&region, geometry, &error))
        g_warning ("Region “%s” has a boundary the map cannot draw: %s",
                   hd_region_get_name (item), error->message);

      if (error != NULL || region.n_rings == 0)
        {
          hd_basemap_region_clear (&region);
          continue;
        }

      g_array_append_val (regions, region);
    }

  return regions;
}
