/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "hd-basemap.h"
#include "hd-mercator.h"
#include "hd-polygon.h"

/* The base map the build generated (tests/meson.build sets HONGDAI_BASEMAP). */
static HdBasemap *basemap;
static GBytes *basemap_bytes;

/* Mercator */

static void
test_mercator_round_trip (void)
{
  static const double points[][2] = {
    { 0, 0 }, { 119.3, 26.08 }, { -180, 80 }, { 179.999, -85 }, { 73.5, 39.4 }, { -70.6, -33.4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    for (int zoom = 0; zoom <= 19; zoom += 3)
      {
        double world = hd_mercator_world_size (zoom, 256);
        double x, y, lon, lat;

        hd_mercator_lonlat_to_world (points[i][0], points[i][1], world, &x, &y);
        g_assert_cmpfloat (x, >=, 0);
        g_assert_cmpfloat (x, <=, world);
        hd_mercator_world_to_lonlat (x, y, world, &lon, &lat);
        g_assert_cmpfloat_with_epsilon (lon, points[i][0], 1e-9);
        g_assert_cmpfloat_with_epsilon (lat, points[i][1], 1e-9);
      }

  /* Past the Mercator limit a latitude is clamped, not sent to infinity. */
  {
    double u, v;

    hd_mercator_project (10, 89.9, &u, &v);
    g_assert_cmpfloat_with_epsilon (v, 0.0, 1e-12);
    hd_mercator_project (10, -90, &u, &v);
    g_assert_cmpfloat_with_epsilon (v, 1.0, 1e-12);
  }

  g_assert_cmpfloat (hd_mercator_world_size (0, 256), ==, 256);
  g_assert_cmpfloat (hd_mercator_world_size (12, 256), ==, 1048576);
}

static void
test_mercator_tile_bounds (void)
{
  static const struct {
    int zoom, x, y;
    double west, south, east, north;
  } tiles[] = {
    { 0, 0, 0, -180, -85.051129, 180, 85.051129 },
    { 1, 1, 0, 0, 0, 180, 85.051129 },
    { 2, 3, 1, 90, 0, 180, 66.513260 },
    { 6, 53, 27, 118.125, 21.943046, 123.75, 27.059126 },
    { 10, 851, 435, 119.179688, 25.799891, 119.53125, 26.115986 },
    { 15, 27242, 13923, 119.289551, 26.076521, 119.300537, 26.086388 },
  };
  double w, s, e, n;

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      int x, y;

      g_assert_true (hd_mercator_tile_bounds (tiles[i].zoom, tiles[i].x, tiles[i].y,
                                              &w, &s, &e, &n));
      g_assert_cmpfloat_with_epsilon (w, tiles[i].west, 1e-6);
      g_assert_cmpfloat_with_epsilon (s, tiles[i].south, 1e-6);
      g_assert_cmpfloat_with_epsilon (e, tiles[i].east, 1e-6);
      g_assert_cmpfloat_with_epsilon (n, tiles[i].north, 1e-6);

      /* The tile's centre lies in the tile. */
      hd_mercator_tile_at ((w + e) / 2, (s + n) / 2, tiles[i].zoom, &x, &y);
      g_assert_cmpint (x, ==, tiles[i].x);
      g_assert_cmpint (y, ==, tiles[i].y);
    }

  g_assert_false (hd_mercator_tile_bounds (2, 4, 0, &w, &s, &e, &n));
  g_assert_false (hd_mercator_tile_bounds (2, 0, -1, &w, &s, &e, &n));
  g_assert_false (hd_mercator_tile_bounds (-1, 0, 0, &w, &s, &e, &n));

  /* Longitudes wrap; latitudes beyond the limit land in the edge row. */
  {
    int x, y;

    hd_mercator_tile_at (119.3 + 360, 26.08, 10, &x, &y);
    g_assert_cmpint (x, ==, 851);
    hd_mercator_tile_at (0, 89.99, 3, &x, &y);
    g_assert_cmpint (y, ==, 0);
  }
}

/* Polygons */

static void
test_polygon_simplify (void)
{
  /* A zigzag of small teeth on a straight line goes; a big tooth stays. */
  HdPoint line[] = { { 0, 0 }, { 1, 0.01 }, { 2, 0 }, { 3, 1 }, { 4, 0 }, { 5, -0.01 }, { 6, 0 } };
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (HdPoint));

  hd_polygon_simplify (line, G_N_ELEMENTS (line), 0.1, FALSE, out);
  g_assert_cmpuint (out->len, ==, 5);
  g_assert_cmpfloat (g_array_index (out, HdPoint, 0).x, ==, 0);
  g_assert_cmpfloat (g_array_index (out, HdPoint, 2).x, ==, 3);
  g_assert_cmpfloat (g_array_index (out, HdPoint, 4).x, ==, 6);

  g_array_set_size (out, 0);
  hd_polygon_simplify (line, G_N_ELEMENTS (line), 2.0, FALSE, out);
  g_assert_cmpuint (out->len, ==, 2);
}

