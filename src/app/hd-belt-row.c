/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-belt-row"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hd-application.h"
#include "hd-light-dot.h"
#include "hd-subject.h"
#include "hd-belt-meter.h"
#include "hd-belt-row.h"

struct _HdBeltRow
{
  GtkWidget  parent_instance;

  HdBelt    *belt;
  HdLights  *lights;
  GtkWidget *menu;

  GtkWidget *grid;
  HdLightDot *light_dot;
  GtkLabel  *name_label;
  GtkLabel  *subtitle_label;
  GtkLabel  *count_label;
  GtkWidget *meter;
};

G_DEFINE_FINAL_TYPE (HdBeltRow, hd_belt_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BELT,
  PROP_LIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
hd_belt_row_format_subtitle (const char  *brand,
                             HdBeltStage  stage)
{
  const char *stage_label = hd_belt_stage_label (stage);

  if (brand == NULL || *brand == '\0')
    return g_strdup (stage_label);

  /* Translators: a belt's brand, then its stage ("Brand · Foundation") */
  return g_strdup_printf (_("%s · %s"), brand, stage_label);
}

char *
hd_belt_row_format_count (int sites,
                          int target)
{
  /* Translators: shown next to a belt's meter, e.g. "5 / 8 sites"; the plural follows the target */
  return g_strdup_printf (ngettext ("%d / %d site", "%d / %d sites", target), sites, target);
}

char *
hd_belt_row_format_count_accessible (int sites,
                                     int target)
{
  /* Translators: what a screen reader says for a belt's meter, e.g. "5 of 8 sites" */
  return g_strdup_printf (ngettext ("%d of %d site", "%d of %d sites", target), sites, target);
}

static void
draw_meter (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  HdBeltRow *self = user_data;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  HdBeltMeterColours colours;
  GdkRGBA fg;
  int sites;

  if (self->belt == NULL)
    return;

  sites = hd_belt_get_site_count (self->belt);
  hd_belt_meter_default_colours (&colours, adw_style_manager_get_dark (style_manager));

  /* The track follows the theme's text colour, so it reads in light, dark and high contrast. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  colours.track = (HdColour) { fg.red, fg.green, fg.blue, 0.15 };

  hd_belt_meter_draw (cr, width, height, sites, HD_BELT_MIN_SITES, &colours);
}

static void
hd_belt_row_sync (HdBeltRow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  g_autofree char *accessible = NULL;
  int sites;

  if (self->belt == NULL)
    {
      gtk_label_set_label (self->name_label, NULL);
      gtk_label_set_label (self->subtitle_label, NULL);
      gtk_label_set_label (self->count_label, NULL);
      gtk_widget_queue_draw (self->meter);
      return;
    }

  sites = hd_belt_get_site_count (self->belt);
  subtitle = hd_belt_row_format_subtitle (hd_belt_get_brand (self->belt),
                                          hd_belt_get_stage (self->belt));
  count = hd_belt_row_format_count (sites, HD_BELT_MIN_SITES);
  accessible = hd_belt_row_format_count_accessible (sites, HD_BELT_MIN_SITES);

  gtk_label_set_label (self->name_label, hd_belt_get_name (self->belt));
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->count_label, count);

  if (sites < HD_BELT_MIN_SITES)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "success");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->meter),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) HD_BELT_MIN_SITES,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  (double) MIN (sites, HD_BELT_MIN_SITES),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, accessible,
                                  -1);
  gtk_widget_queue_draw (self->meter);
}

static void
hd_belt_row_sync_light (HdBeltRow *self)
{
  HdSubjectKind kind = HD_SUBJECT_BELT;
  const char *id;
  HdLight light;

  if (self->belt == NULL || self->lights == NULL)
    {
      hd_light_dot_set (self->light_dot, HD_LIGHT_GREY, HD_LIGHT_REASON_NEVER_INSPECTED);
      return;
    }

  id = hd_belt_get_id (self->belt);
  light = hd_lights_get (self->lights, kind, id);
  hd_light_dot_set (self->light_dot, light, hd_lights_get_reasons (self->lights, kind, id));
}

static void
on_belt_notify (HdBeltRow  *self,
                GParamSpec *pspec,
                HdBelt     *belt)
{
  hd_belt_row_sync (self);
}

HdBelt *
hd_belt_row_get_belt (HdBeltRow *self)
{
  g_return_val_if_fail (HD_IS_BELT_ROW (self), NULL);

  return self->belt;
}

void
hd_belt_row_set_belt (HdBeltRow *self,
                      HdBelt    *belt)
{
  g_return_if_fail (HD_IS_BELT_ROW (self));
  g_return_if_fail (belt == NULL || HD_IS_BELT (belt));

  if (self->belt == belt)
    return;

  if (self->belt != NULL)
    g_signal_handlers_disconnect_by_func (self->belt, on_belt_notify, self);

  g_set_object (&self->belt, belt);

  /* The store updates its objects in place: follow every property. */
  if (belt != NULL)
    g_signal_connect_object (belt, "notify", G_CALLBACK (on_belt_notify), self, G_CONNECT_SWAPPED);

  hd_belt_row_sync (self);
  hd_belt_row_sync_light (self);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BELT]);
}

