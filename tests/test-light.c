/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scoring rule, the light rules and the calendar, as tables. */
#include <math.h>
#include <string.h>

#include "hd-light.h"

static GDate
date_of (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!hd_date_parse (text, &date))
    g_error ("bad date in a test table: %s", text);
  return date;
}

/* ---------------------------------------------------------------------------------------- */
/* Scoring                                                                                  */

#define R HD_ITEM_KIND_REQUIREMENT
#define L HD_ITEM_KIND_RED_LINE
#define MET HD_ANSWER_MET
#define PART HD_ANSWER_PARTLY
#define NOT HD_ANSWER_NOT_MET
#define NA HD_ANSWER_NA
#define NONE HD_ANSWER_NONE

typedef struct {
  const char     *name;
  HdScoredAnswer  answers[6];
  guint           n;
  gboolean        has_score;
  double          score;
  guint           met, partly, not_met, na, red_lines_hit, unanswered;
} ScoreCase;

static const ScoreCase score_cases[] = {
  { "all met", { { R, 1, MET }, { R, 1, MET }, { R, 1, MET } }, 3, TRUE, 100, 3, 0, 0, 0, 0, 0 },
  { "none met", { { R, 1, NOT }, { R, 1, NOT } }, 2, TRUE, 0, 0, 0, 2, 0, 0, 0 },
  { "partly is half", { { R, 1, PART }, { R, 1, MET } }, 2, TRUE, 75, 1, 1, 0, 0, 0, 0 },
  { "six haves, one partly one not", { { R, 1, MET }, { R, 1, MET }, { R, 1, MET }, { R, 1, MET },
                                       { R, 1, PART }, { R, 1, NOT } }, 6, TRUE, 75, 4, 1, 1, 0, 0, 0 },
  { "weights", { { R, 3, MET }, { R, 1, NOT } }, 2, TRUE, 75, 1, 0, 1, 0, 0, 0 },
  { "weighted partly", { { R, 2, PART }, { R, 2, NOT } }, 2, TRUE, 25, 0, 1, 1, 0, 0, 0 },
  { "n.a. left out", { { R, 1, MET }, { R, 5, NA } }, 2, TRUE, 100, 1, 0, 0, 1, 0, 0 },
  { "n.a. only", { { R, 1, NA }, { R, 1, NA } }, 2, FALSE, 0, 0, 0, 0, 2, 0, 0 },
  { "nothing", { { 0 } }, 0, FALSE, 0, 0, 0, 0, 0, 0, 0 },
  { "unanswered are not scored", { { R, 1, MET }, { R, 1, NONE } }, 2, TRUE, 100, 1, 0, 0, 0, 0, 1 },
  { "zero weight counts but does not score", { { R, 0, NOT }, { R, 1, MET } }, 2, TRUE, 100, 1, 0, 1, 0, 0, 0 },
  { "only zero weights", { { R, 0, MET } }, 1, FALSE, 0, 1, 0, 0, 0, 0, 0 },
  /* A red line is "must not happen": met means it did not happen. */
  { "red line kept", { { L, 1, MET }, { R, 1, MET } }, 2, TRUE, 100, 1, 0, 0, 0, 0, 0 },
  { "red line hit (not met)", { { L, 1, NOT }, { R, 1, MET } }, 2, TRUE, 100, 1, 0, 0, 0, 1, 0 },
  { "red line hit (partly)", { { L, 1, PART } }, 1, FALSE, 0, 0, 0, 0, 0, 1, 0 },
  { "red line n.a.", { { L, 1, NA } }, 1, FALSE, 0, 0, 0, 0, 1, 0, 0 },
  { "bad weight is zero", { { R, -5, MET }, { R, NAN, NOT }, { R, 1, PART } }, 3, TRUE, 50, 1, 1, 1, 0, 0, 0 },
};

