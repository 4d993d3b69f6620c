/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The map layers' maths as pure functions over plain arrays, so that tests can check them
 * without a display. Not installed; only src/map, the tests and the benchmarks include it. */

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double x0, y0, x1, y1;   /* x0 <= x1, y0 <= y1 */
} HdMapRect;

typedef struct {
  double x, y;             /* the mean position of the points in the cell */
  guint  count;
} HdMapCluster;

/* Appends to @out (guint) the index of every point (@xs[i], @ys[i]) inside @rect (edges
 * included); returns how many it appended. */
guint     hd_map_cull             (const double    *xs,
                                   const double    *ys,
                                   guint            n,
                                   const HdMapRect *rect,
                                   GArray          *out);

/* Groups the points on a grid of @cell-sized squares: one HdMapCluster per non-empty cell,
 * appended to @out. The counts sum to @n. */
void      hd_map_cluster          (const double    *xs,
                                   const double    *ys,
                                   guint            n,
                                   double           cell,
                                   GArray          *out);

/* Greedy label placement: returns TRUE and appends @rect to @placed when it overlaps none of
 * the rectangles already there; FALSE otherwise. */
gboolean  hd_map_place_label      (GArray          *placed,
                                   const HdMapRect *rect);

/* A bucket grid over points for nearest-point lookups. */
typedef struct _HdMapGrid HdMapGrid;

/* Copies the points; @cell should be at least the lookup radius. */
HdMapGrid *hd_map_grid_new        (const double    *xs,
                                   const double    *ys,
                                   guint            n,
                                   double           cell);
void       hd_map_grid_free       (HdMapGrid       *grid);
/* The index of the point nearest (@x, @y) within @radius (at most the grid's cell), or -1. */
int        hd_map_grid_nearest    (const HdMapGrid *grid,
                                   double           x,
                                   double           y,
                                   double           radius);

/* Parses "#rrggbb"; otherwise a stable colour from a palette, picked by hashing @belt_id. */
void       hd_map_belt_colour     (const char      *colour,
                                   const char      *belt_id,
                                   double          *r,
                                   double          *g,
                                   double          *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdMapGrid, hd_map_grid_free)

G_END_DECLS
