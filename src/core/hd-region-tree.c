/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-region-tree"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-geojson.h"
#include "hd-region-tree.h"
#include "hd-store-private.h"
#include "hd-validate.h"

/* Deeper than any real administrative tree; a guard against a cycle written by another program. */
#define MAX_DEPTH 64

/* Tree order */

static int
sibling_compare (gconstpointer a,
                 gconstpointer b)
{
  HdRegion *x = *(HdRegion **) a;
  HdRegion *y = *(HdRegion **) b;
  const char *cx = hd_region_get_code (x);
  const char *cy = hd_region_get_code (y);
  int result;

  /* Administrative codes sort in the official order; regions without one follow. */
  if (cx != NULL && cy == NULL)
    return -1;
  if (cx == NULL && cy != NULL)
    return 1;
  if (cx != NULL && (result = g_utf8_collate (cx, cy)) != 0)
    return result;
  result = g_utf8_collate (hd_region_get_name (x), hd_region_get_name (y));
  return result != 0 ? result : g_strcmp0 (hd_region_get_id (x), hd_region_get_id (y));
}

static void
append_subtree (GHashTable *children,
                HdRegion   *region,
                GPtrArray  *out,
                GHashTable *done,
                guint       depth)
{
  GPtrArray *below;

  if (depth > MAX_DEPTH || !g_hash_table_add (done, (gpointer) hd_region_get_id (region)))
    return;
  g_ptr_array_add (out, g_object_ref (region));
  below = g_hash_table_lookup (children, hd_region_get_id (region));
  for (guint i = 0; below != NULL && i < below->len; i++)
    append_subtree (children, g_ptr_array_index (below, i), out, done, depth + 1);
}

GPtrArray *
hd_store_dup_region_tree (HdStore *self)
{
  GListModel *regions;
  g_autoptr(GHashTable) children = NULL;
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  GPtrArray *out;
  GHashTableIter iter;
  gpointer value;
  guint n;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  regions = hd_store_get_regions (self);
  n = g_list_model_get_n_items (regions);
  out = g_ptr_array_new_full (n, g_object_unref);
  children = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                    (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);
      const char *parent = hd_region_get_parent_id (region);

      if (parent != NULL && hd_store_lookup_region (self, parent) != NULL)
        {
          GPtrArray *list = g_hash_table_lookup (children, parent);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (children, (gpointer) parent, list);
            }
          /* The model holds the reference for as long as this function runs. */
          g_ptr_array_add (list, region);
        }
      else
        g_ptr_array_add (roots, region);
    }

  g_hash_table_iter_init (&iter, children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, sibling_compare);
  g_ptr_array_sort (roots, sibling_compare);

  for (guint i = 0; i < roots->len; i++)
    append_subtree (children, g_ptr_array_index (roots, i), out, done, 0);
  /* Regions whose parents go round in a circle (only another program could write that) have
   * no top: they still get rows, so that they can be moved out of it. */
  for (guint i = 0; out->len < n && i < n; i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);

      append_subtree (children, region, out, done, 0);
    }
  return out;
}

guint
hd_store_get_region_depth (HdStore    *self,
                           const char *id)
{
  HdRegion *region;
  guint depth = 0;

  g_return_val_if_fail (HD_IS_STORE (self), 0);

  region = hd_store_lookup_region (self, id);
  while (region != NULL && depth < MAX_DEPTH &&
         (region = hd_store_lookup_region (self, hd_region_get_parent_id (region))) != NULL)
    depth++;
  return depth;
}