static void
test_polygon_label_point (void)
{
  /* A U: its centroid is in the gap between the arms, outside the shape. */
  HdPoint u[] = { { 0, 0 }, { 10, 0 }, { 10, 10 }, { 7, 10 }, { 7, 3 }, { 3, 3 }, { 3, 10 }, { 0, 10 } };
  HdRingView view = { u, G_N_ELEMENTS (u) };
  /* A square with a square hole in the middle. */
  HdPoint outer[] = { { 0, 0 }, { 10, 0 }, { 10, 10 }, { 0, 10 } };
  HdPoint hole[] = { { 3, 3 }, { 7, 3 }, { 7, 7 }, { 3, 7 } };
  HdRingView donut[] = { { outer, 4 }, { hole, 4 } };
  double x, y;

  g_assert_true (hd_polygon_label_point (&view, 1, 0.01, &x, &y));
  g_assert_true (hd_polygon_contains (&view, 1, x, y));
  g_assert_cmpfloat (hd_polygon_distance_to_edges (&view, 1, x, y), >, 1.3);

  g_assert_true (hd_polygon_label_point (donut, 2, 0.01, &x, &y));
  g_assert_true (hd_polygon_contains (donut, 2, x, y));
  g_assert_false (hd_polygon_contains (donut, 2, 5, 5));

  g_assert_cmpfloat (hd_polygon_signed_area2 (outer, 4), ==, 200);
}

static void
test_polygon_clip (void)
{
  HdPoint square[] = { { 0, 0 }, { 10, 0 }, { 10, 10 }, { 0, 10 } };
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (HdPoint));

  hd_polygon_clip_to_rect (square, 4, 5, 5, 20, 20, out);
  g_assert_cmpfloat (fabs (hd_polygon_signed_area2 ((HdPoint *) (void *) out->data, out->len)),
                     ==, 50);

  g_array_set_size (out, 0);
  hd_polygon_clip_to_rect (square, 4, 11, 11, 20, 20, out);
  g_assert_cmpuint (out->len, ==, 0);
}

/* Loading */

static void
test_load (void)
{
  g_assert_nonnull (basemap);
  /* 34 provinces, China, and the world's other countries. */
  g_assert_cmpuint (hd_basemap_get_n_features (basemap), >, 200);
  g_assert_cmpstr (hd_basemap_lookup_name (basemap, "CN.FJ"), ==, "福建省");
  g_assert_cmpstr (hd_basemap_lookup_name (basemap, "CN.TW"), ==, "台湾省");
  g_assert_cmpstr (hd_basemap_lookup_name (basemap, "CN"), ==, "中国");
  g_assert_cmpstr (hd_basemap_lookup_name (basemap, "VN"), ==, "越南");
  g_assert_null (hd_basemap_lookup_name (basemap, "XX"));
}

static GBytes *
modified (gsize         length,
          gsize         offset,
          const guint8 *patch,
          gsize         patch_length)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (basemap_bytes, &size);
  guint8 *copy = g_malloc (MAX (length, 1));

  memcpy (copy, data, MIN (length, size));
  if (patch != NULL)
    memcpy (copy + offset, patch, patch_length);

  return g_bytes_new_take (copy, length);
}

static void
assert_refused (GBytes         *bytes,
                HdBasemapError  code)
{
  g_autoptr(GError) error = NULL;
  HdBasemap *bad = hd_basemap_new_from_bytes (bytes, &error);

  g_assert_null (bad);
  g_assert_error (error, HD_BASEMAP_ERROR, (int) code);
  g_bytes_unref (bytes);
}

