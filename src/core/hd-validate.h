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

G_END_DECLS
