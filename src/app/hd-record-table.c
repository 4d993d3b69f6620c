/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-record-table"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "hd-light-dot.h"
#include "hd-record-table.h"
#include "hd-store-lists.h"

typedef struct {
  HdRecordTable *table;
  HdCellBind     bind;
  gpointer       user_data;
  GType          cell_type;
} Column;

typedef struct {
  HdRecordTable   *table;
  GtkDropDown     *drop_down;
  GtkCustomFilter *filter;
  HdChoiceMatch    match;
  gpointer         user_data;
  guint            selected;
} Choice;

/* Per record, kept on the store's object until the record changes. */
typedef struct {
  char *haystack;   /* name and other searchable texts, case-folded */
  char *name_key;   /* g_utf8_collate_key() of the name */
} RecordCache;

typedef struct {
  char *text;
  char *key;
} BeltsText;

/* What a store change left to do while the table was not shown. */
typedef enum {
  STALE_LAST_INSPECTED = 1 << 0,
  STALE_SITE_BELTS     = 1 << 1,
  STALE_ROWS           = 1 << 2,
} Stale;

struct _HdRecordTable
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkSearchEntry  *search_entry;
  GtkLabel        *count_label;
  GtkWidget       *clear_button;
  GtkBox          *filter_box;
  GtkStack        *stack;
  GtkColumnView   *column_view;
  AdwStatusPage   *empty_page;
  GtkWidget       *empty_clear_button;
  GtkRevealer     *action_revealer;
  GtkActionBar    *action_bar;
  GtkLabel        *selection_label;
  GtkWidget       *delete_button;
  GtkWidget       *assign_region_button;

  HdStore                 *store;
  HdLights                *lights;
  GListModel              *records;
  const HdRecordTableKind *kind;

  GtkEveryFilter     *every;
  GtkCustomFilter    *search_filter;
  char               *needle;         /* case-folded; NULL: no search */
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkMultiSelection  *selection;
  GPtrArray          *columns;        /* Column * */
  GPtrArray          *choices;        /* Choice * */
  GHashTable         *bound;          /* GtkListItem * → Column * (the rows on screen) */
  GHashTable         *column_names;   /* name → GtkColumnViewColumn (owned by the view) */

  guint       stale;                  /* Stale flags: what to read again once shown */
  GHashTable *last_inspected;         /* id → "YYYY-MM-DD" */
  GHashTable *site_belts;             /* site id → BeltsText * */
  GHashTable *region_keys;            /* region id → collation key */

  Choice       *region_choice;
  GPtrArray    *region_choice_ids;    /* char *, NULL first */
  GtkStringList *region_labels;
  GHashTable   *region_set;           /* the chosen region and every region inside it */
  Choice       *light_choice;
};

G_DEFINE_FINAL_TYPE (HdRecordTable, hd_record_table, GTK_TYPE_WIDGET)

static void
record_cache_free (gpointer data)
{
  RecordCache *cache = data;

  g_free (cache->haystack);
  g_free (cache->name_key);
  g_free (cache);
}

static void
belts_text_free (gpointer data)
{
  BeltsText *belts = data;

  g_free (belts->text);
  g_free (belts->key);
  g_free (belts);
}

static GQuark
record_cache_quark (void)
{
  return g_quark_from_static_string ("hd-record-table-cache");
}

char *
hd_record_table_fold (const char *text)
{
  g_autofree char *normal = NULL;

  if (text == NULL)
    return g_strdup ("");
  /* NFKC makes full-width Latin letters and digits (ＡＢＣ１２) match what is typed. */
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  return g_utf8_casefold (normal != NULL ? normal : text, -1);
}

static RecordCache *
record_cache (HdRecordTable *self,
              gpointer       record)
{
  RecordCache *cache = g_object_get_qdata (record, record_cache_quark ());

  if (cache == NULL)
    {
      g_autoptr(GString) text = g_string_new (self->kind->get_name (record));
      const char *name = self->kind->get_name (record);

      if (self->kind->add_search_text != NULL)
        self->kind->add_search_text (record, text);
      cache = g_new0 (RecordCache, 1);
      cache->haystack = hd_record_table_fold (text->str);
      cache->name_key = g_utf8_collate_key (name != NULL ? name : "", -1);
      g_object_set_qdata_full (record, record_cache_quark (), cache, record_cache_free);
    }
  return cache;
}

static GtkOrdering
ordering (int cmp)
{
  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

int
hd_record_table_compare_optional (const char *a,
                                  const char *b)
{
  if (a == NULL || *a == '\0')
    return (b == NULL || *b == '\0') ? 0 : 1;
  if (b == NULL || *b == '\0')
    return -1;
  return strcmp (a, b);
}

/* ------------------------------------------------------------------------------------------ */
/* Facts read once per change                                                                 */

static void
reload_last_inspected (HdRecordTable *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->last_inspected, g_hash_table_unref);
  self->last_inspected = hd_store_map_last_inspected (self->store, &error);
  if (error != NULL)
    g_warning ("Could not read the latest inspections: %s", error->message);
}

