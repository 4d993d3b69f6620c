/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-plan-view"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "hd-application.h"
#include "hd-handout-dialog.h"
#include "hd-inspection.h"
#include "hd-plan-charts.h"
#include "hd-plan-progress.h"
#include "hd-plan-view.h"

struct _HdPlanView
{
  GtkWidget   parent_instance;

  HdStore    *store;
  char       *plan_id;
  GtkWidget  *value_dialog;

  GtkStack   *stack;
  GtkLabel   *title_label;
  GtkLabel   *subtitle_label;
  GtkBox     *themes_box;
  GtkLabel   *indicators_heading;
  GtkListBox *indicator_list;
  GtkBox     *charts_box;
  HdPlanCharts *charts;
};

G_DEFINE_FINAL_TYPE (HdPlanView, hd_plan_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

/* "12", "66.7", "–" */
static char *
format_value (double value)
{
  if (isnan (value))
    return g_strdup ("–");
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

static const char *
status_icon (HdPlanStatus status)
{
  switch (status)
    {
    case HD_PLAN_STATUS_ON_TRACK: return "emblem-ok-symbolic";
    case HD_PLAN_STATUS_AT_RISK: return "dialog-warning-symbolic";
    case HD_PLAN_STATUS_BEHIND: return "process-stop-symbolic";
    case HD_PLAN_STATUS_UNKNOWN:
    default: return "content-loading-symbolic";
    }
}

static GtkWidget *
create_status (HdPlanStatus status)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (status_icon (status));
  GtkWidget *label = gtk_label_new (hd_plan_status_label (status));

  gtk_widget_add_css_class (box, "hd-plan-status");
  gtk_widget_add_css_class (box, hd_plan_status_to_string (status));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (box, 96, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  hd_plan_status_label (status), -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
create_indicator_row (HdPlanView          *self,
                      HdIndicatorProgress *p)
{
  HdIndicator *indicator = p->indicator;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *t1 = format_value (p->targets[0]);
  g_autofree char *t2 = format_value (p->targets[1]);
  g_autofree char *t3 = format_value (p->targets[2]);
  g_autofree char *latest = format_value (p->latest);
  g_autofree char *source = NULL;
  g_autofree char *value = NULL;
  g_autofree char *subtitle = NULL;
  const char *unit = hd_indicator_get_unit (indicator) ? hd_indicator_get_unit (indicator) : "";
  HdComputedIndicator key;
  GtkWidget *bar;

  if (hd_indicator_is_computed (indicator) &&
      hd_computed_indicator_from_string (hd_indicator_get_computed_key (indicator), &key))
    /* Translators: where an indicator's values come from, e.g. "Computed: Belts" */
    source = g_strdup_printf (_("Computed: %s"), hd_computed_indicator_label (key));
  else
    source = g_strdup (C_("indicator source", "Entered by hand"));
  if (p->latest_date != NULL)
    {
      /* "96%" but "11 条" */
      g_autofree char *amount = g_str_equal (unit, "%") || *unit == '\0'
                                ? g_strconcat (latest, unit, NULL)
                                : g_strconcat (latest, " ", unit, NULL);

      /* Translators: an indicator's latest value and its date, e.g. "11 条 on 2020-12-31" */
      value = g_strdup_printf (_("%s on %s"), amount, p->latest_date);
    }
  else
    value = g_strdup (_("no value yet"));
  /* Translators: e.g. "Targets 4 / 8 / 10 条 · 11 条 on 2020-12-31 · Computed: Belts" */
  subtitle = g_strdup_printf (_("Targets %s / %s / %s%s%s · %s · %s"), t1, t2, t3,
                              g_str_equal (unit, "%") || *unit == '\0' ? "" : " ", unit, value, source);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hd_indicator_get_name (indicator));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  bar = gtk_progress_bar_new ();
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 90, -1);
  if (!isnan (p->year_percent))
    {
      g_autofree char *text = g_strdup_printf ("%.0f%%", p->year_percent);
      g_autofree char *description = g_strdup_printf (_("%.0f%% of this year's target"), p->year_percent);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), p->year_percent / 100.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (bar), text);
      gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      description, -1);
    }
  else
    gtk_widget_set_opacity (bar, 0.4);
  gtk_widget_add_css_class (bar, hd_plan_status_to_string (p->status));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_status (p->status));

  if (!hd_indicator_is_computed (indicator))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");
      g_autofree char *label = g_strdup_printf (_("Record a value of “%s”"),
                                                hd_indicator_get_name (indicator));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Record a Value…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "plan.record-value");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", hd_indicator_get_id (indicator));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
