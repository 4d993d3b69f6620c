/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-light"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "hd-light.h"
#include "hd-types.h"

G_DEFINE_ENUM_TYPE (HdAnswer, hd_answer,
  G_DEFINE_ENUM_VALUE (HD_ANSWER_NONE, "none"),
  G_DEFINE_ENUM_VALUE (HD_ANSWER_MET, "met"),
  G_DEFINE_ENUM_VALUE (HD_ANSWER_PARTLY, "partly"),
  G_DEFINE_ENUM_VALUE (HD_ANSWER_NOT_MET, "not_met"),
  G_DEFINE_ENUM_VALUE (HD_ANSWER_NA, "na"))

G_DEFINE_ENUM_TYPE (HdItemKind, hd_item_kind,
  G_DEFINE_ENUM_VALUE (HD_ITEM_KIND_REQUIREMENT, "requirement"),
  G_DEFINE_ENUM_VALUE (HD_ITEM_KIND_RED_LINE, "red_line"))

G_DEFINE_ENUM_TYPE (HdLight, hd_light,
  G_DEFINE_ENUM_VALUE (HD_LIGHT_GREY, "grey"),
  G_DEFINE_ENUM_VALUE (HD_LIGHT_GREEN, "green"),
  G_DEFINE_ENUM_VALUE (HD_LIGHT_YELLOW, "yellow"),
  G_DEFINE_ENUM_VALUE (HD_LIGHT_RED, "red"))

G_DEFINE_FLAGS_TYPE (HdLightReasons, hd_light_reasons,
  G_DEFINE_ENUM_VALUE (HD_LIGHT_REASON_NONE, "none"),
  G_DEFINE_ENUM_VALUE (HD_LIGHT_REASON_NEVER_INSPECTED, "never-inspected"),
  G_DEFINE_ENUM_VALUE (HD_LIGHT_REASON_BELOW_THRESHOLD, "below-threshold"),
  G_DEFINE_ENUM_VALUE (HD_LIGHT_REASON_RED_LINE, "red-line"),
  G_DEFINE_ENUM_VALUE (HD_LIGHT_REASON_OVERDUE_RECTIFICATION, "overdue-rectification"),
  G_DEFINE_ENUM_VALUE (HD_LIGHT_REASON_NOT_ALL_MET, "not-all-met"),
  G_DEFINE_ENUM_VALUE (HD_LIGHT_REASON_INSPECTION_DUE, "inspection-due"))

const char *
hd_answer_to_string (HdAnswer answer)
{
  return hd_enum_to_nick (HD_TYPE_ANSWER, answer);
}

gboolean
hd_answer_from_string (const char *str,
                       HdAnswer   *out)
{
  int v;

  /* "none" is the enum's nick but never a stored answer. */
  if (g_strcmp0 (str, "none") == 0 || !hd_enum_from_nick (HD_TYPE_ANSWER, str, &v))
    return FALSE;
  *out = (HdAnswer) v;
  return TRUE;
}

HD_DEFINE_ENUM_STRINGS (HdItemKind, hd_item_kind, HD_TYPE_ITEM_KIND)
HD_DEFINE_ENUM_STRINGS (HdLight, hd_light, HD_TYPE_LIGHT)

const char *
hd_answer_label (HdAnswer answer)
{
  switch (answer)
    {
    case HD_ANSWER_NONE: return C_("inspection answer", "Not answered");
    case HD_ANSWER_MET: return C_("inspection answer", "Met");
    case HD_ANSWER_PARTLY: return C_("inspection answer", "Partly met");
    case HD_ANSWER_NOT_MET: return C_("inspection answer", "Not met");
    case HD_ANSWER_NA: return C_("inspection answer", "Not applicable");
    default: g_return_val_if_reached ("");
    }
}

const char *
hd_item_kind_label (HdItemKind kind)
{
  switch (kind)
    {
    case HD_ITEM_KIND_REQUIREMENT: return C_("standard item kind", "Requirement");
    case HD_ITEM_KIND_RED_LINE: return C_("standard item kind", "Red line");
    default: g_return_val_if_reached ("");
    }
}

const char *
hd_light_label (HdLight light)
{
  switch (light)
    {
    case HD_LIGHT_GREY: return C_("light", "Not inspected");
    case HD_LIGHT_GREEN: return C_("light", "Green");
    case HD_LIGHT_YELLOW: return C_("light", "Yellow");
    case HD_LIGHT_RED: return C_("light", "Red");
    default: g_return_val_if_reached ("");
    }
}

