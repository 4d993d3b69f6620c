/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-history-view"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hd-application.h"
#include "hd-history-view.h"
#include "hd-light-dot.h"
#include "hd-rectification-row.h"
#include "hd-subject.h"

#define HISTORY_CHANGES (HD_CHANGE_INSPECTIONS | HD_CHANGE_RECTIFICATIONS | \
                         HD_CHANGE_SITES | HD_CHANGE_BELTS)

struct _HdHistoryView
{
  GtkWidget      parent_instance;

  HdStore       *store;
  HdLights      *lights;
  HdSubjectKind  kind;
  char          *subject_id;
  char          *target;
  guint          n_inspections;
  guint          n_tasks;
  /* Changed while hidden: read again when shown. */
  gboolean       stale;

  /* template */
  GtkWidget     *box;
  HdLightDot    *light_dot;
  GtkLabel      *title_label;
  GtkLabel      *subtitle_label;
  GtkWidget     *start_button;
  GtkStack      *stack;
  GtkWidget     *inspections_group;
  GtkListBox    *inspections_list;
  GtkWidget     *tasks_group;
  GtkListBox    *tasks_list;
};

G_DEFINE_FINAL_TYPE (HdHistoryView, hd_history_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
hd_history_view_format_summary (const char        *inspector,
                                HdInspectionState  state,
                                gboolean           correction,
                                double             score)
{
  g_autoptr(GString) text = g_string_new (inspector);
  const char *state_label;

  if (correction)
    state_label = state == HD_INSPECTION_DRAFT ? _("Correction (draft)") : _("Correction");
  else
    state_label = hd_inspection_state_label (state);
  g_string_append_printf (text, " · %s", state_label);

  if (state == HD_INSPECTION_FINISHED && score >= 0)
    {
      g_string_append (text, " · ");
      /* Translators: part of a history row, e.g. "score 83.3" */
      g_string_append_printf (text, _("score %.1f"), score);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
create_tag (const char *text,
            const char *css_class)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "hd-tag");
  gtk_widget_add_css_class (tag, css_class);
  return tag;
}

static GtkWidget *
create_inspection_row (HdHistoryView *self,
                       HdInspection  *inspection)
{
  g_autoptr(GListStore) worse = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  gboolean finished = hd_inspection_get_state (inspection) == HD_INSPECTION_FINISHED;
  GtkWidget *row;
  GtkWidget *dot;
  GtkWidget *open_button;
  guint n_worse = 0;

  if (finished)
    {
      g_autoptr(GError) error = NULL;

      worse = hd_store_list_worse_answers (self->store, hd_inspection_get_id (inspection), &error);
      if (worse == NULL)
        g_debug ("Cannot list what got worse: %s", error->message);
      else
        n_worse = g_list_model_get_n_items (G_LIST_MODEL (worse));
    }

  /* Translators: a history row's title: date, then standard set, e.g. "2025-06-01 · 六有" */
  title = g_strdup_printf (_("%s · %s"), hd_inspection_get_date (inspection),
                           hd_inspection_get_set_name (inspection));
  summary = hd_history_view_format_summary (hd_inspection_get_inspector (inspection),
                                            hd_inspection_get_state (inspection),
                                            hd_inspection_get_corrects_id (inspection) != NULL,
                                            hd_inspection_get_score (inspection));

  dot = hd_light_dot_new ();
  if (finished)
    hd_light_dot_set (HD_LIGHT_DOT (dot), hd_inspection_get_light (inspection),
                      HD_LIGHT_REASON_NONE);

  open_button = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (open_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open_button), "win.open-inspection");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open_button), "s",
                                    hd_inspection_get_id (inspection));
  gtk_widget_set_tooltip_text (open_button, finished ? _("Open") : _("Continue"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (open_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  finished ? _("Open") : _("Continue"),
                                  -1);

  if (n_worse > 0)
    {
      g_autofree char *worse_text = NULL;

      /* Translators: a tag on a history row: how many items got worse since the one before */
      worse_text = g_strdup_printf (ngettext ("%u item worse", "%u items worse", n_worse), n_worse);

      row = adw_expander_row_new ();
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), dot);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), create_tag (worse_text, "worse"));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), open_button);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary);
      /* What got worse is the news: shown, not folded away. */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_add_css_class (row, "worse");

      for (guint i = 0; i < n_worse; i++)
        {
          g_autoptr(HdInspectionAnswer) answer = g_list_model_get_item (G_LIST_MODEL (worse), i);
          g_autofree char *item_title = NULL;
          g_autofree char *change = NULL;
          GtkWidget *item_row = adw_action_row_new ();

          /* Translators: an item that got worse: its code and title */
          item_title = g_strdup_printf (_("%s %s"), hd_inspection_answer_get_code (answer),
                                        hd_inspection_answer_get_title (answer));
          /* Translators: how an item got worse, e.g. "Met → Not met" */
          change = g_strdup_printf (_("%s → %s"),
                                    hd_answer_label (
                                      hd_inspection_answer_get_previous_answer (answer)),
                                    hd_answer_label (hd_inspection_answer_get_answer (answer)));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item_row), item_title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (item_row), change);
          adw_action_row_add_suffix (ADW_ACTION_ROW (item_row),
                                     create_tag (C_("checklist tag", "Worse than last time"),
                                                 "worse"));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), item_row);
        }
    }
  else
    {
      row = adw_action_row_new ();
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_button);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), open_button);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (!finished)
    {
      GtkWidget *tag = create_tag (hd_inspection_state_label (HD_INSPECTION_DRAFT), "suggested");

      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), tag);
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }

  return row;
}

