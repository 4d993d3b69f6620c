/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private: the domain objects are plain records of typed fields. One table per class describes the
 * fields (name, type, struct offset) and this file turns it into GObject properties, so that the
 * "notify only on a real change" rule lives in one place instead of in every setter. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  HD_FIELD_STRING,
  HD_FIELD_INT,
  HD_FIELD_DOUBLE,
  HD_FIELD_BOOLEAN,
  HD_FIELD_ENUM,
} HdFieldType;

typedef struct {
  const char  *name;      /* property name, also the database column unless db_column is set */
  HdFieldType  type;
  gsize        offset;    /* G_STRUCT_OFFSET in the instance struct */
  GType      (*enum_type) (void); /* for HD_FIELD_ENUM */
  int          min, max;  /* for HD_FIELD_INT */
} HdField;

void hd_record_install_properties (GObjectClass  *klass,
                                   const HdField *fields,
                                   guint          n_fields,
                                   GParamSpec   **pspecs);
void hd_record_get_field          (GObject       *object,
                                   const HdField *field,
                                   GValue        *value);
/* Sets a field; returns TRUE when the value changed (the caller notifies). */
gboolean hd_record_set_field      (GObject       *object,
                                   const HdField *field,
                                   const GValue  *value);
void hd_record_finalize_fields    (GObject       *object,
                                   const HdField *fields,
                                   guint          n_fields);
/* Copies every field of @src into @dst (same class), notifying each one that changed. */
void hd_record_copy_fields        (GObject       *dst,
                                   GObject       *src,
                                   const HdField *fields,
                                   guint          n_fields,
                                   GParamSpec   **pspecs);

#define HD_FIELD_PTR(obj, field, T) ((T *) (gpointer) ((guint8 *) (obj) + (field)->offset))

/* Defines the GObject boilerplate of a record class whose fields are described by
 * `static const HdField type_name##_fields[]` with property ids 1..N_PROPS-1 in the same order. */
#define HD_RECORD_DEFINE_PROPERTY_FUNCS(TypeName, type_name)                                     \
  static void                                                                                     \
  type_name##_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)     \
  {                                                                                               \
    if (prop_id == 0 || prop_id >= N_PROPS)                                                       \
      {                                                                                           \
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);                               \
        return;                                                                                   \
      }                                                                                           \
    hd_record_get_field (object, &type_name##_fields[prop_id - 1], value);                        \
  }                                                                                               \
  static void                                                                                     \
  type_name##_set_property (GObject *object, guint prop_id, const GValue *value,                  \
                            GParamSpec *pspec)                                                    \
  {                                                                                               \
    if (prop_id == 0 || prop_id >= N_PROPS)                                                       \
      {                                                                                           \
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);                               \
        return;                                                                                   \
      }                                                                                           \
    if (hd_record_set_field (object, &type_name##_fields[prop_id - 1], value))                    \
      g_object_notify_by_pspec (object, pspec);                                                   \
  }                                                                                               \
  static void                                                                                     \
  type_name##_finalize (GObject *object)                                                          \
  {                                                                                               \
    hd_record_finalize_fields (object, type_name##_fields, G_N_ELEMENTS (type_name##_fields));    \
    G_OBJECT_CLASS (type_name##_parent_class)->finalize (object);                                 \
  }                                                                                               \
  static void                                                                                     \
  type_name##_class_init (TypeName##Class *klass)                                                 \
  {                                                                                               \
    GObjectClass *object_class = G_OBJECT_CLASS (klass);                                          \
    G_STATIC_ASSERT (G_N_ELEMENTS (type_name##_fields) == N_PROPS - 1);                           \
    object_class->get_property = type_name##_get_property;                                        \
    object_class->set_property = type_name##_set_property;                                        \
    object_class->finalize = type_name##_finalize;                                                \
    hd_record_install_properties (object_class, type_name##_fields,                               \
                                  G_N_ELEMENTS (type_name##_fields), properties);                 \
  }                                                                                               \
  void                                                                                            \
  type_name##_copy_from (TypeName *self, TypeName *src)                                           \
  {                                                                                               \
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, type_name##_get_type ()));                \
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (src, type_name##_get_type ()));                 \
    hd_record_copy_fields (G_OBJECT (self), G_OBJECT (src), type_name##_fields,                   \
                           G_N_ELEMENTS (type_name##_fields), properties);                        \
  }

#define HD_RECORD_STRING_ACCESSORS(TypeName, type_name, field, PROP)                              \
  const char *type_name##_get_##field (TypeName *self)                                            \
  {                                                                                               \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, type_name##_get_type ()), NULL);      \
    return self->field;                                                                           \
  }                                                                                               \
  void type_name##_set_##field (TypeName *self, const char *value)                                \
  {                                                                                               \
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, type_name##_get_type ()));                \
    if (g_strcmp0 (self->field, value) == 0)                                                      \
      return;                                                                                     \
    g_free (self->field);                                                                         \
    self->field = g_strdup (value);                                                               \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                                 \
  }

#define HD_RECORD_STRING_GETTER(TypeName, type_name, field)                                       \
  const char *type_name##_get_##field (TypeName *self)                                            \
  {                                                                                               \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, type_name##_get_type ()), NULL);      \
    return self->field;                                                                           \
  }

#define HD_RECORD_SCALAR_ACCESSORS(TypeName, type_name, CType, field, PROP)                       \
  CType type_name##_get_##field (TypeName *self)                                                  \
  {                                                                                               \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, type_name##_get_type ()), (CType) 0); \
    return self->field;                                                                           \
  }                                                                                               \
  void type_name##_set_##field (TypeName *self, CType value)                                      \
  {                                                                                               \
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, type_name##_get_type ()));                \
    if (self->field == value)                                                                     \
      return;                                                                                     \
    self->field = value;                                                                          \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                                 \
  }

G_END_DECLS
