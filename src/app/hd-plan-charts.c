/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-plan-charts"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-chart-view.h"
#include "hd-indicator.h"
#include "hd-inspection.h"
#include "hd-plan-charts.h"
#include "hd-report.h"

/* What each chart shows, so a change redraws only the charts it touches. Indicator charts show
 * plan data and snapshots; the others are computed from the workspace as it is. */
#define PLAN_KINDS     (HD_CHANGE_PLANS)
#define REGIONS_KINDS  (HD_CHANGE_REGIONS | HD_CHANGE_BELTS | HD_CHANGE_SITES | HD_CHANGE_ROUTES | \
                        HD_CHANGE_INSPECTIONS | HD_CHANGE_RECTIFICATIONS | HD_CHANGE_PLANS)
#define HEATMAP_KINDS  (HD_CHANGE_REGIONS | HD_CHANGE_BELTS | HD_CHANGE_SITES | HD_CHANGE_ROUTES | \
                        HD_CHANGE_INSPECTIONS | HD_CHANGE_STANDARDS | HD_CHANGE_PLANS)
#define PICKER_KINDS   (HD_CHANGE_REGIONS | HD_CHANGE_BELTS | HD_CHANGE_PLANS)
#define ACTIVITY_KINDS (HD_CHANGE_REGIONS | HD_CHANGE_BELTS | HD_CHANGE_SITES | HD_CHANGE_ROUTES | \
                        HD_CHANGE_INSPECTIONS | HD_CHANGE_PLANS)

struct _HdPlanCharts
{
  GtkWidget    parent_instance;

  HdStore     *store;
  char        *plan_id;
  GPtrArray   *picker_belts;   /* belt ids behind the picker's items 1…; item 0 is the region */
  gboolean     filling_picker;
  guint        dirty;          /* HdChangeKind flags not shown yet */
  guint        n_refreshes;
  guint        last_refreshed; /* 1 << HdChartKind of the charts the last refresh redrew */
  guint        idle_id;

  GtkWidget   *box;
  HdChartView *dashboard_view;
  GtkLabel    *targets_heading;
  GtkGrid     *targets_box;
  HdChartView *regions_view;
  GtkDropDown *heatmap_picker;
  HdChartView *heatmap_view;
  HdChartView *activity_view;
};

G_DEFINE_FINAL_TYPE (HdPlanCharts, hd_plan_charts, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static HdPlan *
current_plan (HdPlanCharts *self)
{
  return self->plan_id != NULL ? hd_store_lookup_plan (self->store, self->plan_id) : NULL;
}

/* Shows the chart of @query in @view, or hides @view when there is nothing to show. */
static void
show_chart (HdPlanCharts        *self,
            HdChartView         *view,
            HdChartKind          kind,
            const HdReportQuery *query)
{
  g_autoptr(GError) error = NULL;
  GDate today = hd_store_get_today (self->store);
  HdReportChart *chart = hd_report_chart_new (self->store, kind, query, &today, &error);

  if (chart == NULL)
    {
      g_debug ("No %s chart: %s", hd_report_chart_kind_to_string (kind), error->message);
      gtk_widget_set_visible (GTK_WIDGET (view), FALSE);
      return;
    }
  hd_chart_view_set_chart (view, kind, chart, (GDestroyNotify) hd_report_chart_free);
  gtk_widget_set_visible (GTK_WIDGET (view), TRUE);
}

static void
refresh_plan_charts (HdPlanCharts *self)
{
  g_autoptr(GPtrArray) indicators = NULL;
  HdReportQuery query = { self->plan_id, NULL, NULL, NULL };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->targets_box))) != NULL)
    gtk_grid_remove (self->targets_box, child);

  show_chart (self, self->dashboard_view, HD_CHART_DASHBOARD, &query);
  indicators = hd_store_list_indicators (self->store, self->plan_id, NULL);
  if (indicators != NULL)
    {
      const HdChartDashboard *dashboard = hd_chart_view_get_data (self->dashboard_view);

      /* Every bar keeps a readable height. */
      gtk_widget_set_size_request (GTK_WIDGET (self->dashboard_view), -1,
                                   CLAMP (90 + 30 * (int) indicators->len, 180, 900));
      gtk_widget_set_visible (GTK_WIDGET (self->dashboard_view), dashboard != NULL && indicators->len > 0);
      for (guint i = 0; i < indicators->len; i++)
        {
          GtkWidget *view = hd_chart_view_new ();

          query.indicator_id = hd_indicator_get_id (g_ptr_array_index (indicators, i));
          gtk_widget_set_size_request (view, 260, 260);
          gtk_widget_add_css_class (view, "card");
          show_chart (self, HD_CHART_VIEW (view), HD_CHART_TARGET, &query);
          /* Two side by side: a page of twelve indicators stays short. */
          gtk_grid_attach (self->targets_box, view, (int) (i % 2), (int) (i / 2), 1, 1);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->targets_heading), indicators != NULL && indicators->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->targets_box), indicators != NULL && indicators->len > 0);
}

static void
refresh_regions (HdPlanCharts *self)
{
  HdReportQuery query = { self->plan_id, NULL, NULL, NULL };

  show_chart (self, self->regions_view, HD_CHART_REGIONS, &query);
}