static void
hd_history_view_refresh (HdHistoryView *self)
{
  g_autoptr(GListStore) inspections = NULL;
  g_autoptr(GListStore) tasks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  HdRectificationFilter filter = { 0 };
  const char *name;
  HdLight light = HD_LIGHT_GREY;
  HdLightReasons reasons = HD_LIGHT_REASON_NEVER_INSPECTED;
  GDate today;

  self->stale = FALSE;
  clear_list (self->inspections_list);
  clear_list (self->tasks_list);
  self->n_inspections = 0;
  self->n_tasks = 0;

  if (self->subject_id == NULL)
    {
      gtk_label_set_label (self->title_label, NULL);
      gtk_label_set_label (self->subtitle_label, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  name = hd_subject_get_name (self->store, self->kind, self->subject_id);
  gtk_label_set_label (self->title_label, name);

  if (self->lights != NULL)
    {
      light = hd_lights_get (self->lights, self->kind, self->subject_id);
      reasons = hd_lights_get_reasons (self->lights, self->kind, self->subject_id);
      today = *hd_lights_get_today (self->lights);
    }
  else
    today = hd_store_get_today (self->store);
  hd_light_dot_set (self->light_dot, light, reasons);
  description = hd_light_describe (light, reasons);
  gtk_label_set_label (self->subtitle_label, description);

  inspections = hd_store_list_inspections (self->store, self->subject_id, &error);
  if (inspections == NULL)
    {
      g_warning ("Cannot list the inspections: %s", error->message);
      g_clear_error (&error);
    }
  else
    {
      self->n_inspections = g_list_model_get_n_items (G_LIST_MODEL (inspections));
      for (guint i = 0; i < self->n_inspections; i++)
        {
          g_autoptr(HdInspection) inspection = NULL;

          inspection = g_list_model_get_item (G_LIST_MODEL (inspections), i);

          gtk_list_box_append (self->inspections_list,
                               create_inspection_row (self, inspection));
        }
    }

  filter.subject_id = self->subject_id;
  tasks = hd_store_list_rectifications (self->store, &filter, &today, &error);
  if (tasks == NULL)
    g_warning ("Cannot list the rectifications: %s", error->message);
  else
    {
      self->n_tasks = g_list_model_get_n_items (G_LIST_MODEL (tasks));
      for (guint i = 0; i < self->n_tasks; i++)
        {
          g_autoptr(HdRectification) task = g_list_model_get_item (G_LIST_MODEL (tasks), i);
          GtkWidget *task_row = hd_rectification_row_new ();
          GtkWidget *row = gtk_list_box_row_new ();

          hd_rectification_row_set_task (HD_RECTIFICATION_ROW (task_row), task);
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), task_row);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_list_box_append (self->tasks_list, row);
        }
    }

  gtk_widget_set_visible (self->tasks_group, self->n_tasks > 0);
  gtk_stack_set_visible_child_name (self->stack, self->n_inspections > 0 ? "list" : "empty");
}

