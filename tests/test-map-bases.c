/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map's base layers under Xvfb: an MBTiles file drawn over the offline map where it has
 * tiles (and the offline map where it has none), OpenStreetMap that cannot connect leaving the
 * offline map in view, and the layer switcher's actions and settings. */
#define G_LOG_DOMAIN "test-map-bases"

#include <math.h>

#include <gtk/gtk.h>

#include "hd-application.h"
#include "hd-map-layers-button.h"
#include "hd-preferences.h"
#include "hd-map-view.h"
#include "hd-mbtiles-source.h"
#include "hd-test-mbtiles.h"
#include "hd-test-ui.h"

/* Fuzhou: where the tile under test lies. */
#define CENTRE_LON 119.30
#define CENTRE_LAT 26.08

typedef struct {
  guchar *data;
  gsize   stride;
  int     width, height;
} Pixels;

static void
pixels_free (Pixels *pixels)
{
  g_free (pixels->data);
  g_free (pixels);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pixels, pixels_free)

/* What the view shows now, drawn as the screen would. */
static Pixels *
render_view (GtkWidget *view)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (view);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (view), height = gtk_widget_get_height (view);
  Pixels *pixels = g_new0 (Pixels, 1);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (view)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = (gsize) pixels->width * 4;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);
  return pixels;
}

/* GDK_MEMORY_DEFAULT: B, G, R, A premultiplied; the map is opaque. */
static void
pixel_at (const Pixels *pixels,
          double        x,
          double        y,
          int          *r,
          int          *g,
          int          *b)
{
  int px = CLAMP ((int) floor (x), 0, pixels->width - 1);
  int py = CLAMP ((int) floor (y), 0, pixels->height - 1);
  const guchar *p = pixels->data + (gsize) py * pixels->stride + (gsize) px * 4;

  *r = p[2];
  *g = p[1];
  *b = p[0];
}

static gboolean
is_red (const Pixels *pixels,
        double        x,
        double        y)
{
  int r, g, b;

  pixel_at (pixels, x, y, &r, &g, &b);
  return r > 220 && g < 40 && b < 40;
}

static gboolean
same_pixel (const Pixels *a,
            const Pixels *b,
            double        x,
            double        y)
{
  int ar, ag, ab, br, bg, bb;

  pixel_at (a, x, y, &ar, &ag, &ab);
  pixel_at (b, x, y, &br, &bg, &bb);
  return abs (ar - br) <= 8 && abs (ag - bg) <= 8 && abs (ab - bb) <= 8;
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint wake = g_timeout_add (10, keep_waking, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

/* Every label's text under @widget, one line each: what the attribution says. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static char *
attribution_text (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (SHUMATE_IS_LICENSE (child))
        collect_labels (child, text);
      else
        {
          g_autofree char *inner = attribution_text (child);

          g_string_append (text, inner);
        }
    }
  return g_string_free (text, FALSE);
}

typedef struct {
  char      *dir;
  HdStore   *store;
  GtkWidget *window;
  GtkWidget *view;
} MapFixture;

static void
map_fixture_set_up (MapFixture    *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ShumateViewport *viewport;

  fixture->dir = hd_test_dir_new ();
  path = g_build_filename (fixture->dir, "workspace.db", NULL);
  /* An empty workspace: nothing but base maps on screen. */
  fixture->store = hd_store_open (path, &error);
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  fixture->view = hd_map_view_new (fixture->store);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->view);
  gtk_window_present (GTK_WINDOW (fixture->window));

  viewport = hd_map_view_get_viewport (HD_MAP_VIEW (fixture->view));
  shumate_viewport_set_zoom_level (viewport, 8);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), CENTRE_LAT, CENTRE_LON);
  wait_ms (800);
  g_assert_cmpint (gtk_widget_get_width (fixture->view), >, 400);
}

static void
map_fixture_tear_down (MapFixture    *fixture,
                       gconstpointer  data)
{
  hd_test_destroy_window (fixture->window);
  g_clear_object (&fixture->store);
  hd_test_dir_free (fixture->dir);
}

