/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inspections: suggestions from the data, finishing, rectification tasks and their life cycle,
 * corrections, history, the due queue, lights for a whole workspace, and an autosave that
 * survives the process being killed. */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "hd-inspection.h"
#include "hd-standards-private.h"
#include "hd-test-sample.h"
#include "hd-test-snapshot.h"
#include "hd-test-sites.h"
#include "hd-test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  HdStore *store;
  /* The hand-made workspace: 福州市 > 鼓楼区 > 东街街道, and 台江区 beside 鼓楼区. */
  char    *city, *gulou, *dongjie, *taijiang;
  char    *six_haves, *five_basics, *five_ones;
  guint    inspections_changed, rectifications_changed;
} Fixture;

static void
on_changed (HdStore  *store,
            guint     kinds,
            GStrv     ids,
            Fixture  *f)
{
  if (kinds & HD_CHANGE_INSPECTIONS)
    f->inspections_changed++;
  if (kinds & HD_CHANGE_RECTIFICATIONS)
    f->rectifications_changed++;
}

static char *
add_site (Fixture    *f,
          const char *name,
          HdSiteKind  kind,
          const char *region)
{
  g_autoptr(HdSite) site = hd_site_new ();
  g_autoptr(GError) error = NULL;

  hd_site_set_name (site, name);
  hd_site_set_kind (site, kind);
  hd_site_set_region_id (site, region);
  g_assert_true (hd_store_save_site (f->store, site, &error));
  g_assert_no_error (error);
  return g_strdup (hd_site_get_id (site));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = hd_test_dir_new ();
  f->store = hd_test_store_new (f->dir, "work.db", &f->path);
  f->city = hd_test_add_region (f->store, "福州市", HD_REGION_LEVEL_CITY, NULL);
  f->gulou = hd_test_add_region (f->store, "鼓楼区", HD_REGION_LEVEL_DISTRICT, f->city);
  f->dongjie = hd_test_add_region (f->store, "东街街道", HD_REGION_LEVEL_TOWN, f->gulou);
  f->taijiang = hd_test_add_region (f->store, "台江区", HD_REGION_LEVEL_DISTRICT, f->city);
  f->six_haves = hd_test_standard_set_id (f->store, HD_STANDARD_SIX_HAVES);
  f->five_basics = hd_test_standard_set_id (f->store, HD_STANDARD_FIVE_BASICS);
  f->five_ones = hd_test_standard_set_id (f->store, HD_STANDARD_FIVE_ONES);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  hd_test_dir_free (f->dir);
  g_free (f->path);
  g_free (f->city);
  g_free (f->gulou);
  g_free (f->dongjie);
  g_free (f->taijiang);
  g_free (f->six_haves);
  g_free (f->five_basics);
  g_free (f->five_ones);
}

static char *
snapshot (Fixture *f)
{
  return hd_test_snapshot (hd_store_get_db (f->store));
}

/* The item id of @code in @set_id. */
static char *
item_id (Fixture    *f,
         const char *set_id,
         const char *code)
{
  g_autoptr(GListStore) items = hd_store_list_standard_items (f->store, set_id, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
    {
      g_autoptr(HdStandardItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);

      if (g_str_equal (hd_standard_item_get_code (item), code))
        return g_strdup (hd_standard_item_get_id (item));
    }
  g_error ("no item %s", code);
}

/* Starts an inspection and answers it: @answers is "code=answer,code=answer" (answers as stored:
 * met, partly, not_met, na); unlisted items are met. With @finish, finishes it. */
static char *
inspect (Fixture       *f,
         HdSubjectKind  kind,
         const char    *subject,
         const char    *set_id,
         const char    *date_text,
         const char    *answers,
         gboolean       finish)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(GListStore) items = NULL;
  g_auto(GStrv) pairs = g_strsplit (answers ? answers : "", ",", -1);
  GDate date = hd_test_date (date_text);

  inspection = hd_store_start_inspection (f->store, kind, subject, set_id, "市委组织部督导组 王敏", &date, &error);
  g_assert_no_error (error);
  items = hd_store_list_standard_items (f->store, set_id, &error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
    {
      g_autoptr(HdStandardItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);
      HdAnswer answer = HD_ANSWER_MET;

      for (guint p = 0; pairs[p] != NULL; p++)
        {
          g_auto(GStrv) kv = g_strsplit (pairs[p], "=", 2);

          if (kv[0] && kv[1] && g_str_equal (kv[0], hd_standard_item_get_code (item)))
            g_assert_true (hd_answer_from_string (kv[1], &answer));
        }
      g_assert_true (hd_store_set_inspection_answer (f->store, hd_inspection_get_id (inspection),
                                                     hd_standard_item_get_id (item), answer, &error));
      g_assert_no_error (error);
    }
  if (finish)
    {
      g_assert_true (hd_store_finish_inspection (f->store, hd_inspection_get_id (inspection), &error));
      g_assert_no_error (error);
    }
  return g_strdup (hd_inspection_get_id (inspection));
}

static GListStore *
open_tasks (Fixture    *f,
            const char *subject,
            const char *today)
{
  HdRectificationFilter filter = { 0 };
  GDate day = hd_test_date (today);
  g_autoptr(GError) error = NULL;
  GListStore *tasks;

  filter.subject_id = subject;
  tasks = hd_store_list_rectifications (f->store, &filter, &day, &error);
  g_assert_no_error (error);
  return tasks;
}

static HdRectification *
task_for (GListStore *tasks,
          const char *item_code)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tasks)); i++)
    {
      HdRectification *task = g_list_model_get_item (G_LIST_MODEL (tasks), i);

      if (g_strcmp0 (hd_rectification_get_item_code (task), item_code) == 0)
        return task;
      g_object_unref (task);
    }
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Suggestions on the sample                                                                */

static HdInspectionAnswer *
answer_row (GListStore *answers,
            const char *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (answers)); i++)
    {
      HdInspectionAnswer *row = g_list_model_get_item (G_LIST_MODEL (answers), i);

      if (g_str_equal (hd_inspection_answer_get_code (row), code))
        return row;
      g_object_unref (row);
    }
  g_error ("no row %s", code);
}

static void
assert_suggested (GListStore *answers,
                  const char *code,
                  HdAnswer    answer,
                  gboolean    suggested)
{
  g_autoptr(HdInspectionAnswer) row = answer_row (answers, code);

  g_assert_cmpstr (hd_answer_to_string (hd_inspection_answer_get_answer (row)), ==, hd_answer_to_string (answer));
  g_assert_cmpint (hd_inspection_answer_get_suggested (row), ==, suggested);
}

static char *
belt_named (HdStore    *store,
            const char *name)
{
  GListModel *belts = hd_store_get_belts (store);

  for (guint i = 0; i < g_list_model_get_n_items (belts); i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (belts, i);

      if (g_str_equal (hd_belt_get_name (belt), name))
        return g_strdup (hd_belt_get_id (belt));
    }
  g_error ("no belt %s", name);
}

