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

/* Appends to @out (guint) the index of every point inside @rect (edges included), visiting
 * only the buckets the rectangle overlaps; returns how many it appended. */
guint      hd_map_grid_query      (const HdMapGrid *grid,
                                   const HdMapRect *rect,
                                   GArray          *out);
/* A cell size giving about @per_cell points a bucket for @n points over @rect's area. */
double     hd_map_grid_cell_for   (const HdMapRect *rect,
                                   guint            n,
                                   double           per_cell);

/* Parses "#rrggbb"; otherwise a stable colour from a palette, picked by hashing @belt_id. */
void       hd_map_belt_colour     (const char      *colour,
                                   const char      *belt_id,
                                   double          *r,
                                   double          *g,
                                   double          *b);

/* Route checks, shown on the selected belt. Two consecutive sites farther apart than this are
 * a gap in the belt (a visitor would need transport between them). */
#define HD_MAP_GAP_METRES    2000.0
/* A site whose distance to the straight line between its neighbours on the route is more than
 * this is far from the route: the route makes a detour to reach it. */
#define HD_MAP_DETOUR_METRES 1000.0

/* Great-circle distance in metres (haversine, mean Earth radius). */
double     hd_map_distance_metres (double           lat1,
                                   double           lon1,
                                   double           lat2,
                                   double           lon2);
/* Distance from (@px, @py) to the segment (@ax, @ay)–(@bx, @by), in the same planar units;
 * @t: (out) (optional): where the nearest point lies along the segment, 0..1. */
double     hd_map_segment_distance (double          px,
                                    double          py,
                                    double          ax,
                                    double          ay,
                                    double          bx,
                                    double          by,
                                    double         *t);
/* The segment of the polyline @xy (@n x, y pairs) nearest (@x, @y): its index i (from point i
 * to i + 1), or -1 when the polyline has fewer than two points; @distance: (out) (optional). */
int        hd_map_polyline_nearest (const double   *xy,
                                    guint           n,
                                    double          x,
                                    double          y,
                                    double         *distance);
/* Appends to @out (guint) every i where the sites i and i + 1 of the route (@lats, @lons) are
 * more than @threshold metres apart; returns how many. */
guint      hd_map_route_gaps       (const double   *lats,
                                    const double   *lons,
                                    guint           n,
                                    double          threshold,
                                    GArray         *out);
/* Appends to @out (guint) every interior site i whose distance to the straight line from
 * site i - 1 to site i + 1 is more than @threshold metres (measured on a local plane around
 * the site) and not less than its neighbours' distances to their lines (those lines bend
 * towards the detour too); returns how many. */
guint      hd_map_route_detours    (const double   *lats,
                                    const double   *lons,
                                    guint           n,
                                    double          threshold,
                                    GArray         *out);
/* Where a route's name goes: the longest straight run of the polyline @xy (@n screen x, y
 * pairs: points @first to @last, every point between within @tolerance of the chord) at least
 * @min_length long. Returns FALSE when there is none; else sets @first, @last and @angle (of
 * the chord, radians, in (-π/2, π/2], so that text along it is never upside down). */
gboolean   hd_map_route_label      (const double   *xy,
                                    guint           n,
                                    double          min_length,
                                    double          tolerance,
                                    guint          *first,
                                    guint          *last,
                                    double         *angle);
/* The axis-aligned box around a @width × @height rectangle centred on (@cx, @cy) and rotated
 * by @angle, for hd_map_place_label(). */
void       hd_map_rotated_bounds   (double          cx,
                                    double          cy,
                                    double          width,
                                    double          height,
                                    double          angle,
                                    HdMapRect      *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdMapGrid, hd_map_grid_free)

G_END_DECLS