static void
test_refuse_bad_files (void)
{
  gsize size = g_bytes_get_size (basemap_bytes);
  const guint32 *header = g_bytes_get_data (basemap_bytes, NULL);
  guint32 n_levels = GUINT32_FROM_LE (header[4]);
  guint32 n_features = GUINT32_FROM_LE (header[5]);
  gsize parts_offset = 64 + n_levels * 16 + n_features * 48;
  guint32 le;
  g_autoptr(GError) error = NULL;
  HdBasemap *none;

  assert_refused (modified (0, 0, NULL, 0), HD_BASEMAP_ERROR_FORMAT);
  assert_refused (modified (size, 0, (const guint8 *) "PNG\r\n\032\n", 8), HD_BASEMAP_ERROR_FORMAT);

  le = GUINT32_TO_LE (2);
  assert_refused (modified (size, 8, (guint8 *) &le, 4), HD_BASEMAP_ERROR_VERSION);

  /* Cut short anywhere: in the header, in the tables, by one byte. */
  assert_refused (modified (40, 0, NULL, 0), HD_BASEMAP_ERROR_TRUNCATED);
  assert_refused (modified (size / 2, 0, NULL, 0), HD_BASEMAP_ERROR_TRUNCATED);
  assert_refused (modified (size - 1, 0, NULL, 0), HD_BASEMAP_ERROR_TRUNCATED);

  /* A part whose points run past the table. */
  le = GUINT32_TO_LE (G_MAXUINT32 - 1);
  assert_refused (modified (size, parts_offset + 24, (guint8 *) &le, 4), HD_BASEMAP_ERROR_FORMAT);
  /* A part of a feature that does not exist. */
  le = GUINT32_TO_LE (n_features);
  assert_refused (modified (size, parts_offset, (guint8 *) &le, 4), HD_BASEMAP_ERROR_FORMAT);
  /* A count that no longer adds up to the size. */
  le = GUINT32_TO_LE (n_features + 1);
  assert_refused (modified (size, 20, (guint8 *) &le, 4), HD_BASEMAP_ERROR_FORMAT);

  none = hd_basemap_new_from_file ("/nonexistent/hd-basemap.bin", &error);
  g_assert_null (none);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* Rendering */

static cairo_surface_t *
render (int                    zoom,
        int                    x,
        int                    y,
        int                    tile_size,
        gboolean               dark,
        const HdBasemapRegion *regions,
        guint                  n_regions)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, tile_size, tile_size);
  cairo_t *cr = cairo_create (surface);

  hd_basemap_render_tile (basemap, cr, zoom, x, y, tile_size, hd_basemap_style_get (dark),
                          regions, n_regions);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       int              rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 px = *(const guint32 *) (const void *) (data + y * stride + x * 4);

  rgb[0] = (px >> 16) & 0xff;
  rgb[1] = (px >> 8) & 0xff;
  rgb[2] = px & 0xff;
}

static void
assert_color (cairo_surface_t      *surface,
              int                   x,
              int                   y,
              const HdBasemapColor *color,
              int                   tolerance)
{
  int rgb[3];
  int want[3] = { (int) lround (color->red * 255), (int) lround (color->green * 255),
                  (int) lround (color->blue * 255) };

  pixel (surface, x, y, rgb);
  for (int c = 0; c < 3; c++)
    if (abs (rgb[c] - want[c]) > tolerance)
      g_error ("pixel (%d, %d) is #%02x%02x%02x, expected #%02x%02x%02x", x, y,
               rgb[0], rgb[1], rgb[2], want[0], want[1], want[2]);
}

/* Renders the tile holding (@lon, @lat) and checks that point's pixel has @color. */
static void
assert_point_color (int                   zoom,
                    double                lon,
                    double                lat,
                    gboolean              dark,
                    const HdBasemapColor *color)
{
  double world = hd_mercator_world_size (zoom, 256);
  cairo_surface_t *surface;
  double px, py;
  int tx, ty;

  hd_mercator_tile_at (lon, lat, zoom, &tx, &ty);
  hd_mercator_lonlat_to_world (lon, lat, world, &px, &py);
  surface = render (zoom, tx, ty, 256, dark, NULL, 0);
  assert_color (surface, (int) floor (px - tx * 256.0), (int) floor (py - ty * 256.0), color, 2);
  cairo_surface_destroy (surface);
}

