/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The inspector's workflow under Xvfb: a six-haves inspection of a never-inspected site of the
 * sample, run from start to finish by key presses only (Ctrl+I, Enter, 1–4, j/k, N, Escape,
 * Ctrl+Enter), then checked in the store (answers, score, light, rectification tasks) and on
 * screen (the site's light in its list row and on the map). */
#define G_LOG_DOMAIN "test-ui-inspection"

#include <string.h>

#include <glib/gstdio.h>

#include "hd-application.h"
#include "hd-checklist-row.h"
#include "hd-due-row.h"
#include "hd-history-view.h"
#include "hd-inspection-view.h"
#include "hd-inspections-panel.h"
#include "hd-light-dot.h"
#include "hd-light-glyph.h"
#include "hd-lights.h"
#include "hd-map-view.h"
#include "hd-rectification-editor.h"
#include "hd-rectification-row.h"
#include "hd-site-row.h"
#include "hd-start-dialog.h"
#include "hd-store.h"
#include "hd-subject.h"
#include "hd-window.h"
#include "hd-test-ui.h"

#define INSPECTOR "测试督导 王五"

static HdApplication *app;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  hd_test_fixture_open (fixture, TRUE);
}

/* ------------------------------------------------------------------------------------------ */
/* Key presses                                                                                */

/* GTK 4.8 has no public way to make a GdkEvent, and gtk_test_widget_send_key() is gone. So this
 * does what gtk_main_do_event() does with a key press, with the pieces that are public: from the
 * window down to the focused widget, the capture-phase controllers; then the focused widget's
 * own; then back up, the bubble-phase ones. A key controller gets "key-pressed"; a shortcut
 * controller (widget class key bindings, application accelerators) runs the action of the
 * shortcut whose keyval trigger matches. Text widgets' key controllers are left out (they feed
 * an input method, which needs the real event), but their key bindings run: Enter in an entry
 * activates it. */

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     state)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            keyval, state) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            keyval, state);

  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      GtkKeyvalTrigger *kt = GTK_KEYVAL_TRIGGER (trigger);
      GdkModifierType mask = GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK;

      return gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (kt)) ==
               gdk_keyval_to_lower (keyval) &&
             (gtk_keyval_trigger_get_modifiers (kt) & mask) == (state & mask);
    }

  return FALSE;
}

static gboolean
run_controller (GtkEventController *controller,
                guint               keyval,
                GdkModifierType     state)
{
  GtkWidget *widget = gtk_event_controller_get_widget (controller);

  if (!gtk_widget_is_sensitive (widget))
    return FALSE;

  if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
    {
      gboolean handled = FALSE;

      if (GTK_IS_TEXT (widget) || GTK_IS_TEXT_VIEW (widget))
        return FALSE;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      return handled;
    }

  if (GTK_IS_SHORTCUT_CONTROLLER (controller))
    {
      GListModel *shortcuts = G_LIST_MODEL (controller);

      for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);

          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, state) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
run_phase (GtkWidget       *widget,
           GtkPropagationPhase phase,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (gtk_event_controller_get_propagation_phase (controller) == phase &&
          run_controller (controller, keyval, state))
        {
          g_test_message ("%s handled by %s (%s) on %s", gdk_keyval_name (keyval),
                          G_OBJECT_TYPE_NAME (controller),
                          gtk_event_controller_get_name (controller),
                          G_OBJECT_TYPE_NAME (widget));
          return TRUE;
        }
    }
  return FALSE;
}

/* Presses @keyval (with @state) in @window, on whatever has the focus. */
static gboolean
press_key (GtkWindow       *window,
           guint            keyval,
           GdkModifierType  state)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  gboolean handled = FALSE;

  if (focus == NULL)
    focus = GTK_WIDGET (window);

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (chain, 0, w);

  for (guint i = 0; !handled && i < chain->len; i++)
    handled = run_phase (g_ptr_array_index (chain, i), GTK_PHASE_CAPTURE, keyval, state);
  if (!handled)
    handled = run_phase (focus, GTK_PHASE_TARGET, keyval, state);
  for (guint i = chain->len; !handled && i > 0; i--)
    handled = run_phase (g_ptr_array_index (chain, i - 1), GTK_PHASE_BUBBLE, keyval, state);

  spin ();
  return handled;
}

/* ------------------------------------------------------------------------------------------ */
/* Looking at the window                                                                      */

static HdStartDialog *
find_start_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (HD_IS_START_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return HD_START_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
start_dialog_shown (gpointer data)
{
  HdStartDialog *dialog = find_start_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
start_dialog_gone (gpointer data)
{
  return find_start_dialog (data) == NULL;
}

static HdChecklistRow *
focused_checklist_row (HdWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (focus == NULL)
    return NULL;
  if (HD_IS_CHECKLIST_ROW (focus))
    return HD_CHECKLIST_ROW (focus);
  focus = gtk_widget_get_ancestor (focus, HD_TYPE_CHECKLIST_ROW);
  return focus != NULL ? HD_CHECKLIST_ROW (focus) : NULL;
}

static const char *
focused_code (HdWindow *window)
{
  HdChecklistRow *row = focused_checklist_row (window);

  return row != NULL ? hd_checklist_row_get_code (row) : NULL;
}

static HdSiteRow *
find_site_row (GtkWidget  *widget,
               const char *site_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HdSiteRow *found;

      if (HD_IS_SITE_ROW (child))
        {
          HdSite *site = hd_site_row_get_site (HD_SITE_ROW (child));

          if (site != NULL && g_strcmp0 (hd_site_get_id (site), site_id) == 0 &&
              gtk_widget_get_mapped (child))
            return HD_SITE_ROW (child);
        }
      else if ((found = find_site_row (child, site_id)) != NULL)
        return found;
    }
  return NULL;
}

static HdLightDot *
find_light_dot (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HdLightDot *found;

      if (HD_IS_LIGHT_DOT (child))
        return HD_LIGHT_DOT (child);
      if ((found = find_light_dot (child)) != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  HdWindow   *window;
  const char *site_id;
} RowQuery;

static gboolean
site_row_shown (gpointer data)
{
  RowQuery *query = data;
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (query->window),
                                                              HD_TYPE_WINDOW, "site_list"));

  return find_site_row (list, query->site_id) != NULL;
}

