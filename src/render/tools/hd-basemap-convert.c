/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-basemap-convert"

/* Build-time converter: GMT's Digital Chart of the World (dcw-gmt.nc, Debian's gmt-dcw) to the
 * compact hd-basemap.bin the app draws its offline map from (layout in src/render/hd-basemap.c).
 *
 *   hd-basemap-convert [--verbose] dcw-gmt.nc hd-basemap.bin
 *
 * What dcw-gmt.nc holds, as the file shows it (ncdump -h): one pair of variables per country
 * (XX_lon, XX_lat, ISO 3166 code) and per state of some countries (CNFJ_lon, … for China's
 * provinces), unsigned shorts scaled to the variable's own box: value = min + stored / scale
 * (attributes "min" and "scale"). A longitude of 65535 (the netCDF fill value) starts a new ring;
 * the latitude beside it is 1 when that ring is a hole. Rings repeat their first point at the end.
 * Longitudes run past 180 for countries across the antimeridian (Russia to 191, the USA to 293).
 *
 * What goes out, for a quiet base map around China:
 *   - China's 34 province-level divisions with their Chinese names: land and the borders between
 *     them (Taiwan comes from the CN.TW province, not from the separate "TW" country);
 *   - the countries near China (box 60–150°E, 5°S–60°N): land and borders, finer;
 *   - every other country: coarse land and borders, so the world is not an empty ocean;
 *   - China's name and label point.
 * Borders are the parts of outlines that run along another outline (coasts are not lines: the
 * land fill shows them), each drawn once. Each is simplified with Douglas–Peucker at the levels'
 * tolerances; big rings are cut into cells at fine levels so a tile reads only what it shows. */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <netcdf.h>

#include "hd-basemap-format.h"
#include "hd-polygon.h"

/* Tolerances (degrees) of the levels, coarse to fine; the renderer picks one per zoom. */
static const double level_tolerance[] = { 0.04, 0.01, 0.0025, 0.0006, 0.00015 };
#define N_LEVELS G_N_ELEMENTS (level_tolerance)

/* Land rings wider than a cell are cut into cells at the fine levels: a tile then reads only
 * the pieces it shows instead of a whole coastline. 0 keeps rings whole. */
static const double level_cell[] = { 0, 0, 2.0, 0.5, 0.125 };

/* A piece of land with fewer points than this is not cut further. */
#define CUT_MAX_POINTS 1024

/* Lines are cut into runs of at most this many points for the same reason. */
#define LINE_CHUNK 256

/* Detail where the planners look, context elsewhere: a level a feature lacks reuses its finest
 * (the renderer never sees the difference). */
typedef enum {
  TIER_WORLD,   /* level 0 */
  TIER_NEAR,    /* levels 0–2 */
  TIER_CHINA,   /* levels 0–4 */
} Tier;

static const int tier_max_level[] = { 0, 2, 4 };

/* How far apart two outlines may be and still be one border. Provinces come from one source and
 * meet to within their quantisation (each variable is scaled to its own box: a step of up to
 * 0.0004°). China's provinces and the neighbouring countries come from different sources and
 * part by up to 0.02° along the Vietnamese border; world outlines are simplified by 0.04°. */
#define EPS_PROVINCE      0.01
#define EPS_INTERNATIONAL 0.02
#define EPS_COARSE        0.09
#define GRID_CELL  0.2

/* Where the "near" countries are. */
#define NEAR_WEST  60.0
#define NEAR_EAST  150.0
#define NEAR_SOUTH (-5.0)
#define NEAR_NORTH 60.0

typedef struct
{
  const char *code;
  const char *name;
  const char *short_name;
} Name;

/* DCW's codes for China's provinces (its dcw-states.txt), with the Chinese names. */
static const Name province_names[] = {
  { "AH", "安徽省", "安徽" },
  { "BJ", "北京市", "北京" },
  { "CQ", "重庆市", "重庆" },
  { "FJ", "福建省", "福建" },
  { "GD", "广东省", "广东" },
  { "GS", "甘肃省", "甘肃" },
  { "GX", "广西壮族自治区", "广西" },
  { "GZ", "贵州省", "贵州" },
  { "HA", "河南省", "河南" },
  { "HB", "湖北省", "湖北" },
  { "HE", "河北省", "河北" },
  { "HI", "海南省", "海南" },
  { "HK", "香港特别行政区", "香港" },
  { "HL", "黑龙江省", "黑龙江" },
  { "HN", "湖南省", "湖南" },
  { "JL", "吉林省", "吉林" },
  { "JS", "江苏省", "江苏" },
  { "JX", "江西省", "江西" },
  { "LN", "辽宁省", "辽宁" },
  { "MO", "澳门特别行政区", "澳门" },
  { "NM", "内蒙古自治区", "内蒙古" },
  { "NX", "宁夏回族自治区", "宁夏" },
  { "QH", "青海省", "青海" },
  { "SC", "四川省", "四川" },
  { "SD", "山东省", "山东" },
  { "SH", "上海市", "上海" },
  { "SN", "陕西省", "陕西" },
  { "SX", "山西省", "山西" },
  { "TJ", "天津市", "天津" },
  { "TW", "台湾省", "台湾" },
  { "XJ", "新疆维吾尔自治区", "新疆" },
  { "XZ", "西藏自治区", "西藏" },
  { "YN", "云南省", "云南" },
  { "ZJ", "浙江省", "浙江" },
};
#define N_PROVINCES G_N_ELEMENTS (province_names)

