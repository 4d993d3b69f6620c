/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-polygon"

#include <math.h>
#include <string.h>

#include "hd-polygon.h"

double
hd_polygon_segment_distance2 (double px,
                              double py,
                              double ax,
                              double ay,
                              double bx,
                              double by)
{
  double dx = bx - ax;
  double dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = 0.0;

  if (len2 > 0.0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);

  dx = ax + t * dx - px;
  dy = ay + t * dy - py;

  return dx * dx + dy * dy;
}

typedef struct
{
  gsize first;
  gsize last;
} Span;

/* Iterative, so a ring of a million points cannot overflow the stack. */
static void
simplify_open (const HdPoint *points,
               gsize          n_points,
               double         tolerance,
               gboolean      *keep)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Span));
  double tolerance2 = tolerance * tolerance;
  Span span = { 0, n_points - 1 };

  keep[0] = keep[n_points - 1] = TRUE;
  g_array_append_val (stack, span);

  while (stack->len > 0)
    {
      double worst = -1.0;
      gsize worst_index = 0;

      span = g_array_index (stack, Span, stack->len - 1);
      g_array_set_size (stack, stack->len - 1);

      for (gsize i = span.first + 1; i < span.last; i++)
        {
          double d = hd_polygon_segment_distance2 (points[i].x, points[i].y,
                                                   points[span.first].x, points[span.first].y,
                                                   points[span.last].x, points[span.last].y);
          if (d > worst)
            {
              worst = d;
              worst_index = i;
            }
        }

      if (worst > tolerance2)
        {
          Span left = { span.first, worst_index };
          Span right = { worst_index, span.last };

          keep[worst_index] = TRUE;
          g_array_append_val (stack, left);
          g_array_append_val (stack, right);
        }
    }
}

void
hd_polygon_simplify (const HdPoint *points,
                     gsize          n_points,
                     double         tolerance,
                     gboolean       closed,
                     GArray        *out)
{
  g_autofree gboolean *keep = NULL;
  g_autofree HdPoint *looped = NULL;
  const HdPoint *work = points;
  gsize n_work = n_points;

  g_return_if_fail (out != NULL);

  if (n_points < 3)
    {
      g_array_append_vals (out, points, n_points);
      return;
    }

  /* A closed ring is an open line from its first point back to it: the degenerate chord makes
   * the first split the point farthest from the start, as the classic ring variant does. */
  if (closed)
    {
      looped = g_new (HdPoint, n_points + 1);
      memcpy (looped, points, n_points * sizeof (HdPoint));
      looped[n_points] = points[0];
      work = looped;
      n_work = n_points + 1;
    }

  keep = g_new0 (gboolean, n_work);
  simplify_open (work, n_work, tolerance, keep);

  for (gsize i = 0; i < n_points; i++)
    if (keep[i])
      g_array_append_val (out, work[i]);
}

double
hd_polygon_signed_area2 (const HdPoint *points,
                         gsize          n_points)
{
  double sum = 0.0;

  for (gsize i = 0, j = n_points - 1; i < n_points; j = i++)
    sum += (points[j].x - points[i].x) * (points[j].y + points[i].y);

  return sum;
}

gboolean
hd_polygon_contains (const HdRingView *rings,
                     gsize             n_rings,
                     double            x,
                     double            y)
{
  gboolean inside = FALSE;

  for (gsize r = 0; r < n_rings; r++)
    {
      const HdPoint *p = rings[r].points;
      gsize n = rings[r].n_points;

      for (gsize i = 0, j = n - 1; i < n; j = i++)
        {
          if ((p[i].y > y) != (p[j].y > y) &&
              x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x)
            inside = !inside;
        }
    }

  return inside;
}

double
hd_polygon_distance_to_edges (const HdRingView *rings,
                              gsize             n_rings,
                              double            x,
                              double            y)
{
  double best = INFINITY;

  for (gsize r = 0; r < n_rings; r++)
    {
      const HdPoint *p = rings[r].points;
      gsize n = rings[r].n_points;

      for (gsize i = 0, j = n - 1; i < n; j = i++)
        best = MIN (best, hd_polygon_segment_distance2 (x, y, p[j].x, p[j].y, p[i].x, p[i].y));
    }

  return sqrt (best);
}

