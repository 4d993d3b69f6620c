/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_REGION (hd_region_get_type ())
G_DECLARE_FINAL_TYPE (HdRegion, hd_region, HD, REGION, GObject)

/* An administrative area (区域): city > district/county > town/street, with an optional boundary
 * kept as a GeoJSON geometry (Polygon or MultiPolygon) text. */
HdRegion      *hd_region_new           (void);
void           hd_region_copy_from     (HdRegion *self, HdRegion *src);

const char    *hd_region_get_id        (HdRegion *self);
void           hd_region_set_id        (HdRegion *self, const char *value);
const char    *hd_region_get_parent_id (HdRegion *self);
void           hd_region_set_parent_id (HdRegion *self, const char *value);
const char    *hd_region_get_name      (HdRegion *self);
void           hd_region_set_name      (HdRegion *self, const char *value);
HdRegionLevel  hd_region_get_level     (HdRegion *self);
void           hd_region_set_level     (HdRegion *self, HdRegionLevel value);
const char    *hd_region_get_code      (HdRegion *self);
void           hd_region_set_code      (HdRegion *self, const char *value);
const char    *hd_region_get_geometry  (HdRegion *self);
void           hd_region_set_geometry  (HdRegion *self, const char *value);
const char    *hd_region_get_extra     (HdRegion *self);
void           hd_region_set_extra     (HdRegion *self, const char *value);

/* Set by the store: when the record was created and last changed (ISO 8601, UTC). */
const char  *hd_region_get_created   (HdRegion *self);
const char  *hd_region_get_modified  (HdRegion *self);

G_END_DECLS