/* Names for the countries around China; others stay unnamed (they are only context). */
static const Name country_names[] = {
  { "AF", "阿富汗", NULL },
  { "AU", "澳大利亚", NULL },
  { "BD", "孟加拉国", NULL },
  { "BN", "文莱", NULL },
  { "BT", "不丹", NULL },
  { "CN", "中国", NULL },
  { "ID", "印度尼西亚", NULL },
  { "IN", "印度", NULL },
  { "IR", "伊朗", NULL },
  { "JP", "日本", NULL },
  { "KG", "吉尔吉斯斯坦", NULL },
  { "KH", "柬埔寨", NULL },
  { "KP", "朝鲜", NULL },
  { "KR", "韩国", NULL },
  { "KZ", "哈萨克斯坦", NULL },
  { "LA", "老挝", NULL },
  { "LK", "斯里兰卡", NULL },
  { "MM", "缅甸", NULL },
  { "MN", "蒙古", NULL },
  { "MY", "马来西亚", NULL },
  { "NP", "尼泊尔", NULL },
  { "PG", "巴布亚新几内亚", NULL },
  { "PH", "菲律宾", NULL },
  { "PK", "巴基斯坦", NULL },
  { "RU", "俄罗斯", NULL },
  { "SG", "新加坡", NULL },
  { "TH", "泰国", NULL },
  { "TJ", "塔吉克斯坦", NULL },
  { "TL", "东帝汶", NULL },
  { "TM", "土库曼斯坦", NULL },
  { "UZ", "乌兹别克斯坦", NULL },
  { "VN", "越南", NULL },
};

typedef struct
{
  GArray   *points;     /* HdPoint, lon/lat degrees, not closed */
  gboolean  hole;
  GArray   *intl;       /* gint32 per point: the other country's entity it borders, or -1 */
  GArray   *prov;       /* gint32 per point: the other province it borders, or -1 */
} Ring;

typedef struct
{
  char          *code;        /* "FR", "CN.FJ" */
  const char    *name;
  const char    *short_name;
  HdBasemapKind  kind;
  Tier           tier;
  int            entity;      /* countries: 1 + index; every province is entity 0 (China) */
  int            province;    /* index in province_names, or -1 */
  GPtrArray     *rings;       /* Ring *, simplified to the tier's finest level */
  double         min_lon, min_lat, max_lon, max_lat;
  double         label_lon, label_lat;
  double         area_km2;
  GPtrArray     *level_parts[N_LEVELS]; /* HdBasemapFilePart * for each level it has */
} Feature;

#define ENTITY_CHINA 0

typedef struct
{
  GPtrArray *features;
  GArray    *points;        /* HdBasemapFilePoint */
  GString   *strings;
  GHashTable *string_offsets;
  GArray    *entity_tiers;  /* int Tier per entity */
  guint      level_points[N_LEVELS][HD_BASEMAP_N_ROLES];
  gboolean   verbose;
} Converter;

static G_GNUC_NORETURN G_GNUC_PRINTF (1, 2) void
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  fputs ("hd-basemap-convert: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  exit (EXIT_FAILURE);
}

static void
nc_check (int         status,
          const char *what)
{
  if (status != NC_NOERR)
    die ("%s: %s", what, nc_strerror (status));
}

static void
ring_free (gpointer data)
{
  Ring *ring = data;

  g_array_unref (ring->points);
  g_clear_pointer (&ring->intl, g_array_unref);
  g_clear_pointer (&ring->prov, g_array_unref);
  g_free (ring);
}

static void
feature_free (gpointer data)
{
  Feature *feature = data;

  g_free (feature->code);
  g_ptr_array_unref (feature->rings);
  for (guint l = 0; l < N_LEVELS; l++)
    g_clear_pointer (&feature->level_parts[l], g_ptr_array_unref);
  g_free (feature);
}

static const Name *
find_name (const Name *table,
           gsize       n,
           const char *code)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (table[i].code, code) == 0)
      return &table[i];

  return NULL;
}

static double
get_double_attribute (int         nc,
                      int         var,
                      const char *var_name,
                      const char *attribute)
{
  double value;
  g_autofree char *what = g_strdup_printf ("%s:%s", var_name, attribute);

  nc_check (nc_get_att_double (nc, var, attribute, &value), what);
  if (!isfinite (value))
    die ("%s is not a number", what);

  return value;
}

/* Reads one XX_lon/XX_lat pair into rings (closing points dropped, repeated points merged). */
static GPtrArray *
read_rings (int         nc,
            const char *prefix)
{
  g_autofree char *lon_name = g_strdup_printf ("%s_lon", prefix);
  g_autofree char *lat_name = g_strdup_printf ("%s_lat", prefix);
  g_autofree unsigned short *lon_raw = NULL;
  g_autofree unsigned short *lat_raw = NULL;
  GPtrArray *rings = g_ptr_array_new_with_free_func (ring_free);
  Ring *ring = NULL;
  double lon_min, lon_scale, lat_min, lat_scale;
  int lon_var, lat_var, ndims, dim;
  size_t len, lat_len;

  nc_check (nc_inq_varid (nc, lon_name, &lon_var), lon_name);
  nc_check (nc_inq_varid (nc, lat_name, &lat_var), lat_name);
  nc_check (nc_inq_varndims (nc, lon_var, &ndims), lon_name);
  if (ndims != 1)
    die ("%s has %d dimensions, expected 1", lon_name, ndims);
  nc_check (nc_inq_vardimid (nc, lon_var, &dim), lon_name);
  nc_check (nc_inq_dimlen (nc, dim, &len), lon_name);
  nc_check (nc_inq_vardimid (nc, lat_var, &dim), lat_name);
  nc_check (nc_inq_dimlen (nc, dim, &lat_len), lat_name);
  if (len != lat_len)
    die ("%s and %s differ in length", lon_name, lat_name);

  lon_min = get_double_attribute (nc, lon_var, lon_name, "min");
  lon_scale = get_double_attribute (nc, lon_var, lon_name, "scale");
  lat_min = get_double_attribute (nc, lat_var, lat_name, "min");
  lat_scale = get_double_attribute (nc, lat_var, lat_name, "scale");
  if (lon_scale <= 0 || lat_scale <= 0)
    die ("%s: scale must be positive", prefix);

  lon_raw = g_new (unsigned short, MAX (len, 1));
  lat_raw = g_new (unsigned short, MAX (len, 1));
  nc_check (nc_get_var_ushort (nc, lon_var, lon_raw), lon_name);
  nc_check (nc_get_var_ushort (nc, lat_var, lat_raw), lat_name);

  for (size_t i = 0; i < len; i++)
    {
      HdPoint p;

      if (lon_raw[i] == 65535)
        {
          ring = g_new0 (Ring, 1);
          ring->points = g_array_new (FALSE, FALSE, sizeof (HdPoint));
          ring->hole = lat_raw[i] == 1;
          g_ptr_array_add (rings, ring);
          continue;
        }
      if (ring == NULL)
        die ("%s does not start with a ring separator", lon_name);

      p.x = lon_min + lon_raw[i] / lon_scale;
      p.y = lat_min + lat_raw[i] / lat_scale;

      if (ring->points->len > 0)
        {
          HdPoint *last = &g_array_index (ring->points, HdPoint, ring->points->len - 1);
          if (last->x == p.x && last->y == p.y)
            continue;
        }
      g_array_append_val (ring->points, p);
    }

  for (guint r = rings->len; r-- > 0;)
    {
      Ring *rr = g_ptr_array_index (rings, r);
      GArray *pts = rr->points;

      if (pts->len > 1)
        {
          HdPoint *first = &g_array_index (pts, HdPoint, 0);
          HdPoint *last = &g_array_index (pts, HdPoint, pts->len - 1);
          if (first->x == last->x && first->y == last->y)
            g_array_set_size (pts, pts->len - 1);
        }
      if (pts->len < 3)
        g_ptr_array_remove_index (rings, r);
    }

  return rings;
}

