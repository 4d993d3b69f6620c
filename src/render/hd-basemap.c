/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-basemap"

/* hd-basemap.bin, version 1: the offline base map, written at build time by
 * src/render/tools/hd-basemap-convert from GMT's DCW (see data/basemap/README.md).
 *
 * All numbers little-endian; every record a multiple of 4 bytes, so the mapped file is read in
 * place. Coordinates are int32 microdegrees (longitude may exceed 180 for outlines that cross
 * the antimeridian: they stay in one piece).
 *
 *   header, 64 bytes
 *      0  char[8]  magic "HDBMAP\x1a\n"
 *      8  u32      version (1)
 *     12  u32      header size (64; a reader skips what it does not know)
 *     16  u32      n_levels      20  u32  n_features    24  u32  n_parts
 *     28  u32      n_points      32  u32  strings_size  36  u32  file size
 *     40  u32[6]   reserved (0)
 *   levels, n_levels × 16 bytes, coarse to fine: the parts to draw at one simplification
 *      i32 tolerance (µdeg, strictly decreasing), u32 first_part, u32 n_parts, u32 reserved
 *   features, n_features × 48 bytes
 *      u8 kind (0 other country, 1 China (a name only), 2 Chinese province), u8[3] reserved,
 *      u32 code, u32 name, u32 short_name (string offsets; 0 is ""),
 *      i32 min_lon, min_lat, max_lon, max_lat, i32 label_lon, label_lat (inside the outline),
 *      u32 area in km² (ranks labels), u32 reserved
 *   parts, n_parts × 32 bytes: one ring or line of one feature at one level
 *      u32 feature, u8 role (0 land ring to fill, 1 province border line, 2 country border
 *      line), u8[3] reserved, i32 min_lon, min_lat, max_lon, max_lat (to skip what a tile does
 *      not show), u32 first_point, u32 n_points (land ≥ 3, lines ≥ 2)
 *   points, n_points × 8 bytes: i32 lon, i32 lat
 *   strings, strings_size bytes: NUL-terminated UTF-8, the first one empty
 *
 * Within a level, parts come in drawing order: other countries' land, China's land, province
 * borders, country borders. Land rings all turn the same way, so they may share one fill.
 * Borders are only where two outlines meet: coasts show as the edge of the land fill. Parts may
 * share points: a feature without a fine level repeats its finest parts there.
 */

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "hd-basemap-format.h"
#include "hd-basemap.h"
#include "hd-mercator.h"

G_DEFINE_QUARK (hd-basemap-error-quark, hd_basemap_error)

#define MAX_LEVELS 16

struct _HdBasemap
{
  GBytes                     *bytes;
  guint                       n_levels;
  guint                       n_features;
  guint                       n_parts;
  guint                       n_points;
  guint                       strings_size;
  const HdBasemapFileLevel   *levels;
  const HdBasemapFileFeature *features;
  const HdBasemapFilePart    *parts;
  const HdBasemapFilePoint   *points;
  const char                 *strings;
};

static inline guint32
u32 (guint32 value)
{
  return GUINT32_FROM_LE (value);
}

static inline gint32
i32 (gint32 value)
{
  return GINT32_FROM_LE (value);
}

static gboolean
check_string (HdBasemap  *self,
              guint32     offset,
              const char *what,
              guint       index,
              GError    **error)
{
  offset = u32 (offset);
  if (offset >= self->strings_size || !g_utf8_validate (self->strings + offset, -1, NULL))
    {
      g_set_error (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_FORMAT,
                   "Feature %u has a bad %s string", index, what);
      return FALSE;
    }

  return TRUE;
}

