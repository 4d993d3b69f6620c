/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-types"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "hd-types.h"

G_DEFINE_ENUM_TYPE (HdSiteKind, hd_site_kind,
  G_DEFINE_ENUM_VALUE (HD_SITE_KIND_VENUE, "venue"),
  G_DEFINE_ENUM_VALUE (HD_SITE_KIND_SERVICE_CENTER, "service_center"),
  G_DEFINE_ENUM_VALUE (HD_SITE_KIND_RED_POST, "red_post"),
  G_DEFINE_ENUM_VALUE (HD_SITE_KIND_RED_SQUARE, "red_square"),
  G_DEFINE_ENUM_VALUE (HD_SITE_KIND_CORRIDOR, "corridor"),
  G_DEFINE_ENUM_VALUE (HD_SITE_KIND_OTHER, "other"))

G_DEFINE_ENUM_TYPE (HdDomain, hd_domain,
  G_DEFINE_ENUM_VALUE (HD_DOMAIN_UNSET, "unset"),
  G_DEFINE_ENUM_VALUE (HD_DOMAIN_RURAL, "rural"),
  G_DEFINE_ENUM_VALUE (HD_DOMAIN_COMMUNITY, "community"),
  G_DEFINE_ENUM_VALUE (HD_DOMAIN_ORGAN, "organ"),
  G_DEFINE_ENUM_VALUE (HD_DOMAIN_SOE, "soe"),
  G_DEFINE_ENUM_VALUE (HD_DOMAIN_TWO_NEW, "two_new"),
  G_DEFINE_ENUM_VALUE (HD_DOMAIN_SCHOOL, "school"))

G_DEFINE_ENUM_TYPE (HdSiteLevel, hd_site_level,
  G_DEFINE_ENUM_VALUE (HD_SITE_LEVEL_NONE, "none"),
  G_DEFINE_ENUM_VALUE (HD_SITE_LEVEL_COUNTY, "county"),
  G_DEFINE_ENUM_VALUE (HD_SITE_LEVEL_CITY, "city"))

G_DEFINE_ENUM_TYPE (HdBeltStage, hd_belt_stage,
  G_DEFINE_ENUM_VALUE (HD_BELT_STAGE_PLANNED, "planned"),
  G_DEFINE_ENUM_VALUE (HD_BELT_STAGE_FOUNDATION, "foundation"),
  G_DEFINE_ENUM_VALUE (HD_BELT_STAGE_BRAND, "brand"),
  G_DEFINE_ENUM_VALUE (HD_BELT_STAGE_COVERED, "covered"),
  G_DEFINE_ENUM_VALUE (HD_BELT_STAGE_ACCEPTED, "accepted"))

G_DEFINE_ENUM_TYPE (HdRegionLevel, hd_region_level,
  G_DEFINE_ENUM_VALUE (HD_REGION_LEVEL_PROVINCE, "province"),
  G_DEFINE_ENUM_VALUE (HD_REGION_LEVEL_CITY, "city"),
  G_DEFINE_ENUM_VALUE (HD_REGION_LEVEL_DISTRICT, "district"),
  G_DEFINE_ENUM_VALUE (HD_REGION_LEVEL_TOWN, "town"))

/* The GEnumValue nicks are the stable spellings: one table, no second copy to drift. */
const char *
hd_enum_to_nick (GType type,
                 int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);
  const char *nick = ev ? ev->value_nick : NULL;

  g_type_class_unref (klass);
  return nick;
}

gboolean
hd_enum_from_nick (GType       type,
                   const char *nick,
                   int        *out)
{
  GEnumClass *klass;
  GEnumValue *ev;

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev != NULL)
    *out = ev->value;
  g_type_class_unref (klass);
  return ev != NULL;
}

