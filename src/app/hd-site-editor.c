/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-site-editor"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-attachment-list.h"
#include "hd-region-choices.h"
#include "hd-site-editor.h"
#include "hd-validate.h"

struct _HdSiteEditor
{
  AdwWindow       parent_instance;

  HdStore        *store;
  HdSite         *site;        /* the copy being edited */
  GPtrArray      *region_ids;  /* the region combo's ids; [0] is NULL ("None") */
  char           *message;
  gboolean        can_save;
  gboolean        loading;
  GtkWidget      *conflict_dialog;
  HdAttachmentList *attachments;
  HdMapInteraction *interaction; /* weak: the window's map, for "Pick on Map" */
  gulong          picked_handler;

  /* template */
  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  AdwComboRow    *kind_row;
  GtkStringList  *kind_model;
  AdwComboRow    *domain_row;
  GtkStringList  *domain_model;
  AdwComboRow    *level_row;
  GtkStringList  *level_model;
  AdwComboRow    *region_row;
  GtkStringList  *region_model;
  AdwEntryRow    *organisation_row;
  AdwEntryRow    *members_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *coordinates_row;
  AdwEntryRow    *contact_row;
  AdwEntryRow    *notes_row;
  GtkLabel       *message_label;
  GtkBox         *form_box;
  AdwToastOverlay *toast_overlay;
  GtkButton      *pick_button;
};

G_DEFINE_FINAL_TYPE (HdSiteEditor, hd_site_editor, ADW_TYPE_WINDOW)

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

/* Puts the form's values into @target. Returns FALSE with @error (translated, naming the field)
 * when a value is not acceptable; @warning (nullable) says what is odd but allowed. */
static gboolean
apply_form (HdSiteEditor  *self,
            HdSite        *target,
            char         **warning,
            GError       **error)
{
  g_autofree char *name = dup_row_text (self->name_row);
  g_autofree char *members_text = dup_row_text (self->members_row);
  g_autofree char *coordinates = dup_row_text (self->coordinates_row);
  g_autofree char *organisation = dup_row_text (self->organisation_row);
  g_autofree char *address = dup_row_text (self->address_row);
  g_autofree char *contact = dup_row_text (self->contact_row);
  g_autofree char *notes = dup_row_text (self->notes_row);
  guint region = adw_combo_row_get_selected (self->region_row);
  gboolean ok = TRUE;
  int members = 0;
  double lat, lon;

  mark_row (self->name_row, FALSE);
  mark_row (self->members_row, FALSE);
  mark_row (self->coordinates_row, FALSE);

  hd_site_set_name (target, name);
  hd_site_set_kind (target, adw_combo_row_get_selected (self->kind_row));
  hd_site_set_domain (target, adw_combo_row_get_selected (self->domain_row));
  hd_site_set_level (target, adw_combo_row_get_selected (self->level_row));
  hd_site_set_region_id (target, region < self->region_ids->len
                                   ? g_ptr_array_index (self->region_ids, region) : NULL);
  hd_site_set_organisation (target, empty_to_null (organisation));
  hd_site_set_address (target, empty_to_null (address));
  hd_site_set_contact (target, empty_to_null (contact));
  hd_site_set_notes (target, empty_to_null (notes));

  if (!hd_validate_name (name, _("Name"), error))
    {
      mark_row (self->name_row, TRUE);
      return FALSE;
    }

  if (*members_text != '\0' && !hd_parse_members (members_text, &members, error))
    {
      mark_row (self->members_row, TRUE);
      return FALSE;
    }
  hd_site_set_members (target, members);

  if (*coordinates == '\0')
    hd_site_clear_position (target);
  else if (!hd_parse_lat_lon (coordinates, &lat, &lon, error))
    {
      mark_row (self->coordinates_row, TRUE);
      return FALSE;
    }
  else
    {
      hd_site_set_position (target, lat, lon);
      if (warning != NULL && !hd_coordinate_in_china (lat, lon))
        *warning = g_strdup (_("Outside China — are latitude and longitude swapped?"));
    }

  ok = hd_validate_site (target, error);
  return ok;
}

static void
set_message (HdSiteEditor *self,
             const char   *message,
             gboolean      is_error)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "warning");
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), is_error ? "error" : "warning");
}

static void
update_validity (HdSiteEditor *self)
{
  g_autoptr(HdSite) scratch = hd_site_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;

  if (self->loading)
    return;

  hd_site_copy_from (scratch, self->site);
  self->can_save = apply_form (self, scratch, &warning, &error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->can_save);
  if (!self->can_save)
    {
      set_message (self, error->message, TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), error->message);
    }
  else
    {
      set_message (self, warning, FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), NULL);
    }
}