add_theme_card (HdPlanView *self,
                int         year,
                const char *theme,
                gboolean    current)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *year_text = current ? g_strdup_printf (_("%d (this year)"), year)
                                       : g_strdup_printf ("%d", year);
  GtkWidget *year_label = gtk_label_new (year_text);
  GtkWidget *theme_label = gtk_label_new (theme && *theme ? theme : _("No annual theme"));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "hd-plan-theme");
  if (current)
    gtk_widget_add_css_class (card, "current");
  gtk_widget_add_css_class (year_label, "caption-heading");
  gtk_widget_add_css_class (year_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (year_label), 0);
  gtk_label_set_xalign (GTK_LABEL (theme_label), 0);
  gtk_label_set_wrap (GTK_LABEL (theme_label), TRUE);
  gtk_widget_add_css_class (theme_label, "heading");
  if (theme == NULL || *theme == '\0')
    gtk_widget_add_css_class (theme_label, "dim-label");
  gtk_box_append (GTK_BOX (card), year_label);
  gtk_box_append (GTK_BOX (card), theme_label);
  gtk_box_append (self->themes_box, card);
}

static void
refresh (HdPlanView *self)
{
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *day = NULL;
  HdPlan *plan = self->plan_id ? hd_store_lookup_plan (self->store, self->plan_id) : NULL;
  HdRegion *region;
  GDate today;
  int first;

  clear_children (GTK_WIDGET (self->indicator_list));
  clear_children (GTK_WIDGET (self->themes_box));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.snapshot", plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.edit", plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.delete", plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.print-handout", plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.export-handout", plan != NULL);
  if (plan == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "plan");

  today = hd_store_get_today (self->store);
  day = hd_date_to_string (&today);
  first = hd_plan_get_first_year (plan);
  region = hd_store_lookup_region (self->store, hd_plan_get_region_id (plan));
  gtk_label_set_text (self->title_label, hd_plan_get_title (plan));
  /* Translators: e.g. "Three-year action plan 2018–2020 · 福州市" */
  subtitle = g_strdup_printf (_("Three-year action plan %d–%d · %s"), first, first + 2,
                              region ? hd_region_get_name (region) : _("Whole workspace"));
  gtk_label_set_text (self->subtitle_label, subtitle);
  add_theme_card (self, first, hd_plan_get_theme1 (plan), (int) g_date_get_year (&today) == first);
  add_theme_card (self, first + 1, hd_plan_get_theme2 (plan), (int) g_date_get_year (&today) == first + 1);
  add_theme_card (self, first + 2, hd_plan_get_theme3 (plan), (int) g_date_get_year (&today) == first + 2);

  progress = hd_store_get_plan_progress (self->store, self->plan_id, &today, &error);
  if (progress == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      gtk_list_box_append (self->indicator_list, row);
      return;
    }
  /* Translators: the heading of a plan's indicator list; %s is today's date */
  heading = g_strdup_printf (_("Indicators on %s"), day);
  gtk_label_set_text (self->indicators_heading, heading);
  if (progress->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No indicators yet: add them in the plan's editor"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->indicator_list, row);
    }
  for (guint i = 0; i < progress->len; i++)
    gtk_list_box_append (self->indicator_list,
                         create_indicator_row (self, g_ptr_array_index (progress, i)));
}

static void
on_store_changed (HdPlanView *self,
                  guint       kinds,
                  GStrv       ids)
{
  if (kinds & (HD_CHANGE_PLANS | HD_CHANGE_REGIONS))
    refresh (self);
}

gboolean
hd_plan_view_set_plan (HdPlanView *self,
                       const char *plan_id)
{
  g_return_val_if_fail (HD_IS_PLAN_VIEW (self), FALSE);

  if (plan_id != NULL && hd_store_lookup_plan (self->store, plan_id) == NULL)
    return FALSE;
  g_free (self->plan_id);
  self->plan_id = g_strdup (plan_id);
  refresh (self);
  hd_plan_charts_set_plan (self->charts, plan_id);
  return TRUE;
}

const char *
hd_plan_view_get_plan_id (HdPlanView *self)
{
  g_return_val_if_fail (HD_IS_PLAN_VIEW (self), NULL);
  return self->plan_id;
}

