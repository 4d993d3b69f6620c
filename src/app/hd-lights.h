/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-inspection.h"

G_BEGIN_DECLS

#define HD_TYPE_LIGHTS (hd_lights_get_type ())
G_DECLARE_FINAL_TYPE (HdLights, hd_lights, HD, LIGHTS, GObject)

/* The current red / yellow / green light of every site and belt of a workspace, computed with
 * hd_store_compute_lights() once per store change that can move a light (inspections,
 * rectifications, sites, belts, routes), not per row. Rows, the map and the queue read from here
 * and listen to "changed" (no arguments), emitted after each recomputation.
 *
 * The reasons behind a light (for tooltips and screen readers) are not in the bulk query: they
 * are fetched per subject on first use and kept until the next change. */
HdLights       *hd_lights_new            (HdStore        *store);
/* (transfer none) */
HdStore        *hd_lights_get_store      (HdLights       *self);
/* Today in the workspace's time zone, as used by the last computation. */
const GDate    *hd_lights_get_today      (HdLights       *self);
/* Recomputes now (the store's "changed" does this on its own). */
void            hd_lights_refresh        (HdLights       *self);

HdLight         hd_lights_get            (HdLights       *self,
                                          HdSubjectKind   kind,
                                          const char     *subject_id);
HdLightReasons  hd_lights_get_reasons    (HdLights       *self,
                                          HdSubjectKind   kind,
                                          const char     *subject_id);
/* (transfer none) (nullable): site id → HdLight (GINT_TO_POINTER), for the map. */
GHashTable     *hd_lights_get_site_table (HdLights       *self);
/* How many sites and belts have @light. */
guint           hd_lights_count          (HdLights       *self,
                                          HdLight         light);

/* Whether a store change is only about drafts (a started inspection, an answer, a note): those
 * move no light and no queue, so the views need not re-read on every key press. FALSE for any
 * other kind, for no ids (everything may have changed) and for an id that is no longer a draft
 * (finished, deleted). */
gboolean        hd_lights_change_is_draft_only (HdStore            *store,
                                                guint               kinds,
                                                const char * const *ids);

/* The words a row says about its light, as pure functions of the values (tested without a
 * display). (transfer full)
 *   describe: "Light: yellow — inspection due this quarter" (the reasons joined by "; ");
 *   "Light: green" when there are none. */
char           *hd_light_describe        (HdLight         light,
                                          HdLightReasons  reasons);
/* The CSS class that colours a light: "light-grey", "light-green", "light-yellow", "light-red". */
const char     *hd_light_css_class       (HdLight         light);
/* Puts @light's class on @widget and takes the other lights' classes off. */
void            hd_light_apply_css_class (GtkWidget      *widget,
                                          HdLight         light);

G_END_DECLS
