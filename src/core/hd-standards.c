/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-standards"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "hd-record.h"
#include "hd-standards-private.h"

G_DEFINE_ENUM_TYPE (HdSubjectKind, hd_subject_kind,
  G_DEFINE_ENUM_VALUE (HD_SUBJECT_BELT, "belt"),
  G_DEFINE_ENUM_VALUE (HD_SUBJECT_SITE, "site"))

const char *
hd_subject_kind_to_string (HdSubjectKind kind)
{
  switch (kind)
    {
    case HD_SUBJECT_BELT: return "belt";
    case HD_SUBJECT_SITE: return "site";
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
hd_subject_kind_from_string (const char    *str,
                             HdSubjectKind *out)
{
  if (g_strcmp0 (str, "belt") == 0)
    *out = HD_SUBJECT_BELT;
  else if (g_strcmp0 (str, "site") == 0)
    *out = HD_SUBJECT_SITE;
  else
    return FALSE;
  return TRUE;
}

const char *
hd_subject_kind_label (HdSubjectKind kind)
{
  switch (kind)
    {
    case HD_SUBJECT_BELT: return C_("inspection subject", "Belt");
    case HD_SUBJECT_SITE: return C_("inspection subject", "Site");
    default: g_return_val_if_reached ("");
    }
}

/* ------------------------------------------------------------------------------------------ */
/* HdStandardSet                                                                              */

struct _HdStandardSet
{
  GObject parent_instance;

  char *id;
  char *code;
  int version;
  HdSubjectKind applies_to;
  char *name;
  char *name_en;
  char *description;
  gboolean builtin;
  int n_items;
  char *superseded_by;
  char *created;
  char *modified;
};

G_DEFINE_FINAL_TYPE (HdStandardSet, hd_standard_set, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_VERSION,
  PROP_APPLIES_TO,
  PROP_NAME,
  PROP_NAME_EN,
  PROP_DESCRIPTION,
  PROP_BUILTIN,
  PROP_N_ITEMS,
  PROP_SUPERSEDED_BY,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define S(n, m) { n, HD_FIELD_STRING, G_STRUCT_OFFSET (HdStandardSet, m), NULL, 0, 0 }
static const HdField hd_standard_set_fields[] = {
  S ("id", id),
  S ("code", code),
  { "version", HD_FIELD_INT, G_STRUCT_OFFSET (HdStandardSet, version), NULL, 1, G_MAXINT },
  { "applies-to", HD_FIELD_ENUM, G_STRUCT_OFFSET (HdStandardSet, applies_to), hd_subject_kind_get_type, 0, 0 },
  S ("name", name),
  S ("name-en", name_en),
  S ("description", description),
  { "builtin", HD_FIELD_BOOLEAN, G_STRUCT_OFFSET (HdStandardSet, builtin), NULL, 0, 0 },
  { "n-items", HD_FIELD_INT, G_STRUCT_OFFSET (HdStandardSet, n_items), NULL, 0, G_MAXINT },
  S ("superseded-by", superseded_by),
  S ("created", created),
  S ("modified", modified),
};
#undef S

HD_RECORD_DEFINE_PROPERTY_FUNCS (HdStandardSet, hd_standard_set)

static void
hd_standard_set_init (HdStandardSet *self)
{
  self->version = 1;
  self->applies_to = HD_SUBJECT_SITE;
}

HdStandardSet *
hd_standard_set_new (void)
{
  return g_object_new (HD_TYPE_STANDARD_SET, NULL);
}

HD_RECORD_STRING_ACCESSORS (HdStandardSet, hd_standard_set, id, PROP_ID)
HD_RECORD_STRING_ACCESSORS (HdStandardSet, hd_standard_set, code, PROP_CODE)
HD_RECORD_SCALAR_ACCESSORS (HdStandardSet, hd_standard_set, HdSubjectKind, applies_to, PROP_APPLIES_TO)
HD_RECORD_STRING_ACCESSORS (HdStandardSet, hd_standard_set, name, PROP_NAME)
HD_RECORD_STRING_ACCESSORS (HdStandardSet, hd_standard_set, name_en, PROP_NAME_EN)
HD_RECORD_STRING_ACCESSORS (HdStandardSet, hd_standard_set, description, PROP_DESCRIPTION)

int
hd_standard_set_get_version (HdStandardSet *self)
{
  g_return_val_if_fail (HD_IS_STANDARD_SET (self), 0);
  return self->version;
}

gboolean
hd_standard_set_get_builtin (HdStandardSet *self)
{
  g_return_val_if_fail (HD_IS_STANDARD_SET (self), FALSE);
  return self->builtin;
}

int
hd_standard_set_get_n_items (HdStandardSet *self)
{
  g_return_val_if_fail (HD_IS_STANDARD_SET (self), 0);
  return self->n_items;
}

const char *
hd_standard_set_get_superseded_by (HdStandardSet *self)
{
  g_return_val_if_fail (HD_IS_STANDARD_SET (self), NULL);
  return self->superseded_by;
}

const char *
hd_standard_set_get_created (HdStandardSet *self)
{
  g_return_val_if_fail (HD_IS_STANDARD_SET (self), NULL);
  return self->created;
}

const char *
hd_standard_set_get_modified (HdStandardSet *self)
{
  g_return_val_if_fail (HD_IS_STANDARD_SET (self), NULL);
  return self->modified;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                    */

#define SET_COLUMNS \
  "s.id, s.code, s.version, s.applies_to, s.name_zh, s.name_en, s.description, s.builtin, " \
  "(SELECT count(*) FROM standard_item i WHERE i.set_id = s.id), s.superseded_by, s.created, " \
  "s.modified"

static HdStandardSet *
set_from_row (sqlite3_stmt *stmt)
{
  HdStandardSet *set = hd_standard_set_new ();
  HdSubjectKind applies_to = HD_SUBJECT_SITE;

  hd_subject_kind_from_string (hd_sql_text (stmt, 3), &applies_to);
  g_object_set (set,
                "id", hd_sql_text (stmt, 0),
                "code", hd_sql_text (stmt, 1),
                "version", sqlite3_column_int (stmt, 2),
                "applies-to", applies_to,
                "name", hd_sql_text (stmt, 4),
                "name-en", hd_sql_text (stmt, 5),
                "description", hd_sql_text (stmt, 6),
                "builtin", sqlite3_column_int (stmt, 7) != 0,
                "n-items", sqlite3_column_int (stmt, 8),
                "superseded-by", hd_sql_text (stmt, 9),
                "created", hd_sql_text (stmt, 10),
                "modified", hd_sql_text (stmt, 11),
                NULL);
  return set;
}

#define ITEM_COLUMNS \
  "id, set_id, position, code, title_zh, title_en, guidance, kind, weight, photo_required, category"

static HdStandardItem *
item_from_row (sqlite3_stmt *stmt)
{
  HdStandardItem *item = hd_standard_item_new ();
  HdItemKind kind = HD_ITEM_KIND_REQUIREMENT;

  hd_item_kind_from_string (hd_sql_text (stmt, 7), &kind);
  g_object_set (item,
                "id", hd_sql_text (stmt, 0),
                "set-id", hd_sql_text (stmt, 1),
                "position", sqlite3_column_int (stmt, 2),
                "code", hd_sql_text (stmt, 3),
                "title", hd_sql_text (stmt, 4),
                "title-en", hd_sql_text (stmt, 5),
                "guidance", hd_sql_text (stmt, 6),
                "kind", kind,
                "weight", sqlite3_column_double (stmt, 8),
                "photo-required", sqlite3_column_int (stmt, 9) != 0,
                "category", hd_sql_text (stmt, 10),
                NULL);
  return item;
}

/* One set from a statement whose ?1 is bound by the caller. */
static HdStandardSet *
read_one_set (HdStore       *self,
              sqlite3_stmt  *stmt,
              const char    *not_found_message,
              GError       **error)
{
  HdStandardSet *set = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    set = set_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND, not_found_message);
  else
    hd_sql_read_error (self, error);
  sqlite3_reset (stmt);
  return set;
}

HdStandardSet *
hd_standards_read_set (HdStore     *self,
                       const char  *set_id,
                       GError     **error)
{
  sqlite3_stmt *stmt = hd_store_prepare (self, "SELECT " SET_COLUMNS " FROM standard_set s WHERE s.id = ?1",
                                         error);
  g_autofree char *message = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, set_id, -1, SQLITE_TRANSIENT);
  message = g_strdup_printf (_("No standard set has the id %s"), set_id);
  return read_one_set (self, stmt, message, error);
}

HdStandardSet *
hd_store_get_standard_set (HdStore     *self,
                           const char  *set_id,
                           GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (set_id != NULL, NULL);

  return hd_standards_read_set (self, set_id, error);
}

HdStandardSet *
hd_store_find_standard_set (HdStore     *self,
                            const char  *code,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *message = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  stmt = hd_store_prepare (self,
                           "SELECT " SET_COLUMNS " FROM standard_set s"
                           " WHERE s.code = ?1 AND s.superseded_by IS NULL"
                           " ORDER BY s.version DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  message = g_strdup_printf (_("No standard set has the code “%s”"), code);
  return read_one_set (self, stmt, message, error);
}

GListStore *
hd_store_list_standard_sets (HdStore   *self,
                             gboolean   include_superseded,
                             GError   **error)
{
  g_autoptr(GListStore) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  /* Built-in sets in the order the documents list them (their insertion order), then the
   * user's by code and version. */
  stmt = hd_store_prepare (self,
                           "SELECT " SET_COLUMNS " FROM standard_set s"
                           " WHERE ?1 OR s.superseded_by IS NULL"
                           " ORDER BY s.builtin DESC, CASE WHEN s.builtin THEN s.rowid END,"
                           " s.code, s.version", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_superseded ? 1 : 0);
  list = g_list_store_new (HD_TYPE_STANDARD_SET);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HdStandardSet) set = set_from_row (stmt);

      g_list_store_append (list, set);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GListStore *
hd_store_list_standard_items (HdStore     *self,
                              const char  *set_id,
                              GError     **error)
{
  g_autoptr(HdStandardSet) set = NULL;
  g_autoptr(GListStore) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (set_id != NULL, NULL);

  set = hd_standards_read_set (self, set_id, error);
  if (set == NULL)
    return NULL;
  stmt = hd_store_prepare (self,
                           "SELECT " ITEM_COLUMNS " FROM standard_item WHERE set_id = ?1"
                           " ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, set_id, -1, SQLITE_TRANSIENT);
  list = g_list_store_new (HD_TYPE_STANDARD_ITEM);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HdStandardItem) item = item_from_row (stmt);

      g_list_store_append (list, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

int
hd_store_standard_set_in_use (HdStore     *self,
                              const char  *set_id,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc, used = -1;

  g_return_val_if_fail (HD_IS_STORE (self), -1);
  g_return_val_if_fail (set_id != NULL, -1);

  stmt = hd_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM inspection WHERE set_id = ?1)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, set_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    used = sqlite3_column_int (stmt, 0);
  else
    hd_sql_read_error (self, error);
  sqlite3_reset (stmt);
  return used;
}

/* ------------------------------------------------------------------------------------------ */
/* Validation                                                                                 */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* A code is an identifier people type into files: no spaces, not too long. Returns a
 * translated reason, or NULL when it is fine. */
static const char *
code_problem (const char *code)
{
  if (is_blank (code))
    return _("the code is empty");
  if (!g_utf8_validate (code, -1, NULL))
    return _("the code is not valid UTF-8");
  if (g_utf8_strlen (code, -1) > HD_STANDARD_CODE_MAX_CHARS)
    return _("the code is longer than 64 characters");
  for (const char *p = code; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return _("the code contains a space or control character");
    }
  return NULL;
}

/* Checks a set's fields and items; the message names the set, then the item by position
 * (from 1) and code. */
static gboolean
validate_set (HdStandardSet  *set,
              GPtrArray      *items,
              const char     *what,
              GError        **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  const char *problem;
  guint n = items ? items->len : 0;

  if ((problem = code_problem (hd_standard_set_get_code (set))) != NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID, "%s: %s", what, problem);
      return FALSE;
    }
  if (is_blank (hd_standard_set_get_name (set)))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: the set has no name"), what);
      return FALSE;
    }
  if (n > HD_STANDARD_MAX_ITEMS)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: %u items; a set has at most %d"), what, n, HD_STANDARD_MAX_ITEMS);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      HdStandardItem *item = g_ptr_array_index (items, i);
      const char *code = hd_standard_item_get_code (item);
      double weight = hd_standard_item_get_weight (item);
      gpointer twin;

      if ((problem = code_problem (code)) != NULL)
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("%s: item %u: %s"), what, i + 1, problem);
          return FALSE;
        }
      if (g_hash_table_lookup_extended (codes, code, NULL, &twin))
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("%s: item %u (%s): item %u has the same code"),
                       what, i + 1, code, GPOINTER_TO_UINT (twin));
          return FALSE;
        }
      g_hash_table_insert (codes, (gpointer) code, GUINT_TO_POINTER (i + 1));
      if (is_blank (hd_standard_item_get_title (item)))
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("%s: item %u (%s): the title is empty"), what, i + 1, code);
          return FALSE;
        }
      if (!isfinite (weight) || weight < 0.0 || weight > 1e6)
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("%s: item %u (%s): the weight must be a number from 0 to 1000000"),
                       what, i + 1, code);
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                    */

