/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-map-maths"

#include <math.h>
#include <string.h>

#include "hd-map-private.h"

guint
hd_map_cull (const double    *xs,
             const double    *ys,
             guint            n,
             const HdMapRect *rect,
             GArray          *out)
{
  guint added = 0;

  for (guint i = 0; i < n; i++)
    {
      if (xs[i] >= rect->x0 && xs[i] <= rect->x1 && ys[i] >= rect->y0 && ys[i] <= rect->y1)
        {
          g_array_append_val (out, i);
          added++;
        }
    }

  return added;
}

/* Cells stay aligned to multiples of @cell from the origin, so a point's cell does not depend on
 * the others; the accumulators are a dense array over the points' span of cells (the points
 * are culled to a screen, so that is small), grown coarser only for a huge span. */
#define MAX_CLUSTER_CELLS (1u << 22)

void
hd_map_cluster (const double *xs,
                const double *ys,
                guint         n,
                double        cell,
                GArray       *out)
{
  g_autofree HdMapCluster *cells = NULL;
  double min_cx, min_cy, max_cx, max_cy;
  guint cols, rows;

  g_return_if_fail (cell > 0);

  if (n == 0)
    return;

  min_cx = max_cx = floor (xs[0] / cell);
  min_cy = max_cy = floor (ys[0] / cell);
  for (guint i = 1; i < n; i++)
    {
      double cx = floor (xs[i] / cell), cy = floor (ys[i] / cell);

      min_cx = MIN (min_cx, cx);
      max_cx = MAX (max_cx, cx);
      min_cy = MIN (min_cy, cy);
      max_cy = MAX (max_cy, cy);
    }
  if ((max_cx - min_cx + 1) * (max_cy - min_cy + 1) > MAX_CLUSTER_CELLS)
    {
      hd_map_cluster (xs, ys, n, cell * 2, out);
      return;
    }

  cols = (guint) (max_cx - min_cx) + 1;
  rows = (guint) (max_cy - min_cy) + 1;
  cells = g_new0 (HdMapCluster, (gsize) cols * rows);

  for (guint i = 0; i < n; i++)
    {
      guint cx = (guint) (floor (xs[i] / cell) - min_cx);
      guint cy = (guint) (floor (ys[i] / cell) - min_cy);
      HdMapCluster *cluster = &cells[(gsize) cy * cols + cx];

      cluster->x += xs[i];
      cluster->y += ys[i];
      cluster->count++;
    }

  for (gsize c = 0; c < (gsize) cols * rows; c++)
    {
      if (cells[c].count == 0)
        continue;
      cells[c].x /= cells[c].count;
      cells[c].y /= cells[c].count;
      g_array_append_val (out, cells[c]);
    }
}

gboolean
hd_map_place_label (GArray          *placed,
                    const HdMapRect *rect)
{
  for (guint i = 0; i < placed->len; i++)
    {
      const HdMapRect *other = &g_array_index (placed, HdMapRect, i);

      if (rect->x0 < other->x1 && other->x0 < rect->x1 &&
          rect->y0 < other->y1 && other->y0 < rect->y1)
        return FALSE;
    }

  g_array_append_val (placed, *rect);
  return TRUE;
}

struct _HdMapGrid
{
  double  cell;
  double  min_x, min_y;
  guint   cols, rows;
  guint  *starts;   /* cols * rows + 1 offsets into items */
  guint  *items;    /* point indices, bucket by bucket */
  double *xs, *ys;
  guint   n;
};

/* Buckets are capped so that a point far from the rest cannot make a huge grid. */
#define MAX_GRID_CELLS (1u << 20)