HdLights *
hd_belt_row_get_lights (HdBeltRow *self)
{
  g_return_val_if_fail (HD_IS_BELT_ROW (self), NULL);

  return self->lights;
}

void
hd_belt_row_set_lights (HdBeltRow *self,
                          HdLights  *lights)
{
  g_return_if_fail (HD_IS_BELT_ROW (self));
  g_return_if_fail (lights == NULL || HD_IS_LIGHTS (lights));

  if (self->lights == lights)
    return;

  if (self->lights != NULL)
    g_signal_handlers_disconnect_by_func (self->lights, hd_belt_row_sync_light, self);

  g_set_object (&self->lights, lights);

  if (lights != NULL)
    g_signal_connect_object (lights, "changed",
                             G_CALLBACK (hd_belt_row_sync_light), self, G_CONNECT_SWAPPED);

  hd_belt_row_sync_light (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIGHTS]);
}

/* A right click (or a long press) offers what can be done with the belt. */
static void
hd_belt_row_popup_menu (HdBeltRow *self,
                          double     x,
                          double     y)
{
  if (self->belt == NULL)
    return;

  if (self->menu == NULL)
    {
      g_autoptr(GMenuModel) model = hd_subject_menu_new (HD_SUBJECT_BELT,
                                                         hd_belt_get_id (self->belt));

      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
on_secondary_click (HdBeltRow       *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  hd_belt_row_popup_menu (self, x, y);
}

static void
on_long_press (HdBeltRow          *self,
               double              x,
               double              y,
               GtkGestureLongPress *gesture)
{
  hd_belt_row_popup_menu (self, x, y);
}

static void
hd_belt_row_dispose (GObject *object)
{
  HdBeltRow *self = HD_BELT_ROW (object);

  if (self->belt != NULL)
    g_signal_handlers_disconnect_by_func (self->belt, on_belt_notify, self);
  g_clear_object (&self->belt);
  if (self->lights != NULL)
    g_signal_handlers_disconnect_by_func (self->lights, hd_belt_row_sync_light, self);
  g_clear_object (&self->lights);
  g_clear_pointer (&self->menu, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_BELT_ROW);

  G_OBJECT_CLASS (hd_belt_row_parent_class)->dispose (object);
}

static void
hd_belt_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HdBeltRow *self = HD_BELT_ROW (object);

  switch (prop_id)
    {
    case PROP_BELT:
      g_value_set_object (value, self->belt);
      break;

    case PROP_LIGHTS:
      g_value_set_object (value, self->lights);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_belt_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HdBeltRow *self = HD_BELT_ROW (object);

  switch (prop_id)
    {
    case PROP_BELT:
      hd_belt_row_set_belt (self, g_value_get_object (value));
      break;

    case PROP_LIGHTS:
      hd_belt_row_set_lights (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_belt_row_class_init (HdBeltRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_belt_row_dispose;
  object_class->get_property = hd_belt_row_get_property;
  object_class->set_property = hd_belt_row_set_property;

  properties[PROP_BELT] =
    g_param_spec_object ("belt", NULL, NULL,
                         HD_TYPE_BELT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LIGHTS] =
    g_param_spec_object ("lights", NULL, NULL,
                         HD_TYPE_LIGHTS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HD_TYPE_LIGHT_DOT);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-belt-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HdBeltRow, grid);
  gtk_widget_class_bind_template_child (widget_class, HdBeltRow, light_dot);
  gtk_widget_class_bind_template_child (widget_class, HdBeltRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, HdBeltRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HdBeltRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, HdBeltRow, meter);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdbeltrow");
}

static void
hd_belt_row_init (HdBeltRow *self)
{
  GtkGesture *click;
  GtkGesture *long_press;

  gtk_widget_init_template (GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_secondary_click), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (on_long_press), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->meter), draw_meter, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->meter, G_CONNECT_SWAPPED);
}

GtkWidget *
hd_belt_row_new (void)
{
  return g_object_new (HD_TYPE_BELT_ROW, NULL);
}
