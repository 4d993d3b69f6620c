/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a file parser (GeoJSON today) produces and hd_store_import() writes in one transaction.
 * The parser checks everything a file alone can tell (names, kinds, coordinates, geometry, ids
 * unique within the batch); the store resolves references against the workspace. */

typedef enum {
  HD_IMPORT_ITEM_REGION,
  HD_IMPORT_ITEM_BELT,
  HD_IMPORT_ITEM_SITE,
} HdImportItemKind;

typedef struct {
  HdImportItemKind kind;
  char     *source;        /* file name shown in errors */
  guint     feature_index; /* 0-based index in the file's "features" array */
  GObject  *record;        /* HdRegion, HdBelt or HdSite with its id set (from the file or new);
                            * region-id / parent-id are left NULL: see region_ref */
  gboolean  id_from_file;  /* the id came from the file (so it must not exist in the workspace) */
  char     *region_ref;    /* region (for a region: its parent) by id or name; NULL for none */
  GPtrArray *belt_refs;    /* sites: char * belt ids or names, in the file's order (may be empty) */
  GArray    *belt_orders;  /* sites: int position for each belt_ref; -1 when the file gave none */
} HdImportItem;

typedef struct {
  GPtrArray *items;        /* HdImportItem *, in file order, files in the order parsed */
} HdImportBatch;

typedef struct {
  guint regions_added;
  guint belts_added;
  guint sites_added;
  guint memberships_added;
  GPtrArray *regions_created; /* char *: names of regions created because an item named them */
} HdImportSummary;

HdImportBatch *hd_import_batch_new  (void);
void           hd_import_batch_free (HdImportBatch *batch);
/* Appends an item; the batch takes ownership of @record. Returns the item to fill in. */
HdImportItem  *hd_import_batch_add  (HdImportBatch    *batch,
                                     HdImportItemKind  kind,
                                     const char       *source,
                                     guint             feature_index,
                                     GObject          *record);
void           hd_import_item_add_belt_ref (HdImportItem *item,
                                            const char   *belt_ref,
                                            int           order);
void           hd_import_summary_clear (HdImportSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdImportBatch, hd_import_batch_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HdImportSummary, hd_import_summary_clear)

G_END_DECLS
