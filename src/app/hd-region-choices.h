/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-store.h"

G_BEGIN_DECLS

/* Fills a region combo: "None" first (id NULL), then every region in tree order, each shown
 * with its path ("福州市 › 鼓楼区") so that the hierarchy is plain in a flat list. @labels and
 * @ids get one entry per choice, in step. */
void hd_region_choices_fill (HdStore       *store,
                             GtkStringList *labels,
                             GPtrArray     *ids);

G_END_DECLS
