/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The hd-basemap.bin layout, shared by the converter that writes it and the reader in
 * hd-basemap.c (whose opening comment describes the format in full). Every number is
 * little-endian; records are packed to 4-byte multiples so the mapped file can be read in
 * place. */

#include <glib.h>

G_BEGIN_DECLS

#define HD_BASEMAP_MAGIC         "HDBMAP\032\n"
#define HD_BASEMAP_MAGIC_LEN     8
#define HD_BASEMAP_VERSION       1
#define HD_BASEMAP_HEADER_SIZE   64
#define HD_BASEMAP_LEVEL_SIZE    16
#define HD_BASEMAP_FEATURE_SIZE  48
#define HD_BASEMAP_PART_SIZE     32
#define HD_BASEMAP_POINT_SIZE    8

/* Coordinates are integer microdegrees. */
#define HD_BASEMAP_UNITS_PER_DEGREE 1000000.0

typedef enum {
  HD_BASEMAP_KIND_COUNTRY  = 0,  /* a country other than China: land, border, name */
  HD_BASEMAP_KIND_CHINA    = 1,  /* China as a whole: only its name (its land is the provinces) */
  HD_BASEMAP_KIND_PROVINCE = 2,  /* a province-level division of China */
} HdBasemapKind;
#define HD_BASEMAP_N_KINDS 3

typedef enum {
  HD_BASEMAP_ROLE_LAND            = 0, /* a closed ring to fill */
  HD_BASEMAP_ROLE_PROVINCE_BORDER = 1, /* an open line between two provinces */
  HD_BASEMAP_ROLE_COUNTRY_BORDER  = 2, /* an open line between two countries (never a coast) */
} HdBasemapRole;
#define HD_BASEMAP_N_ROLES 3

/* On disk, in this order (see hd-basemap.c):
 *   header   HD_BASEMAP_HEADER_SIZE bytes
 *   levels   n_levels   × HD_BASEMAP_LEVEL_SIZE
 *   features n_features × HD_BASEMAP_FEATURE_SIZE
 *   parts    n_parts    × HD_BASEMAP_PART_SIZE
 *   points   n_points   × HD_BASEMAP_POINT_SIZE
 *   strings  strings_size bytes */

typedef struct
{
  char    magic[HD_BASEMAP_MAGIC_LEN];
  guint32 version;
  guint32 header_size;
  guint32 n_levels;
  guint32 n_features;
  guint32 n_parts;
  guint32 n_points;
  guint32 strings_size;
  guint32 file_size;
  guint32 reserved[6];
} HdBasemapFileHeader;

typedef struct
{
  gint32  tolerance;   /* microdegrees */
  guint32 first_part;
  guint32 n_parts;
  guint32 reserved;
} HdBasemapFileLevel;

typedef struct
{
  guint8  kind;
  guint8  reserved0[3];
  guint32 code;        /* string offsets */
  guint32 name;
  guint32 short_name;
  gint32  min_lon, min_lat, max_lon, max_lat;
  gint32  label_lon, label_lat;
  guint32 area_km2;
  guint32 reserved1;
} HdBasemapFileFeature;

typedef struct
{
  guint32 feature;
  guint8  role;
  guint8  reserved[3];
  gint32  min_lon, min_lat, max_lon, max_lat;
  guint32 first_point;
  guint32 n_points;
} HdBasemapFilePart;

typedef struct
{
  gint32 lon;
  gint32 lat;
} HdBasemapFilePoint;

G_STATIC_ASSERT (sizeof (HdBasemapFileHeader) == HD_BASEMAP_HEADER_SIZE);
G_STATIC_ASSERT (sizeof (HdBasemapFileLevel) == HD_BASEMAP_LEVEL_SIZE);
G_STATIC_ASSERT (sizeof (HdBasemapFileFeature) == HD_BASEMAP_FEATURE_SIZE);
G_STATIC_ASSERT (sizeof (HdBasemapFilePart) == HD_BASEMAP_PART_SIZE);
G_STATIC_ASSERT (sizeof (HdBasemapFilePoint) == HD_BASEMAP_POINT_SIZE);

G_END_DECLS