char *
hd_store_dup_region_path (HdStore    *self,
                          const char *id)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) path = g_string_new (NULL);
  HdRegion *region;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  region = hd_store_lookup_region (self, id);
  if (region == NULL)
    return NULL;
  for (guint depth = 0; region != NULL && depth <= MAX_DEPTH; depth++)
    {
      g_ptr_array_add (names, (gpointer) hd_region_get_name (region));
      region = hd_store_lookup_region (self, hd_region_get_parent_id (region));
    }
  for (guint i = names->len; i > 0; i--)
    {
      if (path->len > 0)
        /* Translators: between the levels of a region's path, "福州市 › 鼓楼区" */
        g_string_append (path, C_("region path", " › "));
      g_string_append (path, g_ptr_array_index (names, i - 1));
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

gboolean
hd_store_region_is_within (HdStore    *self,
                           const char *id,
                           const char *ancestor_id)
{
  const char *cursor = id;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  for (guint depth = 0; cursor != NULL && depth <= MAX_DEPTH; depth++)
    {
      HdRegion *region;

      if (g_strcmp0 (cursor, ancestor_id) == 0)
        return TRUE;
      region = hd_store_lookup_region (self, cursor);
      cursor = region != NULL ? hd_region_get_parent_id (region) : NULL;
    }
  /* Deeper than any real tree: a cycle; say yes so that nothing is moved into it. */
  return cursor != NULL;
}

/* The totals a record in region @id adds to: its own and each ancestor's, NULL-terminated,
 * worked out once per region rather than once per site. */
static HdRegionTotals **
chain_of (HdStore    *self,
          GHashTable *totals,
          GHashTable *chains,
          const char *id)
{
  g_autoptr(GPtrArray) chain = NULL;
  HdRegionTotals **found;

  if (id == NULL)
    return NULL;
  if ((found = g_hash_table_lookup (chains, id)) != NULL)
    return found;
  chain = g_ptr_array_new ();
  for (const char *cursor = id; cursor != NULL && chain->len <= MAX_DEPTH;)
    {
      HdRegionTotals *t = g_hash_table_lookup (totals, cursor);
      HdRegion *region = hd_store_lookup_region (self, cursor);

      /* Round a circle of parents once only. */
      if (t == NULL || region == NULL || g_ptr_array_find (chain, t, NULL))
        break;
      g_ptr_array_add (chain, t);
      cursor = hd_region_get_parent_id (region);
    }
  g_ptr_array_add (chain, NULL);
  found = (HdRegionTotals **) g_ptr_array_free (g_steal_pointer (&chain), FALSE);
  g_hash_table_insert (chains, g_strdup (id), found);
  return found;
}

GHashTable *
hd_store_collect_region_totals (HdStore *self)
{
  g_autoptr(GHashTable) chains = NULL;
  GHashTable *totals;
  GListModel *model;
  guint n;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  chains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  model = hd_store_get_regions (self);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (model, i);

      g_hash_table_insert (totals, g_strdup (hd_region_get_id (region)), g_new0 (HdRegionTotals, 1));
    }
  model = hd_store_get_belts (self);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (model, i);
      HdRegionTotals **chain = chain_of (self, totals, chains, hd_belt_get_region_id (belt));

      for (guint j = 0; chain != NULL && chain[j] != NULL; j++)
        chain[j]->belts++;
    }
  model = hd_store_get_sites (self);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      /* The model holds the site; no reference needed for a look at one field. */
      HdSite *site = g_list_model_get_item (model, i);
      HdRegionTotals **chain = chain_of (self, totals, chains, hd_site_get_region_id (site));

      g_object_unref (site);
      for (guint j = 0; chain != NULL && chain[j] != NULL; j++)
        chain[j]->sites++;
    }
  return totals;
}

/* Commands */

static gint64
count_rows (HdStore     *self,
            const char  *sql,
            const char  *id,
            GError     **error)
{
  sqlite3_stmt *stmt = hd_store_prepare (self, sql, error);
  gint64 value = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    hd_store_set_error_from_db (self, error, _("Reading the workspace failed"));
  sqlite3_reset (stmt);
  return value;
}

gboolean
hd_store_count_region_contents (HdStore           *self,
                                const char        *id,
                                HdRegionContents  *out,
                                GError           **error)
{
  gint64 counts[4];
  static const char * const queries[] = {
    "SELECT count(*) FROM region WHERE parent_id = ?1",
    "SELECT count(*) FROM belt WHERE region_id = ?1",
    "SELECT count(*) FROM site WHERE region_id = ?1",
    "SELECT count(*) FROM plan WHERE region_id = ?1",
  };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (id == NULL || hd_store_lookup_region (self, id) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("No region has the id %s"), id != NULL ? id : "(null)");
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    if ((counts[i] = count_rows (self, queries[i], id, error)) < 0)
      return FALSE;
  *out = (HdRegionContents) { (guint) counts[0], (guint) counts[1], (guint) counts[2],
                              (guint) counts[3] };
  return TRUE;
}