static gboolean
basemap_load (HdBasemap  *self,
              GError    **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  HdBasemapFileHeader header;
  guint64 expected, offset;
  guint32 version, header_size;

  if (size < HD_BASEMAP_MAGIC_LEN || memcmp (data, HD_BASEMAP_MAGIC, HD_BASEMAP_MAGIC_LEN) != 0)
    {
      g_set_error_literal (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_FORMAT,
                           "Not a Hongdai base-map file");
      return FALSE;
    }
  if (size < HD_BASEMAP_HEADER_SIZE)
    {
      g_set_error (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_TRUNCATED,
                   "The base-map file is cut short: %" G_GSIZE_FORMAT " bytes", size);
      return FALSE;
    }

  memcpy (&header, data, sizeof header);
  version = u32 (header.version);
  if (version != HD_BASEMAP_VERSION)
    {
      g_set_error (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_VERSION,
                   "Base-map file version %u; this build reads version %u",
                   version, HD_BASEMAP_VERSION);
      return FALSE;
    }

  header_size = u32 (header.header_size);
  self->n_levels = u32 (header.n_levels);
  self->n_features = u32 (header.n_features);
  self->n_parts = u32 (header.n_parts);
  self->n_points = u32 (header.n_points);
  self->strings_size = u32 (header.strings_size);

  if (header_size < HD_BASEMAP_HEADER_SIZE || header_size % 4 != 0 ||
      self->n_levels == 0 || self->n_levels > MAX_LEVELS || self->strings_size == 0)
    {
      g_set_error_literal (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_FORMAT,
                           "The base-map file has a bad header");
      return FALSE;
    }

  /* 64-bit sums: counts near 2³² must not wrap into a small size that passes. */
  expected = (guint64) header_size +
             (guint64) self->n_levels * HD_BASEMAP_LEVEL_SIZE +
             (guint64) self->n_features * HD_BASEMAP_FEATURE_SIZE +
             (guint64) self->n_parts * HD_BASEMAP_PART_SIZE +
             (guint64) self->n_points * HD_BASEMAP_POINT_SIZE +
             self->strings_size;
  if (expected != u32 (header.file_size))
    {
      g_set_error_literal (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_FORMAT,
                           "The base-map file's tables do not add up to its size");
      return FALSE;
    }
  if (size < expected)
    {
      g_set_error (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_TRUNCATED,
                   "The base-map file is cut short: %" G_GSIZE_FORMAT " of %" G_GUINT64_FORMAT
                   " bytes", size, expected);
      return FALSE;
    }
  if (size > expected)
    {
      g_set_error_literal (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_FORMAT,
                           "The base-map file has data past its end");
      return FALSE;
    }

  offset = header_size;
  self->levels = (const HdBasemapFileLevel *) (const void *) (data + offset);
  offset += (guint64) self->n_levels * HD_BASEMAP_LEVEL_SIZE;
  self->features = (const HdBasemapFileFeature *) (const void *) (data + offset);
  offset += (guint64) self->n_features * HD_BASEMAP_FEATURE_SIZE;
  self->parts = (const HdBasemapFilePart *) (const void *) (data + offset);
  offset += (guint64) self->n_parts * HD_BASEMAP_PART_SIZE;
  self->points = (const HdBasemapFilePoint *) (const void *) (data + offset);
  offset += (guint64) self->n_points * HD_BASEMAP_POINT_SIZE;
  self->strings = (const char *) (data + offset);

  if (self->strings[self->strings_size - 1] != '\0')
    {
      g_set_error_literal (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_FORMAT,
                           "The base-map file's strings are not terminated");
      return FALSE;
    }

  for (guint l = 0; l < self->n_levels; l++)
    {
      const HdBasemapFileLevel *level = &self->levels[l];
      guint64 end = (guint64) u32 (level->first_part) + u32 (level->n_parts);

      if (i32 (level->tolerance) <= 0 || end > self->n_parts ||
          (l > 0 && i32 (level->tolerance) >= i32 (self->levels[l - 1].tolerance)))
        {
          g_set_error (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_FORMAT,
                       "Base-map level %u is out of range", l);
          return FALSE;
        }
    }

  for (guint f = 0; f < self->n_features; f++)
    {
      const HdBasemapFileFeature *feature = &self->features[f];

      if (feature->kind >= HD_BASEMAP_N_KINDS ||
          i32 (feature->min_lon) > i32 (feature->max_lon) ||
          i32 (feature->min_lat) > i32 (feature->max_lat))
        {
          g_set_error (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_FORMAT,
                       "Base-map feature %u is malformed", f);
          return FALSE;
        }
      if (!check_string (self, feature->code, "code", f, error) ||
          !check_string (self, feature->name, "name", f, error) ||
          !check_string (self, feature->short_name, "short name", f, error))
        return FALSE;
    }

  for (guint p = 0; p < self->n_parts; p++)
    {
      const HdBasemapFilePart *part = &self->parts[p];
      guint32 n = u32 (part->n_points);
      guint64 end = (guint64) u32 (part->first_point) + n;

      if (u32 (part->feature) >= self->n_features || part->role >= HD_BASEMAP_N_ROLES ||
          end > self->n_points || n < (part->role == HD_BASEMAP_ROLE_LAND ? 3u : 2u) ||
          i32 (part->min_lon) > i32 (part->max_lon) || i32 (part->min_lat) > i32 (part->max_lat))
        {
          g_set_error (error, HD_BASEMAP_ERROR, HD_BASEMAP_ERROR_FORMAT,
                       "Base-map part %u is out of range", p);
          return FALSE;
        }
    }

  return TRUE;
}

static void
basemap_clear (gpointer data)
{
  HdBasemap *self = data;

  g_clear_pointer (&self->bytes, g_bytes_unref);
}

HdBasemap *
hd_basemap_new_from_bytes (GBytes  *bytes,
                           GError **error)
{
  HdBasemap *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_atomic_rc_box_new0 (HdBasemap);
  self->bytes = g_bytes_ref (bytes);

  if (!basemap_load (self, error))
    {
      hd_basemap_unref (self);
      return NULL;
    }

  return self;
}

HdBasemap *
hd_basemap_new_from_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  HdBasemap *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;

  bytes = g_mapped_file_get_bytes (mapped);
  self = hd_basemap_new_from_bytes (bytes, &local_error);
  if (self == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }

  return self;
}

HdBasemap *
hd_basemap_ref (HdBasemap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
hd_basemap_unref (HdBasemap *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, basemap_clear);
}

char *
hd_basemap_find_file (void)
{
  const char *override = g_getenv ("HONGDAI_BASEMAP");
  g_autofree char *installed = NULL;

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  installed = g_build_filename (HD_PKGDATADIR, "basemap", "hd-basemap.bin", NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&installed);

#ifdef HD_BASEMAP_BUILD_FILE
  /* Running from the build tree, before installing. */
  if (g_file_test (HD_BASEMAP_BUILD_FILE, G_FILE_TEST_IS_REGULAR))
    return g_strdup (HD_BASEMAP_BUILD_FILE);
#endif

  return g_steal_pointer (&installed);
}

