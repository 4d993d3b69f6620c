/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-store"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "hd-geojson.h"
#include "hd-inspection.h"
#include "hd-plan-file.h"
#include "hd-schema.h"
#include "hd-site-private.h"
#include "hd-store-private.h"
#include "hd-validate.h"

/* 'HDai': marks a file as a Hongdai workspace, so another program's SQLite file is never
 * mistaken for an empty workspace and migrated. */
#define HD_APPLICATION_ID 0x48446169

/* One model per record kind: the list the UI shows and an index by id into it. */
typedef struct {
  const char  *select_all;               /* all rows, in the order they were added */
  const char  *select_one;               /* one row, ?1 = id */
  GObject    *(*from_row) (sqlite3_stmt *stmt);
  void        (*copy)     (GObject *dst, GObject *src);
  const char *(*get_id)   (GObject *object);
} HdKindInfo;

typedef struct {
  const HdKindInfo *info;
  GListStore       *list;
  GHashTable       *by_id;               /* id (owned by the object) → object (owned by list) */
} HdModel;

struct _HdStore
{
  GObject parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;                /* SQL text (static) → sqlite3_stmt * */
  int         schema_version;

  HdModel     regions;
  HdModel     belts;
  HdModel     sites;
  HdModel     plans;

  /* Undo: every user command records a changeset (SQLite's session extension); undo applies its
   * inverse, redo applies it again. The same changesets will serve merging between laptops. */
  sqlite3_session *session;              /* while a user command's transaction is open */
  GPtrArray  *undo_steps;                /* HdUndoStep *, newest last */
  GPtrArray  *redo_steps;
  gsize       undo_bytes;
  GPtrArray  *undo_group;                /* HdUndoStep * of an open group (see group_begin) */

  /* Other processes (or other HdStores) on the same file: PRAGMA data_version tells whether
   * they committed since we last looked; file monitors tell when to look. */
  gint64        data_version;

  GHashTable   *site_by_key;             /* R*Tree key → the site's id (owned by the site) */
  GArray       *site_keys;               /* gint64: the keys site_by_key points into */
  GFileMonitor *file_monitors[2];
  guint         refresh_source;
};

typedef struct {
  char  *label;
  void  *changeset;
  int    size;
} HdUndoStep;

static void undo_step_free (gpointer data);
static void on_sites_items_changed (GListModel *model, guint position, guint removed,
                                    guint added, HdStore *self);
static void set_site_key_index (HdStore *self, GArray *keys, GPtrArray *sites);

/* Enough for a day's editing; an import of a province is one large step. */
#define HD_UNDO_MAX_STEPS 200
#define HD_UNDO_MAX_BYTES (256u * 1024 * 1024)

G_DEFINE_FINAL_TYPE (HdStore, hd_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Rows and records                                                                           */

static void
bind_int_or_null (sqlite3_stmt *stmt,
                  int           idx,
                  int           value)
{
  if (value == 0)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_int (stmt, idx, value);
}

#define SITE_COLUMNS \
  "id, name, kind, domain, level, region_id, organisation, members, address, lat, lon, " \
  "contact, notes, extra, created, modified"

/* Straight into the site's fields: the property machinery (a 14-property g_object_set) cost
 * half the time of reading 100k sites at open. */
static GObject *
site_from_row (sqlite3_stmt *stmt)
{
  HdSiteFields fields = {
    .id = hd_sql_text (stmt, 0),
    .name = hd_sql_text (stmt, 1),
    .kind = HD_SITE_KIND_OTHER,
    .domain = HD_DOMAIN_UNSET,
    .level = HD_SITE_LEVEL_NONE,
    .region_id = hd_sql_text (stmt, 5),
    .organisation = hd_sql_text (stmt, 6),
    .members = MAX (sqlite3_column_int (stmt, 7), 0),
    .address = hd_sql_text (stmt, 8),
    .has_position = sqlite3_column_type (stmt, 9) != SQLITE_NULL,
    .latitude = sqlite3_column_double (stmt, 9),
    .longitude = sqlite3_column_double (stmt, 10),
    .contact = hd_sql_text (stmt, 11),
    .notes = hd_sql_text (stmt, 12),
    .extra = hd_sql_text (stmt, 13),
    .created = hd_sql_text (stmt, 14),
    .modified = hd_sql_text (stmt, 15),
  };

  hd_site_kind_from_string (hd_sql_text (stmt, 2), &fields.kind);
  hd_domain_from_string (hd_sql_text (stmt, 3), &fields.domain);
  hd_site_level_from_string (hd_sql_text (stmt, 4), &fields.level);
  return G_OBJECT (hd_site_new_with_fields (&fields));
}

#define BELT_COLUMNS \
  "b.id, b.name, b.region_id, b.brand, b.stage, b.start_year, b.responsible, b.colour, " \
  "b.logo_path, b.notes, b.extra, b.created, b.modified, " \
  "(SELECT count(*) FROM belt_site bs WHERE bs.belt_id = b.id)"

static GObject *
belt_from_row (sqlite3_stmt *stmt)
{
  HdBelt *belt = hd_belt_new ();
  HdBeltStage stage = HD_BELT_STAGE_PLANNED;

  hd_belt_stage_from_string (hd_sql_text (stmt, 4), &stage);
  g_object_set (belt,
                "id", hd_sql_text (stmt, 0),
                "name", hd_sql_text (stmt, 1),
                "region-id", hd_sql_text (stmt, 2),
                "brand", hd_sql_text (stmt, 3),
                "stage", stage,
                "start-year", sqlite3_column_int (stmt, 5),
                "responsible", hd_sql_text (stmt, 6),
                "colour", hd_sql_text (stmt, 7),
                "logo-path", hd_sql_text (stmt, 8),
                "notes", hd_sql_text (stmt, 9),
                "extra", hd_sql_text (stmt, 10),
                "created", hd_sql_text (stmt, 11),
                "modified", hd_sql_text (stmt, 12),
                "site-count", sqlite3_column_int (stmt, 13),
                NULL);
  return G_OBJECT (belt);
}

#define REGION_COLUMNS "id, parent_id, name, level, code, geometry, extra, created, modified"

static GObject *
region_from_row (sqlite3_stmt *stmt)
{
  HdRegion *region = hd_region_new ();
  HdRegionLevel level = HD_REGION_LEVEL_DISTRICT;

  hd_region_level_from_string (hd_sql_text (stmt, 3), &level);
  g_object_set (region,
                "id", hd_sql_text (stmt, 0),
                "parent-id", hd_sql_text (stmt, 1),
                "name", hd_sql_text (stmt, 2),
                "level", level,
                "code", hd_sql_text (stmt, 4),
                "geometry", hd_sql_text (stmt, 5),
                "extra", hd_sql_text (stmt, 6),
                "created", hd_sql_text (stmt, 7),
                "modified", hd_sql_text (stmt, 8),
                NULL);
  return G_OBJECT (region);
}

#define PLAN_COLUMNS \
  "p.id, p.title, p.region_id, p.first_year, " \
  "(SELECT theme FROM plan_year WHERE plan_id = p.id AND year_index = 0), " \
  "(SELECT theme FROM plan_year WHERE plan_id = p.id AND year_index = 1), " \
  "(SELECT theme FROM plan_year WHERE plan_id = p.id AND year_index = 2), " \
  "p.notes, p.created, p.modified"

static GObject *
plan_from_row (sqlite3_stmt *stmt)
{
  HdPlan *plan = hd_plan_new ();

  g_object_set (plan,
                "id", hd_sql_text (stmt, 0),
                "title", hd_sql_text (stmt, 1),
                "region-id", hd_sql_text (stmt, 2),
                "first-year", sqlite3_column_int (stmt, 3),
                "theme1", hd_sql_text (stmt, 4),
                "theme2", hd_sql_text (stmt, 5),
                "theme3", hd_sql_text (stmt, 6),
                "notes", hd_sql_text (stmt, 7),
                "created", hd_sql_text (stmt, 8),
                "modified", hd_sql_text (stmt, 9),
                NULL);
  return G_OBJECT (plan);
}

#define KIND_ACCESSORS(Type, type)                                            \
  static void type##_copy_object (GObject *dst, GObject *src)                  \
  {                                                                            \
    type##_copy_from ((Type *) dst, (Type *) src);                             \
  }                                                                            \
  static const char *type##_id_of (GObject *object)                            \
  {                                                                            \
    return type##_get_id ((Type *) object);                                    \
  }

KIND_ACCESSORS (HdSite, hd_site)
KIND_ACCESSORS (HdBelt, hd_belt)
KIND_ACCESSORS (HdRegion, hd_region)
KIND_ACCESSORS (HdPlan, hd_plan)

/* The whole-table read also takes each site's R*Tree key (column SITE_KEY_COLUMN, which
 * site_from_row() ignores), so model_sync() builds the key index without a second pass. */
#define SITE_KEY_COLUMN 16

static const HdKindInfo site_info = {
  "SELECT " SITE_COLUMNS ", pos_key FROM site ORDER BY rowid",
  "SELECT " SITE_COLUMNS " FROM site WHERE id = ?1",
  site_from_row, hd_site_copy_object, hd_site_id_of,
};

static const HdKindInfo belt_info = {
  "SELECT " BELT_COLUMNS " FROM belt b ORDER BY b.rowid",
  "SELECT " BELT_COLUMNS " FROM belt b WHERE b.id = ?1",
  belt_from_row, hd_belt_copy_object, hd_belt_id_of,
};

static const HdKindInfo region_info = {
  "SELECT " REGION_COLUMNS " FROM region ORDER BY rowid",
  "SELECT " REGION_COLUMNS " FROM region WHERE id = ?1",
  region_from_row, hd_region_copy_object, hd_region_id_of,
};

static const HdKindInfo plan_info = {
  "SELECT " PLAN_COLUMNS " FROM plan p ORDER BY p.rowid",
  "SELECT " PLAN_COLUMNS " FROM plan p WHERE p.id = ?1",
  plan_from_row, hd_plan_copy_object, hd_plan_id_of,
};

gint64
hd_site_pos_key (const char *id)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  guint64 key = 0;

  g_checksum_update (sum, (const guchar *) id, -1);
  g_checksum_get_digest (sum, digest, &len);
  for (guint i = 0; i < 8; i++)
    key = (key << 8) | digest[i];
  return (gint64) (key & G_GUINT64_CONSTANT (0x7fffffffffffffff));
}

/* ------------------------------------------------------------------------------------------ */
/* SQLite plumbing                                                                            */

static void
set_sqlite_error (HdStore     *self,
                  GError     **error,
                  int          rc,
                  const char  *what)
{
  int primary = rc & 0xff;
  const char *detail = self != NULL && self->db != NULL ? sqlite3_errmsg (self->db)
                                                        : sqlite3_errstr (rc);

  switch (primary)
    {
    case SQLITE_FULL:
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("%s: the disk is full; nothing was changed"), what);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY,
                   _("%s: the workspace cannot be written; nothing was changed"), what);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("%s: the workspace is busy in another program; try again"), what);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CORRUPT,
                   _("%s: the workspace file is damaged (%s)"), what, detail);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_A_DATABASE,
                   _("%s: the file is not a Hongdai workspace"), what);
      break;
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                     _("%s: it refers to a record that does not exist"), what);
      else if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_DUPLICATE,
                     _("%s: a record with that id already exists"), what);
      else
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                     _("%s: a value breaks a rule of the workspace (%s)"), what, detail);
      break;
    default:
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED, "%s: %s", what, detail);
      break;
    }
}

