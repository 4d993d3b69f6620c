/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-lights.h"

G_BEGIN_DECLS

/* What a table of sites or of belts tells the generic table about its records. */
typedef struct {
  HdSubjectKind   kind;
  const char   *(*get_id)          (gpointer record);
  const char   *(*get_name)        (gpointer record);
  const char   *(*get_region_id)   (gpointer record);
  /* Appends the other texts a search finds the record by (organisation, address, ...). */
  void          (*add_search_text) (gpointer record,
                                    GString *text);
  /* Bulk delete: hd_store_delete_sites() or hd_store_delete_belts(). */
  gboolean      (*delete_records)  (HdStore            *store,
                                    const char * const *ids,
                                    GError            **error);
  /* "%u of %u sites" (translated, with the plural of the total). (transfer full) */
  char         *(*format_count)    (guint shown,
                                    guint total);
  const char     *no_match_title;  /* "No Sites Match" */
  const char     *none_title;      /* "No Sites Yet" */
  const char     *search_placeholder;
  /* "win.edit-site": Enter on a row activates it with the row's id. */
  const char     *edit_action;
} HdRecordTableKind;

#define HD_TYPE_RECORD_TABLE (hd_record_table_get_type ())
G_DECLARE_FINAL_TYPE (HdRecordTable, hd_record_table, HD, RECORD_TABLE, GtkWidget)

/* The piece the site and belt tables share: a GtkColumnView over the store's live model
 * (filtered, then sorted, then a GtkMultiSelection), a search entry, filter drop-downs, an
 * "N of M" count with a way to clear the filters, an empty state, and an action bar of bulk
 * actions for the selection (assign region and delete here; the owner adds its own).
 *
 * Nothing is read per row from the database: the lights come from HdLights, the latest
 * inspections and (for sites) the belts from maps read once per store change. Search texts and
 * collation keys are computed once per record and kept until it changes.
 *
 * Keys: Ctrl+A selects all, Delete deletes the selection (with a confirmation saying how many
 * inspections go with it when there are any, and an Undo toast), Enter edits the row. */
HdRecordTable  *hd_record_table_new               (void);
/* Call once, before use. @kind must outlive the table (a static). */
void            hd_record_table_setup             (HdRecordTable           *self,
                                                   HdStore                 *store,
                                                   HdLights                *lights,
                                                   GListModel              *records,
                                                   const HdRecordTableKind *kind);
HdStore        *hd_record_table_get_store         (HdRecordTable           *self);
HdLights       *hd_record_table_get_lights        (HdRecordTable           *self);

/* Columns, in the order added; @name finds the column again (hd_record_table_get_column()).
 * @bind fills @cell (a GtkInscription unless @cell_type says otherwise)
 * for @record; it runs again for every shown row whenever the store or the lights change.
 * @sorter: (transfer full) (nullable): the column's sort order, for ascending.
 * @width: a fixed width in pixels; 0: the cells' natural width; -1: takes the room left. */
typedef void (*HdCellBind) (HdRecordTable *table,
                            GtkWidget     *cell,
                            gpointer       record,
                            gpointer       user_data);
GtkColumnViewColumn *hd_record_table_add_column  (HdRecordTable  *self,
                                                  const char     *name,
                                                  const char     *title,
                                                  GType           cell_type,
                                                  HdCellBind      bind,
                                                  gpointer        user_data,
                                                  GtkSorter      *sorter,
                                                  int             width);
/* The columns both tables have: "name" (the default sort), "region", "light",
 * "last-inspected". */
GtkColumnViewColumn *hd_record_table_add_name_column           (HdRecordTable *self);
GtkColumnViewColumn *hd_record_table_add_region_column         (HdRecordTable *self);
GtkColumnViewColumn *hd_record_table_add_light_column          (HdRecordTable *self);
GtkColumnViewColumn *hd_record_table_add_last_inspected_column (HdRecordTable *self);

/* A drop-down filter: @labels[0] is "any" (no filtering); otherwise @match decides. */
typedef gboolean (*HdChoiceMatch) (gpointer record,
                                   guint    choice,
                                   gpointer user_data);
GtkDropDown    *hd_record_table_add_choice_filter (HdRecordTable      *self,
                                                   const char         *accessible_label,
                                                   const char * const *labels,
                                                   HdChoiceMatch       match,
                                                   gpointer            user_data);
/* The filters both tables have: region (a region matches its sub-regions too) and light. */
GtkDropDown    *hd_record_table_add_region_filter (HdRecordTable      *self);
GtkDropDown    *hd_record_table_add_light_filter  (HdRecordTable      *self);