static void
simplify_rings (GPtrArray *rings,
                double     tolerance)
{
  for (guint r = rings->len; r-- > 0;)
    {
      Ring *ring = g_ptr_array_index (rings, r);
      GArray *out = g_array_new (FALSE, FALSE, sizeof (HdPoint));

      hd_polygon_simplify ((HdPoint *) (void *) ring->points->data, ring->points->len,
                           tolerance, TRUE, out);
      g_array_unref (ring->points);
      ring->points = out;
      if (out->len < 3)
        g_ptr_array_remove_index (rings, r);
    }
}

static void
ring_bounds (const GArray *points,
             double       *min_x,
             double       *min_y,
             double       *max_x,
             double       *max_y)
{
  *min_x = *min_y = INFINITY;
  *max_x = *max_y = -INFINITY;
  for (guint i = 0; i < points->len; i++)
    {
      const HdPoint *p = &g_array_index (points, HdPoint, i);
      *min_x = MIN (*min_x, p->x);
      *min_y = MIN (*min_y, p->y);
      *max_x = MAX (*max_x, p->x);
      *max_y = MAX (*max_y, p->y);
    }
}

static void
feature_update_bounds (Feature *feature)
{
  feature->min_lon = feature->min_lat = INFINITY;
  feature->max_lon = feature->max_lat = -INFINITY;

  for (guint r = 0; r < feature->rings->len; r++)
    {
      Ring *ring = g_ptr_array_index (feature->rings, r);
      double x0, y0, x1, y1;

      ring_bounds (ring->points, &x0, &y0, &x1, &y1);
      feature->min_lon = MIN (feature->min_lon, x0);
      feature->min_lat = MIN (feature->min_lat, y0);
      feature->max_lon = MAX (feature->max_lon, x1);
      feature->max_lat = MAX (feature->max_lat, y1);
    }
}

/* Approximate area in km² of a lon/lat ring (equirectangular at its latitude: enough to rank
 * labels). */
static double
ring_area_km2 (const GArray *points)
{
  double x0, y0, x1, y1, k;

  ring_bounds (points, &x0, &y0, &x1, &y1);
  k = 111.32 * 111.32 * cos ((y0 + y1) / 2.0 * G_PI / 180.0);

  return fabs (hd_polygon_signed_area2 ((const HdPoint *) (const void *) points->data,
                                        points->len)) / 2.0 * k;
}

static HdPoint
to_mercator (HdPoint p)
{
  double phi = CLAMP (p.y, -85.0511, 85.0511) * G_PI / 180.0;
  HdPoint m = { (p.x + 180.0) / 360.0, 0.5 - asinh (tan (phi)) / (2.0 * G_PI) };

  return m;
}

/* The label goes at the pole of inaccessibility of the biggest ring, as the map shows it
 * (in Mercator units), keeping out of the feature's holes. */
static void
feature_place_label (Feature   *feature,
                     GPtrArray *rings)
{
  g_autoptr(GPtrArray) merc = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) views = g_array_new (FALSE, FALSE, sizeof (HdRingView));
  Ring *biggest = NULL;
  double biggest_area = 0;
  double x, y, x0, y0, x1, y1;

  feature->area_km2 = 0;
  for (guint r = 0; r < rings->len; r++)
    {
      Ring *ring = g_ptr_array_index (rings, r);
      double area = ring_area_km2 (ring->points);

      if (ring->hole)
        continue;
      feature->area_km2 += area;
      if (area > biggest_area)
        {
          biggest_area = area;
          biggest = ring;
        }
    }

  if (biggest == NULL)
    {
      feature->label_lon = (feature->min_lon + feature->max_lon) / 2;
      feature->label_lat = (feature->min_lat + feature->max_lat) / 2;
      return;
    }

  for (guint r = 0; r < rings->len; r++)
    {
      Ring *ring = g_ptr_array_index (rings, r);
      GArray *m;
      HdRingView view;

      if (ring != biggest && !ring->hole)
        continue;

      m = g_array_sized_new (FALSE, FALSE, sizeof (HdPoint), ring->points->len);
      for (guint i = 0; i < ring->points->len; i++)
        {
          HdPoint p = to_mercator (g_array_index (ring->points, HdPoint, i));
          g_array_append_val (m, p);
        }
      g_ptr_array_add (merc, m);
      view.points = (const HdPoint *) (const void *) m->data;
      view.n_points = m->len;
      g_array_append_val (views, view);
    }

  ring_bounds (g_ptr_array_index (merc, 0), &x0, &y0, &x1, &y1);
  if (hd_polygon_label_point ((HdRingView *) (void *) views->data, views->len,
                              MAX (x1 - x0, y1 - y0) / 400.0, &x, &y))
    {
      feature->label_lon = x * 360.0 - 180.0;
      feature->label_lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
    }
  else
    {
      HdPoint p = g_array_index (biggest->points, HdPoint, 0);
      feature->label_lon = p.x;
      feature->label_lat = p.y;
    }
}

