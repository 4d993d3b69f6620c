/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-geojson"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "hd-error.h"
#include "hd-geojson.h"
#include "hd-store.h"
#include "hd-test-util.h"

/* Two features every rejection case puts in front of the bad one, so that the message must name
 * index 2, not merely the first feature. */
#define GOOD_SITE \
  "{\"type\": \"Feature\", \"id\": \"s-0\"," \
  " \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.08]}," \
  " \"properties\": {\"name\": \"东街口\"}}"
#define GOOD_BELT \
  "{\"type\": \"Feature\", \"id\": \"b-1\"," \
  " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[119.3, 26.08], [119.31, 26.09]]}," \
  " \"properties\": {\"name\": \"三坊七巷带\"}}"

static const char valid_collection[] =
  "{\n"
  "  \"type\": \"FeatureCollection\",\n"
  "  \"features\": [\n"
  /* 0: a region by its geometry, with an unknown property */
  "    {\"type\": \"Feature\", \"id\": \"r-city\",\n"
  "     \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[119.0, 26.0], [119.5, 26.0],\n"
  "                    [119.5, 26.3], [119.0, 26.0]]]},\n"
  "     \"properties\": {\"name\": \"福州市\", \"level\": \"city\", \"code\": \"350100\",\n"
  "                    \"population\": 8420000}},\n"
  /* 1: a region by properties.type, numeric properties.id, no geometry */
  "    {\"type\": \"Feature\", \"geometry\": null,\n"
  "     \"properties\": {\"type\": \"region\", \"id\": 42, \"name\": \" 鼓楼区 \",\n"
  "                    \"parent\": \"福州市\", \"code\": 350102}},\n"
  /* 2: a belt by its geometry, every property */
  "    {\"type\": \"Feature\", \"id\": \"b1\",\n"
  "     \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[119.28, 26.08], [119.30, 26.10]]},\n"
  "     \"properties\": {\"name\": \"楼宇党建示范带\", \"region\": \"鼓楼区\", \"brand\": \"红色楼宇\",\n"
  "                    \"stage\": \"brand\", \"start_year\": 2019, \"responsible\": \"张三\",\n"
  "                    \"colour\": \"#C81E1E\", \"logo\": \"logos/louyu.png\", \"notes\": \"试点\"}},\n"
  /* 3: a belt by properties.type without geometry or id */
  "    {\"type\": \"Feature\", \"geometry\": null,\n"
  "     \"properties\": {\"type\": \"belt\", \"name\": \"环路带\"}},\n"
  /* 4: a site by its geometry, every property, members as digits, unknown properties */
  "    {\"type\": \"Feature\", \"id\": 7,\n"
  "     \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.2875, 26.0858]},\n"
  "     \"properties\": {\"name\": \"榕城律师楼党员活动室\", \"kind\": \"service_center\",\n"
  "                    \"domain\": \"two_new\", \"level\": \"city\", \"region\": \"鼓楼区\",\n"
  "                    \"belt\": \"b1\", \"order\": 2, \"organisation\": \"榕城律师事务所党支部\",\n"
  "                    \"members\": \"25\", \"address\": \"杨桥东路56号\",\n"
  "                    \"contact\": \"0591-87500000\", \"notes\": \"三楼\",\n"
  "                    \"website\": \"http://example.org/\", \"tags\": [\"a\", 1, null]}},\n"
  /* 5: a site by properties.type without geometry, on two belts */
  "    {\"type\": \"Feature\", \"id\": \"s-two\", \"geometry\": null,\n"
  "     \"properties\": {\"type\": \"site\", \"name\": \"红色驿站\", \"kind\": \"red_post\",\n"
  "                    \"members\": 0,\n"
  "                    \"belts\": [{\"belt\": \"b1\", \"order\": 1}, {\"belt\": \"环路带\"}]}},\n"
  /* 6: a site with nothing but its name */
  "    {\"type\": \"Feature\",\n"
  "     \"geometry\": {\"type\": \"Point\", \"coordinates\": [-0.5, -45.25]},\n"
  "     \"properties\": {\"name\": \"最小\"}}\n"
  "  ]\n"
  "}\n";

static HdImportItem *
item_at (HdImportBatch *batch,
         guint          i)
{
  g_assert_cmpuint (i, <, batch->items->len);
  return g_ptr_array_index (batch->items, i);
}

static void
assert_belt_refs (HdImportItem *item,
                  guint         n,
                  ...)
{
  va_list args;

  g_assert_cmpuint (item->belt_refs->len, ==, n);
  g_assert_cmpuint (item->belt_orders->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      const char *ref = va_arg (args, const char *);
      int order = va_arg (args, int);

      g_assert_cmpstr (g_ptr_array_index (item->belt_refs, i), ==, ref);
      g_assert_cmpint (g_array_index (item->belt_orders, int, i), ==, order);
    }
  va_end (args);
}

