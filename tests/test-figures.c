/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The figures behind the charts (hd-figures.h) on a hand-made workspace:
 *
 *   福州市 (350100)             site F (never inspected)
 *   ├─ 鼓楼区 (350102)          sites B (partly met), C (never), H (never, on no belt)
 *   │  └─ 东街街道              sites A (all met), G1…G5 (never)
 *   ├─ 台江区 (350103)          sites D (met in January), E (red)
 *   └─ 马尾区 (350105)          nothing
 *
 * Belts: 楼宇带 (鼓楼区) A B C G1…G5, 8 sites; 东街带 (东街街道) A; 江滨带 (台江区) D E.
 * "Today" is 2026-05-20 unless a test says otherwise. */
#include <string.h>

#include "hd-figures.h"
#include "hd-inspection.h"
#include "hd-standards.h"
#include "hd-test-sites.h"
#include "hd-test-util.h"

typedef struct {
  char    *dir;
  HdStore *store;
  char    *city, *gulou, *dongjie, *taijiang, *mawei;
  char    *a, *b, *c, *d, *e, *f, *h, *g[5];
  char    *louyu, *dongjie_belt, *jiangbin;
  char    *six_haves, *five_basics, *five_ones;
} Fixture;

static char *
add_region (Fixture    *f,
            const char *name,
            const char *code,
            const char *parent)
{
  g_autoptr(HdRegion) region = hd_region_new ();
  g_autoptr(GError) error = NULL;

  hd_region_set_name (region, name);
  hd_region_set_level (region, parent == NULL ? HD_REGION_LEVEL_CITY : HD_REGION_LEVEL_DISTRICT);
  hd_region_set_code (region, code);
  hd_region_set_parent_id (region, parent);
  g_assert_true (hd_store_save_region (f->store, region, &error));
  g_assert_no_error (error);
  return g_strdup (hd_region_get_id (region));
}

static char *
add_site (Fixture    *f,
          const char *name,
          const char *region)
{
  g_autoptr(HdSite) site = hd_site_new ();
  g_autoptr(GError) error = NULL;

  hd_site_set_name (site, name);
  hd_site_set_region_id (site, region);
  g_assert_true (hd_store_save_site (f->store, site, &error));
  g_assert_no_error (error);
  return g_strdup (hd_site_get_id (site));
}

/* Inspects @subject with @set_id on @date_text: "code=answer,…" (unlisted items met); finished
 * unless @draft. */
