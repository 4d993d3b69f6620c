/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For tests and benchmarks only. */
#pragma once

#include <sqlite3.h>

#include "hd-store.h"

G_BEGIN_DECLS

/* Opens like hd_store_open() but migrates no further than @max_version (to make old files). */
HdStore *hd_store_open_at_version (const char  *path,
                                   int          max_version,
                                   GError     **error);
/* The connection, for tests that inspect the file directly. (transfer none) */
sqlite3 *hd_store_get_db          (HdStore     *self);
/* The stable R*Tree key of a site id. */
gint64   hd_site_pos_key          (const char  *id);

G_END_DECLS
