/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to the core: building sites from database rows without the property machinery. */
#pragma once

#include "hd-site.h"

G_BEGIN_DECLS

/* One site's fields as read from a row; the strings are copied (NULL or "" for unset text). */
typedef struct {
  const char  *id;
  const char  *name;
  HdSiteKind   kind;
  HdDomain     domain;
  HdSiteLevel  level;
  const char  *region_id;
  const char  *organisation;
  int          members;
  const char  *address;
  gboolean     has_position;
  double       latitude;
  double       longitude;
  const char  *contact;
  const char  *notes;
  const char  *extra;
  const char  *created;
  const char  *modified;
} HdSiteFields;

HdSite *hd_site_new_with_fields (const HdSiteFields *fields);

G_END_DECLS
