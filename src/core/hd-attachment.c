/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-attachment"

#include <glib/gi18n-lib.h>

#include "hd-attachment.h"
#include "hd-standards-private.h"
#include "hd-types.h"

struct _HdAttachment
{
  GObject   parent_instance;

  char     *id;
  char     *owner_id;
  char     *path;
  char     *sha256;
  char     *mime_type;
  char     *created;
  goffset   size;
  gboolean  missing;
  gboolean  changed;
};

G_DEFINE_FINAL_TYPE (HdAttachment, hd_attachment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_OWNER_ID,
  PROP_PATH,
  PROP_SHA256,
  PROP_MIME_TYPE,
  PROP_CREATED,
  PROP_SIZE,
  PROP_MISSING,
  PROP_CHANGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_attachment_finalize (GObject *object)
{
  HdAttachment *self = HD_ATTACHMENT (object);

  g_free (self->id);
  g_free (self->owner_id);
  g_free (self->path);
  g_free (self->sha256);
  g_free (self->mime_type);
  g_free (self->created);

  G_OBJECT_CLASS (hd_attachment_parent_class)->finalize (object);
}

static void
hd_attachment_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdAttachment *self = HD_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_OWNER_ID: g_value_set_string (value, self->owner_id); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_SHA256: g_value_set_string (value, self->sha256); break;
    case PROP_MIME_TYPE: g_value_set_string (value, self->mime_type); break;
    case PROP_CREATED: g_value_set_string (value, self->created); break;
    case PROP_SIZE: g_value_set_int64 (value, self->size); break;
    case PROP_MISSING: g_value_set_boolean (value, self->missing); break;
    case PROP_CHANGED: g_value_set_boolean (value, self->changed); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_attachment_class_init (HdAttachmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hd_attachment_finalize;
  object_class->get_property = hd_attachment_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_OWNER_ID] = g_param_spec_string ("owner-id", NULL, NULL, NULL, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, flags);
  properties[PROP_MIME_TYPE] = g_param_spec_string ("mime-type", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, flags);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_MISSING] = g_param_spec_boolean ("missing", NULL, NULL, FALSE, flags);
  properties[PROP_CHANGED] = g_param_spec_boolean ("changed", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_attachment_init (HdAttachment *self)
{
  self->size = -1;
}

static HdAttachment *
attachment_new (const char *id,
                const char *owner_id,
                const char *path,
                const char *sha256,
                const char *mime_type,
                const char *created)
{
  HdAttachment *self = g_object_new (HD_TYPE_ATTACHMENT, NULL);

  self->id = g_strdup (id);
  self->owner_id = g_strdup (owner_id);
  self->path = g_strdup (path);
  self->sha256 = g_strdup (sha256);
  self->mime_type = g_strdup (mime_type);
  self->created = g_strdup (created);
  return self;
}

#define GETTER(type, name, fallback)                           \
  type                                                         \
  hd_attachment_get_##name (HdAttachment *self)                \
  {                                                            \
    g_return_val_if_fail (HD_IS_ATTACHMENT (self), fallback);  \
    return self->name;                                         \
  }

GETTER (const char *, id, NULL)
GETTER (const char *, owner_id, NULL)
GETTER (const char *, path, NULL)
GETTER (const char *, sha256, NULL)
GETTER (const char *, mime_type, NULL)
GETTER (const char *, created, NULL)
GETTER (goffset, size, -1)
GETTER (gboolean, missing, FALSE)
GETTER (gboolean, changed, FALSE)

#undef GETTER

gboolean
hd_attachment_is_image (HdAttachment *self)
{
  g_return_val_if_fail (HD_IS_ATTACHMENT (self), FALSE);

  return self->mime_type != NULL && g_str_has_prefix (self->mime_type, "image/");
}

char *
hd_file_compute_sha256 (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree guchar *buffer = NULL;
  gssize n;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  /* Photos and scanned documents run to tens of megabytes: hash them a block at a time. */
  buffer = g_malloc (64 * 1024);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 64 * 1024,
                                   cancellable, error)) > 0)
    g_checksum_update (checksum, buffer, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
hd_file_check_hash (const char   *path,
                    const char   *sha256,
                    gboolean     *missing,
                    gboolean     *changed,
                    goffset      *size,
                    GCancellable *cancellable)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (missing != NULL && changed != NULL, FALSE);

  file = g_file_new_for_path (path);
  now = hd_file_compute_sha256 (file, cancellable, &error);
  /* A file that cannot be read (gone, or no longer readable) is as good as missing. */
  *missing = now == NULL;
  *changed = now != NULL && g_strcmp0 (now, sha256) != 0;
  if (error != NULL)
    g_debug ("%s: %s", path, error->message);
  if (size != NULL)
    {
      *size = -1;
      if (now != NULL)
        info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                  cancellable, NULL);
      if (info != NULL)
        *size = g_file_info_get_size (info);
    }
  return !*missing && !*changed;
}

