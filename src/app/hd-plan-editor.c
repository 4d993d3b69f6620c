/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-plan-editor"

#include <glib/gi18n.h>
#include <math.h>

#include "hd-application.h"
#include "hd-inspection.h"
#include "hd-plan-editor.h"
#include "hd-plan-progress.h"

/* One indicator's rows in the form. */
typedef struct {
  HdIndicator    *indicator;   /* as read (id, stamps) or new */
  AdwExpanderRow *row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *unit_row;
  AdwComboRow    *source_row;
  AdwEntryRow    *target_rows[3];
  GtkSwitch      *higher_switch;
} IndicatorForm;

struct _HdPlanEditor
{
  AdwWindow             parent_instance;

  HdStore              *store;
  char                 *plan_id;
  GPtrArray            *region_ids;  /* parallel to region_model; NULL: the whole workspace */
  GPtrArray            *forms;       /* IndicatorForm */
  char                 *problem;

  AdwWindowTitle       *window_title;
  GtkButton            *save_button;
  GtkLabel             *message_label;
  AdwEntryRow          *title_row;
  AdwComboRow          *region_row;
  GtkStringList        *region_model;
  GtkSpinButton        *year_spin;
  AdwEntryRow          *theme1_row;
  AdwEntryRow          *theme2_row;
  AdwEntryRow          *theme3_row;
  AdwPreferencesGroup  *indicators_group;
};

G_DEFINE_FINAL_TYPE (HdPlanEditor, hd_plan_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
indicator_form_free (IndicatorForm *form)
{
  g_clear_object (&form->indicator);
  g_free (form);
}

static int
year (HdPlanEditor *self)
{
  return gtk_spin_button_get_value_as_int (self->year_spin);
}

static void
mark (gpointer row,
      gboolean bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* Titles that name the years, and the expander's title and subtitle from its fields. */
static void
update_labels (HdPlanEditor *self)
{
  AdwEntryRow *themes[] = { self->theme1_row, self->theme2_row, self->theme3_row };

  for (int y = 0; y < 3; y++)
    {
      /* Translators: the title of an annual theme's row, e.g. "Theme of 2018" */
      g_autofree char *title = g_strdup_printf (_("Theme of %d"), year (self) + y);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (themes[y]), title);
    }
  for (guint i = 0; i < self->forms->len; i++)
    {
      IndicatorForm *form = g_ptr_array_index (self->forms, i);
      const char *name = entry_text (form->name_row);
      guint source = adw_combo_row_get_selected (form->source_row);
      g_autofree char *subtitle = NULL;

      for (int y = 0; y < 3; y++)
        {
          /* Translators: the title of a yearly target's row, e.g. "Target for 2019" */
          g_autofree char *title = g_strdup_printf (_("Target for %d"), year (self) + y);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->target_rows[y]), title);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->row),
                                     is_blank (name) ? _("New indicator") : name);
      subtitle = g_strdup_printf ("%s · %s / %s / %s %s",
                                  source == 0 ? C_("indicator source", "Entered by hand")
                                              : hd_computed_indicator_label (source - 1),
                                  is_blank (entry_text (form->target_rows[0])) ? "–" : entry_text (form->target_rows[0]),
                                  is_blank (entry_text (form->target_rows[1])) ? "–" : entry_text (form->target_rows[1]),
                                  is_blank (entry_text (form->target_rows[2])) ? "–" : entry_text (form->target_rows[2]),
                                  entry_text (form->unit_row));
      adw_expander_row_set_subtitle (form->row, subtitle);
    }
}

/* Checks every field, marks the rows at fault and keeps the first reason. */
static void
validate (HdPlanEditor *self)
{
  g_autofree char *problem = NULL;

  mark (self->title_row, is_blank (entry_text (self->title_row)));
  if (is_blank (entry_text (self->title_row)))
    problem = g_strdup (_("Enter the plan’s title"));
  for (guint i = 0; i < self->forms->len; i++)
    {
      IndicatorForm *form = g_ptr_array_index (self->forms, i);
      gboolean bad_form = FALSE;

      mark (form->name_row, is_blank (entry_text (form->name_row)));
      if (is_blank (entry_text (form->name_row)))
        {
          bad_form = TRUE;
          if (problem == NULL)
            problem = g_strdup_printf (_("Indicator %u needs a name"), i + 1);
        }
      for (int y = 0; y < 3; y++)
        {
          g_autoptr(GError) error = NULL;
          double value;
          gboolean ok = hd_parse_indicator_value (entry_text (form->target_rows[y]), &value, &error);

          mark (form->target_rows[y], !ok);
          if (!ok)
            {
              bad_form = TRUE;
              if (problem == NULL)
                /* Translators: "“Belts”, target for 2019: “x” is not a number" */
                problem = g_strdup_printf (_("“%s”, target for %d: %s"),
                                           entry_text (form->name_row), year (self) + y, error->message);
            }
        }
      mark (form->row, bad_form);
    }
  g_free (self->problem);
  self->problem = g_steal_pointer (&problem);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->problem == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), self->problem);
  gtk_label_set_text (self->message_label, self->problem ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), self->problem != NULL);
}

