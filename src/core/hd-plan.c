/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-plan"

#include "hd-plan.h"
#include "hd-record.h"

struct _HdPlan
{
  GObject parent_instance;

  char *id;
  char *title;
  char *region_id;
  int first_year;
  char *theme1;
  char *theme2;
  char *theme3;
  char *notes;
  char *created;
  char *modified;
};

G_DEFINE_FINAL_TYPE (HdPlan, hd_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_REGION_ID,
  PROP_FIRST_YEAR,
  PROP_THEME1,
  PROP_THEME2,
  PROP_THEME3,
  PROP_NOTES,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define S(n, m) { n, HD_FIELD_STRING, G_STRUCT_OFFSET (HdPlan, m), NULL, 0, 0 }
static const HdField hd_plan_fields[] = {
  S ("id", id),
  S ("title", title),
  S ("region-id", region_id),
  { "first-year", HD_FIELD_INT, G_STRUCT_OFFSET (HdPlan, first_year), NULL, 0, 9999 },
  S ("theme1", theme1),
  S ("theme2", theme2),
  S ("theme3", theme3),
  S ("notes", notes),
  S ("created", created),
  S ("modified", modified),
};
#undef S

HD_RECORD_DEFINE_PROPERTY_FUNCS (HdPlan, hd_plan)

static void
hd_plan_init (HdPlan *self)
{
}

HdPlan *
hd_plan_new (void)
{
  return g_object_new (HD_TYPE_PLAN, NULL);
}

HD_RECORD_STRING_ACCESSORS (HdPlan, hd_plan, id, PROP_ID)
HD_RECORD_STRING_ACCESSORS (HdPlan, hd_plan, title, PROP_TITLE)
HD_RECORD_STRING_ACCESSORS (HdPlan, hd_plan, region_id, PROP_REGION_ID)
HD_RECORD_STRING_ACCESSORS (HdPlan, hd_plan, theme1, PROP_THEME1)
HD_RECORD_STRING_ACCESSORS (HdPlan, hd_plan, theme2, PROP_THEME2)
HD_RECORD_STRING_ACCESSORS (HdPlan, hd_plan, theme3, PROP_THEME3)
HD_RECORD_STRING_ACCESSORS (HdPlan, hd_plan, notes, PROP_NOTES)
HD_RECORD_SCALAR_ACCESSORS (HdPlan, hd_plan, int, first_year, PROP_FIRST_YEAR)
HD_RECORD_STRING_GETTER (HdPlan, hd_plan, created)
HD_RECORD_STRING_GETTER (HdPlan, hd_plan, modified)