GtkBox *
hd_plan_view_get_charts_box (HdPlanView *self)
{
  g_return_val_if_fail (HD_IS_PLAN_VIEW (self), NULL);
  return self->charts_box;
}

GtkWidget *
hd_plan_view_get_value_dialog (HdPlanView *self)
{
  g_return_val_if_fail (HD_IS_PLAN_VIEW (self), NULL);
  return self->value_dialog;
}

static void
show_error (HdPlanView   *self,
            const char   *heading,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
snapshot_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HdPlanView *self = HD_PLAN_VIEW (widget);
  g_autoptr(GError) error = NULL;
  GDate today = hd_store_get_today (self->store);
  int written;

  written = hd_store_snapshot_plan (self->store, self->plan_id, &today, &error);
  if (written < 0)
    {
      show_error (self, _("Cannot Take the Snapshot"), error);
      return;
    }
  {
    g_autofree char *message = g_strdup_printf (ngettext ("Recorded %d value", "Recorded %d values",
                                                          written), written);

    gtk_widget_activate_action (widget, "win.show-toast", "s", message);
  }
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdPlanView *self = HD_PLAN_VIEW (widget);

  if (self->plan_id == NULL)
    return;
  if (g_str_equal (action_name, "plan.edit"))
    gtk_widget_activate_action (widget, "win.edit-plan", "s", self->plan_id);
  else
    gtk_widget_activate_action (widget, "win.delete-plan", "s", self->plan_id);
}

/* ---- Record a value of a manual indicator ---- */

typedef struct {
  HdPlanView  *self;
  char        *indicator_id;
  AdwEntryRow *date_row;
  AdwEntryRow *value_row;
  AdwEntryRow *note_row;
  GtkLabel    *message;
} ValueForm;

static void
value_form_free (ValueForm *form)
{
  g_free (form->indicator_id);
  g_free (form);
}

/* Checks the form; sets the reason it cannot be recorded, or clears it. */
static gboolean
value_form_check (ValueForm *form,
                  GDate     *date,
                  double    *value)
{
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (form->date_row));
  const char *value_text = gtk_editable_get_text (GTK_EDITABLE (form->value_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (date_text));
  gboolean date_ok = hd_date_parse (trimmed, date);

  if (!date_ok)
    reason = _("Enter the date as YYYY-MM-DD");
  else if (!hd_parse_indicator_value (value_text, value, &error))
    reason = error->message;
  else if (isnan (*value))
    reason = _("Enter the value");
  if (date_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (form->date_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (form->date_row), "error");
  if (date_ok && reason != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (form->value_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (form->value_row), "error");
  gtk_label_set_text (form->message, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (form->message), reason != NULL);
  return reason == NULL;
}

static void
on_value_form_changed (ValueForm *form)
{
  GDate date;
  double value;

  g_date_clear (&date, 1);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (form->self->value_dialog), "record",
                                           value_form_check (form, &date, &value));
}

static void
on_value_response (AdwMessageDialog *dialog,
                   const char       *response,
                   ValueForm        *form)
{
  HdPlanView *self = form->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  GDate date;
  double value;

  self->value_dialog = NULL;
  if (g_strcmp0 (response, "record") != 0)
    return;
  g_date_clear (&date, 1);
  if (!value_form_check (form, &date, &value))
    return;
  day = hd_date_to_string (&date);
  if (!hd_store_add_indicator_actual (self->store, form->indicator_id, day, value,
                                      gtk_editable_get_text (GTK_EDITABLE (form->note_row)), &error))
    show_error (self, _("Cannot Record the Value"), error);
}

static AdwEntryRow *
add_entry_row (GtkListBox *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (list, row);
  return ADW_ENTRY_ROW (row);
}

static void
record_value_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HdPlanView *self = HD_PLAN_VIEW (widget);
  const char *indicator_id = g_variant_get_string (parameter, NULL);
  g_autoptr(HdIndicator) indicator = hd_store_get_indicator (self->store, indicator_id, NULL);
  g_autofree char *heading = NULL;
  g_autofree char *day = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *box, *list, *message;
  ValueForm *form;
  GDate today = hd_store_get_today (self->store);

  if (indicator == NULL)
    return;
  day = hd_date_to_string (&today);
  /* Translators: %s is an indicator's name */
  heading = g_strdup_printf (_("Record a Value of “%s”"), hd_indicator_get_name (indicator));
  self->value_dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               heading,
                                               _("A value on a date replaces one already recorded on that date."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_set_visible (message, FALSE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), message);

  form = g_new0 (ValueForm, 1);
  form->self = self;
  form->indicator_id = g_strdup (indicator_id);
  form->date_row = add_entry_row (GTK_LIST_BOX (list), _("Date (YYYY-MM-DD)"), day);
  form->value_row = add_entry_row (GTK_LIST_BOX (list),
                                   hd_indicator_get_unit (indicator) && *hd_indicator_get_unit (indicator)
                                   ? hd_indicator_get_unit (indicator) : _("Value"), NULL);
  form->note_row = add_entry_row (GTK_LIST_BOX (list), _("Note (optional)"), NULL);
  form->message = GTK_LABEL (message);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self->value_dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self->value_dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self->value_dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self->value_dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self->value_dialog), "cancel");
  g_object_set_data_full (G_OBJECT (self->value_dialog), "form", form, (GDestroyNotify) value_form_free);
  g_signal_connect_swapped (form->date_row, "changed", G_CALLBACK (on_value_form_changed), form);
  g_signal_connect_swapped (form->value_row, "changed", G_CALLBACK (on_value_form_changed), form);
  g_signal_connect (self->value_dialog, "response", G_CALLBACK (on_value_response), form);
  on_value_form_changed (form);
  gtk_window_present (GTK_WINDOW (self->value_dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->value_row));
}