/* The tile (@zoom, *@x, *@y) holding Fuzhou, and where its centre is drawn. */
static void
fuzhou_tile (MapFixture *fixture,
             int         zoom,
             int        *x,
             int        *y,
             double     *screen_x,
             double     *screen_y)
{
  double world = 256.0 * (1 << zoom);
  double mx = (CENTRE_LON + 180.0) / 360.0 * world;
  double my = (1.0 - asinh (tan (CENTRE_LAT * G_PI / 180.0)) / G_PI) / 2.0 * world;
  double lon, lat;

  *x = (int) (mx / 256.0);
  *y = (int) (my / 256.0);
  lon = (*x + 0.5) * 256.0 / world * 360.0 - 180.0;
  lat = atan (sinh (G_PI * (1.0 - 2.0 * (*y + 0.5) * 256.0 / world))) * 180.0 / G_PI;
  g_assert_true (hd_map_view_lonlat_to_widget (HD_MAP_VIEW (fixture->view), lon, lat,
                                               screen_x, screen_y));
}

static void
test_mbtiles_red_tile (MapFixture    *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "red.mbtiles", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.mbtiles", NULL);
  g_autoptr(GBytes) red = hd_test_png_tile (1, 0, 0, 256);
  g_autoptr(GError) error = NULL;
  g_autoptr(Pixels) offline = NULL;
  g_autoptr(Pixels) shown = NULL;
  g_autoptr(Pixels) deeper = NULL;
  g_autoptr(Pixels) removed = NULL;
  HdMapView *view = HD_MAP_VIEW (fixture->view);
  double cx, cy;
  int tx, ty;
  sqlite3 *db;

  fuzhou_tile (fixture, 8, &tx, &ty, &cx, &cy);
  /* Far enough inside the view that the tile and its neighbours are both on screen. */
  g_assert_cmpfloat (cx, >, 128 + 20);
  g_assert_cmpfloat (cx, <, gtk_widget_get_width (fixture->view) - 128 - 150);

  db = hd_test_mbtiles_new (path, "name", "Red square", "format", "png",
                            "minzoom", "8", "maxzoom", "8",
                            "attribution", "<b>Red</b> survey", NULL);
  hd_test_mbtiles_put (db, 8, tx, (1 << 8) - 1 - ty, red);
  sqlite3_close (db);

  offline = render_view (fixture->view);
  g_assert_false (is_red (offline, cx, cy));

  /* A file that is not there is refused with its name and the reason. */
  g_assert_false (hd_map_view_add_file (view, missing, &error));
  g_assert_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.mbtiles"));
  g_clear_error (&error);
  hd_map_view_set_base (view, missing);
  g_assert_cmpstr (hd_map_view_get_base (view), ==, HD_MAP_BASE_OFFLINE);

  g_assert_true (hd_map_view_add_file (view, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hd_map_view_get_file_name (view, path), ==, "Red square");
  hd_map_view_set_base (view, path);
  g_assert_cmpstr (hd_map_view_get_base (view), ==, path);
  wait_ms (800);

  shown = render_view (fixture->view);
  /* Both attributions, the file's without its markup. */
  {
    g_autofree char *text = attribution_text (fixture->view);

    g_assert_nonnull (strstr (text, "DCW"));
    g_assert_nonnull (strstr (text, "Red survey"));
    g_assert_null (strstr (text, "<b>"));
  }
  /* Red where the file's one tile is drawn, corner to corner... */
  g_assert_true (is_red (shown, cx, cy));
  g_assert_true (is_red (shown, cx - 120, cy - 120));
  g_assert_true (is_red (shown, cx + 120, cy + 120));
  /* ...and the offline map, unchanged, beside it where the file has no tile. */
  g_assert_false (is_red (shown, cx + 140, cy));
  g_assert_true (same_pixel (offline, shown, cx + 140, cy));
  g_assert_true (same_pixel (offline, shown, cx + 200, cy + 30));

  /* Two zooms past the file's deepest, its tile is enlarged rather than gone. */
  shumate_viewport_set_zoom_level (hd_map_view_get_viewport (view), 10);
  wait_ms (800);
  deeper = render_view (fixture->view);
  {
    double dx, dy;
    int zx, zy;

    fuzhou_tile (fixture, 10, &zx, &zy, &dx, &dy);
    g_assert_cmpint (zx >> 2, ==, tx);
    g_assert_cmpint (zy >> 2, ==, ty);
    g_assert_true (is_red (deeper, dx, dy));
  }

  /* Forgetting the file goes back to the offline map. */
  shumate_viewport_set_zoom_level (hd_map_view_get_viewport (view), 8);
  hd_map_view_remove_file (view, path);
  g_assert_cmpstr (hd_map_view_get_base (view), ==, HD_MAP_BASE_OFFLINE);
  g_assert_null (hd_map_view_get_file_name (view, path));
  {
    g_autofree char *text = attribution_text (fixture->view);

    g_assert_nonnull (strstr (text, "DCW"));
    g_assert_null (strstr (text, "Red survey"));
  }
  wait_ms (800);
  removed = render_view (fixture->view);
  g_assert_false (is_red (removed, cx, cy));
  g_assert_true (same_pixel (offline, removed, cx, cy));
}

static void
test_webp_tile (MapFixture    *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "red-webp.mbtiles", NULL);
  g_autoptr(GBytes) tile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Pixels) shown = NULL;
  HdMapView *view = HD_MAP_VIEW (fixture->view);
  double cx, cy;
  int tx, ty;
  sqlite3 *db;

  fuzhou_tile (fixture, 8, &tx, &ty, &cx, &cy);

  if (hd_mbtiles_source_can_decode ("image/webp"))
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 256, 256);
      char *buffer = NULL;
      gsize size = 0;

      /* The loader that reads WebP writes it too. */
      gdk_pixbuf_fill (pixbuf, 0xff0000ff);
      g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "webp", &error, NULL));
      g_assert_no_error (error);
      tile = g_bytes_new_take (buffer, size);
    }
  else
    {
      /* A 1 × 1 lossless WebP. */
      static const guint8 webp[] = "RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0"
                                   "/\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07\0";

      tile = g_bytes_new_static (webp, sizeof webp - 1);
    }

  db = hd_test_mbtiles_new (path, "format", "webp", NULL);
  hd_test_mbtiles_put (db, 8, tx, (1 << 8) - 1 - ty, tile);
  sqlite3_close (db);

  if (!hd_mbtiles_source_can_decode ("image/webp"))
    {
      /* Without the loader: refused up front, saying which package reads WebP. */
      g_assert_false (hd_map_view_add_file (view, path, &error));
      g_assert_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, "webp-pixbuf-loader"));
      return;
    }

  g_assert_true (hd_map_view_add_file (view, path, &error));
  g_assert_no_error (error);
  hd_map_view_set_base (view, path);
  wait_ms (800);
  shown = render_view (fixture->view);
  g_assert_true (is_red (shown, cx, cy));
  g_assert_false (is_red (shown, cx + 140, cy));
}