/* Statements are prepared once and kept: imports run the same INSERT 100k times. */
static sqlite3_stmt *
prepare (HdStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc, _("Reading the workspace failed"));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Steps a statement that returns no rows. */
static gboolean
step_done (HdStore      *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, sqlite3_extended_errcode (self->db), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec (HdStore     *self,
      const char  *sql,
      const char  *what,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, sqlite3_extended_errcode (self->db), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
begin (HdStore     *self,
       const char  *what,
       GError     **error)
{
  return exec (self, "BEGIN IMMEDIATE", what, error);
}

static gboolean
commit (HdStore     *self,
        const char  *what,
        GError     **error)
{
  if (exec (self, "COMMIT", what, error))
    return TRUE;
  /* A failed COMMIT (deferred foreign key, disk full) leaves the transaction open. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static void
rollback (HdStore *self)
{
  g_clear_pointer (&self->session, sqlite3session_delete);
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Everything but the R*Tree's shadow tables (its triggers rebuild it from the site rows; recording
 * it too would corrupt the index when a changeset is applied) and SQLite's own tables. */
static int
session_table_filter (void       *user_data,
                      const char *table)
{
  return !g_str_has_prefix (table, "site_rtree") && !g_str_has_prefix (table, "sqlite_");
}

/* A user command: a transaction whose changes are recorded for undo. */
static gboolean
begin_command (HdStore     *self,
               const char  *what,
               GError     **error)
{
  int rc;

  if (!begin (self, what, error))
    return FALSE;
  rc = sqlite3session_create (self->db, "main", &self->session);
  if (rc == SQLITE_OK)
    {
      sqlite3session_table_filter (self->session, session_table_filter, NULL);
      rc = sqlite3session_attach (self->session, NULL);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc, what);
      rollback (self);
      return FALSE;
    }
  return TRUE;
}

static void
notify_undo_state (HdStore  *self,
                   gboolean  could_undo,
                   gboolean  could_redo)
{
  if (could_undo != hd_store_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != hd_store_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
push_undo_step (HdStore *self,
                char    *label,
                void    *changeset,
                int      size)
{
  HdUndoStep *step = g_new0 (HdUndoStep, 1);

  step->label = label;
  step->changeset = changeset;
  step->size = size;
  g_ptr_array_add (self->undo_steps, step);
  self->undo_bytes += (gsize) size;
  while (self->undo_steps->len > 1 &&
         (self->undo_steps->len > HD_UNDO_MAX_STEPS || self->undo_bytes > HD_UNDO_MAX_BYTES))
    {
      HdUndoStep *oldest = g_ptr_array_index (self->undo_steps, 0);

      self->undo_bytes -= (gsize) oldest->size;
      g_ptr_array_remove_index (self->undo_steps, 0);
    }
}

/* Commits a user command and makes it the newest undo step (a new command forgets what could be
 * redone). Takes @label. */
static gboolean
commit_command (HdStore     *self,
                const char  *what,
                char        *label,
                GError     **error)
{
  gboolean could_undo = hd_store_can_undo (self);
  gboolean could_redo = hd_store_can_redo (self);
  void *changeset = NULL;
  int size = 0;
  int rc;

  rc = sqlite3session_changeset (self->session, &size, &changeset);
  g_clear_pointer (&self->session, sqlite3session_delete);
  if (rc != SQLITE_OK)
    {
      g_free (label);
      set_sqlite_error (self, error, rc, what);
      rollback (self);
      return FALSE;
    }
  if (!commit (self, what, error))
    {
      g_free (label);
      sqlite3_free (changeset);
      return FALSE;
    }
  if (size > 0 && self->undo_group != NULL)
    {
      HdUndoStep *part = g_new0 (HdUndoStep, 1);

      part->label = label;
      part->changeset = changeset;
      part->size = size;
      g_ptr_array_add (self->undo_group, part);
    }
  else if (size > 0)
    {
      push_undo_step (self, label, changeset, size);
      g_ptr_array_set_size (self->redo_steps, 0);
    }
  else
    {
      g_free (label);
      sqlite3_free (changeset);
    }
  notify_undo_state (self, could_undo, could_redo);
  return TRUE;
}

/* Several transactions that the user sees as one action (the sample workspace: its places, then
 * the inspections that name them) become one undo step. */
static void
group_begin (HdStore *self)
{
  g_return_if_fail (self->undo_group == NULL);
  self->undo_group = g_ptr_array_new_with_free_func (undo_step_free);
}

static void
group_end (HdStore *self,
           char    *label)
{
  g_autoptr(GPtrArray) parts = g_steal_pointer (&self->undo_group);
  gboolean could_undo = hd_store_can_undo (self);
  gboolean could_redo = hd_store_can_redo (self);
  void *whole = NULL;
  int whole_size = 0;

  for (guint i = 0; i < parts->len; i++)
    {
      HdUndoStep *part = g_ptr_array_index (parts, i);
      void *joined = NULL;
      int joined_size = 0;

      if (whole == NULL)
        {
          whole = g_steal_pointer (&part->changeset);
          whole_size = part->size;
          continue;
        }
      if (sqlite3changeset_concat (whole_size, whole, part->size, part->changeset,
                                   &joined_size, &joined) != SQLITE_OK)
        {
          /* Cannot be one step: forget undo for this action rather than undo half of it. */
          g_warning ("Could not join the changes of “%s” into one undo step", label);
          sqlite3_free (whole);
          g_free (label);
          return;
        }
      sqlite3_free (whole);
      whole = joined;
      whole_size = joined_size;
    }
  if (whole == NULL)
    {
      g_free (label);
      return;
    }
  push_undo_step (self, label, whole, whole_size);
  g_ptr_array_set_size (self->redo_steps, 0);
  notify_undo_state (self, could_undo, could_redo);
}

static gint64
query_int (HdStore     *self,
           const char  *sql,
           const char  *arg,
           GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  gint64 value = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, error, sqlite3_extended_errcode (self->db),
                      _("Reading the workspace failed"));
  sqlite3_reset (stmt);
  return value;
}

static void
emit_changed (HdStore      *self,
              HdChangeKind  kinds,
              GPtrArray    *ids)
{
  g_ptr_array_add (ids, NULL);
  g_signal_emit (self, signals[CHANGED], 0, (guint) kinds, (GStrv) ids->pdata);
  g_ptr_array_remove_index (ids, ids->len - 1);
}

static void
emit_changed_one (HdStore      *self,
                  HdChangeKind  kinds,
                  const char   *id)
{
  const char *ids[] = { id, NULL };

  g_signal_emit (self, signals[CHANGED], 0, (guint) kinds, (GStrv) ids);
}

/* ------------------------------------------------------------------------------------------ */
/* Models                                                                                     */

static void
model_init (HdModel          *model,
            const HdKindInfo *info,
            GType             type)
{
  model->info = info;
  model->list = g_list_store_new (type);
  model->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
model_clear (HdModel *model)
{
  g_clear_pointer (&model->by_id, g_hash_table_unref);
  g_clear_object (&model->list);
}

/* Puts a fresh row object into the model: updates the existing object in place (so views and
 * bindings on it stay), or appends it. Takes @fresh. */
static GObject *
model_merge (HdModel *model,
             GObject *fresh)
{
  const char *id = model->info->get_id (fresh);
  GObject *existing = g_hash_table_lookup (model->by_id, id);

  if (existing != NULL)
    {
      model->info->copy (existing, fresh);
      g_object_unref (fresh);
      return existing;
    }
  g_list_store_append (model->list, fresh);
  g_hash_table_insert (model->by_id, (gpointer) model->info->get_id (fresh), fresh);
  g_object_unref (fresh);
  return fresh;
}

static void
model_remove (HdModel    *model,
              const char *id)
{
  GObject *object = g_hash_table_lookup (model->by_id, id);
  guint position;

  if (object == NULL)
    return;
  g_hash_table_remove (model->by_id, id);
  if (g_list_store_find (model->list, object, &position))
    g_list_store_remove (model->list, position);
}

/* Re-reads one record into its model; the record may be gone (then it is removed). */
static GObject *
model_reload_one (HdStore     *self,
                  HdModel     *model,
                  const char  *id,
                  GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, model->info->select_one, error);
  GObject *result = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = model_merge (model, model->info->from_row (stmt));
  else if (rc == SQLITE_DONE)
    model_remove (model, id);
  else
    set_sqlite_error (self, error, sqlite3_extended_errcode (self->db),
                      _("Reading the workspace failed"));
  sqlite3_reset (stmt);
  return result;
}

/* Brings a whole model in line with its table (after an import or at open). New rows are
 * collected and appended in one splice so a list view sees one items-changed, not 100k. */
static gboolean
model_sync (HdStore  *self,
            HdModel  *model,
            GError  **error)
{
  sqlite3_stmt *stmt = prepare (self, model->info->select_all, error);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = NULL;
  /* The sites' R*Tree keys, read along (see SITE_KEY_COLUMN), with the site of each. */
  gboolean is_sites = model == &self->sites;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GPtrArray) keyed = NULL;
  /* At open the model is empty: every row is new and none can have gone. */
  gboolean was_empty = g_list_model_get_n_items (G_LIST_MODEL (model->list)) == 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (!was_empty)
    seen = g_hash_table_new (g_str_hash, g_str_equal);
  if (is_sites)
    {
      keys = g_array_new (FALSE, FALSE, sizeof (gint64));
      keyed = g_ptr_array_new ();
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GObject *fresh = model->info->from_row (stmt);
      GObject *existing = was_empty ? NULL
                                    : g_hash_table_lookup (model->by_id, model->info->get_id (fresh));

      if (existing != NULL)
        {
          model->info->copy (existing, fresh);
          g_hash_table_add (seen, (gpointer) model->info->get_id (existing));
          g_object_unref (fresh);
        }
      else
        {
          g_ptr_array_add (added, fresh);
        }
      if (is_sites)
        {
          gint64 key = sqlite3_column_int64 (stmt, SITE_KEY_COLUMN);

          g_array_append_val (keys, key);
          g_ptr_array_add (keyed, existing != NULL ? existing : fresh);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, sqlite3_extended_errcode (self->db),
                        _("Reading the workspace failed"));
      return FALSE;
    }

  /* Rows gone from the table leave the model. */
  for (guint i = was_empty ? 0 : g_list_model_get_n_items (G_LIST_MODEL (model->list)); i > 0; i--)
    {
      g_autoptr(GObject) object = g_list_model_get_item (G_LIST_MODEL (model->list), i - 1);
      const char *id = model->info->get_id (object);

      if (!g_hash_table_contains (seen, id))
        {
          g_hash_table_remove (model->by_id, id);
          g_list_store_remove (model->list, i - 1);
        }
    }

  for (guint i = 0; i < added->len; i++)
    {
      GObject *object = g_ptr_array_index (added, i);

      g_hash_table_insert (model->by_id, (gpointer) model->info->get_id (object), object);
    }
  g_list_store_splice (model->list, g_list_model_get_n_items (G_LIST_MODEL (model->list)), 0,
                       added->pdata, added->len);
  /* After the splice, whose items-changed dropped the old index. */
  if (is_sites)
    set_site_key_index (self, g_steal_pointer (&keys), keyed);
  return TRUE;
}

static gboolean
load_models (HdStore  *self,
             GError  **error)
{
  return model_sync (self, &self->regions, error) &&
         model_sync (self, &self->belts, error) &&
         model_sync (self, &self->sites, error) &&
         model_sync (self, &self->plans, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Opening                                                                                    */

static void
hd_store_finalize (GObject *object)
{
  HdStore *self = HD_STORE (object);

  model_clear (&self->regions);
  model_clear (&self->belts);
  model_clear (&self->sites);
  model_clear (&self->plans);
  for (guint i = 0; i < G_N_ELEMENTS (self->file_monitors); i++)
    if (self->file_monitors[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (self->file_monitors[i], self);
        g_file_monitor_cancel (self->file_monitors[i]);
        g_clear_object (&self->file_monitors[i]);
      }
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->session, sqlite3session_delete);
  g_clear_pointer (&self->site_by_key, g_hash_table_unref);
  g_clear_pointer (&self->site_keys, g_array_unref);
  g_clear_pointer (&self->undo_steps, g_ptr_array_unref);
  g_clear_pointer (&self->redo_steps, g_ptr_array_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (hd_store_parent_class)->finalize (object);
}

static void
hd_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HdStore *self = HD_STORE (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, hd_store_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, hd_store_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_store_class_init (HdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_store_finalize;
  object_class->get_property = hd_store_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HdStore::changed:
   * @kinds: the #HdChangeKind flags of what changed
   * @ids: the ids of the changed records (deleted ones included)
   *
   * Emitted after each committed command.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRV);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
undo_step_free (gpointer data)
{
  HdUndoStep *step = data;

  g_free (step->label);
  sqlite3_free (step->changeset);
  g_free (step);
}

static void
hd_store_init (HdStore *self)
{
  self->undo_steps = g_ptr_array_new_with_free_func (undo_step_free);
  self->redo_steps = g_ptr_array_new_with_free_func (undo_step_free);
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  model_init (&self->regions, &region_info, HD_TYPE_REGION);
  model_init (&self->belts, &belt_info, HD_TYPE_BELT);
  model_init (&self->sites, &site_info, HD_TYPE_SITE);
  g_signal_connect (self->sites.list, "items-changed", G_CALLBACK (on_sites_items_changed), self);
  model_init (&self->plans, &plan_info, HD_TYPE_PLAN);
}

char *
hd_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "hongdai", "hongdai.db", NULL);
}

/* Write permission the way a person set it: as root access(2) says yes to everything, but a
 * file whose owner removed every write bit is meant to be left alone. */
static gboolean
path_is_writable (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  return g_access (path, W_OK) == 0 && (st.st_mode & 0222) != 0;
}

static int
probe_pragma_int (sqlite3     *db,
                  const char  *sql,
                  int         *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    rc = sqlite3_extended_errcode (db);
  sqlite3_finalize (stmt);
  return rc;
}

/* Looks at an existing file through a read-only connection, so a file that is refused is never
 * touched (a read-write open would set WAL mode, migrate or roll back a hot journal). */
static gboolean
probe_existing (const char  *path,
                GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *display = g_filename_display_name (path);
  int version = 0, app_id = 0, n_tables = 0;
  int rc;
  gboolean ok = FALSE;

  /* Without a write-ahead log beside it, read the file as immutable: a plain read-only open of
   * a WAL-mode file would create -wal and -shm files next to it. */
  {
    g_autofree char *absolute = g_canonicalize_filename (path, NULL);
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *base_uri = g_filename_to_uri (absolute, NULL, NULL);

    uri = g_strconcat (base_uri ? base_uri : "", g_file_test (wal, G_FILE_TEST_EXISTS)
                                                 ? "?mode=ro" : "?mode=ro&immutable=1", NULL);
  }
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("Cannot open “%s”: %s"), display, sqlite3_errstr (rc));
      goto out;
    }

  rc = probe_pragma_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = probe_pragma_int (db, "PRAGMA application_id", &app_id);
  if (rc == SQLITE_OK)
    rc = probe_pragma_int (db, "SELECT count(*) FROM sqlite_schema", &n_tables);
  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Hongdai workspace (not a database file)"), display);
      goto out;
    }
  if ((rc & 0xff) == SQLITE_CORRUPT)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be opened"), display);
      goto out;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("Cannot read “%s”: %s"), display, sqlite3_errmsg (db));
      goto out;
    }

  if ((app_id != 0 && app_id != HD_APPLICATION_ID) || (app_id == 0 && n_tables > 0))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a database of another program, not a Hongdai workspace"), display);
      goto out;
    }
  if (version > HD_SCHEMA_VERSION)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Hongdai (workspace format %d; this version reads up to %d). Update Hongdai to open it."),
                   display, version, HD_SCHEMA_VERSION);
      goto out;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
    {
      ok = TRUE;
    }
  else
    {
      const char *detail = rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0)
                                            : sqlite3_errmsg (db);

      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be opened (%s)"), display, detail);
    }

