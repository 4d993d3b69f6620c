/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_SITE (hd_site_get_type ())
G_DECLARE_FINAL_TYPE (HdSite, hd_site, HD, SITE, GObject)

/* A demonstration site (示范点) or service center. A plain record: build one, fill it, hand it to
 * hd_store_save_site(); the objects in the store's models are updated in place after each commit. */
HdSite     *hd_site_new           (void);
void        hd_site_copy_from     (HdSite *self, HdSite *src);

const char *hd_site_get_id           (HdSite *self);
void        hd_site_set_id           (HdSite *self, const char *value);
const char *hd_site_get_name         (HdSite *self);
void        hd_site_set_name         (HdSite *self, const char *value);
HdSiteKind  hd_site_get_kind         (HdSite *self);
void        hd_site_set_kind         (HdSite *self, HdSiteKind value);
HdDomain    hd_site_get_domain       (HdSite *self);
void        hd_site_set_domain       (HdSite *self, HdDomain value);
HdSiteLevel hd_site_get_level        (HdSite *self);
void        hd_site_set_level        (HdSite *self, HdSiteLevel value);
const char *hd_site_get_region_id    (HdSite *self);
void        hd_site_set_region_id    (HdSite *self, const char *value);
const char *hd_site_get_organisation (HdSite *self);
void        hd_site_set_organisation (HdSite *self, const char *value);
int         hd_site_get_members      (HdSite *self);
void        hd_site_set_members      (HdSite *self, int value);
const char *hd_site_get_address      (HdSite *self);
void        hd_site_set_address      (HdSite *self, const char *value);
gboolean    hd_site_get_has_position (HdSite *self);
double      hd_site_get_latitude     (HdSite *self);
double      hd_site_get_longitude    (HdSite *self);
/* Sets latitude, longitude and has-position together. */
void        hd_site_set_position     (HdSite *self, double latitude, double longitude);
void        hd_site_clear_position   (HdSite *self);
const char *hd_site_get_contact      (HdSite *self);
void        hd_site_set_contact      (HdSite *self, const char *value);
const char *hd_site_get_notes        (HdSite *self);
void        hd_site_set_notes        (HdSite *self, const char *value);
/* Properties from imported files that Hongdai has no field for: a JSON object, or NULL. */
const char *hd_site_get_extra        (HdSite *self);
void        hd_site_set_extra        (HdSite *self, const char *value);
const char *hd_site_get_created      (HdSite *self);
const char *hd_site_get_modified     (HdSite *self);

G_END_DECLS