/* polylabel (Agafonkin, 2016): cells ordered by the best distance they could still hold. */
typedef struct
{
  double x, y;     /* centre */
  double half;     /* half the side */
  double d;        /* signed distance of the centre to the edges, positive inside */
  double max;      /* the most any point of the cell can have */
} Cell;

static Cell
cell_make (const HdRingView *rings,
           gsize             n_rings,
           double            x,
           double            y,
           double            half)
{
  Cell cell = { x, y, half, 0, 0 };
  double d = hd_polygon_distance_to_edges (rings, n_rings, x, y);

  cell.d = hd_polygon_contains (rings, n_rings, x, y) ? d : -d;
  cell.max = cell.d + half * G_SQRT2;

  return cell;
}

static void
heap_push (GArray *heap,
           Cell    cell)
{
  gsize i = heap->len;

  g_array_append_val (heap, cell);
  while (i > 0)
    {
      gsize parent = (i - 1) / 2;
      Cell *a = &g_array_index (heap, Cell, parent);
      Cell *b = &g_array_index (heap, Cell, i);
      Cell tmp;

      if (a->max >= b->max)
        break;
      tmp = *a;
      *a = *b;
      *b = tmp;
      i = parent;
    }
}

static Cell
heap_pop (GArray *heap)
{
  Cell top = g_array_index (heap, Cell, 0);
  gsize n = heap->len - 1;
  gsize i = 0;

  g_array_index (heap, Cell, 0) = g_array_index (heap, Cell, n);
  g_array_set_size (heap, n);

  for (;;)
    {
      gsize l = 2 * i + 1, r = l + 1, m = i;
      Cell tmp;

      if (l < n && g_array_index (heap, Cell, l).max > g_array_index (heap, Cell, m).max)
        m = l;
      if (r < n && g_array_index (heap, Cell, r).max > g_array_index (heap, Cell, m).max)
        m = r;
      if (m == i)
        break;
      tmp = g_array_index (heap, Cell, m);
      g_array_index (heap, Cell, m) = g_array_index (heap, Cell, i);
      g_array_index (heap, Cell, i) = tmp;
      i = m;
    }

  return top;
}

/* Enough for any province or district at the precisions used here; it bounds the work on a
 * pathological input instead of looping for long. */
#define LABEL_MAX_CELLS 20000

gboolean
hd_polygon_label_point (const HdRingView *rings,
                        gsize             n_rings,
                        double            precision,
                        double           *x,
                        double           *y)
{
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (Cell));
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
  double side, half, area = 0.0, cx = 0.0, cy = 0.0;
  Cell best;
  guint n_cells = 0;

  for (gsize r = 0; r < n_rings; r++)
    for (gsize i = 0; i < rings[r].n_points; i++)
      {
        min_x = MIN (min_x, rings[r].points[i].x);
        min_y = MIN (min_y, rings[r].points[i].y);
        max_x = MAX (max_x, rings[r].points[i].x);
        max_y = MAX (max_y, rings[r].points[i].y);
      }

  if (!(max_x > min_x && max_y > min_y))
    return FALSE;

  side = MIN (max_x - min_x, max_y - min_y);
  half = side / 2.0;
  precision = MAX (precision, side * 1e-6);

  for (double cell_x = min_x; cell_x < max_x; cell_x += side)
    for (double cell_y = min_y; cell_y < max_y; cell_y += side)
      heap_push (heap, cell_make (rings, n_rings, cell_x + half, cell_y + half, half));

  /* Start from the area-weighted centroid of the rings: often already good. */
  for (gsize r = 0; r < n_rings; r++)
    {
      const HdPoint *p = rings[r].points;
      gsize n = rings[r].n_points;

      for (gsize i = 0, j = n - 1; i < n; j = i++)
        {
          double f = p[i].x * p[j].y - p[j].x * p[i].y;

          cx += (p[i].x + p[j].x) * f;
          cy += (p[i].y + p[j].y) * f;
          area += f * 3.0;
        }
    }
  if (area != 0.0)
    best = cell_make (rings, n_rings, cx / area, cy / area, 0);
  else
    best = cell_make (rings, n_rings, (min_x + max_x) / 2, (min_y + max_y) / 2, 0);

  while (heap->len > 0 && n_cells < LABEL_MAX_CELLS)
    {
      Cell cell = heap_pop (heap);

      if (cell.d > best.d)
        best = cell;
      if (cell.max - best.d <= precision)
        continue;

      half = cell.half / 2.0;
      heap_push (heap, cell_make (rings, n_rings, cell.x - half, cell.y - half, half));
      heap_push (heap, cell_make (rings, n_rings, cell.x + half, cell.y - half, half));
      heap_push (heap, cell_make (rings, n_rings, cell.x - half, cell.y + half, half));
      heap_push (heap, cell_make (rings, n_rings, cell.x + half, cell.y + half, half));
      n_cells += 4;
    }

  if (best.d <= 0)
    return FALSE;

  *x = best.x;
  *y = best.y;

  return TRUE;
}