static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = hd_test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "sample.db", NULL);
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autoptr(GHashTable) sites = NULL;
  g_autoptr(GHashTable) belts = NULL;
  g_autoptr(GListStore) all = NULL;
  g_autoptr(GListStore) answers = NULL;
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(HdBelt) belt = NULL;
  g_autofree char *louyu = NULL;
  g_autofree char *five_id = NULL;
  g_autofree char *red_square = NULL;
  GDate today;
  guint by_light[HD_N_LIGHTS] = { 0 };
  guint n = 0;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);
  g_assert_true (hd_store_load_sample (store, &error));
  g_assert_no_error (error);
  today = hd_store_get_today (store);

  /* Every light is in the sample, and each belt inspections.json inspects has a light. */
  g_assert_true (hd_store_compute_lights (store, &today, &sites, &belts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (sites), ==, g_list_model_get_n_items (hd_store_get_sites (store)));
  g_hash_table_iter_init (&iter, sites);
  while (g_hash_table_iter_next (&iter, &key, &value))
    by_light[GPOINTER_TO_INT (value)]++;
  for (int l = HD_LIGHT_GREY; l <= HD_LIGHT_RED; l++)
    g_assert_cmpuint (by_light[l], >=, 3);
  g_hash_table_iter_init (&iter, belts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    n += GPOINTER_TO_INT (value) != HD_LIGHT_GREY;
  g_assert_cmpuint (n, ==, hd_test_sample_inspected_belts ());
  g_assert_cmpuint (n, <, g_hash_table_size (belts));

  /* Open and overdue tasks. */
  {
    HdRectificationFilter overdue = { .overdue_only = TRUE };
    g_autoptr(GListStore) open = hd_store_list_rectifications (store, NULL, &today, &error);
    g_autoptr(GListStore) late = hd_store_list_rectifications (store, &overdue, &today, &error);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (late)), >=, 3);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (open)), >,
                      g_list_model_get_n_items (G_LIST_MODEL (late)));
  }
  all = hd_store_list_inspections (store, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), >=, 30);

  /* Suggestions from the map: 楼宇党建示范带 has a service center and a corridor, no red-culture
   * square and no logo. */
  louyu = belt_named (store, "楼宇党建示范带");
  {
    g_autoptr(HdStandardSet) five = hd_store_find_standard_set (store, HD_STANDARD_FIVE_ONES, &error);
    guint suggested = 0;

    inspection = hd_store_start_inspection (store, HD_SUBJECT_BELT, louyu, hd_standard_set_get_id (five),
                                            "市委组织部督导组 王敏", &today, &error);
    g_assert_no_error (error);
    five_id = g_strdup (hd_standard_set_get_id (five));
    g_assert_true (hd_store_suggest_inspection_answers (store, hd_inspection_get_id (inspection), &suggested, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (suggested, ==, 5);
  }
  answers = hd_store_list_inspection_answers (store, hd_inspection_get_id (inspection), &error);
  assert_suggested (answers, "route", HD_ANSWER_MET, TRUE);
  assert_suggested (answers, "service_center", HD_ANSWER_MET, TRUE);
  assert_suggested (answers, "corridor", HD_ANSWER_MET, TRUE);
  assert_suggested (answers, "red_square", HD_ANSWER_NOT_MET, TRUE);
  assert_suggested (answers, "red_logo", HD_ANSWER_NOT_MET, TRUE);

  /* Finishing waits for the inspector to confirm the suggestions. */
  g_assert_false (hd_store_finish_inspection (store, hd_inspection_get_id (inspection), &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "5 suggested answers are not confirmed"));
  g_clear_error (&error);

  /* The inspector saw a square being built: partly. That is theirs; a second suggestion run
   * leaves it alone. */
  g_free (red_square);
  {
    g_autoptr(HdInspectionAnswer) row = answer_row (answers, "red_square");

    red_square = g_strdup (hd_inspection_answer_get_item_id (row));
  }
  g_assert_true (hd_store_set_inspection_answer (store, hd_inspection_get_id (inspection), red_square,
                                                 HD_ANSWER_PARTLY, &error));
  {
    guint again = 99;

    g_assert_true (hd_store_suggest_inspection_answers (store, hd_inspection_get_id (inspection), &again, &error));
    g_assert_cmpuint (again, ==, 0);
  }
  g_clear_object (&answers);
  answers = hd_store_list_inspection_answers (store, hd_inspection_get_id (inspection), &error);
  assert_suggested (answers, "red_square", HD_ANSWER_PARTLY, FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (answers)); i++)
    {
      g_autoptr(HdInspectionAnswer) row = g_list_model_get_item (G_LIST_MODEL (answers), i);

      g_assert_true (hd_store_set_inspection_answer (store, hd_inspection_get_id (inspection),
                                                     hd_inspection_answer_get_item_id (row),
                                                     hd_inspection_answer_get_answer (row), &error));
    }
  g_assert_true (hd_store_finish_inspection (store, hd_inspection_get_id (inspection), &error));
  g_assert_no_error (error);

  /* A logo whose file is not there (moved, another computer's path) is no logo in use. */
  belt = hd_belt_new ();
  hd_belt_copy_from (belt, hd_store_lookup_belt (store, louyu));
  hd_belt_set_logo_path (belt, "/home/inspector/logos/louyu.png");
  g_assert_true (hd_store_save_belt (store, belt, &error));
  g_clear_object (&inspection);
  g_clear_object (&answers);
  inspection = hd_store_start_inspection (store, HD_SUBJECT_BELT, louyu, five_id, "王敏", &today, &error);
  g_assert_true (hd_store_suggest_inspection_answers (store, hd_inspection_get_id (inspection), NULL, &error));
  answers = hd_store_list_inspection_answers (store, hd_inspection_get_id (inspection), &error);
  assert_suggested (answers, "red_logo", HD_ANSWER_NOT_MET, TRUE);

  /* With a logo image set on the belt, red_logo is suggested met. */
  {
    g_autofree char *logo = g_build_filename (f->dir, "louyu-logo.png", NULL);
    static const guchar png[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R' };

    g_assert_true (g_file_set_contents (logo, (const char *) png, sizeof png, NULL));
    g_assert_true (hd_store_set_belt_logo (store, louyu, logo, &error));
    g_assert_no_error (error);
    g_assert_true (hd_store_delete_inspection (store, hd_inspection_get_id (inspection), &error));
    g_assert_no_error (error);
  }
  g_clear_object (&inspection);
  g_clear_object (&answers);
  inspection = hd_store_start_inspection (store, HD_SUBJECT_BELT, louyu, five_id, "王敏", &today, &error);
  g_assert_no_error (error);
  g_assert_true (hd_store_suggest_inspection_answers (store, hd_inspection_get_id (inspection), NULL, &error));
  answers = hd_store_list_inspection_answers (store, hd_inspection_get_id (inspection), &error);
  assert_suggested (answers, "red_logo", HD_ANSWER_MET, TRUE);

  /* A site inspection with the six haves gets no suggestions, and that is not an error. */
  {
    g_autoptr(HdInspection) site_inspection = NULL;
    g_autoptr(HdSite) site = g_list_model_get_item (hd_store_get_sites (store), 0);
    g_autoptr(HdStandardSet) six = hd_store_find_standard_set (store, HD_STANDARD_SIX_HAVES, &error);
    guint none = 99;

    site_inspection = hd_store_start_inspection (store, HD_SUBJECT_SITE, hd_site_get_id (site),
                                                 hd_standard_set_get_id (six), "王敏", &today, &error);
    g_assert_true (hd_store_suggest_inspection_answers (store, hd_inspection_get_id (site_inspection), &none, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (none, ==, 0);
  }

  g_clear_object (&store);
  hd_test_dir_free (g_steal_pointer (&dir));
}

/* ---------------------------------------------------------------------------------------- */
/* Finishing and the rectification life cycle                                              */

static void
test_finish (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = add_site (f, "东街信息科技公司党员活动室", HD_SITE_KIND_VENUE, f->dongjie);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *flag = item_id (f, f->six_haves, "flag");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(HdInspection) done = NULL;
  g_autoptr(GListStore) tasks = NULL;
  g_autoptr(HdRectification) partly = NULL;
  g_autoptr(HdRectification) not_met = NULL;

  first = inspect (f, HD_SUBJECT_SITE, site, f->six_haves, "2026-05-10", "signage=partly,flag=not_met", FALSE);
  g_assert_true (hd_store_set_inspection_item_note (f->store, first, flag, "活动室未悬挂党旗", &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_set_inspection_notes (f->store, first, "支部书记陪同检查", &error));
  g_assert_true (hd_store_finish_inspection (f->store, first, &error));
  g_assert_no_error (error);

  done = hd_store_get_inspection (f->store, first, &error);
  g_assert_cmpint (hd_inspection_get_state (done), ==, HD_INSPECTION_FINISHED);
  g_assert_cmpfloat_with_epsilon (hd_inspection_get_score (done), 75.0, 1e-9);   /* 4 + 0.5 of 6 */
  g_assert_cmpint (hd_inspection_get_light (done), ==, HD_LIGHT_YELLOW);
  g_assert_cmpint (hd_inspection_get_n_met (done), ==, 4);
  g_assert_cmpint (hd_inspection_get_n_partly (done), ==, 1);
  g_assert_cmpint (hd_inspection_get_n_not_met (done), ==, 1);
  g_assert_cmpint (hd_inspection_get_n_na (done), ==, 0);
  g_assert_nonnull (hd_inspection_get_finished (done));
  g_assert_cmpstr (hd_inspection_get_notes (done), ==, "支部书记陪同检查");
  g_assert_cmpstr (hd_inspection_get_subject_name (done), ==, "东街信息科技公司党员活动室");

  /* Two tasks, a month after the visit. */
  tasks = open_tasks (f, site, "2026-05-20");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tasks)), ==, 2);
  partly = task_for (tasks, "signage");
  not_met = task_for (tasks, "flag");
  g_assert_cmpint (hd_rectification_get_list (partly), ==, HD_RECTIFICATION_IMPROVEMENT);
  g_assert_cmpint (hd_rectification_get_list (not_met), ==, HD_RECTIFICATION_PROBLEM);
  g_assert_cmpstr (hd_rectification_get_due_date (not_met), ==, "2026-06-09");
  g_assert_cmpint (hd_rectification_get_state (not_met), ==, HD_RECTIFICATION_OPEN);
  g_assert_null (hd_rectification_get_owner (not_met));
  g_assert_cmpstr (hd_rectification_get_description (not_met), ==, "有党旗: 活动室未悬挂党旗");
  g_assert_cmpstr (hd_rectification_get_description (partly), ==, "有标志");
  g_assert_cmpstr (hd_rectification_get_region_id (not_met), ==, f->dongjie);
  g_assert_false (hd_rectification_get_overdue (not_met));
  g_clear_object (&tasks);
  g_clear_object (&partly);
  g_clear_object (&not_met);

  /* After the due date they are overdue, and the site's light is red. */
  {
    GDate later = hd_test_date ("2026-06-10");
    HdLightReasons reasons;
    HdRectificationFilter overdue = { .overdue_only = TRUE };
    g_autoptr(GListStore) late = hd_store_list_rectifications (f->store, &overdue, &later, &error);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (late)), ==, 2);
    g_assert_cmpint (hd_store_compute_subject_light (f->store, site, &later, &reasons, &error), ==, HD_LIGHT_RED);
    g_assert_cmphex (reasons, ==, HD_LIGHT_REASON_OVERDUE_RECTIFICATION | HD_LIGHT_REASON_NOT_ALL_MET);
  }

  /* Finished is read-only, and each refusal changes nothing. */
  before = snapshot (f);
  g_assert_false (hd_store_set_inspection_answer (f->store, first, flag, HD_ANSWER_MET, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "correction"));
  g_clear_error (&error);
  g_assert_false (hd_store_set_inspection_item_note (f->store, first, flag, "改", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hd_store_set_inspection_notes (f->store, first, "改", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hd_store_finish_inspection (f->store, first, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hd_store_delete_inspection (f->store, first, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hd_store_suggest_inspection_answers (f->store, first, NULL, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* An unanswered item keeps a draft from finishing; the message names it. */
  draft = inspect (f, HD_SUBJECT_SITE, site, f->six_haves, "2026-05-30", NULL, FALSE);
  g_assert_true (hd_store_set_inspection_answer (f->store, draft, flag, HD_ANSWER_NONE, &error));
  g_free (before);
  before = snapshot (f);
  g_assert_false (hd_store_finish_inspection (f->store, draft, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 item is not answered: 有党旗"));
  g_clear_error (&error);
  g_assert_false (hd_store_set_inspection_item_note (f->store, draft, flag, "先写备注", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (after);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (hd_store_delete_inspection (f->store, draft, &error));
  g_assert_no_error (error);

  /* A later inspection that marks both met closes both tasks. */
  second = inspect (f, HD_SUBJECT_SITE, site, f->six_haves, "2026-06-01", NULL, TRUE);
  {
    HdRectificationFilter with_closed = { .subject_id = site, .include_closed = TRUE };
    GDate day = hd_test_date ("2026-06-02");
    g_autoptr(GListStore) everything = hd_store_list_rectifications (f->store, &with_closed, &day, &error);

    tasks = open_tasks (f, site, "2026-06-02");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tasks)), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (everything)), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(HdRectification) task = g_list_model_get_item (G_LIST_MODEL (everything), i);

        g_assert_cmpint (hd_rectification_get_state (task), ==, HD_RECTIFICATION_DONE);
        g_assert_cmpstr (hd_rectification_get_closed_by_inspection_id (task), ==, second);
        g_assert_cmpstr (hd_rectification_get_closed_date (task), ==, "2026-06-01");
      }
  }
  {
    GDate day = hd_test_date ("2026-06-20");

    g_assert_cmpint (hd_store_compute_subject_light (f->store, site, &day, NULL, &error), ==, HD_LIGHT_GREEN);
  }
}

/* The same failure twice does not make a second task; a task keeps what was set on it. */
static void
test_no_duplicate_tasks (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = add_site (f, "达道商贸城党建工作站", HD_SITE_KIND_VENUE, f->taijiang);
  g_autofree char *a = inspect (f, HD_SUBJECT_SITE, site, f->six_haves, "2026-02-10", "venue=partly", TRUE);
  g_autofree char *b = NULL;
  g_autoptr(GListStore) tasks = NULL;
  g_autoptr(HdRectification) task = NULL;

  tasks = open_tasks (f, site, "2026-02-11");
  task = g_list_model_get_item (G_LIST_MODEL (tasks), 0);
  g_assert_true (hd_store_set_rectification_owner (f->store, hd_rectification_get_id (task), " 商贸城管理公司 ", &error));
  g_assert_no_error (error);
  b = inspect (f, HD_SUBJECT_SITE, site, f->six_haves, "2026-04-10", "venue=not_met", TRUE);
  g_clear_object (&tasks);
  g_clear_object (&task);
  tasks = open_tasks (f, site, "2026-04-11");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tasks)), ==, 1);
  task = g_list_model_get_item (G_LIST_MODEL (tasks), 0);
  g_assert_cmpstr (hd_rectification_get_inspection_id (task), ==, a);
  g_assert_cmpstr (hd_rectification_get_owner (task), ==, "商贸城管理公司");
}

static void
test_correction (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = add_site (f, "杨桥商务大厦两新组织党建工作站", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *original = inspect (f, HD_SUBJECT_SITE, site, f->six_haves, "2026-05-10",
                                       "reading=not_met", TRUE);
  g_autofree char *draft = inspect (f, HD_SUBJECT_SITE, site, f->six_haves, "2026-05-11", NULL, FALSE);
  g_autofree char *reading = item_id (f, f->six_haves, "reading");
  g_autoptr(HdInspection) correction = NULL;
  g_autoptr(HdInspection) refused = NULL;
  g_autoptr(GListStore) answers = NULL;
  g_autoptr(GListStore) history = NULL;

  refused = hd_store_correct_inspection (f->store, draft, &error);
  g_assert_null (refused);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  correction = hd_store_correct_inspection (f->store, original, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_inspection_get_corrects_id (correction), ==, original);
  g_assert_cmpint (hd_inspection_get_state (correction), ==, HD_INSPECTION_DRAFT);
  g_assert_cmpstr (hd_inspection_get_date (correction), ==, "2026-05-10");
  g_assert_cmpstr (hd_inspection_get_set_id (correction), ==, f->six_haves);
  answers = hd_store_list_inspection_answers (f->store, hd_inspection_get_id (correction), &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (answers)), ==, 6);
  {
    g_autoptr(HdInspectionAnswer) row = answer_row (answers, "reading");

    g_assert_cmpint (hd_inspection_answer_get_answer (row), ==, HD_ANSWER_NOT_MET);
    g_assert_false (hd_inspection_answer_get_suggested (row));
    /* The original is the previous inspection of the correction. */
    g_assert_cmpint (hd_inspection_answer_get_previous_answer (row), ==, HD_ANSWER_NOT_MET);
  }
  /* The books were there after all. */
  g_assert_true (hd_store_set_inspection_answer (f->store, hd_inspection_get_id (correction), reading,
                                                 HD_ANSWER_MET, &error));
  g_assert_true (hd_store_finish_inspection (f->store, hd_inspection_get_id (correction), &error));
  g_assert_no_error (error);
  {
    GDate day = hd_test_date ("2026-05-12");
    g_autoptr(GListStore) tasks = open_tasks (f, site, "2026-05-12");

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tasks)), ==, 0);
    g_assert_cmpint (hd_store_compute_subject_light (f->store, site, &day, NULL, &error), ==, HD_LIGHT_GREEN);
  }
  /* The original stays as it was. */
  {
    g_autoptr(HdInspection) kept = hd_store_get_inspection (f->store, original, &error);

    g_assert_cmpint (hd_inspection_get_n_not_met (kept), ==, 1);
  }
  /* Newest first: the draft of 11 May, then the correction (finished later) and the original. */
  history = hd_store_list_inspections (f->store, site, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);
  {
    g_autoptr(HdInspection) a = g_list_model_get_item (G_LIST_MODEL (history), 0);
    g_autoptr(HdInspection) b = g_list_model_get_item (G_LIST_MODEL (history), 1);
    g_autoptr(HdInspection) c = g_list_model_get_item (G_LIST_MODEL (history), 2);

    g_assert_cmpstr (hd_inspection_get_id (a), ==, draft);
    g_assert_cmpstr (hd_inspection_get_id (b), ==, hd_inspection_get_id (correction));
    g_assert_cmpstr (hd_inspection_get_id (c), ==, original);
  }
}

