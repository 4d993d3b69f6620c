/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-site"

#include "hd-record.h"
#include "hd-site-private.h"

struct _HdSite
{
  GObject parent_instance;

  char *id;
  char *name;
  HdSiteKind kind;
  HdDomain domain;
  HdSiteLevel level;
  char *region_id;
  char *organisation;
  int members;
  char *address;
  gboolean has_position;
  double latitude;
  double longitude;
  char *contact;
  char *notes;
  char *extra;
  char *created;
  char *modified;
};

G_DEFINE_FINAL_TYPE (HdSite, hd_site, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_DOMAIN,
  PROP_LEVEL,
  PROP_REGION_ID,
  PROP_ORGANISATION,
  PROP_MEMBERS,
  PROP_ADDRESS,
  PROP_HAS_POSITION,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  PROP_CONTACT,
  PROP_NOTES,
  PROP_EXTRA,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define S(n, m) { n, HD_FIELD_STRING, G_STRUCT_OFFSET (HdSite, m), NULL, 0, 0 }
static const HdField hd_site_fields[] = {
  S ("id", id),
  S ("name", name),
  { "kind", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdSite, kind), hd_site_kind_get_type, 0, 0 },
  { "domain", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdSite, domain), hd_domain_get_type, 0, 0 },
  { "level", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdSite, level), hd_site_level_get_type, 0, 0 },
  S ("region-id", region_id),
  S ("organisation", organisation),
  { "members", HD_FIELD_INT, G_STRUCT_OFFSET (HdSite, members), NULL, 0, G_MAXINT },
  S ("address", address),
  { "has-position", HD_FIELD_BOOLEAN, G_STRUCT_OFFSET (HdSite, has_position), NULL, 0, 0 },
  { "latitude", HD_FIELD_DOUBLE, G_STRUCT_OFFSET (HdSite, latitude), NULL, 0, 0 },
  { "longitude", HD_FIELD_DOUBLE, G_STRUCT_OFFSET (HdSite, longitude), NULL, 0, 0 },
  S ("contact", contact),
  S ("notes", notes),
  S ("extra", extra),
  S ("created", created),
  S ("modified", modified),
};
#undef S

HD_RECORD_DEFINE_PROPERTY_FUNCS (HdSite, hd_site)

static void
hd_site_init (HdSite *self)
{
}

HdSite *
hd_site_new (void)
{
  return g_object_new (HD_TYPE_SITE, NULL);
}

/* Strings as the property setters store them: "" kept as "", NULL as NULL. */
#define SET_STRING(field) self->field = g_strdup (fields->field)

/**
 * hd_site_new_with_fields:
 * @fields: the site's fields, as read from its row
 *
 * Makes a site holding @fields directly: no property is set and nothing is notified, which
 * keeps reading 100k rows at open to a field copy per column (a g_object_set() of the 14
 * properties cost twice as much).
 *
 * Returns: (transfer full): the new site
 */
HdSite *
hd_site_new_with_fields (const HdSiteFields *fields)
{
  HdSite *self = g_object_new (HD_TYPE_SITE, NULL);

  SET_STRING (id);
  SET_STRING (name);
  self->kind = fields->kind;
  self->domain = fields->domain;
  self->level = fields->level;
  SET_STRING (region_id);
  SET_STRING (organisation);
  self->members = fields->members;
  SET_STRING (address);
  self->has_position = fields->has_position;
  self->latitude = fields->has_position ? fields->latitude : 0.0;
  self->longitude = fields->has_position ? fields->longitude : 0.0;
  SET_STRING (contact);
  SET_STRING (notes);
  SET_STRING (extra);
  SET_STRING (created);
  SET_STRING (modified);
  return self;
}
#undef SET_STRING

HD_RECORD_STRING_ACCESSORS (HdSite, hd_site, id, PROP_ID)
HD_RECORD_STRING_ACCESSORS (HdSite, hd_site, name, PROP_NAME)
HD_RECORD_STRING_ACCESSORS (HdSite, hd_site, region_id, PROP_REGION_ID)
HD_RECORD_STRING_ACCESSORS (HdSite, hd_site, organisation, PROP_ORGANISATION)
HD_RECORD_STRING_ACCESSORS (HdSite, hd_site, address, PROP_ADDRESS)
HD_RECORD_STRING_ACCESSORS (HdSite, hd_site, contact, PROP_CONTACT)
HD_RECORD_STRING_ACCESSORS (HdSite, hd_site, notes, PROP_NOTES)
HD_RECORD_STRING_ACCESSORS (HdSite, hd_site, extra, PROP_EXTRA)
HD_RECORD_SCALAR_ACCESSORS (HdSite, hd_site, HdSiteKind, kind, PROP_KIND)
HD_RECORD_SCALAR_ACCESSORS (HdSite, hd_site, HdDomain, domain, PROP_DOMAIN)
HD_RECORD_SCALAR_ACCESSORS (HdSite, hd_site, HdSiteLevel, level, PROP_LEVEL)
HD_RECORD_SCALAR_ACCESSORS (HdSite, hd_site, int, members, PROP_MEMBERS)

gboolean
hd_site_get_has_position (HdSite *self)
{
  g_return_val_if_fail (HD_IS_SITE (self), FALSE);
  return self->has_position;
}

double
hd_site_get_latitude (HdSite *self)
{
  g_return_val_if_fail (HD_IS_SITE (self), 0.0);
  return self->latitude;
}

double
hd_site_get_longitude (HdSite *self)
{
  g_return_val_if_fail (HD_IS_SITE (self), 0.0);
  return self->longitude;
}

void
hd_site_set_position (HdSite *self,
                      double  latitude,
                      double  longitude)
{
  g_return_if_fail (HD_IS_SITE (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (!self->has_position)
    {
      self->has_position = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_POSITION]);
    }
  if (self->latitude != latitude)
    {
      self->latitude = latitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATITUDE]);
    }
  if (self->longitude != longitude)
    {
      self->longitude = longitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LONGITUDE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
hd_site_clear_position (HdSite *self)
{
  g_return_if_fail (HD_IS_SITE (self));

  if (!self->has_position)
    return;
  self->has_position = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_POSITION]);
}

const char *
hd_site_get_created (HdSite *self)
{
  g_return_val_if_fail (HD_IS_SITE (self), NULL);
  return self->created;
}

const char *
hd_site_get_modified (HdSite *self)
{
  g_return_val_if_fail (HD_IS_SITE (self), NULL);
  return self->modified;
}