static void
reload_site_belts (HdRecordTable *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) map = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_clear_pointer (&self->site_belts, g_hash_table_unref);
  if (self->kind->kind != HD_SUBJECT_SITE)
    return;
  map = hd_store_map_site_belts (self->store, &error);
  if (map == NULL)
    {
      g_warning ("Could not read the belts' routes: %s", error->message);
      return;
    }
  self->site_belts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, belts_text_free);
  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *belt_ids = value;
      g_autoptr(GString) text = g_string_new (NULL);
      BeltsText *belts = g_new0 (BeltsText, 1);

      for (guint i = 0; i < belt_ids->len; i++)
        {
          HdBelt *belt = hd_store_lookup_belt (self->store, g_ptr_array_index (belt_ids, i));

          if (belt == NULL)
            continue;
          if (text->len > 0)
            /* Translators: between the names of a site's belts in the table ("、" in Chinese) */
            g_string_append (text, C_("list separator", ", "));
          g_string_append (text, hd_belt_get_name (belt));
        }
      belts->key = g_utf8_collate_key (text->str, -1);
      belts->text = g_string_free (g_steal_pointer (&text), FALSE);
      g_hash_table_insert (self->site_belts, g_strdup (key), belts);
    }
}

const char *
hd_record_table_get_last_inspected (HdRecordTable *self,
                                    const char    *id)
{
  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  return self->last_inspected ? g_hash_table_lookup (self->last_inspected, id) : NULL;
}

const char *
hd_record_table_get_site_belts (HdRecordTable *self,
                                const char    *site_id)
{
  BeltsText *belts;

  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  belts = self->site_belts ? g_hash_table_lookup (self->site_belts, site_id) : NULL;
  return belts ? belts->text : NULL;
}

const char *
hd_record_table_get_site_belts_key (HdRecordTable *self,
                                    const char    *site_id)
{
  BeltsText *belts;

  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  belts = self->site_belts ? g_hash_table_lookup (self->site_belts, site_id) : NULL;
  return belts ? belts->key : NULL;
}

static const char *
region_key (HdRecordTable *self,
            const char    *region_id)
{
  char *key;
  HdRegion *region;

  if (region_id == NULL)
    return NULL;
  key = g_hash_table_lookup (self->region_keys, region_id);
  if (key != NULL)
    return key;
  region = hd_store_lookup_region (self->store, region_id);
  if (region == NULL)
    return NULL;
  key = g_utf8_collate_key (hd_region_get_name (region), -1);
  g_hash_table_insert (self->region_keys, g_strdup (region_id), key);
  return key;
}

/* ------------------------------------------------------------------------------------------ */
/* Regions for drop-downs                                                                     */

static int
compare_region_names (gconstpointer a,
                      gconstpointer b)
{
  HdRegion *ra = *(HdRegion **) a;
  HdRegion *rb = *(HdRegion **) b;

  return g_utf8_collate (hd_region_get_name (ra), hd_region_get_name (rb));
}

static void
add_region_subtree (GHashTable    *children,
                    const char    *parent_id,
                    guint          depth,
                    GStrvBuilder  *labels,
                    GPtrArray     *ids)
{
  GPtrArray *list = g_hash_table_lookup (children, parent_id ? parent_id : "");

  if (list == NULL || depth > 16)
    return;
  g_ptr_array_sort (list, compare_region_names);
  for (guint i = 0; i < list->len; i++)
    {
      HdRegion *region = g_ptr_array_index (list, i);
      g_autofree char *indent = g_strnfill (depth * 3, ' ');
      g_autofree char *label = g_strconcat (indent, hd_region_get_name (region), NULL);

      g_strv_builder_add (labels, label);
      g_ptr_array_add (ids, g_strdup (hd_region_get_id (region)));
      add_region_subtree (children, hd_region_get_id (region), depth + 1, labels, ids);
    }
}

GtkStringList *
hd_region_choices_new (HdStore     *store,
                       const char  *first_label,
                       GPtrArray  **ids)
{
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  GListModel *regions = hd_store_get_regions (store);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);
      const char *parent = hd_region_get_parent_id (region);
      GPtrArray *list;

      /* A parent that is gone makes the region a root rather than hiding it. */
      if (parent == NULL || hd_store_lookup_region (store, parent) == NULL)
        parent = "";
      list = g_hash_table_lookup (children, parent);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (children, (gpointer) parent, list);
        }
      g_ptr_array_add (list, region);
    }
  g_strv_builder_add (labels, first_label);
  g_ptr_array_add (out, NULL);
  add_region_subtree (children, NULL, 0, labels, out);
  strv = g_strv_builder_end (labels);
  *ids = out;
  return gtk_string_list_new ((const char * const *) strv);
}

/* ------------------------------------------------------------------------------------------ */
/* Showing the state                                                                          */

static gboolean
any_filter_active (HdRecordTable *self)
{
  if (self->needle != NULL)
    return TRUE;
  for (guint i = 0; i < self->choices->len; i++)
    if (((Choice *) g_ptr_array_index (self->choices, i))->selected != 0)
      return TRUE;
  return FALSE;
}

