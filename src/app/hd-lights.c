/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-lights"

#include <string.h>

#include <glib/gi18n.h>

#include "hd-lights.h"

/* How often to look whether the workspace's day has turned (a new quarter makes lights due). */
#define DAY_CHECK_SECONDS 600

/* The store changes that can move a light. */
#define LIGHT_CHANGES (HD_CHANGE_INSPECTIONS | HD_CHANGE_RECTIFICATIONS | \
                       HD_CHANGE_SITES | HD_CHANGE_BELTS)

struct _HdLights
{
  GObject     parent_instance;

  HdStore    *store;
  GDate       today;
  GHashTable *site_lights;
  GHashTable *belt_lights;
  /* subject id → HdLightReasons + 1 (0 reads as "not fetched yet"); cleared on every change */
  GHashTable *reasons;
  guint       counts[HD_N_LIGHTS];
  guint       day_check_id;
};

G_DEFINE_FINAL_TYPE (HdLights, hd_lights, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
count_lights (HdLights   *self,
              GHashTable *table)
{
  GHashTableIter iter;
  gpointer value;

  if (table == NULL)
    return;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      int light = GPOINTER_TO_INT (value);

      if (light >= 0 && light < HD_N_LIGHTS)
        self->counts[light]++;
    }
}

void
hd_lights_refresh (HdLights *self)
{
  g_autoptr(GHashTable) sites = NULL;
  g_autoptr(GHashTable) belts = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HD_IS_LIGHTS (self));

  self->today = hd_store_get_today (self->store);

  if (!hd_store_compute_lights (self->store, &self->today, &sites, &belts, &error))
    {
      /* The rows then show grey: better than stale colours. */
      g_warning ("Cannot compute the lights: %s", error->message);
    }

  g_clear_pointer (&self->site_lights, g_hash_table_unref);
  g_clear_pointer (&self->belt_lights, g_hash_table_unref);
  self->site_lights = g_steal_pointer (&sites);
  self->belt_lights = g_steal_pointer (&belts);
  g_hash_table_remove_all (self->reasons);

  memset (self->counts, 0, sizeof self->counts);
  count_lights (self, self->site_lights);
  count_lights (self, self->belt_lights);

  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
hd_lights_change_is_draft_only (HdStore            *store,
                                guint               kinds,
                                const char * const *ids)
{
  g_return_val_if_fail (HD_IS_STORE (store), FALSE);

  if (kinds != HD_CHANGE_INSPECTIONS || ids == NULL || ids[0] == NULL)
    return FALSE;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(HdInspection) inspection = hd_store_get_inspection (store, ids[i], NULL);

      if (inspection == NULL || hd_inspection_get_state (inspection) != HD_INSPECTION_DRAFT)
        return FALSE;
    }
  return TRUE;
}

static void
on_store_changed (HdLights *self,
                  guint     kinds,
                  GStrv     ids,
                  HdStore  *store)
{
  /* Lights come from finished inspections: an answer in a draft changes none. */
  if ((kinds & LIGHT_CHANGES) &&
      !hd_lights_change_is_draft_only (store, kinds, (const char * const *) ids))
    hd_lights_refresh (self);
}

static gboolean
day_check (gpointer user_data)
{
  HdLights *self = user_data;
  GDate today = hd_store_get_today (self->store);

  if (!g_date_valid (&self->today) || g_date_compare (&today, &self->today) != 0)
    hd_lights_refresh (self);

  return G_SOURCE_CONTINUE;
}

