/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-geojson"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "hd-error.h"
#include "hd-geojson.h"
#include "hd-validate.h"

/* Text from the file is cut to this many characters in messages, so one message stays one line
 * that a person can read: names shorter, other values (ids, kinds, json-glib's report) longer. */
#define NAME_MAX_SHOWN 40
#define TEXT_MAX_SHOWN 64
#define REPORT_MAX_SHOWN 160

typedef enum {
  GEOM_NONE,
  GEOM_POINT,
  GEOM_LINE_STRING,
  GEOM_POLYGON,
  GEOM_MULTI_POLYGON,
  GEOM_OTHER,
} GeomType;

/* Where a message is about: the file, the feature's index and (when it has one) its name. */
typedef struct {
  const char *source;
  guint       index;
  const char *name;  /* as in the file; made fit for a message only when there is an error */
} FeatureCtx;

static char *one_line (const char *text,
                       guint       max_chars);

static void feature_error (const FeatureCtx *ctx,
                           GError          **error,
                           HdImportError     code,
                           const char       *format,
                           ...) G_GNUC_PRINTF (4, 5);

static void
feature_error (const FeatureCtx *ctx,
               GError          **error,
               HdImportError     code,
               const char       *format,
               ...)
{
  g_autofree char *reason = NULL;
  g_autofree char *name = one_line (ctx->name, NAME_MAX_SHOWN);
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (name != NULL && *name != '\0')
    /* TRANSLATORS: an import error: file, index of the feature in the file, its name, reason */
    g_set_error (error, HD_IMPORT_ERROR, code, _("%s: feature %u (“%s”): %s"),
                 ctx->source, ctx->index, name, reason);
  else
    /* TRANSLATORS: an import error: file, index of the feature in the file, reason */
    g_set_error (error, HD_IMPORT_ERROR, code, _("%s: feature %u: %s"),
                 ctx->source, ctx->index, reason);
}

/* Text from the file made fit for a one-line message: valid UTF-8 (json-glib's report can quote
 * a partial character), no line breaks or other control characters (a name, an id or that
 * report may hold any), and not too long. */
static char *
one_line (const char *text,
          guint       max_chars)
{
  g_autofree char *trimmed = NULL;
  GString *out;
  guint n_chars = 0;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_utf8_make_valid (text, -1));
  out = g_string_new (NULL);
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars++ == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, g_unichar_iscntrl (c) ? ' ' : c);
    }
  return g_string_free (out, FALSE);
}

/* A JSON value as it is written in the file, for messages. */
static char *
shown_value (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return one_line (text, TEXT_MAX_SHOWN);
}

static char *
format_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Not "%g": messages must not depend on the locale's decimal separator. */
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* Four hex digits at @data[@at]: a \u escape's code unit. */
static gboolean
read_hex4 (const char *data,
           gsize       length,
           gsize       at,
           guint      *out)
{
  guint value = 0;

  if (at + 4 > length)
    return FALSE;
  for (gsize k = at; k < at + 4; k++)
    {
      if (!g_ascii_isxdigit (data[k]))
        return FALSE;
      value = value * 16 + (guint) g_ascii_xdigit_value (data[k]);
    }
  *out = value;
  return TRUE;
}

/* The length of the escape sequence starting with the backslash at @data[@at], or 0 when it is
 * not one RFC 8259 allows. A high surrogate must be followed by its low one: json-glib 1.6,
 * given a lone one, swallows the '"' after it and goes on reading the string, so it would no
 * longer agree with check_structure() about what is text. */
static gsize
escape_length (const char *data,
               gsize       length,
               gsize       at)
{
  guint unit, low;

  if (at + 1 >= length)
    return 0;
  switch (data[at + 1])
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      return 2;
    case 'u':
      if (!read_hex4 (data, length, at + 2, &unit))
        return 0;
      if (unit >= 0xDC00 && unit <= 0xDFFF)
        return 0;
      if (unit < 0xD800 || unit > 0xDBFF)
        return 6;
      if (at + 7 < length && data[at + 6] == '\\' && data[at + 7] == 'u' &&
          read_hex4 (data, length, at + 8, &low) && low >= 0xDC00 && low <= 0xDFFF)
        return 12;
      return 0;
    default:
      return 0;
    }
}

/* json-glib 1.6 builds its tree recursively, one C stack frame per level, so a file of a few
 * hundred kilobytes of "[" crashes it. This scan bounds the depth before the parser sees the data,
 * and so must see strings exactly where json-glib does. json-glib also accepts single-quoted
 * strings, comments and escapes JSON does not have, any of which a scan for '"' would misread (a
 * '"' inside a comment would hide the brackets after it); GeoJSON is strict JSON (RFC 8259), so
 * all of them are refused here. */
static gboolean
check_structure (const char  *data,
                 gsize        length,
                 const char  *source,
                 GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint line = 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;

      if (in_string)
        {
          if (c == '\\')
            {
              gsize n = escape_length (data, length, i);

              if (n == 0)
                {
                  g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                               _("%s: line %u: invalid escape sequence in a string"),
                               source, line);
                  return FALSE;
                }
              i += n - 1;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > HD_GEOJSON_MAX_DEPTH)
            {
              g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_TOO_DEEP,
                           _("%s: line %u: nesting deeper than %d levels"),
                           source, line, HD_GEOJSON_MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          /* Never below zero, so the count stays an upper bound of the real depth. */
          if (depth > 0)
            depth--;
          break;
        case '\'':
        case '/':
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                       _("%s: line %u: unexpected character “%c” "
                         "(comments and single quotes are not JSON)"),
                       source, line, c);
          return FALSE;
        default:
          break;
        }
    }
  return TRUE;
}

/* json-glib reports "<data>:LINE:COLUMN: Parse error: REASON"; the user wants the file's name. */
static void
set_syntax_error (GError     **error,
                  const char  *source,
                  const char  *json_message)
{
  const char *p = json_message;
  g_autofree char *shown = NULL;
  guint64 line = 0;

  if (g_str_has_prefix (p, "<data>:"))
    {
      char *end = NULL;

      line = g_ascii_strtoull (p + strlen ("<data>:"), &end, 10);
      p = end;
      if (*p == ':')
        {
          g_ascii_strtoull (p + 1, &end, 10);
          p = end;
        }
      if (*p == ':')
        p++;
      while (*p == ' ')
        p++;
      if (g_str_has_prefix (p, "Parse error: "))
        p += strlen ("Parse error: ");
    }

  /* json-glib quotes the offending text as it is, line breaks included. */
  shown = one_line (p, REPORT_MAX_SHOWN);
  if (line > 0)
    g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                 _("%s: line %u: %s"), source, (guint) line, shown);
  else
    g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                 _("%s: not JSON: %s"), source, shown);
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A member that is absent or JSON null counts as not given. */
static JsonNode *
get_member (JsonObject *object,
            const char *key)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, key);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

