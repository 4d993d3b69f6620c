/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-site-row"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-light-dot.h"
#include "hd-subject.h"
#include "hd-site-row.h"

struct _HdSiteRow
{
  GtkWidget  parent_instance;

  HdSite    *site;
  HdLights  *lights;
  GtkWidget *menu;

  GtkWidget *box;
  HdLightDot *light_dot;
  GtkLabel  *name_label;
  GtkLabel  *subtitle_label;
};

G_DEFINE_FINAL_TYPE (HdSiteRow, hd_site_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SITE,
  PROP_LIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
hd_site_row_format_subtitle (HdSiteKind  kind,
                             const char *organisation)
{
  const char *kind_label = hd_site_kind_label (kind);

  if (organisation == NULL || *organisation == '\0')
    return g_strdup (kind_label);

  /* Translators: a site's kind, then its Party organisation ("Activity venue · ...") */
  return g_strdup_printf (_("%s · %s"), kind_label, organisation);
}

static void
hd_site_row_sync (HdSiteRow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->site == NULL)
    {
      gtk_label_set_label (self->name_label, NULL);
      gtk_label_set_label (self->subtitle_label, NULL);
      return;
    }

  subtitle = hd_site_row_format_subtitle (hd_site_get_kind (self->site),
                                          hd_site_get_organisation (self->site));
  gtk_label_set_label (self->name_label, hd_site_get_name (self->site));
  gtk_label_set_label (self->subtitle_label, subtitle);
}

static void
hd_site_row_sync_light (HdSiteRow *self)
{
  HdSubjectKind kind = HD_SUBJECT_SITE;
  const char *id;
  HdLight light;

  if (self->site == NULL || self->lights == NULL)
    {
      hd_light_dot_set (self->light_dot, HD_LIGHT_GREY, HD_LIGHT_REASON_NEVER_INSPECTED);
      return;
    }

  id = hd_site_get_id (self->site);
  light = hd_lights_get (self->lights, kind, id);
  hd_light_dot_set (self->light_dot, light, hd_lights_get_reasons (self->lights, kind, id));
}

static void
on_site_notify (HdSiteRow  *self,
                GParamSpec *pspec,
                HdSite     *site)
{
  hd_site_row_sync (self);
}

HdSite *
hd_site_row_get_site (HdSiteRow *self)
{
  g_return_val_if_fail (HD_IS_SITE_ROW (self), NULL);

  return self->site;
}

void
hd_site_row_set_site (HdSiteRow *self,
                      HdSite    *site)
{
  g_return_if_fail (HD_IS_SITE_ROW (self));
  g_return_if_fail (site == NULL || HD_IS_SITE (site));

  if (self->site == site)
    return;

  if (self->site != NULL)
    g_signal_handlers_disconnect_by_func (self->site, on_site_notify, self);

  g_set_object (&self->site, site);

  /* The store updates its objects in place: follow every property. */
  if (site != NULL)
    g_signal_connect_object (site, "notify", G_CALLBACK (on_site_notify), self, G_CONNECT_SWAPPED);

  hd_site_row_sync (self);
  hd_site_row_sync_light (self);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE]);
}

HdLights *
hd_site_row_get_lights (HdSiteRow *self)
{
  g_return_val_if_fail (HD_IS_SITE_ROW (self), NULL);

  return self->lights;
}

void
hd_site_row_set_lights (HdSiteRow *self,
                          HdLights  *lights)
{
  g_return_if_fail (HD_IS_SITE_ROW (self));
  g_return_if_fail (lights == NULL || HD_IS_LIGHTS (lights));

  if (self->lights == lights)
    return;

  if (self->lights != NULL)
    g_signal_handlers_disconnect_by_func (self->lights, hd_site_row_sync_light, self);

  g_set_object (&self->lights, lights);

  if (lights != NULL)
    g_signal_connect_object (lights, "changed",
                             G_CALLBACK (hd_site_row_sync_light), self, G_CONNECT_SWAPPED);

  hd_site_row_sync_light (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIGHTS]);
}

/* A right click (or a long press) offers what can be done with the site. */
static void
hd_site_row_popup_menu (HdSiteRow *self,
                          double     x,
                          double     y)
{
  if (self->site == NULL)
    return;

  if (self->menu == NULL)
    {
      g_autoptr(GMenuModel) model = hd_subject_menu_new (HD_SUBJECT_SITE,
                                                         hd_site_get_id (self->site));

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
on_secondary_click (HdSiteRow       *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  hd_site_row_popup_menu (self, x, y);
}

static void
on_long_press (HdSiteRow          *self,
               double              x,
               double              y,
               GtkGestureLongPress *gesture)
{
  hd_site_row_popup_menu (self, x, y);
}

static void
hd_site_row_dispose (GObject *object)
{
  HdSiteRow *self = HD_SITE_ROW (object);

  if (self->site != NULL)
    g_signal_handlers_disconnect_by_func (self->site, on_site_notify, self);
  g_clear_object (&self->site);
  if (self->lights != NULL)
    g_signal_handlers_disconnect_by_func (self->lights, hd_site_row_sync_light, self);
  g_clear_object (&self->lights);
  g_clear_pointer (&self->menu, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_SITE_ROW);

  G_OBJECT_CLASS (hd_site_row_parent_class)->dispose (object);
}

static void
hd_site_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HdSiteRow *self = HD_SITE_ROW (object);

  switch (prop_id)
    {
    case PROP_SITE:
      g_value_set_object (value, self->site);
      break;

    case PROP_LIGHTS:
      g_value_set_object (value, self->lights);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_site_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HdSiteRow *self = HD_SITE_ROW (object);

  switch (prop_id)
    {
    case PROP_SITE:
      hd_site_row_set_site (self, g_value_get_object (value));
      break;

    case PROP_LIGHTS:
      hd_site_row_set_lights (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_site_row_class_init (HdSiteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_site_row_dispose;
  object_class->get_property = hd_site_row_get_property;
  object_class->set_property = hd_site_row_set_property;

  properties[PROP_SITE] =
    g_param_spec_object ("site", NULL, NULL,
                         HD_TYPE_SITE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LIGHTS] =
    g_param_spec_object ("lights", NULL, NULL,
                         HD_TYPE_LIGHTS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HD_TYPE_LIGHT_DOT);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-site-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HdSiteRow, box);
  gtk_widget_class_bind_template_child (widget_class, HdSiteRow, light_dot);
  gtk_widget_class_bind_template_child (widget_class, HdSiteRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, HdSiteRow, subtitle_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdsiterow");
}

static void
hd_site_row_init (HdSiteRow *self)
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
}

GtkWidget *
hd_site_row_new (void)
{
  return g_object_new (HD_TYPE_SITE_ROW, NULL);
}