typedef enum {
  EDGE_LEFT,
  EDGE_RIGHT,
  EDGE_BOTTOM,
  EDGE_TOP,
} Edge;

static gboolean
inside_edge (const HdPoint *p,
             Edge           edge,
             double         value)
{
  switch (edge)
    {
    case EDGE_LEFT:   return p->x >= value;
    case EDGE_RIGHT:  return p->x <= value;
    case EDGE_BOTTOM: return p->y >= value;
    case EDGE_TOP:    return p->y <= value;
    default:          g_assert_not_reached ();
    }
}

static HdPoint
cross_edge (const HdPoint *a,
            const HdPoint *b,
            Edge           edge,
            double         value)
{
  HdPoint p;

  if (edge == EDGE_LEFT || edge == EDGE_RIGHT)
    {
      double t = (value - a->x) / (b->x - a->x);
      p.x = value;
      p.y = a->y + t * (b->y - a->y);
    }
  else
    {
      double t = (value - a->y) / (b->y - a->y);
      p.x = a->x + t * (b->x - a->x);
      p.y = value;
    }

  return p;
}

void
hd_polygon_clip_to_rect (const HdPoint *points,
                         gsize          n_points,
                         double         x0,
                         double         y0,
                         double         x1,
                         double         y1,
                         GArray        *out)
{
  g_autoptr(GArray) a = g_array_sized_new (FALSE, FALSE, sizeof (HdPoint), n_points);
  g_autoptr(GArray) b = g_array_sized_new (FALSE, FALSE, sizeof (HdPoint), n_points);
  const Edge edges[] = { EDGE_LEFT, EDGE_RIGHT, EDGE_BOTTOM, EDGE_TOP };
  const double values[] = { x0, x1, y0, y1 };

  g_array_append_vals (a, points, n_points);

  for (guint e = 0; e < G_N_ELEMENTS (edges) && a->len > 0; e++)
    {
      GArray *tmp;

      g_array_set_size (b, 0);
      for (guint i = 0; i < a->len; i++)
        {
          const HdPoint *cur = &g_array_index (a, HdPoint, i);
          const HdPoint *prev = &g_array_index (a, HdPoint, (i + a->len - 1) % a->len);
          gboolean cur_in = inside_edge (cur, edges[e], values[e]);
          gboolean prev_in = inside_edge (prev, edges[e], values[e]);

          if (cur_in)
            {
              if (!prev_in)
                {
                  HdPoint p = cross_edge (prev, cur, edges[e], values[e]);
                  g_array_append_val (b, p);
                }
              g_array_append_vals (b, cur, 1);
            }
          else if (prev_in)
            {
              HdPoint p = cross_edge (prev, cur, edges[e], values[e]);
              g_array_append_val (b, p);
            }
        }

      tmp = a;
      a = b;
      b = tmp;
    }

  if (a->len >= 3)
    g_array_append_vals (out, a->data, a->len);
}