static void
test_worse (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = add_site (f, "闽辉金融大厦党建工作站", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *a = inspect (f, HD_SUBJECT_SITE, site, f->six_haves, "2026-01-10", "reading=partly,rules=na", TRUE);
  g_autofree char *other = inspect (f, HD_SUBJECT_SITE, site, f->five_basics, "2026-03-01", "team=not_met", TRUE);
  g_autofree char *b = inspect (f, HD_SUBJECT_SITE, site, f->six_haves, "2026-04-10",
                                "venue=partly,reading=met,flag=not_met,rules=not_met", TRUE);
  g_autofree char *previous = NULL;
  g_autoptr(GListStore) worse = NULL;
  g_autoptr(GListStore) first = NULL;

  /* The previous inspection of the same set, not the five basics in between. */
  previous = hd_store_dup_previous_inspection_id (f->store, b, &error);
  g_assert_cmpstr (previous, ==, a);
  worse = hd_store_list_worse_answers (f->store, b, &error);
  g_assert_no_error (error);
  /* venue met → partly and flag met → not met got worse; reading got better; rules was n.a. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (worse)), ==, 2);
  {
    g_autoptr(HdInspectionAnswer) venue = g_list_model_get_item (G_LIST_MODEL (worse), 0);
    g_autoptr(HdInspectionAnswer) flag = g_list_model_get_item (G_LIST_MODEL (worse), 1);

    g_assert_cmpstr (hd_inspection_answer_get_code (venue), ==, "venue");
    g_assert_cmpint (hd_inspection_answer_get_previous_answer (venue), ==, HD_ANSWER_MET);
    g_assert_cmpint (hd_inspection_answer_get_answer (venue), ==, HD_ANSWER_PARTLY);
    g_assert_true (hd_inspection_answer_get_worse (venue));
    g_assert_cmpstr (hd_inspection_answer_get_code (flag), ==, "flag");
  }
  /* The first inspection has nothing before it. */
  first = hd_store_list_worse_answers (f->store, a, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (first)), ==, 0);
  g_free (previous);
  previous = hd_store_dup_previous_inspection_id (f->store, a, &error);
  g_assert_null (previous);
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------------------------------- */
/* The due queue                                                                            */

static void
assert_queue (Fixture            *f,
              const char         *today_text,
              const char         *region,
              const char * const *expected_ids)
{
  g_autoptr(GError) error = NULL;
  GDate today = hd_test_date (today_text);
  g_autoptr(GListStore) queue = hd_store_list_due_inspections (f->store, &today, region, &error);
  guint n;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (queue));
  g_assert_cmpuint (n, ==, g_strv_length ((GStrv) expected_ids));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdDueSubject) due = g_list_model_get_item (G_LIST_MODEL (queue), i);

      g_assert_cmpstr (hd_due_subject_get_subject_id (due), ==, expected_ids[i]);
    }
}

