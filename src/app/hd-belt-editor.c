/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-belt-editor"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-attachment.h"
#include "hd-belt-editor.h"
#include "hd-region-choices.h"
#include "hd-route-figures.h"
#include "hd-validate.h"

struct _HdBeltEditor
{
  AdwWindow       parent_instance;

  HdStore        *store;
  HdBelt         *belt;        /* the copy being edited */
  GPtrArray      *route;       /* site ids in order */
  GPtrArray      *region_ids;  /* the region combo's ids; [0] is NULL ("None") */
  char           *message;
  char           *figures;
  char           *colour;      /* "#rrggbb" or NULL: automatic */
  gboolean        can_save;
  gboolean        loading;
  GtkWidget      *conflict_dialog;
  GtkFilterListModel *add_model;   /* the store's sites through add_filter */
  GtkCustomFilter *add_filter;     /* not on the route, and the name matches the search */
  GHashTable     *on_route;        /* HdSite * of the route (the store's objects), for the filter */
  GHashTable     *folded;          /* HdSite * → FoldedName: its case-folded name */
  char           *needle;          /* the search, case-folded; NULL: everything */

  /* template */
  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  AdwComboRow    *region_row;
  GtkStringList  *region_model;
  AdwEntryRow    *brand_row;
  AdwComboRow    *stage_row;
  GtkStringList  *stage_model;
  AdwEntryRow    *year_row;
  AdwEntryRow    *responsible_row;
  GtkColorButton *colour_button;
  AdwEntryRow    *notes_row;
  AdwActionRow   *logo_row;
  GtkPicture     *logo_picture;
  GtkWidget      *logo_choose_button;
  GtkWidget      *logo_clear_button;
  GtkLabel       *message_label;
  GtkListBox     *route_list;
  GtkSearchEntry *add_search;
  GtkListView    *add_list;
  GtkMenuButton  *add_button;
  GtkPopover     *add_popover;
  GtkLabel       *figures_label;
};

G_DEFINE_FINAL_TYPE (HdBeltEditor, hd_belt_editor, ADW_TYPE_WINDOW)

static void rebuild_route (HdBeltEditor *self, int focus_index);
static void refilter (HdBeltEditor *self, GtkFilterChange change);

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
mark_row (AdwEntryRow *row,
          gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static gboolean
parse_year (const char *text,
            int        *year)
{
  char *end = NULL;
  long value;

  *year = 0;
  if (*text == '\0')
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  value = strtol (text, &end, 10);
  if (value > 9999 || !hd_year_is_valid ((int) value))
    return FALSE;
  *year = (int) value;
  return TRUE;
}

static gboolean
apply_form (HdBeltEditor  *self,
            HdBelt        *target,
            GError       **error)
{
  g_autofree char *name = dup_row_text (self->name_row);
  g_autofree char *brand = dup_row_text (self->brand_row);
  g_autofree char *year_text = dup_row_text (self->year_row);
  g_autofree char *responsible = dup_row_text (self->responsible_row);
  g_autofree char *notes = dup_row_text (self->notes_row);
  guint region = adw_combo_row_get_selected (self->region_row);
  int year;

  mark_row (self->name_row, FALSE);
  mark_row (self->year_row, FALSE);

  hd_belt_set_name (target, name);
  hd_belt_set_region_id (target, region < self->region_ids->len
                                   ? g_ptr_array_index (self->region_ids, region) : NULL);
  hd_belt_set_brand (target, empty_to_null (brand));
  hd_belt_set_stage (target, adw_combo_row_get_selected (self->stage_row));
  hd_belt_set_responsible (target, empty_to_null (responsible));
  hd_belt_set_colour (target, self->colour);
  hd_belt_set_notes (target, empty_to_null (notes));

  if (!hd_validate_name (name, _("Name"), error))
    {
      mark_row (self->name_row, TRUE);
      return FALSE;
    }
  if (!parse_year (year_text, &year))
    {
      mark_row (self->year_row, TRUE);
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Start year: “%s” is not a year"), year_text);
      return FALSE;
    }
  hd_belt_set_start_year (target, year);

  return hd_validate_belt (target, error);
}

static void
set_message (HdBeltEditor *self,
             const char   *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
update_validity (HdBeltEditor *self)
{
  g_autoptr(HdBelt) scratch = hd_belt_new ();
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;

  hd_belt_copy_from (scratch, self->belt);
  self->can_save = apply_form (self, scratch, &error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->can_save);
  set_message (self, self->can_save ? NULL : error->message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               self->can_save ? NULL : error->message);
}

static void
on_field_changed (HdBeltEditor *self)
{
  update_validity (self);
}

static void
on_colour_set (HdBeltEditor *self)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->colour_button), &rgba);
  g_free (self->colour);
  self->colour = g_strdup_printf ("#%02x%02x%02x",
                                  (int) (rgba.red * 255 + 0.5),
                                  (int) (rgba.green * 255 + 0.5),
                                  (int) (rgba.blue * 255 + 0.5));
  update_validity (self);
}

