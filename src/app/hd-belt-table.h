/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hd-record-table.h"

G_BEGIN_DECLS

/* The table of every belt of a workspace: an HdRecordTable with the columns "name", "region",
 * "stage", "sites" (against the target of 8), "start-year", "light" and "last-inspected";
 * filters by region, stage and light (in that order); bulk actions assign region and delete.
 * (transfer floating) */
GtkWidget *hd_belt_table_new          (HdStore  *store,
                                       HdLights *lights);
/* What the sites column says: "6 / 8" (pure). (transfer full) */
char      *hd_belt_table_format_sites (int       site_count);

G_END_DECLS