static GPtrArray *
copy_rings (GPtrArray *rings)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (ring_free);

  for (guint r = 0; r < rings->len; r++)
    {
      Ring *src = g_ptr_array_index (rings, r);
      Ring *ring = g_new0 (Ring, 1);

      ring->points = g_array_copy (src->points);
      ring->hole = src->hole;
      g_ptr_array_add (copy, ring);
    }

  return copy;
}

/* Label at the level the map shows the feature at mid zooms: fine enough to stay inside,
 * coarse enough to be quick. */
static void
feature_place_label_at_level (Feature *feature,
                              guint    level)
{
  g_autoptr(GPtrArray) rings = copy_rings (feature->rings);

  if (level < (guint) tier_max_level[feature->tier])
    simplify_rings (rings, level_tolerance[level]);
  feature_place_label (feature, rings->len > 0 ? rings : feature->rings);
}

static guint32
intern_string (Converter  *conv,
               const char *str)
{
  gpointer offset;

  if (str == NULL || *str == '\0')
    return 0;

  if (g_hash_table_lookup_extended (conv->string_offsets, str, NULL, &offset))
    return GPOINTER_TO_UINT (offset);

  offset = GUINT_TO_POINTER (conv->strings->len);
  g_string_append_len (conv->strings, str, strlen (str) + 1);
  g_hash_table_insert (conv->string_offsets, g_strdup (str), offset);

  return GPOINTER_TO_UINT (offset);
}

static gint32
to_units (double degrees)
{
  return (gint32) lround (degrees * HD_BASEMAP_UNITS_PER_DEGREE);
}

/* Appends the points to the file's point table (dropping ones that round to the same
 * microdegree) and a part that refers to them. */
static void
add_part (Converter     *conv,
          Feature       *feature,
          guint          level,
          HdBasemapRole  role,
          const HdPoint *points,
          gsize          n_points)
{
  HdBasemapFilePart *part = g_new0 (HdBasemapFilePart, 1);
  guint32 first = conv->points->len;

  part->min_lon = part->min_lat = G_MAXINT32;
  part->max_lon = part->max_lat = G_MININT32;

  for (gsize i = 0; i < n_points; i++)
    {
      HdBasemapFilePoint p = { to_units (points[i].x), to_units (points[i].y) };

      if (conv->points->len > first)
        {
          HdBasemapFilePoint *last = &g_array_index (conv->points, HdBasemapFilePoint,
                                                     conv->points->len - 1);
          if (last->lon == p.lon && last->lat == p.lat)
            continue;
        }

      g_array_append_val (conv->points, p);
      part->min_lon = MIN (part->min_lon, p.lon);
      part->min_lat = MIN (part->min_lat, p.lat);
      part->max_lon = MAX (part->max_lon, p.lon);
      part->max_lat = MAX (part->max_lat, p.lat);
    }

  part->first_point = first;
  part->n_points = conv->points->len - first;
  part->role = role;
  conv->level_points[level][role] += part->n_points;

  if (part->n_points < (role == HD_BASEMAP_ROLE_LAND ? 3u : 2u))
    {
      g_array_set_size (conv->points, first);
      g_free (part);
      return;
    }

  if (feature->level_parts[level] == NULL)
    feature->level_parts[level] = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (feature->level_parts[level], part);
}

/* Halves a big ring until each piece is small or has few points: each split reads only the
 * points of its half, so cutting a coastline of a million points into cells stays quick.
 * The halves overlap by a hair so no seam of sea shows between pieces. */
static void
cut_land (Converter *conv,
          Feature   *feature,
          guint      level,
          GArray    *ring,
          double     x0,
          double     y0,
          double     x1,
          double     y1)
{
  double margin = level_tolerance[level];
  double cell = level_cell[level];
  gboolean split_x = x1 - x0 >= y1 - y0;
  double mid = split_x ? (x0 + x1) / 2 : (y0 + y1) / 2;

  if (ring->len <= CUT_MAX_POINTS || MAX (x1 - x0, y1 - y0) <= cell)
    {
      if (ring->len >= 3 &&
          fabs (hd_polygon_signed_area2 ((HdPoint *) (void *) ring->data, ring->len)) > 0)
        add_part (conv, feature, level, HD_BASEMAP_ROLE_LAND,
                  (HdPoint *) (void *) ring->data, ring->len);
      return;
    }

  for (int half = 0; half < 2; half++)
    {
      g_autoptr(GArray) piece = g_array_new (FALSE, FALSE, sizeof (HdPoint));
      double hx0 = x0, hy0 = y0, hx1 = x1, hy1 = y1;
      double px0, py0, px1, py1;

      if (split_x && half == 0)
        hx1 = mid;
      else if (split_x)
        hx0 = mid;
      else if (half == 0)
        hy1 = mid;
      else
        hy0 = mid;

      hd_polygon_clip_to_rect ((HdPoint *) (void *) ring->data, ring->len,
                               hx0 - margin, hy0 - margin, hx1 + margin, hy1 + margin, piece);
      if (piece->len < 3)
        continue;

      ring_bounds (piece, &px0, &py0, &px1, &py1);
      cut_land (conv, feature, level, piece,
                MAX (px0, hx0), MAX (py0, hy0), MIN (px1, hx1), MIN (py1, hy1));
    }
}