static void
test_parse_valid (void)
{
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autoptr(GError) error = NULL;
  HdImportItem *item;
  HdRegion *region;
  HdBelt *belt;
  HdSite *site;
  g_autoptr(JsonNode) geometry = NULL;
  g_autoptr(JsonNode) extra = NULL;
  JsonObject *object;

  g_assert_true (hd_geojson_parse (batch, valid_collection, strlen (valid_collection),
                                   "valid.geojson", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batch->items->len, ==, 7);

  for (guint i = 0; i < batch->items->len; i++)
    {
      item = item_at (batch, i);
      g_assert_cmpstr (item->source, ==, "valid.geojson");
      g_assert_cmpuint (item->feature_index, ==, i);
    }

  /* 0: region from a Polygon */
  item = item_at (batch, 0);
  g_assert_cmpint (item->kind, ==, HD_IMPORT_ITEM_REGION);
  g_assert_true (item->id_from_file);
  g_assert_null (item->region_ref);
  region = HD_REGION (item->record);
  g_assert_cmpstr (hd_region_get_id (region), ==, "r-city");
  g_assert_cmpstr (hd_region_get_name (region), ==, "福州市");
  g_assert_cmpint (hd_region_get_level (region), ==, HD_REGION_LEVEL_CITY);
  g_assert_cmpstr (hd_region_get_code (region), ==, "350100");
  g_assert_null (hd_region_get_parent_id (region));
  geometry = json_from_string (hd_region_get_geometry (region), &error);
  g_assert_no_error (error);
  object = json_node_get_object (geometry);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "Polygon");
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (
                      json_object_get_array_member (object, "coordinates"), 0)), ==, 4);
  /* Compact text: the store keeps it small. */
  g_assert_null (strchr (hd_region_get_geometry (region), '\n'));
  g_assert_cmpstr (hd_region_get_extra (region), ==, "{\"population\":8420000}");

  /* 1: region by properties.type, numeric properties.id, default level, parent by name */
  item = item_at (batch, 1);
  g_assert_cmpint (item->kind, ==, HD_IMPORT_ITEM_REGION);
  g_assert_true (item->id_from_file);
  region = HD_REGION (item->record);
  g_assert_cmpstr (hd_region_get_id (region), ==, "42");
  g_assert_cmpstr (hd_region_get_name (region), ==, "鼓楼区");
  g_assert_cmpint (hd_region_get_level (region), ==, HD_REGION_LEVEL_DISTRICT);
  g_assert_cmpstr (hd_region_get_code (region), ==, "350102");
  g_assert_cmpstr (item->region_ref, ==, "福州市");
  g_assert_null (hd_region_get_geometry (region));
  g_assert_null (hd_region_get_extra (region));

  /* 2: belt with every property */
  item = item_at (batch, 2);
  g_assert_cmpint (item->kind, ==, HD_IMPORT_ITEM_BELT);
  g_assert_true (item->id_from_file);
  g_assert_cmpstr (item->region_ref, ==, "鼓楼区");
  g_assert_cmpuint (item->belt_refs->len, ==, 0);
  belt = HD_BELT (item->record);
  g_assert_cmpstr (hd_belt_get_id (belt), ==, "b1");
  g_assert_cmpstr (hd_belt_get_name (belt), ==, "楼宇党建示范带");
  g_assert_null (hd_belt_get_region_id (belt));
  g_assert_cmpstr (hd_belt_get_brand (belt), ==, "红色楼宇");
  g_assert_cmpint (hd_belt_get_stage (belt), ==, HD_BELT_STAGE_BRAND);
  g_assert_cmpint (hd_belt_get_start_year (belt), ==, 2019);
  g_assert_cmpstr (hd_belt_get_responsible (belt), ==, "张三");
  g_assert_cmpstr (hd_belt_get_colour (belt), ==, "#c81e1e");
  g_assert_cmpstr (hd_belt_get_logo_path (belt), ==, "logos/louyu.png");
  g_assert_cmpstr (hd_belt_get_notes (belt), ==, "试点");
  g_assert_null (hd_belt_get_extra (belt));

  /* 3: belt by properties.type, new id, defaults */
  item = item_at (batch, 3);
  g_assert_cmpint (item->kind, ==, HD_IMPORT_ITEM_BELT);
  g_assert_false (item->id_from_file);
  g_assert_null (item->region_ref);
  belt = HD_BELT (item->record);
  g_assert_true (g_uuid_string_is_valid (hd_belt_get_id (belt)));
  g_assert_cmpstr (hd_belt_get_name (belt), ==, "环路带");
  g_assert_cmpint (hd_belt_get_stage (belt), ==, HD_BELT_STAGE_PLANNED);
  g_assert_cmpint (hd_belt_get_start_year (belt), ==, 0);
  g_assert_null (hd_belt_get_brand (belt));
  g_assert_null (hd_belt_get_colour (belt));

  /* 4: site with every property; GeoJSON puts longitude first */
  item = item_at (batch, 4);
  g_assert_cmpint (item->kind, ==, HD_IMPORT_ITEM_SITE);
  g_assert_true (item->id_from_file);
  g_assert_cmpstr (item->region_ref, ==, "鼓楼区");
  assert_belt_refs (item, 1, "b1", 2);
  site = HD_SITE (item->record);
  g_assert_cmpstr (hd_site_get_id (site), ==, "7");
  g_assert_cmpstr (hd_site_get_name (site), ==, "榕城律师楼党员活动室");
  g_assert_cmpint (hd_site_get_kind (site), ==, HD_SITE_KIND_SERVICE_CENTER);
  g_assert_cmpint (hd_site_get_domain (site), ==, HD_DOMAIN_TWO_NEW);
  g_assert_cmpint (hd_site_get_level (site), ==, HD_SITE_LEVEL_CITY);
  g_assert_null (hd_site_get_region_id (site));
  g_assert_cmpstr (hd_site_get_organisation (site), ==, "榕城律师事务所党支部");
  g_assert_cmpint (hd_site_get_members (site), ==, 25);
  g_assert_cmpstr (hd_site_get_address (site), ==, "杨桥东路56号");
  g_assert_cmpstr (hd_site_get_contact (site), ==, "0591-87500000");
  g_assert_cmpstr (hd_site_get_notes (site), ==, "三楼");
  g_assert_true (hd_site_get_has_position (site));
  g_assert_cmpfloat (hd_site_get_latitude (site), ==, 26.0858);
  g_assert_cmpfloat (hd_site_get_longitude (site), ==, 119.2875);
  extra = json_from_string (hd_site_get_extra (site), &error);
  g_assert_no_error (error);
  object = json_node_get_object (extra);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "website"), ==, "http://example.org/");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "tags")), ==, 3);
  g_assert_cmpstr (hd_site_get_extra (site), ==,
                   "{\"website\":\"http://example.org/\",\"tags\":[\"a\",1,null]}");

  /* 5: site by properties.type, no position, two belts, one without an order */
  item = item_at (batch, 5);
  g_assert_cmpint (item->kind, ==, HD_IMPORT_ITEM_SITE);
  assert_belt_refs (item, 2, "b1", 1, "环路带", -1);
  site = HD_SITE (item->record);
  g_assert_cmpstr (hd_site_get_id (site), ==, "s-two");
  g_assert_cmpint (hd_site_get_kind (site), ==, HD_SITE_KIND_RED_POST);
  g_assert_false (hd_site_get_has_position (site));
  g_assert_cmpint (hd_site_get_members (site), ==, 0);
  g_assert_null (hd_site_get_extra (site));

  /* 6: site with defaults only */
  item = item_at (batch, 6);
  g_assert_cmpint (item->kind, ==, HD_IMPORT_ITEM_SITE);
  g_assert_false (item->id_from_file);
  g_assert_null (item->region_ref);
  assert_belt_refs (item, 0);
  site = HD_SITE (item->record);
  g_assert_true (g_uuid_string_is_valid (hd_site_get_id (site)));
  g_assert_cmpint (hd_site_get_kind (site), ==, HD_SITE_KIND_VENUE);
  g_assert_cmpint (hd_site_get_domain (site), ==, HD_DOMAIN_UNSET);
  g_assert_cmpint (hd_site_get_level (site), ==, HD_SITE_LEVEL_NONE);
  g_assert_cmpint (hd_site_get_members (site), ==, 0);
  g_assert_null (hd_site_get_organisation (site));
  g_assert_null (hd_site_get_address (site));
  g_assert_null (hd_site_get_contact (site));
  g_assert_null (hd_site_get_notes (site));
  g_assert_null (hd_site_get_extra (site));
  g_assert_cmpfloat (hd_site_get_latitude (site), ==, -45.25);
  g_assert_cmpfloat (hd_site_get_longitude (site), ==, -0.5);
}