guint
hd_basemap_get_n_features (HdBasemap *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_features;
}

static const char *
feature_string (HdBasemap *self,
                guint32    offset)
{
  return self->strings + u32 (offset);
}

const char *
hd_basemap_lookup_name (HdBasemap  *self,
                        const char *code)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  for (guint f = 0; f < self->n_features; f++)
    if (strcmp (feature_string (self, self->features[f].code), code) == 0)
      {
        const char *name = feature_string (self, self->features[f].name);
        return *name != '\0' ? name : NULL;
      }

  return NULL;
}

/* Styles */

#define RGB(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                      ((hex) & 0xff) / 255.0, (a) }

/* Quiet colours in the manner of GNOME Maps: the base map is the background of the workspace's
 * own sites and belts, which carry the strong colours. */
static const HdBasemapStyle style_light = {
  .sea             = RGB (0xc6dff0, 1.0),
  .land            = RGB (0xf2efe9, 1.0),
  .land_foreign    = RGB (0xe4e1dc, 1.0),
  .country_border  = RGB (0x8f8796, 1.0),
  .province_border = RGB (0xaaa5b0, 1.0),
  .region_border   = RGB (0x865e9c, 0.85),
  .region_fill     = RGB (0x865e9c, 0.05),
  .label           = RGB (0x4f4d55, 1.0),
  .country_label   = RGB (0x77767b, 1.0),
  .region_label    = RGB (0x5a3d6b, 1.0),
  .halo            = RGB (0xf6f5f2, 0.9),
  .font_family     = "Sans",
};

static const HdBasemapStyle style_dark = {
  .sea             = RGB (0x1c2a36, 1.0),
  .land            = RGB (0x303034, 1.0),
  .land_foreign    = RGB (0x29292c, 1.0),
  .country_border  = RGB (0x85828b, 1.0),
  .province_border = RGB (0x5f5c66, 1.0),
  .region_border   = RGB (0xb98fd0, 0.85),
  .region_fill     = RGB (0xb98fd0, 0.07),
  .label           = RGB (0xc8c6cc, 1.0),
  .country_label   = RGB (0x9a9996, 1.0),
  .region_label    = RGB (0xe3cdf0, 1.0),
  .halo            = RGB (0x242427, 0.85),
  .font_family     = "Sans",
};

const HdBasemapStyle *
hd_basemap_style_get (gboolean dark)
{
  return dark ? &style_dark : &style_light;
}

/* Regions */

void
hd_basemap_region_init (HdBasemapRegion *region,
                        const char      *name,
                        HdRegionLevel    level)
{
  g_return_if_fail (region != NULL);

  memset (region, 0, sizeof *region);
  region->name = g_strdup (name != NULL ? name : "");
  region->level = level;
}

void
hd_basemap_region_add_ring (HdBasemapRegion *region,
                            const HdPoint   *points,
                            guint            n_points)
{
  HdBasemapRing *ring;

  g_return_if_fail (region != NULL);

  /* A GeoJSON ring repeats its first point at the end; ours are closed implicitly. */
  if (n_points > 1 && points[0].x == points[n_points - 1].x &&
      points[0].y == points[n_points - 1].y)
    n_points--;
  if (n_points < 3)
    return;

  region->rings = g_renew (HdBasemapRing, region->rings, region->n_rings + 1);
  ring = &region->rings[region->n_rings++];
  ring->points = g_memdup2 (points, n_points * sizeof (HdPoint));
  ring->n_points = n_points;
}

void
hd_basemap_region_finish (HdBasemapRegion *region)
{
  g_autofree HdRingView *views = NULL;
  g_autofree HdPoint *merc = NULL;
  double min_u = INFINITY, min_v = INFINITY, max_u = -INFINITY, max_v = -INFINITY;
  double area = 0, u, v;
  guint total = 0, k = 0;

  g_return_if_fail (region != NULL);

  region->min_lon = region->min_lat = INFINITY;
  region->max_lon = region->max_lat = -INFINITY;
  region->has_label = FALSE;
  region->area = 0;

  for (guint r = 0; r < region->n_rings; r++)
    total += region->rings[r].n_points;
  if (total == 0)
    return;

  /* The label point is found where the map shows the region: in Mercator units. */
  merc = g_new (HdPoint, total);
  views = g_new (HdRingView, region->n_rings);
  for (guint r = 0; r < region->n_rings; r++)
    {
      const HdBasemapRing *ring = &region->rings[r];

      views[r].points = merc + k;
      views[r].n_points = ring->n_points;
      for (guint i = 0; i < ring->n_points; i++, k++)
        {
          const HdPoint *p = &ring->points[i];

          region->min_lon = MIN (region->min_lon, p->x);
          region->max_lon = MAX (region->max_lon, p->x);
          region->min_lat = MIN (region->min_lat, p->y);
          region->max_lat = MAX (region->max_lat, p->y);
          hd_mercator_project (p->x, p->y, &merc[k].x, &merc[k].y);
          min_u = MIN (min_u, merc[k].x);
          max_u = MAX (max_u, merc[k].x);
          min_v = MIN (min_v, merc[k].y);
          max_v = MAX (max_v, merc[k].y);
        }
      area += fabs (hd_polygon_signed_area2 (views[r].points, views[r].n_points)) / 2.0;
    }
  region->area = area;

  if (hd_polygon_label_point (views, region->n_rings, MAX (max_u - min_u, max_v - min_v) / 200.0,
                              &u, &v))
    {
      hd_mercator_unproject (u, v, &region->label_lon, &region->label_lat);
      region->has_label = region->name != NULL && *region->name != '\0';
    }
}

