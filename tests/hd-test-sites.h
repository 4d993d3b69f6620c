/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Many generated sites for the table tests and benchmarks (header-only, static): Chinese names,
 * organisations and addresses from a few word lists, every kind and domain, member counts with
 * some left empty, imported in one transaction through the GeoJSON importer; and the small
 * builders the core tests use to put their own regions, belts and dates in a store. */
#pragma once

#include <gio/gio.h>

#include "hd-geojson.h"
#include "hd-light.h"
#include "hd-standards.h"
#include "hd-store.h"

static const char * const hd_test_site_places[] = {
  "鼓楼", "台江", "仓山", "晋安", "马尾", "长乐", "福清", "闽侯", "连江", "罗源", "闽清", "永泰",
};
static const char * const hd_test_site_words[] = {
  "金融", "商务", "物流", "科技", "电商", "律师", "学校", "社区", "村", "楼宇", "园区", "医院",
  "Fintech", "Logistics",
};
static const char * const hd_test_site_kinds[] = {
  "venue", "service_center", "red_post", "red_square", "corridor", "other",
};
static const char * const hd_test_site_domains[] = {
  "rural", "community", "organ", "soe", "two_new", "school",
};

/* The name the generator gives site @i (so tests can pick one and search for part of it).
 * (transfer full) */
static inline char *
hd_test_site_name (guint i)
{
  return g_strdup_printf ("%s%s党群服务站%05u",
                          hd_test_site_places[i % G_N_ELEMENTS (hd_test_site_places)],
                          hd_test_site_words[(i / 7) % G_N_ELEMENTS (hd_test_site_words)], i);
}

/* Imports @n_sites generated sites into @store (a GeoJSON file is written to @dir first). */
static inline void
hd_test_import_sites (HdStore    *store,
                      const char *dir,
                      guint       n_sites)
{
  g_autofree char *path = g_build_filename (dir, "generated-sites.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_auto(HdImportSummary) summary = { 0 };
  g_autoptr(GString) out = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_sites; i++)
    {
      g_autofree char *name = hd_test_site_name (i);
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];
      guint members = (i * 37) % 211;

      g_string_append_printf (out,
                              "%s{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\","
                              " \"coordinates\": [%s, %s]}, \"properties\": {\"name\": \"%s\","
                              " \"kind\": \"%s\", \"domain\": \"%s\","
                              " \"organisation\": \"%s第%u党支部\","
                              " \"address\": \"福州市%s区%s路%u号\"",
                              i == 0 ? "" : ",\n",
                              g_ascii_formatd (lon, sizeof lon, "%.6f", 119.0 + (i % 997) * 0.001),
                              g_ascii_formatd (lat, sizeof lat, "%.6f", 25.8 + (i % 991) * 0.001),
                              name,
                              hd_test_site_kinds[i % G_N_ELEMENTS (hd_test_site_kinds)],
                              hd_test_site_domains[(i / 3) % G_N_ELEMENTS (hd_test_site_domains)],
                              hd_test_site_words[i % G_N_ELEMENTS (hd_test_site_words)], i % 50,
                              hd_test_site_places[(i / 5) % G_N_ELEMENTS (hd_test_site_places)],
                              hd_test_site_words[(i / 11) % G_N_ELEMENTS (hd_test_site_words)],
                              i % 300);
      /* Some sites without a member count: they sort last. */
      if (members % 5 != 0)
        g_string_append_printf (out, ", \"members\": %u", members);
      g_string_append (out, "}}");
    }
  g_string_append (out, "\n]}\n");
  if (!g_file_set_contents (path, out->str, out->len, &error) ||
      !hd_geojson_parse_file (batch, file, &error) ||
      !hd_store_import (store, batch, FALSE, &summary, &error))
    g_error ("Could not generate the sites: %s", error->message);
}

/* Opens a new workspace file @name in @dir, which must open; @path: (out) (optional) (transfer
 * full) where it is. */
static inline HdStore *
hd_test_store_new (const char  *dir,
                   const char  *name,
                   char       **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (dir, name, NULL);
  HdStore *store = hd_store_open (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (path != NULL)
    *path = g_steal_pointer (&file);
  return store;
}

/* Saves a region @name of @level under @parent (nullable); returns its id (transfer full). */
static inline char *
hd_test_add_region (HdStore       *store,
                    const char    *name,
                    HdRegionLevel  level,
                    const char    *parent)
{
  g_autoptr(HdRegion) region = hd_region_new ();
  g_autoptr(GError) error = NULL;

  hd_region_set_name (region, name);
  hd_region_set_level (region, level);
  hd_region_set_parent_id (region, parent);
  g_assert_true (hd_store_save_region (store, region, &error));
  g_assert_no_error (error);
  return g_strdup (hd_region_get_id (region));
}

/* Saves a belt @name in @region with @route (site ids); returns its id (transfer full). */
static inline char *
hd_test_add_belt (HdStore            *store,
                  const char         *name,
                  const char         *region,
                  const char * const *route)
{
  g_autoptr(HdBelt) belt = hd_belt_new ();
  g_autoptr(GError) error = NULL;

  hd_belt_set_name (belt, name);
  hd_belt_set_region_id (belt, region);
  g_assert_true (hd_store_save_belt (store, belt, &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_set_belt_route (store, hd_belt_get_id (belt), route, &error));
  g_assert_no_error (error);
  return g_strdup (hd_belt_get_id (belt));
}

/* The id of the standard set with @code in @store, which must have it (transfer full). */
static inline char *
hd_test_standard_set_id (HdStore    *store,
                         const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardSet) set = hd_store_find_standard_set (store, code, &error);

  g_assert_no_error (error);
  return g_strdup (hd_standard_set_get_id (set));
}

/* @text ("YYYY-MM-DD"), which must parse, as a GDate. */
static inline GDate
hd_test_date (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (hd_date_parse (text, &date));
  return date;
}