static void
emit_land (Converter *conv,
           Feature   *feature,
           guint      level)
{
  double tolerance = level_tolerance[level];
  double cell = level_cell[level];

  for (guint r = 0; r < feature->rings->len; r++)
    {
      Ring *ring = g_ptr_array_index (feature->rings, r);
      g_autoptr(GArray) simple = g_array_new (FALSE, FALSE, sizeof (HdPoint));
      double x0, y0, x1, y1;

      /* Holes in DCW are other countries' enclaves (Lesotho in South Africa): land too. */
      if (ring->hole)
        continue;

      ring_bounds (ring->points, &x0, &y0, &x1, &y1);
      if (MAX (x1 - x0, y1 - y0) < tolerance)
        continue;

      hd_polygon_simplify ((HdPoint *) (void *) ring->points->data, ring->points->len,
                           tolerance, TRUE, simple);
      if (simple->len < 3)
        continue;

      /* One orientation for all land, so a renderer may fill many rings as one path. */
      if (hd_polygon_signed_area2 ((HdPoint *) (void *) simple->data, simple->len) < 0)
        {
          for (guint i = 0, j = simple->len - 1; i < j; i++, j--)
            {
              HdPoint tmp = g_array_index (simple, HdPoint, i);
              g_array_index (simple, HdPoint, i) = g_array_index (simple, HdPoint, j);
              g_array_index (simple, HdPoint, j) = tmp;
            }
        }

      if (cell <= 0)
        add_part (conv, feature, level, HD_BASEMAP_ROLE_LAND,
                  (HdPoint *) (void *) simple->data, simple->len);
      else
        cut_land (conv, feature, level, simple, x0, y0, x1, y1);
    }
}

static void
emit_line (Converter     *conv,
           Feature       *feature,
           guint          level,
           HdBasemapRole  role,
           GArray        *run)
{
  g_autoptr(GArray) simple = g_array_new (FALSE, FALSE, sizeof (HdPoint));
  const HdPoint *p;

  hd_polygon_simplify ((HdPoint *) (void *) run->data, run->len, level_tolerance[level],
                       FALSE, simple);
  p = (const HdPoint *) (const void *) simple->data;

  /* Chunks share their end points so the line has no gaps. */
  for (guint start = 0; start + 1 < simple->len; start += LINE_CHUNK - 1)
    add_part (conv, feature, level, role, p + start, MIN (LINE_CHUNK, simple->len - start));
}

/* Which side of a border draws it: the one with finer data, then China, then the lower code;
 * so every border is drawn once, from the best outline. */
static gboolean
owns_country_border (Converter *conv,
                     Feature   *feature,
                     int        other_entity)
{
  int other_tier = g_array_index (conv->entity_tiers, int, other_entity);

  if ((int) feature->tier != other_tier)
    return (int) feature->tier > other_tier;
  if (feature->entity == ENTITY_CHINA)
    return TRUE;
  if (other_entity == ENTITY_CHINA)
    return FALSE;

  return feature->entity < other_entity;
}

typedef gboolean (*EdgeTest) (Converter *conv, Feature *feature, Ring *ring, guint i, guint j);

static gboolean
is_country_border_edge (Converter *conv,
                        Feature   *feature,
                        Ring      *ring,
                        guint      i,
                        guint      j)
{
  gint32 a = g_array_index (ring->intl, gint32, i);
  gint32 b = g_array_index (ring->intl, gint32, j);

  return a >= 0 && b >= 0 && owns_country_border (conv, feature, a);
}

static gboolean
is_province_border_edge (Converter *conv,
                         Feature   *feature,
                         Ring      *ring,
                         guint      i,
                         guint      j)
{
  gint32 a = g_array_index (ring->prov, gint32, i);
  gint32 b = g_array_index (ring->prov, gint32, j);

  return a >= 0 && b >= 0 && feature->province < a;
}

/* Where two outlines part for a moment (a river bend drawn differently by each source), the
 * border would have a hole: stretches of non-border shorter than this between two border
 * stretches are border too. A coast between two borders is far longer. */
#define BRIDGE_DEGREES 0.05

static void
bridge_gaps (GArray   *points,
             gboolean *border)
{
  guint n = points->len;
  guint start = n;

  for (guint i = 0; i < n; i++)
    if (border[i])
      {
        start = i;
        break;
      }
  if (start == n)
    return;

  /* Walk once round from a border edge; each gap is bounded by border edges on both sides. */
  for (guint k = 1; k < n;)
    {
      guint i = (start + k) % n;
      double length = 0;
      guint gap = 0;

      if (border[i])
        {
          k++;
          continue;
        }

      while (k + gap < n && !border[(start + k + gap) % n])
        {
          guint e = (start + k + gap) % n;
          HdPoint *a = &g_array_index (points, HdPoint, e);
          HdPoint *b = &g_array_index (points, HdPoint, (e + 1) % n);

          length += hypot (b->x - a->x, b->y - a->y);
          gap++;
        }

      if (length < BRIDGE_DEGREES)
        for (guint g = 0; g < gap; g++)
          border[(start + k + g) % n] = TRUE;
      k += gap;
    }
}

/* The runs of consecutive border edges of each ring, as open lines. */
static GPtrArray *
border_runs (Converter *conv,
             Feature   *feature,
             EdgeTest   test)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint r = 0; r < feature->rings->len; r++)
    {
      Ring *ring = g_ptr_array_index (feature->rings, r);
      guint n = ring->points->len;
      g_autofree gboolean *border = g_new (gboolean, n);
      guint start = n;
      GArray *run = NULL;

      for (guint i = 0; i < n; i++)
        border[i] = test (conv, feature, ring, i, (i + 1) % n);
      bridge_gaps (ring->points, border);

      /* Start walking at an edge that is not a border so no run is split at the seam. */
      for (guint i = 0; i < n; i++)
        if (!border[i])
          {
            start = i;
            break;
          }

      if (start == n)
        {
          /* The whole ring is border (an enclave): one closed line. */
          run = g_array_sized_new (FALSE, FALSE, sizeof (HdPoint), n + 1);
          g_array_append_vals (run, ring->points->data, n);
          g_array_append_vals (run, ring->points->data, 1);
          g_ptr_array_add (runs, run);
          continue;
        }

      for (guint k = 1; k <= n; k++)
        {
          guint i = (start + k) % n;
          guint j = (i + 1) % n;

          if (k < n && border[i])
            {
              if (run == NULL)
                {
                  run = g_array_new (FALSE, FALSE, sizeof (HdPoint));
                  g_array_append_vals (run, &g_array_index (ring->points, HdPoint, i), 1);
                }
              g_array_append_vals (run, &g_array_index (ring->points, HdPoint, j), 1);
            }
          else if (run != NULL)
            {
              g_ptr_array_add (runs, run);
              run = NULL;
            }
        }
    }

  return runs;
}