/* Rejections */

typedef struct {
  const char   *name;
  const char   *feature;  /* the bad feature, parsed as index 2 after GOOD_SITE and GOOD_BELT */
  const char   *document; /* or a whole file */
  HdImportError code;
  const char   *expect[3]; /* substrings of the message */
} RejectCase;

static const RejectCase reject_cases[] = {
  { "missing-name",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"kind\": \"venue\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2: ", "name" } },
  { "no-properties",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2: ", "name" } },
  { "blank-name",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \" \\t \"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2: ", "blank" } },
  { "name-not-text",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": 12}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2: ", "“name” must be text" } },
  { "latitude-out-of-range",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 95.2]},"
    " \"properties\": {\"name\": \"鼓楼大厦\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE,
    { "bad.geojson: feature 2 (“鼓楼大厦”): latitude 95.2 is outside −90…90" } },
  { "longitude-out-of-range",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [-181, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE,
    { "feature 2 (“鼓楼大厦”): longitude -181 is outside −180…180" } },
  { "coordinates-as-strings",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [\"119.3\", \"26.1\"]},"
    " \"properties\": {\"name\": \"鼓楼大厦\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "numbers" } },
  { "coordinates-infinite",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [1e999, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "too large" } },
  { "position-too-short",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3]},"
    " \"properties\": {\"name\": \"鼓楼大厦\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "latitude" } },
  { "coordinates-nan",
    NULL,
    "{\"type\": \"FeatureCollection\", \"features\": [\n"
    GOOD_SITE ",\n" GOOD_BELT ",\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [NaN, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\"}}]}",
    HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 4: ", "NaN" } },
  { "unknown-kind",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"kind\": \"temple\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE,
    { "feature 2 (“鼓楼大厦”): unknown kind “temple”",
      "venue, service_center, red_post, red_square, corridor, other" } },
  { "unknown-domain",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"domain\": \"army\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "“army”", "two_new" } },
  { "unknown-type",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"type\": \"road\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "road", "site, belt, region" } },
  { "wrong-geometry-site",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\","
    " \"coordinates\": [[119.3, 26.1], [119.4, 26.2]]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"type\": \"site\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "wrong geometry LineString" } },
  { "wrong-geometry-region",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼区\", \"type\": \"region\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼区”)", "wrong geometry Point" } },
  { "unsupported-geometry",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"MultiPoint\", \"coordinates\": [[119.3, 26.1]]},"
    " \"properties\": {\"name\": \"鼓楼大厦\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "MultiPoint" } },
  { "no-geometry-no-type",
    "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"name\": \"鼓楼大厦\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "properties.type" } },
  { "line-with-one-point",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[119.3, 26.1]]},"
    " \"properties\": {\"name\": \"短带\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“短带”)", "at least 2 positions" } },
  { "line-position-out-of-range",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\","
    " \"coordinates\": [[119.3, 26.1], [119.3, 26.2], [200, 26.3]]},"
    " \"properties\": {\"name\": \"短带\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“短带”): position 2: longitude 200" } },
  { "unclosed-ring",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
    " [[[119.0, 26.0], [119.5, 26.0], [119.5, 26.3], [119.1, 26.0]]]},"
    " \"properties\": {\"name\": \"鼓楼区\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼区”): ring 0: ", "not closed" } },
  { "ring-too-short",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
    " [[[119.0, 26.0], [119.5, 26.0], [119.0, 26.0]]]},"
    " \"properties\": {\"name\": \"鼓楼区\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼区”): ring 0: ", "at least 4" } },
  { "multipolygon-bad-part",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\":"
    " [[[[119.0, 26.0], [119.5, 26.0], [119.5, 26.3], [119.0, 26.0]]],"
    "  [[[119.0, 26.0], [119.5, 26.0], [119.5, 96.3], [119.0, 26.0]]]]},"
    " \"properties\": {\"name\": \"鼓楼区\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE,
    { "feature 2 (“鼓楼区”): polygon 1, ring 0: position 2: latitude 96.3" } },
  { "duplicate-id-in-file",
    "{\"type\": \"Feature\", \"id\": \"s-0\","
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\"}}",
    NULL, HD_IMPORT_ERROR_DUPLICATE_ID, { "feature 2 (“鼓楼大厦”)", "“s-0”", "feature 0" } },
  { "duplicate-id-in-properties",
    "{\"type\": \"Feature\", \"geometry\": null,"
    " \"properties\": {\"type\": \"belt\", \"id\": \"b-1\", \"name\": \"另一条带\"}}",
    NULL, HD_IMPORT_ERROR_DUPLICATE_ID, { "feature 2 (“另一条带”)", "“b-1”", "feature 1" } },
  { "ids-differ",
    "{\"type\": \"Feature\", \"id\": \"x\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"id\": \"y\", \"name\": \"鼓楼大厦\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "differ" } },
  { "members-negative",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"members\": -3}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "members -3" } },
  { "members-text",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"members\": \"abc\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "members \"abc\"" } },
  { "members-fraction",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"members\": 2.5}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "members 2.5" } },
  { "order-zero",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"belt\": \"b-1\", \"order\": 0}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "order 0" } },
  { "order-without-belt",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"order\": 3}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "“order”" } },
  { "belts-entry-order-zero",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"belts\": [{\"belt\": \"b-1\", \"order\": 0}]}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "order 0" } },
  { "belts-entry-unknown-key",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"belts\": [{\"belt\": \"b-1\", \"oder\": 2}]}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "belts entry 0", "“oder”" } },
  { "belt-listed-twice",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"belt\": \"b-1\", \"belts\": [\"b-1\"]}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "twice" } },
  { "unknown-stage",
    "{\"type\": \"Feature\", \"geometry\": null,"
    " \"properties\": {\"type\": \"belt\", \"name\": \"带\", \"stage\": \"done\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“带”)", "“done”", "planned" } },
  { "start-year-out-of-range",
    "{\"type\": \"Feature\", \"geometry\": null,"
    " \"properties\": {\"type\": \"belt\", \"name\": \"带\", \"start_year\": 1800}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“带”)", "start_year 1800" } },
  { "bad-colour",
    "{\"type\": \"Feature\", \"geometry\": null,"
    " \"properties\": {\"type\": \"belt\", \"name\": \"带\", \"colour\": \"red\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“带”)", "“red”" } },
  { "text-property-not-text",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"address\": {\"street\": \"x\"}}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "“address”" } },
  { "extra-not-writable",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼大厦\", \"survey\": {\"area\": [1, -1e400]}}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2 (“鼓楼大厦”)", "“survey”" } },
  { "lone-surrogate",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 26.1]},"
    " \"properties\": {\"name\": \"鼓楼\\ud800x\"}}",
    NULL, HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 1: ", "escape" } },
  { "lone-low-surrogate",
    NULL,
    "{\"type\": \"FeatureCollection\",\n \"features\": [\"\\udc00\"]}",
    HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 2: ", "escape" } },
  { "unknown-escape",
    NULL,
    "{\"type\": \"FeatureCollection\", \"features\": [\"\\x41\"]}",
    HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 1: ", "escape" } },
  { "feature-not-object",
    "[1, 2]",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "bad.geojson: feature 2: " } },
  { "feature-wrong-type",
    "{\"type\": \"Point\", \"coordinates\": [119.3, 26.1]}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "bad.geojson: feature 2: ", "Feature" } },
  { "properties-not-object",
    "{\"type\": \"Feature\", \"geometry\": null, \"properties\": \"site\"}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE, { "feature 2: ", "“properties”" } },
  { "long-name-shortened",
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.3, 126.1]},"
    " \"properties\": {\"name\": \"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十超出\\n\"}}",
    NULL, HD_IMPORT_ERROR_INVALID_FEATURE,
    { "feature 2 (“一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十…”)" } },
  { "invalid-utf8",
    NULL,
    "{\"type\": \"FeatureCollection\",\n \"features\": [\n"
    "{\"type\": \"Feature\", \"properties\": {\"name\": \"\xe9\xbc\"}}]}",
    HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 3: ", "UTF-8", "byte 89" } },
  { "nul-byte",
    NULL,
    "{\"type\": \"FeatureCollection\", \"features\": []}\n\\u0000",
    HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 2: " } },
  { "not-json",
    NULL,
    "name,lat,lon\n鼓楼大厦,26.1,119.3\n",
    HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 1: " } },
  { "trailing-garbage",
    NULL,
    "{\"type\": \"FeatureCollection\", \"features\": []}\n\nnull",
    HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 3: " } },
  /* Found by the fuzzer: json-glib quotes the bad text as it is, line breaks included, and cuts
   * it in the middle of a character. */
  { "json-report-multiline",
    NULL,
    "{\"type\": \"Feature\nCollection\" \"features\": []}",
    HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 2: ", "Feature Collection" } },
  { "json-report-cut-character",
    NULL,
    "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
    " \"properties\": {\"name\": \"三灶镇中心社区党群服务站\"Polygon\" \"kind\": \"venue\"}}]}",
    HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 1: " } },
  { "empty",
    NULL, "", HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: ", "empty" } },
  /* json-glib accepts comments and single quotes; a '"' inside them must not fool the depth
   * check into thinking the brackets after it are text. */
  { "comment-hiding-brackets",
    NULL,
    "/* \" */ {\"type\": \"FeatureCollection\", \"features\": [[[[[]]]]]}",
    HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 1: ", "“/”" } },
  { "single-quotes",
    NULL,
    "{'type': 'FeatureCollection', 'features': []}",
    HD_IMPORT_ERROR_NOT_JSON, { "bad.geojson: line 1: ", "“'”" } },
  { "not-a-feature-collection",
    NULL,
    "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"name\": \"x\"}}",
    HD_IMPORT_ERROR_NOT_GEOJSON, { "bad.geojson: ", "FeatureCollection" } },
  { "top-level-array",
    NULL, "[" GOOD_SITE "]", HD_IMPORT_ERROR_NOT_GEOJSON, { "bad.geojson: ", "FeatureCollection" } },
  { "features-not-array",
    NULL,
    "{\"type\": \"FeatureCollection\", \"features\": {}}",
    HD_IMPORT_ERROR_NOT_GEOJSON, { "bad.geojson: ", "“features”" } },
};

/* A batch that already holds one file, so "nothing appended" is not the trivial case. */
static HdImportBatch *
new_batch_with_base (void)
{
  static const char base[] =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"id\": \"base-1\", \"geometry\": {\"type\": \"Point\","
    " \"coordinates\": [119.0, 26.0]}, \"properties\": {\"name\": \"基础点\"}}]}";
  HdImportBatch *batch = hd_import_batch_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_geojson_parse (batch, base, strlen (base), "base.geojson", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batch->items->len, ==, 1);
  return batch;
}

static void
assert_rejected (HdImportBatch   *batch,
                 const char      *data,
                 gsize            length,
                 HdImportError    code,
                 const char * const *expect,
                 guint            n_expect)
{
  g_autoptr(GError) error = NULL;
  guint before = batch->items->len;

  g_assert_false (hd_geojson_parse (batch, data, length, "bad.geojson", &error));
  g_assert_error (error, HD_IMPORT_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "bad.geojson: "));
  /* One line of UTF-8, as the UI and the CLI show it. */
  g_assert_null (strchr (error->message, '\n'));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  for (guint i = 0; i < n_expect && expect[i] != NULL; i++)
    if (strstr (error->message, expect[i]) == NULL)
      g_error ("“%s” is not in the message “%s”", expect[i], error->message);
  g_assert_cmpuint (batch->items->len, ==, before);
}

static void
test_reject (gconstpointer data)
{
  const RejectCase *c = data;
  g_autoptr(HdImportBatch) batch = new_batch_with_base ();
  g_autofree char *document = NULL;
  gsize length;

  if (c->feature != NULL)
    document = g_strconcat ("{\"type\": \"FeatureCollection\", \"features\": [",
                            GOOD_SITE ", " GOOD_BELT ", ", c->feature, "]}", NULL);
  else
    document = g_strdup (c->document);
  length = strlen (document);

  /* The NUL case needs a real zero byte, which a C string literal cannot carry. */
  if (g_str_equal (c->name, "nul-byte"))
    {
      char *escape = strstr (document, "\\u0000");

      escape[0] = '\0';
      length = (gsize) (escape - document) + 1;
    }

  assert_rejected (batch, document, length, c->code, c->expect, G_N_ELEMENTS (c->expect));
}

static char *
nested_document (guint depth)
{
  GString *doc = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (doc, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (doc, ']');
  g_string_append (doc, "]}");
  return g_string_free (doc, FALSE);
}

static void
test_reject_deep (void)
{
  g_autoptr(HdImportBatch) batch = new_batch_with_base ();
  g_autofree char *document = nested_document (100000);
  const char * const expect[] = { "bad.geojson: line 1: nesting deeper than 64 levels" };
  gint64 start = g_get_monotonic_time ();

  assert_rejected (batch, document, strlen (document), HD_IMPORT_ERROR_TOO_DEEP,
                   expect, G_N_ELEMENTS (expect));
  /* A linear scan over 200 kB: far below a second even under the sanitizers. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* json-glib 1.6 swallows the '"' after a lone high surrogate escape and reads on as text, so
 * brackets the depth check took for text would reach its recursive parser (a crash, before the
 * escapes were checked). */
static void
test_reject_surrogate_hiding_brackets (void)
{
  g_autoptr(HdImportBatch) batch = new_batch_with_base ();
  g_autoptr(GString) doc = NULL;
  const char * const expect[] = { "bad.geojson: line 1: ", "escape" };

  doc = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\"\\ud800\", \",");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (doc, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (doc, ']');
  g_string_append (doc, "\"]}");

  assert_rejected (batch, doc->str, doc->len, HD_IMPORT_ERROR_NOT_JSON,
                   expect, G_N_ELEMENTS (expect));
}

/* Every escape JSON has, including a surrogate pair, reads as the character it stands for. */
static void
test_parse_escapes (void)
{
  static const char doc[] =
    "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]},"
    " \"properties\": {\"name\": \"\\\"红\\u5e26\\\" \\ud83d\\ude00\","
    " \"notes\": \"a\\\\b\\/c\\nd\\te\\bf\\fg\\rh\"}}]}";
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autoptr(GError) error = NULL;
  HdSite *site;

  g_assert_true (hd_geojson_parse (batch, doc, strlen (doc), "escapes.geojson", &error));
  g_assert_no_error (error);
  site = HD_SITE (item_at (batch, 0)->record);
  g_assert_cmpstr (hd_site_get_name (site), ==, "\"红带\" \xf0\x9f\x98\x80");
  g_assert_cmpstr (hd_site_get_notes (site), ==, "a\\b/c\nd\te\bf\fg\rh");
}

/* Nesting of exactly HD_GEOJSON_MAX_DEPTH is allowed (and kept in extra); one more is not. */
static void
test_depth_limit (void)
{
  g_autoptr(HdImportBatch) batch = new_batch_with_base ();
  g_autoptr(GError) error = NULL;
  GString *doc;
  /* collection, features, feature, properties: 4 levels before the property's own. */
  guint inner = HD_GEOJSON_MAX_DEPTH - 4;
  g_autofree char *ok_text = NULL;
  g_autofree char *deep_text = NULL;

  for (guint pass = 0; pass < 2; pass++)
    {
      guint levels = inner + pass;

      doc = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
                          " \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]},"
                          " \"properties\": {\"name\": \"深\", \"deep\": ");
      for (guint i = 0; i < levels; i++)
        g_string_append_c (doc, '[');
      for (guint i = 0; i < levels; i++)
        g_string_append_c (doc, ']');
      g_string_append (doc, "}}]}");
      if (pass == 0)
        ok_text = g_string_free (doc, FALSE);
      else
        deep_text = g_string_free (doc, FALSE);
    }

  g_assert_true (hd_geojson_parse (batch, ok_text, strlen (ok_text), "ok.geojson", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batch->items->len, ==, 2);

  g_assert_false (hd_geojson_parse (batch, deep_text, strlen (deep_text), "deep.geojson", &error));
  g_assert_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_TOO_DEEP);
  g_assert_cmpuint (batch->items->len, ==, 2);
}

static void
test_reject_duplicate_across_files (void)
{
  static const char first[] =
    "{\"type\": \"FeatureCollection\", \"features\": [" GOOD_BELT ", " GOOD_SITE "]}";
  static const char second[] =
    "{\"type\": \"FeatureCollection\", \"features\": [" GOOD_BELT "]}";
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_geojson_parse (batch, first, strlen (first), "first.geojson", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batch->items->len, ==, 2);

  /* GOOD_BELT is feature 0 of both files; the message names both places. */
  g_assert_false (hd_geojson_parse (batch, second, strlen (second), "second.geojson", &error));
  g_assert_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_DUPLICATE_ID);
  g_assert_nonnull (strstr (error->message, "second.geojson: feature 0 (“三坊七巷带”)"));
  g_assert_nonnull (strstr (error->message, "“b-1”"));
  g_assert_nonnull (strstr (error->message, "feature 0 of first.geojson"));
  g_assert_cmpuint (batch->items->len, ==, 2);
}

/* A failure late in a file leaves nothing from its earlier, valid features behind. */
static void
test_all_or_nothing (void)
{
  g_autoptr(HdImportBatch) batch = new_batch_with_base ();
  g_autoptr(GString) doc = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (doc, "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\","
                            " \"coordinates\": [119.%u, 26.1]}, \"properties\": {\"name\": \"点%u\"}},",
                            i, i);
  g_string_append (doc, "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\","
                   " \"coordinates\": [119.3, 91]}, \"properties\": {\"name\": \"坏点\"}}]}");

  g_assert_false (hd_geojson_parse (batch, doc->str, doc->len, "big.geojson", &error));
  g_assert_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE);
  g_assert_nonnull (strstr (error->message, "feature 500 (“坏点”)"));
  g_assert_cmpuint (batch->items->len, ==, 1);
}

static void
test_parse_file_io_error (void)
{
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/hongdai/missing.geojson");
  g_autoptr(GError) error = NULL;

  g_assert_false (hd_geojson_parse_file (batch, file, &error));
  g_assert_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/hongdai/missing.geojson: "));
  g_assert_cmpuint (batch->items->len, ==, 0);
}

/* Store-based tests */

typedef struct {
  char    *dir;
  HdStore *store;
} TempStore;

static void
temp_store_open (TempStore *ts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  ts->dir = hd_test_dir_new ();
  path = g_build_filename (ts->dir, "workspace.db", NULL);
  ts->store = hd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ts->store);
}

static void
temp_store_close (TempStore *ts)
{
  g_clear_object (&ts->store);
  g_clear_pointer (&ts->dir, hd_test_dir_free);
}

static void
import_batch (HdStore       *store,
              HdImportBatch *batch)
{
  g_auto(HdImportSummary) summary = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_store_import (store, batch, FALSE, &summary, &error));
  g_assert_no_error (error);
}

static char *
export_store (HdStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = hd_geojson_export (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  return text;
}

/* The exported feature with @id, from a parsed export. */
static JsonObject *
find_feature (JsonNode   *root,
              const char *id)
{
  JsonArray *features = json_object_get_array_member (json_node_get_object (root), "features");

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);

      if (g_strcmp0 (json_object_get_string_member (feature, "id"), id) == 0)
        return feature;
    }
  g_error ("no feature with id “%s” in the export", id);
  return NULL;
}

static JsonObject *
props_of (JsonObject *feature)
{
  return json_object_get_object_member (feature, "properties");
}

static void
test_unknown_properties_kept (void)
{
  TempStore ts = { 0 };
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) expected_tags = NULL;
  JsonObject *props;

  temp_store_open (&ts);
  g_assert_true (hd_geojson_parse (batch, valid_collection, strlen (valid_collection),
                                   "valid.geojson", &error));
  g_assert_no_error (error);
  import_batch (ts.store, batch);

  text = export_store (ts.store);
  root = json_from_string (text, &error);
  g_assert_no_error (error);

  props = props_of (find_feature (root, "7"));
  g_assert_cmpstr (json_object_get_string_member (props, "website"), ==, "http://example.org/");
  expected_tags = json_from_string ("[\"a\", 1, null]", &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json_object_get_member (props, "tags"), expected_tags));
  /* Known fields are still Hongdai's. */
  g_assert_cmpstr (json_object_get_string_member (props, "name"), ==, "榕城律师楼党员活动室");
  g_assert_cmpstr (json_object_get_string_member (props, "type"), ==, "site");

  props = props_of (find_feature (root, "r-city"));
  g_assert_cmpint (json_object_get_int_member (props, "population"), ==, 8420000);

  temp_store_close (&ts);
}

/* What export writes for each kind, checked against the small collection. */
static void
test_export_fields (void)
{
  TempStore ts = { 0 };
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *features;
  JsonObject *feature;
  JsonObject *props;
  JsonObject *geometry;
  JsonArray *array;
  JsonObject *entry;
  const char *loop_id;

  temp_store_open (&ts);
  g_assert_true (hd_geojson_parse (batch, valid_collection, strlen (valid_collection),
                                   "valid.geojson", &error));
  g_assert_no_error (error);
  loop_id = hd_belt_get_id (HD_BELT (item_at (batch, 3)->record));
  import_batch (ts.store, batch);

  text = export_store (ts.store);
  again = export_store (ts.store);
  g_assert_cmpstr (text, ==, again);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "type"), ==,
                   "FeatureCollection");
  features = json_object_get_array_member (json_node_get_object (root), "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 7);

  /* Regions (parent first), then belts, then sites. */
  for (guint i = 0; i < 7; i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      const char *type = json_object_get_string_member (props_of (f), "type");
      const char * const first_ids[] = { "r-city", "42", "b1", loop_id };

      g_assert_cmpstr (type, ==, i < 2 ? "region" : i < 4 ? "belt" : "site");
      if (i < G_N_ELEMENTS (first_ids))
        g_assert_cmpstr (json_object_get_string_member (f, "id"), ==, first_ids[i]);
    }

  feature = find_feature (root, "42");
  props = props_of (feature);
  g_assert_cmpstr (json_object_get_string_member (props, "name"), ==, "鼓楼区");
  g_assert_cmpstr (json_object_get_string_member (props, "level"), ==, "district");
  g_assert_cmpstr (json_object_get_string_member (props, "parent"), ==, "福州市");
  g_assert_cmpstr (json_object_get_string_member (props, "code"), ==, "350102");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (feature, "geometry")));

  feature = find_feature (root, "r-city");
  geometry = json_object_get_object_member (feature, "geometry");
  g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "Polygon");
  g_assert_false (json_object_has_member (props_of (feature), "parent"));

  feature = find_feature (root, "b1");
  props = props_of (feature);
  g_assert_cmpstr (json_object_get_string_member (props, "region"), ==, "鼓楼区");
  g_assert_cmpstr (json_object_get_string_member (props, "brand"), ==, "红色楼宇");
  g_assert_cmpstr (json_object_get_string_member (props, "stage"), ==, "brand");
  g_assert_cmpint (json_object_get_int_member (props, "start_year"), ==, 2019);
  g_assert_cmpstr (json_object_get_string_member (props, "responsible"), ==, "张三");
  g_assert_cmpstr (json_object_get_string_member (props, "colour"), ==, "#c81e1e");
  g_assert_cmpstr (json_object_get_string_member (props, "logo"), ==, "logos/louyu.png");
  g_assert_cmpstr (json_object_get_string_member (props, "notes"), ==, "试点");
  /* The route: site "s-two" (order 1, no position), then "7" (order 2): one position only. */
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (feature, "geometry")));

  feature = find_feature (root, loop_id);
  props = props_of (feature);
  g_assert_cmpstr (json_object_get_string_member (props, "stage"), ==, "planned");
  g_assert_false (json_object_has_member (props, "start_year"));
  g_assert_false (json_object_has_member (props, "brand"));
  g_assert_false (json_object_has_member (props, "region"));

  feature = find_feature (root, "7");
  props = props_of (feature);
  g_assert_cmpstr (json_object_get_string_member (props, "kind"), ==, "service_center");
  g_assert_cmpstr (json_object_get_string_member (props, "domain"), ==, "two_new");
  g_assert_cmpstr (json_object_get_string_member (props, "level"), ==, "city");
  g_assert_cmpstr (json_object_get_string_member (props, "region"), ==, "鼓楼区");
  g_assert_cmpstr (json_object_get_string_member (props, "belt"), ==, "楼宇党建示范带");
  g_assert_cmpint (json_object_get_int_member (props, "order"), ==, 2);
  g_assert_false (json_object_has_member (props, "belts"));
  g_assert_cmpint (json_object_get_int_member (props, "members"), ==, 25);
  g_assert_cmpstr (json_object_get_string_member (props, "organisation"), ==, "榕城律师事务所党支部");
  g_assert_cmpstr (json_object_get_string_member (props, "address"), ==, "杨桥东路56号");
  g_assert_cmpstr (json_object_get_string_member (props, "contact"), ==, "0591-87500000");
  g_assert_cmpstr (json_object_get_string_member (props, "notes"), ==, "三楼");
  geometry = json_object_get_object_member (feature, "geometry");
  g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "Point");
  array = json_object_get_array_member (geometry, "coordinates");
  g_assert_cmpfloat (json_array_get_double_element (array, 0), ==, 119.2875);
  g_assert_cmpfloat (json_array_get_double_element (array, 1), ==, 26.0858);

  feature = find_feature (root, "s-two");
  props = props_of (feature);
  g_assert_false (json_object_has_member (props, "belt"));
  g_assert_false (json_object_has_member (props, "order"));
  g_assert_false (json_object_has_member (props, "members"));
  g_assert_false (json_object_has_member (props, "domain"));
  g_assert_false (json_object_has_member (props, "level"));
  array = json_object_get_array_member (props, "belts");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  entry = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "belt"), ==, "楼宇党建示范带");
  g_assert_cmpint (json_object_get_int_member (entry, "order"), ==, 1);
  entry = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "belt"), ==, "环路带");
  g_assert_cmpint (json_object_get_int_member (entry, "order"), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (feature, "geometry")));

  temp_store_close (&ts);
}