static void
inspect (Fixture       *f,
         HdSubjectKind  kind,
         const char    *subject,
         const char    *set_id,
         const char    *date_text,
         const char    *answers,
         gboolean       draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(GListStore) items = NULL;
  g_auto(GStrv) pairs = g_strsplit (answers ? answers : "", ",", -1);
  GDate date = hd_test_date (date_text);

  inspection = hd_store_start_inspection (f->store, kind, subject, set_id, "督导组", &date, &error);
  g_assert_no_error (error);
  items = hd_store_list_standard_items (f->store, set_id, &error);
  g_assert_no_error (error);
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
  if (!draft)
    {
      g_assert_true (hd_store_finish_inspection (f->store, hd_inspection_get_id (inspection), &error));
      g_assert_no_error (error);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = hd_test_dir_new ();
  f->store = hd_test_store_new (f->dir, "figures.db", NULL);
  f->six_haves = hd_test_standard_set_id (f->store, HD_STANDARD_SIX_HAVES);
  f->five_basics = hd_test_standard_set_id (f->store, HD_STANDARD_FIVE_BASICS);
  f->five_ones = hd_test_standard_set_id (f->store, HD_STANDARD_FIVE_ONES);

  /* Made in an order unlike the expected one, so the order comes from codes and names. */
  f->city = add_region (f, "福州市", "350100", NULL);
  f->mawei = add_region (f, "马尾区", "350105", f->city);
  f->taijiang = add_region (f, "台江区", "350103", f->city);
  f->gulou = add_region (f, "鼓楼区", "350102", f->city);
  f->dongjie = add_region (f, "东街街道", NULL, f->gulou);

  f->a = add_site (f, "甲 楼宇工作站", f->dongjie);
  f->b = add_site (f, "乙 律师楼活动室", f->gulou);
  f->c = add_site (f, "丙 科技公司活动室", f->gulou);
  f->h = add_site (f, "丁 待建阵地", f->gulou);
  for (guint i = 0; i < G_N_ELEMENTS (f->g); i++)
    {
      g_autofree char *name = g_strdup_printf ("戊%u 楼宇活动室", i + 1);

      f->g[i] = add_site (f, name, f->dongjie);
    }
  f->d = add_site (f, "己 商贸城工作站", f->taijiang);
  f->e = add_site (f, "庚 电商活动室", f->taijiang);
  f->f = add_site (f, "辛 市直机关活动室", f->city);

  {
    const char *louyu[] = { f->a, f->b, f->c, f->g[0], f->g[1], f->g[2], f->g[3], f->g[4], NULL };
    const char *dongjie[] = { f->a, NULL };
    const char *jiangbin[] = { f->e, f->d, NULL };

    f->louyu = hd_test_add_belt (f->store, "楼宇带", f->gulou, louyu);
    f->dongjie_belt = hd_test_add_belt (f->store, "东街带", f->dongjie, dongjie);
    f->jiangbin = hd_test_add_belt (f->store, "江滨带", f->taijiang, jiangbin);
  }

  inspect (f, HD_SUBJECT_SITE, f->a, f->six_haves, "2026-05-10", NULL, FALSE);
  inspect (f, HD_SUBJECT_SITE, f->a, f->five_basics, "2026-03-03", NULL, FALSE);
  inspect (f, HD_SUBJECT_SITE, f->b, f->six_haves, "2026-05-12", "signage=partly,rules=na", FALSE);
  inspect (f, HD_SUBJECT_SITE, f->c, f->six_haves, "2026-05-13", "venue=not_met", TRUE); /* a draft */
  inspect (f, HD_SUBJECT_SITE, f->d, f->six_haves, "2026-01-05", NULL, FALSE);
  inspect (f, HD_SUBJECT_SITE, f->e, f->six_haves, "2026-05-15",
           "venue=not_met,facilities=not_met,signage=not_met,flag=not_met", FALSE);
  inspect (f, HD_SUBJECT_BELT, f->louyu, f->five_ones, "2026-04-01", NULL, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  hd_test_dir_free (f->dir);
  g_free (f->city);
  g_free (f->gulou);
  g_free (f->dongjie);
  g_free (f->taijiang);
  g_free (f->mawei);
  g_free (f->a);
  g_free (f->b);
  g_free (f->c);
  g_free (f->d);
  g_free (f->e);
  g_free (f->f);
  g_free (f->h);
  for (guint i = 0; i < G_N_ELEMENTS (f->g); i++)
    g_free (f->g[i]);
  g_free (f->louyu);
  g_free (f->dongjie_belt);
  g_free (f->jiangbin);
  g_free (f->six_haves);
  g_free (f->five_basics);
  g_free (f->five_ones);
}

/* ---------------------------------------------------------------------------------------- */
/* By region                                                                                */

typedef struct {
  const char *name;
  gboolean    is_self;
  guint       belts, full, sites, green, yellow, red, grey, compliant;
} ExpectedRow;

static void
assert_figures (const HdRegionFigures *got,
                const ExpectedRow     *want)
{
  g_test_message ("row %s", want->name);
  g_assert_cmpstr (got->name, ==, want->name);
  g_assert_cmpint (got->is_self, ==, want->is_self);
  g_assert_cmpuint (got->n_belts, ==, want->belts);
  g_assert_cmpuint (got->n_belts_full, ==, want->full);
  g_assert_cmpuint (got->n_sites, ==, want->sites);
  g_assert_cmpuint (got->n_sites_by_light[HD_LIGHT_GREEN], ==, want->green);
  g_assert_cmpuint (got->n_sites_by_light[HD_LIGHT_YELLOW], ==, want->yellow);
  g_assert_cmpuint (got->n_sites_by_light[HD_LIGHT_RED], ==, want->red);
  g_assert_cmpuint (got->n_sites_by_light[HD_LIGHT_GREY], ==, want->grey);
  g_assert_cmpuint (got->n_compliant, ==, want->compliant);
  if (want->sites == 0)
    g_assert_cmpfloat (got->compliance, ==, 0.0);
  else
    g_assert_cmpfloat_with_epsilon (got->compliance, (double) want->compliant / want->sites, 1e-12);
}

typedef struct {
  const char        *what;
  int                region;     /* 0 workspace, 1 city, 2 鼓楼区, 3 马尾区 */
  const char        *date;
  ExpectedRow        total;
  const ExpectedRow *rows;       /* ends with name NULL */
} BreakdownCase;

/* On 2026-05-20: A green (all met this quarter), B yellow (partly), D yellow (last seen in the
 * first quarter), E red (score 33), every other site grey (C's inspection is a draft). */
static const ExpectedRow city_rows[] = {
  { "鼓楼区", FALSE, 2, 1, 9, 1, 1, 0, 7, 1 },
  { "台江区", FALSE, 1, 0, 2, 0, 1, 1, 0, 1 },
  { "马尾区", FALSE, 0, 0, 0, 0, 0, 0, 0, 0 },
  { "福州市", TRUE, 0, 0, 1, 0, 0, 0, 1, 0 },
  { NULL }
};
static const ExpectedRow gulou_rows[] = {
  { "东街街道", FALSE, 1, 0, 6, 1, 0, 0, 5, 1 },
  { "鼓楼区", TRUE, 1, 1, 3, 0, 1, 0, 2, 0 },
  { NULL }
};
static const ExpectedRow workspace_rows[] = {
  { "福州市", FALSE, 3, 1, 12, 1, 2, 1, 8, 2 },
  { NULL }
};
static const ExpectedRow no_rows[] = { { NULL } };

static const BreakdownCase breakdown_cases[] = {
  { "city: districts by code, the city's own site last", 1, "2026-05-20",
    { "福州市", FALSE, 3, 1, 12, 1, 2, 1, 8, 2 }, city_rows },
  { "district: a street rolls up, the district's own sites apart", 2, "2026-05-20",
    { "鼓楼区", FALSE, 2, 1, 9, 1, 1, 0, 7, 1 }, gulou_rows },
  { "an empty region", 3, "2026-05-20",
    { "马尾区", FALSE, 0, 0, 0, 0, 0, 0, 0, 0 }, no_rows },
  { "the workspace: its top-level regions", 0, "2026-05-20",
    { NULL, FALSE, 3, 1, 12, 1, 2, 1, 8, 2 }, workspace_rows },
};

static void
test_breakdown_table (Fixture       *f,
                      gconstpointer  data)
{
  const char *regions[] = { NULL, f->city, f->gulou, f->mawei };

  for (guint i = 0; i < G_N_ELEMENTS (breakdown_cases); i++)
    {
      const BreakdownCase *bc = &breakdown_cases[i];
      GDate date = hd_test_date (bc->date);
      g_autoptr(GError) error = NULL;
      g_autoptr(HdRegionBreakdown) got = NULL;
      guint n = 0;

      g_test_message ("case: %s", bc->what);
      got = hd_store_compute_region_breakdown (f->store, regions[bc->region], &date, &error);
      g_assert_no_error (error);
      g_assert_nonnull (got);
      g_assert_cmpstr (got->region_id, ==, regions[bc->region]);
      assert_figures (&got->total, &bc->total);
      while (bc->rows[n].name != NULL)
        n++;
      g_assert_cmpuint (got->n_rows, ==, n);
      for (guint r = 0; r < n; r++)
        assert_figures (&got->rows[r], &bc->rows[r]);
    }
}

/* Belts by light: 楼宇带's five ones were all met this quarter (green); the other two belts were
 * never inspected. */
static void
test_breakdown_belt_lights (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRegionBreakdown) got = NULL;
  GDate date = hd_test_date ("2026-05-20");
  const guint want[][HD_N_LIGHTS] = {
    /* grey, green, yellow, red */
    { 1, 1, 0, 0 },  /* 鼓楼区 (with 东街街道) */
    { 1, 0, 0, 0 },  /* 台江区 */
    { 0, 0, 0, 0 },  /* 马尾区 */
    { 0, 0, 0, 0 },  /* 福州市's own */
  };

  got = hd_store_compute_region_breakdown (f->store, f->city, &date, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->n_rows, ==, G_N_ELEMENTS (want));
  for (guint r = 0; r < got->n_rows; r++)
    {
      guint sum = 0;

      for (guint l = 0; l < HD_N_LIGHTS; l++)
        {
          g_assert_cmpuint (got->rows[r].n_belts_by_light[l], ==, want[r][l]);
          sum += got->rows[r].n_belts_by_light[l];
        }
      g_assert_cmpuint (sum, ==, got->rows[r].n_belts);
    }
  g_assert_cmpuint (got->total.n_belts_by_light[HD_LIGHT_GREEN], ==, 1);
  g_assert_cmpuint (got->total.n_belts_by_light[HD_LIGHT_GREY], ==, 2);
}

static void
test_breakdown_compliance_dates (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRegionBreakdown) before = NULL;
  g_autoptr(HdRegionBreakdown) later = NULL;
  GDate early = hd_test_date ("2025-12-31");
  GDate june = hd_test_date ("2026-06-30");

  /* Nothing was inspected yet at the end of 2025. */
  before = hd_store_compute_region_breakdown (f->store, f->city, &early, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->n_rows, ==, 4);
  for (guint r = 0; r < before->n_rows; r++)
    g_assert_cmpuint (before->rows[r].n_compliant, ==, 0);
  g_assert_cmpuint (before->total.n_compliant, ==, 0);
  g_assert_cmpuint (before->total.n_sites, ==, 12);

  /* D's June inspection finds a flag missing: from then on D does not comply; before it, it did. */
  inspect (f, HD_SUBJECT_SITE, f->d, f->six_haves, "2026-06-10", "flag=not_met", FALSE);
  later = hd_store_compute_region_breakdown (f->store, f->taijiang, &june, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->total.n_compliant, ==, 0);
  g_clear_pointer (&later, hd_region_breakdown_free);
  {
    GDate may = hd_test_date ("2026-05-20");

    later = hd_store_compute_region_breakdown (f->store, f->taijiang, &may, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (later->total.n_compliant, ==, 1);
  }

  /* A five-basics inspection says nothing about the six haves. */
  g_clear_pointer (&later, hd_region_breakdown_free);
  later = hd_store_compute_region_breakdown (f->store, f->dongjie, &june, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->total.n_sites, ==, 6);
  g_assert_cmpuint (later->total.n_compliant, ==, 1);
}

static void
test_breakdown_errors (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate date = hd_test_date ("2026-05-20");
  HdRegionBreakdown *none = hd_store_compute_region_breakdown (f->store, "no-such-region", &date, &error);

  g_assert_null (none);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-region"));
}

/* The lights come from hd_store_compute_lights(): the same rule, the same answer per site. */
static void
test_breakdown_lights_agree (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) lights = NULL;
  g_autoptr(HdRegionBreakdown) got = NULL;
  GDate date = hd_test_date ("2026-08-01"); /* next quarter: every inspected site is due */
  guint want[HD_N_LIGHTS] = { 0 };
  GHashTableIter iter;
  gpointer value;

  g_assert_true (hd_store_compute_lights (f->store, &date, &lights, NULL, &error));
  g_hash_table_iter_init (&iter, lights);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    want[GPOINTER_TO_INT (value)]++;
  got = hd_store_compute_region_breakdown (f->store, NULL, &date, &error);
  g_assert_no_error (error);
  for (guint l = 0; l < HD_N_LIGHTS; l++)
    g_assert_cmpuint (got->total.n_sites_by_light[l], ==, want[l]);
  g_assert_cmpuint (got->total.n_sites_by_light[HD_LIGHT_GREEN], ==, 0);
}

