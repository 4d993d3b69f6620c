/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-light-dot"

#include "hd-light-dot.h"
#include "hd-light-glyph.h"
#include "hd-lights.h"

#define DOT_SIZE 12

struct _HdLightDot
{
  GtkWidget       parent_instance;

  HdLight         light;
  HdLightReasons  reasons;
};

G_DEFINE_FINAL_TYPE (HdLightDot, hd_light_dot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIGHT,
  PROP_REASONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_light_dot_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = *natural = DOT_SIZE;
}

static void
hd_light_dot_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  HdLightDot *self = HD_LIGHT_DOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double size = MIN (MIN (width, height), DOT_SIZE);
  GdkRGBA rgba;
  HdColour fill;
  cairo_t *cr;

  if (size <= 0)
    return;

  /* The colour comes from CSS (light-green, ...), so themes, dark mode and high contrast can
   * change it without code. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &rgba);
  fill = (HdColour) { rgba.red, rgba.green, rgba.blue, rgba.alpha };

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  hd_light_glyph_draw (cr, width / 2.0, height / 2.0, size, self->light, &fill, NULL);
  cairo_destroy (cr);
}

static void
hd_light_dot_sync (HdLightDot *self)
{
  g_autofree char *text = hd_light_describe (self->light, self->reasons);

  hd_light_apply_css_class (GTK_WIDGET (self), self->light);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hd_light_dot_set (HdLightDot     *self,
                  HdLight         light,
                  HdLightReasons  reasons)
{
  gboolean light_changed, reasons_changed;

  g_return_if_fail (HD_IS_LIGHT_DOT (self));

  light_changed = self->light != light;
  reasons_changed = self->reasons != reasons;
  if (!light_changed && !reasons_changed)
    return;

  self->light = light;
  self->reasons = reasons;
  hd_light_dot_sync (self);

  if (light_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIGHT]);
  if (reasons_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASONS]);
}

HdLight
hd_light_dot_get_light (HdLightDot *self)
{
  g_return_val_if_fail (HD_IS_LIGHT_DOT (self), HD_LIGHT_GREY);

  return self->light;
}

HdLightReasons
hd_light_dot_get_reasons (HdLightDot *self)
{
  g_return_val_if_fail (HD_IS_LIGHT_DOT (self), HD_LIGHT_REASON_NONE);

  return self->reasons;
}

static void
hd_light_dot_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HdLightDot *self = HD_LIGHT_DOT (object);

  switch (prop_id)
    {
    case PROP_LIGHT:
      g_value_set_enum (value, self->light);
      break;

    case PROP_REASONS:
      g_value_set_flags (value, self->reasons);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_light_dot_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HdLightDot *self = HD_LIGHT_DOT (object);

  switch (prop_id)
    {
    case PROP_LIGHT:
      hd_light_dot_set (self, g_value_get_enum (value), self->reasons);
      break;

    case PROP_REASONS:
      hd_light_dot_set (self, self->light, g_value_get_flags (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_light_dot_class_init (HdLightDotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_light_dot_get_property;
  object_class->set_property = hd_light_dot_set_property;

  widget_class->measure = hd_light_dot_measure;
  widget_class->snapshot = hd_light_dot_snapshot;

  properties[PROP_LIGHT] =
    g_param_spec_enum ("light", NULL, NULL,
                       HD_TYPE_LIGHT, HD_LIGHT_GREY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASONS] =
    g_param_spec_flags ("reasons", NULL, NULL,
                        HD_TYPE_LIGHT_REASONS, HD_LIGHT_REASON_NONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "hdlightdot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hd_light_dot_init (HdLightDot *self)
{
  self->light = HD_LIGHT_GREY;
  self->reasons = HD_LIGHT_REASON_NONE;
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  hd_light_dot_sync (self);
}

GtkWidget *
hd_light_dot_new (void)
{
  return g_object_new (HD_TYPE_LIGHT_DOT, NULL);
}
