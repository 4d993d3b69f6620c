/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files attached to sites and belts (附件), stored by reference with a content hash. */
#pragma once

#include <gio/gio.h>

#include "hd-store.h"

G_BEGIN_DECLS

/* Whose attachment it is. */
typedef enum {
  HD_ATTACHMENT_OWNER_SITE,
  HD_ATTACHMENT_OWNER_BELT,
} HdAttachmentOwner;

#define HD_TYPE_ATTACHMENT (hd_attachment_get_type ())
G_DECLARE_FINAL_TYPE (HdAttachment, hd_attachment, HD, ATTACHMENT, GObject)

/* A file attached to a site or a belt. The file stays where the planner keeps it; the store has
 * its absolute path and SHA-256 so a moved or edited file is noticed. Properties (read-only; a
 * snapshot): id, owner-id (the site's or belt's id), path, sha256 (lower-case hex), mime-type,
 * created, size (bytes; -1 when the file is missing), missing (the file is gone or unreadable),
 * changed (its content differs from when it was attached). size, missing and changed are decided
 * by hd_attachment_check(), which the listing calls. */
const char *hd_attachment_get_id        (HdAttachment *self);
const char *hd_attachment_get_owner_id  (HdAttachment *self);
const char *hd_attachment_get_path      (HdAttachment *self);
const char *hd_attachment_get_sha256    (HdAttachment *self);
const char *hd_attachment_get_mime_type (HdAttachment *self);
const char *hd_attachment_get_created   (HdAttachment *self);
goffset     hd_attachment_get_size      (HdAttachment *self);
gboolean    hd_attachment_get_missing   (HdAttachment *self);
gboolean    hd_attachment_get_changed   (HdAttachment *self);
/* TRUE for image/… types (the editors show a thumbnail). */
gboolean    hd_attachment_is_image      (HdAttachment *self);

/* Reads the file again (streaming) and updates size / missing / changed, notifying on a change.
 * Returns TRUE when the file is there and unchanged. Blocking I/O. */
gboolean    hd_attachment_check         (HdAttachment *self,
                                         GCancellable *cancellable);

/**
 * hd_file_compute_sha256:
 *
 * The SHA-256 of a file's content, read in blocks (never the whole file at once).
 *
 * Returns: (transfer full) (nullable): lower-case hex, or %NULL with @error set (GIO's error)
 */
char       *hd_file_compute_sha256      (GFile        *file,
                                         GCancellable *cancellable,
                                         GError      **error);

/**
 * hd_file_check_hash:
 * @path: an absolute file name
 * @sha256: the hash recorded when the file was attached
 * @missing: (out): the file is gone or cannot be read
 * @changed: (out): the file is there but its content hash differs
 * @size: (out) (optional): its size in bytes, or -1 when missing
 *
 * What every reference to a file (inspection photos, attachments, belt logos) uses to tell
 * whether the file is still the one that was attached. Blocking I/O.
 *
 * Returns: TRUE when the file is there and unchanged
 */
gboolean    hd_file_check_hash          (const char   *path,
                                         const char   *sha256,
                                         gboolean     *missing,
                                         gboolean     *changed,
                                         goffset      *size,
                                         GCancellable *cancellable);

/**
 * hd_file_describe:
 * @file: a file to attach
 * @what: the message prefix ("Could not attach …")
 * @mime_type: (out): its MIME type (by name and first bytes)
 * @sha256: (out): its content hash
 *
 * Reads a file once to sniff its type and hash it, before a command opens its transaction.
 * A file that is not there gives HD_STORE_ERROR_NOT_FOUND, a folder or special file
 * HD_STORE_ERROR_INVALID, an unreadable one HD_STORE_ERROR_FAILED; each names the file.
 */
gboolean    hd_file_describe            (GFile        *file,
                                         const char   *what,
                                         char        **mime_type,
                                         char        **sha256,
                                         GError      **error);

/**
 * hd_store_add_attachments:
 * @owner_id: the site's or belt's id
 * @paths: (array zero-terminated=1): files (made absolute against the current directory)
 *
 * Attaches files by reference. Every file is read and hashed first, outside the transaction; if
 * any is missing or unreadable nothing is attached and @error names it. Then one transaction and
 * one undo step ("Attach 2 Files to “…”"). Emits HD_CHANGE_SITES or HD_CHANGE_BELTS with the
 * owner's id.
 *
 * Returns: (transfer full) (element-type HdAttachment): the new attachments, or %NULL with @error
 */
GPtrArray  *hd_store_add_attachments    (HdStore            *self,
                                         HdAttachmentOwner   owner,
                                         const char         *owner_id,
                                         const char * const *paths,
                                         GError            **error);

/**
 * hd_store_list_attachments:
 *
 * The owner's attachments, oldest first, each checked against its file (this reads every file;
 * call it off the main thread for many large files). A belt's logo is not among them.
 *
 * Returns: (transfer full) (element-type HdAttachment): the list, or %NULL with @error
 */
GListStore *hd_store_list_attachments   (HdStore            *self,
                                         HdAttachmentOwner   owner,
                                         const char         *owner_id,
                                         GError            **error);

/**
 * hd_store_remove_attachments:
 * @ids: (array zero-terminated=1): attachment ids (of sites or belts)
 *
 * Detaches files (the files themselves are left alone): one transaction and one undo step.
 * An unknown id gives HD_STORE_ERROR_NOT_FOUND and nothing is removed.
 */
gboolean    hd_store_remove_attachments (HdStore            *self,
                                         const char * const *ids,
                                         GError            **error);

/**
 * hd_store_set_belt_logo:
 * @path: (nullable): an image file, or %NULL to clear the logo
 *
 * Sets the belt's logo image by reference: the file is sniffed (images only, else
 * HD_STORE_ERROR_INVALID) and hashed before the transaction; belt.logo_path and the logo's
 * attachment row (which keeps the hash) change together in one undo step. Emits HD_CHANGE_BELTS.
 */
gboolean    hd_store_set_belt_logo      (HdStore            *self,
                                         const char         *belt_id,
                                         const char         *path,
                                         GError            **error);

/**
 * hd_store_get_belt_logo:
 *
 * The belt's logo as an attachment, checked against its file; %NULL (no error) when the belt has
 * none. A logo path set without a hash (an old file, an import) is reported as changed.
 *
 * Returns: (transfer full) (nullable): the logo
 */
HdAttachment *hd_store_get_belt_logo    (HdStore            *self,
                                         const char         *belt_id,
                                         GError            **error);

G_END_DECLS
