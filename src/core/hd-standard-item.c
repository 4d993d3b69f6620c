/* SPDX-License-Identifier: GPL-3.0-or-later */
/* HdStandardItem (declared in hd-standards.h): one item of a standard set, a plain record. */
#define G_LOG_DOMAIN "hd-standards"

#include "hd-record.h"
#include "hd-standards.h"

/* ------------------------------------------------------------------------------------------ */
/* HdStandardItem                                                                             */

struct _HdStandardItem
{
  GObject parent_instance;

  char *id;
  char *set_id;
  int position;
  char *code;
  char *title;
  char *title_en;
  char *guidance;
  HdItemKind kind;
  double weight;
  gboolean photo_required;
  char *category;
};

G_DEFINE_FINAL_TYPE (HdStandardItem, hd_standard_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SET_ID,
  PROP_POSITION,
  PROP_CODE,
  PROP_TITLE,
  PROP_TITLE_EN,
  PROP_GUIDANCE,
  PROP_KIND,
  PROP_WEIGHT,
  PROP_PHOTO_REQUIRED,
  PROP_CATEGORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define S(n, m) { n, HD_FIELD_STRING, G_STRUCT_OFFSET (HdStandardItem, m), NULL, 0, 0 }
static const HdField hd_standard_item_fields[] = {
  S ("id", id),
  S ("set-id", set_id),
  { "position", HD_FIELD_INT, G_STRUCT_OFFSET (HdStandardItem, position), NULL, 0, G_MAXINT },
  S ("code", code),
  S ("title", title),
  S ("title-en", title_en),
  S ("guidance", guidance),
  { "kind", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdStandardItem, kind), hd_item_kind_get_type, 0, 0 },
  { "weight", HD_FIELD_DOUBLE, G_STRUCT_OFFSET (HdStandardItem, weight), NULL, 0, 0 },
  { "photo-required", HD_FIELD_BOOLEAN, G_STRUCT_OFFSET (HdStandardItem, photo_required), NULL, 0, 0 },
  S ("category", category),
};
#undef S

HD_RECORD_DEFINE_PROPERTY_FUNCS (HdStandardItem, hd_standard_item)

static void
hd_standard_item_init (HdStandardItem *self)
{
  self->weight = 1.0;
}

HdStandardItem *
hd_standard_item_new (void)
{
  return g_object_new (HD_TYPE_STANDARD_ITEM, NULL);
}

HD_RECORD_STRING_ACCESSORS (HdStandardItem, hd_standard_item, code, PROP_CODE)
HD_RECORD_STRING_ACCESSORS (HdStandardItem, hd_standard_item, title, PROP_TITLE)
HD_RECORD_STRING_ACCESSORS (HdStandardItem, hd_standard_item, title_en, PROP_TITLE_EN)
HD_RECORD_STRING_ACCESSORS (HdStandardItem, hd_standard_item, guidance, PROP_GUIDANCE)
HD_RECORD_SCALAR_ACCESSORS (HdStandardItem, hd_standard_item, HdItemKind, kind, PROP_KIND)
HD_RECORD_SCALAR_ACCESSORS (HdStandardItem, hd_standard_item, double, weight, PROP_WEIGHT)
HD_RECORD_SCALAR_ACCESSORS (HdStandardItem, hd_standard_item, gboolean, photo_required, PROP_PHOTO_REQUIRED)
HD_RECORD_STRING_ACCESSORS (HdStandardItem, hd_standard_item, category, PROP_CATEGORY)

const char *
hd_standard_item_get_id (HdStandardItem *self)
{
  g_return_val_if_fail (HD_IS_STANDARD_ITEM (self), NULL);
  return self->id;
}

const char *
hd_standard_item_get_set_id (HdStandardItem *self)
{
  g_return_val_if_fail (HD_IS_STANDARD_ITEM (self), NULL);
  return self->set_id;
}

int
hd_standard_item_get_position (HdStandardItem *self)
{
  g_return_val_if_fail (HD_IS_STANDARD_ITEM (self), 0);
  return self->position;
}
