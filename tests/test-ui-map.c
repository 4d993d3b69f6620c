/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Planning on the map under Xvfb, in a workspace of our own: a click selects a site (and the
 * sidebar follows), a drag moves it by the pixels dragged (one undo step; Escape cancels),
 * chain mode appends sites to the selected belt's route, place mode opens a prefilled editor,
 * and the sidebar's selection selects on the map. GTK 4 cannot synthesise pointer events, so
 * the test drives the handlers the map's gestures call (hd_map_interaction_press() & co.) at
 * the points where the projection draws the sites. */
#define G_LOG_DOMAIN "test-ui-map"

#include <math.h>
#include <string.h>

#include "hd-application.h"
#include "hd-geojson.h"
#include "hd-import.h"
#include "hd-belt-editor.h"
#include "hd-map-search.h"
#include "hd-map-view.h"
#include "hd-site-editor.h"
#include "hd-store.h"
#include "hd-window.h"
#include "hd-test-ui.h"

static HdApplication *app;

typedef struct {
  const char *name;
  double      lat, lon;
} Place;

/* Four sites in Fuzhou about 1 km apart; the belt's route is the first two. */
static const Place places[] = {
  { "鼓楼党群服务中心", 26.0800, 119.2900 },
  { "三坊七巷红色驿站", 26.0800, 119.3000 },
  { "西湖党建公园", 26.0900, 119.3100 },
  { "屏山社区", 26.0700, 119.3200 },
};

typedef struct {
  Fixture  base;
  char    *site_ids[G_N_ELEMENTS (places)];
  char    *belt_id;
  char    *notice;
  char    *offered;   /* the site of the last "offer-removal" */
} MapFixture;

static void
map_fixture_set_up (MapFixture    *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdBelt) belt = hd_belt_new ();
  const char *route[3];

  hd_test_fixture_open (&fixture->base, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autoptr(HdSite) site = hd_site_new ();

      hd_site_set_name (site, places[i].name);
      hd_site_set_position (site, places[i].lat, places[i].lon);
      g_assert_true (hd_store_save_site (fixture->base.store, site, &error));
      g_assert_no_error (error);
      fixture->site_ids[i] = g_strdup (hd_site_get_id (site));
    }
  hd_belt_set_name (belt, "鼓楼红色示范带");
  g_assert_true (hd_store_save_belt (fixture->base.store, belt, &error));
  g_assert_no_error (error);
  fixture->belt_id = g_strdup (hd_belt_get_id (belt));
  route[0] = fixture->site_ids[0];
  route[1] = fixture->site_ids[1];
  route[2] = NULL;
  g_assert_true (hd_store_set_belt_route (fixture->base.store, fixture->belt_id, route, &error));
  g_assert_no_error (error);
}

static void
map_fixture_tear_down (MapFixture    *fixture,
                       gconstpointer  data)
{
  fixture_tear_down (&fixture->base, data);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    g_free (fixture->site_ids[i]);
  g_free (fixture->belt_id);
  g_free (fixture->notice);
  g_free (fixture->offered);
}

static gboolean
map_ready (gpointer data)
{
  HdMapView *view = data;
  double x, y;

  /* Zoomed to the sites: the first one is inside the view. */
  return gtk_widget_get_width (GTK_WIDGET (view)) > 100 &&
         hd_map_view_lonlat_to_widget (view, places[0].lon, places[0].lat, &x, &y) &&
         x > 0 && y > 0 && x < gtk_widget_get_width (GTK_WIDGET (view)) &&
         y < gtk_widget_get_height (GTK_WIDGET (view)) &&
         shumate_viewport_get_zoom_level (hd_map_view_get_viewport (view)) > 12;
}

static HdMapView *
show_map (MapFixture *fixture)
{
  HdMapView *view;

  fixture->base.window = hd_test_show_window (app, fixture->base.store);
  view = HD_MAP_VIEW (hd_window_get_map_view (fixture->base.window));
  g_assert_true (wait_until (map_ready, view));
  return view;
}

