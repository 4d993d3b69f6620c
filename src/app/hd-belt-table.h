/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hd-record-table.h"

G_BEGIN_DECLS

#define HD_TYPE_BELT_TABLE (hd_belt_table_get_type ())
G_DECLARE_FINAL_TYPE (HdBeltTable, hd_belt_table, HD, BELT_TABLE, GtkWidget)

/* The table of every belt of a workspace: name, region, stage, sites against the target of 8,
 * start year, light and last inspected; filters by region, stage and light; bulk actions assign
 * region and delete (see HdRecordTable). */
GtkWidget     *hd_belt_table_new         (HdStore      *store,
                                          HdLights     *lights);
/* (transfer none) */
HdRecordTable *hd_belt_table_get_table   (HdBeltTable  *self);
/* "name", "region", "stage", "sites", "start-year", "light", "last-inspected".
 * (transfer none) (nullable) */
GtkColumnViewColumn *hd_belt_table_get_column (HdBeltTable *self,
                                               const char  *name);
/* What the sites column says: "6 / 8" (pure, tested without a display). (transfer full) */
char          *hd_belt_table_format_sites (int           site_count);

G_END_DECLS
