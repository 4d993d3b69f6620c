/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hd-application.h"
#include "hd-lights.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_WINDOW (hd_window_get_type ())
G_DECLARE_FINAL_TYPE (HdWindow, hd_window, HD, WINDOW, AdwApplicationWindow)

/* @store: (nullable): the workspace; %NULL when it could not be opened (then call
 * hd_window_show_store_error()). */
HdWindow    *hd_window_new                (HdApplication *application,
                                           HdStore       *store);
/* (nullable) (transfer none) */
HdStore     *hd_window_get_store          (HdWindow      *self);

/* Shows that @path could not be opened: an error page, a dialog with @error's message. */
void         hd_window_show_store_error   (HdWindow      *self,
                                           const char    *path,
                                           const GError  *error);
/* Shows @error's message in a dialog (after a failed command). */
void         hd_window_show_error_dialog  (HdWindow      *self,
                                           const char    *heading,
                                           const GError  *error);
void         hd_window_add_toast          (HdWindow      *self,
                                           const char    *title);

/* What win.import does once files are chosen: parses every file into one batch and imports it
 * in one transaction. Success shows a toast with the counts; a failure shows the error (which
 * names the file and feature) in a dialog, changes nothing and returns %FALSE. */
gboolean     hd_window_import_files       (HdWindow      *self,
                                           GListModel    *files);

/* What win.import-standard-set does once a file is chosen (and, for CSV, its details asked):
 * parses @file (.json or .csv) and imports it as a standard set. @code and @name (nullable or
 * "": the file's) override the file's; @applies_to is used for a CSV file (a JSON file says its
 * own). Success shows a toast naming the set and its item count; a failure shows the error
 * (which names the line) in a dialog and returns %FALSE. */
gboolean     hd_window_import_standard_set_file (HdWindow      *self,
                                                 GFile         *file,
                                                 const char    *code,
                                                 const char    *name,
                                                 HdSubjectKind  applies_to);

/* Window size, maximised state and sidebar page follow @settings (io.github.hongdai.Hongdai). */
void         hd_window_bind_settings      (HdWindow      *self,
                                           GSettings     *settings);

/* The pages a window can show (the names --page accepts), %NULL-terminated: the sidebar's
 * "belts", "sites" and "inspections", and the inspections page's tabs "due" (the queue) and
 * "rectifications" (the open tasks), and "site-table" / "belt-table" (that table in the
 * content area). "inspections" also shows the checklist being filled in,
 * or takes up the latest draft. get_page() gives "inspections" while a checklist is shown on
 * that page, else the tab's name. */
const char * const *hd_window_get_page_names (void);
gboolean     hd_window_set_page           (HdWindow      *self,
                                           const char    *name);
const char  *hd_window_get_page           (HdWindow      *self);

/* What fills the window: "workspace" (lists and map), "empty" or "error". */
const char  *hd_window_get_state          (HdWindow      *self);

/* The models the sidebar lists show, sorted by name and filtered by the search entries;
 * (nullable) (transfer none): %NULL without a store. */
GListModel  *hd_window_get_belt_model     (HdWindow      *self);
GListModel  *hd_window_get_site_model     (HdWindow      *self);

/* Makes the window exactly @width × @height, even where the screen is smaller (GTK clamps a
 * default size to the monitor): what screenshots need. */
void         hd_window_fix_size           (HdWindow      *self,
                                           int            width,
                                           int            height);
/* Renders the window to a PNG once it is mapped and a few frames have been drawn (what
 * `hongdai --screenshot` does). */
void         hd_window_screenshot_async   (HdWindow            *self,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean     hd_window_screenshot_finish  (HdWindow            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Inspections. The site or belt is named as "site:ID" / "belt:ID"; an empty or %NULL target
 * means the one shown or selected.
 * start: opens the dialog that starts an inspection (transfer none; %NULL with a toast when
 *   there is no such subject). Actions: win.start-inspection (s, Ctrl+I),
 *   win.show-history (s, Ctrl+H), win.open-inspection (s: an inspection id), win.show-map. */
GtkWidget   *hd_window_start_inspection   (HdWindow           *self,
                                           const char         *target);
gboolean     hd_window_show_history       (HdWindow           *self,
                                           const char         *target);
gboolean     hd_window_open_inspections   (HdWindow           *self,
                                           const char * const *inspection_ids);
/* Plans: opens the plan editor (@plan_id NULL or "": a new plan); transfer none. Actions:
 * win.new-plan, win.edit-plan (s), win.delete-plan (s, with an Undo toast), win.show-toast (s).
 * The page "plans" shows the selected (or first) plan's overview in the content area. */
GtkWidget   *hd_window_edit_plan          (HdWindow           *self,
                                           const char         *plan_id);
/* What the content area shows: "map", "table", "history", "inspection" or "plan". */
const char  *hd_window_get_content        (HdWindow           *self);
/* (transfer none) (nullable): %NULL without a store */
HdLights    *hd_window_get_lights         (HdWindow           *self);
GtkWidget   *hd_window_get_inspection_view (HdWindow          *self);
GtkWidget   *hd_window_get_history_view   (HdWindow           *self);
GtkWidget   *hd_window_get_inspections_panel (HdWindow        *self);
GtkWidget   *hd_window_get_plan_view      (HdWindow           *self);
GtkWidget   *hd_window_get_map_view       (HdWindow           *self);
/* The tables (HdRecordTable: hd_site_table_new(), hd_belt_table_new()) the content area shows instead of the map while
 * win.show-table (Ctrl+T, the header's table button) is on; the one of the sidebar's page is
 * shown. (transfer none) (nullable): %NULL without a store. */
GtkWidget   *hd_window_get_site_table     (HdWindow           *self);
GtkWidget   *hd_window_get_belt_table     (HdWindow           *self);

/* Editors. A %NULL id: a new record; "" the one selected in the sidebar. (transfer none): the
 * editor window, or %NULL (with a toast) when there is no such record. Actions: win.new-site
 * (Ctrl+N), win.edit-site (s), win.new-belt (Ctrl+Shift+N), win.edit-belt (s), win.edit-selected
 * (Ctrl+E). */
GtkWidget   *hd_window_edit_site          (HdWindow           *self,
                                           const char         *site_id);
/* Opens (or brings forward) the region editor; (transfer none) (nullable). */
GtkWidget   *hd_window_edit_regions       (HdWindow           *self);
GtkWidget   *hd_window_edit_belt          (HdWindow           *self,
                                           const char         *belt_id);
/* win.delete-site (s; Delete on the sites list): a site without inspections is deleted at once
 * (returns %NULL); otherwise the confirmation dialog is shown and returned. After a delete a
 * toast offers "Undo" (win.undo). */
GtkWidget   *hd_window_delete_site        (HdWindow           *self,
                                           const char         *site_id);

G_END_DECLS
