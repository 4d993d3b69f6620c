/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-map-layers"

#include <math.h>

#include <gtk/gtk.h>

#include "hd-map-private.h"
#include "hd-map-view.h"
#include "hd-mercator.h"
#include "hd-site-layer.h"
#include "hd-store.h"
#include "hd-test-util.h"

#define N_RANDOM 5000

static void
random_points (GRand  *rand,
               guint   n,
               double  size,
               double *xs,
               double *ys)
{
  for (guint i = 0; i < n; i++)
    {
      xs[i] = g_rand_double_range (rand, -size * 0.25, size * 1.25);
      ys[i] = g_rand_double_range (rand, -size * 0.25, size * 1.25);
    }
}

static void
test_cull (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autofree double *xs = g_new (double, N_RANDOM);
  g_autofree double *ys = g_new (double, N_RANDOM);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (guint));
  HdMapRect rect = { 100, 50, 400, 300 };
  guint expected = 0, added;
  double edge_x[] = { 100, 400, 99.999, 250 };
  double edge_y[] = { 50, 300, 200, 300.001 };

  random_points (rand, N_RANDOM, 500, xs, ys);
  added = hd_map_cull (xs, ys, N_RANDOM, &rect, out);
  for (guint i = 0; i < N_RANDOM; i++)
    if (xs[i] >= 100 && xs[i] <= 400 && ys[i] >= 50 && ys[i] <= 300)
      expected++;
  g_assert_cmpuint (added, ==, expected);
  g_assert_cmpuint (out->len, ==, expected);
  for (guint k = 0; k < out->len; k++)
    {
      guint i = g_array_index (out, guint, k);

      g_assert_cmpfloat (xs[i], >=, rect.x0);
      g_assert_cmpfloat (xs[i], <=, rect.x1);
      g_assert_cmpfloat (ys[i], >=, rect.y0);
      g_assert_cmpfloat (ys[i], <=, rect.y1);
    }

  /* Edges are inside; a hair outside is not. */
  g_array_set_size (out, 0);
  g_assert_cmpuint (hd_map_cull (edge_x, edge_y, 4, &rect, out), ==, 2);
  g_assert_cmpuint (g_array_index (out, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (out, guint, 1), ==, 1);
}

static void
test_cluster (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);
  g_autofree double *xs = g_new (double, N_RANDOM);
  g_autofree double *ys = g_new (double, N_RANDOM);
  g_autoptr(GArray) visible = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (HdMapCluster));
  g_autofree double *vx = NULL;
  g_autofree double *vy = NULL;
  HdMapRect rect = { 0, 0, 1280, 800 };
  guint sum = 0;
  double two_x[] = { 1, 47, 49 };
  double two_y[] = { 1, 47, 1 };

  random_points (rand, N_RANDOM, 1280, xs, ys);
  hd_map_cull (xs, ys, N_RANDOM, &rect, visible);
  vx = g_new (double, visible->len);
  vy = g_new (double, visible->len);
  for (guint k = 0; k < visible->len; k++)
    {
      vx[k] = xs[g_array_index (visible, guint, k)];
      vy[k] = ys[g_array_index (visible, guint, k)];
    }

  hd_map_cluster (vx, vy, visible->len, 48, clusters);
  g_assert_cmpuint (clusters->len, >, 0);
  g_assert_cmpuint (clusters->len, <=, (1280 / 48 + 1) * (800 / 48 + 1));
  for (guint i = 0; i < clusters->len; i++)
    {
      const HdMapCluster *cluster = &g_array_index (clusters, HdMapCluster, i);

      g_assert_cmpuint (cluster->count, >, 0);
      sum += cluster->count;
    }
  g_assert_cmpuint (sum, ==, visible->len);

  /* The first two share a cell; the third is in the next one. */
  g_array_set_size (clusters, 0);
  hd_map_cluster (two_x, two_y, 3, 48, clusters);
  g_assert_cmpuint (clusters->len, ==, 2);
  g_assert_cmpuint (g_array_index (clusters, HdMapCluster, 0).count, ==, 2);
  g_assert_cmpfloat_with_epsilon (g_array_index (clusters, HdMapCluster, 0).x, 24, 1e-9);
  g_assert_cmpuint (g_array_index (clusters, HdMapCluster, 1).count, ==, 1);

  /* Negative coordinates (sites just off the left edge) cluster like the rest. */
  g_array_set_size (clusters, 0);
  two_x[0] = -1;
  hd_map_cluster (two_x, two_y, 3, 48, clusters);
  g_assert_cmpuint (clusters->len, ==, 3);
  g_array_set_size (clusters, 0);
  hd_map_cluster (two_x, two_y, 0, 48, clusters);
  g_assert_cmpuint (clusters->len, ==, 0);
}