out:
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return ok;
}

static gboolean
check_location (const char  *path,
                gboolean    *exists,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  *exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (*exists)
    {
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_A_DATABASE,
                       _("“%s” is not a file"), display);
          return FALSE;
        }
      if (!probe_existing (path, error))
        return FALSE;
      if (!path_is_writable (path))
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY,
                       _("“%s” is read-only; Hongdai needs to write to its workspace. Copy it to a folder you can write to, or make it writable."),
                       display);
          return FALSE;
        }
    }
  else if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY,
                   _("Cannot create the workspace “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }

  /* SQLite keeps its write-ahead log beside the file. */
  if (!g_file_test (wal, G_FILE_TEST_EXISTS) && !path_is_writable (dir))
    {
      g_autofree char *dir_display = g_filename_display_name (dir);

      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY,
                   _("The folder “%s” is read-only; Hongdai needs to write its workspace there"),
                   dir_display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (HdStore  *self,
         int       max_version,
         GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  int version = (int) query_int (self, "PRAGMA user_version", NULL, &local_error);
  gboolean any = FALSE;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* All pending migrations in one transaction: a failure leaves the file as it was. */
  for (guint i = 0; i < hd_n_migrations; i++)
    {
      const HdMigration *m = &hd_migrations[i];
      g_autofree char *set_version = NULL;

      if (m->version <= version || m->version > max_version)
        continue;
      if (!any && !begin (self, _("Upgrading the workspace failed"), error))
        return FALSE;
      any = TRUE;
      set_version = g_strdup_printf ("PRAGMA user_version = %d", m->version);
      if (!exec (self, m->sql, _("Upgrading the workspace failed"), error) ||
          !exec (self, set_version, _("Upgrading the workspace failed"), error))
        {
          rollback (self);
          return FALSE;
        }
      self->schema_version = m->version;
    }
  if (any)
    {
      g_autofree char *set_app_id = g_strdup_printf ("PRAGMA application_id = %d", HD_APPLICATION_ID);

      if (!exec (self, set_app_id, _("Upgrading the workspace failed"), error))
        {
          rollback (self);
          return FALSE;
        }
      if (!commit (self, _("Upgrading the workspace failed"), error))
        return FALSE;
    }
  else
    {
      self->schema_version = version;
    }
  return TRUE;
}

HdStore *
hd_store_open_at_version (const char  *path,
                          int          max_version,
                          GError     **error)
{
  g_autoptr(HdStore) self = NULL;
  gboolean exists;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_location (path, &exists, error))
    return NULL;

  self = g_object_new (HD_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *what = g_strdup_printf (_("Cannot open “%s”"), display);

      set_sqlite_error (self, error, rc, what);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!exec (self, "PRAGMA foreign_keys = ON", _("Opening the workspace failed"), error) ||
      !exec (self, "PRAGMA journal_mode = WAL", _("Opening the workspace failed"), error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", _("Opening the workspace failed"), error) ||
      /* Up to 256 MiB of page cache (used only as the file grows): a province-sized import
       * otherwise spills dirty pages mid-transaction and spends a third of its time in I/O. */
      !exec (self, "PRAGMA cache_size = -262144", _("Opening the workspace failed"), error) ||
      !migrate (self, max_version, error) ||
      !load_models (self, error))
    return NULL;
  self->data_version = query_int (self, "PRAGMA data_version", NULL, NULL);

  return g_steal_pointer (&self);
}

HdStore *
hd_store_open (const char  *path,
               GError     **error)
{
  return hd_store_open_at_version (path, HD_SCHEMA_VERSION, error);
}

sqlite3 *
hd_store_get_db (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  return self->db;
}

const char *
hd_store_get_path (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  return self->path;
}

int
hd_store_get_schema_version (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), 0);
  return self->schema_version;
}

GListModel *
hd_store_get_regions (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->regions.list);
}

GListModel *
hd_store_get_belts (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->belts.list);
}

GListModel *
hd_store_get_sites (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->sites.list);
}

GListModel *
hd_store_get_plans (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->plans.list);
}

HdRegion *
hd_store_lookup_region (HdStore    *self,
                        const char *id)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  return id ? g_hash_table_lookup (self->regions.by_id, id) : NULL;
}

HdBelt *
hd_store_lookup_belt (HdStore    *self,
                      const char *id)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  return id ? g_hash_table_lookup (self->belts.by_id, id) : NULL;
}

HdSite *
hd_store_lookup_site (HdStore    *self,
                      const char *id)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  return id ? g_hash_table_lookup (self->sites.by_id, id) : NULL;
}

HdPlan *
hd_store_lookup_plan (HdStore    *self,
                      const char *id)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  return id ? g_hash_table_lookup (self->plans.by_id, id) : NULL;
}

gboolean
hd_store_is_empty (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), TRUE);

  return g_list_model_get_n_items (G_LIST_MODEL (self->regions.list)) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (self->belts.list)) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (self->sites.list)) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (self->plans.list)) == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Queries                                                                                    */

static GStrv
query_ids (HdStore     *self,
           const char  *sql,
           const char  *arg)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = prepare (self, sql, NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, hd_sql_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

GStrv
hd_store_dup_belt_route (HdStore    *self,
                         const char *belt_id)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (belt_id != NULL, NULL);

  return query_ids (self,
                    "SELECT site_id FROM belt_site WHERE belt_id = ?1 ORDER BY position",
                    belt_id);
}

GStrv
hd_store_dup_site_belts (HdStore    *self,
                         const char *site_id)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (site_id != NULL, NULL);

  return query_ids (self,
                    "SELECT bs.belt_id FROM belt_site bs JOIN belt b ON b.id = bs.belt_id"
                    " WHERE bs.site_id = ?1 ORDER BY b.rowid",
                    site_id);
}

/* R*Tree key -> site, rebuilt when the sites model gained or lost items (a key is a function of
 * the id alone, so edits of a site's position never make it stale). */
static void
on_sites_items_changed (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        HdStore    *self)
{
  g_clear_pointer (&self->site_by_key, g_hash_table_unref);
}

#if GLIB_SIZEOF_VOID_P >= 8
/* A pointer holds the key itself: a hit in the viewport query reads one memory place less than
 * with g_int64_hash (which follows a pointer to the key), and the query is mostly cache misses. */
#define SITE_KEY_TABLE_NEW() g_hash_table_new (g_direct_hash, g_direct_equal)
#define SITE_KEY_TO_POINTER(key_ptr) GSIZE_TO_POINTER ((gsize) *(key_ptr))
#else
#define SITE_KEY_TABLE_NEW() g_hash_table_new (g_int64_hash, g_int64_equal)
#define SITE_KEY_TO_POINTER(key_ptr) ((gpointer) (key_ptr))
#endif

/* Takes @keys (gint64) and indexes @sites (same order, not owned) by them: the table's keys
 * point into the array, so there is no allocation per site. */
static void
set_site_key_index (HdStore   *self,
                    GArray    *keys,
                    GPtrArray *sites)
{
  g_clear_pointer (&self->site_by_key, g_hash_table_unref);
  g_clear_pointer (&self->site_keys, g_array_unref);
  self->site_keys = keys;
  self->site_by_key = SITE_KEY_TABLE_NEW ();
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_insert (self->site_by_key, SITE_KEY_TO_POINTER (&g_array_index (keys, gint64, i)),
                         (gpointer) hd_site_get_id (g_ptr_array_index (sites, i)));
}

/* The index is made with the sites at open; after the site list changed it is read again. */
static void
ensure_site_key_index (HdStore *self)
{
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  sqlite3_stmt *stmt;

  if (self->site_by_key != NULL)
    return;
  keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  sites = g_ptr_array_new ();
  /* The keys are stored: reading them is cheaper than hashing 100k ids again. */
  stmt = prepare (self, "SELECT pos_key, id FROM site", NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          HdSite *site = g_hash_table_lookup (self->sites.by_id, hd_sql_text (stmt, 1));
          gint64 key = sqlite3_column_int64 (stmt, 0);

          if (site == NULL)
            continue;
          g_array_append_val (keys, key);
          g_ptr_array_add (sites, site);
        }
      sqlite3_reset (stmt);
    }
  set_site_key_index (self, g_steal_pointer (&keys), sites);
}

const char **
hd_store_query_sites_in_box (HdStore  *self,
                             double    min_lat,
                             double    min_lon,
                             double    max_lat,
                             double    max_lon,
                             GError  **error)
{
  /* Only the R*Tree is read (its keys and boxes, no join and no row lookups per hit: those
   * made the query barely faster than a scan). Its boxes are 32-bit floats rounded outwards
   * around the exact position: a box wholly inside the window is a hit as it is, and only one
   * that crosses an edge needs the site's exact position, read in memory. (Reading every hit's
   * position was a third of the query: each site is a cache miss.) */
  static const char sql[] =
    "SELECT id, min_lon, max_lon, min_lat, max_lat FROM site_rtree"
    " WHERE max_lon >= ?2 AND min_lon <= ?4 AND max_lat >= ?1 AND min_lat <= ?3";
  g_autoptr(GPtrArray) ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  ids = g_ptr_array_new_full (256, NULL);
  sqlite3_bind_double (stmt, 1, min_lat);
  sqlite3_bind_double (stmt, 2, min_lon);
  sqlite3_bind_double (stmt, 3, max_lat);
  sqlite3_bind_double (stmt, 4, max_lon);
  ensure_site_key_index (self);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);
      const char *id = g_hash_table_lookup (self->site_by_key, SITE_KEY_TO_POINTER (&key));

      /* A key with no site: another process added it and we have not re-read yet. */
      if (id == NULL)
        continue;
      if (sqlite3_column_double (stmt, 1) < min_lon || sqlite3_column_double (stmt, 2) > max_lon ||
          sqlite3_column_double (stmt, 3) < min_lat || sqlite3_column_double (stmt, 4) > max_lat)
        {
          HdSite *site = g_hash_table_lookup (self->sites.by_id, id);
          double lat, lon;

          if (site == NULL || !hd_site_get_has_position (site))
            continue;
          lat = hd_site_get_latitude (site);
          lon = hd_site_get_longitude (site);
          if (lat < min_lat || lat > max_lat || lon < min_lon || lon > max_lon)
            continue;
        }
      g_ptr_array_add (ids, (char *) id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, sqlite3_extended_errcode (self->db),
                        _("Reading the workspace failed"));
      return NULL;
    }
  g_ptr_array_add (ids, NULL);
  return (const char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing records                                                                            */

/* For the upserts: binds the modified stamp the caller's copy was read with (the guard
 * parameter, when the statement has one), steps, and refuses when an existing row was not
 * updated because someone changed it since. */
static gboolean
step_checked (HdStore       *self,
              sqlite3_stmt  *stmt,
              int            guard,
              const char    *expected_modified,
              const char    *what,
              GError       **error)
{
  gboolean guarded = sqlite3_bind_parameter_count (stmt) >= guard;

  if (guarded)
    hd_sql_bind_text (stmt, guard, expected_modified);
  if (!step_done (self, stmt, what, error))
    return FALSE;
  if (guarded && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CONFLICT,
                   _("%s: it was changed elsewhere since you opened it; reload it and edit again"),
                   what);
      return FALSE;
    }
  return TRUE;
}

