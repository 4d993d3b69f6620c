/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-mbtiles-source"

#include <glib/gi18n.h>

#include "hd-mbtiles-source.h"

#define TILE_SIZE     256
/* The deepest zoom the map view goes to; the file's own deepest is overzoomed up to it. */
#define MAX_VIEW_ZOOM 19

struct _HdMbtilesSource
{
  ShumateMapSource  parent_instance;

  HdMbtiles        *mbtiles;
};

G_DEFINE_FINAL_TYPE (HdMbtilesSource, hd_mbtiles_source, SHUMATE_TYPE_MAP_SOURCE)

typedef struct
{
  ShumateTile *tile;
  HdMbtiles   *mbtiles;
  int          zoom;
  int          x;
  int          y;
} TileJob;

static void
tile_job_free (gpointer data)
{
  TileJob *job = data;

  g_clear_object (&job->tile);
  g_clear_pointer (&job->mbtiles, hd_mbtiles_unref);
  g_free (job);
}

gboolean
hd_mbtiles_source_can_decode (const char *mime_type)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  g_return_val_if_fail (mime_type != NULL, FALSE);

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_auto(GStrv) types = gdk_pixbuf_format_get_mime_types (l->data);

      if (types != NULL && g_strv_contains ((const char * const *) types, mime_type))
        return TRUE;
    }
  return FALSE;
}

/* The part of the deepest tile that covers the asked tile, enlarged to a whole tile. */
static GdkTexture *
overzoom (GBytes  *bytes,
          int      levels,
          int      x,
          int      y,
          GError **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) part = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  int size, cell, mask, cx, cy;

  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, error);
  if (pixbuf == NULL)
    return NULL;

  size = MIN (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
  /* Beyond 2^levels ≥ size a cell is under a pixel: keep one pixel and flood the tile. */
  cell = levels < 30 ? MAX (size >> levels, 1) : 1;
  mask = levels < 30 ? (1 << levels) - 1 : G_MAXINT;
  cx = MIN ((int) (((gint64) (x & mask) * size) >> levels), size - cell);
  cy = MIN ((int) (((gint64) (y & mask) * size) >> levels), size - cell);

  part = gdk_pixbuf_new_subpixbuf (pixbuf, cx, cy, cell, cell);
  scaled = gdk_pixbuf_scale_simple (part, TILE_SIZE, TILE_SIZE,
                                    cell >= 16 ? GDK_INTERP_BILINEAR : GDK_INTERP_NEAREST);
  if (scaled == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           "Cannot enlarge the tile");
      return NULL;
    }
  return gdk_texture_new_for_pixbuf (scaled);
}

static void
read_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TileJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;
  GError *error = NULL;
  int max_zoom = hd_mbtiles_get_max_zoom (job->mbtiles);
  int levels = MAX (job->zoom - max_zoom, 0);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (job->zoom < hd_mbtiles_get_min_zoom (job->mbtiles))
    {
      g_task_return_new_error (task, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NO_TILE,
                               "No tiles at zoom %d", job->zoom);
      return;
    }

  bytes = hd_mbtiles_read_tile (job->mbtiles, job->zoom - levels, job->x >> levels,
                                job->y >> levels, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* gdk_texture_new_from_bytes() is thread-safe; it decodes PNG and JPEG itself and WebP
   * through gdk-pixbuf. */
  if (levels == 0)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  else
    texture = overzoom (bytes, levels, job->x, job->y, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/* Back on the main thread: the tile is a widget, so it is only touched here. */
static void
on_tile_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TileJob *job = g_task_get_task_data (task);
  g_autoptr(GdkTexture) texture = NULL;
  GError *error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      /* No paintable: the layer below shows through this tile. */
      shumate_tile_set_state (job->tile, SHUMATE_STATE_DONE);
      g_task_return_error (task, error);
      return;
    }

  shumate_tile_set_paintable (job->tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (job->tile, FALSE);
  shumate_tile_set_state (job->tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

static void
hd_mbtiles_source_fill_tile_async (ShumateMapSource    *source,
                                   ShumateTile         *tile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  HdMbtilesSource *self = HD_MBTILES_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read = NULL;
  TileJob *job;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_mbtiles_source_fill_tile_async);

  job = g_new0 (TileJob, 1);
  job->tile = g_object_ref (tile);
  job->mbtiles = hd_mbtiles_ref (self->mbtiles);
  job->zoom = shumate_tile_get_zoom_level (tile);
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  g_task_set_task_data (task, job, tile_job_free);

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);

  read = g_task_new (self, cancellable, on_tile_read, g_object_ref (task));
  g_task_set_source_tag (read, read_tile_thread);
  g_task_set_task_data (read, job, NULL);
  g_task_run_in_thread (read, read_tile_thread);
}

static gboolean
hd_mbtiles_source_fill_tile_finish (ShumateMapSource  *source,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
hd_mbtiles_source_finalize (GObject *object)
{
  HdMbtilesSource *self = HD_MBTILES_SOURCE (object);

  g_clear_pointer (&self->mbtiles, hd_mbtiles_unref);

  G_OBJECT_CLASS (hd_mbtiles_source_parent_class)->finalize (object);
}

static void
hd_mbtiles_source_class_init (HdMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = hd_mbtiles_source_finalize;

  source_class->fill_tile_async = hd_mbtiles_source_fill_tile_async;
  source_class->fill_tile_finish = hd_mbtiles_source_fill_tile_finish;
}

static void
hd_mbtiles_source_init (HdMbtilesSource *self)
{
}

/* Attributions are often HTML links; the licence label shows plain text. */
static char *
plain_text (const char *attribution)
{
  g_autoptr(GRegex) tags = g_regex_new ("<[^>]*>", 0, 0, NULL);
  g_autofree char *stripped = g_regex_replace_literal (tags, attribution, -1, 0, "", 0, NULL);

  if (stripped == NULL)
    return g_strdup (attribution);
  return g_strdup (g_strstrip (stripped));
}

HdMbtilesSource *
hd_mbtiles_source_new_for_path (const char  *path,
                                GError     **error)
{
  g_autoptr(HdMbtiles) mbtiles = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *license = NULL;
  HdMbtilesSource *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mbtiles = hd_mbtiles_open (path, error);
  if (mbtiles == NULL)
    return NULL;

  if (!hd_mbtiles_source_can_decode (hd_mbtiles_get_mime_type (mbtiles)))
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_FORMAT,
                   _("“%s” holds WebP tiles, and the WebP image loader is not installed "
                     "(package webp-pixbuf-loader)"), name);
      return NULL;
    }

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, path, -1);
  id = g_strdup_printf ("hongdai-mbtiles-%.12s", hash);
  if (hd_mbtiles_get_attribution (mbtiles) != NULL)
    license = plain_text (hd_mbtiles_get_attribution (mbtiles));

  self = g_object_new (HD_TYPE_MBTILES_SOURCE,
                       "id", id,
                       "name", hd_mbtiles_get_name (mbtiles),
                       "license", license,
                       "min-zoom-level", hd_mbtiles_get_min_zoom (mbtiles),
                       "max-zoom-level", MAX (hd_mbtiles_get_max_zoom (mbtiles), MAX_VIEW_ZOOM),
                       "tile-size", TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  self->mbtiles = g_steal_pointer (&mbtiles);

  return self;
}

HdMbtiles *
hd_mbtiles_source_get_mbtiles (HdMbtilesSource *self)
{
  g_return_val_if_fail (HD_IS_MBTILES_SOURCE (self), NULL);

  return self->mbtiles;
}
