/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HD_TYPE_APPLICATION (hd_application_get_type ())
G_DECLARE_FINAL_TYPE (HdApplication, hd_application, HD, APPLICATION, AdwApplication)

HdApplication *hd_application_new             (void);
/* The status for main() to return once g_application_run() has: non-zero when --screenshot
 * could not write its file or the workspace could not be opened. */
int            hd_application_get_exit_status (HdApplication *self);

/* (transfer none) (nullable): the app's settings; %NULL when the schema is not installed. */
GSettings     *hd_application_get_settings    (HdApplication *self);

/* Registers the bundled GResource (templates, CSS, help overlay) once; every class with a
 * template calls it before using one, so widgets also work without an HdApplication. */
void           hd_application_ensure_resources (void);

G_END_DECLS
