/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the tables of sites and belts need from the store beyond its models: bulk commands on a
 * selection (each one transaction and one undo step) and the per-record facts that live in other
 * tables (memberships, latest inspections), read for the whole workspace in one query each. */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

/**
 * hd_store_assign_region:
 * @ids: site and/or belt ids (a %NULL-terminated vector; repeats count once)
 * @region_id: (nullable): the region to put them in; %NULL takes them out of any region
 *
 * Puts every listed site and belt in @region_id in one transaction, one undo step labelled
 * "Assign “区” to 12 sites". An unknown id or region is refused with %HD_STORE_ERROR_NOT_FOUND
 * naming it, before anything is written.
 */
gboolean    hd_store_assign_region       (HdStore            *self,
                                          const char * const *ids,
                                          const char         *region_id,
                                          GError            **error);

/**
 * hd_store_add_sites_to_belt:
 * @site_ids: the sites to append, in the order they should follow the route's end
 * @n_added: (out) (optional): how many were appended
 *
 * Appends the sites to the end of the belt's route (one transaction, one undo step "Add 3 sites
 * to “带”"). Sites already on the route keep their place and are skipped; when none is left
 * nothing is written and no undo step is made. An unknown belt or site is refused with
 * %HD_STORE_ERROR_NOT_FOUND before anything is written.
 */
gboolean    hd_store_add_sites_to_belt   (HdStore            *self,
                                          const char         *belt_id,
                                          const char * const *site_ids,
                                          guint              *n_added,
                                          GError            **error);

/* Deletes belts with their routes and inspections (the sites stay): one transaction, one undo
 * step "Delete 3 belts". An unknown id is refused before anything is written. */
gboolean    hd_store_delete_belts        (HdStore            *self,
                                          const char * const *ids,
                                          GError            **error);

/* How many inspections (finished or draft) the listed sites and belts have: what a delete takes
 * with it. Returns -1 with @error set on a database error. */
gint64      hd_store_count_inspections_of (HdStore            *self,
                                           const char * const *ids,
                                           GError            **error);

/**
 * hd_store_map_site_belts:
 *
 * Every route membership in one query.
 *
 * Returns: (transfer full): site id → (element-type utf8) GPtrArray of belt ids (ordered by
 *   belt name); sites on no belt are not keys. %NULL with @error set on a database error.
 */
GHashTable *hd_store_map_site_belts      (HdStore            *self,
                                          GError            **error);

/**
 * hd_store_map_last_inspected:
 *
 * The date of the latest finished inspection (of any standard set) of every site and belt that
 * has one, in one query over the inspection indexes.
 *
 * Returns: (transfer full): subject id → "YYYY-MM-DD"; never inspected subjects are not keys.
 *   %NULL with @error set on a database error.
 */
GHashTable *hd_store_map_last_inspected  (HdStore            *self,
                                          GError            **error);

G_END_DECLS