static void
test_render_fujian (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      const HdBasemapStyle *style = hd_basemap_style_get (dark);

      /* The Taiwan Strait, off Pingtan, and inland Fujian (Sanming). */
      assert_point_color (6, 119.9, 24.3, dark, &style->sea);
      assert_point_color (6, 118.0, 26.0, dark, &style->land);
      /* The same at planning zoom, and the Pacific and Vietnam at zoom 4. */
      assert_point_color (12, 119.9, 24.3, dark, &style->sea);
      assert_point_color (12, 118.0, 26.0, dark, &style->land);
      assert_point_color (4, 150.0, 20.0, dark, &style->sea);
      assert_point_color (4, 105.0, 16.0, dark, &style->land_foreign);
    }
}

static void
square_region (HdBasemapRegion *region,
               const char      *name,
               HdRegionLevel    level,
               double           west,
               double           south,
               double           east,
               double           north)
{
  HdPoint ring[] = { { west, south }, { east, south }, { east, north }, { west, north },
                     { west, south } };

  hd_basemap_region_init (region, name, level);
  hd_basemap_region_add_ring (region, ring, G_N_ELEMENTS (ring));
  hd_basemap_region_finish (region);
}

/* At street zoom, with no detail in DCW, a workspace region's boundary is drawn where the
 * projection puts it. */
static void
test_render_region_outline (void)
{
  const HdBasemapStyle *style = hd_basemap_style_get (FALSE);
  const int tx = 27242, ty = 13923, column = 100;
  double world = hd_mercator_world_size (15, 256);
  double alpha = style->region_border.alpha * 0.8;  /* a district's line */
  double edge_lon, lat, x, y;
  HdBasemapRegion region;
  cairo_surface_t *surface, *without;

  /* The region's west edge runs down the middle of pixel column 100 of the tile. */
  hd_mercator_world_to_lonlat (tx * 256.0 + column + 0.5, ty * 256.0, world, &edge_lon, &lat);
  hd_mercator_lonlat_to_world (edge_lon, 26.08, world, &x, &y);
  g_assert_cmpfloat_with_epsilon (x - tx * 256.0, column + 0.5, 1e-6);

  /* No name: nothing but the line near the pixels looked at. */
  square_region (&region, "", HD_REGION_LEVEL_DISTRICT, edge_lon, 26.0, 119.4, 26.2);
  g_assert_false (region.has_label);
  g_assert_true (hd_basemap_region_contains (&region, 119.35, 26.1));
  g_assert_false (hd_basemap_region_contains (&region, edge_lon - 0.001, 26.1));

  surface = render (15, tx, ty, 256, FALSE, &region, 1);
  without = render (15, tx, ty, 256, FALSE, NULL, 0);

  for (int row = 8; row < 248; row += 16)
    {
      int under[3], got[3];

      /* On the line (1.5 pixels wide, so it covers the column): the line's colour over what is
       * there without the region. */
      pixel (without, column, row, under);
      pixel (surface, column, row, got);
      g_assert_cmpint (abs (got[0] - (int) lround (under[0] * (1 - alpha) + style->region_border.red * 255 * alpha)), <=, 3);
      g_assert_cmpint (abs (got[1] - (int) lround (under[1] * (1 - alpha) + style->region_border.green * 255 * alpha)), <=, 3);
      g_assert_cmpint (abs (got[2] - (int) lround (under[2] * (1 - alpha) + style->region_border.blue * 255 * alpha)), <=, 3);

      /* Off the line, either side: unchanged. */
      for (int dx = -8; dx <= 8; dx += 16)
        {
          pixel (without, column + dx, row, under);
          pixel (surface, column + dx, row, got);
          g_assert_cmpint (abs (got[0] - under[0]) + abs (got[1] - under[1]) + abs (got[2] - under[2]), <=, 2);
        }
    }

  /* Inland Fuzhou at street zoom: land, never sea. */
  assert_color (without, 200, 128, &style->land, 2);

  cairo_surface_destroy (surface);
  cairo_surface_destroy (without);
  hd_basemap_region_clear (&region);
}

static int
count_differences (cairo_surface_t *a,
                   int              ax,
                   int              ay,
                   cairo_surface_t *b,
                   int              size)
{
  int differ = 0;

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        int p[3], q[3];

        pixel (a, ax + x, ay + y, p);
        pixel (b, x, y, q);
        if (abs (p[0] - q[0]) + abs (p[1] - q[1]) + abs (p[2] - q[2]) > 24)
          differ++;
      }

  return differ;
}

/* Four tiles side by side show what one tile twice their size shows at the same scale: lines
 * and names that cross tile edges join up. */
