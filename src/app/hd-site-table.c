/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-site-table"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hd-site-table.h"
#include "hd-store-lists.h"

static const char *
site_id (gpointer record)
{
  return hd_site_get_id (record);
}

static const char *
site_name (gpointer record)
{
  return hd_site_get_name (record);
}

static const char *
site_region_id (gpointer record)
{
  return hd_site_get_region_id (record);
}

static void
site_search_text (gpointer  record,
                  GString  *text)
{
  const char *organisation = hd_site_get_organisation (record);
  const char *address = hd_site_get_address (record);

  /* A newline cannot be typed into the search entry, so no match spans two fields. */
  if (organisation != NULL)
    g_string_append_printf (text, "\n%s", organisation);
  if (address != NULL)
    g_string_append_printf (text, "\n%s", address);
}

static char *
format_count (guint shown,
              guint total)
{
  /* Translators: the count above the sites table: shown of all */
  return g_strdup_printf (ngettext ("%u of %u site", "%u of %u sites", total), shown, total);
}

static const HdRecordTableKind site_kind = {
  .kind = HD_SUBJECT_SITE,
  .get_id = site_id,
  .get_name = site_name,
  .get_region_id = site_region_id,
  .add_search_text = site_search_text,
  .delete_records = hd_store_delete_sites,
  .format_count = format_count,
  .no_match_title = N_("No Sites Match"),
  .none_title = N_("No Sites Yet"),
  .search_placeholder = N_("Search sites by name, organisation or address"),
  .edit_action = "win.edit-site",
};

static int
get_kind (gpointer record)
{
  return hd_site_get_kind (record);
}

static const char *
kind_label (int value)
{
  return hd_site_kind_label (value);
}

static int
get_domain (gpointer record)
{
  return hd_site_get_domain (record);
}

static const char *
domain_label (int value)
{
  return hd_domain_label (value);
}

static int
get_level (gpointer record)
{
  return hd_site_get_level (record);
}

static const char *
level_label (int value)
{
  return hd_site_level_label (value);
}

static const HdEnumField kind_field = {
  "kind", N_("Kind"), N_("Filter by kind"), N_("Any kind"), HD_N_SITE_KINDS, 130, get_kind, kind_label,
};
static const HdEnumField domain_field = {
  "domain", N_("Domain"), N_("Filter by domain"), N_("Any domain"), HD_N_DOMAINS, 120, get_domain,
  domain_label,
};
static const HdEnumField level_field = {
  "level", N_("Level"), N_("Filter by level"), N_("Any level"), HD_N_SITE_LEVELS, 110, get_level,
  level_label,
};

static void
bind_belts (HdRecordTable *table,
            GtkWidget     *cell,
            gpointer       record,
            gpointer       user_data)
{
  const char *belts = hd_record_table_get_site_belts (table, hd_site_get_id (record));

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), belts ? belts : "");
  gtk_widget_set_tooltip_text (cell, belts);
}

static int
compare_belts (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  HdRecordTable *table = user_data;
  int cmp = hd_record_table_compare_optional (
              hd_record_table_get_site_belts_key (table, hd_site_get_id ((HdSite *) a)),
              hd_record_table_get_site_belts_key (table, hd_site_get_id ((HdSite *) b)));

  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
bind_members (HdRecordTable *table,
              GtkWidget     *cell,
              gpointer       record,
              gpointer       user_data)
{
  int members = hd_site_get_members (record);
  g_autofree char *text = members > 0 ? g_strdup_printf ("%d", members) : NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text ? text : "");
}

/* Numerically, with no count (0) last. */
static int
compare_members (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  int ma = hd_site_get_members ((HdSite *) a);
  int mb = hd_site_get_members ((HdSite *) b);

  if (ma <= 0 || mb <= 0)
    return ma > 0 ? GTK_ORDERING_SMALLER : mb > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
  return ma < mb ? GTK_ORDERING_SMALLER : ma > mb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_to_belt_now (HdRecordTable      *table,
                 const char         *belt_id,
                 const char * const *site_ids)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  HdStore *store = hd_record_table_get_store (table);
  HdBelt *belt = hd_store_lookup_belt (store, belt_id);
  guint n_added = 0;

  if (!hd_store_add_sites_to_belt (store, belt_id, site_ids, &n_added, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (table));

      g_warning ("Could not add sites to a belt: %s", error->message);
      if (GTK_IS_WINDOW (root))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root),
                                                      _("Cannot Add the Sites"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      return;
    }
  if (n_added > 0)
    {
      hd_record_table_toast_undo (GTK_WIDGET (table), hd_store_get_undo_label (store));
      return;
    }
  /* Translators: a toast; %s is a belt's name */
  title = g_strdup_printf (_("The sites are already on “%s”"), belt ? hd_belt_get_name (belt) : "");
  {
    GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (table), ADW_TYPE_TOAST_OVERLAY);

    if (overlay != NULL)
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  }
}

