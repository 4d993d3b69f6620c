/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_PLAN (hd_plan_get_type ())
G_DECLARE_FINAL_TYPE (HdPlan, hd_plan, HD, PLAN, GObject)

/* A three-year action plan (三年行动计划): first-year .. first-year + 2, each year with a theme. */
HdPlan     *hd_plan_new            (void);
void        hd_plan_copy_from      (HdPlan *self, HdPlan *src);

const char *hd_plan_get_id         (HdPlan *self);
void        hd_plan_set_id         (HdPlan *self, const char *value);
const char *hd_plan_get_title      (HdPlan *self);
void        hd_plan_set_title      (HdPlan *self, const char *value);
const char *hd_plan_get_region_id  (HdPlan *self);
void        hd_plan_set_region_id  (HdPlan *self, const char *value);
int         hd_plan_get_first_year (HdPlan *self);
void        hd_plan_set_first_year (HdPlan *self, int value);
/* The annual themes, year index 0..2; NULL when not set. */
const char *hd_plan_get_theme1     (HdPlan *self);
void        hd_plan_set_theme1     (HdPlan *self, const char *value);
const char *hd_plan_get_theme2     (HdPlan *self);
void        hd_plan_set_theme2     (HdPlan *self, const char *value);
const char *hd_plan_get_theme3     (HdPlan *self);
void        hd_plan_set_theme3     (HdPlan *self, const char *value);
const char *hd_plan_get_notes      (HdPlan *self);
void        hd_plan_set_notes      (HdPlan *self, const char *value);

/* Set by the store: when the record was created and last changed (ISO 8601, UTC). */
const char  *hd_plan_get_created   (HdPlan *self);
const char  *hd_plan_get_modified  (HdPlan *self);

G_END_DECLS
