/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-plans-panel"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-plans-panel.h"

struct _HdPlansPanel
{
  GtkWidget   parent_instance;

  HdStore    *store;

  GtkWidget  *box;
  GtkStack   *stack;
  GtkListBox *plan_list;
};

G_DEFINE_FINAL_TYPE (HdPlansPanel, hd_plans_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  PLAN_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
plan_subtitle (HdStore *store,
               HdPlan  *plan)
{
  HdRegion *region = hd_store_lookup_region (store, hd_plan_get_region_id (plan));
  int first = hd_plan_get_first_year (plan);

  /* Translators: a plan's years and region, e.g. "2018–2020 · 福州市" */
  return g_strdup_printf (_("%d–%d · %s"), first, first + 2,
                          region ? hd_region_get_name (region) : _("Whole workspace"));
}

static void
update_row (AdwActionRow *row,
            GParamSpec   *pspec,
            HdPlan       *plan)
{
  HdPlansPanel *self = g_object_get_data (G_OBJECT (row), "panel");
  g_autofree char *subtitle = plan_subtitle (self->store, plan);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hd_plan_get_title (plan));
  adw_action_row_set_subtitle (row, subtitle);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  HdPlansPanel *self = user_data;
  HdPlan *plan = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  g_object_set_data (G_OBJECT (row), "panel", self);
  g_object_set_data_full (G_OBJECT (row), "plan-id", g_strdup (hd_plan_get_id (plan)), g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  update_row (ADW_ACTION_ROW (row), NULL, plan);
  g_signal_connect_object (plan, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  return row;
}

static void
update_empty (HdPlansPanel *self)
{
  gboolean empty = g_list_model_get_n_items (hd_store_get_plans (self->store)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
on_items_changed (HdPlansPanel *self)
{
  update_empty (self);
}

static void
on_row_selected (HdPlansPanel  *self,
                 GtkListBoxRow *row)
{
  if (row != NULL)
    g_signal_emit (self, signals[PLAN_SELECTED], 0, g_object_get_data (G_OBJECT (row), "plan-id"));
}

static void
on_row_activated (HdPlansPanel  *self,
                  GtkListBoxRow *row)
{
  g_signal_emit (self, signals[PLAN_SELECTED], 0, g_object_get_data (G_OBJECT (row), "plan-id"));
}

gboolean
hd_plans_panel_select (HdPlansPanel *self,
                       const char   *plan_id)
{
  g_return_val_if_fail (HD_IS_PLANS_PANEL (self), FALSE);

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->plan_list, i);

      if (row == NULL)
        return FALSE;
      if (plan_id == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (row), "plan-id"), plan_id) == 0)
        {
          gtk_list_box_select_row (self->plan_list, row);
          return TRUE;
        }
    }
}

const char *
hd_plans_panel_get_selected_id (HdPlansPanel *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (HD_IS_PLANS_PANEL (self), NULL);

  row = gtk_list_box_get_selected_row (self->plan_list);
  return row ? g_object_get_data (G_OBJECT (row), "plan-id") : NULL;
}

static void
hd_plans_panel_constructed (GObject *object)
{
  HdPlansPanel *self = HD_PLANS_PANEL (object);
  GListModel *plans = hd_store_get_plans (self->store);

  G_OBJECT_CLASS (hd_plans_panel_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->plan_list, plans, create_row, self, NULL);
  g_signal_connect_object (plans, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);
  update_empty (self);
}

static void
hd_plans_panel_dispose (GObject *object)
{
  HdPlansPanel *self = HD_PLANS_PANEL (object);

  if (self->plan_list != NULL)
    gtk_list_box_bind_model (self->plan_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_PLANS_PANEL);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (hd_plans_panel_parent_class)->dispose (object);
}

static void
hd_plans_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HdPlansPanel *self = HD_PLANS_PANEL (object);

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
hd_plans_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HdPlansPanel *self = HD_PLANS_PANEL (object);

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
hd_plans_panel_class_init (HdPlansPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_plans_panel_constructed;
  object_class->dispose = hd_plans_panel_dispose;
  object_class->get_property = hd_plans_panel_get_property;
  object_class->set_property = hd_plans_panel_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PLAN_SELECTED] =
    g_signal_new ("plan-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-plans-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, HdPlansPanel, box);
  gtk_widget_class_bind_template_child (widget_class, HdPlansPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, HdPlansPanel, plan_list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdplanspanel");
}

static void
hd_plans_panel_init (HdPlansPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_plans_panel_new (HdStore *store)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  return g_object_new (HD_TYPE_PLANS_PANEL, "store", store, NULL);
}