static gboolean
insert_set_row (HdStore        *self,
                const char     *id,
                HdStandardSet  *set,
                int             version,
                const char     *now,
                const char     *what,
                GError        **error)
{
  static const char sql[] =
    "INSERT INTO standard_set (id, code, version, applies_to, name_zh, name_en, description,"
    " builtin, created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?8)";
  sqlite3_stmt *stmt = hd_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hd_standard_set_get_code (set), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, version);
  sqlite3_bind_text (stmt, 4, hd_subject_kind_to_string (hd_standard_set_get_applies_to (set)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, hd_standard_set_get_name (set), -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 6, hd_standard_set_get_name_en (set));
  hd_sql_bind_text (stmt, 7, hd_standard_set_get_description (set));
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  return hd_store_step_done (self, stmt, what, error);
}

/* Inserts @items in order; an item whose code is in @keep_ids (code → id) keeps that id. */
static gboolean
insert_items (HdStore     *self,
              const char  *set_id,
              GPtrArray   *items,
              GHashTable  *keep_ids,
              const char  *now,
              const char  *what,
              GError     **error)
{
  static const char sql[] =
    "INSERT INTO standard_item (id, set_id, position, code, title_zh, title_en, guidance, kind,"
    " weight, photo_required, category, created, modified)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)";

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      HdStandardItem *item = g_ptr_array_index (items, i);
      const char *kept = keep_ids ? g_hash_table_lookup (keep_ids, hd_standard_item_get_code (item))
                                  : NULL;
      g_autofree char *fresh = kept ? NULL : hd_new_id ();
      g_autofree char *code = g_strstrip (g_strdup (hd_standard_item_get_code (item)));
      g_autofree char *title = g_strstrip (g_strdup (hd_standard_item_get_title (item)));
      sqlite3_stmt *stmt = hd_store_prepare (self, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kept ? kept : fresh, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, set_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, (int) i + 1);
      sqlite3_bind_text (stmt, 4, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, title, -1, SQLITE_TRANSIENT);
      hd_sql_bind_text (stmt, 6, hd_standard_item_get_title_en (item));
      hd_sql_bind_text (stmt, 7, hd_standard_item_get_guidance (item));
      sqlite3_bind_text (stmt, 8, hd_item_kind_to_string (hd_standard_item_get_kind (item)), -1,
                         SQLITE_STATIC);
      sqlite3_bind_double (stmt, 9, hd_standard_item_get_weight (item));
      sqlite3_bind_int (stmt, 10, hd_standard_item_get_photo_required (item) ? 1 : 0);
      hd_sql_bind_text (stmt, 11, hd_standard_item_get_category (item));
      sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
      if (!hd_store_step_done (self, stmt, what, error))
        return FALSE;
    }
  return TRUE;
}