/* Where the store's site is drawn, in the map's coordinates (the layers fill the view). */
static void
site_point (MapFixture *fixture,
            HdMapView  *view,
            guint       i,
            double     *x,
            double     *y)
{
  HdSite *site = hd_store_lookup_site (fixture->base.store, fixture->site_ids[i]);

  g_assert_true (hd_map_view_lonlat_to_widget (view, hd_site_get_longitude (site),
                                               hd_site_get_latitude (site), x, y));
}

static void
click (HdMapInteraction *interaction,
       double            x,
       double            y,
       GdkModifierType   state)
{
  hd_map_interaction_press (interaction, x, y, state);
  hd_map_interaction_release (interaction, x, y);
  spin ();
}

static gpointer
selected_item (HdWindow   *window,
               GListModel *model)
{
  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
}

static void
on_notice (MapFixture *fixture,
           const char *text)
{
  g_free (fixture->notice);
  fixture->notice = g_strdup (text);
}

/* hd_test_keep_window_shot() given 500 ms to settle, so the map's tiles are drawn. */
static void
keep_shot (MapFixture *fixture,
           const char *name)
{
  hd_test_keep_window_shot_after (GTK_WIDGET (fixture->base.window), name, 50);
}

/* A key pressed with the focus on the map view, through the view's own controllers: its key
 * controller (Escape, Enter) and its class's shortcuts (P, R, Ctrl+F). (GTK 4.8 cannot make
 * a GdkEvent; test-ui-inspection walks the whole window the same way.) */
static gboolean
map_key (HdMapView       *view,
         guint            keyval,
         GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      else if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        for (guint k = 0; !handled && k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
            GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

            if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
                gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
                gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == state)
              handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                      GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                      GTK_WIDGET (view),
                                                      gtk_shortcut_get_arguments (shortcut));
          }
      if (handled)
        return TRUE;
    }
  return FALSE;
}

static void
on_offer_removal (MapFixture *fixture,
                  const char *belt_id,
                  const char *site_id)
{
  g_assert_cmpstr (belt_id, ==, fixture->belt_id);
  g_free (fixture->offered);
  fixture->offered = g_strdup (site_id);
}