static HdLight
site_row_light (HdWindow   *window,
                const char *site_id)
{
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              HD_TYPE_WINDOW, "site_list"));
  HdSiteRow *row = find_site_row (list, site_id);
  HdLightDot *dot;

  g_assert_nonnull (row);
  dot = find_light_dot (GTK_WIDGET (row));
  g_assert_nonnull (dot);
  return hd_light_dot_get_light (dot);
}

/* The first site (by name) that has never been inspected, not even started. */
static HdSite *
never_inspected_site (HdStore *store)
{
  GListModel *sites = hd_store_get_sites (store);
  HdSite *best = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);
      g_autoptr(GListStore) inspections = NULL;
      g_autoptr(GError) error = NULL;

      if (!hd_site_get_has_position (site))
        continue;
      inspections = hd_store_list_inspections (store, hd_site_get_id (site), &error);
      g_assert_no_error (error);
      if (g_list_model_get_n_items (G_LIST_MODEL (inspections)) > 0)
        continue;
      if (best == NULL || g_strcmp0 (hd_site_get_name (site), hd_site_get_name (best)) < 0)
        best = site;
    }

  g_assert_nonnull (best);
  return best;
}

static void
take_screenshot (HdWindow   *window,
                 const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  HdTestScreenshot shot = { 0 };

  hd_window_screenshot_async (window, file, NULL, hd_test_on_screenshot, &shot);
  g_assert_true (wait_until (hd_test_screenshot_done, &shot));
  g_assert_no_error (shot.error);
  g_assert_true (shot.ok);

  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1280);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 800);
}