static const char insert_site_sql[] =
  "INSERT INTO site (id, pos_key, name, kind, domain, level, region_id, organisation, members,"
  " address, lat, lon, contact, notes, extra, created, modified)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)";

static const char upsert_site_sql[] =
  "INSERT INTO site (id, pos_key, name, kind, domain, level, region_id, organisation, members,"
  " address, lat, lon, contact, notes, extra, created, modified)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)"
  " ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
  " domain = excluded.domain, level = excluded.level, region_id = excluded.region_id,"
  " organisation = excluded.organisation, members = excluded.members,"
  " address = excluded.address, lat = excluded.lat, lon = excluded.lon,"
  " contact = excluded.contact, notes = excluded.notes, extra = excluded.extra,"
  " modified = excluded.modified"
  " WHERE ?17 IS NULL OR site.modified = ?17";

static gboolean
write_site (HdStore     *self,
            const char  *sql,
            HdSite      *site,
            const char  *now,
            const char  *what,
            GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  HdDomain domain = hd_site_get_domain (site);
  HdSiteLevel level = hd_site_get_level (site);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hd_site_get_id (site), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, hd_site_pos_key (hd_site_get_id (site)));
  sqlite3_bind_text (stmt, 3, hd_site_get_name (site), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, hd_site_kind_to_string (hd_site_get_kind (site)), -1, SQLITE_STATIC);
  hd_sql_bind_text (stmt, 5, domain == HD_DOMAIN_UNSET ? NULL : hd_domain_to_string (domain));
  hd_sql_bind_text (stmt, 6, level == HD_SITE_LEVEL_NONE ? NULL : hd_site_level_to_string (level));
  hd_sql_bind_text (stmt, 7, hd_site_get_region_id (site));
  hd_sql_bind_text (stmt, 8, hd_site_get_organisation (site));
  sqlite3_bind_int (stmt, 9, hd_site_get_members (site));
  hd_sql_bind_text (stmt, 10, hd_site_get_address (site));
  if (hd_site_get_has_position (site))
    {
      sqlite3_bind_double (stmt, 11, hd_site_get_latitude (site));
      sqlite3_bind_double (stmt, 12, hd_site_get_longitude (site));
    }
  hd_sql_bind_text (stmt, 13, hd_site_get_contact (site));
  hd_sql_bind_text (stmt, 14, hd_site_get_notes (site));
  hd_sql_bind_text (stmt, 15, hd_site_get_extra (site));
  sqlite3_bind_text (stmt, 16, now, -1, SQLITE_TRANSIENT);
  return step_checked (self, stmt, 17, hd_site_get_modified (site), what, error);
}

static const char insert_belt_sql[] =
  "INSERT INTO belt (id, name, region_id, brand, stage, start_year, responsible, colour,"
  " logo_path, notes, extra, created, modified)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)";

static const char upsert_belt_sql[] =
  "INSERT INTO belt (id, name, region_id, brand, stage, start_year, responsible, colour,"
  " logo_path, notes, extra, created, modified)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)"
  " ON CONFLICT (id) DO UPDATE SET name = excluded.name, region_id = excluded.region_id,"
  " brand = excluded.brand, stage = excluded.stage, start_year = excluded.start_year,"
  " responsible = excluded.responsible, colour = excluded.colour,"
  " logo_path = excluded.logo_path, notes = excluded.notes, extra = excluded.extra,"
  " modified = excluded.modified"
  " WHERE ?13 IS NULL OR belt.modified = ?13";

static gboolean
write_belt (HdStore     *self,
            const char  *sql,
            HdBelt      *belt,
            const char  *now,
            const char  *what,
            GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hd_belt_get_id (belt), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hd_belt_get_name (belt), -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 3, hd_belt_get_region_id (belt));
  hd_sql_bind_text (stmt, 4, hd_belt_get_brand (belt));
  sqlite3_bind_text (stmt, 5, hd_belt_stage_to_string (hd_belt_get_stage (belt)), -1,
                     SQLITE_STATIC);
  bind_int_or_null (stmt, 6, hd_belt_get_start_year (belt));
  hd_sql_bind_text (stmt, 7, hd_belt_get_responsible (belt));
  hd_sql_bind_text (stmt, 8, hd_belt_get_colour (belt));
  hd_sql_bind_text (stmt, 9, hd_belt_get_logo_path (belt));
  hd_sql_bind_text (stmt, 10, hd_belt_get_notes (belt));
  hd_sql_bind_text (stmt, 11, hd_belt_get_extra (belt));
  sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
  return step_checked (self, stmt, 13, hd_belt_get_modified (belt), what, error);
}

static const char insert_region_sql[] =
  "INSERT INTO region (id, parent_id, name, level, code, geometry, extra, created, modified)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)";

static const char upsert_region_sql[] =
  "INSERT INTO region (id, parent_id, name, level, code, geometry, extra, created, modified)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"
  " ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name,"
  " level = excluded.level, code = excluded.code, geometry = excluded.geometry,"
  " extra = excluded.extra, modified = excluded.modified"
  " WHERE ?9 IS NULL OR region.modified = ?9";

static gboolean
write_region (HdStore     *self,
              const char  *sql,
              HdRegion    *region,
              const char  *now,
              const char  *what,
              GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hd_region_get_id (region), -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 2, hd_region_get_parent_id (region));
  sqlite3_bind_text (stmt, 3, hd_region_get_name (region), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, hd_region_level_to_string (hd_region_get_level (region)), -1,
                     SQLITE_STATIC);
  hd_sql_bind_text (stmt, 5, hd_region_get_code (region));
  hd_sql_bind_text (stmt, 6, hd_region_get_geometry (region));
  hd_sql_bind_text (stmt, 7, hd_region_get_extra (region));
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  return step_checked (self, stmt, 9, hd_region_get_modified (region), what, error);
}

/* A region may not end up below itself. */
static gboolean
region_parent_makes_cycle (HdStore    *self,
                           const char *id,
                           const char *parent_id)
{
  const char *cursor = parent_id;

  for (guint depth = 0; cursor != NULL && depth < 64; depth++)
    {
      HdRegion *parent;

      if (g_strcmp0 (cursor, id) == 0)
        return TRUE;
      parent = hd_store_lookup_region (self, cursor);
      cursor = parent ? hd_region_get_parent_id (parent) : NULL;
    }
  return cursor != NULL;
}

static void
ensure_id (GObject *record)
{
  g_autofree char *id = NULL;

  g_object_get (record, "id", &id, NULL);
  if (id == NULL || *id == '\0')
    {
      g_autofree char *fresh = hd_new_id ();

      g_object_set (record, "id", fresh, NULL);
    }
}

gboolean
hd_store_save_site (HdStore  *self,
                    HdSite   *site,
                    GError  **error)
{
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *what = NULL;
  GObject *stored;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_SITE (site), FALSE);

  if (!hd_validate_site (site, error))
    return FALSE;
  what = g_strdup_printf (_("Could not save the site “%s”"), hd_site_get_name (site) ? hd_site_get_name (site) : "");
  if (hd_site_get_region_id (site) != NULL && hd_store_lookup_region (self, hd_site_get_region_id (site)) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: its region does not exist"), what);
      return FALSE;
    }
  ensure_id (G_OBJECT (site));
  if (!begin_command (self, what, error))
    return FALSE;
  if (!write_site (self, upsert_site_sql, site, now, what, error) ||
      !commit_command (self, what, g_strdup_printf (_("Save “%s”"), hd_site_get_name (site)), error))
    {
      rollback (self);
      return FALSE;
    }
  stored = model_reload_one (self, &self->sites, hd_site_get_id (site), NULL);
  if (stored != NULL && stored != G_OBJECT (site))
    hd_site_copy_from (site, HD_SITE (stored));
  emit_changed_one (self, HD_CHANGE_SITES, hd_site_get_id (site));
  return TRUE;
}

gboolean
hd_store_move_site (HdStore     *self,
                    const char  *site_id,
                    double       latitude,
                    double       longitude,
                    GError     **error)
{
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *what = NULL;
  g_autoptr(HdSite) moved = NULL;
  HdSite *site;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (site_id != NULL, FALSE);

  site = hd_store_lookup_site (self, site_id);
  if (site == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("Could not move the site: no site has the id %s"), site_id);
      return FALSE;
    }
  what = g_strdup_printf (_("Could not move the site “%s”"), hd_site_get_name (site));
  moved = hd_site_new ();
  hd_site_copy_from (moved, site);
  hd_site_set_position (moved, latitude, longitude);
  if (!hd_validate_site (moved, error))
    return FALSE;
  if (!begin_command (self, what, error))
    return FALSE;
  if (!write_site (self, upsert_site_sql, moved, now, what, error) ||
      /* Translators: an undo step; %s is the site's name */
      !commit_command (self, what, g_strdup_printf (_("Move “%s”"), hd_site_get_name (site)), error))
    {
      rollback (self);
      return FALSE;
    }
  model_reload_one (self, &self->sites, site_id, NULL);
  emit_changed_one (self, HD_CHANGE_SITES, site_id);
  return TRUE;
}

gboolean
hd_store_save_belt (HdStore  *self,
                    HdBelt   *belt,
                    GError  **error)
{
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *what = NULL;
  GObject *stored;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_BELT (belt), FALSE);

  if (!hd_validate_belt (belt, error))
    return FALSE;
  what = g_strdup_printf (_("Could not save the belt “%s”"), hd_belt_get_name (belt) ? hd_belt_get_name (belt) : "");
  if (hd_belt_get_region_id (belt) != NULL && hd_store_lookup_region (self, hd_belt_get_region_id (belt)) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: its region does not exist"), what);
      return FALSE;
    }
  ensure_id (G_OBJECT (belt));
  if (!begin_command (self, what, error))
    return FALSE;
  if (!write_belt (self, upsert_belt_sql, belt, now, what, error) ||
      !commit_command (self, what, g_strdup_printf (_("Save “%s”"), hd_belt_get_name (belt)), error))
    {
      rollback (self);
      return FALSE;
    }
  stored = model_reload_one (self, &self->belts, hd_belt_get_id (belt), NULL);
  if (stored != NULL && stored != G_OBJECT (belt))
    hd_belt_copy_from (belt, HD_BELT (stored));
  emit_changed_one (self, HD_CHANGE_BELTS, hd_belt_get_id (belt));
  return TRUE;
}

gboolean
hd_store_save_region (HdStore   *self,
                      HdRegion  *region,
                      GError   **error)
{
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *what = NULL;
  const char *parent_id;
  GObject *stored;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_REGION (region), FALSE);

  if (!hd_validate_region (region, error))
    return FALSE;
  what = g_strdup_printf (_("Could not save the region “%s”"), hd_region_get_name (region) ? hd_region_get_name (region) : "");
  parent_id = hd_region_get_parent_id (region);
  if (parent_id != NULL && hd_store_lookup_region (self, parent_id) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: its parent region does not exist"), what);
      return FALSE;
    }
  if (hd_region_get_id (region) != NULL &&
      region_parent_makes_cycle (self, hd_region_get_id (region), parent_id))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: a region cannot be inside one of its own sub-regions"), what);
      return FALSE;
    }
  ensure_id (G_OBJECT (region));
  if (!begin_command (self, what, error))
    return FALSE;
  if (!write_region (self, upsert_region_sql, region, now, what, error) ||
      !commit_command (self, what, g_strdup_printf (_("Save “%s”"), hd_region_get_name (region)), error))
    {
      rollback (self);
      return FALSE;
    }
  stored = model_reload_one (self, &self->regions, hd_region_get_id (region), NULL);
  if (stored != NULL && stored != G_OBJECT (region))
    hd_region_copy_from (region, HD_REGION (stored));
  emit_changed_one (self, HD_CHANGE_REGIONS, hd_region_get_id (region));
  return TRUE;
}

/* Writes a plan and its three themes inside the caller's transaction. */
gboolean
hd_store_write_plan (HdStore     *self,
                     HdPlan      *plan,
                     const char  *what,
                     GError     **error)
{
  static const char upsert_plan_sql[] =
    "INSERT INTO plan (id, title, region_id, first_year, notes, created, modified)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
    " ON CONFLICT (id) DO UPDATE SET title = excluded.title, region_id = excluded.region_id,"
    " first_year = excluded.first_year, notes = excluded.notes, modified = excluded.modified"
    " WHERE ?7 IS NULL OR plan.modified = ?7";
  static const char upsert_theme_sql[] =
    "INSERT INTO plan_year (plan_id, year_index, theme) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (plan_id, year_index) DO UPDATE SET theme = excluded.theme";
  g_autofree char *now = hd_timestamp_now ();
  const char *themes[3];
  sqlite3_stmt *stmt;

  stmt = prepare (self, upsert_plan_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hd_plan_get_id (plan), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hd_plan_get_title (plan), -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 3, hd_plan_get_region_id (plan));
  sqlite3_bind_int (stmt, 4, hd_plan_get_first_year (plan));
  hd_sql_bind_text (stmt, 5, hd_plan_get_notes (plan));
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!step_checked (self, stmt, 7, hd_plan_get_modified (plan), what, error))
    return FALSE;

  themes[0] = hd_plan_get_theme1 (plan);
  themes[1] = hd_plan_get_theme2 (plan);
  themes[2] = hd_plan_get_theme3 (plan);
  for (int i = 0; i < 3; i++)
    {
      stmt = prepare (self, upsert_theme_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, hd_plan_get_id (plan), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      hd_sql_bind_text (stmt, 3, themes[i]);
      if (!step_done (self, stmt, what, error))
        return FALSE;
    }
  return TRUE;
}