static void
on_colour_auto_clicked (HdBeltEditor *self)
{
  g_clear_pointer (&self->colour, g_free);
  update_validity (self);
}

/* Route */

static void
update_figures (HdBeltEditor *self)
{
  g_autofree HdRouteStop *stops = g_new0 (HdRouteStop, self->route->len + 1);
  g_autofree char *count = NULL;
  HdRouteFigures figures;

  for (guint i = 0; i < self->route->len; i++)
    {
      HdSite *site = hd_store_lookup_site (self->store, g_ptr_array_index (self->route, i));

      if (site != NULL && hd_site_get_has_position (site))
        stops[i] = (HdRouteStop) { TRUE, hd_site_get_latitude (site), hd_site_get_longitude (site) };
    }
  hd_route_figures_compute (stops, self->route->len, &figures);

  /* Translators: the route's site count against the target, e.g. "6 of 8 sites" */
  count = g_strdup_printf (ngettext ("%u of %u site", "%u of %u sites", HD_BELT_MIN_SITES),
                           figures.n_sites, (guint) HD_BELT_MIN_SITES);
  g_free (self->figures);
  if (figures.n_legs > 0)
    /* Translators: the route's figures: "8 of 8 sites", then its length and longest gap in km */
    self->figures = g_strdup_printf (_("%s · %.1f km · longest gap %.1f km"), count,
                                     figures.length_km, figures.longest_gap_km);
  else
    self->figures = g_steal_pointer (&count);
  gtk_label_set_label (self->figures_label, self->figures);
}

static guint
row_index (GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);

  return row != NULL ? (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : G_MAXUINT;
}

static void
on_up_clicked (GtkWidget    *button,
               HdBeltEditor *self)
{
  hd_belt_editor_move_site (self, row_index (button), -1);
}

static void
on_down_clicked (GtkWidget    *button,
                 HdBeltEditor *self)
{
  hd_belt_editor_move_site (self, row_index (button), +1);
}

static void
on_remove_clicked (GtkWidget    *button,
                   HdBeltEditor *self)
{
  hd_belt_editor_remove_site (self, row_index (button));
}