gboolean
hd_attachment_check (HdAttachment *self,
                     GCancellable *cancellable)
{
  gboolean missing, changed;
  goffset size;

  g_return_val_if_fail (HD_IS_ATTACHMENT (self), FALSE);

  hd_file_check_hash (self->path, self->sha256, &missing, &changed, &size, cancellable);
  if (size != self->size)
    {
      self->size = size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
    }
  if (missing != self->missing)
    {
      self->missing = missing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MISSING]);
    }
  if (changed != self->changed)
    {
      self->changed = changed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED]);
    }
  return !missing && !changed;
}

gboolean
hd_file_describe (GFile       *file,
                  const char  *what,
                  char       **mime_type,
                  char       **sha256,
                  GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_file_get_parse_name (file);
  g_autofree char *hash = NULL;
  const char *content_type;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, HD_STORE_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                     ? HD_STORE_ERROR_NOT_FOUND : HD_STORE_ERROR_FAILED,
                   "%s: %s", what, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: “%s” is not a file"), what, display);
      return FALSE;
    }
  hash = hd_file_compute_sha256 (file, NULL, &local_error);
  if (hash == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED, "%s: %s", what, local_error->message);
      return FALSE;
    }
  content_type = g_file_info_get_content_type (info);
  *mime_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  if (*mime_type == NULL)
    *mime_type = g_strdup ("application/octet-stream");
  *sha256 = g_steal_pointer (&hash);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Store commands                                                                             */

/* The owner's name for undo labels, or NULL with @error when there is no such record. */
static char *
owner_name (HdStore            *self,
            HdAttachmentOwner   owner,
            const char         *owner_id,
            const char         *what,
            GError            **error)
{
  if (owner == HD_ATTACHMENT_OWNER_BELT)
    {
      HdBelt *belt = hd_store_lookup_belt (self, owner_id);

      if (belt != NULL)
        return g_strdup (hd_belt_get_name (belt));
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no belt %s"), what, owner_id);
    }
  else
    {
      HdSite *site = hd_store_lookup_site (self, owner_id);

      if (site != NULL)
        return g_strdup (hd_site_get_name (site));
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no site %s"), what, owner_id);
    }
  return NULL;
}

static HdChangeKind
owner_kind (HdAttachmentOwner owner)
{
  return owner == HD_ATTACHMENT_OWNER_BELT ? HD_CHANGE_BELTS : HD_CHANGE_SITES;
}

static void
emit_owner (HdStore           *self,
            HdAttachmentOwner  owner,
            const char        *owner_id)
{
  const char *ids[] = { owner_id, NULL };

  hd_store_emit_changed (self, owner_kind (owner), ids);
}

