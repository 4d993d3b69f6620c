/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-rectification-editor"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-rectification-editor.h"

struct _HdRectificationEditor
{
  AdwMessageDialog  parent_instance;

  HdRectification  *task;

  /* template */
  AdwEntryRow      *owner_row;
  AdwEntryRow      *due_row;
  AdwComboRow      *state_row;
  GtkStringList    *state_model;
};

G_DEFINE_FINAL_TYPE (HdRectificationEditor, hd_rectification_editor, ADW_TYPE_MESSAGE_DIALOG)

/* The combo's positions, in the order of HdRectificationState. */
static const HdRectificationState states[] = {
  HD_RECTIFICATION_OPEN, HD_RECTIFICATION_DONE, HD_RECTIFICATION_CANCELLED,
};

gboolean
hd_rectification_editor_parse_due (const char *text,
                                   GDate      *out,
                                   gboolean   *has_date)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  *has_date = FALSE;
  if (*trimmed == '\0')
    return TRUE;
  g_date_clear (out, 1);
  if (!hd_date_parse (trimmed, out))
    return FALSE;
  *has_date = TRUE;
  return TRUE;
}

static void
on_due_changed (HdRectificationEditor *self,
                GtkEditable           *editable)
{
  GDate date;
  gboolean has_date;
  gboolean valid = hd_rectification_editor_parse_due (gtk_editable_get_text (editable),
                                                      &date, &has_date);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->due_row), "error");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", valid);
}

static void
on_entry_activated (HdRectificationEditor *self,
                    AdwEntryRow           *row)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "save"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "save");
}

static void
hd_rectification_editor_dispose (GObject *object)
{
  HdRectificationEditor *self = HD_RECTIFICATION_EDITOR (object);

  g_clear_object (&self->task);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_RECTIFICATION_EDITOR);

  G_OBJECT_CLASS (hd_rectification_editor_parent_class)->dispose (object);
}

static void
hd_rectification_editor_class_init (HdRectificationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_rectification_editor_dispose;

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-rectification-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HdRectificationEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, HdRectificationEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, HdRectificationEditor, state_row);
  gtk_widget_class_bind_template_child (widget_class, HdRectificationEditor, state_model);
  gtk_widget_class_bind_template_callback (widget_class, on_due_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
}

static void
hd_rectification_editor_init (HdRectificationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    gtk_string_list_append (self->state_model, hd_rectification_state_label (states[i]));
}

GtkWidget *
hd_rectification_editor_new (GtkWindow       *parent,
                             HdRectification *task)
{
  HdRectificationEditor *self;
  g_autofree char *body = NULL;
  const char *code;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HD_IS_RECTIFICATION (task), NULL);

  self = g_object_new (HD_TYPE_RECTIFICATION_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->task = g_object_ref (task);

  code = hd_rectification_get_item_code (task);
  /* Translators: the editor's text: the site or belt, then the item's code and the problem */
  body = g_strdup_printf (_("%s — %s %s"), hd_rectification_get_subject_name (task),
                          code != NULL ? code : "", hd_rectification_get_description (task));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  gtk_editable_set_text (GTK_EDITABLE (self->owner_row),
                         hd_rectification_get_owner (task) != NULL ? hd_rectification_get_owner (task) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->due_row),
                         hd_rectification_get_due_date (task) != NULL ? hd_rectification_get_due_date (task) : "");
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (states[i] == hd_rectification_get_state (task))
      adw_combo_row_set_selected (self->state_row, i);

  return GTK_WIDGET (self);
}

HdRectification *
hd_rectification_editor_get_task (HdRectificationEditor *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION_EDITOR (self), NULL);
  return self->task;
}

gboolean
hd_rectification_editor_apply (HdRectificationEditor  *self,
                               HdStore                *store,
                               GError                **error)
{
  const char *id;
  g_autofree char *owner = NULL;
  const char *old_owner;
  const char *old_due;
  g_autofree char *due_text = NULL;
  GDate due;
  gboolean has_due;
  guint selected;

  g_return_val_if_fail (HD_IS_RECTIFICATION_EDITOR (self), FALSE);
  g_return_val_if_fail (HD_IS_STORE (store), FALSE);

  id = hd_rectification_get_id (self->task);
  if (!hd_rectification_editor_parse_due (gtk_editable_get_text (GTK_EDITABLE (self->due_row)),
                                          &due, &has_due))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("“%s” is not a date (YYYY-MM-DD)"),
                   gtk_editable_get_text (GTK_EDITABLE (self->due_row)));
      return FALSE;
    }

  /* Only what changed, so an untouched field never bumps "modified" or forgets who closed it. */
  owner = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->owner_row))));
  old_owner = hd_rectification_get_owner (self->task);
  if (g_strcmp0 (owner, old_owner != NULL ? old_owner : "") != 0 &&
      !hd_store_set_rectification_owner (store, id, owner, error))
    return FALSE;

  due_text = has_due ? hd_date_to_string (&due) : g_strdup ("");
  old_due = hd_rectification_get_due_date (self->task);
  if (g_strcmp0 (due_text, old_due != NULL ? old_due : "") != 0 &&
      !hd_store_set_rectification_due_date (store, id, has_due ? &due : NULL, error))
    return FALSE;

  selected = adw_combo_row_get_selected (self->state_row);
  if (selected < G_N_ELEMENTS (states) && states[selected] != hd_rectification_get_state (self->task) &&
      !hd_store_set_rectification_state (store, id, states[selected], error))
    return FALSE;

  return TRUE;
}