/* With HONGDAI_TEST_SHOTS=DIR set, the tests also leave pictures of what they saw there. */
static void
keep_screenshot (HdWindow   *window,
                 const char *name)
{
  const char *dir = g_getenv ("HONGDAI_TEST_SHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  path = g_build_filename (dir, name, NULL);
  take_screenshot (window, path);
}

/* ------------------------------------------------------------------------------------------ */
/* The test                                                                                   */

typedef struct {
  guint       keyval;
  const char *code_after;  /* the item that has the focus afterwards (NULL: none / Finish) */
} Step;

static void
test_keyboard_inspection (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (HD_APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) inspections = NULL;
  g_autoptr(GListStore) answers = NULL;
  g_autoptr(GListStore) tasks = NULL;
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(HdStandardSet) six_haves = NULL;
  g_autofree char *site_id = NULL;
  g_autofree char *site_name = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *shot_path = NULL;
  g_auto(GStrv) set_ids = NULL;
  HdRectificationFilter filter = { 0 };
  HdInspectionView *view;
  HdStartDialog *dialog;
  GtkWidget *site_list;
  GtkWidget *search;
  GtkSelectionModel *selection;
  HdMapView *map;
  HdSite *site;
  RowQuery query;
  GDate today, due;
  /* The six haves in order: venue, facilities, signage, flag, reading, rules. */
  static const HdAnswer expected[] = {
    HD_ANSWER_MET, HD_ANSWER_MET, HD_ANSWER_NOT_MET, HD_ANSWER_PARTLY, HD_ANSWER_MET, HD_ANSWER_NA
  };

  /* The inspector's name is remembered from last time. */
  g_settings_set_string (settings, "inspector-name", INSPECTOR);

  site = never_inspected_site (fixture->store);
  site_id = g_strdup (hd_site_get_id (site));
  site_name = g_strdup (hd_site_get_name (site));
  six_haves = hd_store_find_standard_set (fixture->store, HD_STANDARD_SIX_HAVES, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_standard_set_get_n_items (six_haves), ==, 6);

  fixture->window = hd_test_show_window (app, fixture->store);

  /* Setting the scene: the site's row on the Sites page, selected, the list focused. */
  g_assert_true (hd_window_set_page (fixture->window, "sites"));
  search = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                     HD_TYPE_WINDOW, "site_search"));
  gtk_editable_set_text (GTK_EDITABLE (search), site_name);
  query = (RowQuery) { fixture->window, site_id };
  g_assert_true (wait_until (site_row_shown, &query));
  site_list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                        HD_TYPE_WINDOW, "site_list"));
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (site_list));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(HdSite) shown = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (g_strcmp0 (hd_site_get_id (shown), site_id) == 0)
        g_assert_true (gtk_selection_model_select_item (selection, i, TRUE));
    }
  gtk_widget_grab_focus (site_list);
  spin ();

  /* Never inspected: grey in the list, on the map, and in the "due" queue. */
  g_assert_cmpint (site_row_light (fixture->window, site_id), ==, HD_LIGHT_GREY);
  map = HD_MAP_VIEW (hd_window_get_map_view (fixture->window));
  g_assert_cmpint (hd_map_view_get_site_light (map, site_id), ==, HD_LIGHT_GREY);

  /* Ctrl+I: the start dialog, with the six haves ticked, the remembered name and today. */
  g_assert_true (press_key (GTK_WINDOW (fixture->window), GDK_KEY_i, GDK_CONTROL_MASK));
  g_assert_true (wait_until (start_dialog_shown, fixture->window));
  dialog = find_start_dialog (GTK_WINDOW (fixture->window));
  g_assert_true (hd_start_dialog_is_valid (dialog));
  set_ids = hd_start_dialog_dup_set_ids (dialog);
  g_assert_cmpuint (g_strv_length (set_ids), ==, 1);
  g_assert_cmpstr (set_ids[0], ==, hd_standard_set_get_id (six_haves));
  hd_test_keep_window_shot (GTK_WIDGET (dialog), "start-dialog.png");

  /* Enter starts it; the checklist opens with the focus on its first item. */
  g_assert_true (press_key (GTK_WINDOW (dialog), GDK_KEY_Return, 0));
  g_assert_true (wait_until (start_dialog_gone, fixture->window));
  g_assert_cmpstr (hd_window_get_content (fixture->window), ==, "inspection");
  view = HD_INSPECTION_VIEW (hd_window_get_inspection_view (fixture->window));
  g_assert_cmpuint (hd_inspection_view_get_n_inspections (view), ==, 1);
  g_assert_cmpuint (hd_inspection_view_get_n_items (view), ==, 6);
  g_assert_cmpuint (hd_inspection_view_get_n_answered (view), ==, 0);
  g_assert_cmpstr (focused_code (fixture->window), ==, "venue");

  inspection = g_object_ref (hd_inspection_view_get_inspection (view, 0));
  g_assert_cmpstr (hd_inspection_get_site_id (inspection), ==, site_id);
  g_assert_cmpstr (hd_inspection_get_inspector (inspection), ==, INSPECTOR);
  g_assert_cmpint (hd_inspection_get_state (inspection), ==, HD_INSPECTION_DRAFT);
  today = hd_store_get_today (fixture->store);
  today_text = hd_date_to_string (&today);
  g_assert_cmpstr (hd_inspection_get_date (inspection), ==, today_text);

  /* The inspection, key by key. */
  {
    const Step steps[] = {
      { GDK_KEY_1, "facilities" },  /* venue: met */
      { GDK_KEY_1, "signage" },     /* facilities: met */
      { GDK_KEY_n, "signage" },     /* the note of signage ... */
      { GDK_KEY_Escape, "signage" },/* ... and back */
      { GDK_KEY_3, "flag" },        /* signage: not met */
      { GDK_KEY_k, "signage" },     /* up */
      { GDK_KEY_j, "flag" },        /* down */
      { GDK_KEY_Up, "signage" },
      { GDK_KEY_Down, "flag" },
      { GDK_KEY_2, "reading" },     /* flag: partly */
      { GDK_KEY_KP_1, "rules" },    /* reading: met, from the keypad */
    };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        g_test_message ("step %u: %s", i, gdk_keyval_name (steps[i].keyval));
        g_assert_true (press_key (GTK_WINDOW (fixture->window), steps[i].keyval, 0));
        g_assert_cmpstr (focused_code (fixture->window), ==, steps[i].code_after);

        /* N puts the focus in the note itself. */
        if (steps[i].keyval == GDK_KEY_n)
          g_assert_true (GTK_IS_TEXT (gtk_root_get_focus (GTK_ROOT (fixture->window))));
      }
  }

  /* Every answer is in the store already (autosave), unconfirmed suggestions none. */
  answers = hd_store_list_inspection_answers (fixture->store, hd_inspection_get_id (inspection),
                                              &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(HdInspectionAnswer) answer = g_list_model_get_item (G_LIST_MODEL (answers), i);

      g_assert_cmpint (hd_inspection_answer_get_answer (answer), ==, expected[i]);
      g_assert_false (hd_inspection_answer_get_suggested (answer));
    }
  g_clear_object (&answers);
  g_assert_cmpuint (hd_inspection_view_get_n_answered (view), ==, 5);

  /* Mid-inspection, the checklist is what --page inspections shows. */
  g_assert_true (hd_window_set_page (fixture->window, "inspections"));
  g_assert_cmpstr (hd_window_get_page (fixture->window), ==, "inspections");
  g_assert_cmpstr (hd_window_get_content (fixture->window), ==, "inspection");
  shot_path = g_build_filename (fixture->dir, "checklist.png", NULL);
  take_screenshot (fixture->window, shot_path);
  keep_screenshot (fixture->window, "checklist-mid.png");
  g_assert_true (hd_window_set_page (fixture->window, "sites"));
  g_assert_cmpstr (focused_code (fixture->window), ==, "rules");

  /* Finishing with an item open is refused and says so; the focus stays on the open item. */
  g_assert_true (press_key (GTK_WINDOW (fixture->window), GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_true (hd_inspection_view_get_editable (view));
  g_assert_cmpstr (focused_code (fixture->window), ==, "rules");

  /* rules: n.a.; then Ctrl+Enter finishes. */
  g_assert_true (press_key (GTK_WINDOW (fixture->window), GDK_KEY_4, 0));
  g_assert_cmpuint (hd_inspection_view_get_n_answered (view), ==, 6);
  g_assert_true (press_key (GTK_WINDOW (fixture->window), GDK_KEY_Return, GDK_CONTROL_MASK));

  /* In the store: six answers as pressed, finished, scored, lit, and the tasks. */
  answers = hd_store_list_inspection_answers (fixture->store, hd_inspection_get_id (inspection),
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (answers)), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(HdInspectionAnswer) answer = g_list_model_get_item (G_LIST_MODEL (answers), i);

      g_assert_cmpint (hd_inspection_answer_get_answer (answer), ==, expected[i]);
    }

  g_clear_object (&inspection);
  inspections = hd_store_list_inspections (fixture->store, site_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inspections)), ==, 1);
  inspection = g_list_model_get_item (G_LIST_MODEL (inspections), 0);
  g_assert_cmpint (hd_inspection_get_state (inspection), ==, HD_INSPECTION_FINISHED);
  /* met 1 + met 1 + not met 0 + partly 0.5 + met 1 over five scored (n.a. left out) = 70 */
  g_assert_cmpfloat_with_epsilon (hd_inspection_get_score (inspection), 70.0, 0.001);
  g_assert_cmpint (hd_inspection_get_light (inspection), ==, HD_LIGHT_YELLOW);
  g_assert_cmpint (hd_inspection_get_n_met (inspection), ==, 3);
  g_assert_cmpint (hd_inspection_get_n_partly (inspection), ==, 1);
  g_assert_cmpint (hd_inspection_get_n_not_met (inspection), ==, 1);
  g_assert_cmpint (hd_inspection_get_n_na (inspection), ==, 1);

  /* The view is read-only now, with a way to correct it. */
  g_assert_false (hd_inspection_view_get_editable (view));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (view)));

  filter.subject_id = site_id;
  tasks = hd_store_list_rectifications (fixture->store, &filter, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tasks)), ==, 2);
  due = today;
  g_date_add_days (&due, HD_RECTIFICATION_DUE_DAYS);
  due_text = hd_date_to_string (&due);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(HdRectification) task = g_list_model_get_item (G_LIST_MODEL (tasks), i);
      const char *code = hd_rectification_get_item_code (task);

      g_assert_cmpstr (hd_rectification_get_inspection_id (task), ==,
                       hd_inspection_get_id (inspection));
      g_assert_cmpint (hd_rectification_get_state (task), ==, HD_RECTIFICATION_OPEN);
      g_assert_cmpstr (hd_rectification_get_due_date (task), ==, due_text);
      if (g_strcmp0 (code, "signage") == 0)
        g_assert_cmpint (hd_rectification_get_list (task), ==, HD_RECTIFICATION_PROBLEM);
      else
        {
          g_assert_cmpstr (code, ==, "flag");
          g_assert_cmpint (hd_rectification_get_list (task), ==, HD_RECTIFICATION_IMPROVEMENT);
        }
    }

  /* On screen: the row and the map dot turned yellow. */
  g_assert_cmpint (hd_lights_get (hd_window_get_lights (fixture->window), HD_SUBJECT_SITE, site_id),
                   ==, HD_LIGHT_YELLOW);
  g_assert_true (wait_until (site_row_shown, &query));
  g_assert_cmpint (site_row_light (fixture->window, site_id), ==, HD_LIGHT_YELLOW);
  g_assert_cmpint (hd_map_view_get_site_light (map, site_id), ==, HD_LIGHT_YELLOW);

  keep_screenshot (fixture->window, "checklist-finished.png");

  /* Escape goes back to the map. */
  g_assert_true (press_key (GTK_WINDOW (fixture->window), GDK_KEY_Escape, 0));
  g_assert_cmpstr (hd_window_get_content (fixture->window), ==, "map");
}

