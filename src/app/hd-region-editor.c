/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-region-editor"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-region-editor.h"
#include "hd-region-tree.h"

struct _HdRegionEditor
{
  AdwWindow           parent_instance;

  HdStore            *store;
  GListStore         *roots;       /* HdRegion: the top level, in tree order */
  GHashTable         *children;    /* parent id → GListStore of HdRegion */
  GHashTable         *totals;      /* id → HdRegionTotals */
  GtkSingleSelection *selection;   /* over a GtkTreeListModel rebuilt on every change */

  /* The open dialog (edit, move or delete) and what it is about. */
  GtkWidget          *dialog;
  char               *dialog_region_id;  /* NULL: a new region */
  char               *dialog_parent_id;  /* a new region's parent */
  AdwEntryRow        *name_row;
  AdwEntryRow        *code_row;
  AdwComboRow        *level_row;
  AdwComboRow        *parent_row;
  GPtrArray          *parent_ids;        /* the parent combo's ids; [0] NULL: the top level */
  GtkNativeDialog    *chooser;

  /* template */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkStack           *stack;
  GtkListView        *tree_view;
  GtkWidget          *action_bar;
};

G_DEFINE_FINAL_TYPE (HdRegionEditor, hd_region_editor, ADW_TYPE_WINDOW)

static GdkContentProvider *on_drag_prepare (GtkDragSource *source, double x, double y,
                                            HdRegionEditor *self);
static gboolean on_drop (GtkDropTarget *target, const GValue *value, double x, double y,
                         HdRegionEditor *self);

static const HdRegionLevel level_order[] = {
  HD_REGION_LEVEL_PROVINCE, HD_REGION_LEVEL_CITY, HD_REGION_LEVEL_DISTRICT, HD_REGION_LEVEL_TOWN,
};

static HdRegion *
selected_region (HdRegionEditor *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row == NULL)
    return NULL;
  /* The row's item is kept alive by the tree model; the store's by its model. */
  {
    g_autoptr(HdRegion) region = gtk_tree_list_row_get_item (row);

    return hd_store_lookup_region (self->store, hd_region_get_id (region));
  }
}

static char *
counts_text (HdRegionEditor *self,
             const char     *id)
{
  HdRegionTotals *totals = g_hash_table_lookup (self->totals, id);
  guint belts = totals != NULL ? totals->belts : 0;
  guint sites = totals != NULL ? totals->sites : 0;
  g_autofree char *belt_text = g_strdup_printf (ngettext ("%u belt", "%u belts", belts), belts);
  g_autofree char *site_text = g_strdup_printf (ngettext ("%u site", "%u sites", sites), sites);

  /* Translators: a region's counts (its sub-regions included): "2 belts · 21 sites" */
  return g_strdup_printf (_("%s · %s"), belt_text, site_text);
}

static char *
row_text (HdRegionEditor *self,
          HdRegion       *region)
{
  g_autofree char *counts = counts_text (self, hd_region_get_id (region));

  return g_strdup_printf ("%s · %s · %s", hd_region_get_name (region),
                          hd_region_level_label (hd_region_get_level (region)), counts);
}

/* The tree */

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  HdRegionEditor *self = user_data;
  GListStore *children = g_hash_table_lookup (self->children, hd_region_get_id (item));

  return children != NULL ? g_object_ref (G_LIST_MODEL (children)) : NULL;
}

static void
update_actions (HdRegionEditor *self)
{
  gboolean selected = selected_region (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "region.new-child", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "region.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "region.move", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "region.delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "region.undo",
                                 hd_store_can_undo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "region.redo",
                                 hd_store_can_redo (self->store));
}