/* A whole number from a JSON integer, a double without a fraction or (with @allow_digits) a
 * string of decimal digits. */
static gboolean
node_get_whole (JsonNode *node,
                gboolean  allow_digits,
                gint64   *out)
{
  if (node_is_number (node))
    {
      double d;

      if (json_node_get_value_type (node) == G_TYPE_INT64)
        {
          *out = json_node_get_int (node);
          return TRUE;
        }
      d = json_node_get_double (node);
      if (!isfinite (d) || floor (d) != d || fabs (d) > 9007199254740992.0)
        return FALSE;
      *out = (gint64) d;
      return TRUE;
    }

  if (allow_digits && node_is_string (node))
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
      gsize len = strlen (text);

      /* Eighteen digits always fit a gint64; more is no count of anything real. */
      if (len == 0 || len > 18)
        return FALSE;
      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isdigit (text[i]))
          return FALSE;
      *out = g_ascii_strtoll (text, NULL, 10);
      return TRUE;
    }

  return FALSE;
}

/* The text of a reference (an id or a name): ids may be numbers in a file ("id": 7). */
static char *
node_dup_ref (JsonNode *node)
{
  gint64 v;

  if (node_is_string (node))
    return g_strstrip (g_strdup (json_node_get_string (node)));
  if (node_is_number (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (node_get_whole (node, FALSE, &v))
    return g_strdup_printf ("%" G_GINT64_FORMAT, v);
  if (node_is_number (node))
    return format_double (json_node_get_double (node));
  return NULL;
}

/* An optional text property: NULL when absent, null or blank; an error for any other type. */
static gboolean
get_text (const FeatureCtx  *ctx,
          JsonObject        *props,
          const char        *key,
          char             **out,
          GError           **error)
{
  JsonNode *node = get_member (props, key);
  g_autofree char *text = NULL;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!node_is_string (node))
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("“%s” must be text"), key);
      return FALSE;
    }
  text = g_strstrip (g_strdup (json_node_get_string (node)));
  if (*text != '\0')
    *out = g_steal_pointer (&text);
  return TRUE;
}

/* An optional reference (region, parent, belt): text or a whole number, as ids may be. */
static gboolean
get_ref (const FeatureCtx  *ctx,
         JsonObject        *props,
         const char        *key,
         char             **out,
         GError           **error)
{
  JsonNode *node = get_member (props, key);
  g_autofree char *text = NULL;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!node_is_string (node) && !node_is_number (node))
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("“%s” must be a name or an id"), key);
      return FALSE;
    }
  text = node_dup_ref (node);
  if (text != NULL && *text != '\0')
    *out = g_steal_pointer (&text);
  return TRUE;
}

static char *
enum_nicks (GType type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, klass->values[i].value_nick);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* An optional enumeration property by its stable spelling; @out keeps its default when absent. */
static gboolean
get_enum (const FeatureCtx  *ctx,
          JsonObject        *props,
          const char        *key,
          GType              type,
          int               *out,
          GError           **error)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_autofree char *text = NULL;
  GEnumValue *value;

  if (!get_text (ctx, props, key, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  klass = g_type_class_ref (type);
  value = g_enum_get_value_by_nick (klass, text);
  if (value == NULL)
    {
      g_autofree char *allowed = enum_nicks (type);
      g_autofree char *shown = one_line (text, TEXT_MAX_SHOWN);

      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("unknown %s “%s” (allowed: %s)"), key, shown, allowed);
      return FALSE;
    }
  *out = value->value;
  return TRUE;
}

/* The rules a position breaks, or NULL when it is a valid [lon, lat, ...]. */
static char *
position_problem (JsonNode *node,
                  double   *lat,
                  double   *lon)
{
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup (_("a position must be an array [longitude, latitude]"));
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n < 2)
    return g_strdup (_("a position needs a longitude and a latitude"));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!node_is_number (element))
        return g_strdup (_("a position must hold numbers only"));
      if (!isfinite (json_node_get_double (element)))
        return g_strdup (_("a position holds a number too large to be a coordinate"));
    }

  /* GeoJSON order: longitude first. */
  *lon = json_array_get_double_element (array, 0);
  *lat = json_array_get_double_element (array, 1);
  if (!hd_coordinate_is_valid (*lat, 0.0))
    {
      g_autofree char *text = format_double (*lat);

      return g_strdup_printf (_("latitude %s is outside −90…90"), text);
    }
  if (!hd_coordinate_is_valid (0.0, *lon))
    {
      g_autofree char *text = format_double (*lon);

      return g_strdup_printf (_("longitude %s is outside −180…180"), text);
    }
  return NULL;
}

static JsonArray *
get_array (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

static gboolean
check_line (const FeatureCtx  *ctx,
            JsonNode          *coordinates,
            GError           **error)
{
  JsonArray *line = get_array (coordinates);
  guint n;

  if (line == NULL)
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("the LineString’s coordinates must be an array of positions"));
      return FALSE;
    }
  n = json_array_get_length (line);
  if (n < 2)
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("a LineString needs at least 2 positions, not %u"), n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      double lat, lon;
      g_autofree char *problem = position_problem (json_array_get_element (line, i), &lat, &lon);

      if (problem != NULL)
        {
          feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("position %u: %s"), i, problem);
          return FALSE;
        }
    }
  return TRUE;
}