/* Checks a plan before a save: valid fields and an existing region. Assigns an id. */
gboolean
hd_store_check_plan (HdStore     *self,
                     HdPlan      *plan,
                     const char  *what,
                     GError     **error)
{
  if (!hd_validate_plan (plan, error))
    return FALSE;
  if (hd_plan_get_region_id (plan) != NULL && hd_store_lookup_region (self, hd_plan_get_region_id (plan)) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: its region does not exist"), what);
      return FALSE;
    }
  ensure_id (G_OBJECT (plan));
  return TRUE;
}

/* After a committed plan save: the model's object and @plan take the stored state. */
void
hd_store_plan_saved (HdStore *self,
                     HdPlan  *plan)
{
  GObject *stored;

  stored = model_reload_one (self, &self->plans, hd_plan_get_id (plan), NULL);
  if (stored != NULL && stored != G_OBJECT (plan))
    hd_plan_copy_from (plan, HD_PLAN (stored));
  emit_changed_one (self, HD_CHANGE_PLANS, hd_plan_get_id (plan));
}

gboolean
hd_store_save_plan (HdStore  *self,
                    HdPlan   *plan,
                    GError  **error)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_PLAN (plan), FALSE);

  what = g_strdup_printf (_("Could not save the plan “%s”"), hd_plan_get_title (plan) ? hd_plan_get_title (plan) : "");
  if (!hd_store_check_plan (self, plan, what, error))
    return FALSE;
  if (!begin_command (self, what, error))
    return FALSE;
  if (!hd_store_write_plan (self, plan, what, error))
    goto fail;
  if (!commit_command (self, what, g_strdup_printf (_("Save “%s”"), hd_plan_get_title (plan)), error))
    goto fail;
  hd_store_plan_saved (self, plan);
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Deleting                                                                                   */

static void
refresh_site_counts (HdStore   *self,
                     GPtrArray *belt_ids)
{
  for (guint i = 0; i < belt_ids->len; i++)
    model_reload_one (self, &self->belts, g_ptr_array_index (belt_ids, i), NULL);
}

gboolean
hd_store_delete_sites (HdStore            *self,
                       const char * const *ids,
                       GError            **error)
{
  static const char delete_sql[] = "DELETE FROM site WHERE id = ?1";
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) belts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) belt_set = g_hash_table_new (g_str_hash, g_str_equal);
  const char *what = _("Could not delete the sites");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  for (guint i = 0; ids[i] != NULL; i++)
    if (hd_store_lookup_site (self, ids[i]) == NULL)
      {
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                     _("%s: no site has the id %s"), what, ids[i]);
        return FALSE;
      }

  if (!begin_command (self, what, error))
    return FALSE;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_auto(GStrv) on = hd_store_dup_site_belts (self, ids[i]);
      sqlite3_stmt *stmt;

      for (guint j = 0; on[j] != NULL; j++)
        if (!g_hash_table_contains (belt_set, on[j]))
          {
            char *copy = g_strdup (on[j]);

            g_ptr_array_add (belts, copy);
            g_hash_table_add (belt_set, copy);
          }
      stmt = prepare (self, delete_sql, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, ids[i], -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, what, error))
        goto fail;
      g_ptr_array_add (changed, g_strdup (ids[i]));
    }
  if (!commit_command (self, what,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u site", "Delete %u sites",
                                                     g_strv_length ((GStrv) ids)),
                                        g_strv_length ((GStrv) ids)),
                       error))
    goto fail;

  for (guint i = 0; i < changed->len; i++)
    model_remove (&self->sites, g_ptr_array_index (changed, i));
  refresh_site_counts (self, belts);
  for (guint i = 0; i < belts->len; i++)
    g_ptr_array_add (changed, g_strdup (g_ptr_array_index (belts, i)));
  emit_changed (self, HD_CHANGE_SITES | (belts->len > 0 ? HD_CHANGE_ROUTES | HD_CHANGE_BELTS : 0),
                changed);
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

static gboolean
delete_one (HdStore      *self,
            HdModel      *model,
            const char   *sql,
            const char   *id,
            const char   *what,
            char         *label,
            HdChangeKind  kind,
            GError      **error)
{
  sqlite3_stmt *stmt;

  if (g_hash_table_lookup (model->by_id, id) == NULL)
    {
      g_free (label);
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: no record has the id %s"), what, id);
      return FALSE;
    }
  if (!begin_command (self, what, error))
    {
      g_free (label);
      return FALSE;
    }
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    {
      g_free (label);
      goto fail;
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, what, error))
    {
      g_free (label);
      goto fail;
    }
  if (!commit_command (self, what, label, error))
    goto fail;
  model_remove (model, id);
  emit_changed_one (self, kind, id);
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

gboolean
hd_store_delete_belt (HdStore     *self,
                      const char  *id,
                      GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return delete_one (self, &self->belts, "DELETE FROM belt WHERE id = ?1", id,
                     _("Could not delete the belt"),
                     g_strdup_printf (_("Delete “%s”"),
                                      hd_store_lookup_belt (self, id)
                                      ? hd_belt_get_name (hd_store_lookup_belt (self, id)) : id),
                     HD_CHANGE_BELTS | HD_CHANGE_ROUTES, error);
}

gboolean
hd_store_delete_plan (HdStore     *self,
                      const char  *id,
                      GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return delete_one (self, &self->plans, "DELETE FROM plan WHERE id = ?1", id,
                     _("Could not delete the plan"),
                     g_strdup_printf (_("Delete “%s”"),
                                      hd_store_lookup_plan (self, id)
                                      ? hd_plan_get_title (hd_store_lookup_plan (self, id)) : id),
                     HD_CHANGE_PLANS, error);
}

gboolean
hd_store_delete_region (HdStore     *self,
                        const char  *id,
                        GError     **error)
{
  HdRegion *region;
  gint64 children, belts, sites, plans;
  g_autofree char *what = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  region = hd_store_lookup_region (self, id);
  what = g_strdup_printf (_("Could not delete the region “%s”"), region ? hd_region_get_name (region) : id);
  children = query_int (self, "SELECT count(*) FROM region WHERE parent_id = ?1", id, error);
  belts = query_int (self, "SELECT count(*) FROM belt WHERE region_id = ?1", id, error);
  sites = query_int (self, "SELECT count(*) FROM site WHERE region_id = ?1", id, error);
  plans = query_int (self, "SELECT count(*) FROM plan WHERE region_id = ?1", id, error);
  if (children < 0 || belts < 0 || sites < 0 || plans < 0)
    return FALSE;
  if (children + belts + sites + plans > 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE,
                   _("%s: it still has sub-regions: %d, belts: %d, sites: %d, plans: %d"),
                   what, (int) children, (int) belts, (int) sites, (int) plans);
      return FALSE;
    }
  return delete_one (self, &self->regions, "DELETE FROM region WHERE id = ?1", id, what,
                     g_strdup_printf (_("Delete “%s”"), region ? hd_region_get_name (region) : id),
                     HD_CHANGE_REGIONS, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Changes made by other processes                                                            */

gboolean
hd_store_refresh (HdStore  *self,
                  GError  **error)
{
  const char * const no_ids[] = { NULL };
  gint64 version;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  version = query_int (self, "PRAGMA data_version", NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  if (!load_models (self, error))
    return FALSE;
  /* No ids: anything of these kinds may have changed. */
  g_signal_emit (self, signals[CHANGED], 0,
                 (guint) (HD_CHANGE_REGIONS | HD_CHANGE_BELTS | HD_CHANGE_SITES | HD_CHANGE_ROUTES |
                          HD_CHANGE_PLANS | HD_CHANGE_STANDARDS | HD_CHANGE_INSPECTIONS |
                          HD_CHANGE_RECTIFICATIONS),
                 (GStrv) no_ids);
  return TRUE;
}

static gboolean
refresh_in_idle (gpointer data)
{
  HdStore *self = data;
  g_autoptr(GError) error = NULL;

  self->refresh_source = 0;
  if (!hd_store_refresh (self, &error) && error != NULL)
    g_warning ("Re-reading %s after a change elsewhere failed: %s", self->path, error->message);
  return G_SOURCE_REMOVE;
}

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 HdStore           *self)
{
  /* A burst of writes is one refresh, a moment after the last of them. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (150, refresh_in_idle, self);
}

void
hd_store_watch_file (HdStore *self)
{
  g_autofree char *wal_path = NULL;
  const char *paths[2];

  g_return_if_fail (HD_IS_STORE (self));

  if (self->file_monitors[0] != NULL)
    return;
  wal_path = g_strconcat (self->path, "-wal", NULL);
  paths[0] = self->path;
  paths[1] = wal_path;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      self->file_monitors[i] = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
      if (self->file_monitors[i] != NULL)
        g_signal_connect (self->file_monitors[i], "changed", G_CALLBACK (on_file_changed), self);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Undo and redo                                                                              */

gboolean
hd_store_can_undo (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  return self->undo_steps->len > 0;
}

gboolean
hd_store_can_redo (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  return self->redo_steps->len > 0;
}

const char *
hd_store_get_undo_label (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  if (self->undo_steps->len == 0)
    return NULL;
  return ((HdUndoStep *) g_ptr_array_index (self->undo_steps, self->undo_steps->len - 1))->label;
}

const char *
hd_store_get_redo_label (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  if (self->redo_steps->len == 0)
    return NULL;
  return ((HdUndoStep *) g_ptr_array_index (self->redo_steps, self->redo_steps->len - 1))->label;
}

/* A conflict means the rows are no longer as the step left them (another window or process
 * changed them since): give up rather than overwrite someone's edit. One exception: a row to
 * delete that is already gone, because deleting its parent earlier in the same changeset
 * cascaded to it (a site's route places, a belt's route), has reached the state wanted. */
static int
apply_conflict_abort (void                  *user_data,
                      int                    conflict,
                      sqlite3_changeset_iter *iter)
{
  const char *table;
  int n_columns, op, indirect;

  if (conflict == SQLITE_CHANGESET_NOTFOUND &&
      sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect) == SQLITE_OK &&
      op == SQLITE_DELETE)
    return SQLITE_CHANGESET_OMIT;
  return SQLITE_CHANGESET_ABORT;
}

/* After a changeset was applied: the models re-read exactly the records it touched. */
static void
refresh_from_changeset (HdStore   *self,
                        int        size,
                        void      *changeset,
                        guint     *kinds,
                        GPtrArray *ids)
{
  sqlite3_changeset_iter *iter = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (sqlite3changeset_start (&iter, size, changeset) != SQLITE_OK)
    return;
  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_columns, op, indirect;
      sqlite3_value *value = NULL;
      const char *id;
      HdModel *model = NULL;
      HdChangeKind kind = 0;

      sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
      if (op == SQLITE_INSERT)
        sqlite3changeset_new (iter, 0, &value);
      else
        sqlite3changeset_old (iter, 0, &value);
      id = value ? (const char *) sqlite3_value_text (value) : NULL;
      if (id == NULL)
        continue;

      if (g_str_equal (table, "site"))
        model = &self->sites, kind = HD_CHANGE_SITES;
      else if (g_str_equal (table, "belt"))
        model = &self->belts, kind = HD_CHANGE_BELTS;
      else if (g_str_equal (table, "belt_site"))
        model = &self->belts, kind = HD_CHANGE_ROUTES | HD_CHANGE_BELTS;
      else if (g_str_equal (table, "region"))
        model = &self->regions, kind = HD_CHANGE_REGIONS;
      else if (g_str_equal (table, "plan") || g_str_equal (table, "plan_year"))
        model = &self->plans, kind = HD_CHANGE_PLANS;
      else if (g_str_has_prefix (table, "indicator"))
        kind = HD_CHANGE_PLANS;
      else if (g_str_has_prefix (table, "standard_"))
        kind = HD_CHANGE_STANDARDS;
      else if (g_str_has_prefix (table, "inspection"))
        kind = HD_CHANGE_INSPECTIONS;
      else if (g_str_equal (table, "rectification"))
        kind = HD_CHANGE_RECTIFICATIONS;
      else if (g_str_equal (table, "attachment"))
        {
          /* Announced as a change of its owner: a site, a belt (its logo) or an inspection. */
          sqlite3_value *owner = NULL;

          for (int col = 1; col <= 3; col++)
            {
              if (op == SQLITE_INSERT)
                sqlite3changeset_new (iter, col, &owner);
              else
                sqlite3changeset_old (iter, col, &owner);
              if (owner != NULL && sqlite3_value_type (owner) != SQLITE_NULL)
                {
                  id = (const char *) sqlite3_value_text (owner);
                  if (col == 1)
                    model = &self->sites, kind = HD_CHANGE_SITES;
                  else if (col == 2)
                    model = &self->belts, kind = HD_CHANGE_BELTS;
                  else
                    kind = HD_CHANGE_INSPECTIONS;
                  break;
                }
            }
        }
      *kinds |= kind;

      if (model != NULL && !g_hash_table_contains (seen, id))
        {
          g_hash_table_add (seen, g_strdup (id));
          g_ptr_array_add (ids, g_strdup (id));
        }
    }
  sqlite3changeset_finalize (iter);

  /* Reload in a second pass: a belt's site count is right only once every row is in. */
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      HdModel *models[] = { &self->regions, &self->belts, &self->sites, &self->plans };
      gboolean found = FALSE;

      for (guint m = 0; m < G_N_ELEMENTS (models) && !found; m++)
        if (g_hash_table_contains (models[m]->by_id, id))
          {
            model_reload_one (self, models[m], id, NULL);
            found = TRUE;
          }
      if (!found)
        {
          /* Restored by an undo: not in any model yet. */
          for (guint m = 0; m < G_N_ELEMENTS (models); m++)
            if (model_reload_one (self, models[m], id, NULL) != NULL)
              break;
        }
    }
}

