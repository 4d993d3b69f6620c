/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-import"

#include <string.h>

#include "hd-import.h"

static void
hd_import_item_free (gpointer data)
{
  HdImportItem *item = data;

  g_free (item->source);
  g_clear_object (&item->record);
  g_free (item->region_ref);
  g_clear_pointer (&item->belt_refs, g_ptr_array_unref);
  g_clear_pointer (&item->belt_orders, g_array_unref);
  g_free (item);
}

HdImportBatch *
hd_import_batch_new (void)
{
  HdImportBatch *batch = g_new0 (HdImportBatch, 1);

  batch->items = g_ptr_array_new_with_free_func (hd_import_item_free);
  return batch;
}

void
hd_import_batch_free (HdImportBatch *batch)
{
  if (batch == NULL)
    return;
  g_ptr_array_unref (batch->items);
  g_free (batch);
}

HdImportItem *
hd_import_batch_add (HdImportBatch    *batch,
                     HdImportItemKind  kind,
                     const char       *source,
                     guint             feature_index,
                     GObject          *record)
{
  HdImportItem *item;

  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (record), NULL);

  item = g_new0 (HdImportItem, 1);
  item->kind = kind;
  item->source = g_strdup (source);
  item->feature_index = feature_index;
  item->record = record;
  item->belt_refs = g_ptr_array_new_with_free_func (g_free);
  item->belt_orders = g_array_new (FALSE, FALSE, sizeof (int));
  g_ptr_array_add (batch->items, item);
  return item;
}

void
hd_import_item_add_belt_ref (HdImportItem *item,
                             const char   *belt_ref,
                             int           order)
{
  g_return_if_fail (item != NULL && belt_ref != NULL);

  g_ptr_array_add (item->belt_refs, g_strdup (belt_ref));
  g_array_append_val (item->belt_orders, order);
}

void
hd_import_summary_clear (HdImportSummary *summary)
{
  g_clear_pointer (&summary->regions_created, g_ptr_array_unref);
  memset (summary, 0, sizeof *summary);
}
