/* SPDX-License-Identifier: GPL-3.0-or-later */
/* HdInspection (declared in hd-inspection.h): one inspection, a snapshot read from the store. */
#define G_LOG_DOMAIN "hd-inspection"

#include "hd-inspection.h"
#include "hd-record.h"

struct _HdInspection
{
  GObject parent_instance;

  char *id;
  HdSubjectKind subject_kind;
  char *belt_id;
  char *site_id;
  char *subject_name;
  char *set_id;
  char *set_code;
  char *set_name;
  int set_version;
  char *inspector;
  char *date;
  HdInspectionState state;
  double score;
  HdLight light;
  char *corrects_id;
  int n_met;
  int n_partly;
  int n_not_met;
  int n_na;
  int red_lines_hit;
  char *notes;
  char *finished;
  char *created;
  char *modified;
};

G_DEFINE_FINAL_TYPE (HdInspection, hd_inspection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SUBJECT_KIND,
  PROP_BELT_ID,
  PROP_SITE_ID,
  PROP_SUBJECT_NAME,
  PROP_SET_ID,
  PROP_SET_CODE,
  PROP_SET_NAME,
  PROP_SET_VERSION,
  PROP_INSPECTOR,
  PROP_DATE,
  PROP_STATE,
  PROP_SCORE,
  PROP_LIGHT,
  PROP_CORRECTS_ID,
  PROP_N_MET,
  PROP_N_PARTLY,
  PROP_N_NOT_MET,
  PROP_N_NA,
  PROP_RED_LINES_HIT,
  PROP_NOTES,
  PROP_FINISHED,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const HdField hd_inspection_fields[] = {
  { "id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, id), NULL, 0, 0 },
  { "subject-kind", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdInspection, subject_kind), hd_subject_kind_get_type, 0, 0 },
  { "belt-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, belt_id), NULL, 0, 0 },
  { "site-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, site_id), NULL, 0, 0 },
  { "subject-name", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, subject_name), NULL, 0, 0 },
  { "set-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, set_id), NULL, 0, 0 },
  { "set-code", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, set_code), NULL, 0, 0 },
  { "set-name", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, set_name), NULL, 0, 0 },
  { "set-version", HD_FIELD_INT, G_STRUCT_OFFSET (HdInspection, set_version), NULL, 0, G_MAXINT },
  { "inspector", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, inspector), NULL, 0, 0 },
  { "date", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, date), NULL, 0, 0 },
  { "state", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdInspection, state), hd_inspection_state_get_type, 0, 0 },
  { "score", HD_FIELD_DOUBLE, G_STRUCT_OFFSET (HdInspection, score), NULL, 0, 0 },
  { "light", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdInspection, light), hd_light_get_type, 0, 0 },
  { "corrects-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, corrects_id), NULL, 0, 0 },
  { "n-met", HD_FIELD_INT, G_STRUCT_OFFSET (HdInspection, n_met), NULL, 0, G_MAXINT },
  { "n-partly", HD_FIELD_INT, G_STRUCT_OFFSET (HdInspection, n_partly), NULL, 0, G_MAXINT },
  { "n-not-met", HD_FIELD_INT, G_STRUCT_OFFSET (HdInspection, n_not_met), NULL, 0, G_MAXINT },
  { "n-na", HD_FIELD_INT, G_STRUCT_OFFSET (HdInspection, n_na), NULL, 0, G_MAXINT },
  { "red-lines-hit", HD_FIELD_INT, G_STRUCT_OFFSET (HdInspection, red_lines_hit), NULL, 0, G_MAXINT },
  { "notes", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, notes), NULL, 0, 0 },
  { "finished", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, finished), NULL, 0, 0 },
  { "created", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, created), NULL, 0, 0 },
  { "modified", HD_FIELD_STRING, G_STRUCT_OFFSET (HdInspection, modified), NULL, 0, 0 },
};

HD_RECORD_DEFINE_PROPERTY_FUNCS (HdInspection, hd_inspection)

static void
hd_inspection_init (HdInspection *self)
{
  self->score = -1.0;
  self->subject_kind = HD_SUBJECT_SITE;
}

const char *
hd_inspection_get_id (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->id;
}

HdSubjectKind
hd_inspection_get_subject_kind (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), 0);
  return self->subject_kind;
}

const char *
hd_inspection_get_belt_id (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->belt_id;
}

const char *
hd_inspection_get_site_id (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->site_id;
}

const char *
hd_inspection_get_subject_name (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->subject_name;
}

const char *
hd_inspection_get_set_id (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->set_id;
}

const char *
hd_inspection_get_set_code (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->set_code;
}

const char *
hd_inspection_get_set_name (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->set_name;
}

int
hd_inspection_get_set_version (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), 0);
  return self->set_version;
}

const char *
hd_inspection_get_inspector (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->inspector;
}

const char *
hd_inspection_get_date (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->date;
}

HdInspectionState
hd_inspection_get_state (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), 0);
  return self->state;
}

double
hd_inspection_get_score (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), 0);
  return self->score;
}

HdLight
hd_inspection_get_light (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), 0);
  return self->light;
}

const char *
hd_inspection_get_corrects_id (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->corrects_id;
}

int
hd_inspection_get_n_met (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), 0);
  return self->n_met;
}

int
hd_inspection_get_n_partly (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), 0);
  return self->n_partly;
}

int
hd_inspection_get_n_not_met (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), 0);
  return self->n_not_met;
}

int
hd_inspection_get_n_na (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), 0);
  return self->n_na;
}

int
hd_inspection_get_red_lines_hit (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), 0);
  return self->red_lines_hit;
}

const char *
hd_inspection_get_notes (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->notes;
}

const char *
hd_inspection_get_finished (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->finished;
}

const char *
hd_inspection_get_created (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->created;
}

const char *
hd_inspection_get_modified (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->modified;
}

const char *
hd_inspection_get_subject_id (HdInspection *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION (self), NULL);
  return self->site_id != NULL ? self->site_id : self->belt_id;
}