/* @polygon_index is -1 for a Polygon, the polygon's index for a MultiPolygon's parts. */
static gboolean
check_polygon (const FeatureCtx  *ctx,
               JsonNode          *coordinates,
               int                polygon_index,
               GError           **error)
{
  JsonArray *rings = get_array (coordinates);
  guint n_rings;

  if (rings == NULL || json_array_get_length (rings) == 0)
    {
      if (polygon_index < 0)
        feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("a Polygon’s coordinates must be a non-empty array of rings"));
      else
        feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("polygon %d: a polygon must be a non-empty array of rings"),
                       polygon_index);
      return FALSE;
    }

  n_rings = json_array_get_length (rings);
  for (guint r = 0; r < n_rings; r++)
    {
      JsonArray *ring = get_array (json_array_get_element (rings, r));
      g_autofree char *problem = NULL;
      double first_lat = 0, first_lon = 0, lat = 0, lon = 0;
      guint n;

      if (ring == NULL)
        problem = g_strdup (_("a ring must be an array of positions"));
      else if ((n = json_array_get_length (ring)) < 4)
        problem = g_strdup_printf (_("a ring needs at least 4 positions, not %u"), n);
      else
        {
          for (guint i = 0; i < n && problem == NULL; i++)
            {
              g_autofree char *p = position_problem (json_array_get_element (ring, i), &lat, &lon);

              if (p != NULL)
                problem = g_strdup_printf (_("position %u: %s"), i, p);
              else if (i == 0)
                {
                  first_lat = lat;
                  first_lon = lon;
                }
            }
          if (problem == NULL && (lat != first_lat || lon != first_lon))
            problem = g_strdup (_("the ring is not closed "
                                  "(its last position differs from its first)"));
        }

      if (problem != NULL)
        {
          if (polygon_index < 0)
            feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                           _("ring %u: %s"), r, problem);
          else
            feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                           _("polygon %d, ring %u: %s"), polygon_index, r, problem);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_geometry (const FeatureCtx  *ctx,
                JsonObject        *geometry,
                GeomType           type,
                double            *lat,
                double            *lon,
                GError           **error)
{
  JsonNode *coordinates = json_object_get_member (geometry, "coordinates");

  switch (type)
    {
    case GEOM_POINT:
      {
        g_autofree char *problem = position_problem (coordinates, lat, lon);

        if (problem != NULL)
          {
            feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE, "%s", problem);
            return FALSE;
          }
        return TRUE;
      }

    case GEOM_LINE_STRING:
      return check_line (ctx, coordinates, error);

    case GEOM_POLYGON:
      return check_polygon (ctx, coordinates, -1, error);

    case GEOM_MULTI_POLYGON:
      {
        JsonArray *polygons = get_array (coordinates);
        guint n;

        if (polygons == NULL || (n = json_array_get_length (polygons)) == 0)
          {
            feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                           _("a MultiPolygon’s coordinates must be a non-empty array of polygons"));
            return FALSE;
          }
        for (guint i = 0; i < n; i++)
          if (!check_polygon (ctx, json_array_get_element (polygons, i), (int) i, error))
            return FALSE;
        return TRUE;
      }

    case GEOM_NONE:
    case GEOM_OTHER:
    default:
      return TRUE;
    }
}

static const char *
kind_to_string (HdImportItemKind kind)
{
  switch (kind)
    {
    case HD_IMPORT_ITEM_REGION: return "region";
    case HD_IMPORT_ITEM_BELT: return "belt";
    case HD_IMPORT_ITEM_SITE: return "site";
    default: g_return_val_if_reached ("");
    }
}

static gboolean
geometry_fits (HdImportItemKind kind,
               GeomType         type)
{
  if (type == GEOM_NONE)
    return TRUE;
  switch (kind)
    {
    case HD_IMPORT_ITEM_SITE: return type == GEOM_POINT;
    case HD_IMPORT_ITEM_BELT: return type == GEOM_LINE_STRING;
    case HD_IMPORT_ITEM_REGION: return type == GEOM_POLYGON || type == GEOM_MULTI_POLYGON;
    default: return FALSE;
    }
}

static const char *
item_id (HdImportItem *item)
{
  switch (item->kind)
    {
    case HD_IMPORT_ITEM_REGION: return hd_region_get_id (HD_REGION (item->record));
    case HD_IMPORT_ITEM_BELT: return hd_belt_get_id (HD_BELT (item->record));
    case HD_IMPORT_ITEM_SITE: return hd_site_get_id (HD_SITE (item->record));
    default: return NULL;
    }
}

/* Properties each kind understands; everything else is kept in "extra". */
static const char * const common_keys[] = { "type", "id", "name", NULL };
static const char * const site_keys[] = {
  "kind", "domain", "level", "region", "belt", "order", "belts", "organisation", "members",
  "address", "contact", "notes", NULL
};
static const char * const belt_keys[] = {
  "region", "brand", "stage", "start_year", "responsible", "colour", "logo", "notes", NULL
};
static const char * const region_keys[] = { "level", "parent", "code", NULL };

static gboolean
is_known_key (HdImportItemKind  kind,
              const char       *key)
{
  const char * const *keys;

  if (g_strv_contains (common_keys, key))
    return TRUE;
  switch (kind)
    {
    case HD_IMPORT_ITEM_SITE: keys = site_keys; break;
    case HD_IMPORT_ITEM_BELT: keys = belt_keys; break;
    case HD_IMPORT_ITEM_REGION: keys = region_keys; break;
    default: return FALSE;
    }
  return g_strv_contains (keys, key);
}

/* JsonGenerator writes infinity as "inf.0", which no JSON reader accepts: a value kept in
 * "extra" must be one that export can write back. Depth is bounded by check_structure(). */
static gboolean
node_is_writable (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_VALUE:
      return !node_is_number (node) || isfinite (json_node_get_double (node));
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!node_is_writable (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          if (!node_is_writable (member))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* json-glib decodes a lone surrogate escape ("\ud800x") into bytes that are not UTF-8, though
 * the file itself is. check_structure() refuses those escapes already; this second look is for
 * any other way json-glib may have to make such bytes, since no string that is not UTF-8 may
 * reach a record (GTK and SQLite expect UTF-8). */
static gboolean
node_strings_valid (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_VALUE:
      return !node_is_string (node) || g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!node_strings_valid (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *key;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &key, &member))
          if (!g_utf8_validate (key, -1, NULL) || !node_strings_valid (member))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* The unknown properties as a compact JSON object, in the file's order; NULL when none. */
static gboolean
collect_extra (const FeatureCtx  *ctx,
               HdImportItemKind   kind,
               JsonObject        *props,
               char             **out,
               GError           **error)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JsonNode) root = NULL;
  GList *members;

  *out = NULL;
  if (props == NULL)
    return TRUE;

  members = json_object_get_members (props);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (props, key);

      if (is_known_key (kind, key))
        continue;
      if (!node_is_writable (value))
        {
          g_autofree char *shown = one_line (key, TEXT_MAX_SHOWN);

          feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("property “%s” holds a number too large to keep"), shown);
          g_list_free (members);
          return FALSE;
        }
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, key, json_node_copy (value));
    }
  g_list_free (members);

  if (extra == NULL)
    return TRUE;
  root = json_node_init_object (json_node_alloc (), extra);
  *out = json_to_string (root, FALSE);
  return TRUE;
}

