/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-map-search"

#include <glib/gi18n.h>

#include "hd-basemap-source.h"
#include "hd-map-search.h"
#include "hd-types.h"

/* Results */

struct _HdMapResult
{
  GObject          parent_instance;

  HdMapResultKind  kind;
  char            *id;
  char            *name;
  char            *detail;
  gboolean         has_bounds;
  double           min_lat, min_lon, max_lat, max_lon;
};

G_DEFINE_FINAL_TYPE (HdMapResult, hd_map_result, G_TYPE_OBJECT)

enum {
  RESULT_PROP_0,
  RESULT_PROP_NAME,
  RESULT_PROP_DETAIL,
  N_RESULT_PROPS
};

static GParamSpec *result_properties[N_RESULT_PROPS];

static void
hd_map_result_finalize (GObject *object)
{
  HdMapResult *self = HD_MAP_RESULT (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->detail);

  G_OBJECT_CLASS (hd_map_result_parent_class)->finalize (object);
}

static void
hd_map_result_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdMapResult *self = HD_MAP_RESULT (object);

  switch (prop_id)
    {
    case RESULT_PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case RESULT_PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_map_result_class_init (HdMapResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_map_result_finalize;
  object_class->get_property = hd_map_result_get_property;

  result_properties[RESULT_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  result_properties[RESULT_PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_RESULT_PROPS, result_properties);
}

static void
hd_map_result_init (HdMapResult *self)
{
}

static HdMapResult *
result_new (HdMapResultKind  kind,
            const char      *id,
            const char      *name,
            const char      *detail)
{
  HdMapResult *self = g_object_new (HD_TYPE_MAP_RESULT, NULL);

  self->kind = kind;
  self->id = g_strdup (id);
  self->name = g_strdup (name != NULL ? name : "");
  self->detail = g_strdup (detail);
  return self;
}

static void
result_add_point (HdMapResult *self,
                  double       lat,
                  double       lon)
{
  if (!self->has_bounds)
    {
      self->min_lat = self->max_lat = lat;
      self->min_lon = self->max_lon = lon;
      self->has_bounds = TRUE;
      return;
    }
  self->min_lat = MIN (self->min_lat, lat);
  self->max_lat = MAX (self->max_lat, lat);
  self->min_lon = MIN (self->min_lon, lon);
  self->max_lon = MAX (self->max_lon, lon);
}

HdMapResultKind
hd_map_result_get_kind (HdMapResult *self)
{
  g_return_val_if_fail (HD_IS_MAP_RESULT (self), HD_MAP_RESULT_SITE);

  return self->kind;
}

const char *
hd_map_result_get_id (HdMapResult *self)
{
  g_return_val_if_fail (HD_IS_MAP_RESULT (self), NULL);

  return self->id;
}

const char *
hd_map_result_get_name (HdMapResult *self)
{
  g_return_val_if_fail (HD_IS_MAP_RESULT (self), NULL);

  return self->name;
}

gboolean
hd_map_result_get_bounds (HdMapResult *self,
                          double      *min_lat,
                          double      *min_lon,
                          double      *max_lat,
                          double      *max_lon)
{
  g_return_val_if_fail (HD_IS_MAP_RESULT (self), FALSE);

  *min_lat = self->min_lat;
  *min_lon = self->min_lon;
  *max_lat = self->max_lat;
  *max_lon = self->max_lon;
  return self->has_bounds;
}

/* The search widget */

struct _HdMapSearch
{
  GtkWidget           parent_instance;

  HdStore            *store;
  GListStore         *all;         /* HdMapResult: every record, rebuilt when stale */
  gboolean            stale;
  GtkStringFilter    *filter;
  GtkFilterListModel *results;
  GtkSingleSelection *selection;

  GtkWidget          *entry;
  GtkWidget          *popover;
  GtkWidget          *stack;
  GtkWidget          *list;
};

G_DEFINE_FINAL_TYPE (HdMapSearch, hd_map_search, GTK_TYPE_WIDGET)

enum {
  RESULT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rebuild (HdMapSearch *self)
{
  GListModel *sites = hd_store_get_sites (self->store);
  GListModel *belts = hd_store_get_belts (self->store);
  GListModel *regions = hd_store_get_regions (self->store);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  /* Belts and regions first: there are few, and a name that is both wants them on top. */
  n = g_list_model_get_n_items (belts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (belts, i);
      g_auto(GStrv) route = hd_store_dup_belt_route (self->store, hd_belt_get_id (belt));
      HdMapResult *result = result_new (HD_MAP_RESULT_BELT, hd_belt_get_id (belt),
                                        hd_belt_get_name (belt), _("Belt"));

      for (guint k = 0; route[k] != NULL; k++)
        {
          HdSite *site = hd_store_lookup_site (self->store, route[k]);

          if (site != NULL && hd_site_get_has_position (site))
            result_add_point (result, hd_site_get_latitude (site), hd_site_get_longitude (site));
        }
      g_ptr_array_add (items, result);
    }

  n = g_list_model_get_n_items (regions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);
      HdMapResult *result = result_new (HD_MAP_RESULT_REGION, hd_region_get_id (region),
                                        hd_region_get_name (region),
                                        hd_region_level_label (hd_region_get_level (region)));
      const char *geometry = hd_region_get_geometry (region);

      if (geometry != NULL)
        {
          HdBasemapRegion shape;

          hd_basemap_region_init (&shape, hd_region_get_name (region),
                                  hd_region_get_level (region));
          if (hd_basemap_region_set_geojson (&shape, geometry, NULL) && shape.n_rings > 0)
            {
              result_add_point (result, shape.min_lat, shape.min_lon);
              result_add_point (result, shape.max_lat, shape.max_lon);
            }
          hd_basemap_region_clear (&shape);
        }
      g_ptr_array_add (items, result);
    }

  n = g_list_model_get_n_items (sites);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);
      HdMapResult *result = result_new (HD_MAP_RESULT_SITE, hd_site_get_id (site),
                                        hd_site_get_name (site),
                                        hd_site_kind_label (hd_site_get_kind (site)));

      if (hd_site_get_has_position (site))
        result_add_point (result, hd_site_get_latitude (site), hd_site_get_longitude (site));
      g_ptr_array_add (items, result);
    }

  g_list_store_splice (self->all, 0, g_list_model_get_n_items (G_LIST_MODEL (self->all)),
                       items->pdata, items->len);
  self->stale = FALSE;
}