static int
brute_nearest (const double *xs,
               const double *ys,
               guint         n,
               double        x,
               double        y,
               double        radius)
{
  double best = radius * radius;
  int found = -1;

  for (guint i = 0; i < n; i++)
    {
      double d = (xs[i] - x) * (xs[i] - x) + (ys[i] - y) * (ys[i] - y);

      if (d <= best)
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

static void
test_hit (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree double *xs = g_new (double, N_RANDOM);
  g_autofree double *ys = g_new (double, N_RANDOM);
  g_autoptr(HdMapGrid) grid = NULL;
  g_autoptr(HdMapGrid) empty = NULL;
  double one_x[] = { 100 };
  double one_y[] = { 100 };
  g_autoptr(HdMapGrid) single = NULL;
  guint hits = 0;

  random_points (rand, N_RANDOM, 2000, xs, ys);
  grid = hd_map_grid_new (xs, ys, N_RANDOM, 16);

  for (guint k = 0; k < 2000; k++)
    {
      double x = g_rand_double_range (rand, -600, 2600);
      double y = g_rand_double_range (rand, -600, 2600);
      int expected = brute_nearest (xs, ys, N_RANDOM, x, y, 8);
      int found = hd_map_grid_nearest (grid, x, y, 8);

      if (expected >= 0)
        {
          hits++;
          g_assert_cmpint (found, >=, 0);
          /* Ties may pick either point: compare distances. */
          g_assert_cmpfloat_with_epsilon (hypot (xs[found] - x, ys[found] - y),
                                          hypot (xs[expected] - x, ys[expected] - y), 1e-9);
        }
      else
        g_assert_cmpint (found, ==, -1);
    }
  g_assert_cmpuint (hits, >, 10);

  single = hd_map_grid_new (one_x, one_y, 1, 16);
  g_assert_cmpint (hd_map_grid_nearest (single, 107.9, 100, 8), ==, 0);
  g_assert_cmpint (hd_map_grid_nearest (single, 105, 105, 8), ==, 0);
  g_assert_cmpint (hd_map_grid_nearest (single, 108.1, 100, 8), ==, -1);
  g_assert_cmpint (hd_map_grid_nearest (single, 106, 106, 8), ==, -1);

  empty = hd_map_grid_new (NULL, NULL, 0, 16);
  g_assert_cmpint (hd_map_grid_nearest (empty, 0, 0, 8), ==, -1);
}

static void
test_grid_query (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree double *xs = g_new (double, N_RANDOM);
  g_autofree double *ys = g_new (double, N_RANDOM);
  g_autoptr(HdMapGrid) grid = NULL;
  HdMapRect all = { -125, -125, 625, 625 };
  static const HdMapRect rects[] = {
    { 100, 50, 400, 300 },
    { 0, 0, 1, 1 },
    { -1000, -1000, -900, -900 },   /* outside every bucket */
    { -1000, -1000, 1000, 1000 },   /* around them all */
    { 250, 250, 250, 250 },
  };

  random_points (rand, N_RANDOM, 500, xs, ys);
  /* An exact point on a bucket edge, and one at a query's corner. */
  xs[0] = 100;
  ys[0] = 50;
  grid = hd_map_grid_new (xs, ys, N_RANDOM, hd_map_grid_cell_for (&all, N_RANDOM, 4));

  /* The same points as a full scan, for every rectangle. */
  for (guint r = 0; r < G_N_ELEMENTS (rects); r++)
    {
      g_autoptr(GArray) scan = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) query = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

      hd_map_cull (xs, ys, N_RANDOM, &rects[r], scan);
      g_assert_cmpuint (hd_map_grid_query (grid, &rects[r], query), ==, scan->len);
      g_assert_cmpuint (query->len, ==, scan->len);
      for (guint k = 0; k < query->len; k++)
        g_hash_table_add (seen, GUINT_TO_POINTER (g_array_index (query, guint, k) + 1));
      for (guint k = 0; k < scan->len; k++)
        g_assert_true (g_hash_table_contains (seen, GUINT_TO_POINTER (g_array_index (scan, guint, k) + 1)));
    }
}

static void
test_labels (void)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (HdMapRect));
  HdMapRect a = { 0, 0, 50, 10 };
  HdMapRect overlapping = { 40, 5, 90, 15 };
  HdMapRect touching = { 50, 0, 100, 10 };

  g_assert_true (hd_map_place_label (placed, &a));
  g_assert_false (hd_map_place_label (placed, &overlapping));
  g_assert_true (hd_map_place_label (placed, &touching));
  g_assert_cmpuint (placed->len, ==, 2);
}