void
hd_basemap_region_clear (HdBasemapRegion *region)
{
  g_return_if_fail (region != NULL);

  for (guint r = 0; r < region->n_rings; r++)
    g_free (region->rings[r].points);
  g_free (region->rings);
  g_free (region->name);
  memset (region, 0, sizeof *region);
}

gboolean
hd_basemap_region_contains (const HdBasemapRegion *region,
                            double                 lon,
                            double                 lat)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (region != NULL, FALSE);

  if (lon < region->min_lon || lon > region->max_lon ||
      lat < region->min_lat || lat > region->max_lat)
    return FALSE;

  for (guint r = 0; r < region->n_rings; r++)
    {
      HdRingView view = { region->rings[r].points, region->rings[r].n_points };

      if (hd_polygon_contains (&view, 1, lon, lat))
        inside = !inside;
    }

  return inside;
}

/* Rendering */

/* How much a tile draws past its edges: half the widest line, so lines that run just outside
 * still show their inner half. */
#define LINE_MARGIN_PX 4.0
/* Names whose anchor is this far outside the tile can still reach into it, or push aside a
 * name that does. */
#define LABEL_MARGIN_PX 320.0
/* Spacing of the names repeated inside a region at street zoom. */
#define REPEAT_SPACING_PX 512.0

typedef struct
{
  double world;      /* the world's size in pixels */
  double ox, oy;     /* the tile's top-left corner in world pixels */
  double size;       /* the tile's side in pixels */
  double zoom;       /* the zoom a 256-pixel tile would have at this scale */
  double deg_px;     /* degrees of longitude per pixel */
} Frame;

static inline double
frame_x (const Frame *frame,
         double       lon)
{
  return (lon + 180.0) / 360.0 * frame->world - frame->ox;
}

static inline double
frame_y (const Frame *frame,
         double       lat)
{
  double s = sin (CLAMP (lat, -HD_MERCATOR_MAX_LATITUDE, HD_MERCATOR_MAX_LATITUDE) *
                  (G_PI / 180.0));

  return (0.5 - log ((1.0 + s) / (1.0 - s)) / (4.0 * G_PI)) * frame->world - frame->oy;
}

/* The tile's box in microdegrees, grown by @margin pixels. */
typedef struct
{
  double west, south, east, north;
} Box;

static Box
frame_box (const Frame *frame,
           double       margin)
{
  Box box;
  double top = CLAMP (frame->oy - margin, 0, frame->world);
  double bottom = CLAMP (frame->oy + frame->size + margin, 0, frame->world);

  hd_mercator_world_to_lonlat (frame->ox - margin, top, frame->world, &box.west, &box.north);
  hd_mercator_world_to_lonlat (frame->ox + frame->size + margin, bottom, frame->world,
                               &box.east, &box.south);
  /* Clamped edges at the poles: reach to the poles themselves. */
  if (top <= 0)
    box.north = 90.0;
  if (bottom >= frame->world)
    box.south = -90.0;

  box.west *= HD_BASEMAP_UNITS_PER_DEGREE;
  box.east *= HD_BASEMAP_UNITS_PER_DEGREE;
  box.south *= HD_BASEMAP_UNITS_PER_DEGREE;
  box.north *= HD_BASEMAP_UNITS_PER_DEGREE;

  return box;
}

static guint
choose_level (HdBasemap   *self,
              const Frame *frame)
{
  /* The coarsest level whose error stays under a pixel. */
  double tolerance = frame->deg_px * HD_BASEMAP_UNITS_PER_DEGREE;

  for (guint l = 0; l < self->n_levels; l++)
    if (i32 (self->levels[l].tolerance) <= tolerance)
      return l;

  return self->n_levels - 1;
}

/* The longitude shifts (0 or -360°) under which the part lands in the box: outlines past the
 * antimeridian are stored with longitudes over 180. */
static guint
part_shifts (const HdBasemapFilePart *part,
             const Box               *box,
             double                   shifts[2])
{
  double min_lat = i32 (part->min_lat), max_lat = i32 (part->max_lat);
  double min_lon = i32 (part->min_lon), max_lon = i32 (part->max_lon);
  guint n = 0;

  if (max_lat < box->south || min_lat > box->north)
    return 0;

  if (max_lon >= box->west && min_lon <= box->east)
    shifts[n++] = 0;
  if (max_lon > 180.0 * HD_BASEMAP_UNITS_PER_DEGREE &&
      max_lon - 360.0 * HD_BASEMAP_UNITS_PER_DEGREE >= box->west &&
      min_lon - 360.0 * HD_BASEMAP_UNITS_PER_DEGREE <= box->east)
    shifts[n++] = -360.0;

  return n;
}