/* The queue, the task list and the history on the sample; the --page names. */
static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  HdInspectionsPanel *panel;
  HdHistoryView *history;
  GListModel *due;
  GListModel *tasks;
  gboolean never_first = TRUE;
  guint n_open;

  fixture->window = hd_test_show_window (app, fixture->store);

  panel = HD_INSPECTIONS_PANEL (hd_window_get_inspections_panel (fixture->window));

  g_assert_true (hd_window_set_page (fixture->window, "due"));
  g_assert_cmpstr (hd_window_get_page (fixture->window), ==, "due");
  due = hd_inspections_panel_get_due_model (panel);
  g_assert_cmpuint (g_list_model_get_n_items (due), >, 0);
  /* Never inspected first, then the oldest. */
  for (guint i = 0; i < g_list_model_get_n_items (due); i++)
    {
      g_autoptr(HdDueSubject) subject = g_list_model_get_item (due, i);

      if (hd_due_subject_get_days_since (subject) >= 0)
        never_first = FALSE;
      else
        g_assert_true (never_first);
    }

  g_assert_true (hd_window_set_page (fixture->window, "rectifications"));
  g_assert_cmpstr (hd_window_get_page (fixture->window), ==, "rectifications");
  tasks = hd_inspections_panel_get_rectification_model (panel);
  n_open = g_list_model_get_n_items (tasks);
  g_assert_cmpuint (n_open, >, 0);

  /* Overdue only: fewer (the sample has some), each overdue. */
  hd_inspections_panel_set_overdue_only (panel, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), <, n_open);
  keep_screenshot (fixture->window, "overdue.png");
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(HdRectification) task = g_list_model_get_item (tasks, i);

      g_assert_true (hd_rectification_get_overdue (task));
    }

  /* Export: the same tasks as CSV, through the store's writer. */
  path = g_build_filename (fixture->dir, "problems.csv", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *csv = NULL;

    g_assert_true (hd_inspections_panel_export_csv (panel, file, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
    g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  }
  hd_inspections_panel_set_overdue_only (panel, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, n_open);

  /* The history of a task's subject: newest first, with its open tasks. */
  {
    g_autoptr(HdRectification) task = g_list_model_get_item (tasks, 0);

    target = hd_subject_to_target (hd_rectification_get_subject_kind (task),
                                   hd_rectification_get_subject_id (task));
  }
  g_assert_true (hd_window_show_history (fixture->window, target));
  g_assert_cmpstr (hd_window_get_content (fixture->window), ==, "history");
  history = HD_HISTORY_VIEW (hd_window_get_history_view (fixture->window));
  g_assert_cmpstr (hd_history_view_get_target (history), ==, target);
  g_assert_cmpuint (hd_history_view_get_n_inspections (history), >, 0);
  g_assert_cmpuint (hd_history_view_get_n_tasks (history), >, 0);
  keep_screenshot (fixture->window, "history.png");

  /* An item that got worse since the inspection before: the history marks it. Made here
   * (the sample need not have one): the latest finished inspection again, one "met" now
   * "not met". */
  {
    g_autoptr(GListStore) all = hd_store_list_inspections (fixture->store, NULL, &error);
    g_autoptr(HdInspection) before = NULL;
    g_autoptr(HdInspection) again = NULL;
    g_autoptr(GListStore) answers = NULL;
    g_autofree char *worse_target = NULL;
    GtkWidget *list;
    gboolean made_worse = FALSE;
    gboolean marked = FALSE;
    GDate today = hd_store_get_today (fixture->store);

    g_assert_no_error (error);
    for (guint i = 0; before == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
      {
        g_autoptr(HdInspection) inspection = g_list_model_get_item (G_LIST_MODEL (all), i);

        if (hd_inspection_get_state (inspection) == HD_INSPECTION_FINISHED &&
            hd_inspection_get_n_met (inspection) > 0)
          before = g_steal_pointer (&inspection);
      }
    g_assert_nonnull (before);

    again = hd_store_start_inspection (fixture->store, hd_inspection_get_subject_kind (before),
                                       hd_inspection_get_subject_id (before),
                                       hd_inspection_get_set_id (before), "复查", &today, &error);
    g_assert_no_error (error);
    answers = hd_store_list_inspection_answers (fixture->store, hd_inspection_get_id (before),
                                                &error);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (answers)); i++)
      {
        g_autoptr(HdInspectionAnswer) answer = g_list_model_get_item (G_LIST_MODEL (answers), i);
        HdAnswer now = hd_inspection_answer_get_answer (answer);

        if (now == HD_ANSWER_MET && !made_worse)
          {
            now = HD_ANSWER_NOT_MET;
            made_worse = TRUE;
          }
        hd_store_set_inspection_answer (fixture->store, hd_inspection_get_id (again),
                                        hd_inspection_answer_get_item_id (answer),
                                        now != HD_ANSWER_NONE ? now : HD_ANSWER_MET, &error);
        g_assert_no_error (error);
      }
    hd_store_finish_inspection (fixture->store, hd_inspection_get_id (again), &error);
    g_assert_no_error (error);

    worse_target = hd_subject_to_target (hd_inspection_get_subject_kind (before),
                                         hd_inspection_get_subject_id (before));
    g_assert_true (hd_window_show_history (fixture->window, worse_target));
    list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (history), HD_TYPE_HISTORY_VIEW,
                                                     "inspections_list"));
    for (GtkWidget *child = gtk_widget_get_first_child (list);
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      marked |= ADW_IS_EXPANDER_ROW (child) && gtk_widget_has_css_class (child, "worse");
    g_assert_true (marked);
    keep_screenshot (fixture->window, "history-worse.png");
  }

  /* A right click on a site row offers to inspect it. */
  g_assert_true (hd_window_set_page (fixture->window, "sites"));
  {
    GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                HD_TYPE_WINDOW, "site_list"));
    HdSite *first = g_list_model_get_item (hd_window_get_site_model (fixture->window), 0);
    HdSiteRow *row;
    GtkWidget *popover = NULL;
    RowQuery query = { fixture->window, hd_site_get_id (first) };

    g_assert_true (wait_until (site_row_shown, &query));
    row = find_site_row (list, hd_site_get_id (first));
    g_object_unref (first);
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (row));

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_GESTURE_CLICK (controller) &&
              gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) ==
                GDK_BUTTON_SECONDARY)
            g_signal_emit_by_name (controller, "pressed", 1, 20.0, 10.0);
        }
    }
    spin ();
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (row));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER_MENU (child))
        popover = child;
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  for (const char * const *name = hd_window_get_page_names (); *name != NULL; name++)
    g_assert_true (hd_window_set_page (fixture->window, *name));
  g_assert_false (hd_window_set_page (fixture->window, "no-such-page"));
}

