/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-map-interaction"

#include <math.h>

#include <glib/gi18n.h>

#include "hd-map-interaction.h"

/* How long a click on a cluster takes to zoom in on it. */
#define CLUSTER_ZOOM_MS 400

struct _HdMapInteraction
{
  GObject         parent_instance;

  HdStore        *store;
  ShumateMap     *map;          /* not owned: the map view holds the map, the layers and us */
  HdSiteLayer    *site_layer;
  HdBeltLayer    *belt_layer;
  GtkGesture     *drag;

  HdMapMode       mode;
  char           *selected_site;
  char           *selected_belt;

  /* The press being handled. */
  gboolean        pressed;
  char           *press_site;   /* the site under the press, if any */
  GdkModifierType press_state;
  double          press_x, press_y;
  double          grab_dx, grab_dy;  /* from the pointer to the pressed site's centre */
  gboolean        moved;        /* further than the drag threshold since the press */
  gboolean        dragging;     /* press_site follows the pointer */
  gboolean        picking;      /* the next click reports a position ("picked") */
};

G_DEFINE_FINAL_TYPE (HdMapInteraction, hd_map_interaction, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODE,
  PROP_SELECTED_SITE,
  PROP_SELECTED_BELT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PLACE_SITE,
  PICKED,
  NOTICE,
  FAILED,
  OFFER_REMOVAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
drag_threshold (HdMapInteraction *self)
{
  int threshold = 8;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self->site_layer)),
                "gtk-dnd-drag-threshold", &threshold, NULL);
  return MAX (threshold, 1);
}

static void
to_location (HdMapInteraction *self,
             double            x,
             double            y,
             double           *lat,
             double           *lon)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self->site_layer));

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->site_layer), x, y,
                                              lat, lon);
}

/* The site layer is only hit at sites (see hd_site_layer_site_at()): its cursor shows over
 * them; the map's shows elsewhere. ShumateMap sets its own "grab" cursor after a pan. */
static void
update_cursor (HdMapInteraction *self)
{
  const char *over_site = self->dragging ? "grabbing"
                          : self->mode == HD_MAP_MODE_CHAIN ? "copy" : "pointer";

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->site_layer),
                                   self->picking ? "crosshair" : over_site);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map),
                                   self->mode == HD_MAP_MODE_PLACE || self->picking ? "crosshair" : "grab");
}

static void
end_press (HdMapInteraction *self)
{
  self->pressed = FALSE;
  self->moved = FALSE;
  g_clear_pointer (&self->press_site, g_free);
  if (self->dragging)
    {
      self->dragging = FALSE;
      hd_site_layer_set_preview (self->site_layer, NULL, 0, 0);
      update_cursor (self);
    }
}

gboolean
hd_map_interaction_press (HdMapInteraction *self,
                          double            x,
                          double            y,
                          GdkModifierType   state)
{
  const char *site;

  g_return_val_if_fail (HD_IS_MAP_INTERACTION (self), FALSE);

  end_press (self);
  /* While picking a position, sites are not grabbed: a click on one picks its place. */
  site = self->picking ? NULL : hd_site_layer_site_at (self->site_layer, x, y);
  self->pressed = TRUE;
  self->press_x = x;
  self->press_y = y;
  self->press_state = state;
  self->press_site = g_strdup (site);
  self->grab_dx = self->grab_dy = 0;
  if (site != NULL)
    {
      double sx, sy;

      /* The site keeps its place under the pointer instead of jumping to it. */
      if (hd_site_layer_get_site_point (self->site_layer, site, &sx, &sy))
        {
          self->grab_dx = sx - x;
          self->grab_dy = sy - y;
        }
    }
  return site != NULL;
}

void
hd_map_interaction_motion (HdMapInteraction *self,
                           double            x,
                           double            y)
{
  double lat, lon;

  g_return_if_fail (HD_IS_MAP_INTERACTION (self));

  if (!self->pressed)
    return;
  if (!self->moved && hypot (x - self->press_x, y - self->press_y) >= drag_threshold (self))
    {
      self->moved = TRUE;
      self->dragging = self->press_site != NULL;
    }
  if (!self->dragging)
    return;

  to_location (self, x + self->grab_dx, y + self->grab_dy, &lat, &lon);
  hd_site_layer_set_preview (self->site_layer, self->press_site, lat, lon);
  update_cursor (self);
}

