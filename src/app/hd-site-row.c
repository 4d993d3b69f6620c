/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-site-row"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-site-row.h"

struct _HdSiteRow
{
  GtkWidget  parent_instance;

  HdSite    *site;

  GtkWidget *box;
  GtkLabel  *name_label;
  GtkLabel  *subtitle_label;
};

G_DEFINE_FINAL_TYPE (HdSiteRow, hd_site_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SITE,
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE]);
}

static void
hd_site_row_dispose (GObject *object)
{
  HdSiteRow *self = HD_SITE_ROW (object);

  if (self->site != NULL)
    g_signal_handlers_disconnect_by_func (self->site, on_site_notify, self);
  g_clear_object (&self->site);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-site-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HdSiteRow, box);
  gtk_widget_class_bind_template_child (widget_class, HdSiteRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, HdSiteRow, subtitle_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdsiterow");
}

static void
hd_site_row_init (HdSiteRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_site_row_new (void)
{
  return g_object_new (HD_TYPE_SITE_ROW, NULL);
}