/* A grid of edges, for finding which outlines run along which. */
typedef struct
{
  guint32 cell;
  guint32 feature;
  guint32 ring;
  guint32 index;
} GridEntry;

static guint32
grid_cell (double lon,
           double lat)
{
  /* Longitudes go from -180 to 293 in the file: offset so cells stay positive. */
  guint32 cx = (guint32) floor ((lon + 360.0) / GRID_CELL);
  guint32 cy = (guint32) floor ((lat + 90.0) / GRID_CELL);

  return cx * 2048 + cy;
}

static int
compare_entries (const void *a,
                 const void *b)
{
  const GridEntry *x = a;
  const GridEntry *y = b;

  return (x->cell > y->cell) - (x->cell < y->cell);
}

static void
classify_borders (Converter *conv)
{
  g_autoptr(GArray) grid = g_array_new (FALSE, FALSE, sizeof (GridEntry));
  GridEntry *entries;
  guint n_entries;

  for (guint f = 0; f < conv->features->len; f++)
    {
      Feature *feature = g_ptr_array_index (conv->features, f);

      for (guint r = 0; r < feature->rings->len; r++)
        {
          Ring *ring = g_ptr_array_index (feature->rings, r);
          guint n = ring->points->len;

          for (guint i = 0; i < n; i++)
            {
              HdPoint *a = &g_array_index (ring->points, HdPoint, i);
              HdPoint *b = &g_array_index (ring->points, HdPoint, (i + 1) % n);
              double x0 = MIN (a->x, b->x) - EPS_COARSE, x1 = MAX (a->x, b->x) + EPS_COARSE;
              double y0 = MIN (a->y, b->y) - EPS_COARSE, y1 = MAX (a->y, b->y) + EPS_COARSE;

              for (double x = floor (x0 / GRID_CELL) * GRID_CELL; x < x1; x += GRID_CELL)
                for (double y = floor (y0 / GRID_CELL) * GRID_CELL; y < y1; y += GRID_CELL)
                  {
                    GridEntry e = { grid_cell (x + GRID_CELL / 2, y + GRID_CELL / 2), f, r, i };
                    g_array_append_val (grid, e);
                  }
            }
        }
    }

  qsort (grid->data, grid->len, sizeof (GridEntry), compare_entries);
  entries = (GridEntry *) (void *) grid->data;
  n_entries = grid->len;
  if (conv->verbose)
    g_printerr ("border grid: %u entries\n", n_entries);

  for (guint f = 0; f < conv->features->len; f++)
    {
      Feature *feature = g_ptr_array_index (conv->features, f);

      for (guint r = 0; r < feature->rings->len; r++)
        {
          Ring *ring = g_ptr_array_index (feature->rings, r);
          guint n = ring->points->len;

          ring->intl = g_array_sized_new (FALSE, FALSE, sizeof (gint32), n);
          ring->prov = g_array_sized_new (FALSE, FALSE, sizeof (gint32), n);

          for (guint i = 0; i < n; i++)
            {
              HdPoint *p = &g_array_index (ring->points, HdPoint, i);
              guint32 cell = grid_cell (p->x, p->y);
              gint32 intl = -1, prov = -1;
              double intl_best = INFINITY, prov_best = INFINITY;
              guint lo = 0, hi = n_entries;

              while (lo < hi)
                {
                  guint mid = lo + (hi - lo) / 2;
                  if (entries[mid].cell < cell)
                    lo = mid + 1;
                  else
                    hi = mid;
                }

              for (guint k = lo; k < n_entries && entries[k].cell == cell; k++)
                {
                  Feature *other = g_ptr_array_index (conv->features, entries[k].feature);
                  Ring *oring;
                  HdPoint *a, *b;
                  double eps, d2;

                  if (other == feature)
                    continue;

                  if (feature->tier == TIER_WORLD || other->tier == TIER_WORLD)
                    eps = EPS_COARSE;
                  else if (other->entity == feature->entity)
                    eps = EPS_PROVINCE;
                  else
                    eps = EPS_INTERNATIONAL;
                  oring = g_ptr_array_index (other->rings, entries[k].ring);
                  a = &g_array_index (oring->points, HdPoint, entries[k].index);
                  b = &g_array_index (oring->points, HdPoint,
                                      (entries[k].index + 1) % oring->points->len);
                  d2 = hd_polygon_segment_distance2 (p->x, p->y, a->x, a->y, b->x, b->y);
                  if (d2 > eps * eps)
                    continue;

                  if (other->entity != feature->entity)
                    {
                      if (d2 < intl_best)
                        {
                          intl_best = d2;
                          intl = other->entity;
                        }
                    }
                  else if (d2 < prov_best)
                    {
                      prov_best = d2;
                      prov = other->province;
                    }
                }

              g_array_append_val (ring->intl, intl);
              g_array_append_val (ring->prov, prov);
            }
        }
    }
}

static Feature *
add_feature (Converter     *conv,
             int            nc,
             const char    *prefix,
             const char    *code,
             HdBasemapKind  kind,
             Tier           tier,
             int            entity,
             int            province)
{
  Feature *feature = g_new0 (Feature, 1);

  feature->code = g_strdup (code);
  feature->kind = kind;
  feature->tier = tier;
  feature->entity = entity;
  feature->province = province;
  feature->rings = read_rings (nc, prefix);
  feature_update_bounds (feature);
  g_ptr_array_add (conv->features, feature);

  return feature;
}