static void
update_count (HdRecordTable *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (self->records);
  g_autofree char *text = self->kind->format_count (shown, total);
  gboolean active = any_filter_active (self);

  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_sensitive (self->clear_button, active);
  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "table");
      return;
    }
  adw_status_page_set_title (self->empty_page,
                             gettext (total > 0 ? self->kind->no_match_title
                                                       : self->kind->none_title));
  adw_status_page_set_description (self->empty_page,
                                   total > 0 ? _("Try other words or clear the filters.") : NULL);
  gtk_widget_set_visible (self->empty_clear_button, active);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
update_selection (HdRecordTable *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autofree char *text = NULL;
  guint64 n;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  n = gtk_bitset_get_size (selected);
  /* Translators: in the action bar of a table: how many rows are selected */
  text = g_strdup_printf (ngettext ("%u selected", "%u selected", (gulong) n), (guint) n);
  gtk_label_set_label (self->selection_label, text);
  gtk_revealer_set_reveal_child (self->action_revealer, n > 0);
}

static void
refresh_cells (HdRecordTable *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkListItem *item = key;
      Column *column = value;
      gpointer record = gtk_list_item_get_item (item);
      GtkWidget *cell = gtk_list_item_get_child (item);

      if (record != NULL && cell != NULL)
        column->bind (self, cell, record, column->user_data);
    }
}

/* Everything shown may have moved: cells, order and filtering. */
static void
refresh_all (HdRecordTable *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);

  refresh_cells (self);
  if (sorter != NULL)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->every), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/* Reads what changed since the table last looked, then refreshes the rows. */
static void
catch_up (HdRecordTable *self)
{
  if (self->stale & STALE_LAST_INSPECTED)
    reload_last_inspected (self);
  if (self->stale & STALE_SITE_BELTS)
    reload_site_belts (self);
  if (self->stale & STALE_ROWS)
    refresh_all (self);
  self->stale = 0;
}

static void
hd_record_table_map (GtkWidget *widget)
{
  HdRecordTable *self = HD_RECORD_TABLE (widget);

  GTK_WIDGET_CLASS (hd_record_table_parent_class)->map (widget);
  if (self->store != NULL && self->stale != 0)
    catch_up (self);
}

static void
forget_record_caches (HdRecordTable      *self,
                      const char * const *ids)
{
  if (ids == NULL || ids[0] == NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (self->records); i++)
        {
          g_autoptr(GObject) record = g_list_model_get_item (self->records, i);

          g_object_set_qdata (record, record_cache_quark (), NULL);
        }
      return;
    }
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GObject *record = self->kind->kind == HD_SUBJECT_SITE
                          ? (GObject *) hd_store_lookup_site (self->store, ids[i])
                          : (GObject *) hd_store_lookup_belt (self->store, ids[i]);

      if (record != NULL)
        g_object_set_qdata (record, record_cache_quark (), NULL);
    }
}

static void rebuild_region_choices (HdRecordTable *self);