static gboolean
insert_row (HdStore            *self,
            HdAttachmentOwner   owner,
            HdAttachment       *attachment,
            const char         *what,
            GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = hd_store_prepare (self,
                           owner == HD_ATTACHMENT_OWNER_BELT
                             ? "INSERT INTO attachment (id, belt_id, path, sha256, mime_type,"
                               " created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
                             : "INSERT INTO attachment (id, site_id, path, sha256, mime_type,"
                               " created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, attachment->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, attachment->owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, attachment->path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, attachment->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, attachment->mime_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, attachment->created, -1, SQLITE_TRANSIENT);
  return hd_store_step_done (self, stmt, what, error);
}

/* Reads and hashes one file before any transaction; NULL with @error naming it. */
static HdAttachment *
describe_new (const char  *owner_id,
              const char  *path,
              const char  *now,
              const char  *what,
              GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (absolute);
  g_autofree char *mime_type = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *id = NULL;
  HdAttachment *attachment;

  if (!hd_file_describe (file, what, &mime_type, &sha256, error))
    return NULL;
  id = hd_new_id ();
  attachment = attachment_new (id, owner_id, absolute, sha256, mime_type, now);
  hd_attachment_check (attachment, NULL);
  return attachment;
}

GPtrArray *
hd_store_add_attachments (HdStore            *self,
                          HdAttachmentOwner   owner,
                          const char         *owner_id,
                          const char * const *paths,
                          GError            **error)
{
  const char *what = _("Could not attach the files");
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *name = NULL;
  char *label;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (owner_id != NULL, NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  name = owner_name (self, owner, owner_id, what, error);
  if (name == NULL)
    return NULL;
  if (paths[0] == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID, _("%s: no file was chosen"), what);
      return NULL;
    }
  /* Reading and hashing first: a slow disk must not hold the workspace's write lock. */
  for (guint i = 0; paths[i] != NULL; i++)
    {
      HdAttachment *attachment = describe_new (owner_id, paths[i], now, what, error);

      if (attachment == NULL)
        return NULL;
      g_ptr_array_add (added, attachment);
    }

  if (!hd_store_begin_command (self, what, error))
    return NULL;
  for (guint i = 0; i < added->len; i++)
    if (!insert_row (self, owner, g_ptr_array_index (added, i), what, error))
      {
        hd_store_rollback (self);
        return NULL;
      }
  if (added->len == 1)
    {
      g_autofree char *basename = g_path_get_basename (HD_ATTACHMENT (added->pdata[0])->path);

      label = g_strdup_printf (_("Attach “%s” to “%s”"), basename, name);
    }
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Attach %u File to “%s”",
                                          "Attach %u Files to “%s”", added->len),
                             added->len, name);
  if (!hd_store_commit_command (self, what, label, error))
    return NULL;
  emit_owner (self, owner, owner_id);
  return g_steal_pointer (&added);
}