static void
test_score_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (score_cases); i++)
    {
      const ScoreCase *c = &score_cases[i];
      HdScore score;

      g_test_message ("score case: %s", c->name);
      hd_score_answers (c->n ? c->answers : NULL, c->n, &score);
      g_assert_cmpint (score.has_score, ==, c->has_score);
      g_assert_cmpfloat_with_epsilon (score.score, c->score, 1e-9);
      g_assert_cmpuint (score.n_met, ==, c->met);
      g_assert_cmpuint (score.n_partly, ==, c->partly);
      g_assert_cmpuint (score.n_not_met, ==, c->not_met);
      g_assert_cmpuint (score.n_na, ==, c->na);
      g_assert_cmpuint (score.red_lines_hit, ==, c->red_lines_hit);
      g_assert_cmpuint (score.n_unanswered, ==, c->unanswered);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Light rules                                                                              */

typedef struct {
  const char     *name;
  gboolean        inspected;
  const char     *last_date;
  gboolean        has_score;
  double          score;
  guint           partly, not_met, red_lines;
  const char     *oldest_open_due;   /* NULL: no open task with a due date */
  const char     *today;
  double          threshold;
  HdLight         light;
  HdLightReasons  reasons;
} LightCase;

#define DUE HD_LIGHT_REASON_INSPECTION_DUE
#define NEVER HD_LIGHT_REASON_NEVER_INSPECTED
#define BELOW HD_LIGHT_REASON_BELOW_THRESHOLD
#define LINE HD_LIGHT_REASON_RED_LINE
#define OVERDUE HD_LIGHT_REASON_OVERDUE_RECTIFICATION
#define NOT_ALL HD_LIGHT_REASON_NOT_ALL_MET

static const LightCase light_cases[] = {
  { "never inspected", FALSE, NULL, FALSE, 0, 0, 0, 0, NULL, "2026-05-10", 60, HD_LIGHT_GREY, NEVER | DUE },
  { "never inspected ignores the rest", FALSE, NULL, TRUE, 10, 3, 3, 3, "2020-01-01", "2026-05-10", 60,
    HD_LIGHT_GREY, NEVER | DUE },
  { "all met this quarter", TRUE, "2026-04-20", TRUE, 100, 0, 0, 0, NULL, "2026-05-10", 60, HD_LIGHT_GREEN, 0 },
  { "inspected today", TRUE, "2026-05-10", TRUE, 100, 0, 0, 0, NULL, "2026-05-10", 60, HD_LIGHT_GREEN, 0 },
  { "partly met", TRUE, "2026-04-20", TRUE, 90, 1, 0, 0, NULL, "2026-05-10", 60, HD_LIGHT_YELLOW, NOT_ALL },
  { "not met but above threshold", TRUE, "2026-04-20", TRUE, 80, 0, 1, 0, NULL, "2026-05-10", 60,
    HD_LIGHT_YELLOW, NOT_ALL },
  { "last quarter", TRUE, "2026-03-20", TRUE, 100, 0, 0, 0, NULL, "2026-05-10", 60, HD_LIGHT_YELLOW, DUE },
  { "a year ago, same quarter", TRUE, "2025-05-01", TRUE, 100, 0, 0, 0, NULL, "2026-05-10", 60,
    HD_LIGHT_YELLOW, DUE },
  { "below threshold", TRUE, "2026-04-20", TRUE, 59.5, 0, 2, 0, NULL, "2026-05-10", 60, HD_LIGHT_RED, BELOW | NOT_ALL },
  { "at threshold is not red", TRUE, "2026-04-20", TRUE, 60, 0, 2, 0, NULL, "2026-05-10", 60, HD_LIGHT_YELLOW, NOT_ALL },
  { "rounding at threshold is not red", TRUE, "2026-04-20", TRUE, 59.99999999999999, 0, 2, 0, NULL, "2026-05-10", 60,
    HD_LIGHT_YELLOW, NOT_ALL },
  { "just below threshold", TRUE, "2026-04-20", TRUE, 59.99, 0, 2, 0, NULL, "2026-05-10", 60, HD_LIGHT_RED, BELOW | NOT_ALL },
  { "threshold 0 never red by score", TRUE, "2026-04-20", TRUE, 0, 0, 6, 0, NULL, "2026-05-10", 0, HD_LIGHT_YELLOW, NOT_ALL },
  { "threshold 100", TRUE, "2026-04-20", TRUE, 99, 1, 0, 0, NULL, "2026-05-10", 100, HD_LIGHT_RED, BELOW | NOT_ALL },
  { "n.a. only: no threshold", TRUE, "2026-04-20", FALSE, 0, 0, 0, 0, NULL, "2026-05-10", 60, HD_LIGHT_GREEN, 0 },
  { "red line", TRUE, "2026-04-20", TRUE, 100, 0, 0, 1, NULL, "2026-05-10", 60, HD_LIGHT_RED, LINE },
  { "red line and due", TRUE, "2026-01-20", TRUE, 100, 0, 0, 2, NULL, "2026-05-10", 60, HD_LIGHT_RED, LINE | DUE },
  { "open task due later", TRUE, "2026-04-20", TRUE, 90, 1, 0, 0, "2026-05-20", "2026-05-10", 60,
    HD_LIGHT_YELLOW, NOT_ALL },
  { "open task due today is in time", TRUE, "2026-04-20", TRUE, 90, 1, 0, 0, "2026-05-10", "2026-05-10", 60,
    HD_LIGHT_YELLOW, NOT_ALL },
  { "open task due yesterday is overdue", TRUE, "2026-04-20", TRUE, 90, 1, 0, 0, "2026-05-09", "2026-05-10", 60,
    HD_LIGHT_RED, OVERDUE | NOT_ALL },
  { "overdue task of a met subject", TRUE, "2026-04-20", TRUE, 100, 0, 0, 0, "2026-01-01", "2026-05-10", 60,
    HD_LIGHT_RED, OVERDUE },
  { "everything", TRUE, "2025-11-20", TRUE, 20, 1, 4, 1, "2026-01-01", "2026-05-10", 60,
    HD_LIGHT_RED, BELOW | LINE | OVERDUE | NOT_ALL | DUE },
  /* Quarter boundaries: 一季度一检查. */
  { "Mar 31 → Apr 1", TRUE, "2026-03-31", TRUE, 100, 0, 0, 0, NULL, "2026-04-01", 60, HD_LIGHT_YELLOW, DUE },
  { "Jan 1 → Mar 31", TRUE, "2026-01-01", TRUE, 100, 0, 0, 0, NULL, "2026-03-31", 60, HD_LIGHT_GREEN, 0 },
  { "Apr 1 → Jun 30", TRUE, "2026-04-01", TRUE, 100, 0, 0, 0, NULL, "2026-06-30", 60, HD_LIGHT_GREEN, 0 },
  { "Jun 30 → Jul 1", TRUE, "2026-06-30", TRUE, 100, 0, 0, 0, NULL, "2026-07-01", 60, HD_LIGHT_YELLOW, DUE },
  { "Sep 30 → Oct 1", TRUE, "2026-09-30", TRUE, 100, 0, 0, 0, NULL, "2026-10-01", 60, HD_LIGHT_YELLOW, DUE },
  { "Dec 31 → Jan 1", TRUE, "2025-12-31", TRUE, 100, 0, 0, 0, NULL, "2026-01-01", 60, HD_LIGHT_YELLOW, DUE },
  { "Oct 1 → Dec 31", TRUE, "2025-10-01", TRUE, 100, 0, 0, 0, NULL, "2025-12-31", 60, HD_LIGHT_GREEN, 0 },
  { "leap day", TRUE, "2028-02-29", TRUE, 100, 0, 0, 0, NULL, "2028-03-31", 60, HD_LIGHT_GREEN, 0 },
};

static void
fill_input (const LightCase *c,
            HdLightInput    *input)
{
  hd_light_input_init (input);
  input->inspected = c->inspected;
  if (c->last_date != NULL)
    input->last_date = date_of (c->last_date);
  input->has_score = c->has_score;
  input->score = c->score;
  input->n_partly = c->partly;
  input->n_not_met = c->not_met;
  input->red_lines_hit = c->red_lines;
  if (c->oldest_open_due != NULL)
    input->oldest_open_due = date_of (c->oldest_open_due);
}

static void
test_light_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (light_cases); i++)
    {
      const LightCase *c = &light_cases[i];
      HdLightInput input;
      GDate today = date_of (c->today);
      HdLightReasons reasons = 0xffff;
      HdLight light;

      g_test_message ("light case: %s", c->name);
      fill_input (c, &input);
      light = hd_light_compute (&input, &today, c->threshold, &reasons);
      g_assert_cmpstr (hd_light_to_string (light), ==, hd_light_to_string (c->light));
      g_assert_cmphex (reasons, ==, c->reasons);
      /* Reasons are optional. */
      g_assert_cmpint (hd_light_compute (&input, &today, c->threshold, NULL), ==, c->light);
    }
}