static void
path_part (HdBasemap               *self,
           cairo_t                 *cr,
           const Frame             *frame,
           const HdBasemapFilePart *part,
           double                   shift,
           gboolean                 closed)
{
  const HdBasemapFilePoint *points = self->points + u32 (part->first_point);
  guint n = u32 (part->n_points);
  double last_x = 0, last_y = 0;

  for (guint i = 0; i < n; i++)
    {
      double lon = i32 (points[i].lon) / HD_BASEMAP_UNITS_PER_DEGREE + shift;
      double lat = i32 (points[i].lat) / HD_BASEMAP_UNITS_PER_DEGREE;
      double px = frame_x (frame, lon);
      double py = frame_y (frame, lat);

      if (i == 0)
        cairo_move_to (cr, px, py);
      else if (i + 1 == n || fabs (px - last_x) >= 0.3 || fabs (py - last_y) >= 0.3)
        cairo_line_to (cr, px, py);
      else
        continue;

      last_x = px;
      last_y = py;
    }

  if (closed)
    cairo_close_path (cr);
}

static void
set_color (cairo_t              *cr,
           const HdBasemapColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* Adds to the path every part of @role at @level that reaches the box (and, for land, belongs
 * to a feature of @kind). Returns whether any did. */
static gboolean
path_parts (HdBasemap     *self,
            cairo_t       *cr,
            const Frame   *frame,
            const Box     *box,
            guint          level,
            HdBasemapRole  role,
            int            kind)
{
  const HdBasemapFileLevel *l = &self->levels[level];
  guint first = u32 (l->first_part);
  guint end = first + u32 (l->n_parts);
  gboolean any = FALSE;

  for (guint p = first; p < end; p++)
    {
      const HdBasemapFilePart *part = &self->parts[p];
      double shifts[2];
      guint n_shifts;

      if (part->role != role)
        continue;
      if (kind >= 0 && self->features[u32 (part->feature)].kind != kind)
        continue;

      n_shifts = part_shifts (part, box, shifts);
      for (guint s = 0; s < n_shifts; s++)
        {
          path_part (self, cr, frame, part, shifts[s], role == HD_BASEMAP_ROLE_LAND);
          any = TRUE;
        }
    }

  return any;
}

static void
draw_outlines (HdBasemap            *self,
               cairo_t              *cr,
               const Frame          *frame,
               const HdBasemapStyle *style)
{
  Box land_box = frame_box (frame, 1.0);
  Box line_box = frame_box (frame, LINE_MARGIN_PX);
  guint level = choose_level (self, frame);
  double zoom = frame->zoom;
  double province_width, country_width;

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);

  if (path_parts (self, cr, frame, &land_box, level, HD_BASEMAP_ROLE_LAND,
                  HD_BASEMAP_KIND_COUNTRY))
    {
      set_color (cr, &style->land_foreign);
      cairo_fill (cr);
    }
  if (path_parts (self, cr, frame, &land_box, level, HD_BASEMAP_ROLE_LAND,
                  HD_BASEMAP_KIND_PROVINCE))
    {
      set_color (cr, &style->land);
      cairo_fill (cr);
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* Outlines of neighbours are stored apart, each quantised on its own: at street zoom they can
   * part by a few pixels. A land-coloured underlay along the borders closes those slivers. */
  if (zoom >= 9)
    {
      double gap = CLAMP ((zoom - 8) * 2.0, 2.0, 10.0);

      /* Both kinds into one path: "|", not "||". */
      if (path_parts (self, cr, frame, &line_box, level, HD_BASEMAP_ROLE_PROVINCE_BORDER, -1) |
          path_parts (self, cr, frame, &line_box, level, HD_BASEMAP_ROLE_COUNTRY_BORDER, -1))
        {
          set_color (cr, &style->land);
          cairo_set_line_width (cr, gap);
          cairo_stroke (cr);
        }
    }

  province_width = zoom < 5 ? 0.6 : zoom < 8 ? 0.9 : 1.2;
  if (path_parts (self, cr, frame, &line_box, level, HD_BASEMAP_ROLE_PROVINCE_BORDER, -1))
    {
      const double dash[] = { 5.0, 3.0 };

      if (zoom >= 7)
        cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      set_color (cr, &style->province_border);
      cairo_set_line_width (cr, province_width);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  country_width = zoom < 5 ? 0.9 : zoom < 8 ? 1.3 : 2.0;
  if (path_parts (self, cr, frame, &line_box, level, HD_BASEMAP_ROLE_COUNTRY_BORDER, -1))
    {
      set_color (cr, &style->country_border);
      cairo_set_line_width (cr, country_width);
      cairo_stroke (cr);
    }
}

static void
path_region (cairo_t               *cr,
             const Frame           *frame,
             const HdBasemapRegion *region)
{
  for (guint r = 0; r < region->n_rings; r++)
    {
      const HdBasemapRing *ring = &region->rings[r];

      for (guint i = 0; i < ring->n_points; i++)
        {
          double px = frame_x (frame, ring->points[i].x);
          double py = frame_y (frame, ring->points[i].y);

          if (i == 0)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      cairo_close_path (cr);
    }
}

static gboolean
region_in_box (const HdBasemapRegion *region,
               const Box             *box)
{
  return region->n_rings > 0 &&
         region->max_lon * HD_BASEMAP_UNITS_PER_DEGREE >= box->west &&
         region->min_lon * HD_BASEMAP_UNITS_PER_DEGREE <= box->east &&
         region->max_lat * HD_BASEMAP_UNITS_PER_DEGREE >= box->south &&
         region->min_lat * HD_BASEMAP_UNITS_PER_DEGREE <= box->north;
}

static void
draw_regions (cairo_t               *cr,
              const Frame           *frame,
              const HdBasemapStyle  *style,
              const HdBasemapRegion *regions,
              guint                  n_regions)
{
  Box box = frame_box (frame, LINE_MARGIN_PX);

  /* A faint wash over the largest areas (province, city) shows at a glance where the workspace
   * is; districts and towns only get outlines, or the washes would stack up. */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint i = 0; i < n_regions; i++)
    {
      if (regions[i].level > HD_REGION_LEVEL_CITY || !region_in_box (&regions[i], &box))
        continue;
      path_region (cr, frame, &regions[i]);
      set_color (cr, &style->region_fill);
      cairo_fill (cr);
    }

  /* Solid lines, graded by width: neighbouring districts share their boundary, and two dash
   * patterns out of phase on one line read as a double line. Larger areas last, so a city's line
   * is not covered by its districts'. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int level = HD_N_REGION_LEVELS - 1; level >= 0; level--)
    {
      static const double widths[HD_N_REGION_LEVELS] = { 3.0, 2.4, 1.5, 1.0 };
      HdBasemapColor color = style->region_border;

      for (guint i = 0; i < n_regions; i++)
        if ((int) regions[i].level == level && region_in_box (&regions[i], &box))
          path_region (cr, frame, &regions[i]);

      if (!cairo_has_current_point (cr))
        continue;

      /* Towns fainter than districts, districts than cities. */
      if (level >= HD_REGION_LEVEL_DISTRICT)
        color.alpha *= level == HD_REGION_LEVEL_DISTRICT ? 0.8 : 0.6;

      set_color (cr, &color);
      /* Thinner when zoomed far out, where a district is a few pixels across. */
      cairo_set_line_width (cr, widths[level] * (frame->zoom < 9 ? 0.7 : 1.0));
      cairo_stroke (cr);
    }
}

/* At street zoom DCW has nothing to show and a region is wider than the screen: a faint grid of
 * meridians and parallels keeps the map from looking empty or stuck while it is dragged. */
static void
draw_graticule (cairo_t              *cr,
                const Frame          *frame,
                const HdBasemapStyle *style)
{
  static const double steps[] = { 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005 };
  double step = steps[0];
  double west, north, east, south;

  /* Below this a region boundary or a coast is usually in view. */
  if (frame->zoom < 14)
    return;

  /* The finest step whose lines stay at least 160 pixels apart. */
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] / frame->deg_px >= 160)
      step = steps[i];

  hd_mercator_world_to_lonlat (frame->ox, frame->oy, frame->world, &west, &north);
  hd_mercator_world_to_lonlat (frame->ox + frame->size, frame->oy + frame->size, frame->world,
                               &east, &south);

  for (double lon = ceil (west / step) * step; lon <= east; lon += step)
    {
      double x = round (frame_x (frame, lon)) + 0.5;
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, frame->size);
    }
  for (double lat = ceil (south / step) * step; lat <= north; lat += step)
    {
      double y = round (frame_y (frame, lat)) + 0.5;
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, frame->size, y);
    }

  /* Faint: a guide, not a boundary (and none when province borders are not drawn). */
  cairo_set_source_rgba (cr, style->province_border.red, style->province_border.green,
                         style->province_border.blue, 0.18 * style->province_border.alpha);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

