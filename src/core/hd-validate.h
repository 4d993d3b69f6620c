/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hd-belt.h"
#include "hd-plan.h"
#include "hd-region.h"
#include "hd-site.h"

G_BEGIN_DECLS

/* The rules a record must meet before it is stored: pure functions of the record, shared by the
 * store, the importers and (later) the editors' inline validation. On failure they set
 * HD_STORE_ERROR_INVALID with a translated message naming the field. */

#define HD_NAME_MAX_CHARS 200

gboolean hd_validate_name   (const char  *name,
                             const char  *field_label,
                             GError     **error);
gboolean hd_validate_site   (HdSite      *site,
                             GError     **error);
gboolean hd_validate_belt   (HdBelt      *belt,
                             GError     **error);
gboolean hd_validate_region (HdRegion    *region,
                             GError     **error);
gboolean hd_validate_plan   (HdPlan      *plan,
                             GError     **error);
/* "#rrggbb", case-insensitive. */
gboolean hd_colour_is_valid (const char  *colour);
/* Years a belt or plan may start in. */
gboolean hd_year_is_valid   (int          year);

/* What people type into the editors, parsed the same way everywhere (pure functions). */

/* "26.08, 119.29" as copied from a map: latitude first, separated by a comma (ASCII or
 * full-width "，"), spaces or both; each number may carry a hemisphere letter ("26.08N 119.29E")
 * or be in degrees, minutes and seconds ("26°4′48″N, 119°17′24″E"). Errors name what is wrong. */
gboolean hd_parse_lat_lon       (const char  *text,
                                 double      *lat,
                                 double      *lon,
                                 GError     **error);
/* A member count: digits only (full-width digits too), 0 … 1 000 000, surrounding spaces allowed. */
gboolean hd_parse_members       (const char  *text,
                                 int         *members,
                                 GError     **error);
/* Roughly inside China's bounding box: outside it is not an error (sites abroad are possible)
 * but the editors warn, since swapped latitude and longitude land there. */
gboolean hd_coordinate_in_china (double       lat,
                                 double       lon);

G_END_DECLS
