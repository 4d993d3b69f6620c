/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hd-record-table.h"

G_BEGIN_DECLS

/* The table of every site of a workspace: an HdRecordTable with the columns "name", "kind",
 * "domain", "level", "region", "belts", "light", "last-inspected" and "members" (see
 * hd_record_table_get_column()); filters by kind, domain, region and light (in that order); bulk
 * actions assign region, add to belt and delete. (transfer floating) */
GtkWidget *hd_site_table_new         (HdStore       *store,
                                      HdLights      *lights);
/* Appends the selected sites of @table (a site table), in the order shown, to the end of the
 * belt's route. @belt_id: the belt; %NULL asks for it in a dialog (returned, transfer none).
 * An Undo toast follows. */
GtkWidget *hd_site_table_add_to_belt (HdRecordTable *table,
                                      const char    *belt_id);

G_END_DECLS