gboolean
hd_store_move_region (HdStore     *self,
                      const char  *id,
                      const char  *new_parent_id,
                      GError     **error)
{
  static const char sql[] = "UPDATE region SET parent_id = ?2, modified = ?3 WHERE id = ?1";
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *what = NULL;
  HdRegion *region;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  region = hd_store_lookup_region (self, id);
  if (region == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("Could not move the region: no region has the id %s"), id);
      return FALSE;
    }
  what = g_strdup_printf (_("Could not move the region “%s”"), hd_region_get_name (region));
  if (new_parent_id != NULL && hd_store_lookup_region (self, new_parent_id) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: no region has the id %s"), what, new_parent_id);
      return FALSE;
    }
  if (new_parent_id != NULL && hd_store_region_is_within (self, new_parent_id, id))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: a region cannot be inside itself or one of its own sub-regions"), what);
      return FALSE;
    }
  if (g_strcmp0 (new_parent_id, hd_region_get_parent_id (region)) == 0)
    return TRUE;

  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  stmt = hd_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 2, new_parent_id);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error) ||
      !hd_store_commit_command (self, what,
                                g_strdup_printf (_("Move “%s”"), hd_region_get_name (region)),
                                error))
    goto fail;

  hd_store_reload_record (self, HD_CHANGE_REGIONS, id);
  {
    const char *ids[] = { id, NULL };

    hd_store_emit_changed (self, HD_CHANGE_REGIONS, ids);
  }
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

/* The ids of the rows of @table whose @column is @id, to refresh their models afterwards. */
static gboolean
collect_ids (HdStore     *self,
             const char  *sql,
             const char  *id,
             GPtrArray   *out,
             GError     **error)
{
  sqlite3_stmt *stmt = hd_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup (hd_sql_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_store_set_error_from_db (self, error, _("Reading the workspace failed"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_with_ids (HdStore     *self,
              const char  *sql,
              const char  *id,
              const char  *parent_id,
              const char  *now,
              const char  *what,
              GError     **error)
{
  sqlite3_stmt *stmt = hd_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    {
      hd_sql_bind_text (stmt, 2, parent_id);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
    }
  return hd_store_step_done (self, stmt, what, error);
}

gboolean
hd_store_delete_region_into_parent (HdStore     *self,
                                    const char  *id,
                                    GError     **error)
{
  /* What refers to a region, and how each moves up. */
  static const struct {
    HdChangeKind kind;
    const char  *select;
    const char  *update;
  } refs[] = {
    { HD_CHANGE_REGIONS, "SELECT id FROM region WHERE parent_id = ?1",
      "UPDATE region SET parent_id = ?2, modified = ?3 WHERE parent_id = ?1" },
    { HD_CHANGE_BELTS, "SELECT id FROM belt WHERE region_id = ?1",
      "UPDATE belt SET region_id = ?2, modified = ?3 WHERE region_id = ?1" },
    { HD_CHANGE_SITES, "SELECT id FROM site WHERE region_id = ?1",
      "UPDATE site SET region_id = ?2, modified = ?3 WHERE region_id = ?1" },
    { HD_CHANGE_PLANS, "SELECT id FROM plan WHERE region_id = ?1",
      "UPDATE plan SET region_id = ?2, modified = ?3 WHERE region_id = ?1" },
  };
  GPtrArray *moved[G_N_ELEMENTS (refs)] = { NULL, };
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *what = NULL;
  g_autofree char *parent_id = NULL;
  g_autofree char *name = NULL;
  guint kinds = HD_CHANGE_REGIONS;
  HdRegion *region;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  region = hd_store_lookup_region (self, id);
  if (region == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("Could not delete the region: no region has the id %s"), id);
      return FALSE;
    }
  name = g_strdup (hd_region_get_name (region));
  parent_id = g_strdup (hd_region_get_parent_id (region));
  what = g_strdup_printf (_("Could not delete the region “%s”"), name);

  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      moved[i] = g_ptr_array_new_with_free_func (g_free);
      if (!collect_ids (self, refs[i].select, id, moved[i], error) ||
          !run_with_ids (self, refs[i].update, id, parent_id, now, what, error))
        goto fail;
    }
  if (!run_with_ids (self, "DELETE FROM region WHERE id = ?1", id, NULL, NULL, what, error) ||
      !hd_store_commit_command (self, what, g_strdup_printf (_("Delete “%s”"), name), error))
    goto fail;

  /* The deleted region leaves its model when it is re-read and found gone. */
  hd_store_reload_record (self, HD_CHANGE_REGIONS, id);
  g_ptr_array_add (changed, (gpointer) id);
  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    for (guint j = 0; j < moved[i]->len; j++)
      {
        hd_store_reload_record (self, refs[i].kind, g_ptr_array_index (moved[i], j));
        g_ptr_array_add (changed, g_ptr_array_index (moved[i], j));
        kinds |= refs[i].kind;
      }
  g_ptr_array_add (changed, NULL);
  hd_store_emit_changed (self, kinds, (const char * const *) changed->pdata);
  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    g_ptr_array_unref (moved[i]);
  return TRUE;

fail:
  hd_store_rollback (self);
  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    g_clear_pointer (&moved[i], g_ptr_array_unref);
  return FALSE;
}

/* Boundaries */

void
hd_boundary_summary_clear (HdBoundarySummary *summary)
{
  g_clear_pointer (&summary->region_ids, g_ptr_array_unref);
  summary->matched = summary->created = 0;
}

static void boundary_error (HdImportItem  *item,
                            GError       **error,
                            HdImportError  code,
                            const char    *format,
                            ...) G_GNUC_PRINTF (4, 5);

static void
boundary_error (HdImportItem  *item,
                GError       **error,
                HdImportError  code,
                const char    *format,
                ...)
{
  g_autofree char *reason = NULL;
  const char *name = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_object_get (item->record, "name", &name, NULL);
  if (name != NULL && *name != '\0')
    g_set_error (error, HD_IMPORT_ERROR, code, _("%s: feature %u (“%s”): %s"),
                 item->source, item->feature_index, name, reason);
  else
    g_set_error (error, HD_IMPORT_ERROR, code, _("%s: feature %u: %s"),
                 item->source, item->feature_index, reason);
  g_free ((char *) name);
}

/* The workspace's regions by one text key; "" marks a key two regions share. */
static GHashTable *
index_regions (HdStore     *self,
               const char *(*key_of) (HdRegion *))
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GListModel *regions = hd_store_get_regions (self);

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);
      const char *key = key_of (region);

      if (key == NULL)
        continue;
      if (g_hash_table_contains (index, key))
        g_hash_table_replace (index, g_strdup (key), g_strdup (""));
      else
        g_hash_table_insert (index, g_strdup (key), g_strdup (hd_region_get_id (region)));
    }
  return index;
}