static void
test_dark_keeps_file (MapFixture    *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "red.mbtiles", NULL);
  g_autoptr(GBytes) red = hd_test_png_tile (1, 0, 0, 256);
  g_autoptr(GError) error = NULL;
  g_autoptr(Pixels) light = NULL;
  g_autoptr(Pixels) dark = NULL;
  HdMapView *view = HD_MAP_VIEW (fixture->view);
  double cx, cy;
  int tx, ty;
  sqlite3 *db;

  fuzhou_tile (fixture, 8, &tx, &ty, &cx, &cy);
  db = hd_test_mbtiles_new (path, "format", "png", "minzoom", "8", "maxzoom", "8", NULL);
  hd_test_mbtiles_put (db, 8, tx, (1 << 8) - 1 - ty, red);
  sqlite3_close (db);

  g_assert_true (hd_map_view_add_file (view, path, &error));
  g_assert_no_error (error);
  hd_map_view_set_base (view, path);
  wait_ms (800);
  light = render_view (fixture->view);
  g_assert_true (is_red (light, cx, cy));

  /* Going dark redraws the offline map under the file's layer, not over it. */
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);
  wait_ms (2000);
  dark = render_view (fixture->view);
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);
  g_assert_true (is_red (dark, cx, cy));
  g_assert_false (is_red (dark, cx + 140, cy));
  g_assert_false (same_pixel (light, dark, cx + 140, cy));
}