static void
on_changed (HdPlanEditor *self)
{
  update_labels (self);
  validate (self);
}

/* Choosing a computed source for an indicator without a name fills in its name, unit and
 * direction. */
static void
on_source_changed (HdPlanEditor *self,
                   GParamSpec   *pspec,
                   AdwComboRow  *row)
{
  for (guint i = 0; i < self->forms->len; i++)
    {
      IndicatorForm *form = g_ptr_array_index (self->forms, i);
      guint source = adw_combo_row_get_selected (row);

      if (form->source_row != row || source == 0)
        continue;
      if (is_blank (entry_text (form->name_row)))
        gtk_editable_set_text (GTK_EDITABLE (form->name_row), hd_computed_indicator_label (source - 1));
      if (is_blank (entry_text (form->unit_row)))
        gtk_editable_set_text (GTK_EDITABLE (form->unit_row), hd_computed_indicator_unit (source - 1));
      gtk_switch_set_active (form->higher_switch, hd_computed_indicator_higher_is_better (source - 1));
    }
  on_changed (self);
}

static void
rebuild_group (HdPlanEditor *self)
{
  for (guint i = 0; i < self->forms->len; i++)
    {
      IndicatorForm *form = g_ptr_array_index (self->forms, i);

      if (gtk_widget_get_parent (GTK_WIDGET (form->row)) != NULL)
        adw_preferences_group_remove (self->indicators_group, GTK_WIDGET (form->row));
    }
  for (guint i = 0; i < self->forms->len; i++)
    {
      IndicatorForm *form = g_ptr_array_index (self->forms, i);

      adw_preferences_group_add (self->indicators_group, GTK_WIDGET (form->row));
    }
}

static guint
form_index (HdPlanEditor *self,
            GtkWidget    *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);

  for (guint i = 0; i < self->forms->len; i++)
    if (GTK_WIDGET (((IndicatorForm *) g_ptr_array_index (self->forms, i))->row) == row)
      return i;
  return G_MAXUINT;
}

static void
on_remove_clicked (GtkButton    *button,
                   HdPlanEditor *self)
{
  guint i = form_index (self, GTK_WIDGET (button));
  IndicatorForm *form;

  if (i == G_MAXUINT)
    return;
  form = g_ptr_array_index (self->forms, i);
  adw_preferences_group_remove (self->indicators_group, GTK_WIDGET (form->row));
  g_ptr_array_remove_index (self->forms, i);
  on_changed (self);
}

static void
move_form (HdPlanEditor *self,
           GtkWidget    *widget,
           int           delta)
{
  guint i = form_index (self, widget);
  gpointer moved;

  if (i == G_MAXUINT || (delta < 0 && i == 0) || (delta > 0 && i + 1 >= self->forms->len))
    return;
  moved = g_ptr_array_steal_index (self->forms, i);
  g_ptr_array_insert (self->forms, (int) i + delta, moved);
  rebuild_group (self);
  gtk_widget_grab_focus (widget);
}

static void
on_up_clicked (GtkButton    *button,
               HdPlanEditor *self)
{
  move_form (self, GTK_WIDGET (button), -1);
}

static void
on_down_clicked (GtkButton    *button,
                 HdPlanEditor *self)
{
  move_form (self, GTK_WIDGET (button), +1);
}

static GtkWidget *
action_button (const char *icon,
               const char *label,
               GCallback   callback,
               gpointer    data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", callback, data);
  return button;
}

static AdwEntryRow *
add_entry (AdwExpanderRow *expander,
           HdPlanEditor   *self,
           const char     *title,
           const char     *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_changed), self);
  adw_expander_row_add_row (expander, row);
  return ADW_ENTRY_ROW (row);
}

