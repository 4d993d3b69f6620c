/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Red / yellow / green lights (红黄灯警示), scoring and the calendar they use. Pure functions of
 * values: no store, no I/O, table-tested in tests/test-light.c. The store feeds them from its
 * tables (hd-inspection.h); the UI may call them directly (e.g. a live score while a checklist is
 * filled in). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/* The scoring vocabulary                                                                     */

/* An inspector's answer to one item. HD_ANSWER_NONE is "not answered yet" (no row stored). */
typedef enum {
  HD_ANSWER_NONE,
  HD_ANSWER_MET,
  HD_ANSWER_PARTLY,
  HD_ANSWER_NOT_MET,
  HD_ANSWER_NA,
} HdAnswer;
#define HD_N_ANSWERS (HD_ANSWER_NA + 1)

/* What an item of a standard set is. A requirement is something that must be there (met = it is
 * there); a red line is something that must not happen (met = it did not happen; partly or not
 * met = it happened, at least in part: a red line hit). */
typedef enum {
  HD_ITEM_KIND_REQUIREMENT,
  HD_ITEM_KIND_RED_LINE,
} HdItemKind;

typedef enum {
  HD_LIGHT_GREY,    /* never inspected (0, so a missing hash-table entry reads as grey too) */
  HD_LIGHT_GREEN,
  HD_LIGHT_YELLOW,
  HD_LIGHT_RED,
} HdLight;
#define HD_N_LIGHTS (HD_LIGHT_RED + 1)

/* Why a light is what it is; several may hold at once (a red light may also be due). */
typedef enum {
  HD_LIGHT_REASON_NONE                  = 0,
  HD_LIGHT_REASON_NEVER_INSPECTED       = 1 << 0, /* grey */
  HD_LIGHT_REASON_BELOW_THRESHOLD       = 1 << 1, /* red: score < threshold */
  HD_LIGHT_REASON_RED_LINE              = 1 << 2, /* red: a red line answered partly / not met */
  HD_LIGHT_REASON_OVERDUE_RECTIFICATION = 1 << 3, /* red: an open rectification past its due date */
  HD_LIGHT_REASON_NOT_ALL_MET           = 1 << 4, /* yellow: a requirement partly / not met */
  HD_LIGHT_REASON_INSPECTION_DUE        = 1 << 5, /* yellow: not inspected this quarter (一季度一检查) */
} HdLightReasons;

GType hd_answer_get_type        (void) G_GNUC_CONST;
GType hd_item_kind_get_type     (void) G_GNUC_CONST;
GType hd_light_get_type         (void) G_GNUC_CONST;
GType hd_light_reasons_get_type (void) G_GNUC_CONST;
#define HD_TYPE_ANSWER        (hd_answer_get_type ())
#define HD_TYPE_ITEM_KIND     (hd_item_kind_get_type ())
#define HD_TYPE_LIGHT         (hd_light_get_type ())
#define HD_TYPE_LIGHT_REASONS (hd_light_reasons_get_type ())

/* Stable spellings, as the database, JSON and CSV files hold them:
 * answers "met", "partly", "not_met", "na" (HD_ANSWER_NONE: "none", never stored);
 * item kinds "requirement", "red_line"; lights "grey", "green", "yellow", "red".
 * *_from_string() returns FALSE for an unknown spelling (or NULL) and leaves @out untouched. */
const char *hd_answer_to_string     (HdAnswer    answer);
gboolean    hd_answer_from_string   (const char *str,
                                     HdAnswer   *out);
const char *hd_item_kind_to_string  (HdItemKind  kind);
gboolean    hd_item_kind_from_string (const char *str,
                                     HdItemKind *out);
const char *hd_light_to_string      (HdLight     light);
gboolean    hd_light_from_string    (const char *str,
                                     HdLight    *out);

/* Translated labels for the UI and CLI (static strings; zh_CN: 符合 / 部分符合 / 不符合 / 不适用,
 * 红灯 / 黄灯 / 绿灯 / 未检查). */
const char *hd_answer_label         (HdAnswer    answer);
const char *hd_item_kind_label      (HdItemKind  kind);
const char *hd_light_label          (HdLight     light);
/* The label of one reason bit (pass a single flag; "" for NONE or several). */
const char *hd_light_reason_label   (HdLightReasons reason);
/* (transfer full): every reason in @reasons as one translated line, joined with "; "
 * ("" for HD_LIGHT_REASON_NONE). For tooltips and the CLI. */
char       *hd_light_reasons_describe (HdLightReasons reasons);

/* ------------------------------------------------------------------------------------------ */
/* Scoring                                                                                    */

/* One item's part in a score. */
typedef struct {
  HdItemKind kind;
  double     weight;   /* >= 0; a weight of 0 counts in the tallies but not in the score */
  HdAnswer   answer;
} HdScoredAnswer;

/* What hd_score_answers() makes of a checklist, and what a finished inspection stores. */
typedef struct {
  gboolean has_score;     /* FALSE when no requirement of weight > 0 has a scorable answer (all
                           * n.a., none answered, or only red lines): then score is 0 and the
                           * threshold does not apply */
  double   score;         /* 0..100: weighted, met = 1, partly = 0.5, not met = 0, n.a. left out;
                           * requirements only (red lines do not score, they hit) */
  guint    n_met;         /* requirements answered met */
  guint    n_partly;      /* requirements answered partly */
  guint    n_not_met;     /* requirements answered not met */
  guint    n_na;          /* requirements and red lines answered n.a. */
  guint    red_lines_hit; /* red lines answered partly or not met */
  guint    n_unanswered;  /* items of either kind with HD_ANSWER_NONE */
} HdScore;