/* A belt whose route has positions is written as a LineString through them, in route order;
 * a belt name shared by two belts is written as the id, so the file still says which one. */
static void
test_export_belt_line (void)
{
  static const char collection[] =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"id\": \"b-a\", \"geometry\": null,"
    " \"properties\": {\"type\": \"belt\", \"name\": \"同名带\"}},"
    "{\"type\": \"Feature\", \"id\": \"b-b\", \"geometry\": null,"
    " \"properties\": {\"type\": \"belt\", \"name\": \"同名带\"}},"
    "{\"type\": \"Feature\", \"id\": \"p2\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.5, 26.5]},"
    " \"properties\": {\"name\": \"二\", \"belt\": \"b-a\", \"order\": 2}},"
    "{\"type\": \"Feature\", \"id\": \"p1\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.25, 26.25]},"
    " \"properties\": {\"name\": \"一\", \"belt\": \"b-a\", \"order\": 1}},"
    "{\"type\": \"Feature\", \"id\": \"p3\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [119.75, 26.75]},"
    " \"properties\": {\"name\": \"三\", \"belt\": \"b-a\", \"order\": 3}}]}";
  TempStore ts = { 0 };
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *geometry;
  JsonObject *props;
  JsonArray *line;

  temp_store_open (&ts);
  g_assert_true (hd_geojson_parse (batch, collection, strlen (collection), "line.geojson", &error));
  g_assert_no_error (error);
  import_batch (ts.store, batch);

  text = export_store (ts.store);
  root = json_from_string (text, &error);
  g_assert_no_error (error);

  geometry = json_object_get_object_member (find_feature (root, "b-a"), "geometry");
  g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "LineString");
  line = json_object_get_array_member (geometry, "coordinates");
  g_assert_cmpuint (json_array_get_length (line), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonArray *position = json_array_get_array_element (line, i);

      g_assert_cmpfloat (json_array_get_double_element (position, 0), ==, 119.25 + 0.25 * i);
      g_assert_cmpfloat (json_array_get_double_element (position, 1), ==, 26.25 + 0.25 * i);
    }
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (find_feature (root, "b-b"),
                                                               "geometry")));
  props = props_of (find_feature (root, "p3"));
  g_assert_cmpstr (json_object_get_string_member (props, "belt"), ==, "b-a");
  g_assert_cmpint (json_object_get_int_member (props, "order"), ==, 3);

  temp_store_close (&ts);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sample_files (void)
{
  const char *datadir = g_getenv ("HONGDAI_DATADIR");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (datadir);
  dir_path = g_build_filename (datadir, "sample", NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".geojson"))
      g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));
  /* The directory's order is the file system's: sort for a repeatable import. */
  g_ptr_array_sort (files, compare_paths);
  return files;
}

