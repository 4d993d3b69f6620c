/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Plans from a JSON file (the sample's plans.json, or plans shared between offices). */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

/**
 * hd_store_import_plans:
 * @data: the file's bytes: {"plans": [{"id", "title", "region_id", "first_year",
 *   "themes": [3 strings], "notes", "indicators": [{"id", "name", "unit", "computed"
 *   (a computed key, or absent for manual), "higher_is_better", "targets": [3 numbers or null],
 *   "actuals": [{"date": "YYYY-MM-DD", "value", "note"}]}]}]}; ids are optional
 * @source: the file's name, for errors ("plans.json: plans[1] (“title”): reason")
 *
 * Writes every plan with its themes, indicators, targets and dated actuals in one transaction and
 * one undo step, or nothing when any of it is wrong. A plan whose id exists is replaced.
 *
 * Returns: the number of plans, or -1 with @error set
 */
int hd_store_import_plans (HdStore     *self,
                           const char  *data,
                           gsize        length,
                           const char  *source,
                           GError     **error);

G_END_DECLS