/* ---------------------------------------------------------------------------------------- */
/* Standards matrix                                                                         */

/* One row: "MMMMMM" with M met, P partly, N not met, A n.a., - none. */
static void
assert_row (const HdStandardsMatrix *m,
            guint                    row,
            const char              *site_id,
            const char              *belt,
            const char              *marks,
            const char              *date)
{
  g_assert_cmpuint (row, <, m->n_rows);
  g_assert_cmpstr (m->row_ids[row], ==, site_id);
  g_assert_cmpstr (m->row_belts[row], ==, belt);
  g_assert_cmpuint (strlen (marks), ==, m->n_columns);
  for (guint c = 0; c < m->n_columns; c++)
    {
      HdAnswer want = marks[c] == 'M' ? HD_ANSWER_MET : marks[c] == 'P' ? HD_ANSWER_PARTLY
                    : marks[c] == 'N' ? HD_ANSWER_NOT_MET : marks[c] == 'A' ? HD_ANSWER_NA
                    : HD_ANSWER_NONE;

      g_assert_cmpint (hd_standards_matrix_get (m, row, c), ==, want);
    }
  if (date == NULL)
    g_assert_false (g_date_valid (&m->row_dates[row]));
  else
    {
      GDate want = hd_test_date (date);

      g_assert_cmpint (g_date_compare (&m->row_dates[row], &want), ==, 0);
    }
}

