/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-belt"

#include "hd-belt.h"
#include "hd-record.h"

struct _HdBelt
{
  GObject parent_instance;

  char *id;
  char *name;
  char *region_id;
  char *brand;
  HdBeltStage stage;
  int start_year;
  char *responsible;
  char *colour;
  char *logo_path;
  char *notes;
  char *extra;
  char *created;
  char *modified;
  int site_count;
};

G_DEFINE_FINAL_TYPE (HdBelt, hd_belt, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_REGION_ID,
  PROP_BRAND,
  PROP_STAGE,
  PROP_START_YEAR,
  PROP_RESPONSIBLE,
  PROP_COLOUR,
  PROP_LOGO_PATH,
  PROP_NOTES,
  PROP_EXTRA,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_SITE_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define S(n, m) { n, HD_FIELD_STRING, G_STRUCT_OFFSET (HdBelt, m), NULL, 0, 0 }
static const HdField hd_belt_fields[] = {
  S ("id", id),
  S ("name", name),
  S ("region-id", region_id),
  S ("brand", brand),
  { "stage", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdBelt, stage), hd_belt_stage_get_type, 0, 0 },
  { "start-year", HD_FIELD_INT, G_STRUCT_OFFSET (HdBelt, start_year), NULL, 0, 9999 },
  S ("responsible", responsible),
  S ("colour", colour),
  S ("logo-path", logo_path),
  S ("notes", notes),
  S ("extra", extra),
  S ("created", created),
  S ("modified", modified),
  { "site-count", HD_FIELD_INT, G_STRUCT_OFFSET (HdBelt, site_count), NULL, 0, G_MAXINT },
};
#undef S

HD_RECORD_DEFINE_PROPERTY_FUNCS (HdBelt, hd_belt)

static void
hd_belt_init (HdBelt *self)
{
}

HdBelt *
hd_belt_new (void)
{
  return g_object_new (HD_TYPE_BELT, NULL);
}

HD_RECORD_STRING_ACCESSORS (HdBelt, hd_belt, id, PROP_ID)
HD_RECORD_STRING_ACCESSORS (HdBelt, hd_belt, name, PROP_NAME)
HD_RECORD_STRING_ACCESSORS (HdBelt, hd_belt, region_id, PROP_REGION_ID)
HD_RECORD_STRING_ACCESSORS (HdBelt, hd_belt, brand, PROP_BRAND)
HD_RECORD_STRING_ACCESSORS (HdBelt, hd_belt, responsible, PROP_RESPONSIBLE)
HD_RECORD_STRING_ACCESSORS (HdBelt, hd_belt, colour, PROP_COLOUR)
HD_RECORD_STRING_ACCESSORS (HdBelt, hd_belt, logo_path, PROP_LOGO_PATH)
HD_RECORD_STRING_ACCESSORS (HdBelt, hd_belt, notes, PROP_NOTES)
HD_RECORD_STRING_ACCESSORS (HdBelt, hd_belt, extra, PROP_EXTRA)
HD_RECORD_SCALAR_ACCESSORS (HdBelt, hd_belt, HdBeltStage, stage, PROP_STAGE)
HD_RECORD_SCALAR_ACCESSORS (HdBelt, hd_belt, int, start_year, PROP_START_YEAR)
HD_RECORD_SCALAR_ACCESSORS (HdBelt, hd_belt, int, site_count, PROP_SITE_COUNT)
HD_RECORD_STRING_GETTER (HdBelt, hd_belt, created)
HD_RECORD_STRING_GETTER (HdBelt, hd_belt, modified)
