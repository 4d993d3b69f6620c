/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "hd-error.h"
#include "hd-validate.h"

static void
test_enum_spellings (void)
{
  static const struct { const char *str; HdSiteKind kind; } kinds[] = {
    { "venue", HD_SITE_KIND_VENUE },
    { "service_center", HD_SITE_KIND_SERVICE_CENTER },
    { "red_post", HD_SITE_KIND_RED_POST },
    { "red_square", HD_SITE_KIND_RED_SQUARE },
    { "corridor", HD_SITE_KIND_CORRIDOR },
    { "other", HD_SITE_KIND_OTHER },
  };
  HdSiteKind kind = HD_SITE_KIND_OTHER;
  HdDomain domain = HD_DOMAIN_UNSET;
  HdBeltStage stage = HD_BELT_STAGE_PLANNED;
  HdRegionLevel level = HD_REGION_LEVEL_CITY;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_assert_true (hd_site_kind_from_string (kinds[i].str, &kind));
      g_assert_cmpint (kind, ==, kinds[i].kind);
      g_assert_cmpstr (hd_site_kind_to_string (kinds[i].kind), ==, kinds[i].str);
      g_assert_cmpstr (hd_site_kind_label (kinds[i].kind), !=, "");
    }
  g_assert_cmpint (G_N_ELEMENTS (kinds), ==, HD_N_SITE_KINDS);

  /* Unknown or differently spelled values are refused and leave the output alone. */
  kind = HD_SITE_KIND_CORRIDOR;
  g_assert_false (hd_site_kind_from_string ("Venue", &kind));
  g_assert_false (hd_site_kind_from_string ("", &kind));
  g_assert_false (hd_site_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, HD_SITE_KIND_CORRIDOR);

  g_assert_true (hd_domain_from_string ("two_new", &domain));
  g_assert_cmpint (domain, ==, HD_DOMAIN_TWO_NEW);
  g_assert_true (hd_belt_stage_from_string ("accepted", &stage));
  g_assert_cmpint (stage, ==, HD_BELT_STAGE_ACCEPTED);
  g_assert_true (hd_region_level_from_string ("town", &level));
  g_assert_cmpint (level, ==, HD_REGION_LEVEL_TOWN);
  g_assert_cmpstr (hd_site_level_to_string (HD_SITE_LEVEL_COUNTY), ==, "county");
}

