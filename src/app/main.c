/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hongdai"

#include <locale.h>

#include <glib/gi18n.h>

#include "hd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HdApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("hongdai");
  g_set_application_name (_("Hongdai"));

  app = hd_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  /* --screenshot finishes after the main loop has started: its result comes back here. */
  if (status == 0)
    status = hd_application_get_exit_status (app);

  return status;
}