static void
on_store_changed (HdHistoryView *self,
                  guint          kinds,
                  GStrv          ids,
                  HdStore       *store)
{
  if (self->subject_id == NULL || (kinds & HISTORY_CHANGES) == 0)
    return;

  /* The subject itself may be gone. */
  if (hd_subject_get_name (self->store, self->kind, self->subject_id) == NULL)
    {
      hd_history_view_set_subject (self, HD_SUBJECT_SITE, NULL);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-map", NULL);
      return;
    }

  /* Behind the checklist, answers arrive with every key press: read them when shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  hd_history_view_refresh (self);
}

static void
hd_history_view_map (GtkWidget *widget)
{
  HdHistoryView *self = HD_HISTORY_VIEW (widget);

  GTK_WIDGET_CLASS (hd_history_view_parent_class)->map (widget);

  if (self->stale)
    hd_history_view_refresh (self);
}

static void
on_lights_changed (HdHistoryView *self,
                   HdLights      *lights)
{
  HdLight light;
  HdLightReasons reasons;
  g_autofree char *description = NULL;

  if (self->subject_id == NULL)
    return;

  light = hd_lights_get (lights, self->kind, self->subject_id);
  reasons = hd_lights_get_reasons (lights, self->kind, self->subject_id);
  hd_light_dot_set (self->light_dot, light, reasons);
  description = hd_light_describe (light, reasons);
  gtk_label_set_label (self->subtitle_label, description);
}

void
hd_history_view_set_subject (HdHistoryView *self,
                             HdSubjectKind  kind,
                             const char    *subject_id)
{
  g_return_if_fail (HD_IS_HISTORY_VIEW (self));

  self->kind = kind;
  g_free (self->subject_id);
  self->subject_id = g_strdup (subject_id);
  g_clear_pointer (&self->target, g_free);
  if (subject_id != NULL)
    self->target = hd_subject_to_target (kind, subject_id);

  /* The target first: an action with a parameter and no target would be refused. */
  if (self->target != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->start_button), "s", self->target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button), "win.start-inspection");
    }
  else
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button), NULL);
  gtk_widget_set_sensitive (self->start_button, self->target != NULL);

  hd_history_view_refresh (self);
}

const char *
hd_history_view_get_target (HdHistoryView *self)
{
  g_return_val_if_fail (HD_IS_HISTORY_VIEW (self), NULL);

  return self->target;
}

guint
hd_history_view_get_n_inspections (HdHistoryView *self)
{
  g_return_val_if_fail (HD_IS_HISTORY_VIEW (self), 0);

  return self->n_inspections;
}

guint
hd_history_view_get_n_tasks (HdHistoryView *self)
{
  g_return_val_if_fail (HD_IS_HISTORY_VIEW (self), 0);

  return self->n_tasks;
}

static void
hd_history_view_constructed (GObject *object)
{
  HdHistoryView *self = HD_HISTORY_VIEW (object);

  G_OBJECT_CLASS (hd_history_view_parent_class)->constructed (object);

  g_return_if_fail (HD_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  if (self->lights != NULL)
    g_signal_connect_object (self->lights, "changed",
                             G_CALLBACK (on_lights_changed), self, G_CONNECT_SWAPPED);
  hd_history_view_refresh (self);
}

static void
hd_history_view_dispose (GObject *object)
{
  HdHistoryView *self = HD_HISTORY_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_HISTORY_VIEW);

  g_clear_object (&self->lights);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_history_view_parent_class)->dispose (object);
}

static void
hd_history_view_finalize (GObject *object)
{
  HdHistoryView *self = HD_HISTORY_VIEW (object);

  g_free (self->subject_id);
  g_free (self->target);

  G_OBJECT_CLASS (hd_history_view_parent_class)->finalize (object);
}

static void
hd_history_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HdHistoryView *self = HD_HISTORY_VIEW (object);

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
hd_history_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HdHistoryView *self = HD_HISTORY_VIEW (object);

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
hd_history_view_class_init (HdHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_history_view_constructed;
  object_class->dispose = hd_history_view_dispose;
  object_class->finalize = hd_history_view_finalize;
  object_class->get_property = hd_history_view_get_property;
  object_class->set_property = hd_history_view_set_property;

  widget_class->map = hd_history_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIGHTS] =
    g_param_spec_object ("lights", NULL, NULL,
                         HD_TYPE_LIGHTS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HD_TYPE_LIGHT_DOT);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HdHistoryView, box);
  gtk_widget_class_bind_template_child (widget_class, HdHistoryView, light_dot);
  gtk_widget_class_bind_template_child (widget_class, HdHistoryView, title_label);
  gtk_widget_class_bind_template_child (widget_class, HdHistoryView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HdHistoryView, start_button);
  gtk_widget_class_bind_template_child (widget_class, HdHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, HdHistoryView, inspections_group);
  gtk_widget_class_bind_template_child (widget_class, HdHistoryView, inspections_list);
  gtk_widget_class_bind_template_child (widget_class, HdHistoryView, tasks_group);
  gtk_widget_class_bind_template_child (widget_class, HdHistoryView, tasks_list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.show-map", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdhistoryview");
}

static void
hd_history_view_init (HdHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_history_view_new (HdStore  *store,
                     HdLights *lights)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (lights == NULL || HD_IS_LIGHTS (lights), NULL);

  return g_object_new (HD_TYPE_HISTORY_VIEW,
                       "store", store,
                       "lights", lights,
                       NULL);
}