static GtkWidget *
route_button (HdBeltEditor *self,
              const char   *icon,
              const char   *tooltip,
              gboolean      sensitive,
              GCallback     callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_set_sensitive (button, sensitive);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

/* Drag to reorder: a row carries its index; dropping it on another row puts it there. */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 HdBeltEditor  *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return gdk_content_provider_new_typed (G_TYPE_UINT,
                                         (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         HdBeltEditor  *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  if (!G_VALUE_HOLDS_UINT (value))
    return FALSE;
  return hd_belt_editor_move_site_to (self, g_value_get_uint (value),
                                      (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}

static void
add_drag_and_drop (HdBeltEditor *self,
                   GtkWidget    *row)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
}

static void
rebuild_route (HdBeltEditor *self,
               int           focus_index)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->route_list))) != NULL)
    gtk_list_box_remove (self->route_list, child);

  for (guint i = 0; i < self->route->len; i++)
    {
      HdSite *site = hd_store_lookup_site (self->store, g_ptr_array_index (self->route, i));
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *prefix = gtk_label_new (number);

      gtk_widget_add_css_class (prefix, "dim-label");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     site != NULL ? hd_site_get_name (site) : _("(deleted site)"));
      if (site != NULL && !hd_site_get_has_position (site))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("No position"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 route_button (self, "go-up-symbolic", _("Move Up (Alt+Up)"), i > 0,
                                               G_CALLBACK (on_up_clicked)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 route_button (self, "go-down-symbolic", _("Move Down (Alt+Down)"),
                                               i + 1 < self->route->len,
                                               G_CALLBACK (on_down_clicked)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 route_button (self, "list-remove-symbolic", _("Remove from Route"),
                                               TRUE, G_CALLBACK (on_remove_clicked)));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, TRUE);
      add_drag_and_drop (self, row);
      gtk_list_box_append (self->route_list, row);
      if ((int) i == focus_index)
        gtk_widget_grab_focus (row);
    }

  update_figures (self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static gboolean
on_route_move_key (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  HdBeltEditor *self = HD_BELT_EDITOR (gtk_widget_get_root (widget));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int delta = GPOINTER_TO_INT (user_data);
  GtkWidget *row;
  guint index;

  if (focus == NULL || (row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW)) == NULL ||
      gtk_widget_get_parent (row) != GTK_WIDGET (self->route_list))
    return FALSE;
  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  return hd_belt_editor_move_site (self, index, delta);
}

static gboolean
is_on_route (HdBeltEditor *self,
             const char   *site_id)
{
  for (guint i = 0; i < self->route->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->route, i), site_id) == 0)
      return TRUE;
  return FALSE;
}

/* A site's case-folded name, kept until its name changes: folding 10k names on every
 * keystroke was most of the search's time. Keyed by the store's objects, which live as long as
 * their records. */
typedef struct {
  char *name;
  char *folded;
} FoldedName;

static void
folded_name_free (gpointer data)
{
  FoldedName *folded = data;

  g_free (folded->name);
  g_free (folded->folded);
  g_free (folded);
}

static const char *
site_folded_name (HdBeltEditor *self,
                  HdSite       *site)
{
  FoldedName *folded = g_hash_table_lookup (self->folded, site);
  const char *name = hd_site_get_name (site);

  if (folded == NULL || g_strcmp0 (folded->name, name) != 0)
    {
      folded = g_new0 (FoldedName, 1);
      folded->name = g_strdup (name);
      folded->folded = g_utf8_casefold (name != NULL ? name : "", -1);
      g_hash_table_replace (self->folded, site, folded);
    }
  return folded->folded;
}

static gboolean
add_filter_func (gpointer item,
                 gpointer user_data)
{
  HdBeltEditor *self = user_data;

  if (g_hash_table_contains (self->on_route, item))
    return FALSE;
  return self->needle == NULL || strstr (site_folded_name (self, item), self->needle) != NULL;
}

static void
refilter (HdBeltEditor      *self,
          GtkFilterChange    change)
{
  g_hash_table_remove_all (self->on_route);
  for (guint i = 0; i < self->route->len; i++)
    {
      HdSite *site = hd_store_lookup_site (self->store, g_ptr_array_index (self->route, i));

      if (site != NULL)
        g_hash_table_add (self->on_route, site);
    }
  if (self->add_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->add_filter), change);
}