static gboolean
get_name (const FeatureCtx  *ctx,
          JsonObject        *props,
          HdImportItemKind   kind,
          char             **out,
          GError           **error)
{
  JsonNode *node = get_member (props, "name");
  g_autofree char *name = NULL;

  if (node == NULL)
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("a %s needs a “name” property"), kind_to_string (kind));
      return FALSE;
    }
  if (!node_is_string (node))
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE, _("“name” must be text"));
      return FALSE;
    }
  name = g_strstrip (g_strdup (json_node_get_string (node)));
  if (*name == '\0')
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE, _("“name” is blank"));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > HD_NAME_MAX_CHARS)
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("“name” is longer than %d characters"), HD_NAME_MAX_CHARS);
      return FALSE;
    }
  *out = g_steal_pointer (&name);
  return TRUE;
}

/* The feature's id: the GeoJSON "id" member, else properties.id; NULL when neither is given. */
static gboolean
get_id (const FeatureCtx  *ctx,
        JsonObject        *feature,
        JsonObject        *props,
        char             **out,
        GError           **error)
{
  JsonNode *outer = get_member (feature, "id");
  JsonNode *inner = get_member (props, "id");
  g_autofree char *outer_id = NULL;
  g_autofree char *inner_id = NULL;

  *out = NULL;
  if (outer != NULL && (!node_is_string (outer) && !node_is_number (outer)))
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("the feature’s “id” must be text or a number"));
      return FALSE;
    }
  if (inner != NULL && (!node_is_string (inner) && !node_is_number (inner)))
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("properties.id must be text or a number"));
      return FALSE;
    }
  if (outer != NULL)
    outer_id = node_dup_ref (outer);
  if (inner != NULL)
    inner_id = node_dup_ref (inner);
  if ((outer_id != NULL && *outer_id == '\0') || (inner_id != NULL && *inner_id == '\0'))
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE, _("the id is blank"));
      return FALSE;
    }
  /* Two different ids for one record: keeping either would silently drop the other. */
  if (outer_id != NULL && inner_id != NULL && strcmp (outer_id, inner_id) != 0)
    {
      g_autofree char *shown_outer = one_line (outer_id, TEXT_MAX_SHOWN);
      g_autofree char *shown_inner = one_line (inner_id, TEXT_MAX_SHOWN);

      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("the feature’s id “%s” and properties.id “%s” differ"),
                     shown_outer, shown_inner);
      return FALSE;
    }
  *out = outer_id != NULL ? g_steal_pointer (&outer_id) : g_steal_pointer (&inner_id);
  return TRUE;
}

static gboolean
add_site_belt (const FeatureCtx  *ctx,
               HdImportItem      *item,
               const char        *belt,
               JsonNode          *order_node,
               GError           **error)
{
  g_autofree char *shown = one_line (belt, TEXT_MAX_SHOWN);
  gint64 order = -1;

  for (guint i = 0; i < item->belt_refs->len; i++)
    if (strcmp (g_ptr_array_index (item->belt_refs, i), belt) == 0)
      {
        feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("belt “%s” is listed twice"), shown);
        return FALSE;
      }

  if (order_node != NULL)
    {
      if (!node_get_whole (order_node, TRUE, &order) || order < 1 || order > G_MAXINT)
        {
          g_autofree char *text = shown_value (order_node);

          feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("order %s on belt “%s” is not a positive whole number"), text, shown);
          return FALSE;
        }
    }
  hd_import_item_add_belt_ref (item, belt, (int) order);
  return TRUE;
}

