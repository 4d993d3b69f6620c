/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-due-row"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-due-row.h"
#include "hd-light-dot.h"
#include "hd-subject.h"

struct _HdDueRow
{
  GtkWidget     parent_instance;

  HdLights     *lights;
  HdDueSubject *subject;

  /* template */
  GtkWidget    *box;
  HdLightDot   *light_dot;
  GtkLabel     *name_label;
  GtkLabel     *detail_label;
  GtkWidget    *start_button;
};

G_DEFINE_FINAL_TYPE (HdDueRow, hd_due_row, GTK_TYPE_WIDGET)

char *
hd_due_row_format_detail (HdSubjectKind  kind,
                          const char    *last_date,
                          int            days_since)
{
  g_autofree char *when = NULL;

  if (last_date == NULL || days_since < 0)
    /* Translators: in the "due" queue, e.g. "Site · never inspected" */
    return g_strdup_printf (_("%s · never inspected"), hd_subject_kind_label (kind));

  when = g_strdup_printf (ngettext ("%d day ago", "%d days ago", days_since), days_since);
  /* Translators: in the "due" queue, e.g. "Belt · last inspected 2025-01-10, 140 days ago" */
  return g_strdup_printf (_("%s · last inspected %s, %s"),
                          hd_subject_kind_label (kind), last_date, when);
}

static void
hd_due_row_sync (HdDueRow *self)
{
  g_autofree char *detail = NULL;
  g_autofree char *target = NULL;
  g_autofree char *tooltip = NULL;
  HdSubjectKind kind;
  const char *id;

  if (self->subject == NULL)
    {
      gtk_label_set_label (self->name_label, NULL);
      gtk_label_set_label (self->detail_label, NULL);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button), NULL);
      return;
    }

  kind = hd_due_subject_get_subject_kind (self->subject);
  id = hd_due_subject_get_subject_id (self->subject);
  detail = hd_due_row_format_detail (kind, hd_due_subject_get_last_date (self->subject),
                                     hd_due_subject_get_days_since (self->subject));
  target = hd_subject_to_target (kind, id);

  gtk_label_set_label (self->name_label, hd_due_subject_get_name (self->subject));
  gtk_label_set_label (self->detail_label, detail);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->start_button), "s", target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button), "win.start-inspection");

  /* Translators: tooltip of the button in a "due" row; %s is the site or belt */
  tooltip = g_strdup_printf (_("Inspect %s"), hd_due_subject_get_name (self->subject));
  gtk_widget_set_tooltip_text (self->start_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->start_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);

  if (self->lights != NULL)
    hd_light_dot_set (self->light_dot, hd_lights_get (self->lights, kind, id),
                      hd_lights_get_reasons (self->lights, kind, id));
}

HdDueSubject *
hd_due_row_get_subject (HdDueRow *self)
{
  g_return_val_if_fail (HD_IS_DUE_ROW (self), NULL);

  return self->subject;
}

void
hd_due_row_set_subject (HdDueRow     *self,
                        HdDueSubject *subject)
{
  g_return_if_fail (HD_IS_DUE_ROW (self));
  g_return_if_fail (subject == NULL || HD_IS_DUE_SUBJECT (subject));

  if (g_set_object (&self->subject, subject))
    hd_due_row_sync (self);
}

static void
hd_due_row_dispose (GObject *object)
{
  HdDueRow *self = HD_DUE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_DUE_ROW);

  g_clear_object (&self->subject);
  g_clear_object (&self->lights);

  G_OBJECT_CLASS (hd_due_row_parent_class)->dispose (object);
}

static void
hd_due_row_class_init (HdDueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_due_row_dispose;

  g_type_ensure (HD_TYPE_LIGHT_DOT);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-due-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HdDueRow, box);
  gtk_widget_class_bind_template_child (widget_class, HdDueRow, light_dot);
  gtk_widget_class_bind_template_child (widget_class, HdDueRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, HdDueRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, HdDueRow, start_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdduerow");
}

static void
hd_due_row_init (HdDueRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_due_row_new (HdLights *lights)
{
  HdDueRow *self;

  g_return_val_if_fail (lights == NULL || HD_IS_LIGHTS (lights), NULL);

  self = g_object_new (HD_TYPE_DUE_ROW, NULL);
  if (lights != NULL)
    {
      self->lights = g_object_ref (lights);
      g_signal_connect_object (lights, "changed", G_CALLBACK (hd_due_row_sync), self,
                               G_CONNECT_SWAPPED);
    }
  return GTK_WIDGET (self);
}
