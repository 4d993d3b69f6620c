/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-validate"

#include <glib/gi18n-lib.h>
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