static void
on_store_changed (HdRecordTable *self,
                  guint          kinds,
                  GStrv          ids,
                  HdStore       *store)
{
  guint own = self->kind->kind == HD_SUBJECT_SITE ? HD_CHANGE_SITES : HD_CHANGE_BELTS;

  if (hd_lights_change_is_draft_only (store, kinds, (const char * const *) ids))
    return;
  if (kinds & own)
    forget_record_caches (self, (const char * const *) ids);
  if (kinds & HD_CHANGE_REGIONS)
    {
      g_hash_table_remove_all (self->region_keys);
      rebuild_region_choices (self);
    }
  if (kinds & (HD_CHANGE_INSPECTIONS | own))
    self->stale |= STALE_LAST_INSPECTED;
  if (kinds & (HD_CHANGE_ROUTES | HD_CHANGE_BELTS | HD_CHANGE_SITES))
    self->stale |= STALE_SITE_BELTS;
  self->stale |= STALE_ROWS;
  /* A table behind the map catches up when it is shown, not on every edit. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self);
}

static void
on_lights_changed (HdRecordTable *self)
{
  self->stale |= STALE_ROWS;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Search and filters                                                                         */

static gboolean
search_match (gpointer item,
              gpointer user_data)
{
  HdRecordTable *self = user_data;

  if (self->needle == NULL)
    return TRUE;
  return strstr (record_cache (self, item)->haystack, self->needle) != NULL;
}

static void
on_search_changed (HdRecordTable *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *needle = *trimmed ? hd_record_table_fold (trimmed) : NULL;
  g_autofree char *old = g_steal_pointer (&self->needle);
  GtkFilterChange change;

  self->needle = g_steal_pointer (&needle);
  if (g_strcmp0 (old, self->needle) == 0)
    return;
  /* Typing more letters only narrows: the filter model then checks only the rows shown. */
  if (old == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->needle == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (self->needle, old) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (old, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;
  /* No search: no function, so the filter says it lets everything through and the filter model
   * skips it (a sort then needs no pass over every row). */
  if (self->needle == NULL || old == NULL)
    gtk_custom_filter_set_filter_func (self->search_filter,
                                       self->needle ? search_match : NULL,
                                       self->needle ? self : NULL, NULL);
  else
    gtk_filter_changed (GTK_FILTER (self->search_filter), change);
  update_count (self);
}

void
hd_record_table_set_search_text (HdRecordTable *self,
                                 const char    *text)
{
  g_return_if_fail (HD_IS_RECORD_TABLE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* The entry reports after a delay; the table applies the text now. */
  on_search_changed (self);
}

static gboolean
choice_match (gpointer item,
              gpointer user_data)
{
  Choice *choice = user_data;

  return choice->selected == 0 || choice->match (item, choice->selected, choice->user_data);
}

static void
on_choice_selected (Choice     *choice,
                    GParamSpec *pspec,
                    GtkDropDown *drop_down)
{
  guint selected = gtk_drop_down_get_selected (drop_down);
  HdRecordTable *self = choice->table;

  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  if (selected == choice->selected)
    return;
  choice->selected = selected;
  if (choice == self->region_choice)
    {
      g_clear_pointer (&self->region_set, g_hash_table_unref);
      if (selected != 0 && selected < self->region_choice_ids->len)
        {
          const char *root = g_ptr_array_index (self->region_choice_ids, selected);
          GListModel *regions = hd_store_get_regions (self->store);

          self->region_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
            {
              g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);
              const char *cursor = hd_region_get_id (region);

              for (guint depth = 0; cursor != NULL && depth < 16; depth++)
                {
                  HdRegion *up;

                  if (strcmp (cursor, root) == 0)
                    {
                      g_hash_table_add (self->region_set, g_strdup (hd_region_get_id (region)));
                      break;
                    }
                  up = hd_store_lookup_region (self->store, cursor);
                  cursor = up ? hd_region_get_parent_id (up) : NULL;
                }
            }
        }
    }
  /* "Any": no function at all, as for the search. */
  gtk_custom_filter_set_filter_func (choice->filter, selected != 0 ? choice_match : NULL,
                                     selected != 0 ? choice : NULL, NULL);
  update_count (self);
}

GtkDropDown *
hd_record_table_add_choice_filter (HdRecordTable      *self,
                                   const char         *accessible_label,
                                   const char * const *labels,
                                   HdChoiceMatch       match,
                                   gpointer            user_data)
{
  Choice *choice;

  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);

  choice = g_new0 (Choice, 1);
  choice->table = self;
  choice->match = match;
  choice->user_data = user_data;
  choice->drop_down = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (choice->drop_down), accessible_label);
  choice->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->every), GTK_FILTER (g_object_ref (choice->filter)));
  g_signal_connect_swapped (choice->drop_down, "notify::selected",
                            G_CALLBACK (on_choice_selected), choice);
  gtk_box_append (self->filter_box, GTK_WIDGET (choice->drop_down));
  g_ptr_array_add (self->choices, choice);
  return choice->drop_down;
}

static gboolean
region_match (gpointer item,
              guint    choice,
              gpointer user_data)
{
  HdRecordTable *self = user_data;
  const char *region_id = self->kind->get_region_id (item);

  return region_id != NULL && self->region_set != NULL &&
         g_hash_table_contains (self->region_set, region_id);
}

static void
rebuild_region_choices (HdRecordTable *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GtkStringList) labels = NULL;
  g_autofree char *chosen = NULL;
  guint n_old, n_new, selected = 0;
  g_autofree char **strings = NULL;

  if (self->region_choice == NULL)
    return;
  if (self->region_choice->selected != 0)
    chosen = g_strdup (g_ptr_array_index (self->region_choice_ids,
                                          self->region_choice->selected));
  labels = hd_region_choices_new (self->store, _("Any region"), &ids);
  n_new = g_list_model_get_n_items (G_LIST_MODEL (labels));
  strings = g_new0 (char *, n_new + 1);
  for (guint i = 0; i < n_new; i++)
    {
      strings[i] = (char *) gtk_string_list_get_string (labels, i);
      if (chosen != NULL && i > 0 && g_strcmp0 (g_ptr_array_index (ids, i), chosen) == 0)
        selected = i;
    }
  g_ptr_array_unref (self->region_choice_ids);
  self->region_choice_ids = g_steal_pointer (&ids);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->region_labels));
  /* The drop-down follows its model; make the choice land on the same region again. */
  self->region_choice->selected = G_MAXUINT;
  gtk_string_list_splice (self->region_labels, 0, n_old, (const char * const *) strings);
  gtk_drop_down_set_selected (self->region_choice->drop_down, selected);
  on_choice_selected (self->region_choice, NULL, self->region_choice->drop_down);
}

GtkDropDown *
hd_record_table_add_region_filter (HdRecordTable *self)
{
  const char *none[] = { NULL };
  GtkDropDown *drop_down;

  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);

  drop_down = hd_record_table_add_choice_filter (self, _("Filter by region"), none,
                                                 region_match, self);
  self->region_choice = g_ptr_array_index (self->choices, self->choices->len - 1);
  self->region_labels = GTK_STRING_LIST (gtk_drop_down_get_model (drop_down));
  self->region_choice_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_drop_down_set_enable_search (drop_down,
                                   TRUE);
  gtk_drop_down_set_expression (drop_down,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  rebuild_region_choices (self);
  return drop_down;
}

