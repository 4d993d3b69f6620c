/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-region"

#include "hd-record.h"
#include "hd-region.h"

struct _HdRegion
{
  GObject parent_instance;

  char *id;
  char *parent_id;
  char *name;
  HdRegionLevel level;
  char *code;
  char *geometry;
  char *extra;
  char *created;
  char *modified;
};

G_DEFINE_FINAL_TYPE (HdRegion, hd_region, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PARENT_ID,
  PROP_NAME,
  PROP_LEVEL,
  PROP_CODE,
  PROP_GEOMETRY,
  PROP_EXTRA,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define S(n, m) { n, HD_FIELD_STRING, G_STRUCT_OFFSET (HdRegion, m), NULL, 0, 0 }
static const HdField hd_region_fields[] = {
  S ("id", id),
  S ("parent-id", parent_id),
  S ("name", name),
  { "level", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdRegion, level), hd_region_level_get_type, 0, 0 },
  S ("code", code),
  S ("geometry", geometry),
  S ("extra", extra),
  S ("created", created),
  S ("modified", modified),
};
#undef S

HD_RECORD_DEFINE_PROPERTY_FUNCS (HdRegion, hd_region)

static void
hd_region_init (HdRegion *self)
{
  self->level = HD_REGION_LEVEL_DISTRICT;
}

HdRegion *
hd_region_new (void)
{
  return g_object_new (HD_TYPE_REGION, NULL);
}

HD_RECORD_STRING_ACCESSORS (HdRegion, hd_region, id, PROP_ID)
HD_RECORD_STRING_ACCESSORS (HdRegion, hd_region, parent_id, PROP_PARENT_ID)
HD_RECORD_STRING_ACCESSORS (HdRegion, hd_region, name, PROP_NAME)
HD_RECORD_STRING_ACCESSORS (HdRegion, hd_region, code, PROP_CODE)
HD_RECORD_STRING_ACCESSORS (HdRegion, hd_region, geometry, PROP_GEOMETRY)
HD_RECORD_STRING_ACCESSORS (HdRegion, hd_region, extra, PROP_EXTRA)
HD_RECORD_SCALAR_ACCESSORS (HdRegion, hd_region, HdRegionLevel, level, PROP_LEVEL)
HD_RECORD_STRING_GETTER (HdRegion, hd_region, created)
HD_RECORD_STRING_GETTER (HdRegion, hd_region, modified)