static const char *
picked_belt (HdPlanCharts *self)
{
  guint picked = gtk_drop_down_get_selected (self->heatmap_picker);

  if (picked == GTK_INVALID_LIST_POSITION || picked == 0 || picked > self->picker_belts->len)
    return NULL;
  return g_ptr_array_index (self->picker_belts, picked - 1);
}

static void
refresh_heatmap (HdPlanCharts *self)
{
  HdReportQuery query = { self->plan_id, NULL, NULL, picked_belt (self) };
  const HdChartHeatmap *heatmap;

  show_chart (self, self->heatmap_view, HD_CHART_HEATMAP, &query);
  heatmap = hd_chart_view_get_data (self->heatmap_view);
  /* A row per site at a readable height, up to where the chart shrinks its rows. */
  if (heatmap != NULL)
    gtk_widget_set_size_request (GTK_WIDGET (self->heatmap_view), -1,
                                 CLAMP (140 + 20 * (int) heatmap->n_rows, 220, 720));
}

static void
refresh_activity (HdPlanCharts *self)
{
  HdReportQuery query = { self->plan_id, NULL, NULL, picked_belt (self) };

  show_chart (self, self->activity_view, HD_CHART_ACTIVITY, &query);
}

static int
compare_belt_names (gconstpointer a,
                    gconstpointer b)
{
  return g_utf8_collate (hd_belt_get_name (*(HdBelt **) a), hd_belt_get_name (*(HdBelt **) b));
}

static gboolean
region_within (HdStore    *store,
               const char *region_id,
               const char *ancestor_id)
{
  if (ancestor_id == NULL)
    return TRUE;
  for (guint depth = 0; region_id != NULL && depth < 64; depth++)
    {
      HdRegion *region;

      if (g_strcmp0 (region_id, ancestor_id) == 0)
        return TRUE;
      region = hd_store_lookup_region (store, region_id);
      region_id = region != NULL ? hd_region_get_parent_id (region) : NULL;
    }
  return FALSE;
}

/* The plan's region, then its belts by name; the belt picked before stays picked. */
static void
fill_picker (HdPlanCharts *self)
{
  g_autofree char *was = g_strdup (picked_belt (self));
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) belts = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *all = hd_store_get_belts (self->store);
  HdPlan *plan = current_plan (self);
  const char *region_id = plan != NULL ? hd_plan_get_region_id (plan) : NULL;
  HdRegion *region = region_id != NULL ? hd_store_lookup_region (self->store, region_id) : NULL;
  guint picked = 0;

  g_ptr_array_set_size (self->picker_belts, 0);
  if (region != NULL)
    {
      /* Translators: the heatmap picker's first item; %s is a region */
      g_autofree char *label = g_strdup_printf (_("All of %s"), hd_region_get_name (region));

      gtk_string_list_append (items, label);
    }
  else
    gtk_string_list_append (items, _("Whole workspace"));
  for (guint i = 0, n = g_list_model_get_n_items (all); i < n; i++)
    {
      HdBelt *belt = g_list_model_get_item (all, i);

      if (region_within (self->store, hd_belt_get_region_id (belt), region_id))
        g_ptr_array_add (belts, belt);
      else
        g_object_unref (belt);
    }
  g_ptr_array_sort (belts, compare_belt_names);
  for (guint i = 0; i < belts->len; i++)
    {
      HdBelt *belt = g_ptr_array_index (belts, i);

      gtk_string_list_append (items, hd_belt_get_name (belt));
      g_ptr_array_add (self->picker_belts, g_strdup (hd_belt_get_id (belt)));
      if (g_strcmp0 (was, hd_belt_get_id (belt)) == 0)
        picked = i + 1;
    }
  self->filling_picker = TRUE;
  gtk_drop_down_set_model (self->heatmap_picker, G_LIST_MODEL (items));
  gtk_drop_down_set_selected (self->heatmap_picker, picked);
  self->filling_picker = FALSE;
}

static void
on_picked (HdPlanCharts *self)
{
  if (self->filling_picker || self->plan_id == NULL)
    return;
  refresh_heatmap (self);
  refresh_activity (self);
}

static void
refresh (HdPlanCharts *self,
         guint         kinds)
{
  gtk_widget_set_visible (self->box, current_plan (self) != NULL);
  if (current_plan (self) == NULL)
    return;
  self->n_refreshes++;
  self->last_refreshed = 0;
  if (kinds & PLAN_KINDS)
    {
      refresh_plan_charts (self);
      self->last_refreshed |= 1 << HD_CHART_DASHBOARD | 1 << HD_CHART_TARGET;
    }
  if (kinds & REGIONS_KINDS)
    {
      refresh_regions (self);
      self->last_refreshed |= 1 << HD_CHART_REGIONS;
    }
  if (kinds & PICKER_KINDS)
    fill_picker (self);
  if (kinds & HEATMAP_KINDS)
    {
      refresh_heatmap (self);
      self->last_refreshed |= 1 << HD_CHART_HEATMAP;
    }
  if (kinds & ACTIVITY_KINDS)
    {
      refresh_activity (self);
      self->last_refreshed |= 1 << HD_CHART_ACTIVITY;
    }
}