static void
export_handout_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HdPlanView *self = HD_PLAN_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  HdHandoutDialog *dialog;

  if (self->plan_id == NULL)
    return;
  dialog = hd_handout_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, self->plan_id, &error);
  if (dialog == NULL)
    {
      show_error (self, _("Cannot Export the Handout"), error);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               HdPlanView              *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_error (self, _("Cannot Print the Handout"), error);
    }
  g_object_unref (operation);
}

static void
print_handout_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HdPlanView *self = HD_PLAN_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *operation;
  GtkPrintOperationResult result;

  if (self->plan_id == NULL)
    return;
  operation = hd_handout_print_operation_new (self->store, self->plan_id, &error);
  if (operation == NULL)
    {
      show_error (self, _("Cannot Print the Handout"), error);
      return;
    }
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  /* Not run asynchronously after all (no dialog, an error): "done" is not emitted. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
        show_error (self, _("Cannot Print the Handout"), error);
      g_object_unref (operation);
    }
}

static void
hd_plan_view_constructed (GObject *object)
{
  HdPlanView *self = HD_PLAN_VIEW (object);

  G_OBJECT_CLASS (hd_plan_view_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  self->charts = HD_PLAN_CHARTS (hd_plan_charts_new (self->store));
  gtk_box_append (self->charts_box, GTK_WIDGET (self->charts));
  refresh (self);
}

static void
hd_plan_view_dispose (GObject *object)
{
  HdPlanView *self = HD_PLAN_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_PLAN_VIEW);
  g_clear_object (&self->store);
  g_clear_pointer (&self->plan_id, g_free);
  G_OBJECT_CLASS (hd_plan_view_parent_class)->dispose (object);
}

static void
hd_plan_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HdPlanView *self = HD_PLAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_plan_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HdPlanView *self = HD_PLAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_plan_view_class_init (HdPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_plan_view_constructed;
  object_class->dispose = hd_plan_view_dispose;
  object_class->get_property = hd_plan_view_get_property;
  object_class->set_property = hd_plan_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HdPlanView, stack);
  gtk_widget_class_bind_template_child (widget_class, HdPlanView, title_label);
  gtk_widget_class_bind_template_child (widget_class, HdPlanView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HdPlanView, themes_box);
  gtk_widget_class_bind_template_child (widget_class, HdPlanView, indicators_heading);
  gtk_widget_class_bind_template_child (widget_class, HdPlanView, indicator_list);
  gtk_widget_class_bind_template_child (widget_class, HdPlanView, charts_box);

  gtk_widget_class_install_action (widget_class, "plan.snapshot", NULL, snapshot_action);
  gtk_widget_class_install_action (widget_class, "plan.edit", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "plan.delete", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "plan.record-value", "s", record_value_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "plan.snapshot", NULL);
  gtk_widget_class_install_action (widget_class, "plan.print-handout", NULL, print_handout_action);
  gtk_widget_class_install_action (widget_class, "plan.export-handout", NULL, export_handout_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "plan.print-handout", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdplanview");
}

static void
hd_plan_view_init (HdPlanView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_plan_view_new (HdStore *store)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  return g_object_new (HD_TYPE_PLAN_VIEW, "store", store, NULL);
}