static void
on_add_to_belt_response (HdRecordTable    *table,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  HdBelt *belt = gtk_drop_down_get_selected_item (drop_down);

  if (g_strcmp0 (response, "add") != 0 || belt == NULL)
    return;
  add_to_belt_now (table, hd_belt_get_id (belt), g_object_get_data (G_OBJECT (dialog), "sites"));
}

static int
compare_belt_names (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  int cmp = g_utf8_collate (hd_belt_get_name ((HdBelt *) a), hd_belt_get_name ((HdBelt *) b));

  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

GtkWidget *
hd_site_table_add_to_belt (HdRecordTable *table,
                           const char    *belt_id)
{
  g_auto(GStrv) sites = NULL;
  g_autofree char *heading = NULL;
  GtkSortListModel *belts;
  GtkWidget *dialog, *drop_down;
  HdStore *store;
  GtkRoot *root;
  guint n;

  g_return_val_if_fail (HD_IS_RECORD_TABLE (table), NULL);

  store = hd_record_table_get_store (table);
  sites = hd_record_table_dup_selected_ids (table);
  n = g_strv_length (sites);
  if (n == 0)
    return NULL;
  if (belt_id != NULL)
    {
      add_to_belt_now (table, belt_id, (const char * const *) sites);
      return NULL;
    }

  root = gtk_widget_get_root (GTK_WIDGET (table));
  /* Translators: a dialog's heading */
  heading = g_strdup_printf (ngettext ("Add %u Site to a Belt", "Add %u Sites to a Belt", n), n);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The sites are appended to the end of the belt's route in "
                                     "the order shown; sites already on it keep their place."));
  belts = gtk_sort_list_model_new (g_object_ref (hd_store_get_belts (store)),
                                   GTK_SORTER (gtk_custom_sorter_new (compare_belt_names, NULL,
                                                                      NULL)));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (belts),
                                 gtk_property_expression_new (HD_TYPE_BELT, NULL, "name"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Belt"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop_down);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add",
                                           g_list_model_get_n_items (hd_store_get_belts (store)) > 0);
  g_object_set_data_full (G_OBJECT (dialog), "sites", g_steal_pointer (&sites),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_to_belt_response), table,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_add_to_belt_clicked (HdRecordTable *table)
{
  hd_site_table_add_to_belt (table, NULL);
}

GtkWidget *
hd_site_table_new (HdStore  *store,
                   HdLights *lights)
{
  HdRecordTable *table;
  GtkWidget *button;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_LIGHTS (lights), NULL);

  table = hd_record_table_new ();
  hd_record_table_setup (table, store, lights, hd_store_get_sites (store), &site_kind);
  hd_record_table_add_name_column (table);
  hd_record_table_add_enum_column (table, &kind_field);
  hd_record_table_add_enum_column (table, &domain_field);
  hd_record_table_add_enum_column (table, &level_field);
  hd_record_table_add_region_column (table);
  hd_record_table_add_column (table, "belts", _("Belts"), GTK_TYPE_INSCRIPTION, bind_belts, NULL,
                              GTK_SORTER (gtk_custom_sorter_new (compare_belts, table, NULL)),
                              150);
  hd_record_table_add_light_column (table);
  hd_record_table_add_last_inspected_column (table);
  hd_record_table_add_column (table, "members", _("Members"), GTK_TYPE_INSCRIPTION, bind_members,
                              NULL,
                              GTK_SORTER (gtk_custom_sorter_new (compare_members, NULL, NULL)),
                              80);
  hd_record_table_add_enum_filter (table, &kind_field);
  hd_record_table_add_enum_filter (table, &domain_field);
  hd_record_table_add_region_filter (table);
  hd_record_table_add_light_filter (table);

  button = gtk_button_new_with_mnemonic (_("Add to _Belt…"));
  gtk_widget_set_tooltip_text (button, _("Append the Selected Sites to a Belt's Route"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_add_to_belt_clicked), table,
                           G_CONNECT_SWAPPED);
  hd_record_table_add_bulk_button (table, button);
  return GTK_WIDGET (table);
}