static void
rebuild (HdRegionEditor *self)
{
  g_autoptr(GPtrArray) tree = hd_store_dup_region_tree (self->store);
  g_autofree char *keep = NULL;
  g_autofree char *subtitle = NULL;
  GtkTreeListModel *model;

  if (selected_region (self) != NULL)
    keep = g_strdup (hd_region_get_id (selected_region (self)));

  g_clear_pointer (&self->totals, g_hash_table_unref);
  self->totals = hd_store_collect_region_totals (self->store);
  g_hash_table_remove_all (self->children);
  g_clear_object (&self->roots);
  self->roots = g_list_store_new (HD_TYPE_REGION);
  for (guint i = 0; i < tree->len; i++)
    {
      HdRegion *region = g_ptr_array_index (tree, i);
      const char *parent = hd_region_get_parent_id (region);

      if (parent != NULL && hd_store_lookup_region (self->store, parent) != NULL)
        {
          GListStore *list = g_hash_table_lookup (self->children, parent);

          if (list == NULL)
            {
              list = g_list_store_new (HD_TYPE_REGION);
              g_hash_table_insert (self->children, g_strdup (parent), list);
            }
          g_list_store_append (list, region);
        }
      else
        g_list_store_append (self->roots, region);
    }

  model = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->roots)), FALSE, TRUE,
                                   create_children, self, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (model));
  g_object_unref (model);
  gtk_stack_set_visible_child_name (self->stack, tree->len > 0 ? "tree" : "empty");
  gtk_widget_set_visible (self->action_bar, tree->len > 0);
  subtitle = g_strdup_printf (ngettext ("%u region", "%u regions", tree->len), tree->len);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (keep == NULL || !hd_region_editor_select (self, keep))
    gtk_single_selection_set_selected (self->selection, tree->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  update_actions (self);
}

static void
on_store_changed (HdRegionEditor *self,
                  guint           kinds,
                  GStrv           ids)
{
  if (kinds & (HD_CHANGE_REGIONS | HD_CHANGE_BELTS | HD_CHANGE_SITES))
    rebuild (self);
  else
    update_actions (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *level = gtk_label_new (NULL);
  GtkWidget *counts = gtk_label_new (NULL);
  GtkWidget *boundary = gtk_image_new_from_icon_name ("find-location-symbolic");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (level, "dim-label");
  gtk_widget_add_css_class (level, "caption");
  gtk_widget_add_css_class (counts, "dim-label");
  gtk_widget_add_css_class (counts, "numeric");
  /* The counts line up in a column whatever the level's label. */
  gtk_label_set_width_chars (GTK_LABEL (counts), 16);
  gtk_label_set_xalign (GTK_LABEL (counts), 1);
  gtk_widget_set_tooltip_text (boundary, _("Has a boundary"));
  gtk_widget_add_css_class (boundary, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), level);
  gtk_box_append (GTK_BOX (box), counts);
  gtk_box_append (GTK_BOX (box), boundary);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);

  {
    GtkDragSource *source = gtk_drag_source_new ();
    GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

    gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
    g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), user_data);
    gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));
    g_signal_connect (target, "drop", G_CALLBACK (on_drop), user_data);
    gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));
  }
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          HdRegionEditor           *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *level = gtk_widget_get_next_sibling (name);
  GtkWidget *counts = gtk_widget_get_next_sibling (level);
  GtkWidget *boundary = gtk_widget_get_next_sibling (counts);
  g_autoptr(HdRegion) region = gtk_tree_list_row_get_item (row);
  g_autofree char *counts_label = counts_text (self, hd_region_get_id (region));
  g_autofree char *text = row_text (self, region);
  gboolean has_boundary = hd_region_get_geometry (region) != NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  g_object_set_data_full (G_OBJECT (expander), "hd-region-id",
                          g_strdup (hd_region_get_id (region)), g_free);
  gtk_label_set_label (GTK_LABEL (name), hd_region_get_name (region));
  gtk_label_set_label (GTK_LABEL (level), hd_region_level_label (hd_region_get_level (region)));
  gtk_label_set_label (GTK_LABEL (counts), counts_label);
  gtk_widget_set_visible (boundary, has_boundary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  has_boundary ? _("Has a boundary") : _("No boundary"), -1);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (item)), NULL);
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "hd-region-id", NULL);
}