static void
test_show_file (MapFixture    *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "beijing.mbtiles", NULL);
  g_autofree char *unbounded = g_build_filename (fixture->dir, "unbounded.mbtiles", NULL);
  g_autoptr(GBytes) tile = hd_test_png_tile (0, 1, 0, 256);
  g_autoptr(GError) error = NULL;
  HdMapView *view = HD_MAP_VIEW (fixture->view);
  ShumateViewport *viewport = hd_map_view_get_viewport (view);
  double lat, lon;
  sqlite3 *db;

  db = hd_test_mbtiles_new (path, "format", "png", "minzoom", "12", "maxzoom", "15",
                            "bounds", "116.30,39.85,116.45,39.95", NULL);
  hd_test_mbtiles_put (db, 12, 3371, 2542, tile);
  sqlite3_close (db);
  db = hd_test_mbtiles_new (unbounded, "format", "png", NULL);
  hd_test_mbtiles_put (db, 12, 3371, 2542, tile);
  sqlite3_close (db);

  g_assert_true (hd_map_view_add_file (view, path, &error));
  g_assert_no_error (error);
  g_assert_true (hd_map_view_add_file (view, unbounded, &error));
  g_assert_no_error (error);

  /* The view is on Fuzhou: a Beijing file moves it there, at a zoom the file has tiles for. */
  g_assert_true (hd_map_view_show_file (view, path));
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  g_assert_cmpfloat (lon, >, 116.30);
  g_assert_cmpfloat (lon, <, 116.45);
  g_assert_cmpfloat (lat, >, 39.85);
  g_assert_cmpfloat (lat, <, 39.95);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 12);

  /* Already there: it stays. Without bounds there is nowhere to go. */
  g_assert_false (hd_map_view_show_file (view, path));
  g_assert_false (hd_map_view_show_file (view, unbounded));
  g_assert_false (hd_map_view_show_file (view, "/nowhere/not-added.mbtiles"));
}

/* How many pixels along the row through (@x0..@x1, @y) are not red. */
static guint
count_not_red (const Pixels *pixels,
               double        x0,
               double        x1,
               double        y)
{
  guint n = 0;

  for (double x = x0; x <= x1; x++)
    if (!is_red (pixels, x, y))
      n++;
  return n;
}