static gboolean
fill_site (const FeatureCtx  *ctx,
           HdImportItem      *item,
           JsonObject        *props,
           gboolean           has_position,
           double             lat,
           double             lon,
           GError           **error)
{
  HdSite *site = HD_SITE (item->record);
  g_autofree char *belt = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *address = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *notes = NULL;
  JsonNode *node;
  int kind = HD_SITE_KIND_VENUE;
  int domain = HD_DOMAIN_UNSET;
  int level = HD_SITE_LEVEL_NONE;

  if (!get_enum (ctx, props, "kind", HD_TYPE_SITE_KIND, &kind, error) ||
      !get_enum (ctx, props, "domain", HD_TYPE_DOMAIN, &domain, error) ||
      !get_enum (ctx, props, "level", HD_TYPE_SITE_LEVEL, &level, error) ||
      !get_ref (ctx, props, "region", &item->region_ref, error) ||
      !get_ref (ctx, props, "belt", &belt, error) ||
      !get_text (ctx, props, "organisation", &organisation, error) ||
      !get_text (ctx, props, "address", &address, error) ||
      !get_text (ctx, props, "contact", &contact, error) ||
      !get_text (ctx, props, "notes", &notes, error))
    return FALSE;

  hd_site_set_kind (site, kind);
  hd_site_set_domain (site, domain);
  hd_site_set_level (site, level);
  hd_site_set_organisation (site, organisation);
  hd_site_set_address (site, address);
  hd_site_set_contact (site, contact);
  hd_site_set_notes (site, notes);
  if (has_position)
    hd_site_set_position (site, lat, lon);

  if ((node = get_member (props, "members")) != NULL)
    {
      gint64 members;

      if (!node_get_whole (node, TRUE, &members) || members < 0 || members > G_MAXINT)
        {
          g_autofree char *text = shown_value (node);

          feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("members %s is not a whole number of at least 0"), text);
          return FALSE;
        }
      hd_site_set_members (site, (int) members);
    }

  if (belt != NULL)
    {
      if (!add_site_belt (ctx, item, belt, get_member (props, "order"), error))
        return FALSE;
    }
  else if (get_member (props, "order") != NULL)
    {
      feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("“order” is given without a “belt”"));
      return FALSE;
    }

  if ((node = get_member (props, "belts")) != NULL)
    {
      JsonArray *belts = get_array (node);

      if (belts == NULL)
        {
          feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("“belts” must be an array of {\"belt\": …, \"order\": …}"));
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (belts); i++)
        {
          JsonNode *entry = json_array_get_element (belts, i);
          g_autofree char *ref = NULL;
          JsonNode *order_node = NULL;

          if (JSON_NODE_HOLDS_OBJECT (entry))
            {
              JsonObject *object = json_node_get_object (entry);
              JsonObjectIter iter;
              const char *key;

              json_object_iter_init (&iter, object);
              while (json_object_iter_next (&iter, &key, NULL))
                if (strcmp (key, "belt") != 0 && strcmp (key, "order") != 0)
                  {
                    g_autofree char *shown = one_line (key, TEXT_MAX_SHOWN);

                    feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                                   _("belts entry %u: unknown key “%s” (allowed: belt, order)"),
                                   i, shown);
                    return FALSE;
                  }
              ref = node_dup_ref (get_member (object, "belt"));
              order_node = get_member (object, "order");
            }
          else
            ref = node_dup_ref (entry);

          if (ref == NULL || *ref == '\0')
            {
              feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                             _("belts entry %u names no belt"), i);
              return FALSE;
            }
          if (!add_site_belt (ctx, item, ref, order_node, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
fill_belt (const FeatureCtx  *ctx,
           HdImportItem      *item,
           JsonObject        *props,
           GError           **error)
{
  HdBelt *belt = HD_BELT (item->record);
  g_autofree char *brand = NULL;
  g_autofree char *responsible = NULL;
  g_autofree char *colour = NULL;
  g_autofree char *logo = NULL;
  g_autofree char *notes = NULL;
  int stage = HD_BELT_STAGE_PLANNED;
  JsonNode *node;

  if (!get_ref (ctx, props, "region", &item->region_ref, error) ||
      !get_text (ctx, props, "brand", &brand, error) ||
      !get_enum (ctx, props, "stage", HD_TYPE_BELT_STAGE, &stage, error) ||
      !get_text (ctx, props, "responsible", &responsible, error) ||
      !get_text (ctx, props, "colour", &colour, error) ||
      !get_text (ctx, props, "logo", &logo, error) ||
      !get_text (ctx, props, "notes", &notes, error))
    return FALSE;

  if ((node = get_member (props, "start_year")) != NULL)
    {
      gint64 year;

      if (!node_get_whole (node, TRUE, &year) || year < G_MININT || year > G_MAXINT ||
          !hd_year_is_valid ((int) year))
        {
          g_autofree char *text = shown_value (node);

          feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("start_year %s is not a year between 1949 and 2200"), text);
          return FALSE;
        }
      hd_belt_set_start_year (belt, (int) year);
    }

  if (colour != NULL)
    {
      if (!hd_colour_is_valid (colour))
        {
          g_autofree char *shown = one_line (colour, TEXT_MAX_SHOWN);

          feature_error (ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("colour “%s” is not of the form #rrggbb"), shown);
          return FALSE;
        }
      /* One spelling per colour, so that exports compare equal. */
      for (char *p = colour; *p != '\0'; p++)
        *p = g_ascii_tolower (*p);
    }

  hd_belt_set_brand (belt, brand);
  hd_belt_set_stage (belt, stage);
  hd_belt_set_responsible (belt, responsible);
  hd_belt_set_colour (belt, colour);
  hd_belt_set_logo_path (belt, logo);
  hd_belt_set_notes (belt, notes);
  return TRUE;
}

static gboolean
fill_region (const FeatureCtx  *ctx,
             HdImportItem      *item,
             JsonObject        *props,
             JsonNode          *geometry,
             GError           **error)
{
  HdRegion *region = HD_REGION (item->record);
  g_autofree char *code = NULL;
  int level = HD_REGION_LEVEL_DISTRICT;

  if (!get_enum (ctx, props, "level", HD_TYPE_REGION_LEVEL, &level, error) ||
      !get_ref (ctx, props, "parent", &item->region_ref, error) ||
      !get_ref (ctx, props, "code", &code, error))
    return FALSE;

  hd_region_set_level (region, level);
  hd_region_set_code (region, code);
  if (geometry != NULL)
    {
      g_autofree char *text = json_to_string (geometry, FALSE);

      hd_region_set_geometry (region, text);
    }
  return TRUE;
}

static GeomType
geom_type_from_string (const char *type)
{
  if (g_strcmp0 (type, "Point") == 0)
    return GEOM_POINT;
  if (g_strcmp0 (type, "LineString") == 0)
    return GEOM_LINE_STRING;
  if (g_strcmp0 (type, "Polygon") == 0)
    return GEOM_POLYGON;
  if (g_strcmp0 (type, "MultiPolygon") == 0)
    return GEOM_MULTI_POLYGON;
  return GEOM_OTHER;
}

static gboolean
parse_feature (HdImportBatch  *pending,
               GHashTable     *ids,
               const char     *source,
               guint           index,
               JsonNode       *node,
               GError        **error)
{
  FeatureCtx ctx = { source, index, NULL };
  JsonObject *feature;
  JsonObject *props = NULL;
  JsonNode *member;
  JsonNode *geometry_node;
  JsonObject *geometry = NULL;
  GeomType geom_type = GEOM_NONE;
  g_autofree char *geom_name = NULL;
  HdImportItemKind kind;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *extra = NULL;
  double lat = 0, lon = 0;
  gboolean from_file;
  HdImportItem *item;
  HdImportItem *other;
  GObject *record;
  gboolean ok = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      feature_error (&ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE, _("not a JSON object"));
      return FALSE;
    }
  feature = json_node_get_object (node);

  if (!node_strings_valid (node))
    {
      feature_error (&ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("a text in it is not valid Unicode"));
      return FALSE;
    }

  member = json_object_get_member (feature, "properties");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    props = json_node_get_object (member);
  else if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      feature_error (&ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("“properties” must be an object"));
      return FALSE;
    }

  /* From here on messages name the feature, so people can find it in their GIS tool. */
  if ((member = get_member (props, "name")) != NULL && node_is_string (member))
    ctx.name = json_node_get_string (member);

  if (!node_is_string (json_object_get_member (feature, "type")) ||
      strcmp (json_object_get_string_member (feature, "type"), "Feature") != 0)
    {
      feature_error (&ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                     _("not a GeoJSON Feature (its “type” must be “Feature”)"));
      return FALSE;
    }

  geometry_node = get_member (feature, "geometry");
  if (geometry_node != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (geometry_node) ||
          !node_is_string (json_object_get_member (json_node_get_object (geometry_node), "type")))
        {
          feature_error (&ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("“geometry” must be null or a GeoJSON geometry object"));
          return FALSE;
        }
      geometry = json_node_get_object (geometry_node);
      geom_type = geom_type_from_string (json_object_get_string_member (geometry, "type"));
      geom_name = one_line (json_object_get_string_member (geometry, "type"), TEXT_MAX_SHOWN);
    }

  if ((member = get_member (props, "type")) != NULL)
    {
      const char *type = node_is_string (member) ? json_node_get_string (member) : NULL;

      if (g_strcmp0 (type, "site") == 0)
        kind = HD_IMPORT_ITEM_SITE;
      else if (g_strcmp0 (type, "belt") == 0)
        kind = HD_IMPORT_ITEM_BELT;
      else if (g_strcmp0 (type, "region") == 0)
        kind = HD_IMPORT_ITEM_REGION;
      else
        {
          g_autofree char *text = NULL;

          text = type != NULL ? one_line (type, TEXT_MAX_SHOWN) : shown_value (member);

          feature_error (&ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("unknown type “%s” (allowed: site, belt, region)"), text);
          return FALSE;
        }
      if (!geometry_fits (kind, geom_type))
        {
          const char *wanted;

          if (kind == HD_IMPORT_ITEM_SITE)
            wanted = _("a site needs a Point geometry or none");
          else if (kind == HD_IMPORT_ITEM_BELT)
            wanted = _("a belt needs a LineString geometry or none");
          else
            wanted = _("a region needs a Polygon or MultiPolygon geometry or none");
          feature_error (&ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("wrong geometry %s: %s"), geom_name, wanted);
          return FALSE;
        }
    }
  else
    {
      switch (geom_type)
        {
        case GEOM_POINT:
          kind = HD_IMPORT_ITEM_SITE;
          break;
        case GEOM_LINE_STRING:
          kind = HD_IMPORT_ITEM_BELT;
          break;
        case GEOM_POLYGON:
        case GEOM_MULTI_POLYGON:
          kind = HD_IMPORT_ITEM_REGION;
          break;
        case GEOM_NONE:
          feature_error (&ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("no geometry and no properties.type: "
                           "say whether it is a site, a belt or a region"));
          return FALSE;
        case GEOM_OTHER:
        default:
          feature_error (&ctx, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("unsupported geometry %s (a site is a Point, a belt a LineString, "
                           "a region a Polygon or MultiPolygon)"),
                         geom_name);
          return FALSE;
        }
    }

  if (geometry != NULL && !check_geometry (&ctx, geometry, geom_type, &lat, &lon, error))
    return FALSE;

  if (!get_name (&ctx, props, kind, &name, error) ||
      !get_id (&ctx, feature, props, &id, error) ||
      !collect_extra (&ctx, kind, props, &extra, error))
    return FALSE;

  from_file = id != NULL;
  if (!from_file)
    id = hd_new_id ();

  /* A record's id is its identity across files and laptops: two features with one id would
   * make the second silently overwrite the first. */
  if ((other = g_hash_table_lookup (ids, id)) != NULL)
    {
      g_autofree char *shown = one_line (id, TEXT_MAX_SHOWN);

      if (g_strcmp0 (other->source, source) == 0)
        feature_error (&ctx, error, HD_IMPORT_ERROR_DUPLICATE_ID,
                       _("id “%s” is also used by feature %u"), shown, other->feature_index);
      else
        feature_error (&ctx, error, HD_IMPORT_ERROR_DUPLICATE_ID,
                       _("id “%s” is also used by feature %u of %s"),
                       shown, other->feature_index, other->source);
      return FALSE;
    }

  switch (kind)
    {
    case HD_IMPORT_ITEM_SITE:
      record = G_OBJECT (hd_site_new ());
      hd_site_set_id (HD_SITE (record), id);
      hd_site_set_name (HD_SITE (record), name);
      hd_site_set_extra (HD_SITE (record), extra);
      break;
    case HD_IMPORT_ITEM_BELT:
      record = G_OBJECT (hd_belt_new ());
      hd_belt_set_id (HD_BELT (record), id);
      hd_belt_set_name (HD_BELT (record), name);
      hd_belt_set_extra (HD_BELT (record), extra);
      break;
    case HD_IMPORT_ITEM_REGION:
    default:
      record = G_OBJECT (hd_region_new ());
      hd_region_set_id (HD_REGION (record), id);
      hd_region_set_name (HD_REGION (record), name);
      hd_region_set_extra (HD_REGION (record), extra);
      break;
    }

  /* The pending batch owns the item from here, so an error below leaves nothing to free. */
  item = hd_import_batch_add (pending, kind, source, index, record);
  item->id_from_file = from_file;

  switch (kind)
    {
    case HD_IMPORT_ITEM_SITE:
      ok = fill_site (&ctx, item, props, geom_type == GEOM_POINT, lat, lon, error);
      break;
    case HD_IMPORT_ITEM_BELT:
      /* The line itself is not kept: a belt's route is its ordered sites, and export draws
       * the line through them. */
      ok = fill_belt (&ctx, item, props, error);
      break;
    case HD_IMPORT_ITEM_REGION:
    default:
      ok = fill_region (&ctx, item, props, geometry_node, error);
      break;
    }

  if (ok)
    g_hash_table_insert (ids, (gpointer) item_id (item), item);

  return ok;
}

