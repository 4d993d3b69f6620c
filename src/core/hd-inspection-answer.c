/* SPDX-License-Identifier: GPL-3.0-or-later */
/* HdInspectionAnswer (declared in hd-inspection.h): one checklist row: an item of the inspection's set with its answer. */
#define G_LOG_DOMAIN "hd-inspection"

#include "hd-inspection.h"
#include "hd-record.h"

struct _HdInspectionAnswer
{
  GObject parent_instance;

  char *item_id;
  int position;
  char *code;
  char *title;
  char *title_en;
  char *guidance;
  HdItemKind kind;
  double weight;
  gboolean photo_required;
  char *category;
  HdAnswer answer;
  gboolean suggested;
  char *note;
  HdAnswer previous_answer;
  gboolean worse;
};

G_DEFINE_FINAL_TYPE (HdInspectionAnswer, hd_inspection_answer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM_ID,
  PROP_POSITION,
  PROP_CODE,
  PROP_TITLE,
  PROP_TITLE_EN,
  PROP_GUIDANCE,
  PROP_KIND,
  PROP_WEIGHT,
  PROP_PHOTO_REQUIRED,
  PROP_CATEGORY,
  PROP_ANSWER,
  PROP_SUGGESTED,
  PROP_NOTE,
  PROP_PREVIOUS_ANSWER,
  PROP_WORSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const HdField hd_inspection_answer_fields[] = {
  { "item-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspectionAnswer, item_id), NULL, 0, 0 },
  { "position", HD_FIELD_INT, G_STRUCT_OFFSET (HdInspectionAnswer, position), NULL, 0, G_MAXINT },
  { "code", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspectionAnswer, code), NULL, 0, 0 },
  { "title", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspectionAnswer, title), NULL, 0, 0 },
  { "title-en", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspectionAnswer, title_en), NULL, 0, 0 },
  { "guidance", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspectionAnswer, guidance), NULL, 0, 0 },
  { "kind", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdInspectionAnswer, kind), hd_item_kind_get_type, 0, 0 },
  { "weight", HD_FIELD_DOUBLE, G_STRUCT_OFFSET (HdInspectionAnswer, weight), NULL, 0, 0 },
  { "photo-required", HD_FIELD_BOOLEAN, G_STRUCT_OFFSET (HdInspectionAnswer, photo_required), NULL, 0, 0 },
  { "category", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspectionAnswer, category), NULL, 0, 0 },
  { "answer", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdInspectionAnswer, answer), hd_answer_get_type, 0, 0 },
  { "suggested", HD_FIELD_BOOLEAN, G_STRUCT_OFFSET (HdInspectionAnswer, suggested), NULL, 0, 0 },
  { "note", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspectionAnswer, note), NULL, 0, 0 },
  { "previous-answer", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdInspectionAnswer, previous_answer), hd_answer_get_type, 0, 0 },
  { "worse", HD_FIELD_BOOLEAN, G_STRUCT_OFFSET (HdInspectionAnswer, worse), NULL, 0, 0 },
};

HD_RECORD_DEFINE_PROPERTY_FUNCS (HdInspectionAnswer, hd_inspection_answer)

static void
hd_inspection_answer_init (HdInspectionAnswer *self)
{
  self->weight = 1.0;
}

const char *
hd_inspection_answer_get_item_id (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), NULL);
  return self->item_id;
}

int
hd_inspection_answer_get_position (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), 0);
  return self->position;
}

const char *
hd_inspection_answer_get_code (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), NULL);
  return self->code;
}

const char *
hd_inspection_answer_get_title (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), NULL);
  return self->title;
}

const char *
hd_inspection_answer_get_title_en (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), NULL);
  return self->title_en;
}

const char *
hd_inspection_answer_get_guidance (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), NULL);
  return self->guidance;
}

HdItemKind
hd_inspection_answer_get_kind (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), 0);
  return self->kind;
}

double
hd_inspection_answer_get_weight (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), 0);
  return self->weight;
}

gboolean
hd_inspection_answer_get_photo_required (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), FALSE);
  return self->photo_required;
}

const char *
hd_inspection_answer_get_category (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), NULL);
  return self->category;
}

HdAnswer
hd_inspection_answer_get_answer (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), 0);
  return self->answer;
}

gboolean
hd_inspection_answer_get_suggested (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), FALSE);
  return self->suggested;
}

const char *
hd_inspection_answer_get_note (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), NULL);
  return self->note;
}

HdAnswer
hd_inspection_answer_get_previous_answer (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), 0);
  return self->previous_answer;
}

gboolean
hd_inspection_answer_get_worse (HdInspectionAnswer *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (self), FALSE);
  return self->worse;
}