static void
test_regions_over_file (MapFixture    *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "red.mbtiles", NULL);
  g_autoptr(GBytes) red = hd_test_png_tile (1, 0, 0, 256);
  g_autoptr(HdRegion) region = hd_region_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Pixels) with_regions = NULL;
  g_autoptr(Pixels) without = NULL;
  g_autofree char *geometry = NULL;
  HdMapView *view = HD_MAP_VIEW (fixture->view);
  char w[G_ASCII_DTOSTR_BUF_SIZE], s[G_ASCII_DTOSTR_BUF_SIZE];
  char e[G_ASCII_DTOSTR_BUF_SIZE], n[G_ASCII_DTOSTR_BUF_SIZE];
  double cx, cy, west, east, north, south, world = 256.0 * (1 << 8);
  int tx, ty;
  sqlite3 *db;

  fuzhou_tile (fixture, 8, &tx, &ty, &cx, &cy);
  db = hd_test_mbtiles_new (path, "format", "png", "minzoom", "8", "maxzoom", "8", NULL);
  hd_test_mbtiles_put (db, 8, tx, (1 << 8) - 1 - ty, red);
  sqlite3_close (db);

  /* A region filling the middle half of the red tile. */
  west = (tx + 0.25) * 256.0 / world * 360.0 - 180.0;
  east = (tx + 0.75) * 256.0 / world * 360.0 - 180.0;
  north = atan (sinh (G_PI * (1.0 - 2.0 * (ty + 0.25) * 256.0 / world))) * 180.0 / G_PI;
  south = atan (sinh (G_PI * (1.0 - 2.0 * (ty + 0.75) * 256.0 / world))) * 180.0 / G_PI;
  g_ascii_formatd (w, sizeof w, "%.6f", west);
  g_ascii_formatd (e, sizeof e, "%.6f", east);
  g_ascii_formatd (n, sizeof n, "%.6f", north);
  g_ascii_formatd (s, sizeof s, "%.6f", south);
  geometry = g_strdup_printf ("{\"type\": \"Polygon\", \"coordinates\": [[[%s, %s], [%s, %s],"
                              " [%s, %s], [%s, %s], [%s, %s]]]}",
                              w, s, e, s, e, n, w, n, w, s);
  /* A city: its name shows from zoom 7 (a district's from 9). */
  hd_region_set_name (region, "Test city");
  hd_region_set_level (region, HD_REGION_LEVEL_CITY);
  hd_region_set_geometry (region, geometry);
  g_assert_true (hd_store_save_region (fixture->store, region, &error));
  g_assert_no_error (error);

  g_assert_true (hd_map_view_add_file (view, path, &error));
  g_assert_no_error (error);
  hd_map_view_set_base (view, path);
  wait_ms (1000);

  /* The region's west and east edges cross the red tile's middle row. */
  with_regions = render_view (fixture->view);
  g_assert_true (is_red (with_regions, cx - 100, cy + 40));
  g_assert_cmpuint (count_not_red (with_regions, cx - 70, cx - 58, cy + 40), >, 0);
  g_assert_cmpuint (count_not_red (with_regions, cx + 58, cx + 70, cy + 40), >, 0);

  /* The region's name sits inside it; without place names only its outline is left. */
  {
    g_autoptr(Pixels) without_names = NULL;
    guint named = 0, unnamed = 0;

    for (double y = cy - 30; y <= cy + 30; y++)
      named += count_not_red (with_regions, cx - 50, cx + 50, y);
    g_object_set (view, "show-labels", FALSE, NULL);
    wait_ms (800);
    without_names = render_view (fixture->view);
    for (double y = cy - 30; y <= cy + 30; y++)
      unnamed += count_not_red (without_names, cx - 50, cx + 50, y);
    g_test_message ("non-red pixels around the region's middle: %u with names, %u without",
                    named, unnamed);
    g_assert_cmpuint (named, >, 20);
    g_assert_cmpuint (unnamed, ==, 0);
    g_assert_cmpuint (count_not_red (without_names, cx - 70, cx - 58, cy + 40), >, 0);
  }

  /* Hidden with the layer switcher's toggle: the file's tile alone. */
  g_object_set (view, "show-regions", FALSE, NULL);
  wait_ms (800);
  without = render_view (fixture->view);
  g_assert_cmpuint (count_not_red (without, cx - 120, cx + 120, cy + 40), ==, 0);
}

static void
test_online_unreachable (MapFixture    *fixture,
                         gconstpointer  data)
{
  g_autoptr(ShumateRasterRenderer) unreachable = NULL;
  g_autoptr(Pixels) offline = NULL;
  g_autoptr(Pixels) online = NULL;
  HdMapView *view = HD_MAP_VIEW (fixture->view);
  gint64 before;
  int width = gtk_widget_get_width (fixture->view);
  int height = gtk_widget_get_height (fixture->view);

  /* TEST-NET-1 (RFC 5737): routed nowhere, so requests hang or fail, never answer. */
  /* A fixed id: its file cache (which never gets a tile) is one folder, not one a run. */
  unreachable = shumate_raster_renderer_new_full_from_url ("hongdai-test-unreachable",
                                                           "Unreachable", "© Nobody", NULL,
                                                           0, 19, 256,
                                                           SHUMATE_MAP_PROJECTION_MERCATOR,
                                                           "http://192.0.2.1:9/#Z#/#X#/#Y#.png");
  hd_map_view_set_online_source (view, SHUMATE_MAP_SOURCE (unreachable));

  /* Off by default: it cannot be chosen until allowed. */
  g_assert_false (hd_map_view_get_online (view));
  hd_map_view_set_base (view, HD_MAP_BASE_ONLINE);
  g_assert_cmpstr (hd_map_view_get_base (view), ==, HD_MAP_BASE_OFFLINE);

  offline = render_view (fixture->view);

  hd_map_view_set_online (view, TRUE);
  hd_map_view_set_base (view, HD_MAP_BASE_ONLINE);
  g_assert_cmpstr (hd_map_view_get_base (view), ==, HD_MAP_BASE_ONLINE);
  {
    g_autofree char *text = attribution_text (fixture->view);

    g_assert_nonnull (strstr (text, "© Nobody"));
  }

  /* The main loop keeps running (nothing waits on the network)... */
  before = g_get_monotonic_time ();
  wait_ms (1500);
  g_assert_cmpint (g_get_monotonic_time () - before, <, 5 * G_USEC_PER_SEC);

  /* ...and the offline map stays in view, not a blank. */
  online = render_view (fixture->view);
  for (int i = 1; i < 4; i++)
    for (int j = 1; j < 4; j++)
      g_assert_true (same_pixel (offline, online, width * i / 4.0, height * j / 4.0));

  /* Turning the preference off goes back offline. */
  hd_map_view_set_online (view, FALSE);
  g_assert_cmpstr (hd_map_view_get_base (view), ==, HD_MAP_BASE_OFFLINE);
}