gboolean
hd_geojson_parse (HdImportBatch  *batch,
                  const char     *data,
                  gsize           length,
                  const char     *source,
                  GError        **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(HdImportBatch) pending = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) json_error = NULL;
  const char *invalid = NULL;
  JsonNode *root;
  JsonObject *collection;
  JsonNode *features_node;
  JsonArray *features;
  gpointer *moved;
  gsize n_moved;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (source == NULL)
    source = "GeoJSON";

  if (length > G_MAXSSIZE)
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                   _("%s: the file is too large"), source);
      return FALSE;
    }

  /* json-glib does not check the encoding, and every string goes on to GTK and SQLite. */
  if (length > 0 && !g_utf8_validate_len (data, length, &invalid))
    {
      gsize offset = (gsize) (invalid - data);

      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                   _("%s: line %u: invalid UTF-8 at byte %lu"),
                   source, line_at (data, offset), (unsigned long) offset);
      return FALSE;
    }

  if (!check_structure (data, length, source, error))
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, length > 0 ? data : "", (gssize) length, &json_error))
    {
      set_syntax_error (error, source, json_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                   _("%s: the file is empty"), source);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_GEOJSON,
                   _("%s: not a GeoJSON FeatureCollection (the top level is not an object)"),
                   source);
      return FALSE;
    }
  collection = json_node_get_object (root);
  if (!node_is_string (json_object_get_member (collection, "type")) ||
      strcmp (json_object_get_string_member (collection, "type"), "FeatureCollection") != 0)
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_GEOJSON,
                   _("%s: not a GeoJSON FeatureCollection (its “type” is not “FeatureCollection”)"),
                   source);
      return FALSE;
    }
  features_node = json_object_get_member (collection, "features");
  if (features_node == NULL || !JSON_NODE_HOLDS_ARRAY (features_node))
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_GEOJSON,
                   _("%s: not a GeoJSON FeatureCollection (it has no “features” array)"),
                   source);
      return FALSE;
    }
  features = json_node_get_array (features_node);

  /* Ids already in the batch count too: files imported together share one workspace. */
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < batch->items->len; i++)
    {
      HdImportItem *item = g_ptr_array_index (batch->items, i);
      const char *id = item_id (item);

      if (id != NULL && !g_hash_table_contains (ids, id))
        g_hash_table_insert (ids, (gpointer) id, item);
    }

  /* All or nothing: items wait in their own batch until the whole file has passed. */
  pending = hd_import_batch_new ();
  for (guint i = 0; i < json_array_get_length (features); i++)
    if (!parse_feature (pending, ids, source, i, json_array_get_element (features, i), error))
      return FALSE;

  moved = g_ptr_array_steal (pending->items, &n_moved);
  for (gsize i = 0; i < n_moved; i++)
    g_ptr_array_add (batch->items, moved[i]);
  g_free (moved);
  return TRUE;
}