static void
test_matrix_belt (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardsMatrix) m = NULL;
  GDate date = hd_test_date ("2026-05-20");
  const char *codes[] = { "venue", "facilities", "signage", "flag", "reading", "rules", NULL };

  m = hd_store_compute_standards_matrix (f->store, f->louyu, NULL, NULL, &date, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->set_code, ==, "six_haves");
  g_assert_cmpstr (m->set_name, ==, "六有");
  g_assert_true (g_strv_equal ((const char * const *) m->column_codes, codes));
  g_assert_cmpstr (m->column_titles[0], ==, "有场所");
  /* Route order; C's draft does not count. */
  g_assert_cmpuint (m->n_rows, ==, 8);
  assert_row (m, 0, f->a, "楼宇带", "MMMMMM", "2026-05-10");
  assert_row (m, 1, f->b, "楼宇带", "MMPMMA", "2026-05-12");
  assert_row (m, 2, f->c, "楼宇带", "------", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (f->g); i++)
    assert_row (m, 3 + i, f->g[i], "楼宇带", "------", NULL);

  /* Another set: only A has a five-basics inspection. */
  g_clear_pointer (&m, hd_standards_matrix_free);
  m = hd_store_compute_standards_matrix (f->store, f->louyu, NULL, HD_STANDARD_FIVE_BASICS, &date, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (m->n_columns, ==, 5);
  assert_row (m, 0, f->a, "楼宇带", "MMMMM", "2026-03-03");
  assert_row (m, 1, f->b, "楼宇带", "-----", NULL);

  /* The latest on or before the date: before A's visit there is nothing. */
  g_clear_pointer (&m, hd_standards_matrix_free);
  date = hd_test_date ("2026-05-09");
  m = hd_store_compute_standards_matrix (f->store, f->louyu, NULL, NULL, &date, &error);
  g_assert_no_error (error);
  assert_row (m, 0, f->a, "楼宇带", "------", NULL);
}