static int
next_version (HdStore     *self,
              const char  *code,
              GError     **error)
{
  sqlite3_stmt *stmt = hd_store_prepare (self,
                                         "SELECT coalesce (max (version), 0) + 1 FROM standard_set"
                                         " WHERE code = ?1", error);
  int version = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    hd_sql_read_error (self, error);
  sqlite3_reset (stmt);
  return version;
}

/* Replaces the items of @current (a current user set) inside a transaction. When @meta is
 * given, its name, name-en and description replace the set's. Returns the id that holds the
 * items. */
static char *
replace_items_in_transaction (HdStore        *self,
                              HdStandardSet  *current,
                              HdStandardSet  *meta,
                              GPtrArray      *items,
                              const char     *now,
                              const char     *what,
                              gboolean       *new_version,
                              GError        **error)
{
  const char *set_id = hd_standard_set_get_id (current);
  HdStandardSet *names = meta ? meta : current;
  int in_use = hd_store_standard_set_in_use (self, set_id, error);
  sqlite3_stmt *stmt;

  if (in_use < 0)
    return NULL;
  *new_version = in_use > 0;

  if (in_use)
    {
      /* The inspections that used this version keep scoring against it: the new items go into a
       * new version and the old one points at it. */
      g_autofree char *fresh = hd_new_id ();
      g_autoptr(HdStandardSet) next = hd_standard_set_new ();
      int version = next_version (self, hd_standard_set_get_code (current), error);

      if (version < 0)
        return NULL;
      hd_standard_set_set_code (next, hd_standard_set_get_code (current));
      hd_standard_set_set_applies_to (next, hd_standard_set_get_applies_to (current));
      hd_standard_set_set_name (next, hd_standard_set_get_name (names));
      hd_standard_set_set_name_en (next, hd_standard_set_get_name_en (names));
      hd_standard_set_set_description (next, hd_standard_set_get_description (names));
      if (!insert_set_row (self, fresh, next, version, now, what, error) ||
          !insert_items (self, fresh, items, NULL, now, what, error))
        return NULL;
      stmt = hd_store_prepare (self,
                               "UPDATE standard_set SET superseded_by = ?2, modified = ?3"
                               " WHERE id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, set_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, fresh, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
      if (!hd_store_step_done (self, stmt, what, error))
        return NULL;
      return g_steal_pointer (&fresh);
    }
  else
    {
      /* Unused: change in place. Items whose code stays keep their id, so whatever refers to
       * them by id (photos attached to an item) stays attached. */
      g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      int rc;

      stmt = hd_store_prepare (self, "SELECT code, id FROM standard_item WHERE set_id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, set_id, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_insert (keep, g_strdup (hd_sql_text (stmt, 0)), g_strdup (hd_sql_text (stmt, 1)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          hd_store_set_error_from_db (self, error, what);
          return NULL;
        }
      /* No inspection uses the set, so nothing refers to its items yet (photos are attached
       * to an item within an inspection): deleting and inserting them is safe. */
      stmt = hd_store_prepare (self,
                               "DELETE FROM standard_item WHERE set_id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, set_id, -1, SQLITE_TRANSIENT);
      if (!hd_store_step_done (self, stmt, what, error) ||
          !insert_items (self, set_id, items, keep, now, what, error))
        return NULL;
      stmt = hd_store_prepare (self,
                               "UPDATE standard_set SET name_zh = ?2, name_en = ?3,"
                               " description = ?4, modified = ?5 WHERE id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, set_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, hd_standard_set_get_name (names), -1, SQLITE_TRANSIENT);
      hd_sql_bind_text (stmt, 3, hd_standard_set_get_name_en (names));
      hd_sql_bind_text (stmt, 4, hd_standard_set_get_description (names));
      sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
      if (!hd_store_step_done (self, stmt, what, error))
        return NULL;
      return g_strdup (set_id);
    }
}

/* A current user set, or an error saying why this one cannot be edited. */
static gboolean
check_editable (HdStandardSet  *set,
                const char     *what,
                GError        **error)
{
  if (hd_standard_set_get_builtin (set))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: “%s” is a built-in set and cannot be changed; import a copy under another code"),
                   what, hd_standard_set_get_name (set));
      return FALSE;
    }
  if (hd_standard_set_get_superseded_by (set) != NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: version %d of “%s” has been replaced by a newer version; change the newest one"),
                   what, hd_standard_set_get_version (set), hd_standard_set_get_name (set));
      return FALSE;
    }
  return TRUE;
}

