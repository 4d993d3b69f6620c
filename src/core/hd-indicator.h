/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An indicator of a three-year action plan (三年行动计划): a name, a unit, a target per plan year,
 * and where its actual values come from: a built-in computation (its computed key, see
 * hd-plan-progress.h) or dated values entered by hand (manual). */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_INDICATOR (hd_indicator_get_type ())
G_DECLARE_FINAL_TYPE (HdIndicator, hd_indicator, HD, INDICATOR, GObject)

HdIndicator *hd_indicator_new                  (void);
/* Copies every field, the targets included. */
void         hd_indicator_copy_from            (HdIndicator *self,
                                                HdIndicator *src);

const char  *hd_indicator_get_id               (HdIndicator *self);
void         hd_indicator_set_id               (HdIndicator *self,
                                                const char  *value);
const char  *hd_indicator_get_plan_id          (HdIndicator *self);
void         hd_indicator_set_plan_id          (HdIndicator *self,
                                                const char  *value);
/* 0-based order within the plan. */
int          hd_indicator_get_position         (HdIndicator *self);
void         hd_indicator_set_position         (HdIndicator *self,
                                                int          value);
const char  *hd_indicator_get_name             (HdIndicator *self);
void         hd_indicator_set_name             (HdIndicator *self,
                                                const char  *value);
const char  *hd_indicator_get_unit             (HdIndicator *self);
void         hd_indicator_set_unit             (HdIndicator *self,
                                                const char  *value);
/* The nick of an HdComputedIndicator, or NULL for a manual indicator. */
const char  *hd_indicator_get_computed_key     (HdIndicator *self);
void         hd_indicator_set_computed_key     (HdIndicator *self,
                                                const char  *value);
gboolean     hd_indicator_is_computed          (HdIndicator *self);
gboolean     hd_indicator_get_higher_is_better (HdIndicator *self);
void         hd_indicator_set_higher_is_better (HdIndicator *self,
                                                gboolean     value);
/* The target of plan year @year_index (0..2); NAN when that year has none. Also the properties
 * "target1" .. "target3". */
double       hd_indicator_get_target           (HdIndicator *self,
                                                int          year_index);
void         hd_indicator_set_target           (HdIndicator *self,
                                                int          year_index,
                                                double       value);
/* Copies the three targets into @out. */
void         hd_indicator_get_targets          (HdIndicator *self,
                                                double       out[3]);
const char  *hd_indicator_get_created          (HdIndicator *self);
const char  *hd_indicator_get_modified         (HdIndicator *self);

/* Checks the name (not blank), the computed key (a known one) and the targets (finite); the
 * error says which indicator and what. */
gboolean     hd_validate_indicator             (HdIndicator *indicator,
                                                GError     **error);

/* What people type as a target or value: "12", "12.5", "85%", full-width digits, a comma as the
 * decimal separator; blank gives NAN (no value). Errors say what was typed and why. */
gboolean     hd_parse_indicator_value          (const char  *text,
                                                double      *out,
                                                GError     **error);

/* A dated actual value of an indicator (a snapshot of a computed one, or a manual entry). */
typedef struct {
  char   *id;
  char   *date;   /* YYYY-MM-DD */
  double  value;
  char   *note;   /* nullable */
} HdIndicatorActual;

void hd_indicator_actual_free (HdIndicatorActual *actual);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdIndicatorActual, hd_indicator_actual_free)

/* ---- Store commands. Each is one transaction and one undo step, emits "changed" with
 * HD_CHANGE_PLANS and the plan's id, and fails with HD_STORE_ERROR saying what and where. ---- */

/**
 * hd_store_list_indicators:
 *
 * Returns: (transfer full) (element-type HdIndicator): new objects of the plan's indicators in
 *   their order (a snapshot: read again on "changed"), or %NULL with @error set
 */
GPtrArray   *hd_store_list_indicators          (HdStore      *self,
                                                const char   *plan_id,
                                                GError      **error);
/* (transfer full) (nullable): one indicator, or NULL with HD_STORE_ERROR_NOT_FOUND. */
HdIndicator *hd_store_get_indicator            (HdStore      *self,
                                                const char   *id,
                                                GError      **error);
/**
 * hd_store_list_indicator_actuals:
 *
 * Returns: (transfer full) (element-type HdIndicatorActual): the dated actuals, oldest first
 */
GPtrArray   *hd_store_list_indicator_actuals   (HdStore      *self,
                                                const char   *indicator_id,
                                                GError      **error);
/* Creates or updates an indicator with its targets (an id is assigned when it has none; a new one
 * goes last). Refused when it was changed elsewhere since it was read (HD_STORE_ERROR_CONFLICT). */
gboolean     hd_store_save_indicator           (HdStore      *self,
                                                HdIndicator  *indicator,
                                                GError      **error);
/* Deletes an indicator and its actuals. */
gboolean     hd_store_delete_indicator         (HdStore      *self,
                                                const char   *id,
                                                GError      **error);
/* Puts the plan's indicators in the order of @ids, which must name each of them exactly once. */
gboolean     hd_store_reorder_indicators       (HdStore      *self,
                                                const char   *plan_id,
                                                const char * const *ids,
                                                GError      **error);
/* Sets the three yearly targets (NAN: none). */
gboolean     hd_store_set_indicator_targets    (HdStore      *self,
                                                const char   *indicator_id,
                                                const double  targets[3],
                                                GError      **error);
/* Records a dated actual (YYYY-MM-DD), replacing that date's value. For a computed indicator this
 * is a correction of its history (a snapshot of that date would replace it again). */
gboolean     hd_store_add_indicator_actual     (HdStore      *self,
                                                const char   *indicator_id,
                                                const char   *date,
                                                double        value,
                                                const char   *note,
                                                GError      **error);
gboolean     hd_store_delete_indicator_actual  (HdStore      *self,
                                                const char   *indicator_id,
                                                const char   *date,
                                                GError      **error);
/**
 * hd_store_save_plan_with_indicators:
 * @indicators: (element-type HdIndicator): the plan's indicators in order; ones of the plan that
 *   are not in it are deleted
 *
 * Saves a plan, its three themes and its indicators with their targets: one transaction, one
 * undo step ("Save “title”"). Ids are assigned to new records.
 */
gboolean     hd_store_save_plan_with_indicators (HdStore     *self,
                                                 HdPlan      *plan,
                                                 GPtrArray   *indicators,
                                                 GError     **error);

G_END_DECLS