static void
test_matrix_region (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardsMatrix) m = NULL;
  GDate date = hd_test_date ("2026-06-30");

  /* A later visit replaces an earlier one. */
  inspect (f, HD_SUBJECT_SITE, f->b, f->six_haves, "2026-06-02", "reading=not_met", FALSE);
  m = hd_store_compute_standards_matrix (f->store, NULL, f->gulou, NULL, &date, &error);
  g_assert_no_error (error);
  /* By belt name (A is on two belts: listed once, under 东街带), then site name; H, on no belt,
   * last; the street's sites are in with the district's. */
  g_assert_cmpuint (m->n_rows, ==, 9);
  assert_row (m, 0, f->a, "东街带", "MMMMMM", "2026-05-10");
  assert_row (m, 1, f->c, "楼宇带", "------", NULL);   /* 丙 */
  assert_row (m, 2, f->b, "楼宇带", "MMMMNM", "2026-06-02"); /* 乙 */
  for (guint i = 0; i < G_N_ELEMENTS (f->g); i++)
    assert_row (m, 3 + i, f->g[i], "楼宇带", "------", NULL);
  assert_row (m, 8, f->h, NULL, "------", NULL);

  /* An empty region: no rows, the columns still there. */
  g_clear_pointer (&m, hd_standards_matrix_free);
  m = hd_store_compute_standards_matrix (f->store, NULL, f->mawei, NULL, &date, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (m->n_rows, ==, 0);
  g_assert_cmpuint (m->n_columns, ==, 6);
}

/* A user set edited after use gets a new version: the matrix shows the current version's items,
 * answers of older versions matched by item code, and the latest inspection of any version. */