static gboolean
bounds_near_china (Feature *feature)
{
  return feature->max_lon >= NEAR_WEST && feature->min_lon <= NEAR_EAST &&
         feature->max_lat >= NEAR_SOUTH && feature->min_lat <= NEAR_NORTH;
}

static void
load_features (Converter *conv,
               int        nc)
{
  int n_vars;
  guint n_provinces = 0;
  int next_entity = ENTITY_CHINA + 1;

  nc_check (nc_inq_nvars (nc, &n_vars), "listing variables");

  for (int v = 0; v < n_vars; v++)
    {
      char var_name[NC_MAX_NAME + 1];
      g_autofree char *prefix = NULL;
      gsize len;

      nc_check (nc_inq_varname (nc, v, var_name), "variable name");
      if (!g_str_has_suffix (var_name, "_lon"))
        continue;

      len = strlen (var_name) - strlen ("_lon");
      prefix = g_strndup (var_name, len);

      if (len == 2 && g_ascii_isupper (prefix[0]) && g_ascii_isupper (prefix[1]))
        {
          Feature *feature;
          const Name *name;

          /* China's land is its provinces (finer, and named); Taiwan is the CN.TW province. */
          if (strcmp (prefix, "CN") == 0 || strcmp (prefix, "TW") == 0)
            continue;

          feature = add_feature (conv, nc, prefix, prefix, HD_BASEMAP_KIND_COUNTRY, TIER_WORLD,
                                 next_entity++, -1);
          if (bounds_near_china (feature))
            feature->tier = TIER_NEAR;
          name = find_name (country_names, G_N_ELEMENTS (country_names), prefix);
          feature->name = name != NULL ? name->name : NULL;
        }
      else if (len == 4 && g_str_has_prefix (prefix, "CN"))
        {
          const Name *name = find_name (province_names, N_PROVINCES, prefix + 2);
          g_autofree char *code = g_strdup_printf ("CN.%s", prefix + 2);
          Feature *feature;

          if (name == NULL)
            die ("%s: a Chinese province not in the converter's table of names", code);

          feature = add_feature (conv, nc, prefix, code, HD_BASEMAP_KIND_PROVINCE, TIER_CHINA,
                                 ENTITY_CHINA, (int) (name - province_names));
          feature->name = name->name;
          feature->short_name = name->short_name;
          n_provinces++;
        }
    }

  if (n_provinces != N_PROVINCES)
    die ("found %u of China's %u province-level divisions: is this the DCW-GMT file?",
         n_provinces, (guint) N_PROVINCES);

  g_array_set_size (conv->entity_tiers, next_entity);
  for (guint f = 0; f < conv->features->len; f++)
    {
      Feature *feature = g_ptr_array_index (conv->features, f);
      g_array_index (conv->entity_tiers, int, feature->entity) = feature->tier;
    }
}

static void
add_china (Converter *conv,
           int        nc)
{
  Feature *china = add_feature (conv, nc, "CN", "CN", HD_BASEMAP_KIND_CHINA, TIER_WORLD, -1, -1);

  china->name = "中国";
  simplify_rings (china->rings, level_tolerance[1]);
  feature_update_bounds (china);
  feature_place_label (china, china->rings);
  /* It only names China: its outline is the provinces'. */
  g_ptr_array_set_size (china->rings, 0);
}

static void
write_u32 (GByteArray *out,
           guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);
  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static void
write_i32 (GByteArray *out,
           gint32      value)
{
  write_u32 (out, (guint32) value);
}

static GByteArray *
serialise (Converter *conv)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  guint32 level_first[N_LEVELS], level_count[N_LEVELS];
  guint32 n_parts = 0;
  gsize size;

  /* Parts of each level: land of other countries, land of China, province borders, country
   * borders (the order they are drawn in). A feature without the level reuses its finest. */
  for (guint l = 0; l < N_LEVELS; l++)
    {
      level_first[l] = n_parts;
      for (int role = 0; role < HD_BASEMAP_N_ROLES; role++)
        for (int pass = 0; pass < 2; pass++)
          for (guint f = 0; f < conv->features->len; f++)
            {
              Feature *feature = g_ptr_array_index (conv->features, f);
              GPtrArray *parts;
              guint have = MIN (l, (guint) tier_max_level[feature->tier]);

              if ((pass == 0) != (feature->kind == HD_BASEMAP_KIND_COUNTRY))
                continue;
              parts = feature->level_parts[have];
              if (parts == NULL)
                continue;

              for (guint p = 0; p < parts->len; p++)
                {
                  HdBasemapFilePart *part = g_ptr_array_index (parts, p);

                  if (part->role != role)
                    continue;
                  part->feature = f;
                  g_ptr_array_add (order, part);
                  n_parts++;
                }
            }
      level_count[l] = n_parts - level_first[l];
    }

  /* Strings first: the size below counts them. */
  for (guint f = 0; f < conv->features->len; f++)
    {
      Feature *feature = g_ptr_array_index (conv->features, f);

      intern_string (conv, feature->code);
      intern_string (conv, feature->name);
      intern_string (conv, feature->short_name);
    }

  size = HD_BASEMAP_HEADER_SIZE + N_LEVELS * HD_BASEMAP_LEVEL_SIZE +
         (gsize) conv->features->len * HD_BASEMAP_FEATURE_SIZE +
         (gsize) n_parts * HD_BASEMAP_PART_SIZE +
         (gsize) conv->points->len * HD_BASEMAP_POINT_SIZE + conv->strings->len;
  if (size > G_MAXUINT32)
    die ("the base map would be %" G_GSIZE_FORMAT " bytes: too big", size);

  g_byte_array_append (out, (const guint8 *) HD_BASEMAP_MAGIC, HD_BASEMAP_MAGIC_LEN);
  write_u32 (out, HD_BASEMAP_VERSION);
  write_u32 (out, HD_BASEMAP_HEADER_SIZE);
  write_u32 (out, N_LEVELS);
  write_u32 (out, conv->features->len);
  write_u32 (out, n_parts);
  write_u32 (out, conv->points->len);
  write_u32 (out, conv->strings->len);
  write_u32 (out, (guint32) size);
  for (guint i = 0; i < 6; i++)
    write_u32 (out, 0);

  for (guint l = 0; l < N_LEVELS; l++)
    {
      write_i32 (out, to_units (level_tolerance[l]));
      write_u32 (out, level_first[l]);
      write_u32 (out, level_count[l]);
      write_u32 (out, 0);
    }

  for (guint f = 0; f < conv->features->len; f++)
    {
      Feature *feature = g_ptr_array_index (conv->features, f);
      guint8 kind[4] = { feature->kind, 0, 0, 0 };

      g_byte_array_append (out, kind, 4);
      write_u32 (out, intern_string (conv, feature->code));
      write_u32 (out, intern_string (conv, feature->name));
      write_u32 (out, intern_string (conv, feature->short_name));
      write_i32 (out, to_units (feature->min_lon));
      write_i32 (out, to_units (feature->min_lat));
      write_i32 (out, to_units (feature->max_lon));
      write_i32 (out, to_units (feature->max_lat));
      write_i32 (out, to_units (feature->label_lon));
      write_i32 (out, to_units (feature->label_lat));
      write_u32 (out, (guint32) MIN (feature->area_km2, G_MAXUINT32));
      write_u32 (out, 0);
    }

  for (guint p = 0; p < order->len; p++)
    {
      HdBasemapFilePart *part = g_ptr_array_index (order, p);
      guint8 role[4] = { part->role, 0, 0, 0 };

      write_u32 (out, part->feature);
      g_byte_array_append (out, role, 4);
      write_i32 (out, part->min_lon);
      write_i32 (out, part->min_lat);
      write_i32 (out, part->max_lon);
      write_i32 (out, part->max_lat);
      write_u32 (out, part->first_point);
      write_u32 (out, part->n_points);
    }

  for (guint i = 0; i < conv->points->len; i++)
    {
      HdBasemapFilePoint *p = &g_array_index (conv->points, HdBasemapFilePoint, i);
      write_i32 (out, p->lon);
      write_i32 (out, p->lat);
    }

  g_byte_array_append (out, (const guint8 *) conv->strings->str, conv->strings->len);
  g_assert (out->len == size);

  return out;
}