static void
test_select_and_drag (MapFixture    *fixture,
                      gconstpointer  data)
{
  HdMapView *view = show_map (fixture);
  HdMapInteraction *interaction = hd_map_view_get_interaction (view);
  HdStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  GtkWidget *layer_parent;
  HdSite *site;
  HdSite *listed;
  double x, y, lat0, lon0, lat, lon, expect_lat, expect_lon;
  g_autofree char *undo_before = NULL;

  /* The layers and the map fill the view: the same coordinates. */
  layer_parent = gtk_widget_get_first_child (GTK_WIDGET (view));
  g_assert_cmpint (gtk_widget_get_width (layer_parent), ==, gtk_widget_get_width (GTK_WIDGET (view)));

  /* A click on a site selects it on the map and in the sidebar. */
  site_point (fixture, view, 2, &x, &y);
  g_assert_true (hd_map_interaction_press (interaction, x + 2, y - 2, 0));
  hd_map_interaction_release (interaction, x + 2, y - 2);
  spin ();
  g_assert_cmpstr (hd_map_interaction_get_selected_site (interaction), ==, fixture->site_ids[2]);
  listed = selected_item (fixture->base.window, G_LIST_MODEL (
      gtk_list_view_get_model (GTK_LIST_VIEW (gtk_widget_get_template_child (
          GTK_WIDGET (fixture->base.window), HD_TYPE_WINDOW, "site_list")))));
  g_assert_nonnull (listed);
  g_assert_cmpstr (hd_site_get_id (listed), ==, fixture->site_ids[2]);
  g_assert_cmpstr (hd_window_get_page (fixture->base.window), ==, "sites");
  /* Ctrl+I (an empty target) starts an inspection of what the map selected. */
  {
    GtkWidget *dialog = hd_window_start_inspection (fixture->base.window, NULL);

    g_assert_nonnull (dialog);
    gtk_window_destroy (GTK_WINDOW (dialog));
    spin ();
  }

  /* A press on nothing is not taken (the map pans); a click there clears the selection. */
  g_assert_false (hd_map_interaction_press (interaction, x + 200, y + 200, 0));
  hd_map_interaction_release (interaction, x + 200, y + 200);
  g_assert_null (hd_map_interaction_get_selected_site (interaction));

  /* A drag moves the site by what was dragged, wherever on its glyph it was taken: one store
   * command, one undo step. (The sidebar switched pages: the map may have moved on screen.) */
  spin ();
  site_point (fixture, view, 2, &x, &y);
  site = hd_store_lookup_site (store, fixture->site_ids[2]);
  lat0 = hd_site_get_latitude (site);
  lon0 = hd_site_get_longitude (site);
  shumate_viewport_widget_coords_to_location (hd_map_view_get_viewport (view),
                                              GTK_WIDGET (view), x + 40, y + 30,
                                              &expect_lat, &expect_lon);
  g_assert_true (hd_map_interaction_press (interaction, x + 3, y - 2, 0));
  hd_map_interaction_motion (interaction, x + 5, y - 1);
  g_assert_false (hd_map_interaction_is_dragging (interaction));   /* under the threshold */
  hd_map_interaction_motion (interaction, x + 23, y + 13);
  g_assert_true (hd_map_interaction_is_dragging (interaction));
  hd_map_interaction_motion (interaction, x + 43, y + 28);
  /* Nothing is written before the drop. */
  g_assert_cmpfloat (hd_site_get_latitude (site), ==, lat0);
  hd_map_interaction_release (interaction, x + 43, y + 28);
  spin ();
  site = hd_store_lookup_site (store, fixture->site_ids[2]);
  lat = hd_site_get_latitude (site);
  lon = hd_site_get_longitude (site);
  g_assert_cmpfloat_with_epsilon (lat, expect_lat, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, expect_lon, 1e-9);
  /* 40 px east at this zoom, in degrees. */
  g_assert_cmpfloat_with_epsilon (lon - lon0,
                                  40 * 360.0 / (256 * exp2 (shumate_viewport_get_zoom_level (
                                    hd_map_view_get_viewport (view)))), 1e-9);
  g_assert_cmpfloat (lat, <, lat0);
  g_assert_cmpstr (hd_store_get_undo_label (store), ==, "Move “西湖党建公园”");
  /* The moved site is drawn, and hit, where it was dropped. */
  site_point (fixture, view, 2, &x, &y);
  g_assert_true (hd_map_interaction_press (interaction, x, y, 0));
  hd_map_interaction_release (interaction, x, y);

  g_assert_true (hd_store_undo (store, &error));
  g_assert_no_error (error);
  site = hd_store_lookup_site (store, fixture->site_ids[2]);
  g_assert_cmpfloat (hd_site_get_latitude (site), ==, lat0);
  g_assert_cmpfloat (hd_site_get_longitude (site), ==, lon0);

  /* Escape during a drag puts the site back and writes nothing. */
  undo_before = g_strdup (hd_store_get_undo_label (store));
  site_point (fixture, view, 2, &x, &y);
  g_assert_true (hd_map_interaction_press (interaction, x, y, 0));
  hd_map_interaction_motion (interaction, x + 50, y + 50);
  g_assert_true (hd_map_interaction_is_dragging (interaction));
  g_assert_true (hd_map_interaction_escape (interaction));
  g_assert_false (hd_map_interaction_is_dragging (interaction));
  hd_map_interaction_release (interaction, x + 50, y + 50);
  spin ();
  site = hd_store_lookup_site (store, fixture->site_ids[2]);
  g_assert_cmpfloat (hd_site_get_latitude (site), ==, lat0);
  g_assert_cmpstr (hd_store_get_undo_label (store), ==, undo_before);
}

