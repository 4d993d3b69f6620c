/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hd-store.h"

G_BEGIN_DECLS

/* The region tree (city > district > town): reading it in tree order, per-region totals and the
 * commands that change its shape. Each command is one transaction and one undo step. */

/* What refers to a region directly. */
typedef struct {
  guint sub_regions;
  guint belts;
  guint sites;
  guint plans;
} HdRegionContents;

/* Belts and sites of a region and all its sub-regions. */
typedef struct {
  guint belts;
  guint sites;
} HdRegionTotals;

/**
 * hd_store_dup_region_tree:
 *
 * Every region in depth-first tree order: top-level regions first, each followed by its
 * sub-regions; siblings sorted by code, then name. A region whose parent is missing counts as
 * top level.
 *
 * Returns: (transfer full) (element-type HdRegion): the regions, each with a reference
 */
GPtrArray  *hd_store_dup_region_tree        (HdStore            *self);
/* The number of ancestors of the region (0 for top level). */
guint       hd_store_get_region_depth       (HdStore            *self,
                                             const char         *id);
/* (transfer full) (nullable): "福州市 › 鼓楼区 › 东街街道", from the top down; NULL for an
 * unknown id. */
char       *hd_store_dup_region_path        (HdStore            *self,
                                             const char         *id);
/* Whether @id is @ancestor_id or lies below it. */
gboolean    hd_store_region_is_within       (HdStore            *self,
                                             const char         *id,
                                             const char         *ancestor_id);
/* (transfer full) (element-type utf8 HdRegionTotals): region id → its totals (including
 * sub-regions), for every region. Computed from the live models in one pass. */
GHashTable *hd_store_collect_region_totals  (HdStore            *self);
/* Counts what refers to region @id directly; FALSE with @error when it is unknown. */
gboolean    hd_store_count_region_contents  (HdStore            *self,
                                             const char         *id,
                                             HdRegionContents   *out,
                                             GError            **error);

/**
 * hd_store_move_region:
 * @new_parent_id: (nullable): the new parent; %NULL makes it a top-level region
 *
 * Puts a region (with everything below it) under another. Refused with
 * %HD_STORE_ERROR_INVALID when @new_parent_id is the region itself or one of its sub-regions,
 * %HD_STORE_ERROR_NOT_FOUND for an unknown id.
 */
gboolean    hd_store_move_region            (HdStore            *self,
                                             const char         *id,
                                             const char         *new_parent_id,
                                             GError            **error);
/**
 * hd_store_delete_region_into_parent:
 *
 * Deletes a region after moving its sub-regions, belts, sites and plans to its parent (or to
 * no region when it is top level), all in one transaction and one undo step. For an empty
 * region this is the same as hd_store_delete_region().
 */
gboolean    hd_store_delete_region_into_parent (HdStore         *self,
                                                const char      *id,
                                                GError         **error);

typedef struct {
  guint      matched;      /* existing regions that got a boundary */
  guint      created;      /* regions made for features that matched none */
  GPtrArray *region_ids;   /* char *: the regions concerned, in file order */
} HdBoundarySummary;

void        hd_boundary_summary_clear       (HdBoundarySummary  *summary);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HdBoundarySummary, hd_boundary_summary_clear)

/**
 * hd_store_import_boundaries:
 * @file: a GeoJSON FeatureCollection of Polygon / MultiPolygon features with a "name" and
 *   optional "code", "parent" and "level" properties
 * @create_missing: make a region for a feature that matches none (else that is an error)
 * @summary: (out caller-allocates) (optional): what was done
 *
 * Sets the boundary (geometry) of existing regions, matched by the feature's id, else its code,
 * else its name; a matched region also takes the code when it had none. Everything or nothing:
 * on the first bad feature nothing is written and the %HD_IMPORT_ERROR message reads
 * "FILE: feature N (“name”): reason". One undo step.
 */
gboolean    hd_store_import_boundaries      (HdStore            *self,
                                             GFile              *file,
                                             gboolean            create_missing,
                                             HdBoundarySummary  *summary,
                                             GError            **error);

G_END_DECLS
