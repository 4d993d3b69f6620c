/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to the store: the ordered schema migrations. Migration N takes a database from
 * user_version N-1 to N; a shipped migration is never edited, only followed by a new one. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int         version;
  const char *sql;
} HdMigration;

extern const HdMigration hd_migrations[];
extern const guint hd_n_migrations;

G_END_DECLS
