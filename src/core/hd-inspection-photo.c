/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-inspection-photo"

#include "hd-standards-private.h"

struct _HdInspectionPhoto
{
  GObject   parent_instance;

  char     *id;
  char     *inspection_id;
  char     *item_id;
  char     *path;
  char     *sha256;
  char     *mime_type;
  char     *caption;
  char     *created;
  gboolean  missing;
  gboolean  changed;
};

G_DEFINE_FINAL_TYPE (HdInspectionPhoto, hd_inspection_photo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_INSPECTION_ID,
  PROP_ITEM_ID,
  PROP_PATH,
  PROP_SHA256,
  PROP_MIME_TYPE,
  PROP_CAPTION,
  PROP_CREATED,
  PROP_MISSING,
  PROP_CHANGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_inspection_photo_finalize (GObject *object)
{
  HdInspectionPhoto *self = HD_INSPECTION_PHOTO (object);

  g_free (self->id);
  g_free (self->inspection_id);
  g_free (self->item_id);
  g_free (self->path);
  g_free (self->sha256);
  g_free (self->mime_type);
  g_free (self->caption);
  g_free (self->created);

  G_OBJECT_CLASS (hd_inspection_photo_parent_class)->finalize (object);
}

static void
hd_inspection_photo_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HdInspectionPhoto *self = HD_INSPECTION_PHOTO (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_INSPECTION_ID: g_value_set_string (value, self->inspection_id); break;
    case PROP_ITEM_ID: g_value_set_string (value, self->item_id); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_SHA256: g_value_set_string (value, self->sha256); break;
    case PROP_MIME_TYPE: g_value_set_string (value, self->mime_type); break;
    case PROP_CAPTION: g_value_set_string (value, self->caption); break;
    case PROP_CREATED: g_value_set_string (value, self->created); break;
    case PROP_MISSING: g_value_set_boolean (value, self->missing); break;
    case PROP_CHANGED: g_value_set_boolean (value, self->changed); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_inspection_photo_class_init (HdInspectionPhotoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hd_inspection_photo_finalize;
  object_class->get_property = hd_inspection_photo_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_INSPECTION_ID] = g_param_spec_string ("inspection-id", NULL, NULL, NULL, flags);
  properties[PROP_ITEM_ID] = g_param_spec_string ("item-id", NULL, NULL, NULL, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, flags);
  properties[PROP_MIME_TYPE] = g_param_spec_string ("mime-type", NULL, NULL, NULL, flags);
  properties[PROP_CAPTION] = g_param_spec_string ("caption", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, flags);
  properties[PROP_MISSING] = g_param_spec_boolean ("missing", NULL, NULL, FALSE, flags);
  properties[PROP_CHANGED] = g_param_spec_boolean ("changed", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_inspection_photo_init (HdInspectionPhoto *self)
{
}

HdInspectionPhoto *
hd_inspection_photo_new_from_row (const char *id,
                                  const char *inspection_id,
                                  const char *item_id,
                                  const char *path,
                                  const char *sha256,
                                  const char *mime_type,
                                  const char *caption,
                                  const char *created)
{
  HdInspectionPhoto *self = g_object_new (HD_TYPE_INSPECTION_PHOTO, NULL);

  self->id = g_strdup (id);
  self->inspection_id = g_strdup (inspection_id);
  self->item_id = g_strdup (item_id);
  self->path = g_strdup (path);
  self->sha256 = g_strdup (sha256);
  self->mime_type = g_strdup (mime_type);
  self->caption = g_strdup (caption);
  self->created = g_strdup (created);
  return self;
}

#define GETTER(type, name, fallback)                                \
  type                                                              \
  hd_inspection_photo_get_##name (HdInspectionPhoto *self)          \
  {                                                                 \
    g_return_val_if_fail (HD_IS_INSPECTION_PHOTO (self), fallback); \
    return self->name;                                              \
  }

GETTER (const char *, id, NULL)
GETTER (const char *, inspection_id, NULL)
GETTER (const char *, item_id, NULL)
GETTER (const char *, path, NULL)
GETTER (const char *, sha256, NULL)
GETTER (const char *, mime_type, NULL)
GETTER (const char *, caption, NULL)
GETTER (const char *, created, NULL)
GETTER (gboolean, missing, FALSE)
GETTER (gboolean, changed, FALSE)

#undef GETTER

gboolean
hd_inspection_photo_check (HdInspectionPhoto *self,
                           GCancellable      *cancellable)
{
  gboolean missing, changed;

  g_return_val_if_fail (HD_IS_INSPECTION_PHOTO (self), FALSE);

  hd_file_check_hash (self->path, self->sha256, &missing, &changed, NULL, cancellable);
  if (missing != self->missing)
    {
      self->missing = missing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MISSING]);
    }
  if (changed != self->changed)
    {
      self->changed = changed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED]);
    }
  return !missing && !changed;
}