static gboolean
refresh_idle (gpointer data)
{
  HdPlanCharts *self = data;
  guint kinds = self->dirty;

  self->idle_id = 0;
  self->dirty = 0;
  refresh (self, kinds);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (an inspection saves every answer) and the figures behind the charts
 * take a while on a big workspace: they are redrawn once the burst is over, and only while the
 * page is shown. */
static void
on_store_changed (HdPlanCharts *self,
                  guint         kinds,
                  GStrv         ids)
{
  self->dirty |= kinds;
  if (self->idle_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle, self, NULL);
}

static void
hd_plan_charts_map (GtkWidget *widget)
{
  HdPlanCharts *self = HD_PLAN_CHARTS (widget);

  GTK_WIDGET_CLASS (hd_plan_charts_parent_class)->map (widget);
  if (self->dirty != 0 && self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle, self, NULL);
}

void
hd_plan_charts_set_plan (HdPlanCharts *self,
                         const char   *plan_id)
{
  g_return_if_fail (HD_IS_PLAN_CHARTS (self));

  if (g_strcmp0 (plan_id, self->plan_id) != 0)
    {
      g_free (self->plan_id);
      self->plan_id = g_strdup (plan_id);
      /* Another plan: its region's view of the heatmap. */
      g_ptr_array_set_size (self->picker_belts, 0);
      self->filling_picker = TRUE;
      gtk_drop_down_set_selected (self->heatmap_picker, 0);
      self->filling_picker = FALSE;
    }
  self->dirty = 0;
  g_clear_handle_id (&self->idle_id, g_source_remove);
  refresh (self, G_MAXUINT);
}

GPtrArray *
hd_plan_charts_list_views (HdPlanCharts *self)
{
  GPtrArray *views = g_ptr_array_new ();

  g_return_val_if_fail (HD_IS_PLAN_CHARTS (self), views);

  g_ptr_array_add (views, self->dashboard_view);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->targets_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (views, child);
  g_ptr_array_add (views, self->regions_view);
  g_ptr_array_add (views, self->heatmap_view);
  g_ptr_array_add (views, self->activity_view);
  return views;
}

guint
hd_plan_charts_get_refreshes (HdPlanCharts *self,
                              guint        *last_kinds)
{
  g_return_val_if_fail (HD_IS_PLAN_CHARTS (self), 0);

  if (last_kinds != NULL)
    *last_kinds = self->last_refreshed;
  return self->n_refreshes;
}

GtkDropDown *
hd_plan_charts_get_heatmap_picker (HdPlanCharts *self)
{
  g_return_val_if_fail (HD_IS_PLAN_CHARTS (self), NULL);
  return self->heatmap_picker;
}

static void
hd_plan_charts_constructed (GObject *object)
{
  HdPlanCharts *self = HD_PLAN_CHARTS (object);

  G_OBJECT_CLASS (hd_plan_charts_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->heatmap_picker, "notify::selected", G_CALLBACK (on_picked), self,
                           G_CONNECT_SWAPPED);
  refresh (self, G_MAXUINT);
}

static void
hd_plan_charts_dispose (GObject *object)
{
  HdPlanCharts *self = HD_PLAN_CHARTS (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_PLAN_CHARTS);
  g_clear_object (&self->store);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->picker_belts, g_ptr_array_unref);
  G_OBJECT_CLASS (hd_plan_charts_parent_class)->dispose (object);
}

static void
hd_plan_charts_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HdPlanCharts *self = HD_PLAN_CHARTS (object);

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
hd_plan_charts_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HdPlanCharts *self = HD_PLAN_CHARTS (object);

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
hd_plan_charts_class_init (HdPlanChartsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_plan_charts_constructed;
  object_class->dispose = hd_plan_charts_dispose;
  object_class->get_property = hd_plan_charts_get_property;
  object_class->set_property = hd_plan_charts_set_property;
  widget_class->map = hd_plan_charts_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HD_TYPE_CHART_VIEW);
  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongdai/Hongdai/hd-plan-charts.ui");
  gtk_widget_class_bind_template_child (widget_class, HdPlanCharts, box);
  gtk_widget_class_bind_template_child (widget_class, HdPlanCharts, dashboard_view);
  gtk_widget_class_bind_template_child (widget_class, HdPlanCharts, targets_heading);
  gtk_widget_class_bind_template_child (widget_class, HdPlanCharts, targets_box);
  gtk_widget_class_bind_template_child (widget_class, HdPlanCharts, regions_view);
  gtk_widget_class_bind_template_child (widget_class, HdPlanCharts, heatmap_picker);
  gtk_widget_class_bind_template_child (widget_class, HdPlanCharts, heatmap_view);
  gtk_widget_class_bind_template_child (widget_class, HdPlanCharts, activity_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hd_plan_charts_init (HdPlanCharts *self)
{
  self->picker_belts = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_plan_charts_new (HdStore *store)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  return g_object_new (HD_TYPE_PLAN_CHARTS, "store", store, NULL);
}