/* The label of the menu item that chooses @base, or NULL when there is none. */
static char *
base_item_label (GtkWidget  *button,
                 const char *base)
{
  GtkWidget *menu_button = gtk_widget_get_first_child (button);
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autoptr(GVariant) target =
            g_menu_model_get_item_attribute_value (section, j, G_MENU_ATTRIBUTE_TARGET,
                                                   G_VARIANT_TYPE_STRING);
          char *label = NULL;

          if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), base) &&
              g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label))
            return label;
        }
    }
  return NULL;
}

static void
test_layers_button (MapFixture    *fixture,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.hongdai.Hongdai");
  g_autofree char *path = g_build_filename (fixture->dir, "detail.mbtiles", NULL);
  g_autoptr(GBytes) tile = hd_test_png_tile (0, 0, 1, 256);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  HdMapView *view = HD_MAP_VIEW (fixture->view);
  GtkWidget *button;
  sqlite3 *db;

  db = hd_test_mbtiles_new (path, "name", "north_gate", "format", "png", NULL);
  hd_test_mbtiles_put (db, 8, 0, 0, tile);
  sqlite3_close (db);

  g_settings_set_boolean (settings, "map-show-belts", FALSE);
  button = hd_map_layers_button_new (view, settings);
  hd_map_view_add_control (view, button);

  /* The remembered choices apply at once... */
  g_assert_false (g_settings_get_boolean (settings, "online-map"));
  g_assert_false (hd_map_view_get_online (view));
  {
    gboolean show_belts = TRUE;

    g_object_get (view, "show-belts", &show_belts, NULL);
    g_assert_false (show_belts);
  }

  /* ...the menu's check items toggle the layers and are remembered... */
  g_assert_true (gtk_widget_activate_action (button, "map.show-sites", NULL));
  {
    gboolean show_sites = TRUE;

    g_object_get (view, "show-sites", &show_sites, NULL);
    g_assert_false (show_sites);
  }
  g_assert_false (g_settings_get_boolean (settings, "map-show-sites"));
  g_assert_true (gtk_widget_activate_action (button, "map.show-regions", NULL));
  g_assert_false (g_settings_get_boolean (settings, "map-show-regions"));

  /* ...a file added becomes the base, and is remembered with it. */
  g_assert_true (hd_map_layers_button_add_file (HD_MAP_LAYERS_BUTTON (button), path, &error));
  g_assert_no_error (error);
  files = g_settings_get_strv (settings, "map-files");
  g_assert_true (g_strv_contains ((const char * const *) files, path));
  g_assert_cmpstr (hd_map_view_get_base (view), ==, path);
  g_assert_cmpstr (g_settings_get_string (settings, "map-base"), ==, path);
  {
    g_autofree char *label = base_item_label (button, path);
    g_autofree char *online = base_item_label (button, HD_MAP_BASE_ONLINE);

    /* Offered by its name, its underscore not taken for a mnemonic; no online map yet. */
    g_assert_cmpstr (label, ==, "north__gate");
    g_assert_null (online);
  }

  /* The radio items choose the base. */
  g_assert_true (gtk_widget_activate_action (button, "map.base", "s", HD_MAP_BASE_OFFLINE));
  g_assert_cmpstr (hd_map_view_get_base (view), ==, HD_MAP_BASE_OFFLINE);

  /* A file dropped from the preferences' list leaves the map. */
  g_settings_set_strv (settings, "map-files", NULL);
  g_assert_null (hd_map_view_get_file_name (view, path));

  /* Allowing the online map in the preferences lets the switcher choose it. */
  g_settings_set_boolean (settings, "online-map", TRUE);
  g_assert_true (hd_map_view_get_online (view));
  {
    g_autofree char *online = base_item_label (button, HD_MAP_BASE_ONLINE);

    g_assert_nonnull (online);
  }
  g_settings_set_boolean (settings, "online-map", FALSE);
  g_assert_false (hd_map_view_get_online (view));
}

