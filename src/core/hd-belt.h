/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_BELT (hd_belt_get_type ())
G_DECLARE_FINAL_TYPE (HdBelt, hd_belt, HD, BELT, GObject)

/* A demonstration belt (党建示范带). Its route (ordered sites) lives in the store:
 * hd_store_dup_belt_route(); site-count mirrors the route's length and is kept by the store. */
HdBelt      *hd_belt_new            (void);
void         hd_belt_copy_from      (HdBelt *self, HdBelt *src);

const char  *hd_belt_get_id          (HdBelt *self);
void         hd_belt_set_id          (HdBelt *self, const char *value);
const char  *hd_belt_get_name        (HdBelt *self);
void         hd_belt_set_name        (HdBelt *self, const char *value);
const char  *hd_belt_get_region_id   (HdBelt *self);
void         hd_belt_set_region_id   (HdBelt *self, const char *value);
const char  *hd_belt_get_brand       (HdBelt *self);
void         hd_belt_set_brand       (HdBelt *self, const char *value);
HdBeltStage  hd_belt_get_stage       (HdBelt *self);
void         hd_belt_set_stage       (HdBelt *self, HdBeltStage value);
/* 0 when unknown. */
int          hd_belt_get_start_year  (HdBelt *self);
void         hd_belt_set_start_year  (HdBelt *self, int value);
const char  *hd_belt_get_responsible (HdBelt *self);
void         hd_belt_set_responsible (HdBelt *self, const char *value);
/* "#rrggbb" or NULL for the automatic colour. */
const char  *hd_belt_get_colour      (HdBelt *self);
void         hd_belt_set_colour      (HdBelt *self, const char *value);
const char  *hd_belt_get_logo_path   (HdBelt *self);
void         hd_belt_set_logo_path   (HdBelt *self, const char *value);
const char  *hd_belt_get_notes       (HdBelt *self);
void         hd_belt_set_notes       (HdBelt *self, const char *value);
const char  *hd_belt_get_extra       (HdBelt *self);
void         hd_belt_set_extra       (HdBelt *self, const char *value);
int          hd_belt_get_site_count  (HdBelt *self);
void         hd_belt_set_site_count  (HdBelt *self, int value);

/* Set by the store: when the record was created and last changed (ISO 8601, UTC). */
const char  *hd_belt_get_created   (HdBelt *self);
const char  *hd_belt_get_modified  (HdBelt *self);

G_END_DECLS