/* The light glyphs stay inside their square and differ in shape, not only in colour. */
static void
test_light_glyph (void)
{
  static const HdColour fill = { 1, 0, 0, 1 };
  guint filled[HD_N_LIGHTS] = { 0 };

  for (HdLight light = HD_LIGHT_GREY; light < HD_N_LIGHTS; light++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 32, 32);
      cairo_t *cr = cairo_create (surface);
      const guchar *data;
      int stride;

      /* A 20 px glyph in the middle: nothing may reach the 6 px margin. */
      hd_light_glyph_draw (cr, 16, 16, 20, light, &fill, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);

      for (int y = 0; y < 32; y++)
        for (int x = 0; x < 32; x++)
          {
            guint32 pixel = *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);
            gboolean inside = x >= 6 && x < 26 && y >= 6 && y < 26;

            if ((pixel >> 24) > 0)
              {
                g_assert_true (inside);
                filled[light]++;
              }
          }

      /* Grey is a ring: its middle is empty; the others are solid there. */
      {
        guint32 centre = *(const guint32 *) (gconstpointer) (data + 16 * stride + 16 * 4);

        if (light == HD_LIGHT_GREY)
          g_assert_cmpuint (centre >> 24, ==, 0);
        else
          g_assert_cmpuint (centre >> 24, ==, 255);
      }
      cairo_surface_destroy (surface);
    }

  /* Three different shapes: a disc covers more than the diamond; the triangle differs too. */
  g_assert_cmpuint (filled[HD_LIGHT_GREEN], >, filled[HD_LIGHT_RED]);
  g_assert_cmpuint (filled[HD_LIGHT_YELLOW], !=, filled[HD_LIGHT_RED]);
  g_assert_cmpuint (filled[HD_LIGHT_YELLOW], !=, filled[HD_LIGHT_GREEN]);
}

static guint
answer_key (HdAnswer answer)
{
  switch (answer)
    {
    case HD_ANSWER_PARTLY:
      return GDK_KEY_2;
    case HD_ANSWER_NOT_MET:
      return GDK_KEY_3;
    case HD_ANSWER_NA:
      return GDK_KEY_4;
    case HD_ANSWER_MET:
    case HD_ANSWER_NONE:
    default:
      return GDK_KEY_1;
    }
}

/* The five ones of a belt: answers suggested from the map data show as such and must be
 * confirmed (pressing the suggested answer's number does it) before the inspection finishes. */
