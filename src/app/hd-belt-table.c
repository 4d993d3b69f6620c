/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-belt-table"

#include <glib/gi18n.h>

#include "hd-belt-table.h"
#include "hd-store-lists.h"

struct _HdBeltTable
{
  GtkWidget      parent_instance;

  HdStore       *store;
  HdLights      *lights;

  HdRecordTable *table;
  GHashTable    *columns;   /* name → GtkColumnViewColumn (owned by the column view) */
};

G_DEFINE_FINAL_TYPE (HdBeltTable, hd_belt_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  N_("Stage"), N_("Filter by stage"), N_("Any stage"), HD_N_BELT_STAGES, 150, get_stage,
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

HdRecordTable *
hd_belt_table_get_table (HdBeltTable *self)
{
  g_return_val_if_fail (HD_IS_BELT_TABLE (self), NULL);
  return self->table;
}

GtkColumnViewColumn *
hd_belt_table_get_column (HdBeltTable *self,
                          const char  *name)
{
  g_return_val_if_fail (HD_IS_BELT_TABLE (self), NULL);
  return g_hash_table_lookup (self->columns, name);
}

static void
hd_belt_table_constructed (GObject *object)
{
  HdBeltTable *self = HD_BELT_TABLE (object);
  HdRecordTable *table = self->table;

  G_OBJECT_CLASS (hd_belt_table_parent_class)->constructed (object);

  hd_record_table_setup (table, self->store, self->lights, hd_store_get_belts (self->store),
                         &belt_kind);
  g_hash_table_insert (self->columns, "name", hd_record_table_add_name_column (table));
  g_hash_table_insert (self->columns, "region", hd_record_table_add_region_column (table));
  g_hash_table_insert (self->columns, "stage", hd_record_table_add_enum_column (table, &stage_field));
  g_hash_table_insert (self->columns, "sites",
                       hd_record_table_add_column (table, _("Sites"), GTK_TYPE_INSCRIPTION, bind_sites,
                                                   NULL,
                                                   GTK_SORTER (gtk_custom_sorter_new (compare_sites,
                                                                                      NULL, NULL)),
                                                   70));
  g_hash_table_insert (self->columns, "start-year",
                       hd_record_table_add_column (table, _("Start Year"), GTK_TYPE_INSCRIPTION,
                                                   bind_start_year, NULL,
                                                   GTK_SORTER (gtk_custom_sorter_new (compare_start_year,
                                                                                      NULL, NULL)),
                                                   80));
  g_hash_table_insert (self->columns, "light", hd_record_table_add_light_column (table));
  g_hash_table_insert (self->columns, "last-inspected",
                       hd_record_table_add_last_inspected_column (table));
  hd_record_table_add_region_filter (table);
  hd_record_table_add_enum_filter (table, &stage_field);
  hd_record_table_add_light_filter (table);
}

static void
hd_belt_table_dispose (GObject *object)
{
  HdBeltTable *self = HD_BELT_TABLE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_BELT_TABLE);
  g_clear_object (&self->store);
  g_clear_object (&self->lights);
  g_clear_pointer (&self->columns, g_hash_table_unref);

  G_OBJECT_CLASS (hd_belt_table_parent_class)->dispose (object);
}

static void
hd_belt_table_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdBeltTable *self = HD_BELT_TABLE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LIGHTS:
      g_value_set_object (value, self->lights);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_belt_table_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HdBeltTable *self = HD_BELT_TABLE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_LIGHTS:
      self->lights = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_belt_table_class_init (HdBeltTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_belt_table_constructed;
  object_class->dispose = hd_belt_table_dispose;
  object_class->get_property = hd_belt_table_get_property;
  object_class->set_property = hd_belt_table_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIGHTS] =
    g_param_spec_object ("lights", NULL, NULL, HD_TYPE_LIGHTS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HD_TYPE_RECORD_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-belt-table.ui");
  gtk_widget_class_bind_template_child (widget_class, HdBeltTable, table);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hd_belt_table_init (HdBeltTable *self)
{
  self->columns = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_belt_table_new (HdStore  *store,
                   HdLights *lights)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_LIGHTS (lights), NULL);

  return g_object_new (HD_TYPE_BELT_TABLE, "store", store, "lights", lights, NULL);
}
