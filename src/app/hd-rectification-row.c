/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-rectification-row"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-rectification-row.h"

struct _HdRectificationRow
{
  GtkWidget        parent_instance;

  HdRectification *task;

  /* template */
  GtkWidget       *grid;
  GtkLabel        *subject_label;
  GtkLabel        *due_label;
  GtkLabel        *description_label;
  GtkLabel        *list_tag;
  GtkWidget       *overdue_tag;
  GtkLabel        *owner_label;
};

G_DEFINE_FINAL_TYPE (HdRectificationRow, hd_rectification_row, GTK_TYPE_WIDGET)

char *
hd_rectification_row_format_due (const char *due_date)
{
  if (due_date == NULL || *due_date == '\0')
    return g_strdup (_("No due date"));

  /* Translators: a rectification task's due date, e.g. "Due 2025-07-01" */
  return g_strdup_printf (_("Due %s"), due_date);
}

char *
hd_rectification_row_format_owner (const char *owner)
{
  if (owner == NULL || *owner == '\0')
    return g_strdup (_("No owner yet"));

  /* Translators: who has to fix a rectification task, e.g. "Owner: 李明" */
  return g_strdup_printf (_("Owner: %s"), owner);
}

static void
hd_rectification_row_sync (HdRectificationRow *self)
{
  g_autofree char *due = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *description = NULL;
  HdRectificationList list;
  gboolean overdue;

  if (self->task == NULL)
    {
      gtk_label_set_label (self->subject_label, NULL);
      gtk_label_set_label (self->due_label, NULL);
      gtk_label_set_label (self->description_label, NULL);
      gtk_label_set_label (self->list_tag, NULL);
      gtk_label_set_label (self->owner_label, NULL);
      gtk_widget_set_visible (self->overdue_tag, FALSE);
      return;
    }

  due = hd_rectification_row_format_due (hd_rectification_get_due_date (self->task));
  owner = hd_rectification_row_format_owner (hd_rectification_get_owner (self->task));
  /* Translators: a rectification task: the item's code, then what is to be done */
  description = g_strdup_printf (_("%s %s"),
                                 hd_rectification_get_item_code (self->task) != NULL ?
                                   hd_rectification_get_item_code (self->task) : "",
                                 hd_rectification_get_description (self->task));
  list = hd_rectification_get_list (self->task);
  overdue = hd_rectification_get_overdue (self->task);

  gtk_label_set_label (self->subject_label, hd_rectification_get_subject_name (self->task));
  gtk_label_set_label (self->due_label, due);
  gtk_label_set_label (self->description_label, g_strstrip (description));
  gtk_label_set_label (self->list_tag, hd_rectification_list_label (list));
  gtk_label_set_label (self->owner_label, owner);
  gtk_widget_set_visible (self->overdue_tag, overdue);

  if (overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");

  if (list == HD_RECTIFICATION_PROBLEM)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->list_tag), "problem");
      gtk_widget_remove_css_class (GTK_WIDGET (self->list_tag), "improvement");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->list_tag), "improvement");
      gtk_widget_remove_css_class (GTK_WIDGET (self->list_tag), "problem");
    }
}

HdRectification *
hd_rectification_row_get_task (HdRectificationRow *self)
{
  g_return_val_if_fail (HD_IS_RECTIFICATION_ROW (self), NULL);

  return self->task;
}

void
hd_rectification_row_set_task (HdRectificationRow *self,
                               HdRectification    *task)
{
  g_return_if_fail (HD_IS_RECTIFICATION_ROW (self));
  g_return_if_fail (task == NULL || HD_IS_RECTIFICATION (task));

  if (g_set_object (&self->task, task))
    hd_rectification_row_sync (self);
}

static void
hd_rectification_row_dispose (GObject *object)
{
  HdRectificationRow *self = HD_RECTIFICATION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_RECTIFICATION_ROW);

  g_clear_object (&self->task);

  G_OBJECT_CLASS (hd_rectification_row_parent_class)->dispose (object);
}

static void
hd_rectification_row_class_init (HdRectificationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_rectification_row_dispose;

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/hongdai/Hongdai/hd-rectification-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HdRectificationRow, grid);
  gtk_widget_class_bind_template_child (widget_class, HdRectificationRow, subject_label);
  gtk_widget_class_bind_template_child (widget_class, HdRectificationRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, HdRectificationRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, HdRectificationRow, list_tag);
  gtk_widget_class_bind_template_child (widget_class, HdRectificationRow, overdue_tag);
  gtk_widget_class_bind_template_child (widget_class, HdRectificationRow, owner_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdrectificationrow");
}

static void
hd_rectification_row_init (HdRectificationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_rectification_row_new (void)
{
  return g_object_new (HD_TYPE_RECTIFICATION_ROW, NULL);
}