static void
setup_add_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static void
bind_add_row (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              HdBeltEditor             *self)
{
  HdSite *site = gtk_list_item_get_item (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  HdRegion *region = hd_store_lookup_region (self->store, hd_site_get_region_id (site));
  const char *text = hd_site_get_address (site);

  if (region != NULL)
    text = hd_region_get_name (region);
  gtk_label_set_label (GTK_LABEL (name), hd_site_get_name (site));
  gtk_label_set_label (GTK_LABEL (detail), text != NULL ? text : "");
  gtk_widget_set_visible (detail, text != NULL);
}

/* Built the first time the popover opens: a list view, so 10k sites cost only the visible rows. */
static void
ensure_add_model (HdBeltEditor *self)
{
  GtkListItemFactory *factory;
  GtkSingleSelection *selection;

  if (self->add_model != NULL)
    return;
  self->add_filter = gtk_custom_filter_new (add_filter_func, self, NULL);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  self->add_model = gtk_filter_list_model_new (g_object_ref (hd_store_get_sites (self->store)),
                                               g_object_ref (GTK_FILTER (self->add_filter)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_add_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_add_row), self);
  gtk_list_view_set_factory (self->add_list, factory);
  g_object_unref (factory);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->add_model)));
  gtk_list_view_set_model (self->add_list, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

static void
on_add_popover_show (HdBeltEditor *self)
{
  ensure_add_model (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_search));
}

static void
on_add_search_changed (HdBeltEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->add_search));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *needle = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  ensure_add_model (self);
  /* Typing on narrows the list: only the shown rows need checking again. */
  if (needle != NULL && (self->needle == NULL || strstr (needle, self->needle) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->needle != NULL && (needle == NULL || strstr (self->needle, needle) != NULL))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  if (g_strcmp0 (needle, self->needle) == 0)
    {
      g_free (needle);
      return;
    }
  g_free (self->needle);
  self->needle = needle;
  gtk_filter_changed (GTK_FILTER (self->add_filter), change);
}

static void
add_candidate (HdBeltEditor *self,
               guint         position)
{
  g_autoptr(HdSite) site = NULL;

  if (self->add_model == NULL)
    return;
  site = g_list_model_get_item (G_LIST_MODEL (self->add_model), position);
  if (site == NULL)
    return;
  hd_belt_editor_add_site (self, hd_site_get_id (site));
  gtk_editable_set_text (GTK_EDITABLE (self->add_search), "");
  gtk_popover_popdown (self->add_popover);
}

static void
on_add_row_activated (HdBeltEditor *self,
                      guint         position)
{
  add_candidate (self, position);
}

/* Enter in the search adds the first match. */
static void
on_add_search_activate (HdBeltEditor *self)
{
  add_candidate (self, 0);
}

/* Down in the search moves into the list. */
static gboolean
on_add_search_key (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   HdBeltEditor          *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  return gtk_widget_child_focus (GTK_WIDGET (self->add_list), GTK_DIR_TAB_FORWARD);
}

/* Loading and saving */

static void load_logo (HdBeltEditor *self);

static void
load_belt (HdBeltEditor *self,
           gboolean      with_route)
{
  HdBelt *belt = self->belt;
  const char *region_id = hd_belt_get_region_id (belt);
  g_autofree char *year = NULL;
  guint region = 0;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         hd_belt_get_name (belt) != NULL ? hd_belt_get_name (belt) : "");
  for (guint i = 1; i < self->region_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->region_ids, i), region_id) == 0)
      region = i;
  adw_combo_row_set_selected (self->region_row, region);
  gtk_editable_set_text (GTK_EDITABLE (self->brand_row),
                         hd_belt_get_brand (belt) != NULL ? hd_belt_get_brand (belt) : "");
  adw_combo_row_set_selected (self->stage_row, hd_belt_get_stage (belt));
  if (hd_belt_get_start_year (belt) > 0)
    year = g_strdup_printf ("%d", hd_belt_get_start_year (belt));
  gtk_editable_set_text (GTK_EDITABLE (self->year_row), year != NULL ? year : "");
  gtk_editable_set_text (GTK_EDITABLE (self->responsible_row),
                         hd_belt_get_responsible (belt) != NULL ? hd_belt_get_responsible (belt) : "");
  g_free (self->colour);
  self->colour = g_strdup (hd_belt_get_colour (belt));
  if (self->colour != NULL)
    {
      GdkRGBA rgba;

      if (gdk_rgba_parse (&rgba, self->colour))
        gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->colour_button), &rgba);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row),
                         hd_belt_get_notes (belt) != NULL ? hd_belt_get_notes (belt) : "");
  self->loading = FALSE;

  load_logo (self);

  if (with_route)
    {
      g_ptr_array_set_size (self->route, 0);
      if (hd_belt_get_id (belt) != NULL)
        {
          g_auto(GStrv) ids = hd_store_dup_belt_route (self->store, hd_belt_get_id (belt));

          for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
            g_ptr_array_add (self->route, g_strdup (ids[i]));
        }
      rebuild_route (self, -1);
    }

  update_validity (self);
}