/* Refreshes @set from the database after a successful write. */
static void
reload_into (HdStore       *self,
             HdStandardSet *set,
             const char    *id)
{
  g_autoptr(HdStandardSet) stored = hd_standards_read_set (self, id, NULL);

  if (stored != NULL)
    hd_standard_set_copy_from (set, stored);
}

static void
emit_sets (HdStore    *self,
           const char *a,
           const char *b)
{
  const char *ids[] = { a, b, NULL };

  hd_store_emit_changed (self, HD_CHANGE_STANDARDS, ids);
}

gboolean
hd_store_create_standard_set (HdStore        *self,
                              HdStandardSet  *set,
                              GPtrArray      *items,
                              GError        **error)
{
  g_autofree char *what = NULL;
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *id = hd_new_id ();
  g_autoptr(HdStandardSet) existing = NULL;
  g_autoptr(GError) lookup_error = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_STANDARD_SET (set), FALSE);

  what = g_strdup_printf (_("Could not create the standard set “%s”"),
                          hd_standard_set_get_name (set) ? hd_standard_set_get_name (set) : "");
  if (!validate_set (set, items, what, error))
    return FALSE;
  existing = hd_store_find_standard_set (self, hd_standard_set_get_code (set), &lookup_error);
  if (existing != NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_DUPLICATE,
                   _("%s: the code “%s” is already used by “%s”"),
                   what, hd_standard_set_get_code (set), hd_standard_set_get_name (existing));
      return FALSE;
    }
  if (!g_error_matches (lookup_error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&lookup_error));
      return FALSE;
    }

  if (!hd_store_begin (self, what, error))
    return FALSE;
  if (!insert_set_row (self, id, set, 1, now, what, error) ||
      !insert_items (self, id, items, NULL, now, what, error) ||
      !hd_store_commit (self, what, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }
  reload_into (self, set, id);
  emit_sets (self, id, NULL);
  return TRUE;
}

char *
hd_store_replace_standard_items (HdStore     *self,
                                 const char  *set_id,
                                 GPtrArray   *items,
                                 GError     **error)
{
  g_autoptr(HdStandardSet) current = NULL;
  g_autofree char *what = NULL;
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *holder = NULL;
  gboolean new_version = FALSE;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (set_id != NULL, NULL);
  g_return_val_if_fail (items != NULL, NULL);

  current = hd_standards_read_set (self, set_id, error);
  if (current == NULL)
    return NULL;
  what = g_strdup_printf (_("Could not change the standard set “%s”"), hd_standard_set_get_name (current));
  if (!check_editable (current, what, error) || !validate_set (current, items, what, error))
    return NULL;

  if (!hd_store_begin (self, what, error))
    return NULL;
  holder = replace_items_in_transaction (self, current, NULL, items, now, what, &new_version, error);
  if (holder == NULL || !hd_store_commit (self, what, error))
    {
      hd_store_rollback (self);
      return NULL;
    }
  emit_sets (self, set_id, new_version ? holder : NULL);
  return g_steal_pointer (&holder);
}

gboolean
hd_store_rename_standard_set (HdStore     *self,
                              const char  *set_id,
                              const char  *name,
                              const char  *name_en,
                              const char  *description,
                              GError     **error)
{
  static const char sql[] =
    "UPDATE standard_set SET name_zh = ?2, name_en = ?3, description = ?4, modified = ?5"
    " WHERE id = ?1";
  g_autoptr(HdStandardSet) current = NULL;
  g_autofree char *what = NULL;
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (set_id != NULL, FALSE);

  current = hd_standards_read_set (self, set_id, error);
  if (current == NULL)
    return FALSE;
  what = g_strdup_printf (_("Could not rename the standard set “%s”"), hd_standard_set_get_name (current));
  if (hd_standard_set_get_builtin (current))
    return check_editable (current, what, error);
  if (is_blank (name))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID, _("%s: the set has no name"), what);
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (name));
  if (!hd_store_begin (self, what, error))
    return FALSE;
  stmt = hd_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, set_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 3, name_en);
  hd_sql_bind_text (stmt, 4, description);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error) || !hd_store_commit (self, what, error))
    goto fail;
  emit_sets (self, set_id, NULL);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_delete_standard_set (HdStore     *self,
                              const char  *set_id,
                              GError     **error)
{
  g_autoptr(HdStandardSet) current = NULL;
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt;
  int in_use;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (set_id != NULL, FALSE);

  current = hd_standards_read_set (self, set_id, error);
  if (current == NULL)
    return FALSE;
  what = g_strdup_printf (_("Could not delete the standard set “%s”"), hd_standard_set_get_name (current));
  /* Only the newest version goes: deleting one in the middle would leave two current versions. */
  if (!check_editable (current, what, error))
    return FALSE;
  in_use = hd_store_standard_set_in_use (self, set_id, error);
  if (in_use < 0)
    return FALSE;
  if (in_use)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE,
                   _("%s: inspections use it"), what);
      return FALSE;
    }
  if (!hd_store_begin (self, what, error))
    return FALSE;
  stmt = hd_store_prepare (self, "DELETE FROM standard_set WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, set_id, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error) || !hd_store_commit (self, what, error))
    goto fail;
  emit_sets (self, set_id, NULL);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

char *
hd_standards_import_in_transaction (HdStore        *self,
                                    HdStandardSet  *set,
                                    GPtrArray      *items,
                                    const char     *what,
                                    gboolean       *new_version,
                                    GError        **error)
{
  g_autoptr(HdStandardSet) current = NULL;
  g_autoptr(GError) lookup_error = NULL;
  g_autofree char *now = hd_timestamp_now ();
  gboolean made_version = FALSE;
  char *holder;

  if (!validate_set (set, items, what, error))
    return NULL;
  current = hd_store_find_standard_set (self, hd_standard_set_get_code (set), &lookup_error);
  if (current == NULL)
    {
      g_autofree char *id = hd_new_id ();

      if (!g_error_matches (lookup_error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&lookup_error));
          return NULL;
        }
      if (!insert_set_row (self, id, set, 1, now, what, error) ||
          !insert_items (self, id, items, NULL, now, what, error))
        return NULL;
      if (new_version != NULL)
        *new_version = FALSE;
      return g_steal_pointer (&id);
    }
  if (!check_editable (current, what, error))
    return NULL;
  if (hd_standard_set_get_applies_to (current) != hd_standard_set_get_applies_to (set))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: the set “%s” with this code applies to %s, not to %s"),
                   what, hd_standard_set_get_name (current),
                   hd_subject_kind_label (hd_standard_set_get_applies_to (current)),
                   hd_subject_kind_label (hd_standard_set_get_applies_to (set)));
      return NULL;
    }
  holder = replace_items_in_transaction (self, current, set, items, now, what, &made_version, error);
  if (new_version != NULL)
    *new_version = made_version;
  return holder;
}