int
main (int    argc,
      char **argv)
{
  Converter conv = { 0 };
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  const char *input, *output;
  int nc, status;
  int arg = 1;

  if (argc > 1 && strcmp (argv[1], "--verbose") == 0)
    {
      conv.verbose = TRUE;
      arg++;
    }
  if (argc - arg != 2)
    {
      fprintf (stderr, "usage: hd-basemap-convert [--verbose] dcw-gmt.nc hd-basemap.bin\n");
      return EXIT_FAILURE;
    }
  input = argv[arg];
  output = argv[arg + 1];

  status = nc_open (input, NC_NOWRITE, &nc);
  if (status != NC_NOERR)
    die ("cannot read %s (%s): the offline base map is made from the DCW file of "
         "Debian's gmt-dcw package", input, nc_strerror (status));

  conv.features = g_ptr_array_new_with_free_func (feature_free);
  conv.points = g_array_new (FALSE, FALSE, sizeof (HdBasemapFilePoint));
  conv.strings = g_string_new_len ("", 1);  /* offset 0 is the empty string */
  conv.string_offsets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  conv.entity_tiers = g_array_new (FALSE, TRUE, sizeof (int));

  load_features (&conv, nc);

  /* Each feature at its tier's finest level from here on: what borders are found on and what
   * coarser levels are simplified from. */
  for (guint f = 0; f < conv.features->len; f++)
    {
      Feature *feature = g_ptr_array_index (conv.features, f);

      simplify_rings (feature->rings, level_tolerance[tier_max_level[feature->tier]]);
      feature_update_bounds (feature);
      feature_place_label_at_level (feature, feature->tier == TIER_WORLD ? 1 : 2);
    }

  classify_borders (&conv);

  for (guint f = 0; f < conv.features->len; f++)
    {
      Feature *feature = g_ptr_array_index (conv.features, f);
      g_autoptr(GPtrArray) country_runs = border_runs (&conv, feature, is_country_border_edge);
      g_autoptr(GPtrArray) province_runs = NULL;

      if (feature->kind == HD_BASEMAP_KIND_PROVINCE)
        province_runs = border_runs (&conv, feature, is_province_border_edge);

      for (guint l = 0; l <= (guint) tier_max_level[feature->tier]; l++)
        {
          emit_land (&conv, feature, l);
          for (guint i = 0; i < country_runs->len; i++)
            emit_line (&conv, feature, l, HD_BASEMAP_ROLE_COUNTRY_BORDER,
                       g_ptr_array_index (country_runs, i));
          for (guint i = 0; province_runs != NULL && i < province_runs->len; i++)
            emit_line (&conv, feature, l, HD_BASEMAP_ROLE_PROVINCE_BORDER,
                       g_ptr_array_index (province_runs, i));
        }
    }

  add_china (&conv, nc);
  nc_close (nc);

  bytes = serialise (&conv);
  if (!g_file_set_contents (output, (const char *) bytes->data, bytes->len, &error))
    die ("%s", error->message);

  if (conv.verbose)
    {
      for (guint l = 0; l < N_LEVELS; l++)
        g_printerr ("level %u: %u land, %u province border, %u country border points\n", l,
                    conv.level_points[l][0], conv.level_points[l][1], conv.level_points[l][2]);
      g_printerr ("%u features, %u points, %u bytes in %.2f s\n",
                  conv.features->len, conv.points->len, bytes->len,
                  (g_get_monotonic_time () - started) / 1e6);
    }

  g_ptr_array_unref (conv.features);
  g_array_unref (conv.points);
  g_string_free (conv.strings, TRUE);
  g_hash_table_unref (conv.string_offsets);
  g_array_unref (conv.entity_tiers);

  return EXIT_SUCCESS;
}