HdMapGrid *
hd_map_grid_new (const double *xs,
                 const double *ys,
                 guint         n,
                 double        cell)
{
  HdMapGrid *grid = g_new0 (HdMapGrid, 1);
  double max_x = 0, max_y = 0;
  guint *fill;

  g_return_val_if_fail (cell > 0, grid);

  grid->n = n;
  grid->xs = g_memdup2 (xs, sizeof (double) * MAX (n, 1));
  grid->ys = g_memdup2 (ys, sizeof (double) * MAX (n, 1));
  grid->min_x = n > 0 ? xs[0] : 0;
  grid->min_y = n > 0 ? ys[0] : 0;
  max_x = grid->min_x;
  max_y = grid->min_y;
  for (guint i = 0; i < n; i++)
    {
      grid->min_x = MIN (grid->min_x, xs[i]);
      grid->min_y = MIN (grid->min_y, ys[i]);
      max_x = MAX (max_x, xs[i]);
      max_y = MAX (max_y, ys[i]);
    }

  grid->cell = cell;
  while (TRUE)
    {
      double cols = floor ((max_x - grid->min_x) / grid->cell) + 1;
      double rows = floor ((max_y - grid->min_y) / grid->cell) + 1;

      if (cols * rows <= MAX_GRID_CELLS)
        {
          grid->cols = (guint) cols;
          grid->rows = (guint) rows;
          break;
        }
      grid->cell *= 2;
    }

  grid->starts = g_new0 (guint, grid->cols * grid->rows + 1);
  grid->items = g_new (guint, MAX (n, 1));
  fill = g_new0 (guint, grid->cols * grid->rows);

  for (guint i = 0; i < n; i++)
    {
      guint cx = (guint) ((xs[i] - grid->min_x) / grid->cell);
      guint cy = (guint) ((ys[i] - grid->min_y) / grid->cell);

      grid->starts[cy * grid->cols + cx + 1]++;
    }
  for (guint c = 0; c < grid->cols * grid->rows; c++)
    grid->starts[c + 1] += grid->starts[c];
  for (guint i = 0; i < n; i++)
    {
      guint cx = (guint) ((xs[i] - grid->min_x) / grid->cell);
      guint cy = (guint) ((ys[i] - grid->min_y) / grid->cell);
      guint c = cy * grid->cols + cx;

      grid->items[grid->starts[c] + fill[c]++] = i;
    }
  g_free (fill);

  return grid;
}

void
hd_map_grid_free (HdMapGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->starts);
  g_free (grid->items);
  g_free (grid->xs);
  g_free (grid->ys);
  g_free (grid);
}

int
hd_map_grid_nearest (const HdMapGrid *grid,
                     double           x,
                     double           y,
                     double           radius)
{
  double best = radius * radius;
  int found = -1;
  double fx, fy;
  int cx0, cy0, cx1, cy1;

  g_return_val_if_fail (grid != NULL, -1);

  if (grid->n == 0)
    return -1;

  fx = (x - grid->min_x) / grid->cell;
  fy = (y - grid->min_y) / grid->cell;
  cx0 = (int) floor (fx - radius / grid->cell);
  cx1 = (int) floor (fx + radius / grid->cell);
  cy0 = (int) floor (fy - radius / grid->cell);
  cy1 = (int) floor (fy + radius / grid->cell);
  cx0 = MAX (cx0, 0);
  cy0 = MAX (cy0, 0);
  cx1 = MIN (cx1, (int) grid->cols - 1);
  cy1 = MIN (cy1, (int) grid->rows - 1);

  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      {
        guint c = (guint) cy * grid->cols + (guint) cx;

        for (guint k = grid->starts[c]; k < grid->starts[c + 1]; k++)
          {
            guint i = grid->items[k];
            double dx = grid->xs[i] - x;
            double dy = grid->ys[i] - y;
            double d = dx * dx + dy * dy;

            if (d <= best)
              {
                best = d;
                found = (int) i;
              }
          }
      }

  return found;
}

guint
hd_map_grid_query (const HdMapGrid *grid,
                   const HdMapRect *rect,
                   GArray          *out)
{
  guint added = 0;
  double fx0, fy0, fx1, fy1;
  guint cx0, cy0, cx1, cy1;

  g_return_val_if_fail (grid != NULL, 0);

  if (grid->n == 0)
    return 0;
  fx0 = floor ((rect->x0 - grid->min_x) / grid->cell);
  fy0 = floor ((rect->y0 - grid->min_y) / grid->cell);
  fx1 = floor ((rect->x1 - grid->min_x) / grid->cell);
  fy1 = floor ((rect->y1 - grid->min_y) / grid->cell);
  if (fx1 < 0 || fy1 < 0 || fx0 >= grid->cols || fy0 >= grid->rows)
    return 0;
  cx0 = (guint) MAX (fx0, 0);
  cy0 = (guint) MAX (fy0, 0);
  cx1 = (guint) MIN (fx1, grid->cols - 1);
  cy1 = (guint) MIN (fy1, grid->rows - 1);

  for (guint cy = cy0; cy <= cy1; cy++)
    for (guint cx = cx0; cx <= cx1; cx++)
      {
        guint c = cy * grid->cols + cx;
        /* Buckets wholly inside need no test per point. */
        gboolean inside = cx > cx0 && cx < cx1 && cy > cy0 && cy < cy1;

        for (guint k = grid->starts[c]; k < grid->starts[c + 1]; k++)
          {
            guint i = grid->items[k];

            if (inside || (grid->xs[i] >= rect->x0 && grid->xs[i] <= rect->x1 &&
                           grid->ys[i] >= rect->y0 && grid->ys[i] <= rect->y1))
              {
                g_array_append_val (out, i);
                added++;
              }
          }
      }

  return added;
}

