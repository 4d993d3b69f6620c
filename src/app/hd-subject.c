/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-subject"

#include <string.h>

#include <glib/gi18n.h>

#include "hd-subject.h"

char *
hd_subject_to_target (HdSubjectKind  kind,
                      const char    *subject_id)
{
  g_return_val_if_fail (subject_id != NULL, NULL);

  return g_strdup_printf ("%s:%s", hd_subject_kind_to_string (kind), subject_id);
}

gboolean
hd_subject_from_target (const char     *target,
                        HdSubjectKind  *kind,
                        char          **subject_id)
{
  const char *colon;
  g_autofree char *kind_str = NULL;
  HdSubjectKind parsed;

  if (target == NULL || (colon = strchr (target, ':')) == NULL || colon[1] == '\0')
    return FALSE;

  kind_str = g_strndup (target, colon - target);
  if (!hd_subject_kind_from_string (kind_str, &parsed))
    return FALSE;

  if (kind != NULL)
    *kind = parsed;
  if (subject_id != NULL)
    *subject_id = g_strdup (colon + 1);
  return TRUE;
}

const char *
hd_subject_get_name (HdStore       *store,
                     HdSubjectKind  kind,
                     const char    *subject_id)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  if (subject_id == NULL)
    return NULL;

  if (kind == HD_SUBJECT_BELT)
    {
      HdBelt *belt = hd_store_lookup_belt (store, subject_id);

      return belt != NULL ? hd_belt_get_name (belt) : NULL;
    }
  else
    {
      HdSite *site = hd_store_lookup_site (store, subject_id);

      return site != NULL ? hd_site_get_name (site) : NULL;
    }
}

GMenuModel *
hd_subject_menu_new (HdSubjectKind  kind,
                     const char    *subject_id)
{
  g_autofree char *target = hd_subject_to_target (kind, subject_id);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) start = NULL;
  g_autoptr(GMenuItem) history = NULL;

  start = g_menu_item_new (_("_Start Inspection…"), NULL);
  g_menu_item_set_action_and_target (start, "win.start-inspection", "s", target);
  g_menu_item_set_attribute (start, "accel", "s", "<Control>i");
  g_menu_append_item (menu, start);

  history = g_menu_item_new (_("Inspection _History"), NULL);
  g_menu_item_set_action_and_target (history, "win.show-history", "s", target);
  g_menu_append_item (menu, history);

  {
    g_autoptr(GMenu) section = g_menu_new ();
    g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);

    g_menu_item_set_action_and_target (edit, kind == HD_SUBJECT_BELT ? "win.edit-belt"
                                                                     : "win.edit-site",
                                       "s", subject_id);
    g_menu_item_set_attribute (edit, "accel", "s", "<Control>e");
    g_menu_append_item (section, edit);
    if (kind == HD_SUBJECT_SITE)
      {
        g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);

        g_menu_item_set_action_and_target (delete, "win.delete-site", "s", subject_id);
        g_menu_item_set_attribute (delete, "accel", "s", "Delete");
        g_menu_append_item (section, delete);
      }
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }

  return G_MENU_MODEL (g_steal_pointer (&menu));
}