/**
 * hd_score_answers:
 * @answers: (array length=n_answers) (nullable): one entry per item of the set
 * @n_answers: how many
 * @out: (out caller-allocates): the score and tallies (always fully written)
 *
 * The scoring rule (one place, table-tested). Never fails.
 */
void        hd_score_answers        (const HdScoredAnswer *answers,
                                     guint                 n_answers,
                                     HdScore              *out);

/* ------------------------------------------------------------------------------------------ */
/* Lights                                                                                     */

/* Everything the light of one site or belt depends on besides "today" and the threshold. */
typedef struct {
  gboolean inspected;       /* a finished inspection exists; FALSE: grey, the rest is ignored */
  GDate    last_date;       /* the date of the latest finished inspection (valid when inspected) */
  gboolean has_score;       /* see HdScore; FALSE: the threshold does not apply */
  double   score;           /* the lowest score of the latest finished inspection of each set */
  guint    n_partly;        /* requirements partly met in those inspections */
  guint    n_not_met;       /* requirements not met in those inspections */
  guint    red_lines_hit;   /* red lines hit in those inspections */
  GDate    oldest_open_due; /* the earliest due date of the subject's open rectifications;
                             * cleared (g_date_clear: invalid) when it has none or none has a
                             * due date. Overdue means due before today (the due day itself is
                             * still in time). */
} HdLightInput;

/* Sets every field to "never inspected, nothing open" (dates cleared). */
void        hd_light_input_init     (HdLightInput *input);

/**
 * hd_light_compute:
 * @input: what is known about the subject
 * @today: a valid date: today in the workspace's time zone (see hd_today_in_zone())
 * @red_threshold: a score strictly below this is red (e.g. 60: 59.9 is red, 60 is not)
 * @reasons: (out) (optional): every rule that holds, not only the deciding one
 *
 * The light rules (DOMAIN.md): grey = never inspected; red = score below the threshold, any red
 * line hit, or an open rectification overdue; yellow = a requirement partly / not met, or the
 * latest inspection is not in @today's quarter (一季度一检查); green otherwise.
 *
 * Returns: the light
 */
HdLight     hd_light_compute        (const HdLightInput *input,
                                     const GDate        *today,
                                     double              red_threshold,
                                     HdLightReasons     *reasons);

/* The light of one inspection on its own (what a finished inspection stores): from its score
 * and tallies only, with no calendar and no rectifications, so never grey and never "due". */
HdLight     hd_light_of_score       (const HdScore *score,
                                     double         red_threshold,
                                     HdLightReasons *reasons);

/* The default red threshold of a new workspace (setting light.red_threshold). */
#define HD_DEFAULT_RED_THRESHOLD 60.0

/* ------------------------------------------------------------------------------------------ */
/* Calendar                                                                                   */

/* The default time zone of a new workspace (setting time_zone): the documents' cadence is
 * Beijing time, wherever the laptop's clock is set. */
#define HD_DEFAULT_TIME_ZONE "Asia/Shanghai"

/**
 * hd_time_zone_new:
 * @identifier: (nullable): an IANA name such as "Asia/Shanghai"; %NULL for HD_DEFAULT_TIME_ZONE
 *
 * Like g_time_zone_new_identifier(), but "Asia/Shanghai" still works on a system without
 * tzdata (it has been a fixed UTC+8 since 1991).
 *
 * Returns: (transfer full) (nullable): the zone, or %NULL for an unknown identifier
 */
GTimeZone  *hd_time_zone_new        (const char  *identifier);

/**
 * hd_today_in_zone:
 * @zone: (nullable): the workspace's zone; %NULL for HD_DEFAULT_TIME_ZONE
 * @now: (nullable): the instant; %NULL for the current time
 *
 * The calendar date at @now in @zone: 2026-03-31 23:30 UTC is already 2026-04-01 in
 * Asia/Shanghai, a new quarter.
 *
 * Returns: a valid date
 */
GDate       hd_today_in_zone        (GTimeZone   *zone,
                                     GDateTime   *now);

/* 1..4 for a valid date. */
guint       hd_date_quarter         (const GDate *date);
/* TRUE when both valid dates are in the same quarter of the same year. */
gboolean    hd_date_same_quarter    (const GDate *a,
                                     const GDate *b);
/* The first and last day of @date's quarter; either out pointer may be %NULL. */
void        hd_date_quarter_bounds  (const GDate *date,
                                     GDate       *first,
                                     GDate       *last);

/* "YYYY-MM-DD", as the database and files hold dates. parse() accepts exactly that form and a
 * real calendar date (no 2026-02-30); on failure it returns FALSE and leaves @out untouched. */
gboolean    hd_date_parse           (const char  *text,
                                     GDate       *out);
/* (transfer full): "YYYY-MM-DD" of a valid date. */
char       *hd_date_to_string       (const GDate *date);

G_END_DECLS