static void
test_belt_colour (void)
{
  double r, g, b, r2, g2, b2;

  hd_map_belt_colour ("#ff8000", "x", &r, &g, &b);
  g_assert_cmpfloat_with_epsilon (r, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (g, 128 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b, 0.0, 1e-9);

  /* No colour or a bad one: the same palette colour for the same belt every time. */
  hd_map_belt_colour (NULL, "belt-1", &r, &g, &b);
  hd_map_belt_colour ("#zzzzzz", "belt-1", &r2, &g2, &b2);
  g_assert_cmpfloat (r, ==, r2);
  g_assert_cmpfloat (g, ==, g2);
  g_assert_cmpfloat (b, ==, b2);
}

static void
test_distance (void)
{
  /* Known distances: one degree of latitude, and Fuzhou's Gulou to Cangshan. */
  static const struct {
    double lat1, lon1, lat2, lon2, metres, tolerance;
  } cases[] = {
    { 0, 0, 1, 0, 111195, 5 },
    { 26.0, 119.3, 26.0, 119.3, 0, 1e-6 },
    { 26.0820, 119.2960, 26.0380, 119.3110, 5134, 30 },
    { 0, 179.999, 0, -179.999, 222, 2 },   /* across the antimeridian */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (hd_map_distance_metres (cases[i].lat1, cases[i].lon1,
                                                            cases[i].lat2, cases[i].lon2),
                                    cases[i].metres, cases[i].tolerance);
}

static void
test_segment_distance (void)
{
  static const struct {
    double px, py, ax, ay, bx, by, distance, t;
  } cases[] = {
    { 5, 3, 0, 0, 10, 0, 3, 0.5 },     /* above the middle */
    { -4, 3, 0, 0, 10, 0, 5, 0 },      /* before the start: to the end point */
    { 13, -4, 0, 0, 10, 0, 5, 1 },     /* past the end */
    { 2, 2, 1, 1, 1, 1, 1.41421356, 0 }, /* a segment of one point */
    { 0, 10, 0, 0, 10, 10, 7.0710678, 0.5 },
  };
  const double xy[] = { 0, 0, 10, 0, 10, 10, 20, 10 };
  double distance, t;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      distance = hd_map_segment_distance (cases[i].px, cases[i].py, cases[i].ax, cases[i].ay,
                                          cases[i].bx, cases[i].by, &t);
      g_assert_cmpfloat_with_epsilon (distance, cases[i].distance, 1e-6);
      g_assert_cmpfloat_with_epsilon (t, cases[i].t, 1e-9);
    }

  g_assert_cmpint (hd_map_polyline_nearest (xy, 4, 5, 1, &distance), ==, 0);
  g_assert_cmpfloat_with_epsilon (distance, 1, 1e-9);
  g_assert_cmpint (hd_map_polyline_nearest (xy, 4, 11, 5, &distance), ==, 1);
  g_assert_cmpint (hd_map_polyline_nearest (xy, 4, 15, 12, &distance), ==, 2);
  g_assert_cmpfloat_with_epsilon (distance, 2, 1e-9);
  g_assert_cmpint (hd_map_polyline_nearest (xy, 1, 0, 0, NULL), ==, -1);
}

static void
test_route_checks (void)
{
  /* A route heading east along 26°N: 0.01° of longitude is about 1 km there. */
  const double lats[] = { 26.0, 26.0, 26.0, 26.0, 26.02, 26.0, 26.0 };
  const double lons[] = { 119.30, 119.31, 119.32, 119.35, 119.36, 119.37, 119.389 };
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) detours = g_array_new (FALSE, FALSE, sizeof (guint));

  /* 0→1, 1→2: 1 km; 2→3: 3 km (a gap); 3→4: ~2.45 km (a gap); 4→5 likewise; 5→6: 1.9 km. */
  g_assert_cmpuint (hd_map_route_gaps (lats, lons, G_N_ELEMENTS (lats), HD_MAP_GAP_METRES, gaps),
                    ==, 3);
  g_assert_cmpuint (g_array_index (gaps, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (gaps, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (gaps, guint, 2), ==, 4);

  /* Site 4 is 2.2 km north of the line from 3 to 5. The lines from 2 to 4 and from 4 to 6
   * pass 1.5 and 1.2 km from sites 3 and 5, but those are flagged as site 4's detour only. */
  g_assert_cmpuint (hd_map_route_detours (lats, lons, G_N_ELEMENTS (lats),
                                          HD_MAP_DETOUR_METRES, detours), ==, 1);
  g_assert_cmpuint (g_array_index (detours, guint, 0), ==, 4);

  /* Too short to check: nothing, and no reads past the end. */
  g_array_set_size (gaps, 0);
  g_assert_cmpuint (hd_map_route_gaps (lats, lons, 1, HD_MAP_GAP_METRES, gaps), ==, 0);
  g_assert_cmpuint (hd_map_route_detours (lats, lons, 2, HD_MAP_DETOUR_METRES, detours), ==, 0);
}

static void
test_route_label (void)
{
  static const struct {
    double xy[10];
    guint n;
    gboolean found;
    guint first, last;
    double angle;
  } cases[] = {
    { { 0, 0, 100, 0 }, 2, TRUE, 0, 1, 0 },                          /* left to right */
    { { 100, 0, 0, 0 }, 2, TRUE, 0, 1, 0 },                          /* right to left: not flipped */
    { { 0, 0, 10, 0, 10, 200 }, 3, TRUE, 1, 2, G_PI / 2 },           /* the longest: downwards */
    { { 0, 200, 0, 0 }, 2, TRUE, 0, 1, G_PI / 2 },                   /* upwards reads downwards */
    { { 100, 100, 0, 0 }, 2, TRUE, 0, 1, G_PI / 4 },                 /* up-left reads down-right */
    { { 0, 100, 100, 0 }, 2, TRUE, 0, 1, -G_PI / 4 },                /* up-right stays */
    { { 0, 0, 30, 0 }, 2, FALSE, 0, 0, 0 },                          /* too short */
    /* Short steps along a straight street make one run, long enough together. */
    { { 0, 0, 15, 2, 30, -1, 45, 1, 60, 0 }, 5, TRUE, 0, 4, 0 },
    /* A bend ends a run: the longer leg after it wins. */
    { { 0, 0, 20, 0, 40, 0, 40, 30, 40, 90 }, 5, TRUE, 2, 4, G_PI / 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint first = 99, last = 99;
      double angle = 99;

      g_assert_cmpint (hd_map_route_label (cases[i].xy, cases[i].n, 40, 6, &first, &last, &angle),
                       ==, cases[i].found);
      if (!cases[i].found)
        continue;
      g_assert_cmpuint (first, ==, cases[i].first);
      g_assert_cmpuint (last, ==, cases[i].last);
      g_assert_cmpfloat_with_epsilon (angle, cases[i].angle, 1e-9);
      g_assert_cmpfloat (angle, >, -G_PI / 2);
      g_assert_cmpfloat (angle, <=, G_PI / 2);
    }
}

static void
test_rotated_bounds (void)
{
  HdMapRect box;

  hd_map_rotated_bounds (50, 50, 40, 10, 0, &box);
  g_assert_cmpfloat_with_epsilon (box.x0, 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (box.y1, 55, 1e-9);
  hd_map_rotated_bounds (50, 50, 40, 10, G_PI / 2, &box);
  g_assert_cmpfloat_with_epsilon (box.x0, 45, 1e-9);
  g_assert_cmpfloat_with_epsilon (box.y0, 30, 1e-9);
  hd_map_rotated_bounds (0, 0, 10, 0, G_PI / 4, &box);
  g_assert_cmpfloat_with_epsilon (box.x1, 5 / G_SQRT2, 1e-9);
  g_assert_cmpfloat_with_epsilon (box.y1, 5 / G_SQRT2, 1e-9);
}

/* The UI check: the map drawn offscreen shows sites and routes where the projection says. */

typedef struct {
  const guchar *data;
  gsize         stride;
  int           width, height;
} Pixels;

static gboolean
pixel_near (const Pixels *pixels,
            double        x,
            double        y,
            double        r,
            double        g,
            double        b)
{
  int px = (int) floor (x), py = (int) floor (y);
  const guchar *p;
  double tolerance = 40;

  if (px < 0 || py < 0 || px >= pixels->width || py >= pixels->height)
    return FALSE;
  /* GDK_MEMORY_DEFAULT: B, G, R, A premultiplied; the map is opaque. */
  p = pixels->data + (gsize) py * pixels->stride + (gsize) px * 4;
  return fabs (p[2] - r * 255) <= tolerance && fabs (p[1] - g * 255) <= tolerance &&
         fabs (p[0] - b * 255) <= tolerance;
}

/* Whether a site other than @except_id (nullable) is drawn within @distance of (@x, @y). */
static gboolean
near_any_site (HdMapView  *view,
               HdStore    *store,
               double      x,
               double      y,
               double      distance,
               const char *except_id)
{
  GListModel *sites = hd_store_get_sites (store);

  for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);
      double sx, sy;

      if (!hd_site_get_has_position (site) || g_strcmp0 (hd_site_get_id (site), except_id) == 0)
        continue;
      hd_map_view_lonlat_to_widget (view, hd_site_get_longitude (site),
                                    hd_site_get_latitude (site), &sx, &sy);
      if (hypot (sx - x, sy - y) < distance)
        return TRUE;
    }
  return FALSE;
}

static gboolean
quit_loop (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_loop, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_map_pixels (void)
{
  g_autofree char *dir = hd_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "workspace.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GHashTable) lights = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *data = NULL;
  GListModel *sites, *belts;
  GtkWidget *window, *view;
  GtkSnapshot *snapshot;
  Pixels pixels;
  guint glyphs_checked = 0, segments_checked = 0;

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  hd_store_load_sample (store, &error);
  g_assert_no_error (error);

  /* Every site green: its glyph is a filled disc, so its centre has the light's colour. */
  sites = hd_store_get_sites (store);
  for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      g_hash_table_insert (lights, (gpointer) hd_site_get_id (site),
                           GINT_TO_POINTER (HD_LIGHT_GREEN));
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  view = hd_map_view_new (store);
  hd_map_view_set_site_lights (HD_MAP_VIEW (view), lights);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  spin (1000);

  g_assert_cmpint (gtk_widget_get_width (view), >, 100);
  {
    g_autoptr(HdSite) first = g_list_model_get_item (sites, 0);

    g_assert_cmpint (hd_map_view_get_site_light (HD_MAP_VIEW (view), hd_site_get_id (first)), ==,
                     hd_site_get_has_position (first) ? HD_LIGHT_GREEN : HD_LIGHT_GREY);
  }

  /* The whole sample is a city wide: closer in, on its first belt, sites a street apart are
   * glyphs apart and route segments show between them. */
  {
    g_autoptr(HdBelt) belt = g_list_model_get_item (hd_store_get_belts (store), 0);
    g_auto(GStrv) route = hd_store_dup_belt_route (store, hd_belt_get_id (belt));
    HdSite *start = hd_store_lookup_site (store, route[0]);
    ShumateViewport *viewport = hd_map_view_get_viewport (HD_MAP_VIEW (view));

    g_assert_true (hd_site_get_has_position (start));
    shumate_location_set_location (SHUMATE_LOCATION (viewport), hd_site_get_latitude (start),
                                   hd_site_get_longitude (start));
    shumate_viewport_set_zoom_level (viewport, 14);
  }

  /* Until the view has drawn at its new zoom (a busy machine, or the sanitizers, can take more
   * than a second): before that its snapshot is empty. */
  paintable = gtk_widget_paintable_new (view);
  for (guint tries = 0; node == NULL && tries < 50; tries++)
    {
      spin (200);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (view),
                              gtk_widget_get_height (view));
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (view),
                                                              gtk_widget_get_height (view)));
  if (g_getenv ("HD_TEST_MAP_PNG") != NULL)
    gdk_texture_save_to_png (texture, g_getenv ("HD_TEST_MAP_PNG"));
  pixels.width = gdk_texture_get_width (texture);
  pixels.height = gdk_texture_get_height (texture);
  pixels.stride = (gsize) pixels.width * 4;
  data = g_malloc (pixels.stride * pixels.height);
  gdk_texture_download (texture, data, pixels.stride);
  pixels.data = data;

  /* Site glyphs: green (the fallback colour; no app style sheet here) at each site. */
  for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);
      double x, y;

      if (!hd_site_get_has_position (site))
        continue;
      hd_map_view_lonlat_to_widget (HD_MAP_VIEW (view), hd_site_get_longitude (site),
                                    hd_site_get_latitude (site), &x, &y);
      /* The bottom strip holds the scale and the licence, drawn over the layers. */
      if (x < 10 || y < 10 || x > pixels.width - 10 || y > pixels.height - 48)
        continue;
      /* Where sites a street apart are drawn closer than a glyph, a neighbour's outline may
       * cover this one's centre. */
      if (near_any_site (HD_MAP_VIEW (view), store, x, y, 9, hd_site_get_id (site)))
        continue;
      /* Under the map's toolbar (search, modes, export) or its scale: hidden. Elsewhere the
       * pointer is on the site layer (tooltips, clicks): it is hit at its sites. */
      if (!SHUMATE_IS_LAYER (gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT)))
        continue;
      g_assert_true (HD_IS_SITE_LAYER (gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT)));
      g_assert_true (pixel_near (&pixels, x, y, 0x26 / 255.0, 0xa2 / 255.0, 0x69 / 255.0));
      glyphs_checked++;
    }
  g_assert_cmpuint (glyphs_checked, >=, 5);

  /* Routes: the middle of a segment, clear of every site, has the belt's colour. */
  belts = hd_store_get_belts (store);
  for (guint i = 0; i < g_list_model_get_n_items (belts) && segments_checked == 0; i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (belts, i);
      g_auto(GStrv) route = hd_store_dup_belt_route (store, hd_belt_get_id (belt));
      guint segments_covered = 0;
      double r, g, b;

      hd_map_belt_colour (hd_belt_get_colour (belt), hd_belt_get_id (belt), &r, &g, &b);
      for (guint k = 1; route[k] != NULL && route[k - 1] != NULL; k++)
        {
          HdSite *a = hd_store_lookup_site (store, route[k - 1]);
          HdSite *c = hd_store_lookup_site (store, route[k]);
          double ax, ay, cx, cy, x, y;

          if (!hd_site_get_has_position (a) || !hd_site_get_has_position (c))
            continue;
          hd_map_view_lonlat_to_widget (HD_MAP_VIEW (view), hd_site_get_longitude (a),
                                        hd_site_get_latitude (a), &ax, &ay);
          hd_map_view_lonlat_to_widget (HD_MAP_VIEW (view), hd_site_get_longitude (c),
                                        hd_site_get_latitude (c), &cx, &cy);
          if (hypot (cx - ax, cy - ay) < 20)
            continue;
          /* Three points along the segment: a direction arrow may lie over one of them; the
           * belt's name, drawn along one stretch of the route, may cover one whole segment. */
          guint points = 0, coloured = 0;

          for (guint t = 3; t <= 7; t += 2)
            {
              x = ax + (cx - ax) * t / 10.0;
              y = ay + (cy - ay) * t / 10.0;
              if (x < 0 || y < 0 || x >= pixels.width || y >= pixels.height ||
                  near_any_site (HD_MAP_VIEW (view), store, x, y, 9, NULL) ||
                  !SHUMATE_IS_MAP (gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT)))
                continue;
              points++;
              if (pixel_near (&pixels, x, y, r, g, b))
                coloured++;
            }
          if (points < 3)
            continue;
          g_test_message ("belt %s segment %u: %u of %u points coloured", hd_belt_get_name (belt), k,
                          coloured, points);
          if (coloured >= 2)
            segments_checked++;
          else
            segments_covered++;
        }
      g_assert_cmpuint (segments_covered, <=, 1);
    }
  g_assert_cmpuint (segments_checked, >=, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&store);
  hd_test_dir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/cull", test_cull);
  g_test_add_func ("/map/cluster", test_cluster);
  g_test_add_func ("/map/hit", test_hit);
  g_test_add_func ("/map/grid-query", test_grid_query);
  g_test_add_func ("/map/labels", test_labels);
  g_test_add_func ("/map/belt-colour", test_belt_colour);
  g_test_add_func ("/map/distance", test_distance);
  g_test_add_func ("/map/segment-distance", test_segment_distance);
  g_test_add_func ("/map/route-checks", test_route_checks);
  g_test_add_func ("/map/route-label", test_route_label);
  g_test_add_func ("/map/rotated-bounds", test_rotated_bounds);
  if (gtk_init_check ())
    g_test_add_func ("/map/pixels", test_map_pixels);

  return g_test_run ();
}