static void
test_suggestions (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) answers = NULL;
  g_autoptr(HdInspection) inspection = NULL;
  g_autofree char *target = NULL;
  GListModel *belts = hd_store_get_belts (fixture->store);
  HdInspectionView *view;
  HdStartDialog *dialog;
  HdBelt *belt = NULL;
  guint n_suggested = 0;

  /* A belt never inspected: its route gives suggestions. */
  for (guint i = 0; belt == NULL && i < g_list_model_get_n_items (belts); i++)
    {
      g_autoptr(HdBelt) candidate = g_list_model_get_item (belts, i);
      g_autoptr(GListStore) done = hd_store_list_inspections (fixture->store,
                                                               hd_belt_get_id (candidate), NULL);

      if (done != NULL && g_list_model_get_n_items (G_LIST_MODEL (done)) == 0)
        belt = candidate;
    }
  g_assert_nonnull (belt);
  target = hd_subject_to_target (HD_SUBJECT_BELT, hd_belt_get_id (belt));

  fixture->window = hd_test_show_window (app, fixture->store);

  /* The help overlay lists the new shortcuts (a bad accelerator there would warn). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-help-overlay", NULL));
  spin ();

  g_assert_true (hd_window_show_history (fixture->window, target));
  g_assert_true (press_key (GTK_WINDOW (fixture->window), GDK_KEY_i, GDK_CONTROL_MASK));
  g_assert_true (wait_until (start_dialog_shown, fixture->window));
  dialog = find_start_dialog (GTK_WINDOW (fixture->window));
  g_assert_true (hd_start_dialog_is_valid (dialog));
  g_assert_true (press_key (GTK_WINDOW (dialog), GDK_KEY_Return, 0));
  g_assert_true (wait_until (start_dialog_gone, fixture->window));

  view = HD_INSPECTION_VIEW (hd_window_get_inspection_view (fixture->window));
  g_assert_cmpuint (hd_inspection_view_get_n_inspections (view), ==, 1);
  inspection = g_object_ref (hd_inspection_view_get_inspection (view, 0));
  g_assert_cmpstr (hd_inspection_get_set_code (inspection), ==, HD_STANDARD_FIVE_ONES);

  answers = hd_store_list_inspection_answers (fixture->store, hd_inspection_get_id (inspection),
                                              &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (answers)); i++)
    {
      g_autoptr(HdInspectionAnswer) answer = g_list_model_get_item (G_LIST_MODEL (answers), i);

      n_suggested += hd_inspection_answer_get_suggested (answer);
    }
  g_clear_object (&answers);
  /* The route alone gives one. */
  g_assert_cmpuint (n_suggested, >, 0);
  /* Suggested is not answered until confirmed. */
  g_assert_cmpuint (hd_inspection_view_get_n_answered (view), <=,
                    hd_inspection_view_get_n_items (view) - n_suggested);
  keep_screenshot (fixture->window, "suggested.png");

  /* Not finished while suggestions wait. */
  g_assert_true (press_key (GTK_WINDOW (fixture->window), GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_true (hd_inspection_view_get_editable (view));

  /* Each item: its suggestion confirmed by its number, the others met. */
  while (hd_inspection_view_get_n_answered (view) < hd_inspection_view_get_n_items (view))
    {
      HdChecklistRow *row = focused_checklist_row (fixture->window);

      g_assert_nonnull (row);
      g_assert_true (press_key (GTK_WINDOW (fixture->window),
                                answer_key (hd_checklist_row_get_answer (row)), 0));
    }
  g_assert_true (press_key (GTK_WINDOW (fixture->window), GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_false (hd_inspection_view_get_editable (view));

  {
    HdInspection *shown = hd_inspection_view_get_inspection (view, 0);
    g_autofree char *id = g_strdup (hd_inspection_get_id (shown));

    g_clear_object (&inspection);
    inspection = hd_store_get_inspection (fixture->store, id, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpint (hd_inspection_get_state (inspection), ==, HD_INSPECTION_FINISHED);
  answers = hd_store_list_inspection_answers (fixture->store, hd_inspection_get_id (inspection),
                                              &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (answers)); i++)
    {
      g_autoptr(HdInspectionAnswer) answer = g_list_model_get_item (G_LIST_MODEL (answers), i);

      g_assert_false (hd_inspection_answer_get_suggested (answer));
      g_assert_cmpint (hd_inspection_answer_get_answer (answer), !=, HD_ANSWER_NONE);
    }

  /* A finished inspection is corrected through a new draft with the same answers. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "insp.correct", NULL));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *confirm = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (toplevel) && !HD_IS_START_DIALOG (toplevel) &&
            gtk_widget_get_visible (GTK_WIDGET (toplevel)))
          confirm = ADW_MESSAGE_DIALOG (toplevel);
      }
    g_assert_nonnull (confirm);
    adw_message_dialog_response (confirm, "correct");
    spin ();
  }
  g_assert_true (hd_inspection_view_get_editable (view));
  g_assert_cmpstr (hd_inspection_get_corrects_id (hd_inspection_view_get_inspection (view, 0)), ==,
                   hd_inspection_get_id (inspection));
  g_assert_cmpuint (hd_inspection_view_get_n_answered (view), ==,
                    hd_inspection_view_get_n_items (view));
}

static void
test_texts (void)
{
  g_autofree char *grey = hd_light_describe (HD_LIGHT_GREY, HD_LIGHT_REASON_NEVER_INSPECTED);
  g_autofree char *green = hd_light_describe (HD_LIGHT_GREEN, HD_LIGHT_REASON_NONE);
  g_autofree char *yellow = hd_light_describe (HD_LIGHT_YELLOW, HD_LIGHT_REASON_INSPECTION_DUE);
  g_autofree char *progress = hd_inspection_view_format_progress (4, 6);
  g_autofree char *never = hd_due_row_format_detail (HD_SUBJECT_SITE, NULL, -1);
  g_autofree char *last = hd_due_row_format_detail (HD_SUBJECT_BELT, "2025-01-10", 140);
  g_autofree char *spoken = hd_checklist_row_format_accessible ("A1", "有场所", HD_ANSWER_NONE, FALSE);
  g_autofree char *suggested = hd_checklist_row_format_accessible ("A1", "有场所",
                                                                   HD_ANSWER_MET, TRUE);
  g_autofree char *due = hd_rectification_row_format_due ("2025-07-01");
  g_autofree char *no_due = hd_rectification_row_format_due (NULL);
  g_autofree char *one_photo = hd_checklist_row_format_photos (1, 0, 0);
  g_autofree char *bad_photos = hd_checklist_row_format_photos (3, 1, 1);
  g_autofree char *no_photo = hd_checklist_row_format_photos (0, 0, 0);
  GDate parsed;
  gboolean has_date;
  g_autofree char *target = hd_subject_to_target (HD_SUBJECT_BELT, "abc-1");
  g_autofree char *id = NULL;
  HdSubjectKind kind = HD_SUBJECT_SITE;
  GDate date;

  g_assert_true (g_str_has_prefix (grey, "Light: "));
  g_assert_null (strstr (grey, "—"));
  g_assert_cmpstr (green, ==, "Light: Green");
  g_assert_true (g_str_has_prefix (yellow, "Light: Yellow — "));
  g_assert_cmpstr (progress, ==, "4 / 6 answered");
  g_assert_true (g_str_has_suffix (never, " · never inspected"));
  g_assert_true (g_str_has_suffix (last, " · last inspected 2025-01-10, 140 days ago"));
  g_assert_cmpstr (spoken, ==, "A1 有场所: not answered");
  g_assert_true (g_str_has_suffix (suggested, ", suggested from the data"));
  g_assert_cmpstr (due, ==, "Due 2025-07-01");
  g_assert_cmpstr (no_due, ==, "No due date");

  g_assert_cmpstr (target, ==, "belt:abc-1");
  g_assert_true (hd_subject_from_target (target, &kind, &id));
  g_assert_cmpint (kind, ==, HD_SUBJECT_BELT);
  g_assert_cmpstr (id, ==, "abc-1");
  g_assert_false (hd_subject_from_target ("", NULL, NULL));
  g_assert_false (hd_subject_from_target ("site:", NULL, NULL));
  g_assert_false (hd_subject_from_target ("region:x", NULL, NULL));

  g_assert_cmpstr (hd_light_css_class (HD_LIGHT_RED), ==, "light-red");
  {
    g_autofree char *summary = hd_history_view_format_summary ("王督导", HD_INSPECTION_FINISHED,
                                                               FALSE, 83.33);
    g_autofree char *draft = hd_history_view_format_summary ("王督导", HD_INSPECTION_DRAFT,
                                                             FALSE, -1);

    g_assert_true (g_str_has_prefix (summary, "王督导 · "));
    g_assert_true (g_str_has_suffix (summary, " · score 83.3"));
    g_assert_null (strstr (draft, "score"));
  }
  g_assert_null (hd_start_dialog_check_date ("2025-06-01", &date));
  g_assert_nonnull (hd_start_dialog_check_date ("2025-02-30", NULL));
  g_assert_nonnull (hd_start_dialog_check_date ("1.6.2025", NULL));
  g_assert_nonnull (hd_start_dialog_check_date ("", NULL));

  g_assert_cmpstr (one_photo, ==, "1 photo");
  g_assert_cmpstr (bad_photos, ==, "3 photos, 1 missing, 1 changed");
  g_assert_null (no_photo);
  g_assert_true (hd_rectification_editor_parse_due ("", &parsed, &has_date));
  g_assert_false (has_date);
  g_assert_true (hd_rectification_editor_parse_due (" 2026-07-01 ", &parsed, &has_date));
  g_assert_true (has_date);
  g_assert_cmpint (g_date_get_day (&parsed), ==, 1);
  g_assert_false (hd_rectification_editor_parse_due ("2026-02-30", &parsed, &has_date));
  g_assert_false (hd_rectification_editor_parse_due ("next week", &parsed, &has_date));
}

/* ------------------------------------------------------------------------------------------ */
/* Photo evidence, task editing, standard sets from a file                                    */

static HdChecklistRow *
find_checklist_row (GtkWidget  *widget,
                    const char *code)
{
  if (HD_IS_CHECKLIST_ROW (widget) &&
      g_strcmp0 (hd_checklist_row_get_code (HD_CHECKLIST_ROW (widget)), code) == 0)
    return HD_CHECKLIST_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HdChecklistRow *found = find_checklist_row (child, code);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  HdWindow   *window;
  const char *code;
  guint       n_photos;
} PhotoQuery;

static gboolean
row_shows_photos (gpointer data)
{
  PhotoQuery *query = data;
  HdChecklistRow *row;

  row = find_checklist_row (hd_window_get_inspection_view (query->window), query->code);
  return row != NULL && hd_checklist_row_get_n_photos (row) == query->n_photos;
}

/* A 96×72 picture of a red banner on a sunny wall, as a stand-in for a photo. */
static char *
write_photo (const char *dir,
             const char *name)
{
  const int width = 96, height = 72;
  g_autofree guint8 *pixels = g_malloc (width * height * 4);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  char *path = g_build_filename (dir, name, NULL);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + (y * width + x) * 4;
        gboolean banner = y > 20 && y < 44 && x > 10 && x < 86;

        p[0] = banner ? 200 : 230 - y;
        p[1] = banner ? 20 : 200 - y / 2;
        p[2] = banner ? 30 : 150;
        p[3] = 255;
      }
  bytes = g_bytes_new_take (g_steal_pointer (&pixels), width * height * 4);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, width * 4);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

static void
test_photos_tasks_sets (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char csv[] =
    "code,title,kind,weight,photo_required\n"
    "Z1,有活动场所,requirement,1,no\n"
    "Z2,有统一标识,requirement,2,yes\n"
    "Z3,阵地被挪作他用,red_line,0,no\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStandardSet) set = NULL;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(HdInspection) after = NULL;
  g_autoptr(GListStore) answers = NULL;
  g_autoptr(HdInspectionPhoto) photo = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *csv_path = g_build_filename (fixture->dir, "district 48.csv", NULL);
  g_autofree char *photo_path = write_photo (fixture->dir, "标识牌.png");
  g_autofree char *site_id = NULL;
  g_autofree char *z2 = NULL;
  g_autofree char *task_id = NULL;
  const char *ids[2] = { NULL, NULL };
  HdInspectionView *view;
  HdChecklistRow *row;
  HdInspectionsPanel *panel;
  GtkWidget *editor;
  GtkEditable *owner_row, *due_row;
  GListModel *tasks;
  PhotoQuery query;
  GDate date;

  fixture->window = hd_test_show_window (app, fixture->store);

  /* A standard set from a CSV file, as win.import-standard-set does after the chooser. */
  g_assert_true (g_file_set_contents (csv_path, csv, -1, &error));
  file = g_file_new_for_path (csv_path);
  g_assert_true (hd_window_import_standard_set_file (fixture->window, file, "district_48",
                                                     "区级48条（测试）", HD_SUBJECT_SITE));
  set = hd_store_find_standard_set (fixture->store, "district_48", &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_cmpstr (hd_standard_set_get_name (set), ==, "区级48条（测试）");
  g_assert_cmpint (hd_standard_set_get_applies_to (set), ==, HD_SUBJECT_SITE);
  items = hd_store_list_standard_items (fixture->store, hd_standard_set_get_id (set), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (items)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(HdStandardItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);

      if (g_str_equal (hd_standard_item_get_code (item), "Z2"))
        {
          g_assert_true (hd_standard_item_get_photo_required (item));
          z2 = g_strdup (hd_standard_item_get_id (item));
        }
    }
  g_assert_nonnull (z2);

  /* A bad file: refused with a dialog naming the line; nothing imported. */
  {
    g_autofree char *bad_path = g_build_filename (fixture->dir, "bad.csv", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
    g_autoptr(HdStandardSet) none = NULL;

    g_assert_true (g_file_set_contents (bad_path, "code,title,kind,weight\nB1,有场所,maybe,1\n", -1, NULL));
    g_assert_false (hd_window_import_standard_set_file (fixture->window, bad, NULL, NULL,
                                                        HD_SUBJECT_SITE));
    none = hd_store_find_standard_set (fixture->store, "bad", NULL);
    g_assert_null (none);
  }

  /* The start dialog of a site offers the new set. */
  site_id = g_strdup (hd_site_get_id (never_inspected_site (fixture->store)));
  {
    g_autofree char *target = hd_subject_to_target (HD_SUBJECT_SITE, site_id);
    GtkWidget *dialog = hd_window_start_inspection (fixture->window, target);
    g_auto(GStrv) offered = NULL;
    gboolean found = FALSE;

    g_assert_nonnull (dialog);
    offered = hd_start_dialog_dup_offered_set_ids (HD_START_DIALOG (dialog));
    for (guint i = 0; offered[i] != NULL; i++)
      found |= g_str_equal (offered[i], hd_standard_set_get_id (set));
    g_assert_true (found);
    gtk_window_destroy (GTK_WINDOW (dialog));
    spin ();
  }

  /* An inspection with it, open in the checklist, every item met. */
  g_date_clear (&date, 1);
  date = hd_store_get_today (fixture->store);
  inspection = hd_store_start_inspection (fixture->store, HD_SUBJECT_SITE, site_id,
                                          hd_standard_set_get_id (set), INSPECTOR, &date, &error);
  g_assert_no_error (error);
  ids[0] = hd_inspection_get_id (inspection);
  g_assert_true (hd_window_open_inspections (fixture->window, ids));
  view = HD_INSPECTION_VIEW (hd_window_get_inspection_view (fixture->window));
  g_assert_cmpuint (hd_inspection_view_get_n_items (view), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(HdStandardItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);

      g_assert_true (hd_store_set_inspection_answer (fixture->store, ids[0],
                                                     hd_standard_item_get_id (item),
                                                     HD_ANSWER_MET, &error));
      g_assert_no_error (error);
    }
  spin ();
  row = find_checklist_row (GTK_WIDGET (view), "Z2");
  g_assert_nonnull (row);
  g_assert_cmpuint (hd_checklist_row_get_n_photos (row), ==, 0);

  /* Finishing without the photo Z2 needs: refused (a toast), still a draft. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "insp.finish", NULL));
  spin ();
  after = hd_store_get_inspection (fixture->store, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_inspection_get_state (after), ==, HD_INSPECTION_DRAFT);
  g_assert_true (hd_inspection_view_get_editable (view));
  g_clear_object (&after);

  /* A photo added through the core while the checklist is open: the row shows it. */
  photo = hd_store_add_inspection_photo (fixture->store, ids[0], z2, photo_path, &error);
  g_assert_no_error (error);
  query = (PhotoQuery) { fixture->window, "Z2", 1 };
  g_assert_true (wait_until (row_shows_photos, &query));
  row = find_checklist_row (GTK_WIDGET (view), "Z2");
  g_assert_cmpuint (hd_checklist_row_get_n_thumbnails (row), ==, 1);
  g_assert_cmpuint (hd_checklist_row_get_n_photo_problems (row), ==, 0);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  keep_screenshot (fixture->window, "checklist-photo.png");

  /* Removed from its chip's menu: the row and the store lose it; Undo brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "checklist.remove-photo", "s",
                                             hd_inspection_photo_get_id (photo)));
  query.n_photos = 0;
  g_assert_true (wait_until (row_shows_photos, &query));
  {
    g_autoptr(GListStore) left = hd_store_list_inspection_photos (fixture->store, ids[0], z2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (left)), ==, 0);
  }
  g_assert_true (g_file_test (photo_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (hd_store_get_undo_label (fixture->store), ==, "Remove Photo");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  query.n_photos = 1;
  g_assert_true (wait_until (row_shows_photos, &query));
  row = find_checklist_row (GTK_WIDGET (view), "Z2");
  g_assert_cmpuint (hd_checklist_row_get_n_thumbnails (row), ==, 1);

  /* Now it finishes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "insp.finish", NULL));
  spin ();
  after = hd_store_get_inspection (fixture->store, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_inspection_get_state (after), ==, HD_INSPECTION_FINISHED);

  /* A rectification task edited in the open-tasks list: owner and due date. */
  panel = HD_INSPECTIONS_PANEL (hd_window_get_inspections_panel (fixture->window));
  g_assert_true (hd_window_set_page (fixture->window, "rectifications"));
  tasks = hd_inspections_panel_get_rectification_model (panel);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), >, 0);
  {
    g_autoptr(HdRectification) task = g_list_model_get_item (tasks, 0);

    task_id = g_strdup (hd_rectification_get_id (task));
  }
  editor = hd_inspections_panel_edit_rectification (panel, 0);
  g_assert_true (HD_IS_RECTIFICATION_EDITOR (editor));
  owner_row = GTK_EDITABLE (gtk_widget_get_template_child (editor, HD_TYPE_RECTIFICATION_EDITOR,
                                                           "owner_row"));
  due_row = GTK_EDITABLE (gtk_widget_get_template_child (editor, HD_TYPE_RECTIFICATION_EDITOR,
                                                         "due_row"));
  gtk_editable_set_text (owner_row, "东街街道党工委 林峰");
  /* Not a date: Save is off. */
  gtk_editable_set_text (due_row, "2026-02-30");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "save"));
  gtk_editable_set_text (due_row, "2031-06-30");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "save"));
  hd_test_keep_window_shot (editor, "task-editor.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (editor), "save");
  spin ();
  {
    HdRectificationFilter filter = { 0 };
    GDate today = hd_store_get_today (fixture->store);
    g_autoptr(GListStore) all = NULL;
    gboolean seen = FALSE;

    filter.include_closed = TRUE;
    all = hd_store_list_rectifications (fixture->store, &filter, &today, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
      {
        g_autoptr(HdRectification) task = g_list_model_get_item (G_LIST_MODEL (all), i);

        if (!g_str_equal (hd_rectification_get_id (task), task_id))
          continue;
        seen = TRUE;
        g_assert_cmpstr (hd_rectification_get_owner (task), ==, "东街街道党工委 林峰");
        g_assert_cmpstr (hd_rectification_get_due_date (task), ==, "2031-06-30");
        g_assert_cmpint (hd_rectification_get_state (task), ==, HD_RECTIFICATION_OPEN);
      }
    g_assert_true (seen);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = hd_test_app_new ();

  g_test_add_func ("/ui-inspection/texts", test_texts);
  g_test_add_func ("/ui-inspection/light-glyph", test_light_glyph);
  g_test_add ("/ui-inspection/keyboard", Fixture, NULL,
              fixture_set_up, test_keyboard_inspection, fixture_tear_down);
  g_test_add ("/ui-inspection/pages", Fixture, NULL,
              fixture_set_up, test_pages, fixture_tear_down);
  g_test_add ("/ui-inspection/suggestions", Fixture, NULL,
              fixture_set_up, test_suggestions, fixture_tear_down);
  g_test_add ("/ui-inspection/photos-tasks-sets", Fixture, NULL,
              fixture_set_up, test_photos_tasks_sets, fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