gboolean
hd_geojson_parse_file (HdImportBatch  *batch,
                       GFile          *file,
                       GError        **error)
{
  g_autoptr(GError) io_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *source = NULL;
  gsize length = 0;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* File names need not be UTF-8; messages must be. */
  if (g_file_peek_path (file) != NULL)
    source = g_filename_display_name (g_file_peek_path (file));
  else
    {
      g_autofree char *basename = g_file_get_basename (file);

      source = g_filename_display_name (basename != NULL ? basename : "?");
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &io_error))
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_IO,
                   _("%s: cannot read the file: %s"), source, io_error->message);
      return FALSE;
    }
  return hd_geojson_parse (batch, contents, length, source, error);
}

/* Export */

/* (transfer full) of @object / @array into the returned node. */
static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
array_node (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

typedef struct {
  HdStore    *store;
  GHashTable *region_name_count;  /* name → number of regions with it */
  GHashTable *belt_name_count;    /* name → number of belts with it */
  GHashTable *site_belts;         /* site id → GArray of Membership, in belt model order */
} ExportCtx;

typedef struct {
  HdBelt *belt;
  int     order;  /* 1-based position in the belt's route */
} Membership;

static void
count_name (GHashTable *counts,
            const char *name)
{
  guint count;

  if (name == NULL)
    return;
  count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
  g_hash_table_insert (counts, (gpointer) name, GUINT_TO_POINTER (count + 1));
}

/* A reference the importer resolves back to the same record: the name reads better, but only a
 * unique name identifies one record. */
static const char *
region_ref (ExportCtx  *ctx,
            const char *id)
{
  HdRegion *region;
  const char *name;

  if (id == NULL)
    return NULL;
  region = hd_store_lookup_region (ctx->store, id);
  if (region == NULL)
    return id;
  name = hd_region_get_name (region);
  if (name != NULL && GPOINTER_TO_UINT (g_hash_table_lookup (ctx->region_name_count, name)) == 1)
    return name;
  return id;
}

static const char *
belt_ref (ExportCtx *ctx,
          HdBelt    *belt)
{
  const char *name = hd_belt_get_name (belt);

  if (name != NULL && GPOINTER_TO_UINT (g_hash_table_lookup (ctx->belt_name_count, name)) == 1)
    return name;
  return hd_belt_get_id (belt);
}

static void
set_text (JsonObject *object,
          const char *key,
          const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, key, value);
}

/* Known fields win over "extra" on a clash: extra only fills keys Hongdai does not write. */
static void
merge_extra (JsonObject *props,
             const char *extra)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (extra == NULL || *extra == '\0')
    return;
  node = json_from_string (extra, &error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      /* Only this file writes extra, always as an object; anything else is not ours to guess. */
      g_debug ("Ignoring unreadable extra properties: %s", error ? error->message : extra);
      return;
    }
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &key, &value))
    if (!json_object_has_member (props, key))
      json_object_set_member (props, key, json_node_copy (value));
}

static JsonNode *
position_node (double lat,
               double lon)
{
  JsonArray *position = json_array_sized_new (2);

  json_array_add_double_element (position, lon);
  json_array_add_double_element (position, lat);
  return array_node (position);
}

static JsonNode *
feature_node (const char *id,
              JsonObject *props,
              JsonNode   *geometry)
{
  JsonObject *feature = json_object_new ();

  json_object_set_string_member (feature, "type", "Feature");
  json_object_set_string_member (feature, "id", id);
  json_object_set_object_member (feature, "properties", props);
  if (geometry != NULL)
    json_object_set_member (feature, "geometry", geometry);
  else
    json_object_set_null_member (feature, "geometry");
  return object_node (feature);
}

static gboolean
export_region (ExportCtx  *ctx,
               JsonArray  *features,
               HdRegion   *region,
               GError    **error)
{
  JsonObject *props = json_object_new ();
  JsonNode *geometry = NULL;
  const char *text = hd_region_get_geometry (region);

  json_object_set_string_member (props, "type", "region");
  set_text (props, "name", hd_region_get_name (region));
  json_object_set_string_member (props, "level",
                                 hd_region_level_to_string (hd_region_get_level (region)));
  set_text (props, "parent", region_ref (ctx, hd_region_get_parent_id (region)));
  set_text (props, "code", hd_region_get_code (region));
  merge_extra (props, hd_region_get_extra (region));

  if (text != NULL && *text != '\0')
    {
      g_autoptr(GError) json_error = NULL;

      geometry = json_from_string (text, &json_error);
      if (geometry == NULL || !JSON_NODE_HOLDS_OBJECT (geometry))
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CORRUPT,
                       _("Region “%s”: the stored boundary is not GeoJSON"),
                       hd_region_get_name (region));
          g_clear_pointer (&geometry, json_node_unref);
          json_object_unref (props);
          return FALSE;
        }
    }
  json_array_add_element (features, feature_node (hd_region_get_id (region), props, geometry));
  return TRUE;
}