/* The logo row: set at once through the store (its own undo step), so only on a saved belt. */
static void
load_logo (HdBeltEditor *self)
{
  const char *belt_id = hd_belt_get_id (self->belt);
  g_autoptr(HdAttachment) logo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  gtk_picture_set_paintable (self->logo_picture, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->logo_picture), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->logo_row), "warning");
  gtk_widget_set_sensitive (self->logo_choose_button, belt_id != NULL);
  if (belt_id == NULL)
    {
      gtk_widget_set_sensitive (self->logo_clear_button, FALSE);
      adw_action_row_set_subtitle (self->logo_row, _("Save first to set a logo"));
      return;
    }
  logo = hd_store_get_belt_logo (self->store, belt_id, &error);
  gtk_widget_set_sensitive (self->logo_clear_button, logo != NULL);
  if (logo == NULL)
    {
      adw_action_row_set_subtitle (self->logo_row, error != NULL ? error->message : _("None"));
      return;
    }
  if (hd_attachment_get_missing (logo))
    subtitle = g_strdup (_("Missing — moved or deleted since attached"));
  else if (hd_attachment_get_changed (logo))
    subtitle = g_strdup (_("Moved or changed since attached"));
  else
    subtitle = g_filename_display_basename (hd_attachment_get_path (logo));
  if (hd_attachment_get_missing (logo) || hd_attachment_get_changed (logo))
    gtk_widget_add_css_class (GTK_WIDGET (self->logo_row), "warning");
  adw_action_row_set_subtitle (self->logo_row, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->logo_row), hd_attachment_get_path (logo));
  if (!hd_attachment_get_missing (logo))
    {
      /* A logo is small: decoded at preview size right here. */
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (hd_attachment_get_path (logo),
                                                                       80, 80, TRUE, NULL);

      if (pixbuf != NULL)
        {
          g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);

          gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
          gtk_widget_set_visible (GTK_WIDGET (self->logo_picture), TRUE);
        }
    }
}

