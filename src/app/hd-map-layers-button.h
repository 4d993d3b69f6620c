/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-map-view.h"

G_BEGIN_DECLS

#define HD_TYPE_MAP_LAYERS_BUTTON (hd_map_layers_button_get_type ())
G_DECLARE_FINAL_TYPE (HdMapLayersButton, hd_map_layers_button, HD, MAP_LAYERS_BUTTON, GtkWidget)

/* The map's layer switcher: a menu of the base maps (offline, each MBTiles file, OpenStreetMap
 * when allowed) as radio items, "Add Map File…", and check items for sites, belt routes, region
 * boundaries and place names. Its actions ("map.base", "map.show-sites", "map.show-belts",
 * "map.show-regions", "map.show-labels", "map.add-file") act on @view.
 *
 * @settings: (nullable): the app's settings; the files, the online switch, the base and the
 * visibilities are read from and remembered there. Without, they last as long as the button. */
GtkWidget *hd_map_layers_button_new      (HdMapView         *view,
                                          GSettings         *settings);
/* Adds an MBTiles file and shows it as the base; %FALSE with @error (naming the file and why)
 * when it is refused. What "Add Map File…" does once a file is chosen. */
gboolean   hd_map_layers_button_add_file (HdMapLayersButton *self,
                                          const char        *path,
                                          GError           **error);

G_END_DECLS