char *
hd_store_import_standard_set (HdStore        *self,
                              HdStandardSet  *set,
                              GPtrArray      *items,
                              GError        **error)
{
  g_autofree char *what = NULL;
  g_autofree char *holder = NULL;
  g_autoptr(HdStandardSet) previous = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (HD_IS_STANDARD_SET (set), NULL);

  what = g_strdup_printf (_("Could not import the standard set “%s”"),
                          hd_standard_set_get_name (set) ? hd_standard_set_get_name (set) : "");
  if (hd_standard_set_get_code (set) != NULL)
    previous = hd_store_find_standard_set (self, hd_standard_set_get_code (set), NULL);
  if (!hd_store_begin (self, what, error))
    return NULL;
  holder = hd_standards_import_in_transaction (self, set, items, what, NULL, error);
  if (holder == NULL || !hd_store_commit (self, what, error))
    {
      hd_store_rollback (self);
      return NULL;
    }
  reload_into (self, set, holder);
  emit_sets (self, holder,
             previous != NULL && g_strcmp0 (hd_standard_set_get_id (previous), holder) != 0
               ? hd_standard_set_get_id (previous) : NULL);
  return g_steal_pointer (&holder);
}

/* ------------------------------------------------------------------------------------------ */
/* JSON                                                                                       */

/* Skips a UTF-8 byte order mark: Windows editors write one. */
static void
skip_bom (const char **data,
          gsize       *length)
{
  if (*length >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
    {
      *data += 3;
      *length -= 3;
    }
}

/* The line (from 1) of the first byte that is not valid UTF-8, or 0 when all of it is. */
static guint
first_invalid_utf8_line (const char *data,
                         gsize       length)
{
  const char *end = NULL;
  guint line = 1;

  if (g_utf8_validate_len (data, length, &end))
    return 0;
  for (const char *p = data; p < end; p++)
    line += *p == '\n';
  return line;
}

/* json-glib 1.6 recurses once per nesting level while building its tree, so deep input must be
 * refused before it sees it. This counts brackets outside strings. It must see strings where
 * json-glib does: json-glib also takes comments and single-quoted strings, in which a '"' would
 * mislead the count, so those (not JSON anyway) are refused outright. */
static gboolean
check_json_depth (const char  *data,
                  gsize        length,
                  const char  *source,
                  GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0, line = 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\' && i + 1 < length)
            {
              /* The escaped byte cannot end the string; a line break there is an error the
               * parser reports, but the count of lines must stay right. */
              if (data[i + 1] == '\n')
                line++;
              i++;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > HD_STANDARD_MAX_DEPTH)
            {
              g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_TOO_DEEP,
                           _("%s: line %u: nesting deeper than %d levels"),
                           source, line, HD_STANDARD_MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        case '\'':
        case '/':
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                       _("%s: line %u: unexpected character “%c” (comments and single quotes are not JSON)"),
                       source, line, c);
          return FALSE;
        default:
          break;
        }
    }
  return TRUE;
}

static gboolean
json_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
json_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* A member that is absent or null counts as not given. */
static JsonNode *
json_member (JsonObject *object,
             const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/* An optional string member: TRUE with *out set (or NULL when absent); FALSE when present but
 * not a string. */
static gboolean
json_optional_string (JsonObject  *object,
                      const char  *key,
                      const char **out)
{
  JsonNode *node = json_member (object, key);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!json_is_string (node))
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
parse_json_item (JsonNode        *node,
                 guint            index,
                 const char      *source,
                 HdStandardItem **out,
                 GError         **error)
{
  g_autoptr(HdStandardItem) item = hd_standard_item_new ();
  JsonObject *object;
  JsonNode *member;
  const char *code = NULL, *title = NULL, *title_en, *guidance, *category, *kind_text;
  HdItemKind kind = HD_ITEM_KIND_REQUIREMENT;
  g_autofree char *label = NULL;

#define ITEM_ERROR(...)                                                                   \
  G_STMT_START {                                                                          \
    g_autofree char *reason_ = g_strdup_printf (__VA_ARGS__);                            \
    if (label != NULL)                                                                    \
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,              \
                   _("%s: item %u (%s): %s"), source, index, label, reason_);            \
    else                                                                                  \
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,              \
                   _("%s: item %u: %s"), source, index, reason_);                        \
    return FALSE;                                                                         \
  } G_STMT_END

  if (!JSON_NODE_HOLDS_OBJECT (node))
    ITEM_ERROR (_("an item must be a JSON object"));
  object = json_node_get_object (node);
  member = json_member (object, "code");
  if (member != NULL && json_is_string (member))
    code = json_node_get_string (member);
  else if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
           json_node_get_value_type (member) == G_TYPE_INT64)
    /* A hand-written list numbers its clauses: "code": 12 means "12". */
    label = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (member));
  if (code != NULL)
    label = g_strdup (code);
  if (label == NULL || code_problem (label) != NULL)
    ITEM_ERROR ("%s", label == NULL ? _("“code” is missing or not a string") : code_problem (label));

  if (!json_optional_string (object, "title", &title) || is_blank (title))
    ITEM_ERROR (_("“title” is missing or not a string"));
  if (!json_optional_string (object, "title_en", &title_en))
    ITEM_ERROR (_("“%s” must be a string"), "title_en");
  if (!json_optional_string (object, "guidance", &guidance))
    ITEM_ERROR (_("“%s” must be a string"), "guidance");
  if (!json_optional_string (object, "category", &category))
    ITEM_ERROR (_("“%s” must be a string"), "category");
  if (!json_optional_string (object, "kind", &kind_text))
    ITEM_ERROR (_("“%s” must be a string"), "kind");
  if (kind_text != NULL && !hd_item_kind_from_string (kind_text, &kind))
    ITEM_ERROR (_("unknown kind “%s” (the kinds are requirement and red_line)"), kind_text);

  member = json_member (object, "weight");
  if (member != NULL)
    {
      double weight;

      if (!json_is_number (member))
        ITEM_ERROR (_("“weight” must be a number"));
      weight = json_node_get_double (member);
      if (!isfinite (weight) || weight < 0.0 || weight > 1e6)
        ITEM_ERROR (_("the weight must be a number from 0 to 1000000"));
      hd_standard_item_set_weight (item, weight);
    }
  member = json_member (object, "photo_required");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        ITEM_ERROR (_("“photo_required” must be true or false"));
      hd_standard_item_set_photo_required (item, json_node_get_boolean (member));
    }
