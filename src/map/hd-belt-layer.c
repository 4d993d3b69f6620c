/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-belt-layer"

#include <math.h>

#include "hd-belt-layer.h"
#include "hd-map-private.h"
#include "hd-mercator.h"

#define TILE_SIZE       256
#define LINE_WIDTH      3.0
#define SELECTED_WIDTH  6.0
#define ARROW_MIN_PX    40.0
#define ARROW_SIZE      5.0

typedef struct {
  char   *id;
  double  r, g, b;
  GArray *points;  /* double pairs: normalised Web-Mercator u, v of the route's sites */
} BeltEntry;

struct _HdBeltLayer
{
  ShumateLayer  parent_instance;

  HdStore      *store;
  GArray       *belts;     /* BeltEntry */
  char         *selected;
};

G_DEFINE_FINAL_TYPE (HdBeltLayer, hd_belt_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
belt_entry_clear (gpointer data)
{
  BeltEntry *entry = data;

  g_free (entry->id);
  g_clear_pointer (&entry->points, g_array_unref);
}

/* Routes are a few hundred at most: re-reading them all on a change is cheap. */
static void
reload (HdBeltLayer *self)
{
  GListModel *belts = hd_store_get_belts (self->store);
  guint n = g_list_model_get_n_items (belts);

  g_array_set_size (self->belts, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (belts, i);
      g_auto(GStrv) route = hd_store_dup_belt_route (self->store, hd_belt_get_id (belt));
      BeltEntry entry = { g_strdup (hd_belt_get_id (belt)), 0, 0, 0, NULL };

      hd_map_belt_colour (hd_belt_get_colour (belt), entry.id, &entry.r, &entry.g, &entry.b);
      entry.points = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint k = 0; route != NULL && route[k] != NULL; k++)
        {
          HdSite *site = hd_store_lookup_site (self->store, route[k]);
          double uv[2];

          if (site == NULL || !hd_site_get_has_position (site))
            continue;
          hd_mercator_project (hd_site_get_longitude (site), hd_site_get_latitude (site),
                               &uv[0], &uv[1]);
          g_array_append_vals (entry.points, uv, 2);
        }
      g_array_append_val (self->belts, entry);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_store_changed (HdStore  *store,
                  guint     kinds,
                  GStrv     ids,
                  gpointer  user_data)
{
  if (kinds & (HD_CHANGE_BELTS | HD_CHANGE_ROUTES | HD_CHANGE_SITES))
    reload (HD_BELT_LAYER (user_data));
}

static void
draw_belt (cairo_t         *cr,
           const BeltEntry *entry,
           double           world,
           double           ox,
           double           oy,
           double           width)
{
  const double *uv = (const double *) entry->points->data;
  guint n = entry->points->len / 2;

  if (n < 2)
    return;

  cairo_set_source_rgb (cr, entry->r, entry->g, entry->b);
  cairo_set_line_width (cr, width);
  for (guint i = 0; i < n; i++)
    {
      double x = uv[2 * i] * world - ox;
      double y = uv[2 * i + 1] * world - oy;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);

  /* A small arrowhead in the middle of each long segment shows the route's direction. */
  for (guint i = 1; i < n; i++)
    {
      double x0 = uv[2 * (i - 1)] * world - ox, y0 = uv[2 * (i - 1) + 1] * world - oy;
      double x1 = uv[2 * i] * world - ox, y1 = uv[2 * i + 1] * world - oy;
      double dx = x1 - x0, dy = y1 - y0;
      double length = hypot (dx, dy);
      double mx, my, ux, uy, size = ARROW_SIZE + width;

      if (length < ARROW_MIN_PX)
        continue;
      ux = dx / length;
      uy = dy / length;
      mx = (x0 + x1) / 2 + ux * size / 2;
      my = (y0 + y1) / 2 + uy * size / 2;
      cairo_move_to (cr, mx, my);
      cairo_line_to (cr, mx - ux * size - uy * size * 0.6, my - uy * size + ux * size * 0.6);
      cairo_line_to (cr, mx - ux * size + uy * size * 0.6, my - uy * size - ux * size * 0.6);
      cairo_close_path (cr);
    }
  cairo_fill (cr);
}

static void
hd_belt_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  HdBeltLayer *self = HD_BELT_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double world, cu, cv;
  const BeltEntry *selected = NULL;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->belts->len == 0)
    return;

  world = TILE_SIZE * exp2 (shumate_viewport_get_zoom_level (viewport));
  hd_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                       &cu, &cv);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_rotate (cr, shumate_viewport_get_rotation (viewport));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < self->belts->len; i++)
    {
      const BeltEntry *entry = &g_array_index (self->belts, BeltEntry, i);

      if (self->selected != NULL && g_strcmp0 (entry->id, self->selected) == 0)
        {
          selected = entry;
          continue;
        }
      draw_belt (cr, entry, world, cu * world, cv * world, LINE_WIDTH);
    }
  if (selected != NULL)
    draw_belt (cr, selected, world, cu * world, cv * world, SELECTED_WIDTH);

  cairo_destroy (cr);
}

static void
hd_belt_layer_constructed (GObject *object)
{
  HdBeltLayer *self = HD_BELT_LAYER (object);

  G_OBJECT_CLASS (hd_belt_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  if (self->store != NULL)
    {
      g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                               G_CONNECT_DEFAULT);
      reload (self);
    }
}

static void
hd_belt_layer_dispose (GObject *object)
{
  HdBeltLayer *self = HD_BELT_LAYER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->selected, g_free);

  G_OBJECT_CLASS (hd_belt_layer_parent_class)->dispose (object);
}

static void
hd_belt_layer_finalize (GObject *object)
{
  HdBeltLayer *self = HD_BELT_LAYER (object);

  g_array_unref (self->belts);

  G_OBJECT_CLASS (hd_belt_layer_parent_class)->finalize (object);
}

static void
hd_belt_layer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdBeltLayer *self = HD_BELT_LAYER (object);

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
hd_belt_layer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HdBeltLayer *self = HD_BELT_LAYER (object);

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
hd_belt_layer_class_init (HdBeltLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_belt_layer_constructed;
  object_class->dispose = hd_belt_layer_dispose;
  object_class->finalize = hd_belt_layer_finalize;
  object_class->get_property = hd_belt_layer_get_property;
  object_class->set_property = hd_belt_layer_set_property;

  widget_class->snapshot = hd_belt_layer_snapshot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_belt_layer_init (HdBeltLayer *self)
{
  self->belts = g_array_new (FALSE, FALSE, sizeof (BeltEntry));
  g_array_set_clear_func (self->belts, belt_entry_clear);
  /* Pointer events go through to the site layer and the map. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

HdBeltLayer *
hd_belt_layer_new (ShumateViewport *viewport,
                   HdStore         *store)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);

  return g_object_new (HD_TYPE_BELT_LAYER, "viewport", viewport, "store", store, NULL);
}

void
hd_belt_layer_set_selected (HdBeltLayer *self,
                            const char  *belt_id)
{
  g_return_if_fail (HD_IS_BELT_LAYER (self));

  if (g_strcmp0 (self->selected, belt_id) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (belt_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
hd_belt_layer_get_selected (HdBeltLayer *self)
{
  g_return_val_if_fail (HD_IS_BELT_LAYER (self), NULL);

  return self->selected;
}
