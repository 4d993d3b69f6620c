/* SPDX-License-Identifier: GPL-3.0-or-later */
/* HdRectification (declared in hd-inspection.h): one task of the problem or improvement list. */
#define G_LOG_DOMAIN "hd-inspection"

#include "hd-inspection.h"
#include "hd-record.h"

struct _HdRectification
{
  GObject parent_instance;

  char *id;
  char *inspection_id;
  char *inspection_date;
  char *item_id;
  char *item_code;
  HdSubjectKind subject_kind;
  char *belt_id;
  char *site_id;
  char *subject_name;
  char *region_id;
  HdRectificationList list;
  char *description;
  char *owner;
  char *due_date;
  HdRectificationState state;
  gboolean overdue;
  char *closed_by_inspection_id;
  char *closed_date;
  char *created;
  char *modified;
};

G_DEFINE_FINAL_TYPE (HdRectification, hd_rectification, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_INSPECTION_ID,
  PROP_INSPECTION_DATE,
  PROP_ITEM_ID,
  PROP_ITEM_CODE,
  PROP_SUBJECT_KIND,
  PROP_BELT_ID,
  PROP_SITE_ID,
  PROP_SUBJECT_NAME,
  PROP_REGION_ID,
  PROP_LIST,
  PROP_DESCRIPTION,
  PROP_OWNER,
  PROP_DUE_DATE,
  PROP_STATE,
  PROP_OVERDUE,
  PROP_CLOSED_BY_INSPECTION_ID,
  PROP_CLOSED_DATE,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const HdField hd_rectification_fields[] = {
  { "id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, id), NULL, 0, 0 },
  { "inspection-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, inspection_id), NULL, 0, 0 },
  { "inspection-date", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, inspection_date), NULL, 0, 0 },
  { "item-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, item_id), NULL, 0, 0 },
  { "item-code", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, item_code), NULL, 0, 0 },
  { "subject-kind", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdRectification, subject_kind), hd_subject_kind_get_type, 0, 0 },
  { "belt-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, belt_id), NULL, 0, 0 },
  { "site-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, site_id), NULL, 0, 0 },
  { "subject-name", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, subject_name), NULL, 0, 0 },
  { "region-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, region_id), NULL, 0, 0 },
  { "list", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdRectification, list), hd_rectification_list_get_type, 0, 0 },
  { "description", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, description), NULL, 0, 0 },
  { "owner", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, owner), NULL, 0, 0 },
  { "due-date", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, due_date), NULL, 0, 0 },
  { "state", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdRectification, state), hd_rectification_state_get_type, 0, 0 },
  { "overdue", HD_FIELD_BOOLEAN, G_STRUCT_OFFSET (HdRectification, overdue), NULL, 0, 0 },
  { "closed-by-inspection-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, closed_by_inspection_id), NULL, 0, 0 },
  { "closed-date", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, closed_date), NULL, 0, 0 },
  { "created", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, created), NULL, 0, 0 },
  { "modified", HD_FIELD_STRING, G_STRUCT_OFFSET (HdRectification, modified), NULL, 0, 0 },
};

HD_RECORD_DEFINE_PROPERTY_FUNCS (HdRectification, hd_rectification)

static void
hd_rectification_init (HdRectification *self)
{
  self->subject_kind = HD_SUBJECT_SITE;
}

const char *
hd_rectification_get_id (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->id;
}

const char *
hd_rectification_get_inspection_id (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->inspection_id;
}

const char *
hd_rectification_get_inspection_date (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->inspection_date;
}

const char *
hd_rectification_get_item_id (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->item_id;
}

const char *
hd_rectification_get_item_code (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->item_code;
}

HdSubjectKind
hd_rectification_get_subject_kind (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), 0);
  return self->subject_kind;
}

const char *
hd_rectification_get_belt_id (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->belt_id;
}

const char *
hd_rectification_get_site_id (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->site_id;
}

const char *
hd_rectification_get_subject_name (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->subject_name;
}

const char *
hd_rectification_get_region_id (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->region_id;
}

HdRectificationList
hd_rectification_get_list (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), 0);
  return self->list;
}

const char *
hd_rectification_get_description (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->description;
}

const char *
hd_rectification_get_owner (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->owner;
}

const char *
hd_rectification_get_due_date (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->due_date;
}

HdRectificationState
hd_rectification_get_state (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), 0);
  return self->state;
}

gboolean
hd_rectification_get_overdue (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), FALSE);
  return self->overdue;
}

const char *
hd_rectification_get_closed_by_inspection_id (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->closed_by_inspection_id;
}

const char *
hd_rectification_get_closed_date (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->closed_date;
}

const char *
hd_rectification_get_created (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->created;
}

const char *
hd_rectification_get_modified (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->modified;
}

const char *
hd_rectification_get_subject_id (HdRectification *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION (self), NULL);
  return self->site_id != NULL ? self->site_id : self->belt_id;
}
