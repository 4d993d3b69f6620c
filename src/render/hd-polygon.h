/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plane geometry on polygons as the base map needs it, shared by the renderer and the
 * build-time converter (which links only GLib). Pure functions, no allocation that outlives a
 * call except into the caller's arrays. Rings are closed implicitly: the first point is not
 * repeated at the end. */

typedef struct
{
  double x;
  double y;
} HdPoint;

typedef struct
{
  const HdPoint *points;
  gsize          n_points;
} HdRingView;

/* Douglas–Peucker: appends to @out (a GArray of HdPoint) the points of @points that keep the
 * line within @tolerance of the original. An open line keeps both ends; a @closed ring keeps
 * its first point and the point farthest from it. */
void     hd_polygon_simplify           (const HdPoint    *points,
                                        gsize             n_points,
                                        double            tolerance,
                                        gboolean          closed,
                                        GArray           *out);

/* Twice the signed area: positive when the ring turns counter-clockwise (y up). */
double   hd_polygon_signed_area2       (const HdPoint    *points,
                                        gsize             n_points);

/* Whether (@x, @y) is inside the rings under the even-odd rule (holes and islands alike). */
gboolean hd_polygon_contains           (const HdRingView *rings,
                                        gsize             n_rings,
                                        double            x,
                                        double            y);

/* Distance from (@x, @y) to the nearest edge of any ring. */
double   hd_polygon_distance_to_edges  (const HdRingView *rings,
                                        gsize             n_rings,
                                        double            x,
                                        double            y);

/* Squared distance from (@px, @py) to the segment (@ax, @ay)–(@bx, @by). */
double   hd_polygon_segment_distance2  (double            px,
                                        double            py,
                                        double            ax,
                                        double            ay,
                                        double            bx,
                                        double            by);

/* The point inside the rings (even-odd) farthest from any edge, to within @precision: where
 * a label sits best ("pole of inaccessibility"; a centroid can fall outside a crescent or into a
 * hole). Returns %FALSE when the rings enclose nothing. */
gboolean hd_polygon_label_point        (const HdRingView *rings,
                                        gsize             n_rings,
                                        double            precision,
                                        double           *x,
                                        double           *y);

/* Sutherland–Hodgman: appends to @out the ring clipped to the rectangle. A concave ring may
 * come out with zero-width bridges along the rectangle's sides; they fill nothing. Appends
 * nothing when the ring misses the rectangle. */
void     hd_polygon_clip_to_rect       (const HdPoint    *points,
                                        gsize             n_points,
                                        double            x0,
                                        double            y0,
                                        double            x1,
                                        double            y1,
                                        GArray           *out);

G_END_DECLS