static void
count_kinds (HdImportBatch *batch,
             guint          counts[3])
{
  counts[0] = counts[1] = counts[2] = 0;
  for (guint i = 0; i < batch->items->len; i++)
    counts[item_at (batch, i)->kind]++;
}

static void
assert_store_counts (HdStore     *store,
                     const guint  counts[3])
{
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_regions (store)), ==,
                    counts[HD_IMPORT_ITEM_REGION]);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_belts (store)), ==,
                    counts[HD_IMPORT_ITEM_BELT]);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (store)), ==,
                    counts[HD_IMPORT_ITEM_SITE]);
}

static void
test_round_trip_sample (void)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autoptr(HdImportBatch) batch_a = hd_import_batch_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *export_a = NULL;
  g_autofree char *export_b = NULL;
  TempStore first = { 0 };
  TempStore second = { 0 };
  guint sample_counts[3];
  guint a_counts[3];
  GListModel *belts;

  files = sample_files ();
  g_assert_cmpuint (files->len, >, 0);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, i));

      g_assert_true (hd_geojson_parse_file (batch, file, &error));
      g_assert_no_error (error);
    }
  count_kinds (batch, sample_counts);
  g_assert_cmpuint (sample_counts[HD_IMPORT_ITEM_SITE], >, 0);
  g_assert_cmpuint (sample_counts[HD_IMPORT_ITEM_BELT], >, 0);
  g_assert_cmpuint (sample_counts[HD_IMPORT_ITEM_REGION], >, 0);

  temp_store_open (&first);
  import_batch (first.store, batch);
  assert_store_counts (first.store, sample_counts);
  export_a = export_store (first.store);

  g_assert_true (hd_geojson_parse (batch_a, export_a, strlen (export_a), "A.geojson", &error));
  g_assert_no_error (error);
  count_kinds (batch_a, a_counts);
  g_assert_cmpmem (a_counts, sizeof a_counts, sample_counts, sizeof sample_counts);

  temp_store_open (&second);
  import_batch (second.store, batch_a);
  assert_store_counts (second.store, sample_counts);
  export_b = export_store (second.store);

  g_assert_cmpstr (export_a, ==, export_b);

  /* Routes survive in order, not just the feature counts. */
  belts = hd_store_get_belts (first.store);
  for (guint i = 0; i < g_list_model_get_n_items (belts); i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (belts, i);
      g_auto(GStrv) route_a = hd_store_dup_belt_route (first.store, hd_belt_get_id (belt));
      g_auto(GStrv) route_b = hd_store_dup_belt_route (second.store, hd_belt_get_id (belt));

      g_assert_true (g_strv_equal ((const char * const *) route_a,
                                   (const char * const *) route_b));
    }

  temp_store_close (&second);
  temp_store_close (&first);
}