static gboolean
apply_step (HdStore     *self,
            HdUndoStep  *step,
            gboolean     inverse,
            GError     **error)
{
  const char *what = inverse ? _("Could not undo") : _("Could not redo");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  void *changeset = step->changeset;
  int size = step->size;
  void *inverted = NULL;
  guint kinds = 0;
  int rc;

  if (inverse)
    {
      rc = sqlite3changeset_invert (step->size, step->changeset, &size, &inverted);
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (self, error, rc, what);
          return FALSE;
        }
      changeset = inverted;
    }
  /* Foreign-key actions off while applying: undoing a site's creation must not cascade into an
   * inspection made since (it would vanish silently). The changeset carries the cascades its
   * command caused itself; anything else left dangling is found below and refused. */
  if (!exec (self, "PRAGMA foreign_keys = OFF", what, error))
    {
      sqlite3_free (inverted);
      return FALSE;
    }
  if (!begin (self, what, error))
    {
      exec (self, "PRAGMA foreign_keys = ON", what, NULL);
      sqlite3_free (inverted);
      return FALSE;
    }
  rc = sqlite3changeset_apply (self->db, size, changeset, NULL, apply_conflict_abort, NULL);
  if (rc == SQLITE_OK && query_int (self, "SELECT count(*) FROM pragma_foreign_key_check", NULL, NULL) != 0)
    {
      rollback (self);
      exec (self, "PRAGMA foreign_keys = ON", what, NULL);
      sqlite3_free (inverted);
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CONFLICT,
                   _("%s “%s”: records made since depend on it (inspections, route places or sub-regions)"),
                   what, step->label);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      rollback (self);
      exec (self, "PRAGMA foreign_keys = ON", what, NULL);
      sqlite3_free (inverted);
      if ((rc & 0xff) == SQLITE_ABORT || (rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CONFLICT,
                     _("%s “%s”: the records were changed elsewhere since"), what, step->label);
      else
        set_sqlite_error (self, error, rc, what);
      return FALSE;
    }
  if (!commit (self, what, error))
    {
      exec (self, "PRAGMA foreign_keys = ON", what, NULL);
      sqlite3_free (inverted);
      return FALSE;
    }
  if (!exec (self, "PRAGMA foreign_keys = ON", what, error))
    {
      sqlite3_free (inverted);
      return FALSE;
    }
  refresh_from_changeset (self, size, changeset, &kinds, ids);
  sqlite3_free (inverted);
  if (kinds != 0)
    emit_changed (self, kinds, ids);
  return TRUE;
}

gboolean
hd_store_undo (HdStore  *self,
               GError  **error)
{
  gboolean could_redo;
  HdUndoStep *step;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  if (self->undo_steps->len == 0)
    {
      g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND, _("There is nothing to undo"));
      return FALSE;
    }
  could_redo = hd_store_can_redo (self);
  step = g_ptr_array_index (self->undo_steps, self->undo_steps->len - 1);
  if (!apply_step (self, step, TRUE, error))
    return FALSE;
  g_ptr_array_add (self->redo_steps, g_ptr_array_steal_index (self->undo_steps, self->undo_steps->len - 1));
  self->undo_bytes -= (gsize) step->size;
  notify_undo_state (self, TRUE, could_redo);
  return TRUE;
}

gboolean
hd_store_redo (HdStore  *self,
               GError  **error)
{
  gboolean could_undo;
  HdUndoStep *step;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  if (self->redo_steps->len == 0)
    {
      g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND, _("There is nothing to redo"));
      return FALSE;
    }
  could_undo = hd_store_can_undo (self);
  step = g_ptr_array_index (self->redo_steps, self->redo_steps->len - 1);
  if (!apply_step (self, step, FALSE, error))
    return FALSE;
  g_ptr_array_add (self->undo_steps, g_ptr_array_steal_index (self->redo_steps, self->redo_steps->len - 1));
  self->undo_bytes += (gsize) step->size;
  notify_undo_state (self, could_undo, TRUE);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Routes                                                                                     */

static gboolean
insert_membership (HdStore     *self,
                   const char  *belt_id,
                   const char  *site_id,
                   int          position,
                   const char  *what,
                   GError     **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "INSERT INTO belt_site (belt_id, site_id, position)"
                                " VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, belt_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, site_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, position);
  return step_done (self, stmt, what, error);
}

/* Every site known, none twice. */
static gboolean
check_route (HdStore            *self,
             const char * const *site_ids,
             const char         *what,
             GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; site_ids[i] != NULL; i++)
    {
      HdSite *site = hd_store_lookup_site (self, site_ids[i]);

      if (site == NULL)
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                       _("%s: no site has the id %s"), what, site_ids[i]);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer) site_ids[i]))
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("%s: the site “%s” is on the route twice"), what, hd_site_get_name (site));
          return FALSE;
        }
    }
  return TRUE;
}

/* Route positions alternate between two bands, 0… and HD_ROUTE_BAND…: a new order never reuses a
 * position the old one held. Undo and redo apply a changeset row by row, and with
 * UNIQUE (belt_id, position) two sites trading places would each find the other in the way;
 * between bands nothing is ever in the way. Only the order of positions means anything. */
#define HD_ROUTE_BAND (1 << 20)

/* Inside an open command: replaces the route's rows; @now, when set, stamps the belt. */
static gboolean
write_route (HdStore            *self,
             const char         *belt_id,
             const char * const *site_ids,
             const char         *now,
             const char         *what,
             GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 lowest;
  int base;

  lowest = query_int (self, "SELECT coalesce (min (position), 0) FROM belt_site WHERE belt_id = ?1",
                      belt_id, error);
  if (lowest < 0)
    return FALSE;
  base = lowest >= HD_ROUTE_BAND ? 0 : HD_ROUTE_BAND;

  stmt = prepare (self, "DELETE FROM belt_site WHERE belt_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, belt_id, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, what, error))
    return FALSE;
  for (guint i = 0; site_ids[i] != NULL; i++)
    if (!insert_membership (self, belt_id, site_ids[i], base + (int) i, what, error))
      return FALSE;
  if (now == NULL)
    return TRUE;
  stmt = prepare (self, "UPDATE belt SET modified = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, belt_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, what, error);
}

gboolean
hd_store_set_belt_route (HdStore            *self,
                         const char         *belt_id,
                         const char * const *site_ids,
                         GError            **error)
{
  g_autofree char *what = NULL;
  g_autofree char *now = hd_timestamp_now ();
  HdBelt *belt;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (belt_id != NULL, FALSE);
  g_return_val_if_fail (site_ids != NULL, FALSE);

  belt = hd_store_lookup_belt (self, belt_id);
  if (belt == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("Could not change the route: no belt has the id %s"), belt_id);
      return FALSE;
    }
  what = g_strdup_printf (_("Could not change the route of “%s”"), hd_belt_get_name (belt) ? hd_belt_get_name (belt) : "");
  if (!check_route (self, site_ids, what, error))
    return FALSE;

  if (!begin_command (self, what, error))
    return FALSE;
  if (!write_route (self, belt_id, site_ids, now, what, error))
    goto fail;
  if (!commit_command (self, what, g_strdup_printf (_("Change the route of “%s”"), hd_belt_get_name (belt)), error))
    goto fail;

  model_reload_one (self, &self->belts, belt_id, NULL);
  g_ptr_array_add (changed, (gpointer) belt_id);
  emit_changed (self, HD_CHANGE_ROUTES | HD_CHANGE_BELTS, changed);
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

gboolean
hd_store_save_belt_with_route (HdStore            *self,
                               HdBelt             *belt,
                               const char * const *site_ids,
                               GError            **error)
{
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *what = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  GObject *stored;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_BELT (belt), FALSE);
  g_return_val_if_fail (site_ids != NULL, FALSE);

  if (!hd_validate_belt (belt, error))
    return FALSE;
  what = g_strdup_printf (_("Could not save the belt “%s”"), hd_belt_get_name (belt));
  if (hd_belt_get_region_id (belt) != NULL && hd_store_lookup_region (self, hd_belt_get_region_id (belt)) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: its region does not exist"), what);
      return FALSE;
    }
  if (!check_route (self, site_ids, what, error))
    return FALSE;
  ensure_id (G_OBJECT (belt));
  if (!begin_command (self, what, error))
    return FALSE;
  /* The belt's row is written (and stamped) first, so the route needs no second stamp. */
  if (!write_belt (self, upsert_belt_sql, belt, now, what, error) ||
      !write_route (self, hd_belt_get_id (belt), site_ids, NULL, what, error) ||
      !commit_command (self, what, g_strdup_printf (_("Save “%s”"), hd_belt_get_name (belt)), error))
    {
      rollback (self);
      return FALSE;
    }
  stored = model_reload_one (self, &self->belts, hd_belt_get_id (belt), NULL);
  if (stored != NULL && stored != G_OBJECT (belt))
    hd_belt_copy_from (belt, HD_BELT (stored));
  g_ptr_array_add (changed, (gpointer) hd_belt_get_id (belt));
  emit_changed (self, HD_CHANGE_BELTS | HD_CHANGE_ROUTES, changed);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Import                                                                                     */

typedef struct {
  HdStore          *store;
  HdImportBatch    *batch;
  GHashTable       *item_by_id[3];    /* per HdImportItemKind: id → item */
  GHashTable       *region_by_name;   /* batch region name → item (first one) */
  GHashTable       *belt_by_name;     /* batch belt name → item (first one) */
  GHashTable       *db_region_by_name;/* workspace region name → id, "" when ambiguous */
  GHashTable       *db_belt_by_name;
  GHashTable       *created_regions;  /* name → new id, regions made because items named them */
  GPtrArray        *created_order;    /* HdRegion *, to insert */
  char             *now;
} ImportContext;

static const char *
item_name (HdImportItem *item)
{
  const char *name = NULL;

  switch (item->kind)
    {
    case HD_IMPORT_ITEM_REGION: name = hd_region_get_name (HD_REGION (item->record)); break;
    case HD_IMPORT_ITEM_BELT: name = hd_belt_get_name (HD_BELT (item->record)); break;
    case HD_IMPORT_ITEM_SITE: name = hd_site_get_name (HD_SITE (item->record)); break;
    default: break;
    }
  return name ? name : "";
}

static const char *
item_id (HdImportItem *item)
{
  switch (item->kind)
    {
    case HD_IMPORT_ITEM_REGION: return hd_region_get_id (HD_REGION (item->record));
    case HD_IMPORT_ITEM_BELT: return hd_belt_get_id (HD_BELT (item->record));
    case HD_IMPORT_ITEM_SITE: return hd_site_get_id (HD_SITE (item->record));
    default: return NULL;
    }
}

G_GNUC_PRINTF (4, 5)
static void
item_error (GError       **error,
            int            code,
            HdImportItem  *item,
            const char    *format,
            ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, HD_IMPORT_ERROR, code, _("%s: feature %u (“%s”): %s"),
               item->source ? item->source : "", item->feature_index, item_name (item), reason);
}

static GHashTable *
names_of_model (HdModel     *model,
                const char *(*get_name) (gpointer))
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model->list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (G_LIST_MODEL (model->list), i);
      const char *name = get_name (object);

      if (name == NULL)
        continue;
      if (g_hash_table_contains (names, name))
        g_hash_table_replace (names, g_strdup (name), g_strdup (""));
      else
        g_hash_table_insert (names, g_strdup (name), g_strdup (model->info->get_id (object)));
    }
  return names;
}