#undef ITEM_ERROR

  {
    g_autofree char *trimmed_title = g_strstrip (g_strdup (title));

    hd_standard_item_set_code (item, label);
    hd_standard_item_set_title (item, trimmed_title);
  }
  hd_standard_item_set_title_en (item, title_en);
  hd_standard_item_set_guidance (item, guidance);
  hd_standard_item_set_category (item, category);
  hd_standard_item_set_kind (item, kind);
  *out = g_steal_pointer (&item);
  return TRUE;
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: REASON"; people want "FILE: line L: REASON". */
void
hd_standards_set_syntax_error (GError     **error,
                               const char  *source,
                               const char  *json_message)
{
  const char *p = json_message;
  guint64 line = 0;

  if (g_str_has_prefix (p, "<data>:"))
    {
      char *end = NULL;

      line = g_ascii_strtoull (p + strlen ("<data>:"), &end, 10);
      p = end;
      if (*p == ':')
        {
          g_ascii_strtoull (p + 1, &end, 10);
          p = end;
        }
      if (*p == ':')
        p++;
      while (*p == ' ')
        p++;
      if (g_str_has_prefix (p, "Parse error: "))
        p += strlen ("Parse error: ");
    }
  if (line > 0)
    g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                 _("%s: line %u: %s"), source, (guint) line, p);
  else
    g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                 _("%s: not JSON: %s"), source, p);
  /* The parser may quote the text it stopped at, line breaks included: keep one line. */
  if (error != NULL && *error != NULL)
    g_strdelimit ((*error)->message, "\r\n", ' ');
}

gboolean
hd_standards_check_json (const char  **data,
                         gsize        *length,
                         const char   *source,
                         GError      **error)
{
  guint line;

  skip_bom (data, length);
  if ((line = first_invalid_utf8_line (*data, *length)) > 0)
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                   _("%s: line %u: the text is not valid UTF-8"), source, line);
      return FALSE;
    }
  return check_json_depth (*data, *length, source, error);
}

gboolean
hd_standards_parse_json_node (JsonNode        *node,
                              const char      *source,
                              HdStandardSet  **set_out,
                              GPtrArray      **items_out,
                              GError         **error)
{
  g_autoptr(HdStandardSet) set = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) codes = NULL;
  JsonObject *root;
  JsonArray *array;
  const char *code, *name, *name_en, *description, *applies_to_text;
  HdSubjectKind applies_to;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                   _("%s: not a standard set: it must be one JSON object"), source);
      return FALSE;
    }
  root = json_node_get_object (node);

#define SET_ERROR(...)                                                                    \
  G_STMT_START {                                                                          \
    g_autofree char *reason_ = g_strdup_printf (__VA_ARGS__);                            \
    g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,                \
                 _("%s: not a standard set: %s"), source, reason_);                      \
    return FALSE;                                                                         \
  } G_STMT_END

  if (!json_optional_string (root, "code", &code) || code == NULL)
    SET_ERROR (_("“code” is missing or not a string"));
  if (code_problem (code) != NULL)
    SET_ERROR ("%s", code_problem (code));
  if (!json_optional_string (root, "name", &name) || is_blank (name))
    SET_ERROR (_("“name” is missing or not a string"));
  if (!json_optional_string (root, "name_en", &name_en))
    SET_ERROR (_("“%s” must be a string"), "name_en");
  if (!json_optional_string (root, "description", &description))
    SET_ERROR (_("“%s” must be a string"), "description");
  if (!json_optional_string (root, "applies_to", &applies_to_text) ||
      !hd_subject_kind_from_string (applies_to_text, &applies_to))
    SET_ERROR (_("“applies_to” must be “site” or “belt”"));
  node = json_member (root, "items");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    SET_ERROR (_("“items” is missing or not an array"));
  array = json_node_get_array (node);
  if (json_array_get_length (array) > HD_STANDARD_MAX_ITEMS)
    SET_ERROR (_("%u items; a set has at most %d"), json_array_get_length (array),
               HD_STANDARD_MAX_ITEMS);
#undef SET_ERROR

  set = hd_standard_set_new ();
  {
    g_autofree char *trimmed_name = g_strstrip (g_strdup (name));

    hd_standard_set_set_code (set, code);
    hd_standard_set_set_name (set, trimmed_name);
  }
  hd_standard_set_set_name_en (set, name_en);
  hd_standard_set_set_description (set, description);
  hd_standard_set_set_applies_to (set, applies_to);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  codes = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      HdStandardItem *item = NULL;
      gpointer twin;

      if (!parse_json_item (json_array_get_element (array, i), i + 1, source, &item, error))
        return FALSE;
      g_ptr_array_add (items, item);
      if (g_hash_table_lookup_extended (codes, hd_standard_item_get_code (item), NULL, &twin))
        {
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("%s: item %u (%s): item %u has the same code"),
                       source, i + 1, hd_standard_item_get_code (item), GPOINTER_TO_UINT (twin));
          return FALSE;
        }
      g_hash_table_insert (codes, (gpointer) hd_standard_item_get_code (item), GUINT_TO_POINTER (i + 1));
    }

  *set_out = g_steal_pointer (&set);
  *items_out = g_steal_pointer (&items);
  return TRUE;
}

gboolean
hd_standard_set_parse_json (const char      *data,
                            gsize            length,
                            const char      *source,
                            HdStandardSet  **set_out,
                            GPtrArray      **items_out,
                            GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (set_out != NULL && items_out != NULL, FALSE);

  if (!hd_standards_check_json (&data, &length, source, error))
    return FALSE;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      hd_standards_set_syntax_error (error, source, parse_error->message);
      return FALSE;
    }
  return hd_standards_parse_json_node (json_parser_get_root (parser), source, set_out, items_out,
                                       error);
}