/* Red first: the worst needs attention first; never inspected (grey) last, as empty. */
static int
light_rank (HdLight light)
{
  switch (light)
    {
    case HD_LIGHT_RED:
      return 0;
    case HD_LIGHT_YELLOW:
      return 1;
    case HD_LIGHT_GREEN:
      return 2;
    case HD_LIGHT_GREY:
    default:
      return 3;
    }
}

static gboolean
light_match (gpointer item,
             guint    choice,
             gpointer user_data)
{
  HdRecordTable *self = user_data;
  HdLight light = hd_lights_get (self->lights, self->kind->kind, self->kind->get_id (item));

  return (guint) light_rank (light) == choice - 1;
}

GtkDropDown *
hd_record_table_add_light_filter (HdRecordTable *self)
{
  const char *labels[] = {
    _("Any light"), _("Red"), _("Yellow"), _("Green"), _("Not inspected"), NULL
  };
  GtkDropDown *drop_down;

  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);

  drop_down = hd_record_table_add_choice_filter (self, _("Filter by light"), labels,
                                                 light_match, self);
  self->light_choice = g_ptr_array_index (self->choices, self->choices->len - 1);
  return drop_down;
}

void
hd_record_table_clear_filters (HdRecordTable *self)
{
  g_return_if_fail (HD_IS_RECORD_TABLE (self));

  for (guint i = 0; i < self->choices->len; i++)
    gtk_drop_down_set_selected (((Choice *) g_ptr_array_index (self->choices, i))->drop_down, 0);
  hd_record_table_set_search_text (self, "");
}

/* ------------------------------------------------------------------------------------------ */
/* Columns                                                                                    */

static void
column_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              Column                   *column)
{
  GtkWidget *cell;

  if (column->cell_type == GTK_TYPE_INSCRIPTION)
    {
      /* Not a GtkLabel: a view keeps 200 rows alive in GTK 4.8 and re-creates them when the
       * rows change wholesale (a keystroke); inscriptions measure far more cheaply. */
      cell = gtk_inscription_new (NULL);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 0);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 4);
    }
  else
    {
      cell = g_object_new (column->cell_type, "halign", GTK_ALIGN_START, NULL);
    }
  gtk_list_item_set_child (item, cell);
}

static void
column_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             Column                   *column)
{
  column->bind (column->table, gtk_list_item_get_child (item), gtk_list_item_get_item (item),
                column->user_data);
  g_hash_table_insert (column->table->bound, item, column);
}

static void
column_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               Column                   *column)
{
  g_hash_table_remove (column->table->bound, item);
}

GtkColumnViewColumn *
hd_record_table_add_column (HdRecordTable *self,
                            const char    *name,
                            const char    *title,
                            GType          cell_type,
                            HdCellBind     bind,
                            gpointer       user_data,
                            GtkSorter     *sorter,
                            int            width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  Column *column = g_new0 (Column, 1);

  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);

  column->table = self;
  column->bind = bind;
  column->user_data = user_data;
  column->cell_type = cell_type;
  g_ptr_array_add (self->columns, column);
  g_signal_connect (factory, "setup", G_CALLBACK (column_setup), column);
  g_signal_connect (factory, "bind", G_CALLBACK (column_bind), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (column_unbind), column);
  g_signal_connect (factory, "teardown", G_CALLBACK (column_unbind), column);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (width < 0)
    gtk_column_view_column_set_expand (view_column, TRUE);
  else if (width > 0)
    gtk_column_view_column_set_fixed_width (view_column, width);
  if (sorter != NULL)
    {
      gtk_column_view_column_set_sorter (view_column, sorter);
      g_object_unref (sorter);
    }
  gtk_column_view_append_column (self->column_view, view_column);
  g_hash_table_insert (self->column_names, g_strdup (name), view_column);
  g_object_unref (view_column);
  return view_column;
}

static void
bind_name (HdRecordTable *self,
           GtkWidget     *cell,
           gpointer       record,
           gpointer       user_data)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), self->kind->get_name (record));
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  HdRecordTable *self = user_data;

  return ordering (strcmp (record_cache (self, (gpointer) a)->name_key,
                           record_cache (self, (gpointer) b)->name_key));
}

GtkColumnViewColumn *
hd_record_table_add_name_column (HdRecordTable *self)
{
  GtkColumnViewColumn *column;

  column = hd_record_table_add_column (self, "name", _("Name"), GTK_TYPE_INSCRIPTION, bind_name, NULL,
                                       GTK_SORTER (gtk_custom_sorter_new (compare_names, self, NULL)),
                                       -1);
  gtk_column_view_column_set_fixed_width (column, 200);
  gtk_column_view_sort_by_column (self->column_view, column, GTK_SORT_ASCENDING);
  /* The view keeps its first row in sight across the re-sort: start again at the top. */
  gtk_column_view_set_model (self->column_view, NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  return column;
}

static void
bind_region (HdRecordTable *self,
             GtkWidget     *cell,
             gpointer       record,
             gpointer       user_data)
{
  const char *region_id = self->kind->get_region_id (record);
  HdRegion *region = region_id ? hd_store_lookup_region (self->store, region_id) : NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), region ? hd_region_get_name (region) : "");
}