double
hd_map_grid_cell_for (const HdMapRect *rect,
                      guint            n,
                      double           per_cell)
{
  double area = MAX ((rect->x1 - rect->x0) * (rect->y1 - rect->y0), 1e-30);

  return MAX (sqrt (area * MAX (per_cell, 1) / MAX (n, 1)), 1e-12);
}

/* Picked to read on the light and the dark base map and to stay apart from the lights'
 * green / yellow / red. */
static const guint32 palette[] = {
  0x1c71d8, 0x9141ac, 0xc64600, 0x2190a4, 0x865e3c, 0xe66100, 0x613583, 0x3d3846,
};

void
hd_map_belt_colour (const char *colour,
                    const char *belt_id,
                    double     *r,
                    double     *g,
                    double     *b)
{
  guint32 rgb;

  if (colour != NULL && colour[0] == '#' && strlen (colour) == 7 &&
      g_ascii_isxdigit (colour[1]))
    {
      char *end = NULL;
      guint64 value = g_ascii_strtoull (colour + 1, &end, 16);

      if (end != NULL && *end == '\0')
        {
          rgb = (guint32) value;
          goto out;
        }
    }

  rgb = palette[(belt_id != NULL ? g_str_hash (belt_id) : 0) % G_N_ELEMENTS (palette)];

out:
  *r = ((rgb >> 16) & 0xff) / 255.0;
  *g = ((rgb >> 8) & 0xff) / 255.0;
  *b = (rgb & 0xff) / 255.0;
}

#define EARTH_RADIUS_M 6371008.8

double
hd_map_distance_metres (double lat1,
                        double lon1,
                        double lat2,
                        double lon2)
{
  double phi1 = lat1 * G_PI / 180.0, phi2 = lat2 * G_PI / 180.0;
  double dphi = phi2 - phi1;
  double dlambda = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dphi / 2) * sin (dphi / 2) +
             cos (phi1) * cos (phi2) * sin (dlambda / 2) * sin (dlambda / 2);

  return 2 * EARTH_RADIUS_M * asin (MIN (1.0, sqrt (a)));
}

double
hd_map_segment_distance (double  px,
                         double  py,
                         double  ax,
                         double  ay,
                         double  bx,
                         double  by,
                         double *t)
{
  double dx = bx - ax, dy = by - ay;
  double length2 = dx * dx + dy * dy;
  double along = 0;

  if (length2 > 0)
    along = CLAMP (((px - ax) * dx + (py - ay) * dy) / length2, 0.0, 1.0);
  if (t != NULL)
    *t = along;
  return hypot (px - (ax + along * dx), py - (ay + along * dy));
}

int
hd_map_polyline_nearest (const double *xy,
                         guint         n,
                         double        x,
                         double        y,
                         double       *distance)
{
  double best = G_MAXDOUBLE;
  int found = -1;

  for (guint i = 0; i + 1 < n; i++)
    {
      double d = hd_map_segment_distance (x, y, xy[2 * i], xy[2 * i + 1],
                                          xy[2 * i + 2], xy[2 * i + 3], NULL);

      if (d < best)
        {
          best = d;
          found = (int) i;
        }
    }

  if (distance != NULL)
    *distance = best;
  return found;
}