const char *
hd_light_reason_label (HdLightReasons reason)
{
  switch ((guint) reason)
    {
    case HD_LIGHT_REASON_NEVER_INSPECTED: return C_("light reason", "Never inspected");
    case HD_LIGHT_REASON_BELOW_THRESHOLD: return C_("light reason", "Score below the threshold");
    case HD_LIGHT_REASON_RED_LINE: return C_("light reason", "A red line was hit");
    case HD_LIGHT_REASON_OVERDUE_RECTIFICATION: return C_("light reason", "A rectification is overdue");
    case HD_LIGHT_REASON_NOT_ALL_MET: return C_("light reason", "Some requirements are not fully met");
    case HD_LIGHT_REASON_INSPECTION_DUE: return C_("light reason", "Not inspected this quarter");
    default: return "";
    }
}

char *
hd_light_reasons_describe (HdLightReasons reasons)
{
  GString *text = g_string_new (NULL);

  for (guint bit = 1; bit <= HD_LIGHT_REASON_INSPECTION_DUE; bit <<= 1)
    if (reasons & bit)
      {
        if (text->len > 0)
          /* Translators: joins the reasons for a light, e.g. "Red line; Not inspected this quarter". */
          g_string_append (text, C_("light reason separator", "; "));
        g_string_append (text, hd_light_reason_label ((HdLightReasons) bit));
      }
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Scoring                                                                                    */

void
hd_score_answers (const HdScoredAnswer *answers,
                  guint                 n_answers,
                  HdScore              *out)
{
  double earned = 0.0, possible = 0.0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (answers != NULL || n_answers == 0);

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < n_answers; i++)
    {
      const HdScoredAnswer *a = &answers[i];
      /* A negative or NaN weight cannot come from the store (CHECK weight >= 0); treat it as 0
       * rather than let it turn a score negative. */
      double weight = isfinite (a->weight) && a->weight > 0.0 ? a->weight : 0.0;

      if (a->answer == HD_ANSWER_NONE)
        {
          out->n_unanswered++;
          continue;
        }
      if (a->answer == HD_ANSWER_NA)
        {
          out->n_na++;
          continue;
        }
      if (a->kind == HD_ITEM_KIND_RED_LINE)
        {
          /* A red line is "must not happen": met means it did not happen. */
          if (a->answer == HD_ANSWER_PARTLY || a->answer == HD_ANSWER_NOT_MET)
            out->red_lines_hit++;
          continue;
        }
      switch (a->answer)
        {
        case HD_ANSWER_MET:
          out->n_met++;
          earned += weight;
          break;
        case HD_ANSWER_PARTLY:
          out->n_partly++;
          earned += weight * 0.5;
          break;
        case HD_ANSWER_NOT_MET:
          out->n_not_met++;
          break;
        case HD_ANSWER_NONE:
        case HD_ANSWER_NA:
        default:
          g_assert_not_reached ();
        }
      possible += weight;
    }
  if (possible > 0.0)
    {
      out->has_score = TRUE;
      out->score = CLAMP (100.0 * earned / possible, 0.0, 100.0);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Lights                                                                                     */

void
hd_light_input_init (HdLightInput *input)
{
  g_return_if_fail (input != NULL);

  memset (input, 0, sizeof *input);
  g_date_clear (&input->last_date, 1);
  g_date_clear (&input->oldest_open_due, 1);
}

/* Weighted scores are sums of products of doubles: 3 × 0.2 of 1.0 is 59.99999999999999%, not
 * 60%, and must not turn a light red at a threshold of 60. */
static gboolean
below_threshold (double score,
                 double threshold)
{
  return score < threshold - 1e-9;
}

HdLight
hd_light_of_score (const HdScore  *score,
                   double          red_threshold,
                   HdLightReasons *reasons)
{
  HdLightReasons why = HD_LIGHT_REASON_NONE;

  g_return_val_if_fail (score != NULL, HD_LIGHT_GREY);

  if (score->has_score && below_threshold (score->score, red_threshold))
    why |= HD_LIGHT_REASON_BELOW_THRESHOLD;
  if (score->red_lines_hit > 0)
    why |= HD_LIGHT_REASON_RED_LINE;
  if (score->n_partly + score->n_not_met > 0)
    why |= HD_LIGHT_REASON_NOT_ALL_MET;
  if (reasons != NULL)
    *reasons = why;
  if (why & (HD_LIGHT_REASON_BELOW_THRESHOLD | HD_LIGHT_REASON_RED_LINE))
    return HD_LIGHT_RED;
  if (why & HD_LIGHT_REASON_NOT_ALL_MET)
    return HD_LIGHT_YELLOW;
  return HD_LIGHT_GREEN;
}

HdLight
hd_light_compute (const HdLightInput *input,
                  const GDate        *today,
                  double              red_threshold,
                  HdLightReasons     *reasons)
{
  HdLightReasons why = HD_LIGHT_REASON_NONE;
  HdLight light;

  g_return_val_if_fail (input != NULL, HD_LIGHT_GREY);
  g_return_val_if_fail (today != NULL && g_date_valid (today), HD_LIGHT_GREY);

  if (!input->inspected || !g_date_valid (&input->last_date))
    {
      /* Never inspected is also due: the queue lists it first. */
      if (reasons != NULL)
        *reasons = HD_LIGHT_REASON_NEVER_INSPECTED | HD_LIGHT_REASON_INSPECTION_DUE;
      return HD_LIGHT_GREY;
    }

  if (input->has_score && below_threshold (input->score, red_threshold))
    why |= HD_LIGHT_REASON_BELOW_THRESHOLD;
  if (input->red_lines_hit > 0)
    why |= HD_LIGHT_REASON_RED_LINE;
  /* The due day itself is still in time. */
  if (g_date_valid (&input->oldest_open_due) && g_date_compare (&input->oldest_open_due, today) < 0)
    why |= HD_LIGHT_REASON_OVERDUE_RECTIFICATION;
  if (input->n_partly + input->n_not_met > 0)
    why |= HD_LIGHT_REASON_NOT_ALL_MET;
  if (!hd_date_same_quarter (&input->last_date, today))
    why |= HD_LIGHT_REASON_INSPECTION_DUE;

  if (why & (HD_LIGHT_REASON_BELOW_THRESHOLD | HD_LIGHT_REASON_RED_LINE |
             HD_LIGHT_REASON_OVERDUE_RECTIFICATION))
    light = HD_LIGHT_RED;
  else if (why & (HD_LIGHT_REASON_NOT_ALL_MET | HD_LIGHT_REASON_INSPECTION_DUE))
    light = HD_LIGHT_YELLOW;
  else
    light = HD_LIGHT_GREEN;
  if (reasons != NULL)
    *reasons = why;
  return light;
}

/* ------------------------------------------------------------------------------------------ */
/* Calendar                                                                                   */

GTimeZone *
hd_time_zone_new (const char *identifier)
{
  GTimeZone *zone;

  if (identifier == NULL)
    identifier = HD_DEFAULT_TIME_ZONE;
  zone = g_time_zone_new_identifier (identifier);
  /* A minimal container may lack tzdata; China has kept UTC+8 without daylight saving since
   * 1991, so the default zone does not need the database. */
  if (zone == NULL && g_str_equal (identifier, HD_DEFAULT_TIME_ZONE))
    zone = g_time_zone_new_offset (8 * 3600);
  return zone;
}

GDate
hd_today_in_zone (GTimeZone *zone,
                  GDateTime *now)
{
  g_autoptr(GTimeZone) own_zone = NULL;
  g_autoptr(GDateTime) own_now = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDate today;
  int year, month, day;

  g_date_clear (&today, 1);
  if (zone == NULL)
    zone = own_zone = hd_time_zone_new (NULL);
  if (now == NULL)
    now = own_now = g_date_time_new_now_utc ();
  local = g_date_time_to_timezone (now, zone);
  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_set_dmy (&today, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return today;
}

guint
hd_date_quarter (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  return (g_date_get_month (date) - 1) / 3 + 1;
}

gboolean
hd_date_same_quarter (const GDate *a,
                      const GDate *b)
{
  g_return_val_if_fail (a != NULL && g_date_valid (a), FALSE);
  g_return_val_if_fail (b != NULL && g_date_valid (b), FALSE);

  return g_date_get_year (a) == g_date_get_year (b) && hd_date_quarter (a) == hd_date_quarter (b);
}

void
hd_date_quarter_bounds (const GDate *date,
                        GDate       *first,
                        GDate       *last)
{
  GDateMonth first_month;
  GDateYear year;

  g_return_if_fail (date != NULL && g_date_valid (date));

  first_month = (GDateMonth) ((hd_date_quarter (date) - 1) * 3 + 1);
  year = g_date_get_year (date);
  if (first != NULL)
    {
      g_date_clear (first, 1);
      g_date_set_dmy (first, 1, first_month, year);
    }
  if (last != NULL)
    {
      GDateMonth last_month = (GDateMonth) (first_month + 2);

      g_date_clear (last, 1);
      g_date_set_dmy (last, g_date_get_days_in_month (last_month, year), last_month, year);
    }
}

gboolean
hd_date_parse (const char *text,
               GDate      *out)
{
  guint year, month, day;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  /* Digits by hand: the lights parse two dates per site, 100k sites at a time. */
  year = (guint) ((text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0'));
  month = (guint) ((text[5] - '0') * 10 + (text[6] - '0'));
  day = (guint) ((text[8] - '0') * 10 + (text[9] - '0'));
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
hd_date_to_string (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}