static void
drop_site (HdMapInteraction *self,
           double            x,
           double            y)
{
  g_autoptr(GError) error = NULL;
  double lat, lon;

  to_location (self, x + self->grab_dx, y + self->grab_dy, &lat, &lon);
  if (!hd_store_move_site (self->store, self->press_site, lat, lon, &error))
    g_signal_emit (self, signals[FAILED], 0, _("Cannot Move the Site"), error);
  else
    hd_map_interaction_select_site (self, self->press_site);
}

/* The route of the selected belt with @site_id appended, or taken out (@remove); one store
 * command. */
static gboolean
change_route (HdMapInteraction *self,
              const char       *belt_id,
              const char       *site_id,
              gboolean          remove)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_auto(GStrv) route = hd_store_dup_belt_route (self->store, belt_id);
  gboolean on_route = FALSE;

  for (guint i = 0; route[i] != NULL; i++)
    {
      if (g_strcmp0 (route[i], site_id) == 0)
        on_route = TRUE;
      else
        g_ptr_array_add (ids, route[i]);
    }
  if (on_route != remove)
    return FALSE;
  if (!remove)
    g_ptr_array_add (ids, (gpointer) site_id);
  g_ptr_array_add (ids, NULL);

  if (!hd_store_set_belt_route (self->store, belt_id, (const char * const *) ids->pdata, &error))
    {
      g_signal_emit (self, signals[FAILED], 0, _("Cannot Change the Route"), error);
      return FALSE;
    }
  return TRUE;
}

static void
chain_site (HdMapInteraction *self,
            const char       *site_id,
            gboolean          remove)
{
  g_auto(GStrv) route = NULL;
  HdBelt *belt = self->selected_belt != NULL
    ? hd_store_lookup_belt (self->store, self->selected_belt) : NULL;

  if (belt == NULL)
    {
      g_signal_emit (self, signals[NOTICE], 0, _("Select a belt to add sites to its route"));
      return;
    }
  if (hd_store_lookup_site (self->store, site_id) == NULL)
    return;

  route = hd_store_dup_belt_route (self->store, self->selected_belt);
  if (!remove && g_strv_contains ((const char * const *) route, site_id))
    {
      /* Not added twice: the window offers to take it out instead. */
      g_signal_emit (self, signals[OFFER_REMOVAL], 0, self->selected_belt, site_id);
      return;
    }
  /* The site is not selected: that would take the sidebar away from the belt being built. */
  change_route (self, self->selected_belt, site_id, remove);
}

gboolean
hd_map_interaction_remove_from_route (HdMapInteraction *self,
                                      const char       *belt_id,
                                      const char       *site_id)
{
  g_return_val_if_fail (HD_IS_MAP_INTERACTION (self), FALSE);
  g_return_val_if_fail (belt_id != NULL && site_id != NULL, FALSE);

  if (hd_store_lookup_belt (self->store, belt_id) == NULL)
    return FALSE;
  return change_route (self, belt_id, site_id, TRUE);
}

void
hd_map_interaction_release (HdMapInteraction *self,
                            double            x,
                            double            y)
{
  g_autofree char *site = NULL;
  const char *belt;
  double lat, lon;

  g_return_if_fail (HD_IS_MAP_INTERACTION (self));

  if (!self->pressed)
    return;
  hd_map_interaction_motion (self, x, y);

  if (self->dragging)
    {
      drop_site (self, x, y);
      end_press (self);
      return;
    }
  if (self->moved)
    {
      /* The map panned: not a click. */
      end_press (self);
      update_cursor (self);
      return;
    }

  if (self->picking)
    {
      to_location (self, x, y, &lat, &lon);
      self->picking = FALSE;
      end_press (self);
      update_cursor (self);
      g_signal_emit (self, signals[PICKED], 0, TRUE, lat, lon);
      return;
    }
  site = g_steal_pointer (&self->press_site);
  if (site != NULL && self->mode == HD_MAP_MODE_CHAIN)
    chain_site (self, site, (self->press_state & GDK_SHIFT_MASK) != 0);
  else if (site != NULL)
    hd_map_interaction_select_site (self, site);
  else if (self->mode == HD_MAP_MODE_PLACE)
    {
      to_location (self, x, y, &lat, &lon);
      g_signal_emit (self, signals[PLACE_SITE], 0, lat, lon);
    }
  else if (hd_site_layer_cluster_at (self->site_layer, x, y, &lat, &lon))
    {
      /* A cluster opens up: closer, centred on its sites. */
      ShumateViewport *viewport = shumate_map_get_viewport (self->map);

      shumate_map_go_to_full_with_duration (self->map, lat, lon,
                                            MIN (shumate_viewport_get_zoom_level (viewport) + 2,
                                                 shumate_viewport_get_max_zoom_level (viewport)),
                                            CLUSTER_ZOOM_MS);
    }
  else if ((belt = hd_belt_layer_belt_at (self->belt_layer, x, y)) != NULL)
    {
      hd_map_interaction_select_site (self, NULL);
      hd_map_interaction_select_belt (self, belt);
    }
  else if (self->mode == HD_MAP_MODE_BROWSE)
    {
      /* A click on nothing: nothing is selected. Chain mode keeps its belt. */
      hd_map_interaction_select_site (self, NULL);
      hd_map_interaction_select_belt (self, NULL);
    }
  end_press (self);
}