/* Labels. Which names show is decided for the whole world at this zoom (only the names near
 * the tile are looked at), so two tiles that share a name draw the same one at the same place
 * and it joins across their edge. */

typedef enum {
  LABEL_CHINA,
  LABEL_REGION,
  LABEL_PROVINCE,
  LABEL_COUNTRY,
  LABEL_REPEAT,
} LabelClass;

typedef struct
{
  LabelClass            klass;
  double                rank;        /* within the class, lower first */
  const char           *text;
  double                x, y;        /* centre, world pixels, whole */
  double                width, height;
  double                size;
  gboolean              bold;
  const HdBasemapColor *color;
  double                alpha;
} Label;

/* CJK is one em wide in every CJK font; other text about 0.6 em. Estimating instead of
 * measuring keeps placement free of font lookups and identical in every tile. */
static double
text_width (const char *text,
            double      size)
{
  double width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      width += g_unichar_iswide (c) ? size : 0.6 * size;
    }

  return width;
}

static void
label_init (Label                *label,
            LabelClass            klass,
            double                rank,
            const char           *text,
            double                x,
            double                y,
            double                size,
            gboolean              bold,
            const HdBasemapColor *color)
{
  label->klass = klass;
  label->rank = rank;
  label->text = text;
  label->x = round (x);
  label->y = round (y);
  label->size = size;
  label->bold = bold;
  label->width = text_width (text, size);
  label->height = size * 1.3;
  label->color = color;
  label->alpha = 1.0;
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const Label *x = a;
  const Label *y = b;

  if (x->klass != y->klass)
    return x->klass < y->klass ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  if (x->y != y->y)
    return x->y < y->y ? -1 : 1;
  if (x->x != y->x)
    return x->x < y->x ? -1 : 1;
  return strcmp (x->text, y->text);
}

static gboolean
near_tile (const Frame *frame,
           double       x,
           double       y)
{
  return x >= frame->ox - LABEL_MARGIN_PX && x <= frame->ox + frame->size + LABEL_MARGIN_PX &&
         y >= frame->oy - LABEL_MARGIN_PX && y <= frame->oy + frame->size + LABEL_MARGIN_PX;
}

