/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-plan-status"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "hd-plan-status.h"
#include "hd-types.h"

G_DEFINE_ENUM_TYPE (HdPlanStatus, hd_plan_status,
  G_DEFINE_ENUM_VALUE (HD_PLAN_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (HD_PLAN_STATUS_ON_TRACK, "on-track"),
  G_DEFINE_ENUM_VALUE (HD_PLAN_STATUS_AT_RISK, "at-risk"),
  G_DEFINE_ENUM_VALUE (HD_PLAN_STATUS_BEHIND, "behind"))

HD_DEFINE_ENUM_STRINGS (HdPlanStatus, hd_plan_status, HD_TYPE_PLAN_STATUS)

const char *
hd_plan_status_label (HdPlanStatus status)
{
  switch (status)
    {
    case HD_PLAN_STATUS_ON_TRACK: return C_("plan status", "On track");
    case HD_PLAN_STATUS_AT_RISK: return C_("plan status", "At risk");
    case HD_PLAN_STATUS_BEHIND: return C_("plan status", "Behind");
    case HD_PLAN_STATUS_UNKNOWN:
    default: return C_("plan status", "No data");
    }
}

int
hd_plan_year_index (int          first_year,
                    const GDate *date)
{
  int index;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);
  index = (int) g_date_get_year (date) - first_year;
  return CLAMP (index, 0, 2);
}

/* Days since 1 January of @first_year (0 on that day). */
static double
days_since_start (int          first_year,
                  const GDate *date)
{
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, G_DATE_JANUARY, (GDateYear) first_year);
  return (double) g_date_days_between (&start, date);
}

/* Days from 1 January of @first_year to 1 January of @first_year + @years. */
static double
days_to_year (int first_year,
              int years)
{
  GDate start, end;

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  g_date_set_dmy (&start, 1, G_DATE_JANUARY, (GDateYear) first_year);
  g_date_set_dmy (&end, 1, G_DATE_JANUARY, (GDateYear) (first_year + years));
  return (double) g_date_days_between (&start, &end);
}

double
hd_plan_expected_value (int           first_year,
                        const double  targets[3],
                        double        baseline,
                        const GDate  *date)
{
  double t, t0 = 0.0, v0;

  g_return_val_if_fail (targets != NULL, NAN);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NAN);
  g_return_val_if_fail (first_year >= 1 && first_year <= 9000, NAN);

  if (isnan (targets[0]) && isnan (targets[1]) && isnan (targets[2]))
    return NAN;
  v0 = isnan (baseline) ? 0.0 : baseline;
  t = days_since_start (first_year, date);
  if (t <= 0)
    return v0;
  for (int i = 0; i < 3; i++)
    {
      double t1;

      if (isnan (targets[i]))
        continue;
      /* The end of year i is the start of year i + 1: the target is due on its last day. */
      t1 = days_to_year (first_year, i + 1);
      if (t <= t1)
        return v0 + (targets[i] - v0) * (t - t0) / (t1 - t0);
      t0 = t1;
      v0 = targets[i];
    }
  return v0;
}

static double
final_target (const double targets[3])
{
  for (int i = 2; i >= 0; i--)
    if (!isnan (targets[i]))
      return targets[i];
  return NAN;
}

HdPlanStatus
hd_plan_status_compute (int           first_year,
                        const double  targets[3],
                        double        baseline,
                        double        actual,
                        gboolean      higher_is_better,
                        const GDate  *date)
{
  double expected, shortfall, scale, base;

  g_return_val_if_fail (targets != NULL, HD_PLAN_STATUS_UNKNOWN);
  g_return_val_if_fail (date != NULL && g_date_valid (date), HD_PLAN_STATUS_UNKNOWN);

  if (isnan (actual) || days_since_start (first_year, date) < 0)
    return HD_PLAN_STATUS_UNKNOWN;
  expected = hd_plan_expected_value (first_year, targets, baseline, date);
  if (isnan (expected))
    return HD_PLAN_STATUS_UNKNOWN;

  base = isnan (baseline) ? 0.0 : baseline;
  shortfall = higher_is_better ? expected - actual : actual - expected;
  if (shortfall <= 0)
    return HD_PLAN_STATUS_ON_TRACK;
  scale = MAX (fabs (expected), fabs (final_target (targets) - base));
  if (shortfall <= HD_PLAN_STATUS_TOLERANCE * scale)
    return HD_PLAN_STATUS_AT_RISK;
  return HD_PLAN_STATUS_BEHIND;
}

double
hd_plan_year_percent (int           first_year,
                      const double  targets[3],
                      double        actual,
                      gboolean      higher_is_better,
                      const GDate  *date)
{
  double target, percent;

  g_return_val_if_fail (targets != NULL, NAN);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NAN);

  target = targets[hd_plan_year_index (first_year, date)];
  if (isnan (target) || isnan (actual))
    return NAN;
  if (higher_is_better)
    {
      if (target <= 0)
        percent = actual >= target ? 100.0 : 0.0;
      else
        percent = 100.0 * actual / target;
    }
  else
    {
      if (actual <= target)
        percent = 100.0;
      else
        percent = actual > 0 ? 100.0 * MAX (target, 0.0) / actual : 0.0;
    }
  return CLAMP (percent, 0.0, 100.0);
}