static void
on_field_changed (HdSiteEditor *self)
{
  update_validity (self);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
load_site (HdSiteEditor *self)
{
  HdSite *site = self->site;
  const char *region_id = hd_site_get_region_id (site);
  g_autofree char *members = NULL;
  g_autofree char *coordinates = NULL;
  guint region = 0;

  self->loading = TRUE;
  set_row_text (self->name_row, hd_site_get_name (site));
  adw_combo_row_set_selected (self->kind_row, hd_site_get_kind (site));
  adw_combo_row_set_selected (self->domain_row, hd_site_get_domain (site));
  adw_combo_row_set_selected (self->level_row, hd_site_get_level (site));
  for (guint i = 1; i < self->region_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->region_ids, i), region_id) == 0)
      region = i;
  adw_combo_row_set_selected (self->region_row, region);
  set_row_text (self->organisation_row, hd_site_get_organisation (site));
  if (hd_site_get_members (site) > 0)
    members = g_strdup_printf ("%d", hd_site_get_members (site));
  set_row_text (self->members_row, members);
  set_row_text (self->address_row, hd_site_get_address (site));
  if (hd_site_get_has_position (site))
    coordinates = g_strdup_printf ("%.6f, %.6f", hd_site_get_latitude (site),
                                   hd_site_get_longitude (site));
  set_row_text (self->coordinates_row, coordinates);
  set_row_text (self->contact_row, hd_site_get_contact (site));
  set_row_text (self->notes_row, hd_site_get_notes (site));
  self->loading = FALSE;

  update_validity (self);
}

static void
on_conflict_response (HdSiteEditor *self,
                      const char   *response,
                      GtkWidget    *dialog)
{
  self->conflict_dialog = NULL;
  if (g_strcmp0 (response, "reload") == 0)
    hd_site_editor_reload (self);
}

gboolean
hd_site_editor_save (HdSiteEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSite) candidate = hd_site_new ();

  g_return_val_if_fail (HD_IS_SITE_EDITOR (self), FALSE);

  update_validity (self);
  if (!self->can_save)
    return FALSE;

  /* Save a candidate so a refused save leaves the copy as it was read. */
  hd_site_copy_from (candidate, self->site);
  if (!apply_form (self, candidate, NULL, &error) ||
      !hd_store_save_site (self->store, candidate, &error))
    {
      GtkWidget *dialog;

      if (g_error_matches (error, HD_STORE_ERROR, HD_STORE_ERROR_CONFLICT))
        {
          dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Changed Elsewhere"),
                                           _("This site was changed in another window or program "
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
        }
      else
        {
          dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Save the Site"),
                                           error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
        }
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  hd_site_copy_from (self->site, candidate);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
on_save_clicked (HdSiteEditor *self)
{
  hd_site_editor_save (self);
}

void
hd_site_editor_reload (HdSiteEditor *self)
{
  HdSite *current;

  g_return_if_fail (HD_IS_SITE_EDITOR (self));

  current = hd_site_get_id (self->site) != NULL
              ? hd_store_lookup_site (self->store, hd_site_get_id (self->site)) : NULL;
  if (current != NULL)
    hd_site_copy_from (self->site, current);
  load_site (self);
}

static void
stop_picking (HdSiteEditor *self)
{
  if (self->interaction != NULL && self->picked_handler != 0)
    g_signal_handler_disconnect (self->interaction, self->picked_handler);
  self->picked_handler = 0;
}

static void
on_picked (HdMapInteraction *interaction,
           gboolean          picked,
           double            latitude,
           double            longitude,
           HdSiteEditor     *self)
{
  stop_picking (self);
  if (picked)
    {
      g_autofree char *text = g_strdup_printf ("%.6f, %.6f", latitude, longitude);

      /* Through the entry: validated (and warned about) like typed coordinates. */
      gtk_editable_set_text (GTK_EDITABLE (self->coordinates_row), text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->coordinates_row));
}

void
hd_site_editor_pick_on_map (HdSiteEditor *self)
{
  GtkWindow *parent;

  g_return_if_fail (HD_IS_SITE_EDITOR (self));

  if (self->interaction == NULL || self->picked_handler != 0)
    return;
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-map", NULL);
  self->picked_handler = g_signal_connect (self->interaction, "picked", G_CALLBACK (on_picked), self);
  hd_map_interaction_begin_pick (self->interaction);
  /* Out of the way while the planner clicks the map; back when the pick ends. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (parent != NULL)
    {
      g_autoptr(GVariant) text = g_variant_ref_sink (
        g_variant_new_string (_("Click the site’s position on the map; Escape cancels")));

      gtk_widget_activate_action_variant (GTK_WIDGET (parent), "win.show-toast", text);
    }
}

static void
on_pick_clicked (HdSiteEditor *self)
{
  hd_site_editor_pick_on_map (self);
}

void
hd_site_editor_set_map (HdSiteEditor     *self,
                        HdMapInteraction *interaction)
{
  g_return_if_fail (HD_IS_SITE_EDITOR (self));
  g_return_if_fail (interaction == NULL || HD_IS_MAP_INTERACTION (interaction));

  stop_picking (self);
  if (self->interaction != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->interaction), (gpointer *) &self->interaction);
  self->interaction = interaction;
  if (self->interaction != NULL)
    g_object_add_weak_pointer (G_OBJECT (self->interaction), (gpointer *) &self->interaction);
  gtk_widget_set_visible (GTK_WIDGET (self->pick_button), interaction != NULL);
}

static void
on_attachment_removed (HdSiteEditor     *self,
                       const char       *label,
                       HdAttachmentList *list)
{
  AdwToast *toast;

  /* Translators: a toast after an attachment was removed */
  toast = adw_toast_new (_("Attachment removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "editor.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdSiteEditor *self = HD_SITE_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (hd_store_can_undo (self->store) && !hd_store_undo (self->store, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Undo"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
hd_site_editor_dispose (GObject *object)
{
  HdSiteEditor *self = HD_SITE_EDITOR (object);

  if (self->picked_handler != 0 && self->interaction != NULL)
    hd_map_interaction_cancel_pick (self->interaction);
  hd_site_editor_set_map (self, NULL);

  g_clear_object (&self->store);
  g_clear_object (&self->site);
  g_clear_pointer (&self->region_ids, g_ptr_array_unref);
  g_clear_pointer (&self->message, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_SITE_EDITOR);

  G_OBJECT_CLASS (hd_site_editor_parent_class)->dispose (object);
}

static void
hd_site_editor_class_init (HdSiteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_site_editor_dispose;

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-site-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, kind_model);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, domain_row);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, domain_model);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, level_model);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, region_row);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, region_model);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, members_row);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, coordinates_row);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, form_box);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdSiteEditor, pick_button);
  gtk_widget_class_bind_template_callback (widget_class, on_pick_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
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
hd_site_editor_init (HdSiteEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < HD_N_SITE_KINDS; i++)
    gtk_string_list_append (self->kind_model, hd_site_kind_label (i));
  for (guint i = 0; i < HD_N_DOMAINS; i++)
    gtk_string_list_append (self->domain_model, hd_domain_label (i));
  for (guint i = 0; i < HD_N_SITE_LEVELS; i++)
    gtk_string_list_append (self->level_model, hd_site_level_label (i));

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->domain_row, "notify::selected", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->level_row, "notify::selected", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->region_row, "notify::selected", G_CALLBACK (on_field_changed), self);

  self->region_ids = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