static void
test_chain_and_place (MapFixture    *fixture,
                      gconstpointer  data)
{
  HdMapView *view = show_map (fixture);
  HdMapInteraction *interaction = hd_map_view_get_interaction (view);
  HdStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) route = NULL;
  GtkListView *belt_list;
  double ax, ay, bx, by, x, y;
  GList *toplevels;
  HdSiteEditor *editor = NULL;
  GtkWidget *belt_editor = NULL;

  g_signal_connect_swapped (interaction, "notice", G_CALLBACK (on_notice), fixture);
  g_signal_connect_swapped (interaction, "offer-removal", G_CALLBACK (on_offer_removal), fixture);

  /* A click on the route, between its sites, selects the belt (sidebar too). */
  site_point (fixture, view, 0, &ax, &ay);
  site_point (fixture, view, 1, &bx, &by);
  g_assert_false (hd_map_interaction_press (interaction, (ax + bx) / 2, (ay + by) / 2 + 2, 0));
  hd_map_interaction_release (interaction, (ax + bx) / 2, (ay + by) / 2 + 2);
  spin ();
  g_assert_cmpstr (hd_map_interaction_get_selected_belt (interaction), ==, fixture->belt_id);
  belt_list = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (fixture->base.window),
                                                            HD_TYPE_WINDOW, "belt_list"));
  g_assert_cmpstr (hd_belt_get_id (selected_item (fixture->base.window,
                                                  G_LIST_MODEL (gtk_list_view_get_model (belt_list)))),
                   ==, fixture->belt_id);

  /* Chain mode (R): each click appends a site, one undo step each. */
  g_assert_true (map_key (view, GDK_KEY_r, 0));
  g_assert_cmpint (hd_map_interaction_get_mode (interaction), ==, HD_MAP_MODE_CHAIN);
  site_point (fixture, view, 2, &x, &y);
  click (interaction, x, y, 0);
  site_point (fixture, view, 3, &x, &y);
  click (interaction, x, y, 0);
  route = hd_store_dup_belt_route (store, fixture->belt_id);
  g_assert_cmpuint (g_strv_length (route), ==, 4);
  g_assert_cmpstr (route[2], ==, fixture->site_ids[2]);
  g_assert_cmpstr (route[3], ==, fixture->site_ids[3]);
  g_assert_cmpstr (hd_store_get_undo_label (store), ==, "Change the route of “鼓楼红色示范带”");
  /* The belt stays selected while chaining. */
  g_assert_cmpstr (hd_map_interaction_get_selected_belt (interaction), ==, fixture->belt_id);
  keep_shot (fixture, "map-chained.png");

  /* A site already there is not added twice: removal is offered (a toast whose Remove button
   * runs win.remove-from-route). */
  site_point (fixture, view, 0, &x, &y);
  click (interaction, x, y, 0);
  g_clear_pointer (&route, g_strfreev);
  route = hd_store_dup_belt_route (store, fixture->belt_id);
  g_assert_cmpuint (g_strv_length (route), ==, 4);
  g_assert_cmpstr (fixture->offered, ==, fixture->site_ids[0]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "win.remove-from-route", "(ss)",
                                             fixture->belt_id, fixture->site_ids[0]));
  g_clear_pointer (&route, g_strfreev);
  route = hd_store_dup_belt_route (store, fixture->belt_id);
  g_assert_cmpuint (g_strv_length (route), ==, 3);
  g_assert_cmpstr (route[0], ==, fixture->site_ids[1]);
  /* Shift+click removes at once. */
  site_point (fixture, view, 3, &x, &y);
  click (interaction, x, y, GDK_SHIFT_MASK);
  g_clear_pointer (&route, g_strfreev);
  route = hd_store_dup_belt_route (store, fixture->belt_id);
  g_assert_cmpuint (g_strv_length (route), ==, 2);
  g_assert_cmpstr (route[1], ==, fixture->site_ids[2]);

  /* Undo takes the steps back one by one. */
  g_assert_true (hd_store_undo (store, &error));
  g_assert_true (hd_store_undo (store, &error));
  g_assert_no_error (error);
  g_clear_pointer (&route, g_strfreev);
  route = hd_store_dup_belt_route (store, fixture->belt_id);
  g_assert_cmpuint (g_strv_length (route), ==, 4);
  g_assert_cmpstr (route[0], ==, fixture->site_ids[0]);
  g_assert_cmpstr (route[3], ==, fixture->site_ids[3]);

  /* Escape leaves the mode; the belt stays selected, and Enter opens its editor. */
  g_assert_true (map_key (view, GDK_KEY_Escape, 0));
  g_assert_cmpint (hd_map_interaction_get_mode (interaction), ==, HD_MAP_MODE_BROWSE);
  g_assert_cmpstr (hd_map_interaction_get_selected_belt (interaction), ==, fixture->belt_id);
  g_assert_true (map_key (view, GDK_KEY_Return, 0));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (HD_IS_BELT_EDITOR (l->data))
      belt_editor = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (belt_editor);
  gtk_window_destroy (GTK_WINDOW (belt_editor));

  /* Place mode (P): a click on empty map opens a new-site editor at that point. */
  g_assert_true (map_key (view, GDK_KEY_p, 0));
  g_assert_cmpint (hd_map_interaction_get_mode (interaction), ==, HD_MAP_MODE_PLACE);
  x = gtk_widget_get_width (GTK_WIDGET (view)) - 200.0;
  y = gtk_widget_get_height (GTK_WIDGET (view)) - 150.0;
  click (interaction, x, y, 0);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (HD_IS_SITE_EDITOR (l->data))
      editor = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (editor);
  {
    HdSite *site = hd_site_editor_get_site (editor);
    double lat, lon;

    shumate_viewport_widget_coords_to_location (hd_map_view_get_viewport (view),
                                                GTK_WIDGET (view), x, y, &lat, &lon);
    g_assert_null (hd_site_get_id (site));
    g_assert_true (hd_site_get_has_position (site));
    g_assert_cmpfloat_with_epsilon (hd_site_get_latitude (site), lat, 1e-6);
    g_assert_cmpfloat_with_epsilon (hd_site_get_longitude (site), lon, 1e-6);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Site");
  }
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (map_key (view, GDK_KEY_Escape, 0));
  g_assert_cmpint (hd_map_interaction_get_mode (interaction), ==, HD_MAP_MODE_BROWSE);
  /* Escape again clears the selection; once more, it has nothing to do. */
  g_assert_true (map_key (view, GDK_KEY_Escape, 0));
  g_assert_null (hd_map_interaction_get_selected_belt (interaction));
  g_assert_false (map_key (view, GDK_KEY_Escape, 0));

  /* The sidebar's selection selects on the map. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (belt_list)),
                                     GTK_INVALID_LIST_POSITION);
  g_assert_null (hd_map_interaction_get_selected_belt (interaction));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (belt_list)), 0);
  g_assert_cmpstr (hd_map_interaction_get_selected_belt (interaction), ==, fixture->belt_id);
}

static gboolean
centred_on (HdMapView *view,
            double     lat,
            double     lon)
{
  ShumateViewport *viewport = hd_map_view_get_viewport (view);

  return fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - lat) < 1e-4 &&
         fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - lon) < 1e-4;
}

typedef struct {
  HdMapView *view;
  double     lat, lon;
} Target;

static gboolean
arrived (gpointer data)
{
  Target *target = data;

  return centred_on (target->view, target->lat, target->lon);
}

static guint
find_result (GListModel      *results,
             HdMapResultKind  kind,
             const char      *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(HdMapResult) result = g_list_model_get_item (results, i);

      if (hd_map_result_get_kind (result) == kind && g_strcmp0 (hd_map_result_get_id (result), id) == 0)
        return i;
    }
  return G_MAXUINT;
}

static void
test_search (MapFixture    *fixture,
             gconstpointer  data)
{
  g_autoptr(HdRegion) region = hd_region_new ();
  g_autoptr(GError) error = NULL;
  HdMapView *view;
  HdMapInteraction *interaction;
  HdMapSearch *search;
  GListModel *results;
  guint position;
  Target target;

  /* A district drawn as a box north of the sites. */
  hd_region_set_name (region, "鼓楼区");
  hd_region_set_level (region, HD_REGION_LEVEL_DISTRICT);
  hd_region_set_geometry (region, "{\"type\":\"Polygon\",\"coordinates\":[[[119.20,26.10],"
                                  "[119.40,26.10],[119.40,26.20],[119.20,26.20],[119.20,26.10]]]}");
  g_assert_true (hd_store_save_region (fixture->base.store, region, &error));
  g_assert_no_error (error);

  view = show_map (fixture);
  interaction = hd_map_view_get_interaction (view);
  search = HD_MAP_SEARCH (hd_map_view_get_search (view));
  results = hd_map_search_get_results (search);

  /* Ctrl+F on the map: the search entry has the focus. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (map_key (view, GDK_KEY_f, GDK_CONTROL_MASK));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->base.window)),
                                         GTK_WIDGET (search)));

  /* Nothing typed: no results, not the whole workspace. */
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);

  /* A Chinese substring from the middle of a name. */
  hd_map_search_set_text (search, "党建");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  g_assert_cmpuint (find_result (results, HD_MAP_RESULT_SITE, fixture->site_ids[2]), ==, 0);
  hd_map_search_set_text (search, "没有这个");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);

  /* "鼓楼" is in a site, the belt and the region: all three are found. */
  hd_map_search_set_text (search, "鼓楼");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 3);
  g_assert_cmpuint (find_result (results, HD_MAP_RESULT_REGION, hd_region_get_id (region)), !=,
                    G_MAXUINT);

  /* Choosing the site selects it and flies there, zoomed in. */
  position = find_result (results, HD_MAP_RESULT_SITE, fixture->site_ids[0]);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  hd_map_search_choose (search, position);
  g_assert_cmpstr (hd_map_interaction_get_selected_site (interaction), ==, fixture->site_ids[0]);
  target = (Target) { view, places[0].lat, places[0].lon };
  g_assert_true (wait_until (arrived, &target));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (hd_map_view_get_viewport (view)), >, 14.9);
  keep_shot (fixture, "map-site-found.png");

  /* Choosing the belt selects it and flies to the middle of its route. */
  hd_map_search_set_text (search, "示范带");
  position = find_result (results, HD_MAP_RESULT_BELT, fixture->belt_id);
  g_assert_cmpuint (position, ==, 0);
  hd_map_search_choose (search, position);
  g_assert_cmpstr (hd_map_interaction_get_selected_belt (interaction), ==, fixture->belt_id);
  g_assert_null (hd_map_interaction_get_selected_site (interaction));
  target = (Target) { view, (places[0].lat + places[1].lat) / 2,
                      (places[0].lon + places[1].lon) / 2 };
  g_assert_true (wait_until (arrived, &target));

  /* A new site is found once it exists (the index follows the store). */
  {
    g_autoptr(HdSite) site = hd_site_new ();

    hd_site_set_name (site, "新建红色驿站");
    hd_site_set_position (site, 26.085, 119.305);
    g_assert_true (hd_store_save_site (fixture->base.store, site, &error));
    hd_map_search_set_text (search, "新建");
    g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  }

  /* The region: flown to the middle of its boundary. */
  hd_map_search_set_text (search, "鼓楼区");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  hd_map_search_choose (search, 0);
  target = (Target) { view, 26.15, 119.30 };
  g_assert_true (wait_until (arrived, &target));

  keep_shot (fixture, "map-belt-selected.png");
}

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* Lets a flight (600 ms) finish. */
static void
spin_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  g_assert_true (wait_until (time_passed, &until));
}