static char *
import_set (Fixture    *f,
            const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardSet) set = NULL;
  g_autoptr(GPtrArray) items = NULL;
  char *id;

  g_assert_true (hd_standard_set_parse_json (json, strlen (json), "set.json", &set, &items, &error));
  g_assert_no_error (error);
  id = hd_store_import_standard_set (f->store, set, items, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_matrix_versions (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardsMatrix) m = NULL;
  g_autofree char *v1 = import_set (f, "{ \"code\": \"routine\", \"applies_to\": \"site\", \"name\": \"常规工作\","
                                       " \"items\": [ { \"code\": \"a\", \"title\": \"甲\" },"
                                       " { \"code\": \"b\", \"title\": \"乙\" }, { \"code\": \"c\", \"title\": \"丙\" } ] }");
  g_autofree char *v2 = NULL;
  GDate date = hd_test_date ("2026-05-20");
  const char *codes[] = { "c", "b", "d", NULL };

  inspect (f, HD_SUBJECT_SITE, f->a, v1, "2026-04-01", "a=not_met,b=partly", FALSE);
  inspect (f, HD_SUBJECT_SITE, f->b, v1, "2026-05-02", "c=na", FALSE);
  /* Used: editing it makes version 2, with "a" dropped, "d" added and the order changed. */
  v2 = import_set (f, "{ \"code\": \"routine\", \"applies_to\": \"site\", \"name\": \"常规工作（修订）\","
                      " \"items\": [ { \"code\": \"c\", \"title\": \"丙\" },"
                      " { \"code\": \"b\", \"title\": \"乙\" }, { \"code\": \"d\", \"title\": \"丁\" } ] }");
  g_assert_cmpstr (v1, !=, v2);
  inspect (f, HD_SUBJECT_SITE, f->b, v2, "2026-04-20", "d=not_met", FALSE);   /* older than its v1 visit */
  inspect (f, HD_SUBJECT_SITE, f->c, v2, "2026-05-05", "b=na", FALSE);

  m = hd_store_compute_standards_matrix (f->store, f->louyu, NULL, "routine", &date, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->set_name, ==, "常规工作（修订）");
  g_assert_true (g_strv_equal ((const char * const *) m->column_codes, codes));
  assert_row (m, 0, f->a, "楼宇带", "MP-", "2026-04-01");  /* v1: c met, b partly, no d */
  assert_row (m, 1, f->b, "楼宇带", "AM-", "2026-05-02");  /* its v1 visit is the later */
  assert_row (m, 2, f->c, "楼宇带", "MAM", "2026-05-05");
}