static void
find_rows (GtkWidget *widget,
           GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_rows (child, rows);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  find_rows (root, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The row's remove button. */
static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Remove from the Map") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_button (child);

      if (button != NULL)
        return button;
    }
  return NULL;
}

static void
test_preferences (MapFixture    *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.hongdai.Hongdai");
  g_autofree char *good = g_build_filename (fixture->dir, "streets.mbtiles", NULL);
  g_autofree char *gone = g_build_filename (fixture->dir, "unplugged.mbtiles", NULL);
  g_autoptr(GBytes) tile = hd_test_png_tile (0, 0, 1, 256);
  const char *files[] = { good, gone, NULL };
  g_auto(GStrv) after_remove = NULL;
  g_auto(GStrv) after_undo = NULL;
  GtkWidget *preferences, *row, *online_row;
  sqlite3 *db;

  db = hd_test_mbtiles_new (good, "name", "Street detail", "format", "png", "minzoom", "10",
                            "maxzoom", "16", NULL);
  hd_test_mbtiles_put (db, 10, 0, 0, tile);
  sqlite3_close (db);
  g_settings_set_strv (settings, "map-files", files);
  g_settings_set_boolean (settings, "online-map", FALSE);

  preferences = hd_preferences_new (GTK_WINDOW (fixture->window), settings);
  gtk_window_present (GTK_WINDOW (preferences));
  wait_ms (300);

  /* A file that opens shows its name and zoom range; one that does not, why. */
  row = find_row (preferences, "Street detail");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "10–16"));
  row = find_row (preferences, "unplugged.mbtiles");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "does not exist"));

  /* The online switch writes the setting. */
  online_row = find_row (preferences, "_Download Tiles from OpenStreetMap");
  g_assert_nonnull (online_row);
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (
                           ADW_ACTION_ROW (online_row))), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "online-map"));

  /* Removing a file takes it from the list; the toast's Undo puts it back where it was. */
  g_assert_nonnull (find_button (row));
  g_signal_emit_by_name (find_button (row), "clicked");
  after_remove = g_settings_get_strv (settings, "map-files");
  g_assert_cmpuint (g_strv_length (after_remove), ==, 1);
  g_assert_cmpstr (after_remove[0], ==, good);
  g_assert_null (find_row (preferences, "unplugged.mbtiles"));
  g_assert_true (gtk_widget_activate_action (preferences, "prefs.undo-remove", NULL));
  after_undo = g_settings_get_strv (settings, "map-files");
  g_assert_cmpstrv ((const char * const *) after_undo, files);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (settings, "map-files");
  g_settings_reset (settings, "online-map");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("No display");
      return g_test_run ();
    }
  hd_application_ensure_resources ();

  g_test_add ("/map-bases/mbtiles-red-tile", MapFixture, NULL, map_fixture_set_up,
              test_mbtiles_red_tile, map_fixture_tear_down);
  g_test_add ("/map-bases/webp-tile", MapFixture, NULL, map_fixture_set_up, test_webp_tile,
              map_fixture_tear_down);
  g_test_add ("/map-bases/dark-keeps-file", MapFixture, NULL, map_fixture_set_up,
              test_dark_keeps_file, map_fixture_tear_down);
  g_test_add ("/map-bases/show-file", MapFixture, NULL, map_fixture_set_up, test_show_file,
              map_fixture_tear_down);
  g_test_add ("/map-bases/regions-over-file", MapFixture, NULL, map_fixture_set_up,
              test_regions_over_file, map_fixture_tear_down);
  g_test_add ("/map-bases/preferences", MapFixture, NULL, map_fixture_set_up, test_preferences,
              map_fixture_tear_down);
  g_test_add ("/map-bases/online-unreachable", MapFixture, NULL, map_fixture_set_up,
              test_online_unreachable, map_fixture_tear_down);
  g_test_add ("/map-bases/layers-button", MapFixture, NULL, map_fixture_set_up,
              test_layers_button, map_fixture_tear_down);

  return g_test_run ();
}