static int
compare_regions (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  HdRecordTable *self = user_data;

  return ordering (hd_record_table_compare_optional (
                     region_key (self, self->kind->get_region_id ((gpointer) a)),
                     region_key (self, self->kind->get_region_id ((gpointer) b))));
}

GtkColumnViewColumn *
hd_record_table_add_region_column (HdRecordTable *self)
{
  return hd_record_table_add_column (self, "region", _("Region"), GTK_TYPE_INSCRIPTION, bind_region, NULL,
                                     GTK_SORTER (gtk_custom_sorter_new (compare_regions, self, NULL)),
                                     90);
}

static void
bind_light (HdRecordTable *self,
            GtkWidget     *cell,
            gpointer       record,
            gpointer       user_data)
{
  const char *id = self->kind->get_id (record);
  HdLight light = hd_lights_get (self->lights, self->kind->kind, id);

  /* The reasons (for the tooltip and screen readers) are read per shown row, once per change. */
  hd_light_dot_set (HD_LIGHT_DOT (cell), light,
                    hd_lights_get_reasons (self->lights, self->kind->kind, id));
}

static int
compare_lights (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  HdRecordTable *self = user_data;
  HdLight la = hd_lights_get (self->lights, self->kind->kind, self->kind->get_id ((gpointer) a));
  HdLight lb = hd_lights_get (self->lights, self->kind->kind, self->kind->get_id ((gpointer) b));

  return ordering (light_rank (la) - light_rank (lb));
}

GtkColumnViewColumn *
hd_record_table_add_light_column (HdRecordTable *self)
{
  return hd_record_table_add_column (self, "light", _("Light"), HD_TYPE_LIGHT_DOT, bind_light, NULL,
                                     GTK_SORTER (gtk_custom_sorter_new (compare_lights, self, NULL)),
                                     60);
}

static void
bind_last_inspected (HdRecordTable *self,
                     GtkWidget     *cell,
                     gpointer       record,
                     gpointer       user_data)
{
  const char *date = hd_record_table_get_last_inspected (self, self->kind->get_id (record));

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), date ? date : _("Never"));
  if (date == NULL)
    gtk_widget_add_css_class (cell, "dim-label");
  else
    gtk_widget_remove_css_class (cell, "dim-label");
}

static int
compare_last_inspected (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  HdRecordTable *self = user_data;

  return ordering (hd_record_table_compare_optional (
                     hd_record_table_get_last_inspected (self, self->kind->get_id ((gpointer) a)),
                     hd_record_table_get_last_inspected (self, self->kind->get_id ((gpointer) b))));
}

GtkColumnViewColumn *
hd_record_table_add_last_inspected_column (HdRecordTable *self)
{
  return hd_record_table_add_column (self, "last-inspected", _("Last Inspected"), GTK_TYPE_INSCRIPTION,
                                     bind_last_inspected, NULL,
                                     GTK_SORTER (gtk_custom_sorter_new (compare_last_inspected,
                                                                        self, NULL)),
                                     115);
}

static void
bind_enum (HdRecordTable *self,
           GtkWidget     *cell,
           gpointer       record,
           gpointer       user_data)
{
  const HdEnumField *field = user_data;

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), field->label (field->get (record)));
}

static int
compare_enum (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const HdEnumField *field = user_data;

  return ordering (field->get ((gpointer) a) - field->get ((gpointer) b));
}

GtkColumnViewColumn *
hd_record_table_add_enum_column (HdRecordTable     *self,
                                 const HdEnumField *field)
{
  return hd_record_table_add_column (self, field->name, gettext (field->title), GTK_TYPE_INSCRIPTION, bind_enum,
                                     (gpointer) field,
                                     GTK_SORTER (gtk_custom_sorter_new (compare_enum,
                                                                        (gpointer) field, NULL)),
                                     field->width);
}

static gboolean
enum_match (gpointer item,
            guint    choice,
            gpointer user_data)
{
  const HdEnumField *field = user_data;

  return field->get (item) == (int) choice - 1;
}

GtkDropDown *
hd_record_table_add_enum_filter (HdRecordTable     *self,
                                 const HdEnumField *field)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;

  g_strv_builder_add (builder, gettext (field->any_label));
  for (int i = 0; i < field->n_values; i++)
    g_strv_builder_add (builder, field->label (i));
  labels = g_strv_builder_end (builder);
  return hd_record_table_add_choice_filter (self, gettext (field->accessible_label),
                                            (const char * const *) labels, enum_match,
                                            (gpointer) field);
}

void
hd_record_table_add_bulk_button (HdRecordTable *self,
                                 GtkWidget     *button)
{
  g_return_if_fail (HD_IS_RECORD_TABLE (self));
  gtk_action_bar_pack_end (self->action_bar, button);
}

/* ------------------------------------------------------------------------------------------ */
/* Selection and bulk actions                                                                 */