HD_DEFINE_ENUM_STRINGS (HdSiteKind, hd_site_kind, HD_TYPE_SITE_KIND)
HD_DEFINE_ENUM_STRINGS (HdDomain, hd_domain, HD_TYPE_DOMAIN)
HD_DEFINE_ENUM_STRINGS (HdSiteLevel, hd_site_level, HD_TYPE_SITE_LEVEL)
HD_DEFINE_ENUM_STRINGS (HdBeltStage, hd_belt_stage, HD_TYPE_BELT_STAGE)
HD_DEFINE_ENUM_STRINGS (HdRegionLevel, hd_region_level, HD_TYPE_REGION_LEVEL)

const char *
hd_site_kind_label (HdSiteKind kind)
{
  switch (kind)
    {
    case HD_SITE_KIND_VENUE: return C_("site kind", "Activity venue");
    case HD_SITE_KIND_SERVICE_CENTER: return C_("site kind", "Party-mass service center");
    case HD_SITE_KIND_RED_POST: return C_("site kind", "Red post");
    case HD_SITE_KIND_RED_SQUARE: return C_("site kind", "Red-culture square");
    case HD_SITE_KIND_CORRIDOR: return C_("site kind", "Party-building corridor");
    case HD_SITE_KIND_OTHER: return C_("site kind", "Other");
    default: g_return_val_if_reached ("");
    }
}

const char *
hd_domain_label (HdDomain domain)
{
  switch (domain)
    {
    case HD_DOMAIN_UNSET: return C_("site domain", "Unspecified");
    case HD_DOMAIN_RURAL: return C_("site domain", "Rural");
    case HD_DOMAIN_COMMUNITY: return C_("site domain", "Community");
    case HD_DOMAIN_ORGAN: return C_("site domain", "Government organ");
    case HD_DOMAIN_SOE: return C_("site domain", "State-owned enterprise");
    case HD_DOMAIN_TWO_NEW: return C_("site domain", "Two-new organisation");
    case HD_DOMAIN_SCHOOL: return C_("site domain", "School");
    default: g_return_val_if_reached ("");
    }
}

const char *
hd_site_level_label (HdSiteLevel level)
{
  switch (level)
    {
    case HD_SITE_LEVEL_NONE: return C_("site level", "Not graded");
    case HD_SITE_LEVEL_COUNTY: return C_("site level", "County-level site");
    case HD_SITE_LEVEL_CITY: return C_("site level", "City-level site");
    default: g_return_val_if_reached ("");
    }
}

const char *
hd_belt_stage_label (HdBeltStage stage)
{
  switch (stage)
    {
    case HD_BELT_STAGE_PLANNED: return C_("belt stage", "Planned");
    case HD_BELT_STAGE_FOUNDATION: return C_("belt stage", "Laying the foundation");
    case HD_BELT_STAGE_BRAND: return C_("belt stage", "Building the brand");
    case HD_BELT_STAGE_COVERED: return C_("belt stage", "Full coverage");
    case HD_BELT_STAGE_ACCEPTED: return C_("belt stage", "Accepted");
    default: g_return_val_if_reached ("");
    }
}

const char *
hd_region_level_label (HdRegionLevel level)
{
  switch (level)
    {
    case HD_REGION_LEVEL_PROVINCE: return C_("region level", "Province");
    case HD_REGION_LEVEL_CITY: return C_("region level", "City");
    case HD_REGION_LEVEL_DISTRICT: return C_("region level", "District or county");
    case HD_REGION_LEVEL_TOWN: return C_("region level", "Town or street");
    default: g_return_val_if_reached ("");
    }
}

gboolean
hd_coordinate_is_valid (double lat,
                        double lon)
{
  return isfinite (lat) && isfinite (lon) &&
         lat >= -90.0 && lat <= 90.0 &&
         lon >= -180.0 && lon <= 180.0;
}

char *
hd_new_id (void)
{
  return g_uuid_string_random ();
}

char *
hd_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* Microseconds: the stamp is also what tells an edit that its record changed since it was read,
   * and two saves within a second must not look alike. */
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}
