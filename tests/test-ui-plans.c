/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Plans under Xvfb: the Plans page shows the sample's plans and a plan's overview; a new plan
 * made through the editor's widgets (Save off with the reason until every field is right, then
 * one undo step); a manual value recorded through its dialog; Snapshot Now; delete with Undo. */
#define G_LOG_DOMAIN "test-ui-plans"

#include <math.h>
#include <string.h>

#include "hd-application.h"
#include "hd-inspection.h"
#include "hd-plan-charts.h"
#include "hd-plan-editor.h"
#include "hd-plan-progress.h"
#include "hd-plan-view.h"
#include "hd-store.h"
#include "hd-window.h"
#include "hd-test-ui.h"

static HdApplication *app;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  hd_test_fixture_open (fixture, TRUE);
}

/* The first descendant of @widget of @type (depth first), skipping @skip of them. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type,
                 guint     *skip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          if (*skip == 0)
            return child;
          (*skip)--;
        }
      found = find_descendant (child, type, skip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkEditable *
nth_entry_row (GtkWidget *root,
               guint      n)
{
  guint skip = n;
  GtkWidget *row = find_descendant (root, ADW_TYPE_ENTRY_ROW, &skip);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static GtkEditable *
template_entry (GtkWidget  *editor,
                const char *name)
{
  GObject *row = gtk_widget_get_template_child (editor, HD_TYPE_PLAN_EDITOR, name);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static void
test_page (Fixture       *fixture,
           gconstpointer  data)
{
  GListModel *plans = hd_store_get_plans (fixture->store);
  g_autoptr(HdPlan) first = g_list_model_get_item (plans, 0);
  HdPlanView *view;

  fixture->window = hd_test_show_window (app, fixture->store);
  g_assert_true (hd_window_set_page (fixture->window, "plans"));
  g_assert_cmpstr (hd_window_get_page (fixture->window), ==, "plans");
  g_assert_cmpstr (hd_window_get_content (fixture->window), ==, "plan");
  view = HD_PLAN_VIEW (hd_window_get_plan_view (fixture->window));
  g_assert_cmpstr (hd_plan_view_get_plan_id (view), ==, hd_plan_get_id (first));
  /* The charts are below the indicators (test-ui-report looks at them). */
  g_assert_true (HD_IS_PLAN_CHARTS (gtk_widget_get_first_child (GTK_WIDGET (hd_plan_view_get_charts_box (view)))));
  hd_test_keep_window_shot (GTK_WIDGET (fixture->window), "plan-overview.png");
}

static void
test_editor (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *plans = hd_store_get_plans (fixture->store);
  guint before = g_list_model_get_n_items (plans);
  gpointer editor = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(HdPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  HdPlanEditor *form;

  fixture->window = hd_test_show_window (app, fixture->store);
  editor = hd_window_edit_plan (fixture->window, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), &editor);
  form = HD_PLAN_EDITOR (editor);
  g_assert_true (wait_until (is_mapped, editor));

  /* Nothing typed: Save is off and says why. */
  g_assert_cmpstr (hd_plan_editor_get_problem (form), ==, "Enter the plan’s title");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (editor), HD_TYPE_PLAN_EDITOR, "save_button"))));
  gtk_editable_set_text (template_entry (editor, "title_row"), "金湾区两新组织党建三年计划");
  gtk_editable_set_text (template_entry (editor, "theme1_row"), "打基础");
  g_assert_null (hd_plan_editor_get_problem (form));

  /* An indicator without a name, then a target that is not a number. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-indicator", NULL));
  g_assert_cmpstr (hd_plan_editor_get_problem (form), ==, "Indicator 1 needs a name");
  /* Entry rows in order: title, 3 themes, then the indicator's name, unit, 3 targets. */
  gtk_editable_set_text (nth_entry_row (editor, 4), "党建示范带");
  gtk_editable_set_text (nth_entry_row (editor, 6), "2");
  gtk_editable_set_text (nth_entry_row (editor, 7), "four");
  g_assert_nonnull (hd_plan_editor_get_problem (form));
  g_assert_nonnull (strstr (hd_plan_editor_get_problem (form), "four"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (nth_entry_row (editor, 7)), "error"));
  hd_test_keep_window_shot (GTK_WIDGET (editor), "plan-editor.png");
  gtk_editable_set_text (nth_entry_row (editor, 7), "４");
  gtk_editable_set_text (nth_entry_row (editor, 8), "6");
  g_assert_null (hd_plan_editor_get_problem (form));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (editor), HD_TYPE_PLAN_EDITOR, "save_button"))));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (nth_entry_row (editor, 7)), "error"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (wait_until (hd_test_is_gone, &editor));
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, before + 1);
  plan = g_list_model_get_item (plans, before);
  g_assert_cmpstr (hd_plan_get_title (plan), ==, "金湾区两新组织党建三年计划");
  g_assert_cmpstr (hd_plan_get_theme1 (plan), ==, "打基础");
  g_assert_null (hd_plan_get_theme2 (plan));
  indicators = hd_store_list_indicators (fixture->store, hd_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (indicators->len, ==, 1);
  g_assert_cmpfloat (hd_indicator_get_target (g_ptr_array_index (indicators, 0), 1), ==, 4);
  /* The new plan is shown. */
  g_assert_cmpstr (hd_plan_view_get_plan_id (HD_PLAN_VIEW (hd_window_get_plan_view (fixture->window))),
                   ==, hd_plan_get_id (plan));

  /* One undo step takes the plan and its indicator away. */
  g_assert_true (hd_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, before);
}