GStrv
hd_record_table_dup_selected_ids (HdRecordTable *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      {
        g_autoptr(GObject) record = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

        if (record != NULL)
          g_strv_builder_add (builder, self->kind->get_id (record));
      }
    while (gtk_bitset_iter_next (&iter, &position));
  return g_strv_builder_end (builder);
}

void
hd_record_table_toast_undo (GtkWidget  *widget,
                            const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
show_error (HdRecordTable *self,
            const char    *heading,
            const GError  *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_warning ("%s: %s", heading, error->message);
  if (!GTK_IS_WINDOW (root))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
after_bulk_command (HdRecordTable *self)
{
  hd_record_table_toast_undo (GTK_WIDGET (self), hd_store_get_undo_label (self->store));
}

static void
assign_now (HdRecordTable      *self,
            const char * const *ids,
            const char         *region_id)
{
  g_autoptr(GError) error = NULL;

  if (!hd_store_assign_region (self->store, ids, region_id, &error))
    {
      show_error (self, _("Cannot Assign the Region"), error);
      return;
    }
  after_bulk_command (self);
}

static void
on_assign_response (HdRecordTable    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GPtrArray *ids = g_object_get_data (G_OBJECT (dialog), "region-ids");
  GStrv records = g_object_get_data (G_OBJECT (dialog), "records");
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (g_strcmp0 (response, "assign") != 0 || selected >= ids->len)
    return;
  assign_now (self, (const char * const *) records, g_ptr_array_index (ids, selected));
}

GtkWidget *
hd_record_table_assign_region (HdRecordTable *self,
                               const char    *region_id)
{
  g_auto(GStrv) records = NULL;
  g_autoptr(GtkStringList) labels = NULL;
  g_autofree char *heading = NULL;
  GPtrArray *ids = NULL;
  GtkWidget *dialog, *drop_down;
  GtkRoot *root;
  guint n;

  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);

  records = hd_record_table_dup_selected_ids (self);
  n = g_strv_length (records);
  if (n == 0)
    return NULL;
  if (region_id != NULL)
    {
      assign_now (self, (const char * const *) records, *region_id ? region_id : NULL);
      return NULL;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Translators: a dialog's heading */
  heading = g_strdup_printf (ngettext ("Assign a Region to %u Row", "Assign a Region to %u Rows",
                                       n), n);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Sites and belts in a region count toward its plan and "
                                     "show under it in reports."));
  labels = hd_region_choices_new (self->store, _("No region"), &ids);
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)),
                                 gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                              "string"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  if (ids->len > 1)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Region"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop_down);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "assign", _("_Assign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "assign",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "assign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "region-ids", ids,
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "records", g_steal_pointer (&records),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_assign_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_assign_region_clicked (HdRecordTable *self)
{
  hd_record_table_assign_region (self, NULL);
}

static void
delete_now (HdRecordTable      *self,
            const char * const *ids)
{
  g_autoptr(GError) error = NULL;

  if (!self->kind->delete_records (self->store, ids, &error))
    {
      show_error (self, _("Cannot Delete"), error);
      return;
    }
  after_bulk_command (self);
}

static void
on_delete_response (HdRecordTable    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "delete") == 0)
    delete_now (self, g_object_get_data (G_OBJECT (dialog), "records"));
}

GtkWidget *
hd_record_table_delete_selected (HdRecordTable *self)
{
  g_auto(GStrv) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkRoot *root;
  gint64 n_inspections;
  guint n;

  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);

  records = hd_record_table_dup_selected_ids (self);
  n = g_strv_length (records);
  if (n == 0)
    return NULL;
  n_inspections = hd_store_count_inspections_of (self->store, (const char * const *) records,
                                                 &error);
  if (n_inspections < 0)
    {
      show_error (self, _("Cannot Delete"), error);
      return NULL;
    }
  if (n_inspections == 0)
    {
      delete_now (self, (const char * const *) records);
      return NULL;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Translators: a dialog's heading; %u is how many rows are selected */
  heading = g_strdup_printf (ngettext ("Delete %u Selected Row?", "Delete %u Selected Rows?", n),
                             n);
  /* Translators: %u is how many inspections the selected sites or belts have */
  body = g_strdup_printf (ngettext ("%u inspection, with its answers, photos and rectification "
                                    "tasks, is deleted with them. You can undo this.",
                                    "%u inspections, with their answers, photos and "
                                    "rectification tasks, are deleted with them. You can undo "
                                    "this.", (gulong) n_inspections),
                          (guint) n_inspections);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "records", g_steal_pointer (&records),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static gboolean
delete_shortcut (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  hd_record_table_delete_selected (HD_RECORD_TABLE (user_data));
  return TRUE;
}

static void
on_activate (HdRecordTable *self,
             guint          position)
{
  g_autoptr(GObject) record = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (record != NULL && self->kind->edit_action != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), self->kind->edit_action, "s",
                                self->kind->get_id (record));
}

/* ------------------------------------------------------------------------------------------ */
/* Accessors                                                                                  */

HdStore *
hd_record_table_get_store (HdRecordTable *self)
{
  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  return self->store;
}

HdLights *
hd_record_table_get_lights (HdRecordTable *self)
{
  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  return self->lights;
}

GtkColumnView *
hd_record_table_get_column_view (HdRecordTable *self)
{
  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  return self->column_view;
}