/* Feedback */

static void
show_toast (HdRegionEditor *self,
            const char     *title,
            gboolean        with_undo)
{
  AdwToast *toast = adw_toast_new (title);

  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "region.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (HdRegionEditor *self,
            const char     *heading,
            const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
forget_dialog (HdRegionEditor *self)
{
  self->dialog = NULL;
  self->name_row = self->code_row = NULL;
  self->level_row = self->parent_row = NULL;
  g_clear_pointer (&self->dialog_region_id, g_free);
  g_clear_pointer (&self->dialog_parent_id, g_free);
  g_clear_pointer (&self->parent_ids, g_ptr_array_unref);
}

static GtkWidget *
new_dialog (HdRegionEditor *self,
            const char     *heading,
            const char     *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  forget_dialog (self);
  self->dialog = dialog;
  return dialog;
}

/* One dialog at a time: another action while one is open brings it back to the front. */
static gboolean
dialog_is_open (HdRegionEditor *self)
{
  if (self->dialog == NULL)
    return FALSE;
  gtk_window_present (GTK_WINDOW (self->dialog));
  return TRUE;
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

/* Edit and new */

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
on_name_changed (HdRegionEditor *self)
{
  g_autofree char *name = NULL;

  if (self->name_row == NULL)
    return;
  name = dup_row_text (self->name_row);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self->dialog), "save",
                                           *name != '\0');
}

static void
on_name_activated (HdRegionEditor *self)
{
  if (self->dialog != NULL &&
      adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self->dialog), "save"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self->dialog), "save");
}

static void
on_edit_response (HdRegionEditor *self,
                  const char     *response)
{
  g_autoptr(HdRegion) region = hd_region_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  HdRegion *live = NULL;
  guint level;

  if (g_strcmp0 (response, "save") != 0 || self->name_row == NULL)
    {
      forget_dialog (self);
      return;
    }
  if (self->dialog_region_id != NULL)
    {
      live = hd_store_lookup_region (self->store, self->dialog_region_id);
      if (live == NULL)
        {
          forget_dialog (self);
          return;
        }
      hd_region_copy_from (region, live);
    }
  else
    hd_region_set_parent_id (region, self->dialog_parent_id);

  name = dup_row_text (self->name_row);
  code = dup_row_text (self->code_row);
  level = adw_combo_row_get_selected (self->level_row);
  hd_region_set_name (region, name);
  hd_region_set_code (region, *code != '\0' ? code : NULL);
  if (level < G_N_ELEMENTS (level_order))
    hd_region_set_level (region, level_order[level]);
  forget_dialog (self);

  if (!hd_store_save_region (self->store, region, &error))
    {
      show_error (self, _("Cannot Save the Region"), error);
      return;
    }
  hd_region_editor_select (self, hd_region_get_id (region));
}