static void
test_render_seamless (void)
{
  HdBasemapRegion regions[2];
  /* Fujian's coast with Fuzhou's districts and province names; China's north-east border. */
  static const int places[][3] = { { 7, 106, 54 }, { 5, 26, 10 }, { 10, 851, 435 } };

  square_region (&regions[0], "鼓楼区", HD_REGION_LEVEL_DISTRICT, 119.232, 26.058, 119.318, 26.135);
  square_region (&regions[1], "福州市", HD_REGION_LEVEL_CITY, 118.3, 25.3, 119.82, 26.7);

  for (guint p = 0; p < G_N_ELEMENTS (places); p++)
    {
      int zoom = places[p][0], x = places[p][1], y = places[p][2];
      cairo_surface_t *big = render (zoom, x, y, 512, FALSE, regions, 2);

      for (int q = 0; q < 4; q++)
        {
          int dx = q % 2, dy = q / 2;
          cairo_surface_t *small = render (zoom + 1, 2 * x + dx, 2 * y + dy, 256, FALSE,
                                           regions, 2);
          int differ = count_differences (big, dx * 256, dy * 256, small, 256);

          if (differ > 64)
            g_error ("z%d (%d, %d) quarter %d: %d pixels differ", zoom, x, y, q, differ);
          cairo_surface_destroy (small);
        }
      cairo_surface_destroy (big);
    }

  hd_basemap_region_clear (&regions[0]);
  hd_basemap_region_clear (&regions[1]);
}

typedef struct
{
  int              zoom, x, y;
  cairo_surface_t *surface;
} Job;

static gpointer
render_job (gpointer data)
{
  Job *job = data;

  job->surface = render (job->zoom, job->x, job->y, 256, FALSE, NULL, 0);
  return NULL;
}

/* Tiles render in shumate's worker threads: many at once must draw what one alone draws. */
static void
test_render_threads (void)
{
  Job jobs[8];
  GThread *threads[G_N_ELEMENTS (jobs)];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i].zoom = 6 + i % 3;
      jobs[i].x = (53 << (i % 3)) + (int) (i / 3);
      jobs[i].y = 27 << (i % 3);
      threads[i] = g_thread_new ("tile", render_job, &jobs[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      cairo_surface_t *alone;

      g_thread_join (threads[i]);
      alone = render (jobs[i].zoom, jobs[i].x, jobs[i].y, 256, FALSE, NULL, 0);
      g_assert_cmpint (count_differences (alone, 0, 0, jobs[i].surface, 256), ==, 0);
      cairo_surface_destroy (alone);
      cairo_surface_destroy (jobs[i].surface);
    }
}

/* Without a base map file the regions still show, on plain land. */
static void
test_render_without_basemap (void)
{
  const HdBasemapStyle *style = hd_basemap_style_get (FALSE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (surface);

  hd_basemap_render_tile (NULL, cr, 6, 53, 27, 256, style, NULL, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  assert_color (surface, 10, 10, &style->land, 1);
  assert_color (surface, 200, 200, &style->land, 1);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  path = hd_basemap_find_file ();
  basemap = hd_basemap_new_from_file (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
    g_assert_no_error (error);
    basemap_bytes = g_mapped_file_get_bytes (mapped);
  }

  g_test_add_func ("/basemap/mercator/round-trip", test_mercator_round_trip);
  g_test_add_func ("/basemap/mercator/tile-bounds", test_mercator_tile_bounds);
  g_test_add_func ("/basemap/polygon/simplify", test_polygon_simplify);
  g_test_add_func ("/basemap/polygon/label-point", test_polygon_label_point);
  g_test_add_func ("/basemap/polygon/clip", test_polygon_clip);
  g_test_add_func ("/basemap/load", test_load);
  g_test_add_func ("/basemap/refuse-bad-files", test_refuse_bad_files);
  g_test_add_func ("/basemap/render/fujian", test_render_fujian);
  g_test_add_func ("/basemap/render/region-outline", test_render_region_outline);
  g_test_add_func ("/basemap/render/seamless", test_render_seamless);
  g_test_add_func ("/basemap/render/threads", test_render_threads);
  g_test_add_func ("/basemap/render/without-basemap", test_render_without_basemap);

  status = g_test_run ();

  g_clear_pointer (&basemap, hd_basemap_unref);
  g_clear_pointer (&basemap_bytes, g_bytes_unref);

  return status;
}