gboolean
hd_belt_editor_set_logo (HdBeltEditor *self,
                         const char   *path)
{
  g_autoptr(GError) error = NULL;
  HdBelt *current;

  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), FALSE);

  if (hd_belt_get_id (self->belt) == NULL)
    return FALSE;
  if (!hd_store_set_belt_logo (self->store, hd_belt_get_id (self->belt), path, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Set the Logo"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }
  /* The copy being edited follows: Save must neither undo the logo nor see a conflict in it. */
  current = hd_store_lookup_belt (self->store, hd_belt_get_id (self->belt));
  if (current != NULL)
    g_object_set (self->belt,
                  "logo-path", hd_belt_get_logo_path (current),
                  "modified", hd_belt_get_modified (current),
                  NULL);
  load_logo (self);
  return TRUE;
}

static void
on_logo_chooser_response (GtkNativeDialog *chooser,
                          int              response,
                          HdBeltEditor    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        hd_belt_editor_set_logo (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_logo_choose_clicked (HdBeltEditor *self)
{
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Logo"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_mime_type (images, "image/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  g_signal_connect (chooser, "response", G_CALLBACK (on_logo_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_logo_clear_clicked (HdBeltEditor *self)
{
  hd_belt_editor_set_logo (self, NULL);
}

static void
on_conflict_response (HdBeltEditor *self,
                      const char   *response,
                      GtkWidget    *dialog)
{
  self->conflict_dialog = NULL;
  if (g_strcmp0 (response, "reload") == 0)
    hd_belt_editor_reload (self);
}

static void
show_error (HdBeltEditor *self,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Save the Belt"),
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
hd_belt_editor_save (HdBeltEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdBelt) candidate = hd_belt_new ();
  g_auto(GStrv) route = NULL;

  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), FALSE);

  update_validity (self);
  if (!self->can_save)
    return FALSE;

  hd_belt_copy_from (candidate, self->belt);
  route = hd_belt_editor_dup_route (self);
  /* The fields and the route are one command: one Undo takes back the whole Save. */
  if (!apply_form (self, candidate, &error) ||
      !hd_store_save_belt_with_route (self->store, candidate, (const char * const *) route,
                                      &error))
    {
      if (g_error_matches (error, HD_STORE_ERROR, HD_STORE_ERROR_CONFLICT))
        {
          GtkWidget *dialog;

          dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Changed Elsewhere"),
                                           _("This belt was changed in another window or program "
                                             "since you opened it. Reload it to see the changes; "
                                             "your edits here will be lost."));
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "cancel", _("_Cancel"),
                                            "reload", _("_Reload"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload",
                                                      ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reload");
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response), self,
                                   G_CONNECT_SWAPPED);
          self->conflict_dialog = dialog;
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        show_error (self, error);
      return FALSE;
    }
  hd_belt_copy_from (self->belt, candidate);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
on_save_clicked (HdBeltEditor *self)
{
  hd_belt_editor_save (self);
}

void
hd_belt_editor_reload (HdBeltEditor *self)
{
  HdBelt *current;

  g_return_if_fail (HD_IS_BELT_EDITOR (self));

  current = hd_belt_get_id (self->belt) != NULL
              ? hd_store_lookup_belt (self->store, hd_belt_get_id (self->belt)) : NULL;
  if (current != NULL)
    hd_belt_copy_from (self->belt, current);
  load_belt (self, TRUE);
}

static void
hd_belt_editor_dispose (GObject *object)
{
  HdBeltEditor *self = HD_BELT_EDITOR (object);

  if (self->add_list != NULL)
    gtk_list_view_set_model (self->add_list, NULL);
  g_clear_object (&self->add_model);
  g_clear_object (&self->add_filter);
  g_clear_pointer (&self->on_route, g_hash_table_unref);
  g_clear_pointer (&self->folded, g_hash_table_unref);
  g_clear_pointer (&self->needle, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->belt);
  g_clear_pointer (&self->route, g_ptr_array_unref);
  g_clear_pointer (&self->region_ids, g_ptr_array_unref);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->figures, g_free);
  g_clear_pointer (&self->colour, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_BELT_EDITOR);

  G_OBJECT_CLASS (hd_belt_editor_parent_class)->dispose (object);
}

static void
hd_belt_editor_class_init (HdBeltEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_belt_editor_dispose;

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-belt-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, region_row);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, region_model);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, brand_row);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, stage_model);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, year_row);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, colour_button);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, logo_row);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, logo_choose_button);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, logo_clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_clear_clicked);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, route_list);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, add_search);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, add_list);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, add_popover);
  gtk_widget_class_bind_template_child (widget_class, HdBeltEditor, figures_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_colour_set);
  gtk_widget_class_bind_template_callback (widget_class, on_colour_auto_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_add_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_add_row_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
label_rows (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_ROW (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)),
                                        -1);
      else
        label_rows (child);
    }
}