static void
open_edit_dialog (HdRegionEditor *self,
                  HdRegion       *region,
                  const char     *parent_id)
{
  GtkWidget *dialog;
  GtkWidget *list;
  GtkStringList *levels;
  g_autofree char *body = NULL;
  HdRegionLevel level = HD_REGION_LEVEL_CITY;

  if (dialog_is_open (self))
    return;
  list = boxed_list ();
  levels = gtk_string_list_new (NULL);
  if (region != NULL)
    body = NULL;
  else if (parent_id != NULL)
    {
      g_autofree char *path = hd_store_dup_region_path (self->store, parent_id);

      /* Translators: the new region's place in the tree, "In 福州市 › 鼓楼区" */
      body = g_strdup_printf (_("In %s"), path);
    }
  else
    body = g_strdup (_("At the top level"));

  dialog = new_dialog (self, region != NULL ? _("Edit Region") : _("New Region"), body);
  self->dialog_region_id = region != NULL ? g_strdup (hd_region_get_id (region)) : NULL;
  self->dialog_parent_id = g_strdup (parent_id);

  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  self->code_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* Translators: the administrative division code, e.g. 350102 */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->code_row), _("Code"));
  for (guint i = 0; i < G_N_ELEMENTS (level_order); i++)
    gtk_string_list_append (levels, hd_region_level_label (level_order[i]));
  self->level_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->level_row), _("Level"));
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (levels));
  g_object_unref (levels);
  for (GtkWidget *row = GTK_WIDGET (self->name_row); row != NULL;
       row = row == GTK_WIDGET (self->name_row) ? GTK_WIDGET (self->code_row)
           : row == GTK_WIDGET (self->code_row) ? GTK_WIDGET (self->level_row) : NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                      -1);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  if (region != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), hd_region_get_name (region));
      if (hd_region_get_code (region) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->code_row), hd_region_get_code (region));
      level = hd_region_get_level (region);
    }
  else if (parent_id != NULL)
    {
      /* One level below the parent (a town below a town stays a town). */
      HdRegion *parent = hd_store_lookup_region (self->store, parent_id);

      level = parent != NULL ? MIN (hd_region_get_level (parent) + 1, HD_REGION_LEVEL_TOWN)
                             : HD_REGION_LEVEL_DISTRICT;
    }
  for (guint i = 0; i < G_N_ELEMENTS (level_order); i++)
    if (level_order[i] == level)
      adw_combo_row_set_selected (self->level_row, i);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", region != NULL ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (on_name_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "entry-activated", G_CALLBACK (on_name_activated),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response), self,
                           G_CONNECT_SWAPPED);
  on_name_changed (self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
new_child_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HdRegionEditor *self = HD_REGION_EDITOR (widget);
  HdRegion *parent = selected_region (self);

  if (parent != NULL)
    open_edit_dialog (self, NULL, hd_region_get_id (parent));
}

static void
new_top_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_edit_dialog (HD_REGION_EDITOR (widget), NULL, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdRegionEditor *self = HD_REGION_EDITOR (widget);
  HdRegion *region = selected_region (self);

  if (region != NULL)
    open_edit_dialog (self, region, NULL);
}

static void
on_tree_activate (HdRegionEditor *self,
                  guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
  edit_action (GTK_WIDGET (self), "region.edit", NULL);
}

/* Move */

/* What the picker and a drop both do. */
static gboolean
move_region (HdRegionEditor *self,
             const char     *id,
             const char     *parent_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  HdRegion *region = hd_store_lookup_region (self->store, id);
  HdRegion *parent = hd_store_lookup_region (self->store, parent_id);

  if (region == NULL || (parent_id != NULL && parent == NULL))
    return FALSE;
  if (!hd_store_move_region (self->store, id, parent_id, &error))
    {
      show_error (self, _("Cannot Move the Region"), error);
      return FALSE;
    }
  if (parent_id != NULL)
    title = g_strdup_printf (_("Moved “%s” to “%s”"), hd_region_get_name (region),
                             hd_region_get_name (parent));
  else
    title = g_strdup_printf (_("Moved “%s” to the top level"), hd_region_get_name (region));
  show_toast (self, title, TRUE);
  hd_region_editor_select (self, id);
  return TRUE;
}

static void
on_move_response (HdRegionEditor *self,
                  const char     *response)
{
  g_autofree char *id = NULL;
  g_autofree char *parent_id = NULL;
  guint choice;

  if (g_strcmp0 (response, "move") != 0 || self->parent_row == NULL)
    {
      forget_dialog (self);
      return;
    }
  id = g_strdup (self->dialog_region_id);
  choice = adw_combo_row_get_selected (self->parent_row);
  if (choice < self->parent_ids->len)
    parent_id = g_strdup (g_ptr_array_index (self->parent_ids, choice));
  forget_dialog (self);
  move_region (self, id, parent_id);
}