typedef struct {
  HdImportItem *item;
  char         *region_id;   /* the matched region, or the new one's id */
  gboolean      created;
} BoundaryPlan;

static void
boundary_plan_clear (gpointer data)
{
  BoundaryPlan *plan = data;

  g_free (plan->region_id);
}

/* Finds the workspace region a feature is about: by its id, else its code, else its name.
 * Sets *@id to NULL (and returns TRUE) when none matches. */
static gboolean
match_region (HdStore       *self,
              GHashTable    *by_code,
              GHashTable    *by_name,
              HdImportItem  *item,
              char         **id,
              GError       **error)
{
  HdRegion *record = HD_REGION (item->record);
  const char *code = hd_region_get_code (record);
  const char *name = hd_region_get_name (record);
  const char *found;

  *id = NULL;
  if (item->id_from_file && hd_store_lookup_region (self, hd_region_get_id (record)) != NULL)
    {
      *id = g_strdup (hd_region_get_id (record));
      return TRUE;
    }
  if (code != NULL && (found = g_hash_table_lookup (by_code, code)) != NULL)
    {
      if (*found == '\0')
        {
          boundary_error (item, error, HD_IMPORT_ERROR_UNRESOLVED,
                          _("several regions have the code “%s”"), code);
          return FALSE;
        }
      *id = g_strdup (found);
      return TRUE;
    }
  if ((found = g_hash_table_lookup (by_name, name)) != NULL)
    {
      if (*found == '\0')
        {
          boundary_error (item, error, HD_IMPORT_ERROR_UNRESOLVED,
                          _("several regions are called “%s”; give the feature a “code” "
                            "property to say which"), name);
          return FALSE;
        }
      /* A code in the file that differs from the region's own means another region. */
      if (code != NULL && hd_region_get_code (hd_store_lookup_region (self, found)) != NULL)
        return TRUE;
      *id = g_strdup (found);
    }
  return TRUE;
}

