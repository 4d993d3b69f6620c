/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-map-export"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "hd-map-export.h"

/* The base layers as the map shows them, as pixels; (transfer full) or NULL. */
static cairo_surface_t *
render_base (ShumateMap  *map,
             int          width,
             int          height,
             GError     **error)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (map));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  GtkSnapshot *snapshot;

  if (renderer == NULL || !gtk_widget_get_mapped (GTK_WIDGET (map)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The map is not shown: there is no view to export"));
      return NULL;
    }

  /* Only the tile layers: the routes and sites are drawn again as vectors. */
  snapshot = gtk_snapshot_new ();
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SHUMATE_IS_MAP_LAYER (child))
      gtk_widget_snapshot_child (GTK_WIDGET (map), child, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);

  /* Opaque: a PDF then needs no soft mask beside the image. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  if (node != NULL)
    {
      texture = gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      cairo_surface_flush (surface);
      /* GDK_MEMORY_DEFAULT is laid out as Cairo's ARGB32 and RGB24 (which ignores alpha). */
      gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                            cairo_image_surface_get_stride (surface));
      cairo_surface_mark_dirty (surface);
    }
  return surface;
}

/* "Base map: … · …" from each tile layer's source, bottom right, on a pale band. */
static void
draw_attribution (ShumateMap *map,
                  cairo_t    *cr,
                  int         width,
                  int         height)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  int tw, th;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(ShumateMapSource) source = NULL;
      const char *license;

      if (!SHUMATE_IS_MAP_LAYER (child))
        continue;
      g_object_get (child, "map-source", &source, NULL);
      license = source != NULL ? shumate_map_source_get_license (source) : NULL;
      if (license == NULL || *license == '\0' || strstr (text->str, license) != NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, license);
    }
  if (text->len == 0)
    return;

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans 8");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text->str, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);

  cairo_rectangle (cr, width - tw - 8, height - th - 4, tw + 8, th + 4);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_fill (cr);
  cairo_move_to (cr, width - tw - 4, height - th - 2);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  pango_cairo_show_layout (cr, layout);
}

gboolean
hd_map_export_view (ShumateMap         *map,
                    HdBeltLayer        *belts,
                    HdSiteLayer        *sites,
                    const char         *path,
                    HdMapExportFormat   format,
                    GError            **error)
{
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  int height = gtk_widget_get_height (GTK_WIDGET (map));
  cairo_surface_t *base;
  cairo_surface_t *target;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (SHUMATE_IS_MAP (map), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  base = render_base (map, MAX (width, 1), MAX (height, 1), error);
  if (base == NULL)
    return FALSE;

  /* A PDF page the size of the view, in points: 1 px = 1 pt. */
  if (format == HD_MAP_EXPORT_PDF)
    target = cairo_pdf_surface_create (path, width, height);
  else
    target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  cr = cairo_create (target);
  cairo_set_source_surface (cr, base, 0, 0);
  cairo_paint (cr);
  if (belts != NULL)
    hd_belt_layer_draw (belts, cr);
  if (sites != NULL)
    hd_site_layer_draw (sites, cr);
  draw_attribution (map, cr, width, height);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == HD_MAP_EXPORT_PNG)
    status = cairo_surface_write_to_png (target, path);
  cairo_surface_finish (target);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (target);
  cairo_surface_destroy (target);
  cairo_surface_destroy (base);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is a file name, the second %s Cairo's reason */
                   _("Could not write “%s”: %s"), name, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
