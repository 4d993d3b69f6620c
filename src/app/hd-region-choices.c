/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-region-choices"

#include <glib/gi18n.h>

#include "hd-region-choices.h"
#include "hd-region-tree.h"

void
hd_region_choices_fill (HdStore       *store,
                        GtkStringList *labels,
                        GPtrArray     *ids)
{
  g_autoptr(GPtrArray) tree = NULL;

  g_return_if_fail (HD_IS_STORE (store));
  g_return_if_fail (GTK_IS_STRING_LIST (labels));
  g_return_if_fail (ids != NULL);

  /* Translators: a region combo's first choice: the record belongs to no region */
  gtk_string_list_append (labels, _("None"));
  g_ptr_array_add (ids, NULL);
  tree = hd_store_dup_region_tree (store);
  for (guint i = 0; i < tree->len; i++)
    {
      HdRegion *region = g_ptr_array_index (tree, i);
      g_autofree char *path = hd_store_dup_region_path (store, hd_region_get_id (region));

      gtk_string_list_append (labels, path);
      g_ptr_array_add (ids, g_strdup (hd_region_get_id (region)));
    }
}