/* A created region's parent: a workspace region (id, code or name) or another feature of the
 * file (its id, code or name). */
static gboolean
resolve_parent (HdStore       *self,
                GHashTable    *by_code,
                GHashTable    *by_name,
                GArray        *plans,
                HdImportItem  *item,
                const char   **parent_id,
                GError       **error)
{
  const char *ref = item->region_ref;
  const char *found;

  *parent_id = NULL;
  if (ref == NULL)
    return TRUE;
  if (hd_store_lookup_region (self, ref) != NULL)
    {
      *parent_id = hd_region_get_id (hd_store_lookup_region (self, ref));
      return TRUE;
    }
  for (guint i = 0; i < plans->len; i++)
    {
      BoundaryPlan *other = &g_array_index (plans, BoundaryPlan, i);
      HdRegion *record = HD_REGION (other->item->record);

      if (other->item == item)
        continue;
      if (g_strcmp0 (hd_region_get_id (record), ref) == 0 ||
          g_strcmp0 (hd_region_get_code (record), ref) == 0 ||
          g_strcmp0 (hd_region_get_name (record), ref) == 0)
        {
          *parent_id = other->region_id;
          return TRUE;
        }
    }
  found = g_hash_table_lookup (by_code, ref);
  if (found == NULL)
    found = g_hash_table_lookup (by_name, ref);
  if (found != NULL && *found != '\0')
    {
      *parent_id = found;
      return TRUE;
    }
  boundary_error (item, error, HD_IMPORT_ERROR_UNRESOLVED,
                  found != NULL ? _("several regions are called “%s”; name the parent by its code")
                                : _("its parent “%s” is neither in the workspace nor in the file"),
                  ref);
  return FALSE;
}

static const char *
code_of (HdRegion *region)
{
  return hd_region_get_code (region);
}

static const char *
name_of (HdRegion *region)
{
  return hd_region_get_name (region);
}