static void
add_member_string (JsonBuilder *builder,
                   const char  *key,
                   const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

char *
hd_store_export_standard_set_json (HdStore     *self,
                                   const char  *set_id,
                                   GError     **error)
{
  g_autoptr(HdStandardSet) set = NULL;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (set_id != NULL, NULL);

  set = hd_standards_read_set (self, set_id, error);
  if (set == NULL)
    return NULL;
  items = hd_store_list_standard_items (self, set_id, error);
  if (items == NULL)
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_member_string (builder, "format", "hongdai-standard-set");
  add_member_string (builder, "code", hd_standard_set_get_code (set));
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, hd_standard_set_get_version (set));
  add_member_string (builder, "applies_to", hd_subject_kind_to_string (hd_standard_set_get_applies_to (set)));
  add_member_string (builder, "name", hd_standard_set_get_name (set));
  add_member_string (builder, "name_en", hd_standard_set_get_name_en (set));
  add_member_string (builder, "description", hd_standard_set_get_description (set));
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (items)); i < n; i++)
    {
      g_autoptr(HdStandardItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);
      double weight = hd_standard_item_get_weight (item);

      json_builder_begin_object (builder);
      add_member_string (builder, "code", hd_standard_item_get_code (item));
      add_member_string (builder, "title", hd_standard_item_get_title (item));
      add_member_string (builder, "title_en", hd_standard_item_get_title_en (item));
      add_member_string (builder, "guidance", hd_standard_item_get_guidance (item));
      add_member_string (builder, "kind", hd_item_kind_to_string (hd_standard_item_get_kind (item)));
      json_builder_set_member_name (builder, "weight");
      /* Whole weights as integers, so a file reads "weight": 2 rather than 2.0. */
      if (weight == floor (weight) && weight <= 1e6)
        json_builder_add_int_value (builder, (gint64) weight);
      else
        json_builder_add_double_value (builder, weight);
      json_builder_set_member_name (builder, "photo_required");
      json_builder_add_boolean_value (builder, hd_standard_item_get_photo_required (item));
      add_member_string (builder, "category", hd_standard_item_get_category (item));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* CSV                                                                                        */

/* GLib has no CSV parser (GKeyFile and GScanner do not fit: quoted fields may hold commas, "" and
 * line breaks), so this is a small RFC 4180 reader: fields separated by ',', records by LF or
 * CRLF, a field that starts with '"' runs to the matching '"' with "" standing for one quote. */
typedef struct {
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;       /* the line the reader is on */
} CsvReader;

/* Reads one record into @fields (cleared first). Returns FALSE at the end of the data (then
 * @fields is empty) or on a syntax error (then @error is set). @record_line gets the line the
 * record starts on. */
static gboolean
csv_read_record (CsvReader   *reader,
                 const char  *source,
                 GPtrArray   *fields,
                 guint       *record_line,
                 GError     **error)
{
  GString *field = g_string_new (NULL);

  g_ptr_array_set_size (fields, 0);
  *record_line = reader->line;
  if (reader->pos >= reader->length)
    {
      g_string_free (field, TRUE);
      return FALSE;
    }

  for (;;)
    {
      gboolean at_end;

      if (reader->pos < reader->length && reader->data[reader->pos] == '"')
        {
          guint quote_line = reader->line;

          reader->pos++;
          for (;;)
            {
              char c;

              if (reader->pos >= reader->length)
                {
                  g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                               _("%s: line %u: a quoted field is never closed"),
                               source, quote_line);
                  g_string_free (field, TRUE);
                  return FALSE;
                }
              c = reader->data[reader->pos++];
              if (c == '"')
                {
                  if (reader->pos < reader->length && reader->data[reader->pos] == '"')
                    {
                      g_string_append_c (field, '"');
                      reader->pos++;
                      continue;
                    }
                  break;
                }
              if (c == '\n')
                reader->line++;
              g_string_append_c (field, c);
            }
          /* After the closing quote: a separator or the end of the record. */
          if (reader->pos < reader->length && reader->data[reader->pos] != ',' &&
              reader->data[reader->pos] != '\n' && reader->data[reader->pos] != '\r')
            {
              g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                           _("%s: line %u: text after the closing quote of a field (write a quote inside a field as \"\")"),
                           source, reader->line);
              g_string_free (field, TRUE);
              return FALSE;
            }
        }
      else
        {
          while (reader->pos < reader->length)
            {
              char c = reader->data[reader->pos];

              if (c == ',' || c == '\n' || c == '\r')
                break;
              if (c == '"')
                {
                  g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                               _("%s: line %u: a quote inside an unquoted field (quote the whole field and write the quote as \"\")"),
                               source, reader->line);
                  g_string_free (field, TRUE);
                  return FALSE;
                }
              g_string_append_c (field, c);
              reader->pos++;
            }
        }

      g_ptr_array_add (fields, g_string_free (field, FALSE));
      field = g_string_new (NULL);
      at_end = reader->pos >= reader->length;
      if (!at_end && reader->data[reader->pos] == ',')
        {
          reader->pos++;
          continue;
        }
      /* End of the record: CRLF, LF, a lone CR (old Mac files) or the end of the data. */
      if (!at_end && reader->data[reader->pos] == '\r')
        reader->pos++;
      if (reader->pos < reader->length && reader->data[reader->pos] == '\n')
        reader->pos++;
      if (!at_end)
        reader->line++;
      break;
    }
  g_string_free (field, TRUE);
  return TRUE;
}

typedef enum {
  COL_CODE,
  COL_TITLE,
  COL_KIND,
  COL_WEIGHT,
  COL_CATEGORY,
  COL_GUIDANCE,
  COL_TITLE_EN,
  COL_PHOTO,
  N_COLS
} CsvColumn;

/* Header names, English first; the Chinese ones are what a district office's spreadsheet says. */
static const struct {
  CsvColumn   column;
  const char *name;
} csv_names[] = {
  { COL_CODE, "code" }, { COL_CODE, "编号" }, { COL_CODE, "代码" }, { COL_CODE, "序号" },
  { COL_TITLE, "title" }, { COL_TITLE, "标题" }, { COL_TITLE, "内容" }, { COL_TITLE, "条款" },
  { COL_KIND, "kind" }, { COL_KIND, "类型" },
  { COL_WEIGHT, "weight" }, { COL_WEIGHT, "权重" }, { COL_WEIGHT, "分值" },
  { COL_CATEGORY, "category" }, { COL_CATEGORY, "类别" }, { COL_CATEGORY, "分类" },
  { COL_GUIDANCE, "guidance" }, { COL_GUIDANCE, "说明" }, { COL_GUIDANCE, "检查方法" },
  { COL_TITLE_EN, "title_en" },
  { COL_PHOTO, "photo_required" }, { COL_PHOTO, "需要照片" },
};