static void
test_matrix_errors (Fixture       *f,
                    gconstpointer  data)
{
  GDate date = hd_test_date ("2026-05-20");
  struct {
    const char *belt, *region, *set;
    int         code;
  } cases[] = {
    { "no-such-belt", NULL, NULL, HD_STORE_ERROR_NOT_FOUND },
    { NULL, "no-such-region", NULL, HD_STORE_ERROR_NOT_FOUND },
    { NULL, NULL, "no_such_set", HD_STORE_ERROR_NOT_FOUND },
    { NULL, NULL, HD_STANDARD_FIVE_ONES, HD_STORE_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *belt = cases[i].belt;
      const char *region = cases[i].region;
      HdStandardsMatrix *m;

      if (belt == NULL && region == NULL)
        belt = f->louyu;
      m = hd_store_compute_standards_matrix (f->store, belt, region, cases[i].set, &date, &error);
      g_assert_null (m);
      g_assert_error (error, HD_STORE_ERROR, cases[i].code);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Activity                                                                                 */

typedef struct {
  const char *what;
  int         scope;        /* 0 workspace, 1 楼宇带, 2 台江区, 3 马尾区 */
  const char *date;
  guint       n_months;
  const char *first_month;  /* "YYYY-MM" */
  guint       totals[6];    /* the first n_months matter */
} ActivityCase;

static const ActivityCase activity_cases[] = {
  /* Dec Jan Feb Mar Apr May: D in January, A's five basics in March, the belt in April, and A,
   * B, E in May (C's draft is not counted). */
  { "workspace, with empty months", 0, "2026-05-20", 6, "2025-12", { 0, 1, 0, 1, 1, 3 } },
  { "a belt: itself and its route's sites", 1, "2026-05-20", 6, "2025-12", { 0, 0, 0, 1, 1, 2 } },
  { "a district", 2, "2026-05-20", 6, "2025-12", { 0, 1, 0, 0, 0, 1 } },
  { "an empty region: zeros", 3, "2026-05-20", 6, "2025-12", { 0, 0, 0, 0, 0, 0 } },
  { "across a new year; days after the date do not count", 0, "2026-02-10", 3, "2025-12", { 0, 1, 0 } },
  { "one month", 0, "2026-05-11", 1, "2026-05", { 1 } },
};

static void
test_activity_table (Fixture       *f,
                     gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (activity_cases); i++)
    {
      const ActivityCase *ac = &activity_cases[i];
      const char *belt = ac->scope == 1 ? f->louyu : NULL;
      const char *region = ac->scope == 2 ? f->taijiang : ac->scope == 3 ? f->mawei : NULL;
      GDate date = hd_test_date (ac->date);
      g_autoptr(GError) error = NULL;
      g_autoptr(HdInspectionActivity) got = NULL;
      g_autofree char *first = NULL;

      g_test_message ("case: %s", ac->what);
      got = hd_store_compute_inspection_activity (f->store, belt, region, ac->n_months, FALSE, &date, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (got->n_months, ==, ac->n_months);
      first = g_strdup_printf ("%04u-%02u", got->years[0], got->months[0]);
      g_assert_cmpstr (first, ==, ac->first_month);
      for (guint m = 0; m < ac->n_months; m++)
        {
          g_assert_cmpuint (got->totals[m], ==, ac->totals[m]);
          if (m > 0)
            g_assert_cmpuint (got->years[m] * 12 + got->months[m], ==, got->years[m - 1] * 12 + got->months[m - 1] + 1);
        }
      g_assert_cmpuint (got->n_sets, ==, 0);
    }
}

static void
test_activity_by_set (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdInspectionActivity) got = NULL;
  GDate date = hd_test_date ("2026-05-20");
  const char *codes[] = { "five_basics", "five_ones", "six_haves", NULL };
  /* Set by set, months Mar Apr May. */
  const guint want[3][3] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 3 } };

  got = hd_store_compute_inspection_activity (f->store, NULL, NULL, 3, TRUE, &date, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->n_sets, ==, 3);
  g_assert_true (g_strv_equal ((const char * const *) got->set_codes, codes));
  g_assert_cmpstr (got->set_names[2], ==, "六有");
  for (guint s = 0; s < 3; s++)
    for (guint m = 0; m < 3; m++)
      g_assert_cmpuint (got->counts[s * got->n_months + m], ==, want[s][m]);
  for (guint m = 0; m < 3; m++)
    {
      guint sum = 0;

      for (guint s = 0; s < got->n_sets; s++)
        sum += got->counts[s * got->n_months + m];
      g_assert_cmpuint (sum, ==, got->totals[m]);
    }

  /* A month with nothing at all: no sets, the month is there. */
  g_clear_pointer (&got, hd_inspection_activity_free);
  date = hd_test_date ("2025-06-30");
  got = hd_store_compute_inspection_activity (f->store, NULL, NULL, 1, TRUE, &date, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->n_sets, ==, 0);
  g_assert_cmpuint (got->totals[0], ==, 0);

  g_clear_pointer (&got, hd_inspection_activity_free);
  got = hd_store_compute_inspection_activity (f->store, "no-such-belt", NULL, 3, FALSE, &date, &error);
  g_assert_null (got);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/figures/regions/table", test_breakdown_table);
  ADD ("/figures/regions/belt-lights", test_breakdown_belt_lights);
  ADD ("/figures/regions/compliance-dates", test_breakdown_compliance_dates);
  ADD ("/figures/regions/errors", test_breakdown_errors);
  ADD ("/figures/regions/lights-agree", test_breakdown_lights_agree);
  ADD ("/figures/matrix/belt", test_matrix_belt);
  ADD ("/figures/matrix/region", test_matrix_region);
  ADD ("/figures/matrix/versions", test_matrix_versions);
  ADD ("/figures/matrix/errors", test_matrix_errors);
  ADD ("/figures/activity/table", test_activity_table);
  ADD ("/figures/activity/by-set", test_activity_by_set);
#undef ADD

  return g_test_run ();
}