GListStore *
hd_store_list_attachments (HdStore            *self,
                           HdAttachmentOwner   owner,
                           const char         *owner_id,
                           GError            **error)
{
  g_autoptr(GListStore) list = g_list_store_new (HD_TYPE_ATTACHMENT);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (owner_id != NULL, NULL);

  stmt = hd_store_prepare (self,
                           owner == HD_ATTACHMENT_OWNER_BELT
                             ? "SELECT id, belt_id, path, sha256, mime_type, created FROM attachment"
                               " WHERE belt_id = ?1 AND path IS NOT"
                               " (SELECT logo_path FROM belt WHERE id = ?1) ORDER BY created, id"
                             : "SELECT id, site_id, path, sha256, mime_type, created FROM attachment"
                               " WHERE site_id = ?1 ORDER BY created, id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HdAttachment) attachment =
        attachment_new (hd_sql_text (stmt, 0), hd_sql_text (stmt, 1), hd_sql_text (stmt, 2),
                        hd_sql_text (stmt, 3), hd_sql_text (stmt, 4), hd_sql_text (stmt, 5));

      g_list_store_append (list, attachment);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  /* After the statement is reset: checking reads files and may take a while. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(HdAttachment) attachment = g_list_model_get_item (G_LIST_MODEL (list), i);

      hd_attachment_check (attachment, NULL);
    }
  return g_steal_pointer (&list);
}

gboolean
hd_store_remove_attachments (HdStore            *self,
                             const char * const *ids,
                             GError            **error)
{
  const char *what = _("Could not remove the attachments");
  g_autoptr(GPtrArray) owners = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first_path = NULL;
  guint kinds = 0;
  guint n = 0;
  char *label;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  for (; ids[n] != NULL; n++)
    {
      sqlite3_stmt *stmt = hd_store_prepare (self,
                                             "SELECT site_id, belt_id, path FROM attachment"
                                             " WHERE id = ?1 AND (site_id IS NOT NULL OR belt_id IS NOT NULL)",
                                             error);
      int rc;

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, ids[n], -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          gboolean is_site = hd_sql_text (stmt, 0) != NULL;

          g_ptr_array_add (owners, g_strdup (hd_sql_text (stmt, is_site ? 0 : 1)));
          kinds |= is_site ? HD_CHANGE_SITES : HD_CHANGE_BELTS;
          if (first_path == NULL)
            first_path = g_path_get_basename (hd_sql_text (stmt, 2));
        }
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                       _("%s: there is no attachment %s"), what, ids[n]);
          goto fail;
        }
      if (rc != SQLITE_ROW)
        {
          hd_sql_read_error (self, error);
          goto fail;
        }
      stmt = hd_store_prepare (self, "DELETE FROM attachment WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, ids[n], -1, SQLITE_TRANSIENT);
      if (!hd_store_step_done (self, stmt, what, error))
        goto fail;
    }
  if (n == 0)
    {
      hd_store_rollback (self);
      return TRUE;
    }
  if (n == 1)
    label = g_strdup_printf (_("Remove “%s”"), first_path);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Remove %u Attachment",
                                          "Remove %u Attachments", n), n);
  if (!hd_store_commit_command (self, what, label, error))
    return FALSE;
  g_ptr_array_add (owners, NULL);
  hd_store_emit_changed (self, kinds, (const char * const *) owners->pdata);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_set_belt_logo (HdStore     *self,
                        const char  *belt_id,
                        const char  *path,
                        GError     **error)
{
  const char *what = _("Could not set the logo");
  HdBelt *belt;
  g_autoptr(HdAttachment) logo = NULL;
  g_autofree char *now = hd_timestamp_now ();
  sqlite3_stmt *stmt;
  char *label;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (belt_id != NULL, FALSE);

  belt = hd_store_lookup_belt (self, belt_id);
  if (belt == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no belt %s"), what, belt_id);
      return FALSE;
    }
  if (path != NULL && *path != '\0')
    {
      g_autofree char *display = NULL;

      logo = describe_new (belt_id, path, now, what, error);
      if (logo == NULL)
        return FALSE;
      if (!hd_attachment_is_image (logo))
        {
          display = g_filename_display_name (logo->path);
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("%s: “%s” is not an image"), what, display);
          return FALSE;
        }
    }

  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  /* The old logo's row goes with it (a belt's other attachments stay). */
  stmt = hd_store_prepare (self,
                           "DELETE FROM attachment WHERE belt_id = ?1 AND path IS"
                           " (SELECT logo_path FROM belt WHERE id = ?1)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, belt_id, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error))
    goto fail;
  stmt = hd_store_prepare (self, "UPDATE belt SET logo_path = ?2, modified = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, belt_id, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 2, logo != NULL ? logo->path : NULL);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error))
    goto fail;
  if (logo != NULL && !insert_row (self, HD_ATTACHMENT_OWNER_BELT, logo, what, error))
    goto fail;
  label = logo != NULL
    ? g_strdup_printf (_("Set the Logo of “%s”"), hd_belt_get_name (belt))
    : g_strdup_printf (_("Clear the Logo of “%s”"), hd_belt_get_name (belt));
  if (!hd_store_commit_command (self, what, label, error))
    return FALSE;
  hd_store_reload_record (self, HD_CHANGE_BELTS, belt_id);
  emit_owner (self, HD_ATTACHMENT_OWNER_BELT, belt_id);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

HdAttachment *
hd_store_get_belt_logo (HdStore     *self,
                        const char  *belt_id,
                        GError     **error)
{
  g_autoptr(HdAttachment) logo = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (belt_id != NULL, NULL);

  stmt = hd_store_prepare (self,
                           "SELECT a.id, b.id, b.logo_path, a.sha256, a.mime_type, a.created"
                           " FROM belt b LEFT JOIN attachment a"
                           "   ON a.belt_id = b.id AND a.path = b.logo_path"
                           " WHERE b.id = ?1 AND b.logo_path IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, belt_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    logo = attachment_new (hd_sql_text (stmt, 0), hd_sql_text (stmt, 1), hd_sql_text (stmt, 2),
                           hd_sql_text (stmt, 3), hd_sql_text (stmt, 4), hd_sql_text (stmt, 5));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  if (logo != NULL)
    hd_attachment_check (logo, NULL);
  return g_steal_pointer (&logo);
}
