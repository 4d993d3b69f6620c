/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-store-lists"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hd-store-lists.h"
#include "hd-store-private.h"

/* A selection goes to SQLite as one JSON array bound to one parameter and read back with
 * json_each(): one statement for 10k ids, not 10k statements. */
static char *
ids_to_json (GPtrArray *ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (ids, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The ids without repeats, in their first order. (transfer container) */
static GPtrArray *
unique_ids (const char * const *ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_hash_table_add (seen, (gpointer) ids[i]))
      g_ptr_array_add (out, (gpointer) ids[i]);
  return out;
}

static gboolean
run_with_ids (HdStore     *self,
              const char  *sql,
              const char  *ids_json,
              const char  *text2,
              const char  *text3,
              const char  *what,
              GError     **error)
{
  sqlite3_stmt *stmt = hd_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    hd_sql_bind_text (stmt, 2, text2);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    hd_sql_bind_text (stmt, 3, text3);
  return hd_store_step_done (self, stmt, what, error);
}

gboolean
hd_store_assign_region (HdStore            *self,
                        const char * const *ids,
                        const char         *region_id,
                        GError            **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) sites = g_ptr_array_new ();
  g_autoptr(GPtrArray) belts = g_ptr_array_new ();
  g_autofree char *sites_json = NULL;
  g_autofree char *belts_json = NULL;
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *label = NULL;
  const char *what = _("Could not assign the region");
  HdRegion *region = NULL;
  guint kinds = 0;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (region_id != NULL && *region_id == '\0')
    region_id = NULL;
  if (region_id != NULL && (region = hd_store_lookup_region (self, region_id)) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: no region has the id %s"), what, region_id);
      return FALSE;
    }
  all = unique_ids (ids);
  for (guint i = 0; i < all->len; i++)
    {
      const char *id = g_ptr_array_index (all, i);

      if (hd_store_lookup_site (self, id) != NULL)
        g_ptr_array_add (sites, (gpointer) id);
      else if (hd_store_lookup_belt (self, id) != NULL)
        g_ptr_array_add (belts, (gpointer) id);
      else
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                       _("%s: no site or belt has the id %s"), what, id);
          return FALSE;
        }
    }
  if (all->len == 0)
    return TRUE;

  if (belts->len == 0)
    /* Translators: an undo step; %s is a region's name (or "no region") */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assign “%s” to %u site",
                                          "Assign “%s” to %u sites", sites->len),
                             region ? hd_region_get_name (region) : _("no region"), sites->len);
  else if (sites->len == 0)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assign “%s” to %u belt",
                                          "Assign “%s” to %u belts", belts->len),
                             region ? hd_region_get_name (region) : _("no region"), belts->len);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assign “%s” to %u site or belt",
                                          "Assign “%s” to %u sites and belts", all->len),
                             region ? hd_region_get_name (region) : _("no region"), all->len);

  sites_json = ids_to_json (sites);
  belts_json = ids_to_json (belts);
  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  /* IS NOT keeps rows already there out of the changeset: undo then touches only what moved. */
  if ((sites->len > 0 &&
       !run_with_ids (self,
                      "UPDATE site SET region_id = ?2, modified = ?3"
                      " WHERE id IN (SELECT value FROM json_each (?1)) AND region_id IS NOT ?2",
                      sites_json, region_id, now, what, error)) ||
      (belts->len > 0 &&
       !run_with_ids (self,
                      "UPDATE belt SET region_id = ?2, modified = ?3"
                      " WHERE id IN (SELECT value FROM json_each (?1)) AND region_id IS NOT ?2",
                      belts_json, region_id, now, what, error)) ||
      !hd_store_commit_command (self, what, g_steal_pointer (&label), error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  for (guint i = 0; i < sites->len; i++)
    hd_store_reload_record (self, HD_CHANGE_SITES, g_ptr_array_index (sites, i));
  for (guint i = 0; i < belts->len; i++)
    hd_store_reload_record (self, HD_CHANGE_BELTS, g_ptr_array_index (belts, i));
  kinds = (sites->len > 0 ? HD_CHANGE_SITES : 0) | (belts->len > 0 ? HD_CHANGE_BELTS : 0);
  g_ptr_array_add (all, NULL);
  hd_store_emit_changed (self, kinds, (const char * const *) all->pdata);
  return TRUE;
}

gboolean
hd_store_add_sites_to_belt (HdStore            *self,
                            const char         *belt_id,
                            const char * const *site_ids,
                            guint              *n_added,
                            GError            **error)
{
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autoptr(GHashTable) on_route = NULL;
  g_auto(GStrv) route = NULL;
  g_autofree char *what = NULL;
  g_autofree char *now = hd_timestamp_now ();
  const char *changed[] = { belt_id, NULL };
  sqlite3_stmt *stmt;
  guint start;
  HdBelt *belt;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (belt_id != NULL, FALSE);
  g_return_val_if_fail (site_ids != NULL, FALSE);

  if (n_added != NULL)
    *n_added = 0;
  belt = hd_store_lookup_belt (self, belt_id);
  if (belt == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("Could not add the sites to the belt: no belt has the id %s"), belt_id);
      return FALSE;
    }
  what = g_strdup_printf (_("Could not add the sites to “%s”"), hd_belt_get_name (belt));
  wanted = unique_ids (site_ids);
  for (guint i = 0; i < wanted->len; i++)
    if (hd_store_lookup_site (self, g_ptr_array_index (wanted, i)) == NULL)
      {
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                     _("%s: no site has the id %s"), what, (char *) g_ptr_array_index (wanted, i));
        return FALSE;
      }

  route = hd_store_dup_belt_route (self, belt_id);
  on_route = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; route[i] != NULL; i++)
    g_hash_table_add (on_route, route[i]);
  for (guint i = 0; i < wanted->len; i++)
    if (!g_hash_table_contains (on_route, g_ptr_array_index (wanted, i)))
      g_ptr_array_add (added, g_ptr_array_index (wanted, i));
  if (added->len == 0)
    return TRUE;

  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  /* After the last position in use (a route read elsewhere may have gaps). */
  stmt = hd_store_prepare (self, "SELECT coalesce (max (position) + 1, 0) FROM belt_site"
                                 " WHERE belt_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, belt_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      hd_store_set_error_from_db (self, error, what);
      sqlite3_reset (stmt);
      goto fail;
    }
  start = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  for (guint i = 0; i < added->len; i++)
    {
      stmt = hd_store_prepare (self, "INSERT INTO belt_site (belt_id, site_id, position)"
                                     " VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, belt_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (added, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, (int) (start + i));
      if (!hd_store_step_done (self, stmt, what, error))
        goto fail;
    }
  stmt = hd_store_prepare (self, "UPDATE belt SET modified = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, belt_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error))
    goto fail;
  /* Translators: an undo step; %s is the belt's name */
  if (!hd_store_commit_command (self, what,
                                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Add %u site to “%s”",
                                                              "Add %u sites to “%s”",
                                                              added->len),
                                                 added->len, hd_belt_get_name (belt)),
                                error))
    goto fail;

  if (n_added != NULL)
    *n_added = added->len;
  hd_store_reload_record (self, HD_CHANGE_BELTS, belt_id);
  hd_store_emit_changed (self, HD_CHANGE_ROUTES | HD_CHANGE_BELTS, changed);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_delete_belts (HdStore            *self,
                       const char * const *ids,
                       GError            **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *json = NULL;
  const char *what = _("Could not delete the belts");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  all = unique_ids (ids);
  for (guint i = 0; i < all->len; i++)
    if (hd_store_lookup_belt (self, g_ptr_array_index (all, i)) == NULL)
      {
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                     _("%s: no belt has the id %s"), what, (char *) g_ptr_array_index (all, i));
        return FALSE;
      }
  if (all->len == 0)
    return TRUE;

  json = ids_to_json (all);
  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  if (!run_with_ids (self, "DELETE FROM belt WHERE id IN (SELECT value FROM json_each (?1))",
                     json, NULL, NULL, what, error) ||
      !hd_store_commit_command (self, what,
                                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u belt",
                                                              "Delete %u belts", all->len),
                                                 all->len),
                                error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  for (guint i = 0; i < all->len; i++)
    hd_store_reload_record (self, HD_CHANGE_BELTS, g_ptr_array_index (all, i));
  g_ptr_array_add (all, NULL);
  hd_store_emit_changed (self, HD_CHANGE_BELTS | HD_CHANGE_ROUTES,
                         (const char * const *) all->pdata);
  return TRUE;
}