static void
test_light_of_score (void)
{
  static const struct {
    HdScoredAnswer answers[3];
    guint          n;
    HdLight        light;
  } cases[] = {
    { { { R, 1, MET }, { R, 1, MET } }, 2, HD_LIGHT_GREEN },
    { { { R, 1, MET }, { R, 1, PART } }, 2, HD_LIGHT_YELLOW },
    { { { R, 1, MET }, { R, 1, NOT } }, 2, HD_LIGHT_RED },      /* 50 < 60 */
    { { { R, 3, MET }, { R, 1, NOT } }, 2, HD_LIGHT_YELLOW },   /* 75 */
    { { { R, 1, MET }, { L, 1, NOT } }, 2, HD_LIGHT_RED },
    { { { R, 1, NA } }, 1, HD_LIGHT_GREEN },
    /* Fractional weights: 0.4 of 0.5 is 80. */
    { { { R, 0.2, MET }, { R, 0.2, MET }, { R, 0.1, NOT } }, 3, HD_LIGHT_YELLOW },
  };
  HdScore score;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      hd_score_answers (cases[i].answers, cases[i].n, &score);
      g_assert_cmpint (hd_light_of_score (&score, HD_DEFAULT_RED_THRESHOLD, NULL), ==, cases[i].light);
    }
  /* 0.1 + 0.1 + 0.1 of 0.5 is not exactly 60 in doubles, and must still count as 60. */
  {
    const HdScoredAnswer tricky[] = { { R, 0.1, MET }, { R, 0.1, MET }, { R, 0.1, MET },
                                      { R, 0.1, NOT }, { R, 0.1, NOT } };
    HdLightReasons reasons;

    hd_score_answers (tricky, G_N_ELEMENTS (tricky), &score);
    g_assert_cmpfloat_with_epsilon (score.score, 60.0, 1e-9);
    g_assert_cmpint (hd_light_of_score (&score, 60.0, &reasons), ==, HD_LIGHT_YELLOW);
    g_assert_cmphex (reasons, ==, NOT_ALL);
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Calendar                                                                                 */

static void
test_quarters (void)
{
  static const struct {
    const char *date;
    guint       quarter;
    const char *first, *last;
  } cases[] = {
    { "2026-01-01", 1, "2026-01-01", "2026-03-31" },
    { "2026-03-31", 1, "2026-01-01", "2026-03-31" },
    { "2026-04-01", 2, "2026-04-01", "2026-06-30" },
    { "2026-06-30", 2, "2026-04-01", "2026-06-30" },
    { "2026-07-01", 3, "2026-07-01", "2026-09-30" },
    { "2026-09-30", 3, "2026-07-01", "2026-09-30" },
    { "2026-10-01", 4, "2026-10-01", "2026-12-31" },
    { "2026-12-31", 4, "2026-10-01", "2026-12-31" },
    { "2028-02-29", 1, "2028-01-01", "2028-03-31" },
  };
  static const struct {
    const char *a, *b;
    gboolean    same;
  } pairs[] = {
    { "2026-03-31", "2026-04-01", FALSE },
    { "2025-12-31", "2026-01-01", FALSE },
    { "2026-01-01", "2026-03-31", TRUE },
    { "2025-02-01", "2026-02-01", FALSE },
    { "2026-11-22", "2026-10-01", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date = date_of (cases[i].date);
      GDate first, last;
      g_autofree char *first_text = NULL;
      g_autofree char *last_text = NULL;

      g_assert_cmpuint (hd_date_quarter (&date), ==, cases[i].quarter);
      hd_date_quarter_bounds (&date, &first, &last);
      first_text = hd_date_to_string (&first);
      last_text = hd_date_to_string (&last);
      g_assert_cmpstr (first_text, ==, cases[i].first);
      g_assert_cmpstr (last_text, ==, cases[i].last);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      GDate a = date_of (pairs[i].a), b = date_of (pairs[i].b);

      g_assert_cmpint (hd_date_same_quarter (&a, &b), ==, pairs[i].same);
      g_assert_cmpint (hd_date_same_quarter (&b, &a), ==, pairs[i].same);
    }
}

static void
test_time_zones (void)
{
  static const struct {
    const char *instant;   /* ISO 8601 UTC */
    const char *zone;      /* NULL: the default */
    const char *date;
  } cases[] = {
    /* The same instant is a different local date in different zones. */
    { "2026-03-31T23:30:00Z", "Asia/Shanghai", "2026-04-01" },
    { "2026-03-31T23:30:00Z", NULL, "2026-04-01" },
    { "2026-03-31T23:30:00Z", "UTC", "2026-03-31" },
    { "2026-03-31T15:59:59Z", "Asia/Shanghai", "2026-03-31" },
    { "2026-03-31T16:00:00Z", "Asia/Shanghai", "2026-04-01" },
    { "2025-12-31T16:30:00Z", "Asia/Shanghai", "2026-01-01" },
    { "2025-12-31T16:30:00Z", "UTC", "2025-12-31" },
    { "2026-01-01T03:00:00Z", "America/New_York", "2025-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GTimeZone) zone = cases[i].zone ? hd_time_zone_new (cases[i].zone) : NULL;
      g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (cases[i].instant, NULL);
      GDate today;
      g_autofree char *text = NULL;

      if (cases[i].zone != NULL && zone == NULL)
        {
          g_test_message ("zone %s unknown here (no tzdata?); skipped", cases[i].zone);
          continue;
        }
      g_assert_nonnull (now);
      today = hd_today_in_zone (zone, now);
      text = hd_date_to_string (&today);
      g_assert_cmpstr (text, ==, cases[i].date);
    }

  /* A site inspected on 15 March is due at 23:30 UTC on 31 March in Beijing, not yet in London. */
  {
    g_autoptr(GTimeZone) shanghai = hd_time_zone_new ("Asia/Shanghai");
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-03-31T23:30:00Z", NULL);
    GDate in_beijing = hd_today_in_zone (shanghai, now);
    GDate in_utc = hd_today_in_zone (utc, now);
    HdLightInput input;
    HdLightReasons reasons;

    hd_light_input_init (&input);
    input.inspected = TRUE;
    input.last_date = date_of ("2026-03-15");
    input.has_score = TRUE;
    input.score = 100;
    g_assert_cmpint (hd_light_compute (&input, &in_beijing, 60, &reasons), ==, HD_LIGHT_YELLOW);
    g_assert_cmphex (reasons, ==, DUE);
    g_assert_cmpint (hd_light_compute (&input, &in_utc, 60, &reasons), ==, HD_LIGHT_GREEN);
  }

  g_assert_null (hd_time_zone_new ("Not/A_Zone"));
  {
    g_autoptr(GTimeZone) fallback = hd_time_zone_new (NULL);

    g_assert_nonnull (fallback);
  }
}

static void
test_dates (void)
{
  static const char *bad[] = {
    "", "2026-1-01", "2026-02-30", "2026-13-01", "2026-00-10", "0000-01-01", "2026/01/01",
    "2026-01-01T00:00", " 2026-01-01", "２０２６-01-01", "abcd-ef-gh",
  };
  GDate date;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_date_clear (&date, 1);
      g_assert_false (hd_date_parse (bad[i], &date));
      g_assert_false (g_date_valid (&date));
    }
  g_assert_false (hd_date_parse (NULL, &date));
  g_assert_true (hd_date_parse ("2028-02-29", &date));
  text = hd_date_to_string (&date);
  g_assert_cmpstr (text, ==, "2028-02-29");
}

static void
test_strings (void)
{
  HdAnswer answer;
  HdItemKind kind;
  HdLight light;
  g_autofree char *described = NULL;
  g_autofree char *none = NULL;

  for (HdAnswer a = HD_ANSWER_MET; a <= HD_ANSWER_NA; a++)
    {
      g_assert_true (hd_answer_from_string (hd_answer_to_string (a), &answer));
      g_assert_cmpint (answer, ==, a);
      g_assert_cmpstr (hd_answer_label (a), !=, "");
    }
  /* "none" is never a stored answer. */
  answer = HD_ANSWER_MET;
  g_assert_false (hd_answer_from_string ("none", &answer));
  g_assert_false (hd_answer_from_string ("yes", &answer));
  g_assert_cmpint (answer, ==, HD_ANSWER_MET);
  g_assert_cmpstr (hd_answer_to_string (HD_ANSWER_NOT_MET), ==, "not_met");

  g_assert_true (hd_item_kind_from_string ("red_line", &kind));
  g_assert_cmpint (kind, ==, HD_ITEM_KIND_RED_LINE);
  g_assert_false (hd_item_kind_from_string ("redline", &kind));

  for (HdLight l = HD_LIGHT_GREY; l <= HD_LIGHT_RED; l++)
    {
      g_assert_true (hd_light_from_string (hd_light_to_string (l), &light));
      g_assert_cmpint (light, ==, l);
      g_assert_cmpstr (hd_light_label (l), !=, "");
    }

  described = hd_light_reasons_describe (HD_LIGHT_REASON_RED_LINE | HD_LIGHT_REASON_INSPECTION_DUE);
  g_assert_cmpstr (described, ==, "A red line was hit; Not inspected this quarter");
  none = hd_light_reasons_describe (HD_LIGHT_REASON_NONE);
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (hd_light_reason_label (HD_LIGHT_REASON_RED_LINE | HD_LIGHT_REASON_NOT_ALL_MET), ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/light/score", test_score_table);
  g_test_add_func ("/light/rules", test_light_table);
  g_test_add_func ("/light/of-score", test_light_of_score);
  g_test_add_func ("/light/quarters", test_quarters);
  g_test_add_func ("/light/time-zones", test_time_zones);
  g_test_add_func ("/light/dates", test_dates);
  g_test_add_func ("/light/strings", test_strings);
  return g_test_run ();
}
