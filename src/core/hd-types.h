/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The domain's enumerations (see DOMAIN.md), with their stable database/JSON spellings. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  HD_SITE_KIND_VENUE,
  HD_SITE_KIND_SERVICE_CENTER,
  HD_SITE_KIND_RED_POST,
  HD_SITE_KIND_RED_SQUARE,
  HD_SITE_KIND_CORRIDOR,
  HD_SITE_KIND_OTHER,
} HdSiteKind;
#define HD_N_SITE_KINDS (HD_SITE_KIND_OTHER + 1)

typedef enum {
  HD_DOMAIN_UNSET,
  HD_DOMAIN_RURAL,
  HD_DOMAIN_COMMUNITY,
  HD_DOMAIN_ORGAN,
  HD_DOMAIN_SOE,
  HD_DOMAIN_TWO_NEW,
  HD_DOMAIN_SCHOOL,
} HdDomain;
#define HD_N_DOMAINS (HD_DOMAIN_SCHOOL + 1)

typedef enum {
  HD_SITE_LEVEL_NONE,
  HD_SITE_LEVEL_COUNTY,
  HD_SITE_LEVEL_CITY,
} HdSiteLevel;
#define HD_N_SITE_LEVELS (HD_SITE_LEVEL_CITY + 1)

typedef enum {
  HD_BELT_STAGE_PLANNED,
  HD_BELT_STAGE_FOUNDATION,
  HD_BELT_STAGE_BRAND,
  HD_BELT_STAGE_COVERED,
  HD_BELT_STAGE_ACCEPTED,
} HdBeltStage;
#define HD_N_BELT_STAGES (HD_BELT_STAGE_ACCEPTED + 1)

typedef enum {
  HD_REGION_LEVEL_PROVINCE,
  HD_REGION_LEVEL_CITY,
  HD_REGION_LEVEL_DISTRICT,
  HD_REGION_LEVEL_TOWN,
} HdRegionLevel;
#define HD_N_REGION_LEVELS (HD_REGION_LEVEL_TOWN + 1)

GType hd_site_kind_get_type (void) G_GNUC_CONST;
GType hd_domain_get_type (void) G_GNUC_CONST;
GType hd_site_level_get_type (void) G_GNUC_CONST;
GType hd_belt_stage_get_type (void) G_GNUC_CONST;
GType hd_region_level_get_type (void) G_GNUC_CONST;
#define HD_TYPE_SITE_KIND (hd_site_kind_get_type ())
#define HD_TYPE_DOMAIN (hd_domain_get_type ())
#define HD_TYPE_SITE_LEVEL (hd_site_level_get_type ())
#define HD_TYPE_BELT_STAGE (hd_belt_stage_get_type ())
#define HD_TYPE_REGION_LEVEL (hd_region_level_get_type ())

/* Stable spellings ("venue", "service_center", ...): what the database and files hold.
 * *_from_string() returns FALSE for an unknown spelling and leaves @out untouched. */
const char *hd_site_kind_to_string     (HdSiteKind kind);
gboolean    hd_site_kind_from_string   (const char *str, HdSiteKind *out);
const char *hd_domain_to_string        (HdDomain domain);
gboolean    hd_domain_from_string      (const char *str, HdDomain *out);
const char *hd_site_level_to_string    (HdSiteLevel level);
gboolean    hd_site_level_from_string  (const char *str, HdSiteLevel *out);
const char *hd_belt_stage_to_string    (HdBeltStage stage);
gboolean    hd_belt_stage_from_string  (const char *str, HdBeltStage *out);
const char *hd_region_level_to_string  (HdRegionLevel level);
gboolean    hd_region_level_from_string (const char *str, HdRegionLevel *out);

/* Stable spellings of any of Hongdai's GEnum types, by their nicks. */
const char *hd_enum_to_nick   (GType       type,
                               int         value);
gboolean    hd_enum_from_nick (GType       type,
                               const char *nick,
                               int        *out);

/* Defines type_name_to_string() and type_name_from_string() from the GEnum's nicks. */
#define HD_DEFINE_ENUM_STRINGS(TypeName, type_name, TYPE)                          \
  const char *                                                                     \
  type_name##_to_string (TypeName value)                                           \
  {                                                                                \
    return hd_enum_to_nick (TYPE, value);                                          \
  }                                                                                \
  gboolean                                                                         \
  type_name##_from_string (const char *str,                                        \
                           TypeName   *out)                                        \
  {                                                                                \
    int v;                                                                         \
    if (!hd_enum_from_nick (TYPE, str, &v))                                        \
      return FALSE;                                                                \
    *out = (TypeName) v;                                                           \
    return TRUE;                                                                   \
  }

/* Translated labels for the UI and CLI (zh_CN first, from DOMAIN.md). */
const char *hd_site_kind_label     (HdSiteKind kind);
const char *hd_domain_label        (HdDomain domain);
const char *hd_site_level_label    (HdSiteLevel level);
const char *hd_belt_stage_label    (HdBeltStage stage);
const char *hd_region_level_label  (HdRegionLevel level);

/* The documents' target: every belt has at least this many sites. */
#define HD_BELT_MIN_SITES 8

/* WGS-84 range checks shared by the store, the importers and the editors. */
gboolean hd_coordinate_is_valid (double lat, double lon);

/* A new random (version 4) UUID in lower case, as every record's id. */
char *hd_new_id (void);

/* Now as an ISO 8601 UTC timestamp with microseconds, as every created/modified column holds. */
char *hd_timestamp_now (void);

G_END_DECLS