gint64
hd_store_count_inspections_of (HdStore            *self,
                               const char * const *ids,
                               GError            **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (HD_IS_STORE (self), -1);
  g_return_val_if_fail (ids != NULL, -1);

  all = unique_ids (ids);
  json = ids_to_json (all);
  stmt = hd_store_prepare (self,
                           "SELECT (SELECT count (*) FROM inspection"
                           "        WHERE site_id IN (SELECT value FROM json_each (?1)))"
                           "     + (SELECT count (*) FROM inspection"
                           "        WHERE belt_id IN (SELECT value FROM json_each (?1)))",
                           error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    hd_store_set_error_from_db (self, error, _("Could not count the inspections"));
  sqlite3_reset (stmt);
  return count;
}

GHashTable *
hd_store_map_site_belts (HdStore  *self,
                         GError  **error)
{
  g_autoptr(GHashTable) map = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  stmt = hd_store_prepare (self,
                           "SELECT bs.site_id, bs.belt_id FROM belt_site bs"
                           " JOIN belt b ON b.id = bs.belt_id ORDER BY b.name, b.rowid",
                           error);
  if (stmt == NULL)
    return NULL;
  map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                               (GDestroyNotify) g_ptr_array_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *site_id = hd_sql_text (stmt, 0);
      GPtrArray *belts = g_hash_table_lookup (map, site_id);

      if (belts == NULL)
        {
          belts = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (map, g_strdup (site_id), belts);
        }
      g_ptr_array_add (belts, g_strdup (hd_sql_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_store_set_error_from_db (self, error, _("Reading the workspace failed"));
      return NULL;
    }
  return g_steal_pointer (&map);
}

GHashTable *
hd_store_map_last_inspected (HdStore  *self,
                             GError  **error)
{
  g_autoptr(GHashTable) map = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  /* Each half reads its partial index (inspection_latest_site / _belt) alone. */
  stmt = hd_store_prepare (self,
                           "SELECT site_id, max (date) FROM inspection"
                           " WHERE state = 'finished' AND site_id IS NOT NULL GROUP BY site_id"
                           " UNION ALL "
                           "SELECT belt_id, max (date) FROM inspection"
                           " WHERE state = 'finished' AND belt_id IS NOT NULL GROUP BY belt_id",
                           error);
  if (stmt == NULL)
    return NULL;
  map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (map, g_strdup (hd_sql_text (stmt, 0)), g_strdup (hd_sql_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_store_set_error_from_db (self, error, _("Reading the workspace failed"));
      return NULL;
    }
  return g_steal_pointer (&map);
}