/* A field whose values are one of the domain's enumerations (kind, domain, level, stage):
 * a column sorted in the enumeration's order and a drop-down filter with every value. */
typedef struct {
  const char *name;                   /* the column's name, "kind" */
  const char *title;                  /* the column's title (translated at use) */
  const char *accessible_label;       /* the filter's label, "Filter by kind" */
  const char *any_label;              /* the filter's first entry, "Any kind" */
  int         n_values;
  int         width;                  /* the column's fixed width */
  int         (*get)   (gpointer record);
  const char *(*label) (int value);
} HdEnumField;
GtkColumnViewColumn *hd_record_table_add_enum_column (HdRecordTable     *self,
                                                      const HdEnumField *field);
GtkDropDown    *hd_record_table_add_enum_filter   (HdRecordTable      *self,
                                                   const HdEnumField  *field);

/* A button at the end of the action bar shown while rows are selected. */
void            hd_record_table_add_bulk_button   (HdRecordTable      *self,
                                                   GtkWidget          *button);

/* The facts read once per change. (nullable) (transfer none) */
const char     *hd_record_table_get_last_inspected (HdRecordTable     *self,
                                                    const char        *id);
/* The site's belts' names joined ("A、B" in Chinese), or NULL when on none. */
const char     *hd_record_table_get_site_belts    (HdRecordTable      *self,
                                                   const char         *site_id);
/* The collation key of the site's belts text (for sorting), or NULL. */
const char     *hd_record_table_get_site_belts_key (HdRecordTable     *self,
                                                    const char        *site_id);

/* For the owners' sorters: a sort that keeps empty values after every set one. */
int             hd_record_table_compare_optional  (const char         *a,
                                                   const char         *b);

/* State, for the owner, tests and benchmarks. */
GtkColumnView  *hd_record_table_get_column_view   (HdRecordTable      *self);
/* What is shown, in order (after filters and sort). (transfer none) */
GListModel     *hd_record_table_get_shown         (HdRecordTable      *self);
GtkSelectionModel *hd_record_table_get_selection  (HdRecordTable      *self);
guint           hd_record_table_get_n_shown       (HdRecordTable      *self);
void            hd_record_table_set_search_text   (HdRecordTable      *self,
                                                   const char         *text);
void            hd_record_table_clear_filters     (HdRecordTable      *self);
/* Sorts by the column with that title (as the user clicking its header would). */
void            hd_record_table_sort_by           (HdRecordTable      *self,
                                                   GtkColumnViewColumn *column,
                                                   GtkSortType         order);
/* The column added with @name. (transfer none) (nullable) */
GtkColumnViewColumn *hd_record_table_get_column  (HdRecordTable      *self,
                                                  const char         *name);
/* The @index-th drop-down filter, in the order added. (transfer none) (nullable) */
GtkDropDown    *hd_record_table_get_filter        (HdRecordTable      *self,
                                                   guint               index);
/* "table" or "empty" (the status page shown when no row is). */
const char     *hd_record_table_get_state         (HdRecordTable      *self);
/* (transfer full): the ids of the selected rows, in the order shown. */
GStrv           hd_record_table_dup_selected_ids  (HdRecordTable      *self);
/* The grabbable search entry (Ctrl+F while the table is shown). */
GtkWidget      *hd_record_table_get_search_entry  (HdRecordTable      *self);

/* The bulk actions on the selection. @region_id: the region ("" for none) to assign at once;
 * %NULL asks for it in a dialog (returned, transfer none). delete: asks first when
 * inspections go with the records (returns the dialog), else deletes at once (returns %NULL);
 * both show an Undo toast. */
GtkWidget      *hd_record_table_assign_region     (HdRecordTable      *self,
                                                   const char         *region_id);
GtkWidget      *hd_record_table_delete_selected   (HdRecordTable      *self);

/* Regions in tree order for a drop-down, each indented under its parent, after @first_label
 * ("Any region"). @ids: (out) (transfer full): the region id of each entry (NULL for the
 * first). */
GtkStringList  *hd_region_choices_new             (HdStore            *store,
                                                   const char         *first_label,
                                                   GPtrArray         **ids);

/* Shows @title with an "Undo" button (win.undo) in the window's toast overlay. */
void            hd_record_table_toast_undo        (GtkWidget          *widget,
                                                   const char         *title);

/* The text searches compare: the record's fields joined and case-folded (pure; also what the
 * benchmark's naive filter does per item per keystroke). (transfer full) */
char           *hd_record_table_fold              (const char         *text);

G_END_DECLS