gboolean
hd_store_import_boundaries (HdStore            *self,
                            GFile              *file,
                            gboolean            create_missing,
                            HdBoundarySummary  *summary,
                            GError            **error)
{
  static const char update_sql[] =
    "UPDATE region SET geometry = ?2, code = coalesce (code, ?3), modified = ?4 WHERE id = ?1";
  static const char insert_sql[] =
    "INSERT INTO region (id, parent_id, name, level, code, geometry, extra, created, modified)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)";
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autoptr(GHashTable) by_code = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) inserted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) plans = g_array_new (FALSE, TRUE, sizeof (BoundaryPlan));
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *what = NULL;
  g_autofree char *source = NULL;
  guint matched = 0, created = 0;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (summary != NULL)
    *summary = (HdBoundarySummary) { 0, 0, g_ptr_array_new_with_free_func (g_free) };
  g_array_set_clear_func (plans, boundary_plan_clear);

  if (!hd_geojson_parse_file (batch, file, error))
    return FALSE;
  if (batch->items->len == 0)
    {
      source = g_file_get_parse_name (file);
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_GEOJSON,
                   _("%s: there are no boundaries in the file"), source);
      return FALSE;
    }
  source = g_strdup (((HdImportItem *) g_ptr_array_index (batch->items, 0))->source);
  what = g_strdup_printf (_("Could not import the boundaries of %s"), source);

  by_code = index_regions (self, code_of);
  by_name = index_regions (self, name_of);

  /* Everything is checked before anything is written. */
  for (guint i = 0; i < batch->items->len; i++)
    {
      HdImportItem *item = g_ptr_array_index (batch->items, i);
      BoundaryPlan plan = { item, NULL, FALSE };

      if (item->kind != HD_IMPORT_ITEM_REGION ||
          hd_region_get_geometry (HD_REGION (item->record)) == NULL)
        {
          boundary_error (item, error, HD_IMPORT_ERROR_INVALID_FEATURE,
                          _("not a boundary: a region’s outline must be a Polygon or "
                            "MultiPolygon"));
          return FALSE;
        }
      if (!match_region (self, by_code, by_name, item, &plan.region_id, error))
        return FALSE;
      if (plan.region_id == NULL)
        {
          HdRegion *record = HD_REGION (item->record);

          if (!create_missing)
            {
              if (hd_region_get_code (record) != NULL)
                boundary_error (item, error, HD_IMPORT_ERROR_UNRESOLVED,
                                _("no region in the workspace has the code “%s” or the "
                                  "name “%s”"),
                                hd_region_get_code (record), hd_region_get_name (record));
              else
                boundary_error (item, error, HD_IMPORT_ERROR_UNRESOLVED,
                                _("no region in the workspace is called “%s”"),
                                hd_region_get_name (record));
              return FALSE;
            }
          plan.created = TRUE;
          plan.region_id = item->id_from_file ? g_strdup (hd_region_get_id (record)) : hd_new_id ();
        }
      if (!g_hash_table_add (seen, plan.region_id))
        {
          boundary_error (item, error, HD_IMPORT_ERROR_DUPLICATE_ID,
                          _("another feature of the file is the same region"));
          boundary_plan_clear (&plan);
          return FALSE;
        }
      g_array_append_val (plans, plan);
    }

  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  /* New regions first, parents before children whatever the file's order: passes until none
   * is left or a pass makes no progress (the file's parents go round in a circle). */
  for (gboolean progress = TRUE; progress;)
    {
      BoundaryPlan *waiting = NULL;

      progress = FALSE;
      for (guint i = 0; i < plans->len; i++)
        {
          BoundaryPlan *plan = &g_array_index (plans, BoundaryPlan, i);
          HdRegion *record = HD_REGION (plan->item->record);
          const char *parent_id;
          sqlite3_stmt *stmt;

          if (!plan->created || g_hash_table_contains (inserted, plan->region_id))
            continue;
          if (!resolve_parent (self, by_code, by_name, plans, plan->item, &parent_id, error))
            goto fail;
          if (parent_id != NULL && hd_store_lookup_region (self, parent_id) == NULL &&
              !g_hash_table_contains (inserted, parent_id))
            {
              if (waiting == NULL)
                waiting = plan;
              continue;
            }
          stmt = hd_store_prepare (self, insert_sql, error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, plan->region_id, -1, SQLITE_TRANSIENT);
          hd_sql_bind_text (stmt, 2, parent_id);
          sqlite3_bind_text (stmt, 3, hd_region_get_name (record), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, hd_region_level_to_string (hd_region_get_level (record)),
                             -1, SQLITE_STATIC);
          hd_sql_bind_text (stmt, 5, hd_region_get_code (record));
          hd_sql_bind_text (stmt, 6, hd_region_get_geometry (record));
          hd_sql_bind_text (stmt, 7, hd_region_get_extra (record));
          sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
          if (!hd_store_step_done (self, stmt, what, error))
            goto fail;
          g_hash_table_add (inserted, plan->region_id);
          created++;
          progress = TRUE;
        }
      if (!progress && waiting != NULL)
        {
          boundary_error (waiting->item, error, HD_IMPORT_ERROR_UNRESOLVED,
                          _("its parent “%s” is one of its own sub-regions"),
                          waiting->item->region_ref);
          goto fail;
        }
    }
  for (guint i = 0; i < plans->len; i++)
    {
      BoundaryPlan *plan = &g_array_index (plans, BoundaryPlan, i);
      HdRegion *record = HD_REGION (plan->item->record);
      sqlite3_stmt *stmt;

      g_ptr_array_add (changed, plan->region_id);
      if (plan->created)
        continue;
      stmt = hd_store_prepare (self, update_sql, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, plan->region_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, hd_region_get_geometry (record), -1, SQLITE_TRANSIENT);
      hd_sql_bind_text (stmt, 3, hd_region_get_code (record));
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
      if (!hd_store_step_done (self, stmt, what, error))
        goto fail;
      matched++;
    }
  if (!hd_store_commit_command (self, what,
                                g_strdup_printf (_("Import boundaries from %s"), source), error))
    goto fail;

  for (guint i = 0; i < changed->len; i++)
    hd_store_reload_record (self, HD_CHANGE_REGIONS, g_ptr_array_index (changed, i));
  if (summary != NULL)
    {
      summary->matched = matched;
      summary->created = created;
      for (guint i = 0; i < changed->len; i++)
        g_ptr_array_add (summary->region_ids, g_strdup (g_ptr_array_index (changed, i)));
    }
  g_ptr_array_add (changed, NULL);
  hd_store_emit_changed (self, HD_CHANGE_REGIONS, (const char * const *) changed->pdata);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}
