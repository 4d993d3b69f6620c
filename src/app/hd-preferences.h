/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HD_TYPE_PREFERENCES (hd_preferences_get_type ())
G_DECLARE_FINAL_TYPE (HdPreferences, hd_preferences, HD, PREFERENCES, AdwPreferencesWindow)

/* The preferences: the online map switch (off by default: it explains what is downloaded and
 * from where) and the list of MBTiles map files, each with its name, path, or the reason it
 * cannot be shown. Reads and writes @settings (keys "online-map" and "map-files"). */
GtkWidget *hd_preferences_new                 (GtkWindow  *parent,
                                               GSettings  *settings);

typedef void (*HdMapFileChosen) (const char *path,
                                 gpointer    user_data);

/* Lets the user pick an .mbtiles file (a native file chooser over @widget's window) and calls
 * @callback with its path once chosen; nothing when cancelled. */
void       hd_preferences_choose_map_file     (GtkWidget       *widget,
                                               HdMapFileChosen  callback,
                                               gpointer         user_data);
/* A dialog over @widget's window saying why a map file was refused. */
void       hd_preferences_show_map_file_error (GtkWidget       *widget,
                                               const GError    *error);

G_END_DECLS