static void
hd_belt_editor_init (HdBeltEditor *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < HD_N_BELT_STAGES; i++)
    gtk_string_list_append (self->stage_model, hd_belt_stage_label (i));
  g_signal_connect_swapped (self->region_row, "notify::selected", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->stage_row, "notify::selected", G_CALLBACK (on_field_changed), self);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                                                          gtk_callback_action_new (on_route_move_key,
                                                                                   GINT_TO_POINTER (-1),
                                                                                   NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                          gtk_callback_action_new (on_route_move_key,
                                                                                   GINT_TO_POINTER (+1),
                                                                                   NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->route_list), shortcuts);

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_add_search_key), self);
    gtk_widget_add_controller (GTK_WIDGET (self->add_search), keys);
  }

  self->route = g_ptr_array_new_with_free_func (g_free);
  self->on_route = g_hash_table_new (NULL, NULL);
  /* A deleted site's entry stays until the editor closes: a few bytes, never looked at. */
  self->folded = g_hash_table_new_full (NULL, NULL, NULL, folded_name_free);
  self->region_ids = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
hd_belt_editor_new (GtkWindow *parent,
                    HdStore   *store,
                    HdBelt    *belt)
{
  HdBeltEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (belt == NULL || HD_IS_BELT (belt), NULL);

  self = g_object_new (HD_TYPE_BELT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->belt = hd_belt_new ();
  if (belt != NULL)
    hd_belt_copy_from (self->belt, belt);

  adw_window_title_set_title (self->window_title, belt != NULL ? _("Edit Belt") : _("New Belt"));
  gtk_window_set_title (GTK_WINDOW (self), belt != NULL ? _("Edit Belt") : _("New Belt"));

  hd_region_choices_fill (store, self->region_model, self->region_ids);

  label_rows (GTK_WIDGET (self));
  load_belt (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return GTK_WIDGET (self);
}

HdBelt *
hd_belt_editor_get_belt (HdBeltEditor *self)
{
  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), NULL);
  return self->belt;
}

gboolean
hd_belt_editor_can_save (HdBeltEditor *self)
{
  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), FALSE);
  return self->can_save;
}

const char *
hd_belt_editor_get_message (HdBeltEditor *self)
{
  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), NULL);
  return self->message;
}

GStrv
hd_belt_editor_dup_route (HdBeltEditor *self)
{
  GStrv ids;

  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), NULL);

  ids = g_new0 (char *, self->route->len + 1);
  for (guint i = 0; i < self->route->len; i++)
    ids[i] = g_strdup (g_ptr_array_index (self->route, i));
  return ids;
}

gboolean
hd_belt_editor_add_site (HdBeltEditor *self,
                         const char   *site_id)
{
  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), FALSE);

  if (site_id == NULL || hd_store_lookup_site (self->store, site_id) == NULL ||
      is_on_route (self, site_id))
    return FALSE;
  g_ptr_array_add (self->route, g_strdup (site_id));
  rebuild_route (self, -1);
  return TRUE;
}

gboolean
hd_belt_editor_move_site (HdBeltEditor *self,
                          guint         index,
                          int           delta)
{
  gpointer id;
  int target;

  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), FALSE);

  target = (int) index + delta;
  if (index >= self->route->len || target < 0 || target >= (int) self->route->len)
    return FALSE;
  id = g_ptr_array_steal_index (self->route, index);
  g_ptr_array_insert (self->route, target, id);
  rebuild_route (self, target);
  return TRUE;
}

gboolean
hd_belt_editor_move_site_to (HdBeltEditor *self,
                             guint         from,
                             guint         to)
{
  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), FALSE);

  if (from >= self->route->len || to >= self->route->len || from == to)
    return FALSE;
  return hd_belt_editor_move_site (self, from, (int) to - (int) from);
}

gboolean
hd_belt_editor_remove_site (HdBeltEditor *self,
                            guint         index)
{
  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), FALSE);

  if (index >= self->route->len)
    return FALSE;
  g_ptr_array_remove_index (self->route, index);
  rebuild_route (self, MIN (index, self->route->len) < self->route->len ? (int) index : -1);
  return TRUE;
}

const char *
hd_belt_editor_get_figures (HdBeltEditor *self)
{
  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), NULL);
  return self->figures;
}

GtkWidget *
hd_belt_editor_get_conflict_dialog (HdBeltEditor *self)
{
  g_return_val_if_fail (HD_IS_BELT_EDITOR (self), NULL);
  return self->conflict_dialog;
}
