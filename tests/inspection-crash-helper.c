/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Not a test itself: test-inspection runs it and kills it with SIGKILL between answers.
 *
 *   inspection-crash-helper WORKSPACE SITE-ID SET-CODE
 *
 * Opens the workspace, starts an inspection of the site with the set, prints "started ID", then
 * answers the items one after another as fast as it can, printing "answered N ITEM-ID" after each
 * answer's transaction has committed. After the last item it goes round again (changing answers),
 * so whenever it is killed it is in the middle of writing one. */
#define G_LOG_DOMAIN "inspection-crash-helper"

#include <stdio.h>

#include "hd-inspection.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdStandardSet) set = NULL;
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(GListStore) items = NULL;
  GDate today;
  guint n = 0;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s WORKSPACE SITE-ID SET-CODE\n", argv[0]);
      return 2;
    }
  store = hd_store_open (argv[1], &error);
  if (store != NULL)
    set = hd_store_find_standard_set (store, argv[3], &error);
  if (set != NULL)
    items = hd_store_list_standard_items (store, hd_standard_set_get_id (set), &error);
  if (items != NULL)
    {
      today = hd_store_get_today (store);
      inspection = hd_store_start_inspection (store, HD_SUBJECT_SITE, argv[2], hd_standard_set_get_id (set),
                                              "市委组织部督导组 王敏", &today, &error);
    }
  if (inspection == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("started %s\n", hd_inspection_get_id (inspection));
  fflush (stdout);

  for (guint round = 0;; round++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
      {
        g_autoptr(HdStandardItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);
        HdAnswer answer = round % 2 == 0 ? HD_ANSWER_MET : HD_ANSWER_PARTLY;

        if (!hd_store_set_inspection_answer (store, hd_inspection_get_id (inspection),
                                             hd_standard_item_get_id (item), answer, &error))
          {
            fprintf (stderr, "%s\n", error->message);
            return 1;
          }
        printf ("answered %u %s\n", ++n, hd_standard_item_get_id (item));
        fflush (stdout);
      }
}