static void
test_coordinates (void)
{
  static const struct { double lat, lon; gboolean ok; } cases[] = {
    { 26.08, 119.29, TRUE },
    { -90, -180, TRUE },
    { 90, 180, TRUE },
    { 90.0001, 0, FALSE },
    { 0, -180.5, FALSE },
    { NAN, 119, FALSE },
    { 26, INFINITY, FALSE },
    { 1e308, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (hd_coordinate_is_valid (cases[i].lat, cases[i].lon), ==, cases[i].ok);
}

static void
test_validate_site (void)
{
  g_autofree char *long_name = NULL;
  GString *s = g_string_new (NULL);
  static const struct { const char *name; double lat, lon; gboolean ok; } cases[] = {
    { "鼓楼区楼宇党群服务中心", 26.08, 119.29, TRUE },
    { "  有空格的名字  ", 26.08, 119.29, TRUE },
    { "", 26.08, 119.29, FALSE },
    { " \t\n ", 26.08, 119.29, FALSE },
    { NULL, 26.08, 119.29, FALSE },
    { "坐标越界", 91, 119.29, FALSE },
    { "坐标越界", 26, -181, FALSE },
    { "坐标非数", NAN, 119.29, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HdSite) site = hd_site_new ();
      g_autoptr(GError) error = NULL;

      hd_site_set_name (site, cases[i].name);
      hd_site_set_position (site, cases[i].lat, cases[i].lon);
      g_assert_cmpint (hd_validate_site (site, &error), ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
    }

  /* 200 characters (not bytes) is the limit. */
  for (int i = 0; i < 200; i++)
    g_string_append (s, "党");
  g_assert_true (hd_validate_name (s->str, "name", NULL));
  g_string_append (s, "建");
  g_assert_false (hd_validate_name (s->str, "name", NULL));
  g_string_free (s, TRUE);
}

static void
test_validate_belt (void)
{
  static const struct { const char *name; int year; const char *colour; gboolean ok; } cases[] = {
    { "楼宇党建示范带", 2018, "#c01c28", TRUE },
    { "楼宇党建示范带", 0, NULL, TRUE },
    { "楼宇党建示范带", 1800, NULL, FALSE },
    { "楼宇党建示范带", 2018, "red", FALSE },
    { "楼宇党建示范带", 2018, "#12345g", FALSE },
    { "", 2018, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HdBelt) belt = hd_belt_new ();

      hd_belt_set_name (belt, cases[i].name);
      hd_belt_set_start_year (belt, cases[i].year);
      hd_belt_set_colour (belt, cases[i].colour);
      g_assert_cmpint (hd_validate_belt (belt, NULL), ==, cases[i].ok);
    }
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

/* Properties notify only on a real change (EXPLICIT_NOTIFY). */
static void
test_notify_on_change (void)
{
  g_autoptr(HdBelt) belt = hd_belt_new ();
  guint count = 0;

  g_signal_connect (belt, "notify::brand", G_CALLBACK (count_notify), &count);
  hd_belt_set_brand (belt, "楼宇党建联盟");
  hd_belt_set_brand (belt, "楼宇党建联盟");
  g_object_set (belt, "brand", "楼宇党建联盟", NULL);
  g_assert_cmpuint (count, ==, 1);
  g_object_set (belt, "brand", NULL, NULL);
  g_assert_cmpuint (count, ==, 2);
  g_assert_null (hd_belt_get_brand (belt));
}

static void
test_parse_lat_lon (void)
{
  static const struct { const char *text; gboolean ok; double lat, lon; } cases[] = {
    { "26.08, 119.29", TRUE, 26.08, 119.29 },
    { "26.08,119.29", TRUE, 26.08, 119.29 },
    { "  26.08   119.29  ", TRUE, 26.08, 119.29 },
    { "26.08，119.29", TRUE, 26.08, 119.29 },             /* full-width comma */
    { "26.08、119.29", TRUE, 26.08, 119.29 },             /* ideographic comma */
    { "26.08N, 119.29E", TRUE, 26.08, 119.29 },
    { "33.9S 151.2E", TRUE, -33.9, 151.2 },
    { "26°4′48″N, 119°17′24″E", TRUE, 26.08, 119.29 },
    { "26°4'48\"N 119°17'24\"E", TRUE, 26.08, 119.29 },
    { "-33.9, -70.6", TRUE, -33.9, -70.6 },
    { "119.29E, 26.08N", FALSE, 0, 0 },                  /* swapped, and the letters say so */
    { "95, 119", FALSE, 0, 0 },
    { "26, 181", FALSE, 0, 0 },
    { "26.08", FALSE, 0, 0 },
    { "26.08, 119.29, 5", FALSE, 0, 0 },
    { "", FALSE, 0, 0 },
    { "鼓楼区, 福州", FALSE, 0, 0 },
    { "nan, 119", FALSE, 0, 0 },
    { "inf, 119", FALSE, 0, 0 },
    { "26°75′, 119", FALSE, 0, 0 },                      /* 75 minutes */
    { "1e400, 119", FALSE, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double lat = -999, lon = -999;
      gboolean ok = hd_parse_lat_lon (cases[i].text, &lat, &lon, &error);

      if (ok != cases[i].ok)
        g_error ("“%s”: expected %s", cases[i].text, cases[i].ok ? "success" : "an error");
      if (ok)
        {
          g_assert_cmpfloat_with_epsilon (lat, cases[i].lat, 1e-9);
          g_assert_cmpfloat_with_epsilon (lon, cases[i].lon, 1e-9);
        }
      else
        {
          g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
          g_assert_cmpfloat (lat, ==, -999);   /* untouched on error */
        }
    }
  g_assert_true (hd_coordinate_in_china (26.08, 119.29));
  g_assert_false (hd_coordinate_in_china (119.29, 26.08));   /* swapped lands outside */
  g_assert_false (hd_coordinate_in_china (NAN, 119.29));
}

static void
test_parse_members (void)
{
  static const struct { const char *text; gboolean ok; int value; } cases[] = {
    { "42", TRUE, 42 },
    { "  7 ", TRUE, 7 },
    { "０", TRUE, 0 },
    { "１２３", TRUE, 123 },          /* full-width digits */
    { "1000000", TRUE, 1000000 },
    { "1000001", FALSE, 0 },
    { "99999999999999999999", FALSE, 0 },
    { "-3", FALSE, 0 },
    { "3.5", FALSE, 0 },
    { "四十", FALSE, 0 },
    { "", FALSE, 0 },
    { "   ", FALSE, 0 },
    { NULL, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int value = -1;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (hd_parse_members (cases[i].text, &value, &error), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (value, ==, cases[i].value);
      else
        g_assert_cmpint (value, ==, -1);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/types/enum-spellings", test_enum_spellings);
  g_test_add_func ("/types/coordinates", test_coordinates);
  g_test_add_func ("/validate/site", test_validate_site);
  g_test_add_func ("/validate/belt", test_validate_belt);
  g_test_add_func ("/record/notify-on-change", test_notify_on_change);
  g_test_add_func ("/validate/parse-lat-lon", test_parse_lat_lon);
  g_test_add_func ("/validate/parse-members", test_parse_members);
  return g_test_run ();
}