static gboolean
csv_kind (const char *text,
          HdItemKind *out)
{
  if (*text == '\0' || g_ascii_strcasecmp (text, "requirement") == 0 || g_str_equal (text, "要求"))
    *out = HD_ITEM_KIND_REQUIREMENT;
  else if (g_ascii_strcasecmp (text, "red_line") == 0 || g_str_equal (text, "红线") ||
           g_str_equal (text, "底线"))
    *out = HD_ITEM_KIND_RED_LINE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
csv_boolean (const char *text,
             gboolean   *out)
{
  static const char *yes[] = { "1", "true", "yes", "y", "是" };
  static const char *no[] = { "", "0", "false", "no", "n", "否" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return (*out = TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      {
        *out = FALSE;
        return TRUE;
      }
  return FALSE;
}

static gboolean
record_is_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (!is_blank (g_ptr_array_index (fields, i)))
      return FALSE;
  return TRUE;
}

gboolean
hd_standard_set_parse_csv (const char  *data,
                           gsize        length,
                           const char  *source,
                           GPtrArray  **items_out,
                           GError     **error)
{
  CsvReader reader = { 0 };
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int column_of[N_COLS];
  guint n_columns = 0, line = 0, bad_line;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (items_out != NULL, FALSE);

  skip_bom (&data, &length);
  if ((bad_line = first_invalid_utf8_line (data, length)) > 0)
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_NOT_JSON,
                   _("%s: line %u: the text is not valid UTF-8 (save the file as “CSV UTF-8”)"),
                   source, bad_line);
      return FALSE;
    }
  reader.data = data;
  reader.length = length;
  reader.line = 1;

  /* The header: the first record that is not blank. */
  for (;;)
    {
      if (!csv_read_record (&reader, source, fields, &line, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("%s: the file is empty; it needs a header row (code,title,kind,weight)"),
                       source);
          return FALSE;
        }
      if (!record_is_blank (fields))
        break;
    }
  for (guint c = 0; c < N_COLS; c++)
    column_of[c] = -1;
  n_columns = fields->len;
  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *name = g_strstrip (g_utf8_strdown (g_ptr_array_index (fields, i), -1));
      gboolean known = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (csv_names); k++)
        if (g_str_equal (name, csv_names[k].name))
          {
            if (column_of[csv_names[k].column] >= 0)
              {
                g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                             _("%s: line %u: the column “%s” appears twice"), source, line, name);
                return FALSE;
              }
            column_of[csv_names[k].column] = (int) i;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("%s: line %u: unknown column “%s” (the columns are code, title, kind, weight, category, guidance, title_en, photo_required)"),
                       source, line, name);
          return FALSE;
        }
    }
  if (column_of[COL_CODE] < 0 || column_of[COL_TITLE] < 0 || column_of[COL_KIND] < 0 ||
      column_of[COL_WEIGHT] < 0)
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                   _("%s: line %u: the header must name the columns code, title, kind and weight"),
                   source, line);
      return FALSE;
    }

  for (;;)
    {
      g_autoptr(HdStandardItem) item = NULL;
      const char *cell[N_COLS] = { NULL };
      g_autofree char *code = NULL;
      g_autofree char *title = NULL;
      HdItemKind kind;
      gpointer twin;

      if (!csv_read_record (&reader, source, fields, &line, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }
      if (record_is_blank (fields))
        continue;
      if (fields->len != n_columns)
        {
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("%s: line %u: %u fields, but the header has %u (quote a field that contains a comma)"),
                       source, line, fields->len, n_columns);
          return FALSE;
        }
      if (items->len >= HD_STANDARD_MAX_ITEMS)
        {
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("%s: line %u: more than %d items; a set has at most %d"),
                       source, line, HD_STANDARD_MAX_ITEMS, HD_STANDARD_MAX_ITEMS);
          return FALSE;
        }
      for (guint c = 0; c < N_COLS; c++)
        cell[c] = column_of[c] >= 0 ? g_ptr_array_index (fields, column_of[c]) : "";

      code = g_strstrip (g_strdup (cell[COL_CODE]));
      title = g_strstrip (g_strdup (cell[COL_TITLE]));
      if (code_problem (code) != NULL)
        {
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                       "%s: line %u: %s", source, line, code_problem (code));
          return FALSE;
        }
      if (g_hash_table_lookup_extended (codes, code, NULL, &twin))
        {
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("%s: line %u: the code “%s” is also on line %u"),
                       source, line, code, GPOINTER_TO_UINT (twin));
          return FALSE;
        }
      g_hash_table_insert (codes, g_strdup (code), GUINT_TO_POINTER (line));
      if (*title == '\0')
        {
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("%s: line %u: the title of “%s” is empty"), source, line, code);
          return FALSE;
        }

      item = hd_standard_item_new ();
      hd_standard_item_set_code (item, code);
      hd_standard_item_set_title (item, title);
      {
        g_autofree char *kind_text = g_strstrip (g_strdup (cell[COL_KIND]));

        if (!csv_kind (kind_text, &kind))
          {
            g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("%s: line %u: unknown kind “%s” (the kinds are requirement and red_line)"),
                         source, line, kind_text);
            return FALSE;
          }
        hd_standard_item_set_kind (item, kind);
      }
      {
        g_autofree char *weight_text = g_strstrip (g_strdup (cell[COL_WEIGHT]));

        if (*weight_text != '\0')
          {
            char *end = NULL;
            double weight = g_ascii_strtod (weight_text, &end);

            if (end == weight_text || *end != '\0' || !isfinite (weight) || weight < 0.0 ||
                weight > 1e6)
              {
                g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                             _("%s: line %u: the weight “%s” is not a number from 0 to 1000000"),
                             source, line, weight_text);
                return FALSE;
              }
            hd_standard_item_set_weight (item, weight);
          }
      }
      {
        g_autofree char *photo_text = g_strstrip (g_strdup (cell[COL_PHOTO]));
        gboolean photo = FALSE;

        if (!csv_boolean (photo_text, &photo))
          {
            g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                         _("%s: line %u: photo_required “%s” is neither yes nor no"),
                         source, line, photo_text);
            return FALSE;
          }
        hd_standard_item_set_photo_required (item, photo);
      }
      {
        g_autofree char *category = g_strstrip (g_strdup (cell[COL_CATEGORY]));
        g_autofree char *guidance = g_strstrip (g_strdup (cell[COL_GUIDANCE]));
        g_autofree char *title_en = g_strstrip (g_strdup (cell[COL_TITLE_EN]));

        hd_standard_item_set_category (item, *category ? category : NULL);
        hd_standard_item_set_guidance (item, *guidance ? guidance : NULL);
        hd_standard_item_set_title_en (item, *title_en ? title_en : NULL);
      }
      g_ptr_array_add (items, g_steal_pointer (&item));
    }

  if (items->len == 0)
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                   _("%s: no items below the header row"), source);
      return FALSE;
    }
  *items_out = g_steal_pointer (&items);
  return TRUE;
}

gboolean
hd_standard_set_parse_file (GFile           *file,
                            HdStandardSet  **set_out,
                            GPtrArray      **items_out,
                            GError         **error)
{
  g_autofree char *basename = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) io_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (set_out != NULL && items_out != NULL, FALSE);

  basename = g_file_get_basename (file);
  display = g_file_get_parse_name (file);
  lower = g_ascii_strdown (basename ? basename : "", -1);
  if (!g_str_has_suffix (lower, ".json") && !g_str_has_suffix (lower, ".csv"))
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_IO,
                   _("%s: a standard set is read from a .json or .csv file"), display);
      return FALSE;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &io_error))
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_IO,
                   _("%s: cannot be read: %s"), display, io_error->message);
      return FALSE;
    }
  if (g_str_has_suffix (lower, ".json"))
    return hd_standard_set_parse_json (contents, length, basename, set_out, items_out, error);

  {
    g_autoptr(HdStandardSet) set = hd_standard_set_new ();
    g_autofree char *stem = g_strndup (basename, strlen (basename) - strlen (".csv"));
    g_autoptr(GString) code = g_string_new (NULL);
    glong n_chars = 0;

    if (!hd_standard_set_parse_csv (contents, length, basename, items_out, error))
      return FALSE;
    /* A file name may hold spaces and anything else a code may not. */
    for (const char *p = stem; *p && n_chars < HD_STANDARD_CODE_MAX_CHARS; p = g_utf8_next_char (p), n_chars++)
      {
        gunichar c = g_utf8_get_char_validated (p, -1);

        if (c == (gunichar) -1 || c == (gunichar) -2)
          break;
        if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
          g_string_append_c (code, '_');
        else
          g_string_append_unichar (code, c);
      }
    if (code->len == 0)
      g_string_assign (code, "imported");
    hd_standard_set_set_code (set, code->str);
    hd_standard_set_set_name (set, g_utf8_validate (stem, -1, NULL) && *stem ? stem : code->str);
    hd_standard_set_set_applies_to (set, HD_SUBJECT_SITE);
    *set_out = g_steal_pointer (&set);
  }
  return TRUE;
}
