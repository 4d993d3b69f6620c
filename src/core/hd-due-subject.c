/* SPDX-License-Identifier: GPL-3.0-or-later */
/* HdDueSubject (declared in hd-inspection.h): one row of the "due this quarter" queue. */
#define G_LOG_DOMAIN "hd-inspection"

#include "hd-inspection.h"
#include "hd-record.h"

struct _HdDueSubject
{
  GObject parent_instance;

  HdSubjectKind subject_kind;
  char *subject_id;
  char *name;
  char *region_id;
  char *last_date;
  int days_since;
};

G_DEFINE_FINAL_TYPE (HdDueSubject, hd_due_subject, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUBJECT_KIND,
  PROP_SUBJECT_ID,
  PROP_NAME,
  PROP_REGION_ID,
  PROP_LAST_DATE,
  PROP_DAYS_SINCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const HdField hd_due_subject_fields[] = {
  { "subject-kind", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdDueSubject, subject_kind), hd_subject_kind_get_type, 0, 0 },
  { "subject-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdDueSubject, subject_id), NULL, 0, 0 },
  { "name", HD_FIELD_STRING, G_STRUCT_OFFSET (HdDueSubject, name), NULL, 0, 0 },
  { "region-id", HD_FIELD_STRING, G_STRUCT_OFFSET (HdDueSubject, region_id), NULL, 0, 0 },
  { "last-date", HD_FIELD_STRING, G_STRUCT_OFFSET (HdDueSubject, last_date), NULL, 0, 0 },
  { "days-since", HD_FIELD_INT, G_STRUCT_OFFSET (HdDueSubject, days_since), NULL, -1, G_MAXINT },
};

HD_RECORD_DEFINE_PROPERTY_FUNCS (HdDueSubject, hd_due_subject)

static void
hd_due_subject_init (HdDueSubject *self)
{
  self->days_since = -1;
  self->subject_kind = HD_SUBJECT_SITE;
}

HdSubjectKind
hd_due_subject_get_subject_kind (HdDueSubject *self)
{
  g_return_val_if_fail (HD_IS_DUE_SUBJECT (self), 0);
  return self->subject_kind;
}

const char *
hd_due_subject_get_subject_id (HdDueSubject *self)
{
  g_return_val_if_fail (HD_IS_DUE_SUBJECT (self), NULL);
  return self->subject_id;
}

const char *
hd_due_subject_get_name (HdDueSubject *self)
{
  g_return_val_if_fail (HD_IS_DUE_SUBJECT (self), NULL);
  return self->name;
}

const char *
hd_due_subject_get_region_id (HdDueSubject *self)
{
  g_return_val_if_fail (HD_IS_DUE_SUBJECT (self), NULL);
  return self->region_id;
}

const char *
hd_due_subject_get_last_date (HdDueSubject *self)
{
  g_return_val_if_fail (HD_IS_DUE_SUBJECT (self), NULL);
  return self->last_date;
}

int
hd_due_subject_get_days_since (HdDueSubject *self)
{
  g_return_val_if_fail (HD_IS_DUE_SUBJECT (self), 0);
  return self->days_since;
}