static void
export_belt (ExportCtx  *ctx,
             JsonArray  *features,
             HdBelt     *belt)
{
  JsonObject *props = json_object_new ();
  g_auto(GStrv) route = hd_store_dup_belt_route (ctx->store, hd_belt_get_id (belt));
  JsonArray *line = json_array_new ();
  JsonNode *geometry = NULL;

  json_object_set_string_member (props, "type", "belt");
  set_text (props, "name", hd_belt_get_name (belt));
  set_text (props, "region", region_ref (ctx, hd_belt_get_region_id (belt)));
  set_text (props, "brand", hd_belt_get_brand (belt));
  json_object_set_string_member (props, "stage",
                                 hd_belt_stage_to_string (hd_belt_get_stage (belt)));
  if (hd_belt_get_start_year (belt) != 0)
    json_object_set_int_member (props, "start_year", hd_belt_get_start_year (belt));
  set_text (props, "responsible", hd_belt_get_responsible (belt));
  set_text (props, "colour", hd_belt_get_colour (belt));
  set_text (props, "logo", hd_belt_get_logo_path (belt));
  set_text (props, "notes", hd_belt_get_notes (belt));
  merge_extra (props, hd_belt_get_extra (belt));

  for (guint i = 0; route != NULL && route[i] != NULL; i++)
    {
      HdSite *site = hd_store_lookup_site (ctx->store, route[i]);
      GArray *memberships;
      Membership m = { belt, (int) i + 1 };

      if (site == NULL)
        continue;
      if (hd_site_get_has_position (site))
        json_array_add_element (line, position_node (hd_site_get_latitude (site),
                                                     hd_site_get_longitude (site)));

      memberships = g_hash_table_lookup (ctx->site_belts, hd_site_get_id (site));
      if (memberships == NULL)
        {
          memberships = g_array_new (FALSE, FALSE, sizeof (Membership));
          g_hash_table_insert (ctx->site_belts, (gpointer) hd_site_get_id (site), memberships);
        }
      g_array_append_val (memberships, m);
    }

  if (json_array_get_length (line) >= 2)
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "type", "LineString");
      json_object_set_array_member (object, "coordinates", g_steal_pointer (&line));
      geometry = object_node (object);
    }
  g_clear_pointer (&line, json_array_unref);

  json_array_add_element (features, feature_node (hd_belt_get_id (belt), props, geometry));
}

static void
export_site (ExportCtx  *ctx,
             JsonArray  *features,
             HdSite     *site)
{
  JsonObject *props = json_object_new ();
  GArray *memberships = g_hash_table_lookup (ctx->site_belts, hd_site_get_id (site));
  JsonNode *geometry = NULL;

  json_object_set_string_member (props, "type", "site");
  set_text (props, "name", hd_site_get_name (site));
  json_object_set_string_member (props, "kind", hd_site_kind_to_string (hd_site_get_kind (site)));
  if (hd_site_get_domain (site) != HD_DOMAIN_UNSET)
    json_object_set_string_member (props, "domain",
                                   hd_domain_to_string (hd_site_get_domain (site)));
  if (hd_site_get_level (site) != HD_SITE_LEVEL_NONE)
    json_object_set_string_member (props, "level",
                                   hd_site_level_to_string (hd_site_get_level (site)));
  set_text (props, "region", region_ref (ctx, hd_site_get_region_id (site)));

  if (memberships != NULL && memberships->len == 1)
    {
      Membership *m = &g_array_index (memberships, Membership, 0);

      json_object_set_string_member (props, "belt", belt_ref (ctx, m->belt));
      json_object_set_int_member (props, "order", m->order);
    }
  else if (memberships != NULL && memberships->len > 1)
    {
      JsonArray *belts = json_array_sized_new (memberships->len);

      for (guint i = 0; i < memberships->len; i++)
        {
          Membership *m = &g_array_index (memberships, Membership, i);
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "belt", belt_ref (ctx, m->belt));
          json_object_set_int_member (entry, "order", m->order);
          json_array_add_object_element (belts, entry);
        }
      json_object_set_array_member (props, "belts", belts);
    }

  set_text (props, "organisation", hd_site_get_organisation (site));
  if (hd_site_get_members (site) > 0)
    json_object_set_int_member (props, "members", hd_site_get_members (site));
  set_text (props, "address", hd_site_get_address (site));
  set_text (props, "contact", hd_site_get_contact (site));
  set_text (props, "notes", hd_site_get_notes (site));
  merge_extra (props, hd_site_get_extra (site));

  if (hd_site_get_has_position (site))
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "type", "Point");
      json_object_set_member (object, "coordinates",
                              position_node (hd_site_get_latitude (site),
                                             hd_site_get_longitude (site)));
      geometry = object_node (object);
    }

  json_array_add_element (features, feature_node (hd_site_get_id (site), props, geometry));
}

/* Regions with their parents first, so that a reader creating them in file order always finds
 * the parent already there; otherwise the model's order. A cycle (which the store should never
 * hold) is broken rather than followed forever. */
static gboolean
export_regions (ExportCtx  *ctx,
                JsonArray  *features,
                GError    **error)
{
  GListModel *regions = hd_store_get_regions (ctx->store);
  guint n = g_list_model_get_n_items (regions);
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);
      HdRegion *r = region;

      g_ptr_array_set_size (chain, 0);
      while (r != NULL && !g_hash_table_contains (done, hd_region_get_id (r)))
        {
          gboolean seen = FALSE;

          for (guint k = 0; k < chain->len && !seen; k++)
            seen = g_ptr_array_index (chain, k) == r;
          if (seen)
            break;
          g_ptr_array_add (chain, r);
          r = hd_region_get_parent_id (r) != NULL
            ? hd_store_lookup_region (ctx->store, hd_region_get_parent_id (r))
            : NULL;
        }

      for (guint k = chain->len; k > 0; k--)
        {
          HdRegion *emit = g_ptr_array_index (chain, k - 1);

          if (!export_region (ctx, features, emit, error))
            return FALSE;
          g_hash_table_add (done, (gpointer) hd_region_get_id (emit));
        }
    }
  return TRUE;
}

char *
hd_geojson_export (HdStore  *store,
                   GError  **error)
{
  ExportCtx ctx = { store, NULL, NULL, NULL };
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonObject *collection;
  JsonArray *features;
  GListModel *model;
  guint n;
  char *result = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx.region_name_count = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.belt_name_count = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.site_belts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) g_array_unref);

  model = hd_store_get_regions (store);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (model, i);

      count_name (ctx.region_name_count, hd_region_get_name (region));
    }
  model = hd_store_get_belts (store);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (model, i);

      count_name (ctx.belt_name_count, hd_belt_get_name (belt));
    }

  collection = json_object_new ();
  features = json_array_new ();
  json_object_set_string_member (collection, "type", "FeatureCollection");
  json_object_set_array_member (collection, "features", features);
  root = object_node (collection);

  if (!export_regions (&ctx, features, error))
    goto out;

  /* Belts before sites: writing a belt also records which sites are on it and where. */
  model = hd_store_get_belts (store);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (model, i);

      export_belt (&ctx, features, belt);
    }

  model = hd_store_get_sites (store);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (model, i);

      export_site (&ctx, features, site);
    }

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  result = g_strconcat (text, "\n", NULL);

out:
  g_hash_table_unref (ctx.region_name_count);
  g_hash_table_unref (ctx.belt_name_count);
  g_hash_table_unref (ctx.site_belts);
  return result;
}