static void
hd_lights_constructed (GObject *object)
{
  HdLights *self = HD_LIGHTS (object);

  G_OBJECT_CLASS (hd_lights_parent_class)->constructed (object);

  g_return_if_fail (HD_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  self->day_check_id = g_timeout_add_seconds (DAY_CHECK_SECONDS, day_check, self);
  hd_lights_refresh (self);
}

static void
hd_lights_dispose (GObject *object)
{
  HdLights *self = HD_LIGHTS (object);

  g_clear_handle_id (&self->day_check_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_lights_parent_class)->dispose (object);
}

static void
hd_lights_finalize (GObject *object)
{
  HdLights *self = HD_LIGHTS (object);

  g_clear_pointer (&self->site_lights, g_hash_table_unref);
  g_clear_pointer (&self->belt_lights, g_hash_table_unref);
  g_clear_pointer (&self->reasons, g_hash_table_unref);

  G_OBJECT_CLASS (hd_lights_parent_class)->finalize (object);
}

static void
hd_lights_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HdLights *self = HD_LIGHTS (object);

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
hd_lights_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HdLights *self = HD_LIGHTS (object);

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
hd_lights_class_init (HdLightsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hd_lights_constructed;
  object_class->dispose = hd_lights_dispose;
  object_class->finalize = hd_lights_finalize;
  object_class->get_property = hd_lights_get_property;
  object_class->set_property = hd_lights_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
hd_lights_init (HdLights *self)
{
  g_date_clear (&self->today, 1);
  self->reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

HdLights *
hd_lights_new (HdStore *store)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  return g_object_new (HD_TYPE_LIGHTS, "store", store, NULL);
}

HdStore *
hd_lights_get_store (HdLights *self)
{
  g_return_val_if_fail (HD_IS_LIGHTS (self), NULL);

  return self->store;
}

const GDate *
hd_lights_get_today (HdLights *self)
{
  g_return_val_if_fail (HD_IS_LIGHTS (self), NULL);

  return &self->today;
}

HdLight
hd_lights_get (HdLights      *self,
               HdSubjectKind  kind,
               const char    *subject_id)
{
  GHashTable *table;

  g_return_val_if_fail (HD_IS_LIGHTS (self), HD_LIGHT_GREY);

  table = kind == HD_SUBJECT_BELT ? self->belt_lights : self->site_lights;
  if (table == NULL || subject_id == NULL)
    return HD_LIGHT_GREY;

  /* A missing entry reads as 0: grey. */
  return GPOINTER_TO_INT (g_hash_table_lookup (table, subject_id));
}

HdLightReasons
hd_lights_get_reasons (HdLights      *self,
                       HdSubjectKind  kind,
                       const char    *subject_id)
{
  g_autoptr(GError) error = NULL;
  HdLightReasons reasons = HD_LIGHT_REASON_NONE;
  HdLight light;
  gpointer cached;

  g_return_val_if_fail (HD_IS_LIGHTS (self), HD_LIGHT_REASON_NONE);

  if (subject_id == NULL)
    return HD_LIGHT_REASON_NEVER_INSPECTED;

  /* Grey and green say it all; only yellow and red need the subject's own query. */
  light = hd_lights_get (self, kind, subject_id);
  if (light == HD_LIGHT_GREY)
    return HD_LIGHT_REASON_NEVER_INSPECTED;
  if (light == HD_LIGHT_GREEN)
    return HD_LIGHT_REASON_NONE;

  cached = g_hash_table_lookup (self->reasons, subject_id);
  if (cached != NULL)
    return GPOINTER_TO_UINT (cached) - 1;

  hd_store_compute_subject_light (self->store, subject_id, &self->today, &reasons, &error);
  if (error != NULL)
    {
      g_debug ("Cannot read the light of %s: %s", subject_id, error->message);
      reasons = HD_LIGHT_REASON_NONE;
    }

  g_hash_table_insert (self->reasons, g_strdup (subject_id), GUINT_TO_POINTER (reasons + 1));
  return reasons;
}

GHashTable *
hd_lights_get_site_table (HdLights *self)
{
  g_return_val_if_fail (HD_IS_LIGHTS (self), NULL);

  return self->site_lights;
}

guint
hd_lights_count (HdLights *self,
                 HdLight   light)
{
  g_return_val_if_fail (HD_IS_LIGHTS (self), 0);
  g_return_val_if_fail (light < HD_N_LIGHTS, 0);

  return self->counts[light];
}

char *
hd_light_describe (HdLight        light,
                   HdLightReasons reasons)
{
  g_autofree char *why = NULL;

  /* Grey says why on its own ("Light: not inspected"). */
  if (light == HD_LIGHT_GREY)
    reasons &= ~HD_LIGHT_REASON_NEVER_INSPECTED;

  why = hd_light_reasons_describe (reasons);
  if (why == NULL || *why == '\0')
    /* Translators: a row's light for screen readers and tooltips; %s is e.g. "Yellow" */
    return g_strdup_printf (_("Light: %s"), hd_light_label (light));

  /* Translators: a row's light and why, e.g. "Light: Yellow — inspection due this quarter" */
  return g_strdup_printf (_("Light: %s — %s"), hd_light_label (light), why);
}

static const char * const css_classes[HD_N_LIGHTS] = {
  [HD_LIGHT_GREY] = "light-grey",
  [HD_LIGHT_GREEN] = "light-green",
  [HD_LIGHT_YELLOW] = "light-yellow",
  [HD_LIGHT_RED] = "light-red",
};

const char *
hd_light_css_class (HdLight light)
{
  if ((guint) light >= HD_N_LIGHTS)
    light = HD_LIGHT_GREY;
  return css_classes[light];
}

void
hd_light_apply_css_class (GtkWidget *widget,
                          HdLight    light)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (guint i = 0; i < HD_N_LIGHTS; i++)
    if (i != (guint) light)
      gtk_widget_remove_css_class (widget, css_classes[i]);
  gtk_widget_add_css_class (widget, hd_light_css_class (light));
}