gboolean
hd_map_interaction_escape (HdMapInteraction *self)
{
  g_return_val_if_fail (HD_IS_MAP_INTERACTION (self), FALSE);

  if (self->dragging)
    {
      /* The site goes back; the store was never touched. */
      end_press (self);
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
      return TRUE;
    }
  if (self->picking)
    {
      hd_map_interaction_cancel_pick (self);
      return TRUE;
    }
  if (self->mode != HD_MAP_MODE_BROWSE)
    {
      hd_map_interaction_set_mode (self, HD_MAP_MODE_BROWSE);
      return TRUE;
    }
  if (self->selected_site != NULL || self->selected_belt != NULL)
    {
      hd_map_interaction_select_site (self, NULL);
      hd_map_interaction_select_belt (self, NULL);
      return TRUE;
    }
  return FALSE;
}

void
hd_map_interaction_begin_pick (HdMapInteraction *self)
{
  g_return_if_fail (HD_IS_MAP_INTERACTION (self));

  end_press (self);
  self->picking = TRUE;
  update_cursor (self);
  /* Escape must reach the map's key handler: focus the nearest focusable holder of the map. */
  for (GtkWidget *w = GTK_WIDGET (self->map); w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_get_focusable (w))
      {
        gtk_widget_grab_focus (w);
        break;
      }
}

void
hd_map_interaction_cancel_pick (HdMapInteraction *self)
{
  g_return_if_fail (HD_IS_MAP_INTERACTION (self));

  if (!self->picking)
    return;
  self->picking = FALSE;
  update_cursor (self);
  g_signal_emit (self, signals[PICKED], 0, FALSE, 0.0, 0.0);
}

gboolean
hd_map_interaction_is_picking (HdMapInteraction *self)
{
  g_return_val_if_fail (HD_IS_MAP_INTERACTION (self), FALSE);
  return self->picking;
}

gboolean
hd_map_interaction_is_dragging (HdMapInteraction *self)
{
  g_return_val_if_fail (HD_IS_MAP_INTERACTION (self), FALSE);

  return self->dragging;
}

/* Gestures */

static void
on_drag_begin (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               HdMapInteraction *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  /* Taking the press keeps the map from panning under a dragged site. */
  if (hd_map_interaction_press (self, x, y, state))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_update (GtkGestureDrag   *gesture,
                double            dx,
                double            dy,
                HdMapInteraction *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  hd_map_interaction_motion (self, x + dx, y + dy);
}

static void
on_drag_end (GtkGestureDrag   *gesture,
             double            dx,
             double            dy,
             HdMapInteraction *self)
{
  double x, y;

  /* An Escape during the drag already reset it. */
  if (!self->pressed)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  hd_map_interaction_release (self, x + dx, y + dy);
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                HdMapInteraction *self)
{
  end_press (self);
}

/* Selection and mode */

static void
on_store_changed (HdStore  *store,
                  guint     kinds,
                  GStrv     ids,
                  gpointer  user_data)
{
  HdMapInteraction *self = user_data;

  /* A deleted (or undone) record is no longer selected. */
  if (self->selected_site != NULL && hd_store_lookup_site (store, self->selected_site) == NULL)
    hd_map_interaction_select_site (self, NULL);
  if (self->selected_belt != NULL && hd_store_lookup_belt (store, self->selected_belt) == NULL)
    hd_map_interaction_select_belt (self, NULL);
}

HdMapMode
hd_map_interaction_get_mode (HdMapInteraction *self)
{
  g_return_val_if_fail (HD_IS_MAP_INTERACTION (self), HD_MAP_MODE_BROWSE);

  return self->mode;
}

void
hd_map_interaction_set_mode (HdMapInteraction *self,
                             HdMapMode         mode)
{
  g_return_if_fail (HD_IS_MAP_INTERACTION (self));
  g_return_if_fail (mode <= HD_MAP_MODE_CHAIN);

  if (self->mode == mode)
    return;
  self->mode = mode;
  update_cursor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

const char *
hd_map_interaction_get_selected_site (HdMapInteraction *self)
{
  g_return_val_if_fail (HD_IS_MAP_INTERACTION (self), NULL);

  return self->selected_site;
}

const char *
hd_map_interaction_get_selected_belt (HdMapInteraction *self)
{
  g_return_val_if_fail (HD_IS_MAP_INTERACTION (self), NULL);

  return self->selected_belt;
}

void
hd_map_interaction_select_site (HdMapInteraction *self,
                                const char       *site_id)
{
  g_return_if_fail (HD_IS_MAP_INTERACTION (self));

  if (g_strcmp0 (self->selected_site, site_id) == 0)
    return;
  g_free (self->selected_site);
  self->selected_site = g_strdup (site_id);
  hd_site_layer_set_selected (self->site_layer, site_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SITE]);
}

void
hd_map_interaction_select_belt (HdMapInteraction *self,
                                const char       *belt_id)
{
  g_return_if_fail (HD_IS_MAP_INTERACTION (self));

  if (g_strcmp0 (self->selected_belt, belt_id) == 0)
    return;
  g_free (self->selected_belt);
  self->selected_belt = g_strdup (belt_id);
  hd_belt_layer_set_selected (self->belt_layer, belt_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_BELT]);
}