/* Drag and drop: a row dropped on another goes below it. */

static GdkContentProvider *
on_drag_prepare (GtkDragSource  *source,
                 double          x,
                 double          y,
                 HdRegionEditor *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  const char *id = g_object_get_data (G_OBJECT (widget), "hd-region-id");
  g_autoptr(GdkPaintable) icon = NULL;

  if (id == NULL)
    return NULL;
  icon = gtk_widget_paintable_new (widget);
  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return gdk_content_provider_new_typed (G_TYPE_STRING, id);
}

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         HdRegionEditor *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  /* A copy: the move rebuilds the tree, which rebinds (and clears) this row. */
  g_autofree char *parent_id = g_strdup (g_object_get_data (G_OBJECT (widget), "hd-region-id"));
  g_autofree char *id = NULL;

  if (!G_VALUE_HOLDS_STRING (value) || parent_id == NULL)
    return FALSE;
  id = g_value_dup_string (value);
  if (g_strcmp0 (id, parent_id) == 0)
    return FALSE;
  return move_region (self, id, parent_id);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdRegionEditor *self = HD_REGION_EDITOR (widget);
  HdRegion *region = selected_region (self);
  g_autoptr(GPtrArray) tree = NULL;
  g_autofree char *body = NULL;
  GtkStringList *choices;
  GtkWidget *dialog;
  GtkWidget *list;
  guint current = 0;

  if (region == NULL || dialog_is_open (self))
    return;
  body = g_strdup_printf (_("“%s” moves with its sub-regions, belts and sites."),
                          hd_region_get_name (region));
  dialog = new_dialog (self, _("Move Region"), body);
  self->dialog_region_id = g_strdup (hd_region_get_id (region));
  self->parent_ids = g_ptr_array_new_with_free_func (g_free);

  choices = gtk_string_list_new (NULL);
  gtk_string_list_append (choices, _("None (top level)"));
  g_ptr_array_add (self->parent_ids, NULL);
  /* A region cannot go below itself: its own subtree is not offered. */
  tree = hd_store_dup_region_tree (self->store);
  for (guint i = 0; i < tree->len; i++)
    {
      HdRegion *candidate = g_ptr_array_index (tree, i);
      g_autofree char *path = NULL;

      if (hd_store_region_is_within (self->store, hd_region_get_id (candidate),
                                     hd_region_get_id (region)))
        continue;
      if (g_strcmp0 (hd_region_get_id (candidate), hd_region_get_parent_id (region)) == 0)
        current = self->parent_ids->len;
      path = hd_store_dup_region_path (self->store, hd_region_get_id (candidate));
      gtk_string_list_append (choices, path);
      g_ptr_array_add (self->parent_ids, g_strdup (hd_region_get_id (candidate)));
    }

  self->parent_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->parent_row), _("New Parent"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->parent_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Parent"), -1);
  adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (choices));
  adw_combo_row_set_selected (self->parent_row, current);
  g_object_unref (choices);
  list = boxed_list ();
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->parent_row));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_move_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Delete */

static void
delete_now (HdRegionEditor *self,
            const char     *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  HdRegion *region = hd_store_lookup_region (self->store, id);

  if (region == NULL)
    return;
  name = g_strdup (hd_region_get_name (region));
  if (!hd_store_delete_region_into_parent (self->store, id, &error))
    {
      show_error (self, _("Cannot Delete the Region"), error);
      return;
    }
  title = g_strdup_printf (_("Deleted “%s”"), name);
  show_toast (self, title, TRUE);
}

static void
on_delete_response (HdRegionEditor *self,
                    const char     *response)
{
  g_autofree char *id = g_strdup (self->dialog_region_id);

  forget_dialog (self);
  if (g_strcmp0 (response, "delete") == 0 && id != NULL)
    delete_now (self, id);
}