static IndicatorForm *
add_form (HdPlanEditor *self,
          HdIndicator  *indicator)
{
  IndicatorForm *form = g_new0 (IndicatorForm, 1);
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  GtkWidget *higher_row, *sw;
  HdComputedIndicator key;

  form->indicator = g_object_ref (indicator);
  form->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (form->row), FALSE);
  form->name_row = add_entry (form->row, self, _("Name"), hd_indicator_get_name (indicator));
  form->unit_row = add_entry (form->row, self, _("Unit"), hd_indicator_get_unit (indicator));

  gtk_string_list_append (sources, C_("indicator source", "Entered by hand"));
  for (int k = 0; k < HD_N_COMPUTED_INDICATORS; k++)
    gtk_string_list_append (sources, hd_computed_indicator_label (k));
  form->source_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->source_row), _("Source"));
  adw_combo_row_set_model (form->source_row, G_LIST_MODEL (sources));
  if (hd_indicator_is_computed (indicator) &&
      hd_computed_indicator_from_string (hd_indicator_get_computed_key (indicator), &key))
    adw_combo_row_set_selected (form->source_row, (guint) key + 1);
  adw_expander_row_add_row (form->row, GTK_WIDGET (form->source_row));

  for (int y = 0; y < 3; y++)
    {
      double target = hd_indicator_get_target (indicator, y);
      g_autofree char *text = isnan (target) ? NULL : g_strdup_printf ("%g", target);

      form->target_rows[y] = add_entry (form->row, self, "", text);
      gtk_widget_add_css_class (GTK_WIDGET (form->target_rows[y]), "numeric");
    }

  higher_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (higher_row), _("Higher Is Better"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (higher_row),
                               _("Off for counts that should go down, such as overdue rectifications"));
  sw = gtk_switch_new ();
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (sw), hd_indicator_get_higher_is_better (indicator));
  adw_action_row_add_suffix (ADW_ACTION_ROW (higher_row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (higher_row), sw);
  form->higher_switch = GTK_SWITCH (sw);
  adw_expander_row_add_row (form->row, higher_row);

  /* Each action goes in front of the ones added before: added last to first. */
  adw_expander_row_add_action (form->row, action_button ("user-trash-symbolic", _("Remove Indicator"),
                                                         G_CALLBACK (on_remove_clicked), self));
  adw_expander_row_add_action (form->row, action_button ("go-down-symbolic", _("Move Down"),
                                                         G_CALLBACK (on_down_clicked), self));
  adw_expander_row_add_action (form->row, action_button ("go-up-symbolic", _("Move Up"),
                                                         G_CALLBACK (on_up_clicked), self));
  g_signal_connect_object (form->source_row, "notify::selected", G_CALLBACK (on_source_changed),
                           self, G_CONNECT_SWAPPED);

  g_ptr_array_add (self->forms, form);
  adw_preferences_group_add (self->indicators_group, GTK_WIDGET (form->row));
  return form;
}

static void
add_indicator_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HdPlanEditor *self = HD_PLAN_EDITOR (widget);
  g_autoptr(HdIndicator) indicator = hd_indicator_new ();
  IndicatorForm *form = add_form (self, indicator);

  adw_expander_row_set_expanded (form->row, TRUE);
  on_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (form->name_row));
}

