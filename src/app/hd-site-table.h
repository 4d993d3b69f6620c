/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hd-record-table.h"

G_BEGIN_DECLS

#define HD_TYPE_SITE_TABLE (hd_site_table_get_type ())
G_DECLARE_FINAL_TYPE (HdSiteTable, hd_site_table, HD, SITE_TABLE, GtkWidget)

/* The table of every site of a workspace: name, kind, domain, level, region, belts, light, last
 * inspected and members; filters by kind, domain, region and light; bulk actions assign region,
 * add to belt and delete (see HdRecordTable). */
GtkWidget     *hd_site_table_new        (HdStore      *store,
                                         HdLights     *lights);
/* (transfer none) */
HdRecordTable *hd_site_table_get_table  (HdSiteTable  *self);
/* Appends the selected sites, in the order shown, to the end of the belt's route. @belt_id: the
 * belt; %NULL asks for it in a dialog (returned, transfer none). An Undo toast follows. */
GtkWidget     *hd_site_table_add_to_belt (HdSiteTable *self,
                                          const char  *belt_id);
/* The columns, for tests: "name", "kind", "domain", "level", "region", "belts", "light",
 * "last-inspected", "members". (transfer none) (nullable) */
GtkColumnViewColumn *hd_site_table_get_column (HdSiteTable *self,
                                               const char  *name);

G_END_DECLS