static gboolean
has_markers (gpointer data)
{
  return hd_map_view_get_n_markers (data) > 0 &&
         shumate_viewport_get_zoom_level (hd_map_view_get_viewport (data)) > 9;
}

static guint
count_substrings (const char *data,
                  gsize       length,
                  const char *needle)
{
  gsize n = strlen (needle);
  guint count = 0;

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      count++;
  return count;
}

/* The view exported: a PNG the size of the map with the route where it is drawn, and a PDF
 * whose only image is the base map (routes and glyphs are paths, names are text). */
static void
check_exports (Fixture    *fixture,
               HdMapView  *view,
               GStrv       route)
{
  g_autofree char *png = g_build_filename (fixture->dir, "view.png", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "view.pdf", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "no-such-folder", "view.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *contents = NULL;
  g_autofree guchar *pixels = NULL;
  const char *keep = g_getenv ("HONGDAI_TEST_SHOTS");
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  gsize length;
  double x, y;
  HdSite *site = hd_store_lookup_site (fixture->store, route[0]);

  g_assert_true (hd_map_view_export (view, png, HD_MAP_EXPORT_PNG, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  /* The first site's glyph: not the base map's pale land there. */
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  g_assert_true (hd_map_view_lonlat_to_widget (view, hd_site_get_longitude (site),
                                               hd_site_get_latitude (site), &x, &y));
  {
    const guchar *p = pixels + ((gsize) y * width + (gsize) x) * 4;

    g_assert_cmpint (p[0] + p[1] + p[2], <, 3 * 200);
  }

  g_assert_true (hd_map_view_export (view, pdf, HD_MAP_EXPORT_PDF, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_cmpmem (contents, 5, "%PDF-", 5);
  g_assert_cmpuint (count_substrings (contents, length, "/Subtype /Image"), ==, 1);
  g_assert_cmpuint (count_substrings (contents, length, "/FontFile"), >, 0);

  /* A folder that does not exist: a clear error, nothing written. */
  g_assert_false (hd_map_view_export (view, bad, HD_MAP_EXPORT_PDF, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "view.pdf"));

  if (keep != NULL && *keep != '\0')
    {
      g_autofree char *copy = g_build_filename (keep, "map-export.pdf", NULL);

      g_assert_true (g_file_set_contents (copy, contents, length, NULL));
    }
}

/* The sample: picking each belt in the sidebar selects it on the map and brings its whole
 * route into view. */
static void
test_sample_belts (Fixture       *fixture,
                   gconstpointer  data)
{
  HdMapView *view;
  HdMapInteraction *interaction;
  GtkListView *belt_list;
  GtkSingleSelection *selection;
  guint n;

  hd_test_fixture_open (fixture, TRUE);
  fixture->window = hd_test_show_window (app, fixture->store);
  view = HD_MAP_VIEW (hd_window_get_map_view (fixture->window));
  g_assert_true (wait_until (has_markers, view));
  spin_ms (100);
  interaction = hd_map_view_get_interaction (view);
  belt_list = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                            HD_TYPE_WINDOW, "belt_list"));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (belt_list));
  n = g_list_model_get_n_items (G_LIST_MODEL (selection));
  g_assert_cmpuint (n, >, 0);

  for (guint i = 0; i < n; i++)
    {
      HdBelt *belt;
      g_auto(GStrv) route = NULL;

      gtk_single_selection_set_selected (selection, i);
      belt = gtk_single_selection_get_selected_item (selection);
      g_assert_cmpstr (hd_map_interaction_get_selected_belt (interaction), ==,
                       hd_belt_get_id (belt));
      spin_ms (900);

      route = hd_store_dup_belt_route (fixture->store, hd_belt_get_id (belt));
      for (guint k = 0; route[k] != NULL; k++)
        {
          HdSite *site = hd_store_lookup_site (fixture->store, route[k]);
          double x, y;

          if (!hd_site_get_has_position (site))
            continue;
          g_assert_true (hd_map_view_lonlat_to_widget (view, hd_site_get_longitude (site),
                                                       hd_site_get_latitude (site), &x, &y));
          g_assert_cmpfloat (x, >=, 0);
          g_assert_cmpfloat (y, >=, 0);
          g_assert_cmpfloat (x, <=, gtk_widget_get_width (GTK_WIDGET (view)));
          g_assert_cmpfloat (y, <=, gtk_widget_get_height (GTK_WIDGET (view)));
        }
      if (i == 0)
        {
          MapFixture shot = { .base = *fixture };

          keep_shot (&shot, "map-sample-belt.png");
          check_exports (fixture, view, route);
        }
    }
}

/* Many sites: the view shows clusters, and a click on one zooms in on it. */
static void
test_cluster_click (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GString) json = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  HdMapView *view;
  HdMapInteraction *interaction;
  ShumateViewport *viewport;
  double zoom, width, height;
  gboolean zoomed = FALSE;

  hd_test_fixture_open (fixture, FALSE);
  for (guint i = 0; i < 1500; i++)
    {
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (json, "%s{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\","
                              " \"coordinates\": [%s, %s]}, \"properties\": {\"name\": \"点%u\"}}",
                              i == 0 ? "" : ",",
                              g_ascii_formatd (lon, sizeof lon, "%.6f",
                                               g_rand_double_range (rand, 119.25, 119.35)),
                              g_ascii_formatd (lat, sizeof lat, "%.6f",
                                               g_rand_double_range (rand, 26.03, 26.10)), i);
    }
  g_string_append (json, "]}");
  path = g_build_filename (fixture->dir, "many.geojson", NULL);
  g_assert_true (g_file_set_contents (path, json->str, json->len, &error));
  file = g_file_new_for_path (path);
  g_assert_true (hd_geojson_parse_file (batch, file, &error));
  g_assert_true (hd_store_import (fixture->store, batch, FALSE, NULL, &error));
  g_assert_no_error (error);

  fixture->window = hd_test_show_window (app, fixture->store);
  view = HD_MAP_VIEW (hd_window_get_map_view (fixture->window));
  g_assert_true (wait_until (has_markers, view));
  spin_ms (200);
  interaction = hd_map_view_get_interaction (view);
  viewport = hd_map_view_get_viewport (view);
  zoom = shumate_viewport_get_zoom_level (viewport);
  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));

  /* Clicks around the middle until one lands on a cluster (a disc in each 64 px cell). */
  for (guint k = 0; k < 25 && !zoomed; k++)
    {
      double x = width / 2 + (k % 5) * 13.0, y = height / 2 + (k / 5) * 13.0;

      /* Clustered: no single site is under the pointer, so the press is not taken. */
      g_assert_false (hd_map_interaction_press (interaction, x, y, 0));
      hd_map_interaction_release (interaction, x, y);
      spin_ms (500);
      zoomed = shumate_viewport_get_zoom_level (viewport) > zoom + 1.9;
    }
  g_assert_true (zoomed);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = hd_test_app_new ();

  g_test_add ("/ui-map/select-and-drag", MapFixture, NULL,
              map_fixture_set_up, test_select_and_drag, map_fixture_tear_down);
  g_test_add ("/ui-map/chain-and-place", MapFixture, NULL,
              map_fixture_set_up, test_chain_and_place, map_fixture_tear_down);

  g_test_add ("/ui-map/search", MapFixture, NULL,
              map_fixture_set_up, test_search, map_fixture_tear_down);

  g_test_add ("/ui-map/cluster-click", Fixture, NULL,
              NULL, test_cluster_click, fixture_tear_down);
  g_test_add ("/ui-map/sample-belts", Fixture, NULL,
              NULL, test_sample_belts, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