static void
on_store_changed (HdMapSearch *self)
{
  /* Rebuilt on the next search, not on every edit. */
  self->stale = TRUE;
}

static void
update_popover (HdMapSearch *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  if (text[0] == '\0')
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n > 0 ? "results" : "empty");
  if (n > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
on_search_changed (HdMapSearch *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (self->stale)
    rebuild (self);
  /* An empty search shows nothing (not the whole workspace). */
  gtk_string_filter_set_search (self->filter, text);
  gtk_filter_list_model_set_model (self->results,
                                   text[0] != '\0' ? G_LIST_MODEL (self->all) : NULL);
  update_popover (self);
}

void
hd_map_search_choose (HdMapSearch *self,
                      guint        position)
{
  g_autoptr(HdMapResult) result = NULL;

  g_return_if_fail (HD_IS_MAP_SEARCH (self));

  result = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (result == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_signal_emit (self, signals[RESULT_CHOSEN], 0, result);
}

static void
on_entry_activate (HdMapSearch *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  hd_map_search_choose (self, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
}

static void
on_stop_search (HdMapSearch *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_list_activate (HdMapSearch *self,
                  guint        position)
{
  hd_map_search_choose (self, position);
  gtk_widget_grab_focus (self->entry);
}

/* Up and Down move through the results while the entry keeps the focus. */
static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              HdMapSearch           *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (n == 0 || (keyval != GDK_KEY_Down && keyval != GDK_KEY_Up))
    return FALSE;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  else if (keyval == GDK_KEY_Down)
    selected = MIN (selected + 1, n - 1);
  else if (selected > 0)
    selected--;
  gtk_single_selection_set_selected (self->selection, selected);
  gtk_widget_activate_action (self->list, "list.scroll-to-item", "u", selected);
  return TRUE;
}

static void
row_setup (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

static void
row_bind (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  HdMapResult *result = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);

  gtk_label_set_text (GTK_LABEL (name), result->name);
  gtk_label_set_text (GTK_LABEL (detail), result->detail);
}

static void
hd_map_search_dispose (GObject *object)
{
  HdMapSearch *self = HD_MAP_SEARCH (object);
  GtkWidget *child;

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->all);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_map_search_parent_class)->dispose (object);
}

static void
hd_map_search_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  HdMapSearch *self = HD_MAP_SEARCH (widget);

  gtk_widget_allocate (self->entry, width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
hd_map_search_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  HdMapSearch *self = HD_MAP_SEARCH (widget);

  gtk_widget_measure (self->entry, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static gboolean
hd_map_search_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (HD_MAP_SEARCH (widget)->entry);
}

static void
hd_map_search_class_init (HdMapSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_map_search_dispose;
  widget_class->measure = hd_map_search_measure;
  widget_class->size_allocate = hd_map_search_size_allocate;
  widget_class->grab_focus = hd_map_search_grab_focus;

  signals[RESULT_CHOSEN] =
    g_signal_new ("result-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, HD_TYPE_MAP_RESULT);
}

static void
hd_map_search_init (HdMapSearch *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkWidget *scrolled, *empty;

  self->all = g_list_store_new (HD_TYPE_MAP_RESULT);
  self->stale = TRUE;
  self->filter = gtk_string_filter_new (gtk_property_expression_new (HD_TYPE_MAP_RESULT, NULL,
                                                                     "name"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->results = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->results));
  gtk_single_selection_set_autoselect (self->selection, FALSE);

  self->entry = gtk_search_entry_new ();
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->entry), NULL);
  g_object_set (self->entry, "placeholder-text", _("Find a site, belt or region"), NULL);
  gtk_widget_set_size_request (self->entry, 260, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find on the map"), -1);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate), self);
  g_signal_connect_swapped (self->entry, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (self->entry, keys);

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind), NULL);
  self->list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                  g_object_ref (factory));
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list), TRUE);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  g_signal_connect_swapped (self->list, "activate", G_CALLBACK (on_list_activate), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_widget_set_size_request (scrolled, 300, -1);

  empty = gtk_label_new (_("No site, belt or region has that in its name"));
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_widget_set_margin_start (empty, 12);
  gtk_widget_set_margin_end (empty, 12);

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "results");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);

  self->popover = gtk_popover_new ();
  /* The entry keeps the focus while the results show: typing goes on narrowing them. */
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_popover_set_child (GTK_POPOVER (self->popover), self->stack);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

GtkWidget *
hd_map_search_new (HdStore *store)
{
  HdMapSearch *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_MAP_SEARCH, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
hd_map_search_set_text (HdMapSearch *self,
                        const char  *text)
{
  g_return_if_fail (HD_IS_MAP_SEARCH (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  /* GtkSearchEntry waits a moment before "search-changed": not for a programmatic text. */
  on_search_changed (self);
}

GListModel *
hd_map_search_get_results (HdMapSearch *self)
{
  g_return_val_if_fail (HD_IS_MAP_SEARCH (self), NULL);

  return G_LIST_MODEL (self->results);
}

void
hd_map_search_focus (HdMapSearch *self)
{
  g_return_if_fail (HD_IS_MAP_SEARCH (self));

  gtk_widget_grab_focus (self->entry);
}