int
main (int   argc,
      char *argv[])
{
  /* So that g_test_message() shows the Chinese names instead of "?". */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geojson/parse/valid", test_parse_valid);
  g_test_add_func ("/geojson/parse/escapes", test_parse_escapes);
  for (guint i = 0; i < G_N_ELEMENTS (reject_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/geojson/reject/%s", reject_cases[i].name);

      g_test_add_data_func (path, &reject_cases[i], test_reject);
    }
  g_test_add_func ("/geojson/reject/nesting-100000", test_reject_deep);
  g_test_add_func ("/geojson/reject/depth-limit", test_depth_limit);
  g_test_add_func ("/geojson/reject/surrogate-hiding-brackets",
                   test_reject_surrogate_hiding_brackets);
  g_test_add_func ("/geojson/reject/duplicate-across-files", test_reject_duplicate_across_files);
  g_test_add_func ("/geojson/reject/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/geojson/reject/io-error", test_parse_file_io_error);
  g_test_add_func ("/geojson/store/unknown-properties-kept", test_unknown_properties_kept);
  g_test_add_func ("/geojson/store/export-fields", test_export_fields);
  g_test_add_func ("/geojson/store/export-belt-line", test_export_belt_line);
  g_test_add_func ("/geojson/store/round-trip-sample", test_round_trip_sample);

  return g_test_run ();
}
