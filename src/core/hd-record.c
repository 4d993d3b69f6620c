/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-record"

#include <math.h>

#include "hd-record.h"

void
hd_record_install_properties (GObjectClass  *klass,
                              const HdField *fields,
                              guint          n_fields,
                              GParamSpec   **pspecs)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  for (guint i = 0; i < n_fields; i++)
    {
      const HdField *f = &fields[i];
      GParamSpec *pspec = NULL;

      switch (f->type)
        {
        case HD_FIELD_STRING:
          pspec = g_param_spec_string (f->name, NULL, NULL, NULL, flags);
          break;
        case HD_FIELD_INT:
          pspec = g_param_spec_int (f->name, NULL, NULL, f->min, f->max, MAX (f->min, 0), flags);
          break;
        case HD_FIELD_DOUBLE:
          pspec = g_param_spec_double (f->name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
          break;
        case HD_FIELD_BOOLEAN:
          pspec = g_param_spec_boolean (f->name, NULL, NULL, FALSE, flags);
          break;
        case HD_FIELD_ENUM:
          pspec = g_param_spec_enum (f->name, NULL, NULL, f->enum_type (), 0, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      pspecs[i + 1] = pspec;
    }
  g_object_class_install_properties (klass, n_fields + 1, pspecs);
}

void
hd_record_get_field (GObject       *object,
                     const HdField *field,
                     GValue        *value)
{
  switch (field->type)
    {
    case HD_FIELD_STRING:
      g_value_set_string (value, *HD_FIELD_PTR (object, field, char *));
      break;
    case HD_FIELD_INT:
      g_value_set_int (value, *HD_FIELD_PTR (object, field, int));
      break;
    case HD_FIELD_DOUBLE:
      g_value_set_double (value, *HD_FIELD_PTR (object, field, double));
      break;
    case HD_FIELD_BOOLEAN:
      g_value_set_boolean (value, *HD_FIELD_PTR (object, field, gboolean));
      break;
    case HD_FIELD_ENUM:
      g_value_set_enum (value, *HD_FIELD_PTR (object, field, int));
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
hd_record_set_field (GObject       *object,
                     const HdField *field,
                     const GValue  *value)
{
  switch (field->type)
    {
    case HD_FIELD_STRING:
      {
        char **p = HD_FIELD_PTR (object, field, char *);
        const char *s = g_value_get_string (value);

        if (g_strcmp0 (*p, s) == 0)
          return FALSE;
        g_free (*p);
        *p = g_strdup (s);
        return TRUE;
      }
    case HD_FIELD_INT:
    case HD_FIELD_ENUM:
      {
        int *p = HD_FIELD_PTR (object, field, int);
        int v = field->type == HD_FIELD_INT ? g_value_get_int (value) : g_value_get_enum (value);

        if (*p == v)
          return FALSE;
        *p = v;
        return TRUE;
      }
    case HD_FIELD_DOUBLE:
      {
        double *p = HD_FIELD_PTR (object, field, double);
        double v = g_value_get_double (value);

        /* NAN means "not set" in some records (an indicator's missing target). */
        if (*p == v || (isnan (*p) && isnan (v)))
          return FALSE;
        *p = v;
        return TRUE;
      }
    case HD_FIELD_BOOLEAN:
      {
        gboolean *p = HD_FIELD_PTR (object, field, gboolean);
        gboolean v = !!g_value_get_boolean (value);

        if (*p == v)
          return FALSE;
        *p = v;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

void
hd_record_finalize_fields (GObject       *object,
                           const HdField *fields,
                           guint          n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].type == HD_FIELD_STRING)
      g_clear_pointer (HD_FIELD_PTR (object, &fields[i], char *), g_free);
}

void
hd_record_copy_fields (GObject       *dst,
                       GObject       *src,
                       const HdField *fields,
                       guint          n_fields,
                       GParamSpec   **pspecs)
{
  g_object_freeze_notify (dst);
  for (guint i = 0; i < n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspecs[i + 1]->value_type);
      hd_record_get_field (src, &fields[i], &value);
      if (hd_record_set_field (dst, &fields[i], &value))
        g_object_notify_by_pspec (dst, pspecs[i + 1]);
    }
  g_object_thaw_notify (dst);
}