static const char *
region_name_of (gpointer object)
{
  return hd_region_get_name (object);
}

static const char *
belt_name_of (gpointer object)
{
  return hd_belt_get_name (object);
}

static void
import_context_clear (ImportContext *ctx)
{
  for (guint i = 0; i < G_N_ELEMENTS (ctx->item_by_id); i++)
    g_clear_pointer (&ctx->item_by_id[i], g_hash_table_unref);
  g_clear_pointer (&ctx->region_by_name, g_hash_table_unref);
  g_clear_pointer (&ctx->belt_by_name, g_hash_table_unref);
  g_clear_pointer (&ctx->db_region_by_name, g_hash_table_unref);
  g_clear_pointer (&ctx->db_belt_by_name, g_hash_table_unref);
  g_clear_pointer (&ctx->created_regions, g_hash_table_unref);
  g_clear_pointer (&ctx->created_order, g_ptr_array_unref);
  g_clear_pointer (&ctx->now, g_free);
}

/* Finds a region by id or name, in the file first, then in the workspace; one that is named but
 * nowhere to be found is created (a list of sites naming their district should just work). */
static gboolean
resolve_region (ImportContext  *ctx,
                HdImportItem   *item,
                const char     *ref,
                char          **out_id,
                GError        **error)
{
  HdImportItem *other;
  const char *id;
  HdRegion *region;

  *out_id = NULL;
  if (ref == NULL || *ref == '\0')
    return TRUE;

  other = g_hash_table_lookup (ctx->item_by_id[HD_IMPORT_ITEM_REGION], ref);
  if (other != NULL)
    {
      *out_id = g_strdup (ref);
      return TRUE;
    }
  if (hd_store_lookup_region (ctx->store, ref) != NULL)
    {
      *out_id = g_strdup (ref);
      return TRUE;
    }
  other = g_hash_table_lookup (ctx->region_by_name, ref);
  if (other != NULL)
    {
      *out_id = g_strdup (item_id (other));
      return TRUE;
    }
  id = g_hash_table_lookup (ctx->db_region_by_name, ref);
  if (id != NULL && *id == '\0')
    {
      item_error (error, HD_IMPORT_ERROR_UNRESOLVED, item,
                  _("several regions are called “%s”; name it by its id instead"), ref);
      return FALSE;
    }
  if (id != NULL)
    {
      *out_id = g_strdup (id);
      return TRUE;
    }

  id = g_hash_table_lookup (ctx->created_regions, ref);
  if (id == NULL)
    {
      g_autofree char *new_id = hd_new_id ();
      HdRegionLevel level = HD_REGION_LEVEL_DISTRICT;

      /* Named as the parent of a region: one level up from it. */
      if (item->kind == HD_IMPORT_ITEM_REGION)
        {
          HdRegionLevel child = hd_region_get_level (HD_REGION (item->record));

          level = child > HD_REGION_LEVEL_PROVINCE ? child - 1 : HD_REGION_LEVEL_PROVINCE;
        }
      region = hd_region_new ();
      g_object_set (region, "id", new_id, "name", ref, "level", level, NULL);
      g_ptr_array_add (ctx->created_order, region);
      g_hash_table_insert (ctx->created_regions, g_strdup (ref), g_strdup (new_id));
      id = g_hash_table_lookup (ctx->created_regions, ref);
    }
  *out_id = g_strdup (id);
  return TRUE;
}

static gboolean
resolve_belt (ImportContext  *ctx,
              HdImportItem   *item,
              const char     *ref,
              const char    **out_id,
              GError        **error)
{
  HdImportItem *other = g_hash_table_lookup (ctx->item_by_id[HD_IMPORT_ITEM_BELT], ref);
  const char *id;

  if (other != NULL || hd_store_lookup_belt (ctx->store, ref) != NULL)
    {
      *out_id = other ? item_id (other) : hd_belt_get_id (hd_store_lookup_belt (ctx->store, ref));
      return TRUE;
    }
  other = g_hash_table_lookup (ctx->belt_by_name, ref);
  if (other != NULL)
    {
      *out_id = item_id (other);
      return TRUE;
    }
  id = g_hash_table_lookup (ctx->db_belt_by_name, ref);
  if (id != NULL && *id == '\0')
    {
      item_error (error, HD_IMPORT_ERROR_UNRESOLVED, item,
                  _("several belts are called “%s”; name it by its id instead"), ref);
      return FALSE;
    }
  if (id == NULL)
    {
      item_error (error, HD_IMPORT_ERROR_UNRESOLVED, item,
                  _("the belt “%s” is neither in the file nor in the workspace"), ref);
      return FALSE;
    }
  *out_id = id;
  return TRUE;
}

typedef struct {
  const char *site_id;
  int         order;     /* -1: none given */
  guint       sequence;  /* file order, to keep ties stable */
} RouteEntry;

static int
route_entry_compare (gconstpointer a,
                     gconstpointer b)
{
  const RouteEntry *x = a, *y = b;
  guint ox = x->order < 0 ? G_MAXUINT : (guint) x->order;
  guint oy = y->order < 0 ? G_MAXUINT : (guint) y->order;

  if (ox != oy)
    return ox < oy ? -1 : 1;
  return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

static gboolean
import_write (ImportContext   *ctx,
              HdImportSummary *summary,
              GPtrArray       *changed,
              GError         **error)
{
  HdStore *self = ctx->store;
  const char *what = _("Import failed");
  g_autoptr(GHashTable) routes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) route_order = g_ptr_array_new ();
  GPtrArray *items = ctx->batch->items;
  guint sequence = 0;

  /* Parents may come after their children in a file; check references at COMMIT. */
  if (!exec (self, "PRAGMA defer_foreign_keys = ON", what, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      HdImportItem *item = g_ptr_array_index (items, i);
      g_autofree char *region_id = NULL;

      if (!resolve_region (ctx, item, item->region_ref, &region_id, error))
        return FALSE;

      switch (item->kind)
        {
        case HD_IMPORT_ITEM_REGION:
          {
            HdRegion *region = HD_REGION (item->record);

            hd_region_set_parent_id (region, region_id);
            if (region_id != NULL && g_strcmp0 (region_id, hd_region_get_id (region)) == 0)
              {
                item_error (error, HD_IMPORT_ERROR_INVALID_FEATURE, item,
                            _("a region cannot be its own parent"));
                return FALSE;
              }
            if (!write_region (self, insert_region_sql, region, ctx->now, what, error))
              goto write_failed;
            summary->regions_added++;
            break;
          }
        case HD_IMPORT_ITEM_BELT:
          hd_belt_set_region_id (HD_BELT (item->record), region_id);
          if (!hd_validate_belt (HD_BELT (item->record), NULL) ||
              !write_belt (self, insert_belt_sql, HD_BELT (item->record), ctx->now, what, error))
            goto write_failed;
          summary->belts_added++;
          break;
        case HD_IMPORT_ITEM_SITE:
          {
            HdSite *site = HD_SITE (item->record);

            hd_site_set_region_id (site, region_id);
            if (!hd_validate_site (site, NULL) ||
                !write_site (self, insert_site_sql, site, ctx->now, what, error))
              goto write_failed;
            summary->sites_added++;
            for (guint j = 0; j < item->belt_refs->len; j++)
              {
                const char *belt_id;
                GArray *route;
                RouteEntry entry;

                if (!resolve_belt (ctx, item, g_ptr_array_index (item->belt_refs, j), &belt_id, error))
                  return FALSE;
                route = g_hash_table_lookup (routes, belt_id);
                if (route == NULL)
                  {
                    route = g_array_new (FALSE, FALSE, sizeof (RouteEntry));
                    g_hash_table_insert (routes, (gpointer) belt_id, route);
                    g_ptr_array_add (route_order, (gpointer) belt_id);
                  }
                for (guint k = 0; k < route->len; k++)
                  if (g_array_index (route, RouteEntry, k).site_id == hd_site_get_id (site))
                    {
                      item_error (error, HD_IMPORT_ERROR_INVALID_FEATURE, item,
                                  _("the site is on the belt “%s” twice"),
                                  (const char *) g_ptr_array_index (item->belt_refs, j));
                      return FALSE;
                    }
                entry.site_id = hd_site_get_id (site);
                entry.order = g_array_index (item->belt_orders, int, j);
                entry.sequence = sequence++;
                g_array_append_val (route, entry);
              }
            break;
          }
        default:
          g_assert_not_reached ();
        }
      g_ptr_array_add (changed, g_strdup (item_id (item)));
      continue;

    write_failed:
      if (error != NULL && *error != NULL)
        {
          g_autofree char *reason = g_strdup ((*error)->message);

          g_clear_error (error);
          item_error (error, HD_IMPORT_ERROR_INVALID_FEATURE, item, "%s", reason);
        }
      else
        {
          item_error (error, HD_IMPORT_ERROR_INVALID_FEATURE, item,
                      _("a value breaks a rule of the workspace"));
        }
      return FALSE;
    }

  /* Regions that items named but nobody defined. */
  for (guint i = 0; i < ctx->created_order->len; i++)
    {
      HdRegion *region = g_ptr_array_index (ctx->created_order, i);

      if (!write_region (self, insert_region_sql, region, ctx->now, what, error))
        return FALSE;
      summary->regions_added++;
      g_ptr_array_add (summary->regions_created, g_strdup (hd_region_get_name (region)));
      g_ptr_array_add (changed, g_strdup (hd_region_get_id (region)));
    }

  /* Routes: ordered entries first by their order, then the rest in file order, all after what
   * the belt already has. */
  for (guint i = 0; i < route_order->len; i++)
    {
      const char *belt_id = g_ptr_array_index (route_order, i);
      GArray *route = g_hash_table_lookup (routes, belt_id);
      gint64 next = query_int (self,
                               "SELECT coalesce (max (position) + 1, 0) FROM belt_site"
                               " WHERE belt_id = ?1", belt_id, error);

      if (next < 0)
        return FALSE;
      g_array_sort (route, route_entry_compare);
      for (guint k = 0; k < route->len; k++)
        {
          if (!insert_membership (self, belt_id, g_array_index (route, RouteEntry, k).site_id,
                                  (int) (next + k), what, error))
            return FALSE;
          summary->memberships_added++;
        }
    }
  return TRUE;
}

gboolean
hd_store_import (HdStore         *self,
                 HdImportBatch   *batch,
                 gboolean         dry_run,
                 HdImportSummary *summary,
                 GError         **error)
{
  ImportContext ctx = { 0 };
  HdImportSummary local_summary = { 0 };
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = FALSE;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  if (summary == NULL)
    summary = &local_summary;
  memset (summary, 0, sizeof *summary);
  summary->regions_created = g_ptr_array_new_with_free_func (g_free);

  ctx.store = self;
  ctx.batch = batch;
  ctx.now = hd_timestamp_now ();
  for (guint i = 0; i < G_N_ELEMENTS (ctx.item_by_id); i++)
    ctx.item_by_id[i] = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.region_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.belt_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.db_region_by_name = names_of_model (&self->regions, region_name_of);
  ctx.db_belt_by_name = names_of_model (&self->belts, belt_name_of);
  ctx.created_regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.created_order = g_ptr_array_new_with_free_func (g_object_unref);

  /* Ids: unique in the batch and new to the workspace. */
  for (guint i = 0; i < batch->items->len; i++)
    {
      HdImportItem *item = g_ptr_array_index (batch->items, i);
      const char *id = item_id (item);
      HdModel *model = item->kind == HD_IMPORT_ITEM_REGION ? &self->regions
                     : item->kind == HD_IMPORT_ITEM_BELT ? &self->belts : &self->sites;
      HdImportItem *twin;

      if (id == NULL || *id == '\0')
        {
          item_error (error, HD_IMPORT_ERROR_INVALID_FEATURE, item, _("it has no id"));
          goto out;
        }
      twin = g_hash_table_lookup (ctx.item_by_id[item->kind], id);
      if (twin != NULL)
        {
          item_error (error, HD_IMPORT_ERROR_DUPLICATE_ID, item,
                      _("its id %s is also used by feature %u of %s"),
                      id, twin->feature_index, twin->source ? twin->source : "");
          goto out;
        }
      if (g_hash_table_contains (model->by_id, id))
        {
          item_error (error, HD_IMPORT_ERROR_DUPLICATE_ID, item,
                      _("its id %s already exists in the workspace"), id);
          goto out;
        }
      g_hash_table_insert (ctx.item_by_id[item->kind], (gpointer) id, item);
      if (item->kind == HD_IMPORT_ITEM_REGION && !g_hash_table_contains (ctx.region_by_name, item_name (item)))
        g_hash_table_insert (ctx.region_by_name, (gpointer) item_name (item), item);
      else if (item->kind == HD_IMPORT_ITEM_BELT && !g_hash_table_contains (ctx.belt_by_name, item_name (item)))
        g_hash_table_insert (ctx.belt_by_name, (gpointer) item_name (item), item);
    }

  if (!begin_command (self, _("Import failed"), error))
    goto out;
  if (!import_write (&ctx, summary, changed, error))
    {
      rollback (self);
      goto out;
    }
  if (dry_run)
    {
      rollback (self);
      ok = TRUE;
      goto out;
    }
  if (!commit_command (self, _("Import failed"), g_strdup (_("Import")), error))
    goto out;

  if (!load_models (self, error))
    goto out;
  if (changed->len > 0)
    emit_changed (self, HD_CHANGE_REGIONS | HD_CHANGE_BELTS | HD_CHANGE_SITES | HD_CHANGE_ROUTES,
                  changed);
  ok = TRUE;

out:
  /* The records in the batch were given region ids for writing; a failed import leaves no trace
   * in the workspace, and the batch is spent either way. */
  import_context_clear (&ctx);
  if (summary == &local_summary)
    hd_import_summary_clear (&local_summary);
  else if (!ok)
    hd_import_summary_clear (summary);
  return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* Statistics and checks                                                                      */

static void
stats_row_clear (gpointer data)
{
  HdStatsRow *row = data;

  g_free (row->id);
  g_free (row->name);
}

void
hd_stats_free (HdStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->by_region, g_array_unref);
  g_clear_pointer (&stats->per_belt, g_array_unref);
  g_free (stats);
}

static gboolean
collect_rows (HdStore     *self,
              const char  *sql,
              GArray      *rows,
              GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdStatsRow row = {
        g_strdup (hd_sql_text (stmt, 0)),
        g_strdup (hd_sql_text (stmt, 1)),
        (guint) sqlite3_column_int (stmt, 2),
        (guint) sqlite3_column_int (stmt, 3),
      };
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, sqlite3_extended_errcode (self->db),
                        _("Reading the workspace failed"));
      return FALSE;
    }
  return TRUE;
}