static void
append_count (GPtrArray *parts,
              char      *text,
              guint      count)
{
  if (count > 0)
    g_ptr_array_add (parts, text);
  else
    g_free (text);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdRegionEditor *self = HD_REGION_EDITOR (widget);
  HdRegion *region = selected_region (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  HdRegionContents contents;
  HdRegion *parent;
  GtkWidget *dialog;

  if (region == NULL || dialog_is_open (self))
    return;
  if (!hd_store_count_region_contents (self->store, hd_region_get_id (region), &contents, &error))
    {
      show_error (self, _("Cannot Delete the Region"), error);
      return;
    }
  if (contents.sub_regions + contents.belts + contents.sites + contents.plans == 0)
    {
      /* Nothing goes with it, and the toast can undo it. */
      delete_now (self, hd_region_get_id (region));
      return;
    }

  append_count (parts, g_strdup_printf (ngettext ("%u sub-region", "%u sub-regions",
                                                  contents.sub_regions), contents.sub_regions),
                contents.sub_regions);
  append_count (parts, g_strdup_printf (ngettext ("%u belt", "%u belts", contents.belts),
                                        contents.belts), contents.belts);
  append_count (parts, g_strdup_printf (ngettext ("%u site", "%u sites", contents.sites),
                                        contents.sites), contents.sites);
  append_count (parts, g_strdup_printf (ngettext ("%u plan", "%u plans", contents.plans),
                                        contents.plans), contents.plans);
  g_ptr_array_add (parts, NULL);
  /* Translators: between the items of a list, "2 sub-regions, 3 belts, 20 sites" */
  list = g_strjoinv (C_("list separator", ", "), (char **) parts->pdata);
  parent = hd_store_lookup_region (self->store, hd_region_get_parent_id (region));
  if (parent != NULL)
    /* Translators: "It has 2 sub-regions, 3 belts. They will move to “福州市”." */
    body = g_strdup_printf (_("It has %s. They will move to “%s”."), list,
                            hd_region_get_name (parent));
  else
    body = g_strdup_printf (_("It has %s. They will belong to no region."), list);
  heading = g_strdup_printf (_("Delete “%s”?"), hd_region_get_name (region));

  dialog = new_dialog (self, heading, body);
  self->dialog_region_id = g_strdup (hd_region_get_id (region));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Move and Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Undo */

static void
undo_redo (HdRegionEditor *self,
           gboolean        redo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup (redo ? hd_store_get_redo_label (self->store)
                                          : hd_store_get_undo_label (self->store));
  g_autofree char *title = NULL;

  if (label == NULL)
    return;
  if (!(redo ? hd_store_redo (self->store, &error) : hd_store_undo (self->store, &error)))
    {
      show_error (self, redo ? _("Cannot Redo") : _("Cannot Undo"), error);
      return;
    }
  /* Translators: a toast after Ctrl+Z, "Undone: Move “鼓楼区”" */
  title = g_strdup_printf (redo ? _("Redone: %s") : _("Undone: %s"), label);
  show_toast (self, title, FALSE);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo (HD_REGION_EDITOR (widget), FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo (HD_REGION_EDITOR (widget), TRUE);
}

/* Boundaries */

gboolean
hd_region_editor_import_file (HdRegionEditor *self,
                              GFile          *file)
{
  g_autoptr(GError) error = NULL;
  g_auto(HdBoundarySummary) summary = { 0, };
  g_autofree char *title = NULL;
  g_autofree char *matched = NULL;

  g_return_val_if_fail (HD_IS_REGION_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!hd_store_import_boundaries (self->store, file, TRUE, &summary, &error))
    {
      show_error (self, _("Cannot Import the Boundaries"), error);
      return FALSE;
    }
  matched = g_strdup_printf (ngettext ("%u boundary imported", "%u boundaries imported",
                                       summary.matched + summary.created),
                             summary.matched + summary.created);
  if (summary.created > 0)
    /* Translators: "3 boundaries imported, 1 new region" */
    title = g_strdup_printf (ngettext ("%s, %u new region", "%s, %u new regions",
                                       summary.created), matched, summary.created);
  show_toast (self, title != NULL ? title : matched, TRUE);
  if (summary.region_ids->len > 0)
    hd_region_editor_select (self, g_ptr_array_index (summary.region_ids, 0));
  return TRUE;
}

static void
on_chooser_response (HdRegionEditor *self,
                     int             response,
                     GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        hd_region_editor_import_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdRegionEditor *self = HD_REGION_EDITOR (widget);
  GtkFileFilter *filter;
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Import Boundaries"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("GeoJSON files"));
  gtk_file_filter_add_pattern (filter, "*.geojson");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/geo+json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* The class */

static void
hd_region_editor_dispose (GObject *object)
{
  HdRegionEditor *self = HD_REGION_EDITOR (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  forget_dialog (self);
  if (self->tree_view != NULL)
    gtk_list_view_set_model (self->tree_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->children, g_hash_table_unref);
  g_clear_pointer (&self->totals, g_hash_table_unref);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_REGION_EDITOR);

  G_OBJECT_CLASS (hd_region_editor_parent_class)->dispose (object);
}

static void
hd_region_editor_class_init (HdRegionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_region_editor_dispose;

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-region-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HdRegionEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdRegionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, HdRegionEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, HdRegionEditor, tree_view);
  gtk_widget_class_bind_template_child (widget_class, HdRegionEditor, action_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_activate);

  gtk_widget_class_install_action (widget_class, "region.new-child", NULL, new_child_action);
  gtk_widget_class_install_action (widget_class, "region.new-top", NULL, new_top_action);
  gtk_widget_class_install_action (widget_class, "region.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "region.move", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "region.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "region.import-boundaries", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "region.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "region.redo", NULL, redo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "region.new-child", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "region.new-top", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "region.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "region.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "region.move", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "region.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "region.import-boundaries", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "region.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "region.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_region_editor_init (HdRegionEditor *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (update_actions), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->tree_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));
}

GtkWidget *
hd_region_editor_new (GtkWindow *parent,
                      HdStore   *store)
{
  HdRegionEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_REGION_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::can-undo", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::can-redo", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
  return GTK_WIDGET (self);
}

gboolean
hd_region_editor_select (HdRegionEditor *self,
                         const char     *id)
{
  GListModel *model;

  g_return_val_if_fail (HD_IS_REGION_EDITOR (self), FALSE);

  model = gtk_single_selection_get_model (self->selection);
  for (guint i = 0; model != NULL && id != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(HdRegion) region = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (hd_region_get_id (region), id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

const char *
hd_region_editor_get_selected_id (HdRegionEditor *self)
{
  HdRegion *region;

  g_return_val_if_fail (HD_IS_REGION_EDITOR (self), NULL);
  region = selected_region (self);
  return region != NULL ? hd_region_get_id (region) : NULL;
}

guint
hd_region_editor_get_n_rows (HdRegionEditor *self)
{
  GListModel *model;

  g_return_val_if_fail (HD_IS_REGION_EDITOR (self), 0);
  model = gtk_single_selection_get_model (self->selection);
  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

char *
hd_region_editor_dup_row_text (HdRegionEditor *self,
                               const char     *id)
{
  HdRegion *region;

  g_return_val_if_fail (HD_IS_REGION_EDITOR (self), NULL);
  region = hd_store_lookup_region (self->store, id);
  return region != NULL ? row_text (self, region) : NULL;
}

GtkWidget *
hd_region_editor_get_dialog (HdRegionEditor *self)
{
  g_return_val_if_fail (HD_IS_REGION_EDITOR (self), NULL);
  return self->dialog;
}