guint
hd_map_route_gaps (const double *lats,
                   const double *lons,
                   guint         n,
                   double        threshold,
                   GArray       *out)
{
  guint added = 0;

  for (guint i = 0; i + 1 < n; i++)
    {
      if (hd_map_distance_metres (lats[i], lons[i], lats[i + 1], lons[i + 1]) > threshold)
        {
          g_array_append_val (out, i);
          added++;
        }
    }

  return added;
}

/* Metres east and north of (@lat0, @lon0): flat enough over the few kilometres between
 * neighbouring sites. */
static void
local_plane (double  lat0,
             double  lon0,
             double  lat,
             double  lon,
             double *x,
             double *y)
{
  double metres_per_degree = EARTH_RADIUS_M * G_PI / 180.0;

  *x = (lon - lon0) * metres_per_degree * cos (lat0 * G_PI / 180.0);
  *y = (lat - lat0) * metres_per_degree;
}

/* How far site i is from the straight line between its neighbours, in metres. */
static double
detour_of (const double *lats,
           const double *lons,
           guint         n,
           guint         i)
{
  double ax, ay, bx, by;

  if (i == 0 || i + 1 >= n)
    return 0;
  local_plane (lats[i], lons[i], lats[i - 1], lons[i - 1], &ax, &ay);
  local_plane (lats[i], lons[i], lats[i + 1], lons[i + 1], &bx, &by);
  return hd_map_segment_distance (0, 0, ax, ay, bx, by, NULL);
}

guint
hd_map_route_detours (const double *lats,
                      const double *lons,
                      guint         n,
                      double        threshold,
                      GArray       *out)
{
  double before = 0, here, after;
  guint added = 0;

  if (n < 3)
    return 0;

  here = detour_of (lats, lons, n, 1);
  for (guint i = 1; i + 1 < n; i++)
    {
      after = detour_of (lats, lons, n, i + 1);
      /* The line between a detour's neighbours bends towards it too: only the site that
       * makes the detour is flagged, not the sites next to it. */
      if (here > threshold && here >= before && here >= after)
        {
          g_array_append_val (out, i);
          added++;
        }
      before = here;
      here = after;
    }

  return added;
}

/* How far the points strictly between @i and @j are from the chord i–j, at most. */
static double
run_deviation (const double *xy,
               guint         i,
               guint         j)
{
  double worst = 0;

  for (guint k = i + 1; k < j; k++)
    worst = MAX (worst, hd_map_segment_distance (xy[2 * k], xy[2 * k + 1], xy[2 * i],
                                                 xy[2 * i + 1], xy[2 * j], xy[2 * j + 1], NULL));
  return worst;
}

gboolean
hd_map_route_label (const double *xy,
                    guint         n,
                    double        min_length,
                    double        tolerance,
                    guint        *first,
                    guint        *last,
                    double       *angle)
{
  double best = -1;
  guint best_i = 0, best_j = 0;
  double a;

  /* Greedy runs: from each start, take points while the run stays straight; the next run
   * starts where this one ended, so the work stays linear in practice. */
  for (guint i = 0; i + 1 < n;)
    {
      guint j = i + 1;
      double length;

      while (j + 1 < n && run_deviation (xy, i, j + 1) <= tolerance)
        j++;
      length = hypot (xy[2 * j] - xy[2 * i], xy[2 * j + 1] - xy[2 * i + 1]);
      if (length >= min_length && length > best)
        {
          best = length;
          best_i = i;
          best_j = j;
        }
      i = j;
    }
  if (best < 0)
    return FALSE;

  a = atan2 (xy[2 * best_j + 1] - xy[2 * best_i + 1], xy[2 * best_j] - xy[2 * best_i]);
  /* Screen y grows downwards: a run drawn right to left would put the text upside down. */
  if (a > G_PI / 2)
    a -= G_PI;
  else if (a <= -G_PI / 2)
    a += G_PI;

  *first = best_i;
  *last = best_j;
  *angle = a;
  return TRUE;
}

void
hd_map_rotated_bounds (double     cx,
                       double     cy,
                       double     width,
                       double     height,
                       double     angle,
                       HdMapRect *out)
{
  double c = fabs (cos (angle)), s = fabs (sin (angle));
  double half_w = (width * c + height * s) / 2;
  double half_h = (width * s + height * c) / 2;

  *out = (HdMapRect) { cx - half_w, cy - half_h, cx + half_w, cy + half_h };
}
