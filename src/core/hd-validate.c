/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-validate"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "hd-error.h"
#include "hd-validate.h"

gboolean
hd_validate_name (const char  *name,
                  const char  *field_label,
                  GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s is required"), field_label);
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s is required"), field_label);
      return FALSE;
    }
  if (g_utf8_strlen (trimmed, -1) > HD_NAME_MAX_CHARS)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s is longer than %d characters"), field_label, HD_NAME_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

gboolean
hd_colour_is_valid (const char *colour)
{
  if (colour == NULL || colour[0] != '#' || strlen (colour) != 7)
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return FALSE;
  return TRUE;
}

gboolean
hd_year_is_valid (int year)
{
  return year >= 1949 && year <= 2200;
}

gboolean
hd_validate_site (HdSite  *site,
                  GError **error)
{
  g_return_val_if_fail (HD_IS_SITE (site), FALSE);

  if (!hd_validate_name (hd_site_get_name (site), _("The site’s name"), error))
    return FALSE;
  if (hd_site_get_has_position (site) &&
      !hd_coordinate_is_valid (hd_site_get_latitude (site), hd_site_get_longitude (site)))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Coordinates %.6f, %.6f of “%s” are outside latitude −90…90 and longitude −180…180"),
                   hd_site_get_latitude (site), hd_site_get_longitude (site),
                   hd_site_get_name (site));
      return FALSE;
    }
  if (hd_site_get_members (site) < 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("The member count of “%s” cannot be negative"), hd_site_get_name (site));
      return FALSE;
    }
  return TRUE;
}

gboolean
hd_validate_belt (HdBelt  *belt,
                  GError **error)
{
  int year;
  const char *colour;

  g_return_val_if_fail (HD_IS_BELT (belt), FALSE);

  if (!hd_validate_name (hd_belt_get_name (belt), _("The belt’s name"), error))
    return FALSE;
  year = hd_belt_get_start_year (belt);
  if (year != 0 && !hd_year_is_valid (year))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("The start year %d of “%s” is not between 1949 and 2200"),
                   year, hd_belt_get_name (belt));
      return FALSE;
    }
  colour = hd_belt_get_colour (belt);
  if (colour != NULL && *colour != '\0' && !hd_colour_is_valid (colour))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("The colour “%s” of “%s” is not of the form #rrggbb"),
                   colour, hd_belt_get_name (belt));
      return FALSE;
    }
  return TRUE;
}

gboolean
hd_validate_region (HdRegion  *region,
                    GError   **error)
{
  g_return_val_if_fail (HD_IS_REGION (region), FALSE);

  if (!hd_validate_name (hd_region_get_name (region), _("The region’s name"), error))
    return FALSE;
  if (hd_region_get_id (region) != NULL &&
      g_strcmp0 (hd_region_get_id (region), hd_region_get_parent_id (region)) == 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("The region “%s” cannot be its own parent"), hd_region_get_name (region));
      return FALSE;
    }
  return TRUE;
}

gboolean
hd_validate_plan (HdPlan  *plan,
                  GError **error)
{
  g_return_val_if_fail (HD_IS_PLAN (plan), FALSE);

  if (!hd_validate_name (hd_plan_get_title (plan), _("The plan’s title"), error))
    return FALSE;
  if (!hd_year_is_valid (hd_plan_get_first_year (plan)))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("The first year %d of “%s” is not between 1949 and 2200"),
                   hd_plan_get_first_year (plan), hd_plan_get_title (plan));
      return FALSE;
    }
  return TRUE;
}

/* One number of a coordinate pair: decimal degrees or degrees/minutes/seconds, with an optional
 * hemisphere letter. @axis is 'N' (latitude) or 'E' (longitude). */