HdStats *
hd_store_collect_stats (HdStore  *self,
                        GError  **error)
{
  g_autoptr(HdStats) stats = g_new0 (HdStats, 1);
  GListModel *sites;
  guint n;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  stats->n_regions = g_list_model_get_n_items (hd_store_get_regions (self));
  stats->n_belts = g_list_model_get_n_items (hd_store_get_belts (self));
  stats->n_plans = g_list_model_get_n_items (hd_store_get_plans (self));

  /* Kind, domain, level and position are on the objects already: one pass, no query. */
  sites = hd_store_get_sites (self);
  n = stats->n_sites = g_list_model_get_n_items (sites);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      stats->by_kind[hd_site_get_kind (site)]++;
      stats->by_domain[hd_site_get_domain (site)]++;
      stats->by_level[hd_site_get_level (site)]++;
      if (!hd_site_get_has_position (site))
        stats->sites_without_position++;
    }

  stats->by_region = g_array_new (FALSE, FALSE, sizeof (HdStatsRow));
  g_array_set_clear_func (stats->by_region, stats_row_clear);
  stats->per_belt = g_array_new (FALSE, FALSE, sizeof (HdStatsRow));
  g_array_set_clear_func (stats->per_belt, stats_row_clear);

  if (!collect_rows (self,
                     "SELECT r.id, r.name,"
                     " (SELECT count(*) FROM site s WHERE s.region_id = r.id),"
                     " (SELECT count(*) FROM belt b WHERE b.region_id = r.id)"
                     " FROM region r ORDER BY r.rowid", stats->by_region, error) ||
      !collect_rows (self,
                     "SELECT NULL, NULL,"
                     " (SELECT count(*) FROM site WHERE region_id IS NULL),"
                     " (SELECT count(*) FROM belt WHERE region_id IS NULL)"
                     " WHERE EXISTS (SELECT 1 FROM site WHERE region_id IS NULL)"
                     " OR EXISTS (SELECT 1 FROM belt WHERE region_id IS NULL)",
                     stats->by_region, error) ||
      !collect_rows (self,
                     "SELECT b.id, b.name, count(bs.site_id), 1 FROM belt b"
                     " LEFT JOIN belt_site bs ON bs.belt_id = b.id"
                     " GROUP BY b.id ORDER BY b.rowid", stats->per_belt, error))
    return NULL;

  for (guint i = 0; i < stats->per_belt->len; i++)
    if (g_array_index (stats->per_belt, HdStatsRow, i).sites < HD_BELT_MIN_SITES)
      stats->belts_under_min++;

  {
    g_autoptr(GError) local_error = NULL;
    gint64 on_no_belt = query_int (self,
                                   "SELECT count(*) FROM site"
                                   " WHERE id NOT IN (SELECT site_id FROM belt_site)",
                                   NULL, &local_error);
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
    stats->sites_on_no_belt = (guint) on_no_belt;
  }
  return g_steal_pointer (&stats);
}

static void
problem_free (gpointer data)
{
  HdProblem *problem = data;

  g_free (problem->record_id);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray     *problems,
             HdProblemKind  kind,
             const char    *record_id,
             char          *message)
{
  HdProblem *problem = g_new0 (HdProblem, 1);

  problem->kind = kind;
  problem->record_id = g_strdup (record_id);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

GPtrArray *
hd_store_check (HdStore  *self,
                GError  **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (problem_free);
  g_autoptr(HdStats) stats = NULL;
  sqlite3_stmt *stmt;
  GListModel *sites;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  stmt = prepare (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (g_strcmp0 (hd_sql_text (stmt, 0), "ok") != 0)
      add_problem (problems, HD_PROBLEM_INTEGRITY, NULL,
                   g_strdup_printf (_("Database integrity: %s"), hd_sql_text (stmt, 0)));
  sqlite3_reset (stmt);

  stmt = prepare (self, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    /* Translators: both are database table names, e.g. "site" and "region". */
    add_problem (problems, HD_PROBLEM_INTEGRITY, NULL,
                 g_strdup_printf (_("Database integrity: a row of %s refers to a missing %s"),
                                  hd_sql_text (stmt, 0), hd_sql_text (stmt, 2)));
  sqlite3_reset (stmt);

  stats = hd_store_collect_stats (self, error);
  if (stats == NULL)
    return NULL;
  for (guint i = 0; i < stats->per_belt->len; i++)
    {
      HdStatsRow *row = &g_array_index (stats->per_belt, HdStatsRow, i);

      if (row->sites < HD_BELT_MIN_SITES)
        add_problem (problems, HD_PROBLEM_BELT_UNDER_MIN, row->id,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Belt “%s” has %u site; a belt needs at least %d",
                                                   "Belt “%s” has %u sites; a belt needs at least %d",
                                                   row->sites),
                                      row->name, row->sites, HD_BELT_MIN_SITES));
    }

  sites = hd_store_get_sites (self);
  for (guint i = 0, n = g_list_model_get_n_items (sites); i < n; i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      if (!hd_site_get_has_position (site))
        add_problem (problems, HD_PROBLEM_SITE_NO_POSITION, hd_site_get_id (site),
                     g_strdup_printf (_("Site “%s” has no coordinates"), hd_site_get_name (site)));
    }

  stmt = prepare (self,
                  "SELECT b.id, b.name, trim (s.name), count(*) FROM belt_site bs"
                  " JOIN belt b ON b.id = bs.belt_id JOIN site s ON s.id = bs.site_id"
                  " GROUP BY bs.belt_id, trim (s.name) HAVING count(*) > 1"
                  " ORDER BY b.rowid, trim (s.name)", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_problem (problems, HD_PROBLEM_DUPLICATE_IN_BELT, hd_sql_text (stmt, 0),
                 g_strdup_printf (_("Belt “%s” has %d sites named “%s”"),
                                  hd_sql_text (stmt, 1), sqlite3_column_int (stmt, 3),
                                  hd_sql_text (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, sqlite3_extended_errcode (self->db),
                        _("Reading the workspace failed"));
      return NULL;
    }
  return g_steal_pointer (&problems);
}

/* ------------------------------------------------------------------------------------------ */
/* Sample workspace                                                                           */

char *
hd_sample_dir (void)
{
  const char *override = g_getenv ("HONGDAI_DATADIR");
  g_autofree char *installed = g_build_filename (HD_PKGDATADIR, "sample", NULL);

  if (override != NULL && *override != '\0')
    return g_build_filename (override, "sample", NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  /* Running from the build tree. */
  return g_build_filename (HD_SOURCE_DATADIR, "sample", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

gboolean
hd_store_load_sample (HdStore  *self,
                      GError  **error)
{
  gboolean ok;
  g_autofree char *dir_path = hd_sample_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autofree char *inspections_path = g_build_filename (dir_path, "inspections.json", NULL);
  g_autofree char *inspections = NULL;
  gsize inspections_length = 0;
  g_autofree char *plans_path = g_build_filename (dir_path, "plans.json", NULL);
  g_autofree char *plans = NULL;
  gsize plans_length = 0;
  const char *name;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  dir = g_dir_open (dir_path, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".geojson"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  if (names->len == 0)
    {
      g_autofree char *display = g_filename_display_name (dir_path);

      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_IO,
                   _("The sample workspace is missing: no .geojson files in “%s”"), display);
      return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      if (!hd_geojson_parse_file (batch, file, error))
        return FALSE;
    }
  /* Read before anything is written, so a missing or unreadable file changes nothing. */
  if (g_file_test (inspections_path, G_FILE_TEST_EXISTS) &&
      !g_file_get_contents (inspections_path, &inspections, &inspections_length, error))
    return FALSE;
  if (g_file_test (plans_path, G_FILE_TEST_EXISTS) &&
      !g_file_get_contents (plans_path, &plans, &plans_length, error))
    return FALSE;
  group_begin (self);
  ok = hd_store_import (self, batch, FALSE, NULL, error);
  /* The inspections name sites and belts that the import has just committed: a second
   * transaction (all of the inspections or none of them), the same undo step. */
  if (ok && inspections != NULL)
    ok = hd_store_load_sample_inspections (self, inspections, inspections_length,
                                           "inspections.json", NULL, error);
  /* The plans name the regions: a third transaction, still the same undo step. */
  if (ok && plans != NULL)
    ok = hd_store_import_plans (self, plans, plans_length, "plans.json", error) >= 0;
  group_end (self, g_strdup (_("Open the sample workspace")));
  return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* For the other core modules (hd-store-private.h): they write their own tables through the    */
/* same connection, statement cache, transactions and change signal.                           */

gboolean
hd_store_begin (HdStore     *self,
                const char  *what,
                GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  /* Inside a group (loading the sample) the other modules' writes are part of the undo step. */
  if (self->undo_group != NULL)
    return begin_command (self, what, error);
  return begin (self, what, error);
}

gboolean
hd_store_commit (HdStore     *self,
                 const char  *what,
                 GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  if (self->session != NULL)
    return commit_command (self, what, NULL, error);
  return commit (self, what, error);
}

gboolean
hd_store_begin_command (HdStore     *self,
                        const char  *what,
                        GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  return begin_command (self, what, error);
}

gboolean
hd_store_commit_command (HdStore     *self,
                         const char  *what,
                         char        *label,
                         GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->session != NULL, FALSE);
  return commit_command (self, what, label, error);
}

void
hd_store_reload_record (HdStore      *self,
                        HdChangeKind  kind,
                        const char   *id)
{
  HdModel *model;

  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (id != NULL);

  switch (kind)
    {
    case HD_CHANGE_REGIONS: model = &self->regions; break;
    case HD_CHANGE_BELTS: model = &self->belts; break;
    case HD_CHANGE_SITES: model = &self->sites; break;
    case HD_CHANGE_PLANS: model = &self->plans; break;
    default: g_return_if_reached ();
    }
  model_reload_one (self, model, id, NULL);
}

void
hd_store_rollback (HdStore *self)
{
  g_return_if_fail (HD_IS_STORE (self));
  rollback (self);
}

sqlite3_stmt *
hd_store_prepare (HdStore     *self,
                  const char  *sql,
                  GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  return prepare (self, sql, error);
}

gboolean
hd_store_step_done (HdStore       *self,
                    sqlite3_stmt  *stmt,
                    const char    *what,
                    GError       **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  return step_done (self, stmt, what, error);
}

gboolean
hd_store_exec (HdStore     *self,
               const char  *sql,
               const char  *what,
               GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  return exec (self, sql, what, error);
}

void
hd_store_set_error_from_db (HdStore     *self,
                            GError     **error,
                            const char  *what)
{
  g_return_if_fail (HD_IS_STORE (self));
  set_sqlite_error (self, error, sqlite3_extended_errcode (self->db), what);
}

void
hd_store_emit_changed (HdStore            *self,
                       guint               kinds,
                       const char * const *ids)
{
  g_return_if_fail (HD_IS_STORE (self));
  g_signal_emit (self, signals[CHANGED], 0, kinds, (GStrv) ids);
}