static void
show_problem (HdPlanEditor *self,
              const char   *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdPlanEditor *self = HD_PLAN_EDITOR (widget);
  g_autoptr(HdPlan) plan = hd_plan_new ();
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  HdPlan *stored = self->plan_id ? hd_store_lookup_plan (self->store, self->plan_id) : NULL;
  guint region = adw_combo_row_get_selected (self->region_row);

  validate (self);
  if (self->problem != NULL)
    return;
  /* Starting from the stored plan keeps its id and the stamp that detects edits elsewhere. */
  if (stored != NULL)
    hd_plan_copy_from (plan, stored);
  {
    g_autofree char *title = g_strstrip (g_strdup (entry_text (self->title_row)));

    hd_plan_set_title (plan, title);
  }
  hd_plan_set_region_id (plan, region < self->region_ids->len ? g_ptr_array_index (self->region_ids, region) : NULL);
  hd_plan_set_first_year (plan, year (self));
  hd_plan_set_theme1 (plan, is_blank (entry_text (self->theme1_row)) ? NULL : entry_text (self->theme1_row));
  hd_plan_set_theme2 (plan, is_blank (entry_text (self->theme2_row)) ? NULL : entry_text (self->theme2_row));
  hd_plan_set_theme3 (plan, is_blank (entry_text (self->theme3_row)) ? NULL : entry_text (self->theme3_row));

  for (guint i = 0; i < self->forms->len; i++)
    {
      IndicatorForm *form = g_ptr_array_index (self->forms, i);
      HdIndicator *indicator = hd_indicator_new ();
      guint source = adw_combo_row_get_selected (form->source_row);
      g_autofree char *name = g_strstrip (g_strdup (entry_text (form->name_row)));
      g_autofree char *unit = g_strstrip (g_strdup (entry_text (form->unit_row)));

      hd_indicator_copy_from (indicator, form->indicator);
      hd_indicator_set_name (indicator, name);
      hd_indicator_set_unit (indicator, *unit ? unit : NULL);
      hd_indicator_set_computed_key (indicator, source == 0 ? NULL
                                                            : hd_computed_indicator_to_string (source - 1));
      hd_indicator_set_higher_is_better (indicator, gtk_switch_get_active (form->higher_switch));
      for (int y = 0; y < 3; y++)
        {
          double value = NAN;

          hd_parse_indicator_value (entry_text (form->target_rows[y]), &value, NULL);
          hd_indicator_set_target (indicator, y, value);
        }
      g_ptr_array_add (indicators, indicator);
    }

  if (!hd_store_save_plan_with_indicators (self->store, plan, indicators, &error))
    {
      /* The form stays as it is: nothing typed is lost. */
      show_problem (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, hd_plan_get_id (plan));
  gtk_window_close (GTK_WINDOW (self));
}

const char *
hd_plan_editor_get_problem (HdPlanEditor *self)
{
  g_return_val_if_fail (HD_IS_PLAN_EDITOR (self), NULL);
  return self->problem;
}

static void
fill (HdPlanEditor *self)
{
  HdPlan *plan = self->plan_id ? hd_store_lookup_plan (self->store, self->plan_id) : NULL;
  GListModel *regions = hd_store_get_regions (self->store);
  GDate today = hd_store_get_today (self->store);
  guint selected = 0;

  g_ptr_array_add (self->region_ids, NULL);
  gtk_string_list_append (self->region_model, _("Whole workspace"));
  for (guint i = 0, n = g_list_model_get_n_items (regions); i < n; i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);

      if (plan != NULL && g_strcmp0 (hd_region_get_id (region), hd_plan_get_region_id (plan)) == 0)
        selected = self->region_ids->len;
      g_ptr_array_add (self->region_ids, g_strdup (hd_region_get_id (region)));
      gtk_string_list_append (self->region_model, hd_region_get_name (region));
    }
  adw_combo_row_set_selected (self->region_row, selected);

  adw_window_title_set_title (self->window_title, plan ? _("Edit Plan") : _("New Plan"));
  if (plan == NULL)
    {
      gtk_spin_button_set_value (self->year_spin, g_date_get_year (&today));
      on_changed (self);
      return;
    }
  adw_window_title_set_subtitle (self->window_title, hd_plan_get_title (plan));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), hd_plan_get_title (plan));
  gtk_spin_button_set_value (self->year_spin, hd_plan_get_first_year (plan));
  gtk_editable_set_text (GTK_EDITABLE (self->theme1_row), hd_plan_get_theme1 (plan) ? hd_plan_get_theme1 (plan) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->theme2_row), hd_plan_get_theme2 (plan) ? hd_plan_get_theme2 (plan) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->theme3_row), hd_plan_get_theme3 (plan) ? hd_plan_get_theme3 (plan) : "");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) indicators = hd_store_list_indicators (self->store, self->plan_id, &error);

    if (indicators == NULL)
      show_problem (self, error->message);
    for (guint i = 0; indicators != NULL && i < indicators->len; i++)
      add_form (self, g_ptr_array_index (indicators, i));
  }
  on_changed (self);
}

static void
hd_plan_editor_dispose (GObject *object)
{
  HdPlanEditor *self = HD_PLAN_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_PLAN_EDITOR);
  G_OBJECT_CLASS (hd_plan_editor_parent_class)->dispose (object);
}

static void
hd_plan_editor_finalize (GObject *object)
{
  HdPlanEditor *self = HD_PLAN_EDITOR (object);

  g_clear_object (&self->store);
  g_free (self->plan_id);
  g_free (self->problem);
  g_ptr_array_unref (self->region_ids);
  g_ptr_array_unref (self->forms);
  G_OBJECT_CLASS (hd_plan_editor_parent_class)->finalize (object);
}

static void
hd_plan_editor_class_init (HdPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_plan_editor_dispose;
  object_class->finalize = hd_plan_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-plan-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HdPlanEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, HdPlanEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, HdPlanEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, HdPlanEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, HdPlanEditor, region_row);
  gtk_widget_class_bind_template_child (widget_class, HdPlanEditor, region_model);
  gtk_widget_class_bind_template_child (widget_class, HdPlanEditor, year_spin);
  gtk_widget_class_bind_template_child (widget_class, HdPlanEditor, theme1_row);
  gtk_widget_class_bind_template_child (widget_class, HdPlanEditor, theme2_row);
  gtk_widget_class_bind_template_child (widget_class, HdPlanEditor, theme3_row);
  gtk_widget_class_bind_template_child (widget_class, HdPlanEditor, indicators_group);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-indicator", NULL, add_indicator_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "editor.add-indicator", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_plan_editor_init (HdPlanEditor *self)
{
  self->region_ids = g_ptr_array_new_with_free_func (g_free);
  self->forms = g_ptr_array_new_with_free_func ((GDestroyNotify) indicator_form_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_plan_editor_new (GtkWindow  *parent,
                    HdStore    *store,
                    const char *plan_id)
{
  HdPlanEditor *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_PLAN_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->plan_id = g_strdup (plan_id);
  fill (self);
  return GTK_WIDGET (self);
}