static void
test_values_and_delete (Fixture       *fixture,
                        gconstpointer  data)
{
  GListModel *plans = hd_store_get_plans (fixture->store);
  g_autoptr(HdPlan) plan = g_list_model_get_item (plans, 0);
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GPtrArray) actuals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_id = g_strdup (hd_plan_get_id (plan));
  HdPlanView *view;
  HdIndicator *manual = NULL;
  GtkWidget *dialog;
  guint n_before, n_plans = g_list_model_get_n_items (plans);
  GDate today;
  g_autofree char *day = NULL;

  fixture->window = hd_test_show_window (app, fixture->store);
  g_assert_true (hd_window_set_page (fixture->window, "plans"));
  view = HD_PLAN_VIEW (hd_window_get_plan_view (fixture->window));
  today = hd_store_get_today (fixture->store);
  day = hd_date_to_string (&today);

  indicators = hd_store_list_indicators (fixture->store, plan_id, &error);
  for (guint i = 0; i < indicators->len && manual == NULL; i++)
    if (!hd_indicator_is_computed (g_ptr_array_index (indicators, i)))
      manual = g_ptr_array_index (indicators, i);
  g_assert_nonnull (manual);
  actuals = hd_store_list_indicator_actuals (fixture->store, hd_indicator_get_id (manual), &error);
  n_before = actuals->len;
  g_clear_pointer (&actuals, g_ptr_array_unref);

  /* A value through the dialog: refused until it is a number, then recorded for today. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "plan.record-value", "s",
                                             hd_indicator_get_id (manual)));
  dialog = hd_plan_view_get_value_dialog (view);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "record"));
  gtk_editable_set_text (nth_entry_row (dialog, 1), "abc");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "record"));
  gtk_editable_set_text (nth_entry_row (dialog, 1), "96.5%");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "record"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "record");
  actuals = hd_store_list_indicator_actuals (fixture->store, hd_indicator_get_id (manual), &error);
  g_assert_cmpuint (actuals->len, ==, n_before + 1);
  g_assert_cmpstr (((HdIndicatorActual *) g_ptr_array_index (actuals, actuals->len - 1))->date, ==, day);
  g_assert_cmpfloat (((HdIndicatorActual *) g_ptr_array_index (actuals, actuals->len - 1))->value, ==, 96.5);
  g_clear_pointer (&actuals, g_ptr_array_unref);

  /* Snapshot Now: every computed indicator has today's value. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "plan.snapshot", NULL));
  for (guint i = 0; i < indicators->len; i++)
    {
      HdIndicator *indicator = g_ptr_array_index (indicators, i);

      if (!hd_indicator_is_computed (indicator))
        continue;
      actuals = hd_store_list_indicator_actuals (fixture->store, hd_indicator_get_id (indicator), &error);
      g_assert_cmpstr (((HdIndicatorActual *) g_ptr_array_index (actuals, actuals->len - 1))->date, ==, day);
      g_clear_pointer (&actuals, g_ptr_array_unref);
    }

  /* Delete with Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "plan.delete", NULL));
  g_assert_null (hd_store_lookup_plan (fixture->store, plan_id));
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, n_plans - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_nonnull (hd_store_lookup_plan (fixture->store, plan_id));
  indicators = (g_ptr_array_unref (indicators), hd_store_list_indicators (fixture->store, plan_id, &error));
  g_assert_cmpuint (indicators->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = hd_test_app_new ();

  g_test_add ("/ui-plans/page", Fixture, NULL, fixture_set_up, test_page, fixture_tear_down);
  g_test_add ("/ui-plans/editor", Fixture, NULL, fixture_set_up, test_editor, fixture_tear_down);
  g_test_add ("/ui-plans/values-and-delete", Fixture, NULL,
              fixture_set_up, test_values_and_delete, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