static void
test_due_queue (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_site (f, "甲 三坊商务中心", HD_SITE_KIND_VENUE, f->dongjie);
  g_autofree char *b = add_site (f, "乙 温泉商务楼宇", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *c = add_site (f, "丙 核心商圈", HD_SITE_KIND_VENUE, f->taijiang);
  const char *route[] = { a, b, NULL };
  g_autofree char *belt = hd_test_add_belt (f->store, "楼宇党建示范带", f->gulou, route);
  g_autofree char *x = inspect (f, HD_SUBJECT_SITE, a, f->six_haves, "2026-03-31", NULL, TRUE);
  g_autofree char *y = inspect (f, HD_SUBJECT_SITE, c, f->six_haves, "2026-01-05", NULL, TRUE);
  g_autofree char *z = inspect (f, HD_SUBJECT_BELT, belt, f->five_ones, "2025-11-20", NULL, TRUE);
  /* A draft does not count as an inspection. */
  g_autofree char *w = inspect (f, HD_SUBJECT_SITE, b, f->six_haves, "2026-03-30", NULL, FALSE);

  /* On 31 March only the never inspected site and the belt (last quarter) are due... */
  assert_queue (f, "2026-03-31", NULL, (const char *[]) { b, belt, NULL });
  /* ...on 1 April everything: never inspected first, then the oldest. */
  assert_queue (f, "2026-04-01", NULL, (const char *[]) { b, belt, c, a, NULL });
  /* 鼓楼区 includes 东街街道. */
  assert_queue (f, "2026-04-01", f->gulou, (const char *[]) { b, belt, a, NULL });
  assert_queue (f, "2026-04-01", f->dongjie, (const char *[]) { a, NULL });
  assert_queue (f, "2026-04-01", f->taijiang, (const char *[]) { c, NULL });

  {
    GDate today = hd_test_date ("2026-04-01");
    g_autoptr(GListStore) queue = hd_store_list_due_inspections (f->store, &today, NULL, &error);
    g_autoptr(HdDueSubject) never = g_list_model_get_item (G_LIST_MODEL (queue), 0);
    g_autoptr(HdDueSubject) last = g_list_model_get_item (G_LIST_MODEL (queue), 3);

    g_assert_cmpint (hd_due_subject_get_days_since (never), ==, -1);
    g_assert_null (hd_due_subject_get_last_date (never));
    g_assert_cmpint (hd_due_subject_get_days_since (last), ==, 1);
    g_assert_cmpstr (hd_due_subject_get_last_date (last), ==, "2026-03-31");
    g_assert_cmpstr (hd_due_subject_get_name (last), ==, "甲 三坊商务中心");
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Lights for the whole workspace                                                           */

static void
assert_lights (Fixture            *f,
               const char         *today_text,
               const char * const *ids,
               const HdLight      *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) sites = NULL;
  g_autoptr(GHashTable) belts = NULL;
  GDate today = hd_test_date (today_text);

  g_assert_true (hd_store_compute_lights (f->store, &today, &sites, &belts, &error));
  g_assert_no_error (error);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gpointer value = NULL;
      HdLight one;

      g_assert_true (g_hash_table_lookup_extended (sites, ids[i], NULL, &value) ||
                     g_hash_table_lookup_extended (belts, ids[i], NULL, &value));
      if (GPOINTER_TO_INT (value) != (int) expected[i])
        g_error ("subject %u on %s: %s, expected %s", i, today_text,
                 hd_light_to_string (GPOINTER_TO_INT (value)), hd_light_to_string (expected[i]));
      /* The one-subject query agrees with the bulk one. */
      one = hd_store_compute_subject_light (f->store, ids[i], &today, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (one, ==, expected[i]);
    }
}

static void
test_compute_lights (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardSet) bottom = hd_standard_set_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *green = add_site (f, "绿", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *partly = add_site (f, "黄：部分", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *old = add_site (f, "黄：上季度", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *low = add_site (f, "红：低分", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *line = add_site (f, "红：红线", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *late = add_site (f, "红：逾期", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *never = add_site (f, "灰", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *two_sets = add_site (f, "两个清单", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *redone = add_site (f, "复查转绿", HD_SITE_KIND_VENUE, f->gulou);
  const char *route[] = { green, partly, NULL };
  g_autofree char *belt = hd_test_add_belt (f->store, "楼宇党建示范带", f->gulou, route);
  g_autofree char *bottom_id = NULL;
  g_autofree char *i1 = NULL, *i2 = NULL, *i3 = NULL, *i4 = NULL, *i5 = NULL, *i6 = NULL;
  g_autofree char *i7 = NULL, *i8 = NULL, *i9 = NULL, *i10 = NULL, *i11 = NULL;
  const char *ids[] = { green, partly, old, low, line, late, never, two_sets, redone, belt, NULL };

  hd_standard_set_set_code (bottom, "bottom_line");
  hd_standard_set_set_name (bottom, "底线清单");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(HdStandardItem) item = hd_standard_item_new ();
      g_autofree char *code = g_strdup_printf ("L%u", i + 1);

      hd_standard_item_set_code (item, code);
      hd_standard_item_set_title (item, "连续6个月以上未开展组织生活");
      hd_standard_item_set_kind (item, HD_ITEM_KIND_RED_LINE);
      g_ptr_array_add (lines, g_steal_pointer (&item));
    }
  g_assert_true (hd_store_create_standard_set (f->store, bottom, lines, &error));
  bottom_id = g_strdup (hd_standard_set_get_id (bottom));

  i1 = inspect (f, HD_SUBJECT_SITE, green, f->six_haves, "2026-04-02", NULL, TRUE);
  i2 = inspect (f, HD_SUBJECT_SITE, partly, f->six_haves, "2026-04-20", "flag=partly", TRUE);
  i3 = inspect (f, HD_SUBJECT_SITE, old, f->six_haves, "2026-03-20", NULL, TRUE);
  i4 = inspect (f, HD_SUBJECT_SITE, low, f->six_haves, "2026-05-01",
                "venue=not_met,facilities=not_met,flag=not_met", TRUE);
  i5 = inspect (f, HD_SUBJECT_SITE, line, bottom_id, "2026-05-01", "L2=not_met", TRUE);
  /* Due 30 days after 2026-03-25: 2026-04-24. */
  i6 = inspect (f, HD_SUBJECT_SITE, late, f->six_haves, "2026-03-25", "reading=partly", TRUE);
  i7 = inspect (f, HD_SUBJECT_SITE, late, f->five_basics, "2026-04-25", NULL, TRUE);
  /* All six haves met, but the latest five basics has a failure (its task not yet due). */
  i8 = inspect (f, HD_SUBJECT_SITE, two_sets, f->five_basics, "2026-04-20", "team=partly", TRUE);
  i9 = inspect (f, HD_SUBJECT_SITE, two_sets, f->six_haves, "2026-05-02", NULL, TRUE);
  /* Red, then inspected again and all met: the latest inspection of the set counts. */
  i10 = inspect (f, HD_SUBJECT_SITE, redone, f->six_haves, "2026-04-03", "venue=not_met,facilities=not_met,flag=not_met,signage=not_met", TRUE);
  i11 = inspect (f, HD_SUBJECT_SITE, redone, f->six_haves, "2026-04-30", NULL, TRUE);
  /* A draft never changes a light. */
  g_free (inspect (f, HD_SUBJECT_SITE, green, f->six_haves, "2026-05-05", "venue=not_met", FALSE));
  g_free (inspect (f, HD_SUBJECT_BELT, belt, f->five_ones, "2026-04-15", "red_logo=partly", TRUE));

  /* 10 May 2026: Q2. The late site's task (due 24 April) is overdue. */
  assert_lights (f, "2026-05-10", ids,
                 (const HdLight[]) { HD_LIGHT_GREEN, HD_LIGHT_YELLOW, HD_LIGHT_YELLOW, HD_LIGHT_RED,
                                     HD_LIGHT_RED, HD_LIGHT_RED, HD_LIGHT_GREY, HD_LIGHT_YELLOW,
                                     HD_LIGHT_GREEN, HD_LIGHT_YELLOW });
  /* 20 April: the late site's task is not yet due. */
  assert_lights (f, "2026-04-20", (const char *[]) { late, NULL }, (const HdLight[]) { HD_LIGHT_YELLOW });
  /* 1 July: a new quarter; the green site is due. */
  assert_lights (f, "2026-07-01", (const char *[]) { green, NULL }, (const HdLight[]) { HD_LIGHT_YELLOW });

  /* The red threshold is a setting: at 80, the partly site (91.7) stays yellow, a 75 turns red. */
  {
    g_autofree char *p75 = add_site (f, "七十五分", HD_SITE_KIND_VENUE, f->gulou);
    g_autofree char *i12 = inspect (f, HD_SUBJECT_SITE, p75, f->six_haves, "2026-05-01", "venue=partly,flag=not_met", TRUE);
    guint changed = f->inspections_changed;

    assert_lights (f, "2026-05-10", (const char *[]) { p75, partly, NULL },
                   (const HdLight[]) { HD_LIGHT_YELLOW, HD_LIGHT_YELLOW });
    g_assert_true (hd_store_set_red_threshold (f->store, 80, &error));
    g_assert_cmpuint (f->inspections_changed, ==, changed + 1);
    g_assert_cmpfloat (hd_store_get_red_threshold (f->store), ==, 80);
    assert_lights (f, "2026-05-10", (const char *[]) { p75, partly, NULL },
                   (const HdLight[]) { HD_LIGHT_RED, HD_LIGHT_YELLOW });
    g_assert_false (hd_store_set_red_threshold (f->store, 101, &error));
    g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Unknown ids are grey, never inspected. */
  {
    GDate today = hd_test_date ("2026-05-10");
    HdLightReasons reasons;

    g_assert_cmpint (hd_store_compute_subject_light (f->store, "no-such-id", &today, &reasons, &error), ==,
                     HD_LIGHT_GREY);
    g_assert_no_error (error);
    g_assert_true (reasons & HD_LIGHT_REASON_NEVER_INSPECTED);
  }
}

/* A task raised under version 1 of a set is closed by an inspection with version 2. */
static void
test_versions_close_tasks (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardSet) set = hd_standard_set_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *site = add_site (f, "南江滨文创园党建工作站", HD_SITE_KIND_VENUE, f->gulou);
  g_autofree char *v2 = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(HdStandardItem) item = hd_standard_item_new ();
      g_autofree char *code = g_strdup_printf ("C%u", i + 1);

      hd_standard_item_set_code (item, code);
      hd_standard_item_set_title (item, "制度上墙");
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  hd_standard_set_set_code (set, "routine");
  hd_standard_set_set_name (set, "经常性工作清单");
  g_assert_true (hd_store_create_standard_set (f->store, set, items, &error));
  first = inspect (f, HD_SUBJECT_SITE, site, hd_standard_set_get_id (set), "2026-04-01", "C2=not_met", TRUE);
  v2 = hd_store_replace_standard_items (f->store, hd_standard_set_get_id (set), items, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (v2, !=, hd_standard_set_get_id (set));
  second = inspect (f, HD_SUBJECT_SITE, site, v2, "2026-04-20", NULL, TRUE);
  {
    g_autoptr(GListStore) tasks = open_tasks (f, site, "2026-04-21");
    g_autofree char *previous = hd_store_dup_previous_inspection_id (f->store, second, &error);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tasks)), ==, 0);
    /* History across versions, matched by code. */
    g_assert_cmpstr (previous, ==, first);
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Commands that are refused                                                                */

static void
test_start_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = add_site (f, "鳌峰红色文化广场", HD_SITE_KIND_RED_SQUARE, f->taijiang);
  const char *route[] = { site, NULL };
  g_autofree char *belt = hd_test_add_belt (f->store, "海峡金融商务区党建示范带", f->taijiang, route);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  GDate today = hd_test_date ("2026-05-10");
  GDate bad;
  struct {
    HdSubjectKind kind;
    const char   *subject;
    const char   *set;
    const char   *inspector;
    const GDate  *date;
    int           code;
    const char   *says;
  } cases[] = {
    { HD_SUBJECT_SITE, site, f->five_ones, "王敏", &today, HD_STORE_ERROR_INVALID, "checklist for belts" },
    { HD_SUBJECT_BELT, belt, f->six_haves, "王敏", &today, HD_STORE_ERROR_INVALID, "checklist for sites" },
    { HD_SUBJECT_SITE, belt, f->six_haves, "王敏", &today, HD_STORE_ERROR_NOT_FOUND, "no site" },
    { HD_SUBJECT_SITE, "nope", f->six_haves, "王敏", &today, HD_STORE_ERROR_NOT_FOUND, "no site" },
    { HD_SUBJECT_SITE, site, "nope", "王敏", &today, HD_STORE_ERROR_NOT_FOUND, "No standard set" },
    { HD_SUBJECT_SITE, site, f->six_haves, "  ", &today, HD_STORE_ERROR_INVALID, "inspector" },
    { HD_SUBJECT_SITE, site, f->six_haves, NULL, &today, HD_STORE_ERROR_INVALID, "inspector" },
    { HD_SUBJECT_SITE, site, f->six_haves, "王敏", &bad, HD_STORE_ERROR_INVALID, "date" },
    { HD_SUBJECT_SITE, site, f->six_haves, "王敏", NULL, HD_STORE_ERROR_INVALID, "date" },
  };

  g_date_clear (&bad, 1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HdInspection) inspection = hd_store_start_inspection (f->store, cases[i].kind, cases[i].subject,
                                                                      cases[i].set, cases[i].inspector,
                                                                      cases[i].date, &error);

      g_assert_null (inspection);
      g_assert_error (error, HD_STORE_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].says);
      g_clear_error (&error);
    }
  {
    g_autofree char *draft = inspect (f, HD_SUBJECT_SITE, site, f->six_haves, "2026-05-10", NULL, FALSE);
    g_autofree char *middle = snapshot (f);
    g_autofree char *end = NULL;

    /* An item of another set. */
    g_assert_false (hd_store_set_inspection_answer (f->store, draft, f->five_ones, HD_ANSWER_MET, &error));
    g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (hd_store_set_inspection_answer (f->store, "nope", f->five_ones, HD_ANSWER_MET, &error));
    g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    end = snapshot (f);
    g_assert_cmpstr (middle, ==, end);
    g_assert_true (hd_store_delete_inspection (f->store, draft, &error));
  }
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_rectification_commands (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = add_site (f, "仓山智造科技公司党员活动室", HD_SITE_KIND_VENUE, f->taijiang);
  g_autofree char *insp = inspect (f, HD_SUBJECT_SITE, site, f->six_haves, "2026-05-01",
                                   "venue=not_met,reading=partly", TRUE);
  g_autoptr(GListStore) tasks = open_tasks (f, site, "2026-05-02");
  g_autoptr(HdRectification) venue = task_for (tasks, "venue");
  g_autoptr(HdRectification) reading = task_for (tasks, "reading");
  g_autoptr(GListStore) reread = NULL;
  g_autoptr(HdRectification) fresh = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) lines = NULL;
  GDate due = hd_test_date ("2026-07-01"), today = hd_test_date ("2026-06-15"), invalid;
  guint changed = f->rectifications_changed;
  gsize length = 0;

  g_assert_true (hd_store_set_rectification_owner (f->store, hd_rectification_get_id (venue),
                                                   "=HYPERLINK(\"x\"), 高女士", &error));
  g_assert_true (hd_store_set_rectification_due_date (f->store, hd_rectification_get_id (venue), &due, &error));
  g_assert_true (hd_store_set_rectification_due_date (f->store, hd_rectification_get_id (reading), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->rectifications_changed, ==, changed + 3);
  reread = open_tasks (f, site, "2026-06-15");
  fresh = task_for (reread, "venue");
  g_assert_cmpstr (hd_rectification_get_due_date (fresh), ==, "2026-07-01");
  g_assert_false (hd_rectification_get_overdue (fresh));
  /* No due date: last in the list, never overdue. */
  {
    g_autoptr(HdRectification) last = g_list_model_get_item (G_LIST_MODEL (reread), 1);

    g_assert_cmpstr (hd_rectification_get_item_code (last), ==, "reading");
    g_assert_null (hd_rectification_get_due_date (last));
  }

  /* CSV for Excel: BOM, CRLF, quoting, no formulas. */
  csv = hd_store_export_rectifications_csv (f->store, NULL, &today, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, strlen (csv));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBFList,Subject,"));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, 2 tasks, "" */
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_nonnull (strstr (lines[1], ",venue,有场所,\"'=HYPERLINK(\"\"x\"\"), 高女士\",2026-07-01,Open,No,2026-05-01"));
  g_assert_nonnull (strstr (lines[2], "仓山智造科技公司党员活动室,Site,台江区,reading,有书报,,,Open,No,2026-05-01"));

  /* Done by hand: closed today, no inspection; open again clears both. */
  g_assert_true (hd_store_set_rectification_state (f->store, hd_rectification_get_id (reading),
                                                   HD_RECTIFICATION_DONE, &error));
  {
    HdRectificationFilter all = { .subject_id = site, .include_closed = TRUE };
    g_autoptr(GListStore) with_closed = hd_store_list_rectifications (f->store, &all, &today, &error);
    g_autoptr(HdRectification) closed = task_for (with_closed, "reading");
    GDate now = hd_store_get_today (f->store);
    g_autofree char *now_text = hd_date_to_string (&now);

    g_assert_cmpint (hd_rectification_get_state (closed), ==, HD_RECTIFICATION_DONE);
    g_assert_cmpstr (hd_rectification_get_closed_date (closed), ==, now_text);
    g_assert_null (hd_rectification_get_closed_by_inspection_id (closed));
  }
  g_assert_true (hd_store_set_rectification_state (f->store, hd_rectification_get_id (reading),
                                                   HD_RECTIFICATION_OPEN, &error));
  {
    g_autoptr(GListStore) open = open_tasks (f, site, "2026-06-15");
    g_autoptr(HdRectification) reopened = task_for (open, "reading");

    g_assert_null (hd_rectification_get_closed_date (reopened));
  }

  before = snapshot (f);
  g_date_clear (&invalid, 1);
  g_assert_false (hd_store_set_rectification_due_date (f->store, hd_rectification_get_id (venue), &invalid, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hd_store_set_rectification_owner (f->store, "nope", "x", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (hd_store_set_rectification_state (f->store, "nope", HD_RECTIFICATION_DONE, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* The region filter takes sub-regions; 鼓楼区 has none of these. */
  {
    HdRectificationFilter in_gulou = { .region_id = f->gulou };
    HdRectificationFilter in_city = { .region_id = f->city };
    g_autoptr(GListStore) none = hd_store_list_rectifications (f->store, &in_gulou, &today, &error);
    g_autoptr(GListStore) both = hd_store_list_rectifications (f->store, &in_city, &today, &error);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (none)), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (both)), ==, 2);
  }
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *zone = hd_store_dup_time_zone_id (f->store);
  g_autofree char *utc = NULL;
  GDate today;

  g_assert_cmpstr (zone, ==, "Asia/Shanghai");
  g_assert_cmpfloat (hd_store_get_red_threshold (f->store), ==, HD_DEFAULT_RED_THRESHOLD);
  g_assert_false (hd_store_set_time_zone (f->store, "Mars/Olympus_Mons", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (hd_store_set_time_zone (f->store, "UTC", &error));
  g_assert_no_error (error);
  utc = hd_store_dup_time_zone_id (f->store);
  g_assert_cmpstr (utc, ==, "UTC");
  today = hd_store_get_today (f->store);
  g_assert_true (g_date_valid (&today));
}

/* ---------------------------------------------------------------------------------------- */
/* Autosave: kill the process between answers                                               */

static void
test_autosave_crash (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "inspection-crash-helper", NULL);
  g_autofree char *site = add_site (f, "东街口楼宇党群活动服务中心", HD_SITE_KIND_SERVICE_CENTER, f->gulou);
  g_autoptr(HdStandardSet) set = hd_standard_set_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *inspection_id = NULL;
  const guint wanted = 40;
  GPid pid;
  int out_fd;
  g_autoptr(GIOChannel) channel = NULL;
  int status = 0;

  /* A long checklist, like a district's 48 clauses. */
  for (guint i = 0; i < 48; i++)
    {
      g_autoptr(HdStandardItem) item = hd_standard_item_new ();
      g_autofree char *code = g_strdup_printf ("%u.%u", i / 12 + 1, i % 12 + 1);

      hd_standard_item_set_code (item, code);
      hd_standard_item_set_title (item, "支部经常性工作条款");
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  hd_standard_set_set_code (set, "routine_48");
  hd_standard_set_set_name (set, "支部经常性工作清单（48条）");
  g_assert_true (hd_store_create_standard_set (f->store, set, items, &error));
  g_assert_no_error (error);
  /* The helper has the workspace to itself, as after a restart. */
  g_clear_object (&f->store);

  {
    const char *argv[] = { helper, f->path, site, "routine_48", NULL };

    g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                             &pid, NULL, &out_fd, NULL, &error));
    g_assert_no_error (error);
  }
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  while (g_hash_table_size (reported) < wanted)
    {
      g_autofree char *line = NULL;
      g_auto(GStrv) words = NULL;
      GIOStatus io = g_io_channel_read_line (channel, &line, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (io, ==, G_IO_STATUS_NORMAL);
      g_strchomp (line);
      words = g_strsplit (line, " ", -1);
      if (g_str_equal (words[0], "started"))
        inspection_id = g_strdup (words[1]);
      else if (g_str_equal (words[0], "answered"))
        g_hash_table_add (reported, g_strdup (words[2]));
    }
  /* Kill it in the middle of whatever it is writing now. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);

  f->store = hd_store_open (f->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GListStore) answers = hd_store_list_inspection_answers (f->store, inspection_id, &error);
    guint answered = 0;
    sqlite3_stmt *stmt = NULL;
    GHashTableIter iter;
    gpointer key;

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (answers)); i++)
      {
        g_autoptr(HdInspectionAnswer) row = g_list_model_get_item (G_LIST_MODEL (answers), i);

        if (hd_inspection_answer_get_answer (row) != HD_ANSWER_NONE)
          {
            answered++;
            g_hash_table_remove (reported, hd_inspection_answer_get_item_id (row));
          }
      }
    /* Every answer the helper reported is there (and at most the one it was writing more). */
    g_hash_table_iter_init (&iter, reported);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_error ("answer for item %s was reported saved but is gone", (const char *) key);
    g_assert_cmpuint (answered, >=, wanted);
    g_assert_cmpint (sqlite3_prepare_v2 (hd_store_get_db (f->store), "PRAGMA quick_check", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Photo evidence                                                                           */

/* A 1×1 PNG. */
static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
  0x42, 0x60, 0x82,
};

static char *
write_file (Fixture    *f,
            const char *name,
            const void *data,
            gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, &error));
  g_assert_no_error (error);
  return path;
}

/* A site set of two items, the second needing photo evidence. */
static char *
photo_set (Fixture *f)
{
  static const char csv[] =
    "code,title,kind,weight,photo_required\n"
    "P1,有场所,requirement,1,no\n"
    "P2,有标识牌,requirement,1,yes\n";
  g_autoptr(HdStandardSet) set = hd_standard_set_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  g_assert_true (hd_standard_set_parse_csv (csv, strlen (csv), "photo.csv", &items, &error));
  g_assert_no_error (error);
  hd_standard_set_set_code (set, "photo_test");
  hd_standard_set_set_name (set, "照片测试");
  hd_standard_set_set_applies_to (set, HD_SUBJECT_SITE);
  id = hd_store_import_standard_set (f->store, set, items, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_photos (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdInspectionPhoto) photo = NULL;
  g_autoptr(HdInspectionPhoto) second = NULL;
  g_autoptr(GListStore) photos = NULL;
  g_autofree char *site = add_site (f, "东街口党群服务中心", HD_SITE_KIND_SERVICE_CENTER, f->dongjie);
  g_autofree char *set_id = photo_set (f);
  g_autofree char *p1 = item_id (f, set_id, "P1");
  g_autofree char *p2 = item_id (f, set_id, "P2");
  g_autofree char *png = write_file (f, "门牌.png", tiny_png, sizeof tiny_png);
  g_autofree char *other = write_file (f, "other.png", tiny_png, sizeof tiny_png);
  g_autofree char *text = write_file (f, "notes.txt", "not a photo\n", 12);
  g_autofree char *moved = g_build_filename (f->dir, "moved.png", NULL);
  g_autofree char *before = NULL;
  g_autofree char *expected_sha = NULL;
  g_autofree char *id = inspect (f, HD_SUBJECT_SITE, site, set_id, "2026-03-10", "P2=partly", FALSE);
  guint changes;

  /* Add: stored by absolute path with its hash and type; listed per item and for all. */
  changes = f->inspections_changed;
  photo = hd_store_add_inspection_photo (f->store, id, p2, png, &error);
  g_assert_no_error (error);
  g_assert_nonnull (photo);
  g_assert_cmpuint (f->inspections_changed, ==, changes + 1);
  g_assert_true (g_path_is_absolute (hd_inspection_photo_get_path (photo)));
  g_assert_cmpstr (hd_inspection_photo_get_path (photo), ==, png);
  g_assert_cmpstr (hd_inspection_photo_get_mime_type (photo), ==, "image/png");
  expected_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, tiny_png, sizeof tiny_png);
  g_assert_cmpstr (hd_inspection_photo_get_sha256 (photo), ==, expected_sha);
  g_assert_cmpstr (hd_inspection_photo_get_item_id (photo), ==, p2);
  second = hd_store_add_inspection_photo (f->store, id, NULL, other, &error);
  g_assert_no_error (error);

  photos = hd_store_list_inspection_photos (f->store, id, p2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (photos)), ==, 1);
  g_clear_object (&photos);
  photos = hd_store_list_inspection_photos (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (photos)), ==, 2);
  {
    g_autoptr(HdInspectionPhoto) listed = g_list_model_get_item (G_LIST_MODEL (photos), 0);

    g_assert_cmpstr (hd_inspection_photo_get_id (listed), ==, hd_inspection_photo_get_id (photo));
    g_assert_cmpstr (hd_inspection_photo_get_sha256 (listed), ==, expected_sha);
    g_assert_false (hd_inspection_photo_get_missing (listed));
    g_assert_false (hd_inspection_photo_get_changed (listed));
  }
  g_clear_object (&photos);

  /* Not an image: refused, naming the file; nothing written. */
  before = snapshot (f);
  g_assert_null (hd_store_add_inspection_photo (f->store, id, p2, text, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  g_clear_error (&error);
  /* Not there at all. */
  g_assert_null (hd_store_add_inspection_photo (f->store, id, p2, moved, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* An item of another set. */
  g_assert_null (hd_store_add_inspection_photo (f->store, id, "no-such-item", png, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autofree char *after = snapshot (f);

    g_assert_cmpstr (before, ==, after);
  }

  /* Remove. */
  g_assert_true (hd_store_remove_inspection_photo (f->store, hd_inspection_photo_get_id (second), &error));
  g_assert_no_error (error);
  g_assert_false (hd_store_remove_inspection_photo (f->store, hd_inspection_photo_get_id (second), &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  photos = hd_store_list_inspection_photos (f->store, id, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (photos)), ==, 1);
  g_clear_object (&photos);
  /* A removal is one undo step: the photo comes back, and goes again on redo. */
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  photos = hd_store_list_inspection_photos (f->store, id, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (photos)), ==, 2);
  g_clear_object (&photos);
  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_no_error (error);
  photos = hd_store_list_inspection_photos (f->store, id, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (photos)), ==, 1);
  g_clear_object (&photos);

  /* A changed file: the hash differs now. */
  {
    guint8 edited[sizeof tiny_png + 4];

    memcpy (edited, tiny_png, sizeof tiny_png);
    memcpy (edited + sizeof tiny_png, "EXIF", 4);
    g_assert_true (g_file_set_contents (png, (const char *) edited, sizeof edited, NULL));
  }
  photos = hd_store_list_inspection_photos (f->store, id, p2, &error);
  g_assert_no_error (error);
  {
    g_autoptr(HdInspectionPhoto) listed = g_list_model_get_item (G_LIST_MODEL (photos), 0);

    g_assert_false (hd_inspection_photo_get_missing (listed));
    g_assert_true (hd_inspection_photo_get_changed (listed));
    g_assert_false (hd_inspection_photo_check (listed, NULL));
  }
  g_clear_object (&photos);

  /* A moved file: missing. */
  g_assert_cmpint (g_rename (png, moved), ==, 0);
  photos = hd_store_list_inspection_photos (f->store, id, p2, &error);
  g_assert_no_error (error);
  {
    g_autoptr(HdInspectionPhoto) listed = g_list_model_get_item (G_LIST_MODEL (photos), 0);

    g_assert_true (hd_inspection_photo_get_missing (listed));
    g_assert_false (hd_inspection_photo_get_changed (listed));
  }
  g_clear_object (&photos);
  g_assert_cmpint (g_rename (moved, png), ==, 0);

  /* Finished: read-only. */
  g_assert_true (hd_store_finish_inspection (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_null (hd_store_add_inspection_photo (f->store, id, p2, other, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hd_store_remove_inspection_photo (f->store, hd_inspection_photo_get_id (photo), &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Still listed on the record. */
  photos = hd_store_list_inspection_photos (f->store, id, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (photos)), ==, 1);
}

static void
test_photo_required (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdInspectionPhoto) photo = NULL;
  g_autoptr(HdInspection) inspection = NULL;
  g_autofree char *site = add_site (f, "南街社区党群服务站", HD_SITE_KIND_SERVICE_CENTER, f->dongjie);
  g_autofree char *set_id = photo_set (f);
  g_autofree char *p2 = item_id (f, set_id, "P2");
  g_autofree char *png = write_file (f, "sign.png", tiny_png, sizeof tiny_png);
  g_autofree char *met = inspect (f, HD_SUBJECT_SITE, site, set_id, "2026-03-10", "", FALSE);
  g_autofree char *not_met = inspect (f, HD_SUBJECT_SITE, site, set_id, "2026-03-11", "P2=not_met", FALSE);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;

  /* Met without a photo: refused, naming the item; nothing changes. */
  g_assert_false (hd_store_finish_inspection (f->store, met, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "有标识牌"));
  g_assert_nonnull (strstr (error->message, "photo"));
  g_assert_null (strstr (error->message, "有场所"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  inspection = hd_store_get_inspection (f->store, met, &error);
  g_assert_cmpint (hd_inspection_get_state (inspection), ==, HD_INSPECTION_DRAFT);
  g_clear_object (&inspection);

  /* A photo of another item does not count; one of this item does. */
  photo = hd_store_add_inspection_photo (f->store, met, NULL, png, &error);
  g_assert_no_error (error);
  g_assert_false (hd_store_finish_inspection (f->store, met, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&photo);
  photo = hd_store_add_inspection_photo (f->store, met, p2, png, &error);
  g_assert_no_error (error);
  g_assert_true (hd_store_finish_inspection (f->store, met, &error));
  g_assert_no_error (error);

  /* Not met needs no evidence of what is not there. */
  g_assert_true (hd_store_finish_inspection (f->store, not_met, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Messages are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/inspection/sample-and-suggestions", test_sample);
  ADD ("/inspection/finish-and-follow-up", test_finish);
  ADD ("/inspection/no-duplicate-tasks", test_no_duplicate_tasks);
  ADD ("/inspection/correction", test_correction);
  ADD ("/inspection/worse", test_worse);
  ADD ("/inspection/due-queue", test_due_queue);
  ADD ("/inspection/compute-lights", test_compute_lights);
  ADD ("/inspection/versions-close-tasks", test_versions_close_tasks);
  ADD ("/inspection/start-refused", test_start_refused);
  ADD ("/inspection/rectification-commands", test_rectification_commands);
  ADD ("/inspection/settings", test_settings);
  ADD ("/inspection/autosave-crash", test_autosave_crash);
  ADD ("/inspection/photos", test_photos);
  ADD ("/inspection/photo-required", test_photo_required);
#undef ADD
  return g_test_run ();
}