static gboolean
parse_angle (const char  *text,
             char         axis,
             double      *out,
             GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  GString *ascii = g_string_new (NULL);
  double parts[3] = { 0, 0, 0 };
  guint n_parts = 0;
  double sign = 1.0;
  double value;
  const char *p;
  gboolean ok = TRUE;

  /* Symbols for degrees, minutes and seconds (and their look-alikes) become spaces. */
  for (p = copy; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0x00B0: case 0x00BA: case 0x2032: case 0x2033: case '\'': case '"': case 0x2019:
        case 0x201D:
          g_string_append_c (ascii, ' ');
          break;
        case 'N': case 'n': case 'E': case 'e': case 'S': case 's': case 'W': case 'w':
          {
            char h = g_ascii_toupper ((char) c);
            gboolean lat_letter = h == 'N' || h == 'S';

            if ((axis == 'N') != lat_letter)
              ok = FALSE;
            if (h == 'S' || h == 'W')
              sign = -sign;
            g_string_append_c (ascii, ' ');
            break;
          }
        default:
          if (c < 0x80)
            g_string_append_c (ascii, (char) c);
          else
            ok = FALSE;
        }
    }
  if (ok)
    {
      g_auto(GStrv) tokens = g_strsplit_set (ascii->str, " \t", -1);

      for (guint i = 0; tokens[i] != NULL && ok; i++)
        {
          char *end = NULL;
          double v;

          if (*tokens[i] == '\0')
            continue;
          v = g_ascii_strtod (tokens[i], &end);
          if (end == tokens[i] || *end != '\0' || n_parts == 3 || !isfinite (v))
            ok = FALSE;
          else
            parts[n_parts++] = v;
        }
      ok = ok && n_parts > 0 &&
           (n_parts == 1 || (parts[0] == trunc (parts[0]) && parts[1] >= 0 && parts[1] < 60)) &&
           (n_parts < 3 || (parts[2] >= 0 && parts[2] < 60));
    }
  g_string_free (ascii, TRUE);
  if (!ok)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   axis == 'N' ? _("“%s” is not a latitude") : _("“%s” is not a longitude"), copy);
      return FALSE;
    }

  value = fabs (parts[0]) + parts[1] / 60.0 + parts[2] / 3600.0;
  if (parts[0] < 0 || (parts[0] == 0 && signbit (parts[0])))
    sign = -sign;
  value *= sign;
  if (axis == 'N' ? fabs (value) > 90.0 : fabs (value) > 180.0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   axis == 'N' ? _("Latitude %s is outside −90…90") : _("Longitude %s is outside −180…180"),
                   copy);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
hd_parse_lat_lon (const char  *text,
                  double      *lat,
                  double      *lon,
                  GError     **error)
{
  g_autofree char *normal = NULL;
  g_auto(GStrv) halves = NULL;
  double la, lo;

  g_return_val_if_fail (lat != NULL && lon != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                           _("Type the latitude and longitude, for example “26.08, 119.29”"));
      return FALSE;
    }
  /* Full-width comma and semicolon, and the ideographic comma, separate too. */
  {
    GString *s = g_string_new (NULL);

    for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c == 0xFF0C || c == 0x3001 || c == ';' || c == 0xFF1B)
          g_string_append_c (s, ',');
        else if (c == 0x3000)
          g_string_append_c (s, ' ');
        else
          g_string_append_unichar (s, c);
      }
    normal = g_string_free (s, FALSE);
  }

  halves = g_strsplit (normal, ",", -1);
  if (g_strv_length (halves) != 2)
    {
      /* No comma: two numbers separated by spaces ("26.08 119.29"). */
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (normal), " \t", -1);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_strv_builder_add (kept, words[i]);
      g_strfreev (halves);
      halves = g_strv_builder_end (kept);
      if (g_strv_length (halves) != 2)
        {
          g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                               _("Type the latitude and longitude, for example “26.08, 119.29”"));
          return FALSE;
        }
    }
  if (!parse_angle (halves[0], 'N', &la, error) || !parse_angle (halves[1], 'E', &lo, error))
    return FALSE;
  *lat = la;
  *lon = lo;
  return TRUE;
}

gboolean
hd_parse_members (const char  *text,
                  int         *members,
                  GError     **error)
{
  g_autofree char *copy = NULL;
  gint64 value = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (members != NULL, FALSE);

  copy = g_strstrip (g_strdup (text ? text : ""));
  for (const char *p = copy; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int digit = g_unichar_digit_value (c);

      if (digit < 0 || !g_unichar_isdigit (c))
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("The member count “%s” is not a whole number"), copy);
          return FALSE;
        }
      value = value * 10 + digit;
      any = TRUE;
      if (value > 1000000)
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("The member count %s is more than 1 000 000"), copy);
          return FALSE;
        }
    }
  if (!any)
    {
      g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                           _("The member count is empty"));
      return FALSE;
    }
  *members = (int) value;
  return TRUE;
}

gboolean
hd_coordinate_in_china (double lat,
                        double lon)
{
  return hd_coordinate_is_valid (lat, lon) &&
         lat >= 3.5 && lat <= 53.6 && lon >= 73.4 && lon <= 135.1;
}
