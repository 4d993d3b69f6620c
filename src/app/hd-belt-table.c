/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-belt-table"

#include <glib/gi18n.h>

#include "hd-belt-table.h"
#include "hd-store-lists.h"

static const char *
belt_id (gpointer record)
{
  return hd_belt_get_id (record);
}

static const char *
belt_name (gpointer record)
{
  return hd_belt_get_name (record);
}

static const char *
belt_region_id (gpointer record)
{
  return hd_belt_get_region_id (record);
}

static void
belt_search_text (gpointer  record,
                  GString  *text)
{
  const char *brand = hd_belt_get_brand (record);
  const char *responsible = hd_belt_get_responsible (record);

  if (brand != NULL)
    g_string_append_printf (text, "\n%s", brand);
  if (responsible != NULL)
    g_string_append_printf (text, "\n%s", responsible);
}

static char *
format_count (guint shown,
              guint total)
{
  /* Translators: the count above the belts table: shown of all */
  return g_strdup_printf (ngettext ("%u of %u belt", "%u of %u belts", total), shown, total);
}

static const HdRecordTableKind belt_kind = {
  .kind = HD_SUBJECT_BELT,
  .get_id = belt_id,
  .get_name = belt_name,
  .get_region_id = belt_region_id,
  .add_search_text = belt_search_text,
  .delete_records = hd_store_delete_belts,
  .format_count = format_count,
  .no_match_title = N_("No Belts Match"),
  .none_title = N_("No Belts Yet"),
  .search_placeholder = N_("Search belts by name, brand or responsible people"),
  .edit_action = "win.edit-belt",
};

static int
get_stage (gpointer record)
{
  return hd_belt_get_stage (record);
}

static const char *
stage_label (int value)
{
  return hd_belt_stage_label (value);
}

static const HdEnumField stage_field = {
  "stage", N_("Stage"), N_("Filter by stage"), N_("Any stage"), HD_N_BELT_STAGES, 150, get_stage,
  stage_label,
};

char *
hd_belt_table_format_sites (int site_count)
{
  /* Translators: a belt's sites against the target ("6 / 8") */
  return g_strdup_printf (_("%d / %d"), site_count, HD_BELT_MIN_SITES);
}

static void
bind_sites (HdRecordTable *table,
            GtkWidget     *cell,
            gpointer       record,
            gpointer       user_data)
{
  int count = hd_belt_get_site_count (record);
  g_autofree char *text = hd_belt_table_format_sites (count);

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  if (count < HD_BELT_MIN_SITES)
    {
      gtk_widget_add_css_class (cell, "warning");
      gtk_widget_set_tooltip_text (cell, _("Fewer sites than the target of 8"));
    }
  else
    {
      gtk_widget_remove_css_class (cell, "warning");
      gtk_widget_set_tooltip_text (cell, NULL);
    }
}

static int
compare_sites (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  int ca = hd_belt_get_site_count ((HdBelt *) a);
  int cb = hd_belt_get_site_count ((HdBelt *) b);

  return ca < cb ? GTK_ORDERING_SMALLER : ca > cb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
bind_start_year (HdRecordTable *table,
                 GtkWidget     *cell,
                 gpointer       record,
                 gpointer       user_data)
{
  int year = hd_belt_get_start_year (record);
  g_autofree char *text = year > 0 ? g_strdup_printf ("%d", year) : NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text ? text : "");
}

/* Numerically, with no year (0) last. */
static int
compare_start_year (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  int ya = hd_belt_get_start_year ((HdBelt *) a);
  int yb = hd_belt_get_start_year ((HdBelt *) b);

  if (ya <= 0 || yb <= 0)
    return ya > 0 ? GTK_ORDERING_SMALLER : yb > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
  return ya < yb ? GTK_ORDERING_SMALLER : ya > yb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

GtkWidget *
hd_belt_table_new (HdStore  *store,
                   HdLights *lights)
{
  HdRecordTable *table;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_LIGHTS (lights), NULL);

  table = hd_record_table_new ();
  hd_record_table_setup (table, store, lights, hd_store_get_belts (store), &belt_kind);
  hd_record_table_add_name_column (table);
  hd_record_table_add_region_column (table);
  hd_record_table_add_enum_column (table, &stage_field);
  hd_record_table_add_column (table, "sites", _("Sites"), GTK_TYPE_INSCRIPTION, bind_sites, NULL,
                              GTK_SORTER (gtk_custom_sorter_new (compare_sites, NULL, NULL)), 70);
  hd_record_table_add_column (table, "start-year", _("Start Year"), GTK_TYPE_INSCRIPTION,
                              bind_start_year, NULL,
                              GTK_SORTER (gtk_custom_sorter_new (compare_start_year, NULL, NULL)),
                              80);
  hd_record_table_add_light_column (table);
  hd_record_table_add_last_inspected_column (table);
  hd_record_table_add_region_filter (table);
  hd_record_table_add_enum_filter (table, &stage_field);
  hd_record_table_add_light_filter (table);
  return GTK_WIDGET (table);
}