static void
hd_map_interaction_dispose (GObject *object)
{
  HdMapInteraction *self = HD_MAP_INTERACTION (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->selected_site, g_free);
  g_clear_pointer (&self->selected_belt, g_free);
  g_clear_pointer (&self->press_site, g_free);

  G_OBJECT_CLASS (hd_map_interaction_parent_class)->dispose (object);
}

static void
hd_map_interaction_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HdMapInteraction *self = HD_MAP_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;

    case PROP_SELECTED_SITE:
      g_value_set_string (value, self->selected_site);
      break;

    case PROP_SELECTED_BELT:
      g_value_set_string (value, self->selected_belt);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_map_interaction_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HdMapInteraction *self = HD_MAP_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_MODE:
      hd_map_interaction_set_mode (self, g_value_get_int (value));
      break;

    case PROP_SELECTED_SITE:
      hd_map_interaction_select_site (self, g_value_get_string (value));
      break;

    case PROP_SELECTED_BELT:
      hd_map_interaction_select_belt (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_map_interaction_class_init (HdMapInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_map_interaction_dispose;
  object_class->get_property = hd_map_interaction_get_property;
  object_class->set_property = hd_map_interaction_set_property;

  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL,
                      HD_MAP_MODE_BROWSE, HD_MAP_MODE_CHAIN, HD_MAP_MODE_BROWSE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_SITE] =
    g_param_spec_string ("selected-site", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_BELT] =
    g_param_spec_string ("selected-belt", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PICKED] =
    g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_BOOLEAN, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[PLACE_SITE] =
    g_signal_new ("place-site", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[OFFER_REMOVAL] =
    g_signal_new ("offer-removal", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
hd_map_interaction_init (HdMapInteraction *self)
{
}

HdMapInteraction *
hd_map_interaction_new (HdStore     *store,
                        ShumateMap  *map,
                        HdSiteLayer *site_layer,
                        HdBeltLayer *belt_layer)
{
  HdMapInteraction *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (SHUMATE_IS_MAP (map), NULL);
  g_return_val_if_fail (HD_IS_SITE_LAYER (site_layer), NULL);
  g_return_val_if_fail (HD_IS_BELT_LAYER (belt_layer), NULL);

  self = g_object_new (HD_TYPE_MAP_INTERACTION, NULL);
  self->store = g_object_ref (store);
  self->map = map;
  self->site_layer = site_layer;
  self->belt_layer = belt_layer;

  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (self->drag, "drag-begin", G_CALLBACK (on_drag_begin), self, 0);
  g_signal_connect_object (self->drag, "drag-update", G_CALLBACK (on_drag_update), self, 0);
  g_signal_connect_object (self->drag, "drag-end", G_CALLBACK (on_drag_end), self, 0);
  g_signal_connect_object (self->drag, "cancel", G_CALLBACK (on_drag_cancel), self, 0);
  /* On the map, in the capture phase: before the map's own drag gesture (which pans), so a
   * press on a site can be claimed; layers do not take pointer events themselves. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->drag),
                                              GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (map), GTK_EVENT_CONTROLLER (self->drag));
  update_cursor (self);

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, 0);
  return self;
}