GListModel *
hd_record_table_get_shown (HdRecordTable *self)
{
  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

GtkSelectionModel *
hd_record_table_get_selection (HdRecordTable *self)
{
  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

guint
hd_record_table_get_n_shown (HdRecordTable *self)
{
  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

void
hd_record_table_sort_by (HdRecordTable       *self,
                         GtkColumnViewColumn *column,
                         GtkSortType          order)
{
  g_return_if_fail (HD_IS_RECORD_TABLE (self));
  gtk_column_view_sort_by_column (self->column_view, column, order);
}

GtkColumnViewColumn *
hd_record_table_get_column (HdRecordTable *self,
                            const char    *name)
{
  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  return g_hash_table_lookup (self->column_names, name);
}

GtkDropDown *
hd_record_table_get_filter (HdRecordTable *self,
                            guint          index)
{
  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  if (index >= self->choices->len)
    return NULL;
  return ((Choice *) g_ptr_array_index (self->choices, index))->drop_down;
}

const char *
hd_record_table_get_state (HdRecordTable *self)
{
  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
hd_record_table_get_search_entry (HdRecordTable *self)
{
  g_return_val_if_fail (HD_IS_RECORD_TABLE (self), NULL);
  return GTK_WIDGET (self->search_entry);
}

/* ------------------------------------------------------------------------------------------ */
/* Life cycle                                                                                 */

void
hd_record_table_setup (HdRecordTable           *self,
                       HdStore                 *store,
                       HdLights                *lights,
                       GListModel              *records,
                       const HdRecordTableKind *kind)
{
  GtkShortcutController *shortcuts;

  g_return_if_fail (HD_IS_RECORD_TABLE (self));
  g_return_if_fail (HD_IS_STORE (store));
  g_return_if_fail (HD_IS_LIGHTS (lights));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->lights = g_object_ref (lights);
  self->records = g_object_ref (records);
  self->kind = kind;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_object_set (self->search_entry, "placeholder-text", gettext (kind->search_placeholder), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gettext (kind->search_placeholder), -1);

  self->every = gtk_every_filter_new ();
  self->search_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->every), GTK_FILTER (g_object_ref (self->search_filter)));
  /* Sorted first, then filtered: a keystroke refilters rows already in order instead of
   * sorting again whatever the new filter lets through. */
  self->sorted = gtk_sort_list_model_new (g_object_ref (records),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sorted)),
                                              GTK_FILTER (g_object_ref (self->every)));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (update_selection), self);
  g_signal_connect_swapped (self->selection, "items-changed",
                            G_CALLBACK (update_selection), self);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);

  reload_last_inspected (self);
  reload_site_belts (self);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (lights, "changed", G_CALLBACK (on_lights_changed), self,
                           G_CONNECT_SWAPPED);

  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0)),
                      gtk_callback_action_new (delete_shortcut, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (shortcuts));

  update_count (self);
  update_selection (self);
}

static void
hd_record_table_dispose (GObject *object)
{
  HdRecordTable *self = HD_RECORD_TABLE (object);

  /* The models may still talk while the template's widgets go. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_RECORD_TABLE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->every);
  if (self->choices != NULL)
    for (guint i = 0; i < self->choices->len; i++)
      g_clear_object (&((Choice *) g_ptr_array_index (self->choices, i))->filter);
  g_clear_object (&self->records);
  g_clear_object (&self->lights);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_record_table_parent_class)->dispose (object);
}

static void
hd_record_table_finalize (GObject *object)
{
  HdRecordTable *self = HD_RECORD_TABLE (object);

  g_free (self->needle);
  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->choices);
  g_hash_table_unref (self->bound);
  g_hash_table_unref (self->column_names);
  g_clear_pointer (&self->last_inspected, g_hash_table_unref);
  g_clear_pointer (&self->site_belts, g_hash_table_unref);
  g_clear_pointer (&self->region_set, g_hash_table_unref);
  g_clear_pointer (&self->region_choice_ids, g_ptr_array_unref);
  g_hash_table_unref (self->region_keys);

  G_OBJECT_CLASS (hd_record_table_parent_class)->finalize (object);
}

static void
hd_record_table_class_init (HdRecordTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_record_table_dispose;
  object_class->finalize = hd_record_table_finalize;
  widget_class->map = hd_record_table_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-record-table.ui");
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, box);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, count_label);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, clear_button);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, filter_box);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, stack);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, empty_clear_button);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, action_bar);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, selection_label);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, delete_button);
  gtk_widget_class_bind_template_child (widget_class, HdRecordTable, assign_region_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, hd_record_table_clear_filters);
  gtk_widget_class_bind_template_callback (widget_class, hd_record_table_delete_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_assign_region_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hd-record-table");
}

static void
hd_record_table_init (HdRecordTable *self)
{
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->choices = g_ptr_array_new_with_free_func (g_free);
  self->bound = g_hash_table_new (NULL, NULL);
  self->column_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->region_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

HdRecordTable *
hd_record_table_new (void)
{
  return g_object_new (HD_TYPE_RECORD_TABLE, NULL);
}