static void
world_point (const Frame *frame,
             double       lon,
             double       lat,
             double      *x,
             double      *y)
{
  hd_mercator_lonlat_to_world (lon, lat, frame->world, x, y);
}

static void
collect_feature_labels (HdBasemap            *self,
                        const Frame          *frame,
                        const HdBasemapStyle *style,
                        GArray               *labels)
{
  double zoom = frame->zoom;

  for (guint f = 0; self != NULL && f < self->n_features; f++)
    {
      const HdBasemapFileFeature *feature = &self->features[f];
      const char *name = feature_string (self, feature->name);
      const char *short_name = feature_string (self, feature->short_name);
      double lon = i32 (feature->label_lon) / HD_BASEMAP_UNITS_PER_DEGREE;
      double lat = i32 (feature->label_lat) / HD_BASEMAP_UNITS_PER_DEGREE;
      double x0, y0, x1, y1, x, y;
      double area = u32 (feature->area_km2);
      Label label;

      if (*name == '\0')
        continue;

      world_point (frame, lon, lat, &x, &y);
      if (!near_tile (frame, x, y))
        continue;
      world_point (frame, i32 (feature->min_lon) / HD_BASEMAP_UNITS_PER_DEGREE,
                   i32 (feature->max_lat) / HD_BASEMAP_UNITS_PER_DEGREE, &x0, &y0);
      world_point (frame, i32 (feature->max_lon) / HD_BASEMAP_UNITS_PER_DEGREE,
                   i32 (feature->min_lat) / HD_BASEMAP_UNITS_PER_DEGREE, &x1, &y1);

      switch (feature->kind)
        {
        case HD_BASEMAP_KIND_CHINA:
          if (zoom >= 4.5)
            continue;
          label_init (&label, LABEL_CHINA, 0, name, x, y, 17, TRUE, &style->label);
          break;

        case HD_BASEMAP_KIND_PROVINCE:
          if (zoom < 4)
            continue;
          label_init (&label, LABEL_PROVINCE, -area,
                      zoom < 7 && *short_name != '\0' ? short_name : name, x, y,
                      zoom < 6 ? 11 : zoom < 8 ? 12 : 13, FALSE, &style->label);
          break;

        case HD_BASEMAP_KIND_COUNTRY:
          if (zoom >= 7)
            continue;
          label_init (&label, LABEL_COUNTRY, -area, name, x, y, 12, FALSE,
                      &style->country_label);
          break;

        default:
          continue;
        }

      /* Only where the name fits inside the area's box: a name much wider than its province
       * would sit over the neighbours. */
      if (label.width > (x1 - x0) * 0.9 || label.height > (y1 - y0))
        continue;

      g_array_append_val (labels, label);
    }
}

static void
collect_region_labels (const Frame           *frame,
                       const HdBasemapStyle  *style,
                       const HdBasemapRegion *regions,
                       guint                  n_regions,
                       GArray                *labels)
{
  static const double min_zoom[HD_N_REGION_LEVELS] = { 5, 7, 9, 11 };
  double zoom = frame->zoom;

  for (guint i = 0; i < n_regions; i++)
    {
      const HdBasemapRegion *region = &regions[i];
      double x0, y0, x1, y1, x, y;
      Label label;

      if (!region->has_label || zoom < min_zoom[CLAMP (region->level, 0, HD_N_REGION_LEVELS - 1)])
        continue;

      world_point (frame, region->label_lon, region->label_lat, &x, &y);
      if (!near_tile (frame, x, y))
        continue;

      world_point (frame, region->min_lon, region->max_lat, &x0, &y0);
      world_point (frame, region->max_lon, region->min_lat, &x1, &y1);

      /* Smaller areas first: zoomed in, the districts' names matter more than the city's. */
      label_init (&label, LABEL_REGION, -(double) region->level * 10.0 + region->area, region->name,
                  x, y, region->level <= HD_REGION_LEVEL_CITY ? 14 : 13,
                  region->level <= HD_REGION_LEVEL_CITY, &style->region_label);
      if (label.width > (x1 - x0) || label.height > (y1 - y0))
        continue;

      g_array_append_val (labels, label);
    }
}

/* At street zoom a region's one name is usually off screen: repeat it, faintly, on a grid of
 * points inside it, so the planner always sees where the view is. */