hd_site_editor_new (GtkWindow *parent,
                    HdStore   *store,
                    HdSite    *site)
{
  HdSiteEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (site == NULL || HD_IS_SITE (site), NULL);

  self = g_object_new (HD_TYPE_SITE_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->site = hd_site_new ();
  if (site != NULL)
    hd_site_copy_from (self->site, site);

  /* A site without an id is new, prefilled (a position picked on the map). */
  adw_window_title_set_title (self->window_title,
                              site != NULL && hd_site_get_id (site) != NULL ? _("Edit Site")
                                                                            : _("New Site"));
  gtk_window_set_title (GTK_WINDOW (self),
                        site != NULL && hd_site_get_id (site) != NULL ? _("Edit Site")
                                                                      : _("New Site"));

  hd_region_choices_fill (store, self->region_model, self->region_ids);

  /* Files are attached at once (each an undo step), so only to a site already saved. */
  self->attachments = HD_ATTACHMENT_LIST (hd_attachment_list_new (store, HD_ATTACHMENT_OWNER_SITE));
  hd_attachment_list_set_owner_id (self->attachments,
                                   site != NULL ? hd_site_get_id (site) : NULL);
  g_signal_connect_object (self->attachments, "removed", G_CALLBACK (on_attachment_removed), self,
                           G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (self->form_box, GTK_WIDGET (self->attachments),
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->message_label)));

  label_rows (GTK_WIDGET (self));
  load_site (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return GTK_WIDGET (self);
}

HdSite *
hd_site_editor_get_site (HdSiteEditor *self)
{
  g_return_val_if_fail (HD_IS_SITE_EDITOR (self), NULL);
  return self->site;
}

gboolean
hd_site_editor_can_save (HdSiteEditor *self)
{
  g_return_val_if_fail (HD_IS_SITE_EDITOR (self), FALSE);
  return self->can_save;
}

const char *
hd_site_editor_get_message (HdSiteEditor *self)
{
  g_return_val_if_fail (HD_IS_SITE_EDITOR (self), NULL);
  return self->message;
}

GtkWidget *
hd_site_editor_get_attachments (HdSiteEditor *self)
{
  g_return_val_if_fail (HD_IS_SITE_EDITOR (self), NULL);
  return GTK_WIDGET (self->attachments);
}

GtkWidget *
hd_site_editor_get_conflict_dialog (HdSiteEditor *self)
{
  g_return_val_if_fail (HD_IS_SITE_EDITOR (self), NULL);
  return self->conflict_dialog;
}