static void
collect_repeat_labels (const Frame           *frame,
                       const HdBasemapStyle  *style,
                       const HdBasemapRegion *regions,
                       guint                  n_regions,
                       GArray                *labels)
{
  double first_x, first_y;

  if (frame->zoom < 13 || n_regions == 0)
    return;

  first_x = floor ((frame->ox - LABEL_MARGIN_PX) / REPEAT_SPACING_PX) * REPEAT_SPACING_PX;
  first_y = floor ((frame->oy - LABEL_MARGIN_PX) / REPEAT_SPACING_PX) * REPEAT_SPACING_PX;

  for (double gy = first_y; gy <= frame->oy + frame->size + LABEL_MARGIN_PX; gy += REPEAT_SPACING_PX)
    for (double gx = first_x; gx <= frame->ox + frame->size + LABEL_MARGIN_PX; gx += REPEAT_SPACING_PX)
      {
        double x = gx + REPEAT_SPACING_PX / 2, y = gy + REPEAT_SPACING_PX / 2;
        const HdBasemapRegion *best = NULL;
        double lon, lat, lx, ly;
        gboolean fits = TRUE;
        Label label;

        hd_mercator_world_to_lonlat (x, y, frame->world, &lon, &lat);
        for (guint i = 0; i < n_regions; i++)
          if (regions[i].has_label && (best == NULL || regions[i].area < best->area) &&
              hd_basemap_region_contains (&regions[i], lon, lat))
            best = &regions[i];
        if (best == NULL)
          continue;

        /* The real name is near: no echo. */
        world_point (frame, best->label_lon, best->label_lat, &lx, &ly);
        if (fabs (lx - x) < REPEAT_SPACING_PX && fabs (ly - y) < REPEAT_SPACING_PX)
          continue;

        label_init (&label, LABEL_REPEAT, best->area, best->name, x, y, 13, FALSE,
                    &style->region_label);
        label.alpha = 0.7;

        for (int corner = 0; corner < 4 && fits; corner++)
          {
            double cx = x + (corner & 1 ? 0.5 : -0.5) * label.width;
            double cy = y + (corner & 2 ? 0.5 : -0.5) * label.height;
            double clon, clat;

            hd_mercator_world_to_lonlat (cx, cy, frame->world, &clon, &clat);
            fits = hd_basemap_region_contains (best, clon, clat);
          }
        if (fits)
          g_array_append_val (labels, label);
      }
}

static gboolean
boxes_overlap (const Label *a,
               const Label *b,
               double       gap)
{
  return fabs (a->x - b->x) * 2 < a->width + b->width + 2 * gap &&
         fabs (a->y - b->y) * 2 < a->height + b->height + 2 * gap;
}

static void
draw_label (cairo_t              *cr,
            PangoContext         *context,
            const Frame          *frame,
            const HdBasemapStyle *style,
            const Label          *label)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (style->font_family);
  PangoRectangle logical;
  double x, y;

  pango_font_description_set_absolute_size (font, label->size * PANGO_SCALE);
  pango_font_description_set_weight (font, label->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, label->text, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  /* Whole pixels, so each tile rasterises the glyphs identically. */
  x = round (label->x - frame->ox - logical.width / 2.0);
  y = round (label->y - frame->oy - logical.height / 2.0);

  cairo_save (cr);
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgba (cr, style->halo.red, style->halo.green, style->halo.blue,
                         style->halo.alpha * label->alpha);
  cairo_set_line_width (cr, 3.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  cairo_move_to (cr, x, y);
  cairo_set_source_rgba (cr, label->color->red, label->color->green, label->color->blue,
                         label->color->alpha * label->alpha);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_labels (HdBasemap             *self,
             cairo_t               *cr,
             const Frame           *frame,
             const HdBasemapStyle  *style,
             const HdBasemapRegion *regions,
             guint                  n_regions)
{
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (Label));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Label));
  PangoContext *context;
  cairo_font_options_t *options;

  collect_feature_labels (self, frame, style, labels);
  collect_region_labels (frame, style, regions, n_regions, labels);
  collect_repeat_labels (frame, style, regions, n_regions, labels);
  if (labels->len == 0)
    return;

  g_array_sort (labels, compare_labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const Label *label = &g_array_index (labels, Label, i);
      gboolean free_spot = TRUE;

      for (guint j = 0; j < placed->len && free_spot; j++)
        free_spot = !boxes_overlap (label, &g_array_index (placed, Label, j), 6.0);
      if (free_spot)
        g_array_append_val (placed, *label);
    }

  /* No hinting: hinted glyphs would depend on where the tile starts. */
  context = pango_cairo_create_context (cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < placed->len; i++)
    {
      const Label *label = &g_array_index (placed, Label, i);

      /* Generous bounds: the drawn text may be a little wider than the estimate. */
      if (label->x + label->width < frame->ox - 8 ||
          label->x - label->width > frame->ox + frame->size + 8 ||
          label->y + label->height < frame->oy - 8 ||
          label->y - label->height > frame->oy + frame->size + 8)
        continue;

      draw_label (cr, context, frame, style, label);
    }

  g_object_unref (context);
}

void
hd_basemap_render_tile (HdBasemap             *self,
                        cairo_t               *cr,
                        int                    zoom,
                        int                    x,
                        int                    y,
                        int                    tile_size,
                        const HdBasemapStyle  *style,
                        const HdBasemapRegion *regions,
                        guint                  n_regions)
{
  Frame frame;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (zoom >= 0 && zoom <= 30);
  g_return_if_fail (tile_size > 0);
  g_return_if_fail (style != NULL);
  g_return_if_fail (regions != NULL || n_regions == 0);

  frame.world = hd_mercator_world_size (zoom, tile_size);
  frame.size = tile_size;
  frame.ox = (double) x * tile_size;
  frame.oy = (double) y * tile_size;
  frame.zoom = log2 (frame.world / 256.0);
  frame.deg_px = hd_mercator_degrees_per_pixel (frame.world);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, tile_size, tile_size);
  cairo_clip (cr);
  cairo_new_path (cr);

  if (self != NULL)
    {
      set_color (cr, &style->sea);
      cairo_paint (cr);
      draw_outlines (self, cr, &frame, style);
    }
  else
    {
      set_color (cr, &style->land);
      cairo_paint (cr);
    }

  draw_graticule (cr, &frame, style);
  draw_regions (cr, &frame, style, regions, n_regions);
  draw_labels (self, cr, &frame, style, regions, n_regions);

  cairo_restore (cr);
}
