/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Standards are data (DOMAIN.md): sets of items, each set applying to belts or to sites. Three
 * sets are built in (five ones, six haves, five basics); users add their own, edit them, import
 * them from JSON or a simple CSV and export them as JSON.
 *
 * Versioning: changing the items of a set that an inspection (draft or finished) already uses
 * makes a new version of it (same code, version + 1, a new id) and marks the old one superseded;
 * the old inspections keep pointing at, and scoring against, the version they used. Changing an
 * unused set changes it in place.
 *
 * Every command is one transaction: it all happens or nothing does, and on success the store
 * emits "changed" with HD_CHANGE_STANDARDS and the ids of the sets concerned. Errors are
 * HD_STORE_ERROR (or HD_IMPORT_ERROR for files) with a translated one-line message that says what
 * and where. */
#pragma once

#include <gio/gio.h>

#include "hd-light.h"
#include "hd-store.h"

G_BEGIN_DECLS

/* What a set applies to, and what an inspection is of. */
typedef enum {
  HD_SUBJECT_BELT,
  HD_SUBJECT_SITE,
} HdSubjectKind;

GType hd_subject_kind_get_type (void) G_GNUC_CONST;
#define HD_TYPE_SUBJECT_KIND (hd_subject_kind_get_type ())

/* "belt", "site" (the database's applies_to). from_string: FALSE for anything else. */
const char *hd_subject_kind_to_string   (HdSubjectKind  kind);
gboolean    hd_subject_kind_from_string (const char    *str,
                                         HdSubjectKind *out);
/* Translated: 示范带 / 示范点. */
const char *hd_subject_kind_label       (HdSubjectKind  kind);

/* The codes of the built-in sets. */
#define HD_STANDARD_FIVE_ONES   "five_ones"
#define HD_STANDARD_SIX_HAVES   "six_haves"
#define HD_STANDARD_FIVE_BASICS "five_basics"

/* Limits the importers and editors enforce. */
#define HD_STANDARD_MAX_ITEMS      1000
#define HD_STANDARD_CODE_MAX_CHARS 64
/* Deeper JSON nesting than this is refused before json-glib builds its tree. */
#define HD_STANDARD_MAX_DEPTH      16

/* ------------------------------------------------------------------------------------------ */
/* HdStandardSet                                                                              */

#define HD_TYPE_STANDARD_SET (hd_standard_set_get_type ())
G_DECLARE_FINAL_TYPE (HdStandardSet, hd_standard_set, HD, STANDARD_SET, GObject)

/* A set of items (a checklist). Objects returned by the store are snapshots: they are not
 * updated when the set changes; listen to "changed" (HD_CHANGE_STANDARDS) and read again.
 * Properties (all read-write, notify on real change only):
 *   id, code, version (int >= 1), applies-to (HdSubjectKind), name (Chinese), name-en,
 *   description, builtin (boolean), n-items (int), superseded-by (id of the next version, or
 *   NULL for the current version), created, modified. */
HdStandardSet *hd_standard_set_new              (void);
void           hd_standard_set_copy_from        (HdStandardSet *self,
                                                 HdStandardSet *src);

const char    *hd_standard_set_get_id           (HdStandardSet *self);
void           hd_standard_set_set_id           (HdStandardSet *self, const char *value);
/* Stable across versions: "six_haves", "haishu_bottom_line", ... */
const char    *hd_standard_set_get_code         (HdStandardSet *self);
void           hd_standard_set_set_code         (HdStandardSet *self, const char *value);
int            hd_standard_set_get_version      (HdStandardSet *self);
HdSubjectKind  hd_standard_set_get_applies_to   (HdStandardSet *self);
void           hd_standard_set_set_applies_to   (HdStandardSet *self, HdSubjectKind value);
const char    *hd_standard_set_get_name         (HdStandardSet *self);
void           hd_standard_set_set_name         (HdStandardSet *self, const char *value);
const char    *hd_standard_set_get_name_en      (HdStandardSet *self);
void           hd_standard_set_set_name_en      (HdStandardSet *self, const char *value);
const char    *hd_standard_set_get_description  (HdStandardSet *self);
void           hd_standard_set_set_description  (HdStandardSet *self, const char *value);
gboolean       hd_standard_set_get_builtin      (HdStandardSet *self);
int            hd_standard_set_get_n_items      (HdStandardSet *self);
/* (nullable): the id of the version that replaced this one. */
const char    *hd_standard_set_get_superseded_by (HdStandardSet *self);
const char    *hd_standard_set_get_created      (HdStandardSet *self);
const char    *hd_standard_set_get_modified     (HdStandardSet *self);

/* ------------------------------------------------------------------------------------------ */
/* HdStandardItem                                                                             */

#define HD_TYPE_STANDARD_ITEM (hd_standard_item_get_type ())
G_DECLARE_FINAL_TYPE (HdStandardItem, hd_standard_item, HD, STANDARD_ITEM, GObject)

/* One item of a set. Build new ones with hd_standard_item_new() to hand to the commands below
 * (id, set-id and position are assigned by the store). Properties (read-write):
 *   id, set-id, position (int, 1-based order in the set), code (unique in the set), title
 *   (Chinese, required), title-en, guidance (how to check it), kind (HdItemKind), weight
 *   (double >= 0, default 1), photo-required (boolean), category (e.g. one of a 48-clause list's
 *   4 categories; nullable). */
HdStandardItem *hd_standard_item_new              (void);
void            hd_standard_item_copy_from        (HdStandardItem *self,
                                                   HdStandardItem *src);

const char     *hd_standard_item_get_id             (HdStandardItem *self);
const char     *hd_standard_item_get_set_id         (HdStandardItem *self);
int             hd_standard_item_get_position       (HdStandardItem *self);
const char     *hd_standard_item_get_code           (HdStandardItem *self);
void            hd_standard_item_set_code           (HdStandardItem *self, const char *value);
const char     *hd_standard_item_get_title          (HdStandardItem *self);
void            hd_standard_item_set_title          (HdStandardItem *self, const char *value);
const char     *hd_standard_item_get_title_en       (HdStandardItem *self);
void            hd_standard_item_set_title_en       (HdStandardItem *self, const char *value);
const char     *hd_standard_item_get_guidance       (HdStandardItem *self);
void            hd_standard_item_set_guidance       (HdStandardItem *self, const char *value);
HdItemKind      hd_standard_item_get_kind           (HdStandardItem *self);
void            hd_standard_item_set_kind           (HdStandardItem *self, HdItemKind value);
double          hd_standard_item_get_weight         (HdStandardItem *self);
void            hd_standard_item_set_weight         (HdStandardItem *self, double value);
gboolean        hd_standard_item_get_photo_required (HdStandardItem *self);
void            hd_standard_item_set_photo_required (HdStandardItem *self, gboolean value);
const char     *hd_standard_item_get_category       (HdStandardItem *self);
void            hd_standard_item_set_category       (HdStandardItem *self, const char *value);

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                    */

/**
 * hd_store_list_standard_sets:
 * @include_superseded: also list old versions (each version is its own object)
 *
 * The sets, built-in ones first, then by code and version. A snapshot: read again on
 * HD_CHANGE_STANDARDS.
 *
 * Returns: (transfer full) (element-type HdStandardSet): a new list, or %NULL with @error set
 * (SQLite failure only)
 */
GListStore     *hd_store_list_standard_sets   (HdStore     *self,
                                               gboolean     include_superseded,
                                               GError     **error);
/* (transfer full) (nullable): the set with that id (any version); %NULL with
 * HD_STORE_ERROR_NOT_FOUND when there is none. */
HdStandardSet  *hd_store_get_standard_set     (HdStore     *self,
                                               const char  *set_id,
                                               GError     **error);
/* (transfer full) (nullable): the current (newest) version of the set with that code; %NULL with
 * HD_STORE_ERROR_NOT_FOUND when there is none. */
HdStandardSet  *hd_store_find_standard_set    (HdStore     *self,
                                               const char  *code,
                                               GError     **error);
/* (transfer full) (element-type HdStandardItem): a set's items in order; %NULL with
 * HD_STORE_ERROR_NOT_FOUND for an unknown set. */
GListStore     *hd_store_list_standard_items  (HdStore     *self,
                                               const char  *set_id,
                                               GError     **error);
/* Whether any inspection (draft or finished) uses this version; -1 with @error on failure. */
int             hd_store_standard_set_in_use  (HdStore     *self,
                                               const char  *set_id,
                                               GError     **error);

/* ------------------------------------------------------------------------------------------ */
/* Commands                                                                                   */

/**
 * hd_store_create_standard_set:
 * @set: code (new to the workspace, no spaces, at most HD_STANDARD_CODE_MAX_CHARS), name,
 *   applies-to and optionally name-en and description; its id, version (1), builtin (FALSE),
 *   n-items and stamps are set from the database on success
 * @items: (element-type HdStandardItem) (nullable): the items in order (may be empty); each
 *   needs a code unique in the set and a title; their id, set-id and position are assigned
 *
 * Creates a user set. Refused with HD_STORE_ERROR_DUPLICATE when the code exists and
 * HD_STORE_ERROR_INVALID for a bad field (the message names the item's position and code).
 */
gboolean        hd_store_create_standard_set  (HdStore        *self,
                                               HdStandardSet  *set,
                                               GPtrArray      *items,
                                               GError        **error);

/**
 * hd_store_replace_standard_items:
 * @set_id: the current version of a user set (built-in and superseded sets are refused with
 *   HD_STORE_ERROR_INVALID)
 * @items: (element-type HdStandardItem): the new items in order (same rules as create)
 *
 * Replaces a set's items. When an inspection uses the set, a new version is made (same code,
 * version + 1) and the old one gets superseded-by; otherwise the set changes in place (items
 * whose code stays keep their id).
 *
 * Returns: (transfer full) (nullable): the id of the set that now holds the items (@set_id, or
 * the new version's id), or %NULL with @error set
 */
char           *hd_store_replace_standard_items (HdStore     *self,
                                                 const char  *set_id,
                                                 GPtrArray   *items,
                                                 GError     **error);

/* Renames a set (name, name-en, description; nullable ones are cleared). No new version: names
 * do not change how inspections score. Built-in sets are refused. */
gboolean        hd_store_rename_standard_set  (HdStore     *self,
                                               const char  *set_id,
                                               const char  *name,
                                               const char  *name_en,
                                               const char  *description,
                                               GError     **error);

/* Deletes a user set version that no inspection uses (HD_STORE_ERROR_IN_USE otherwise;
 * built-in sets: HD_STORE_ERROR_INVALID). The version it superseded becomes current again. */
gboolean        hd_store_delete_standard_set  (HdStore     *self,
                                               const char  *set_id,
                                               GError     **error);

/**
 * hd_store_import_standard_set:
 * @set: the set as parsed (code, name, applies-to, name-en, description); updated from the
 *   database on success like create
 * @items: (element-type HdStandardItem): its items in order
 *
 * Writes a parsed set: a new set when its code is new, otherwise new items for the current
 * version of that code (as hd_store_replace_standard_items(): a new version when it is used).
 * A built-in code, or a code that exists with a different applies-to, is refused.
 *
 * Returns: (transfer full) (nullable): the id of the set that now holds the items
 */
char           *hd_store_import_standard_set  (HdStore        *self,
                                               HdStandardSet  *set,
                                               GPtrArray      *items,
                                               GError        **error);

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                      */

/**
 * hd_standard_set_parse_json:
 * @data: (array length=length): the file's bytes (UTF-8; a BOM is skipped)
 * @source: the file name used in messages
 * @set: (out) (transfer full): the set's fields (not in any workspace: no id)
 * @items: (out) (transfer full) (element-type HdStandardItem): its items in order
 *
 * Reads the format hd_store_export_standard_set_json() writes:
 *   { "code": "…", "applies_to": "site"|"belt", "name": "…", "name_en": "…", "description": "…",
 *     "items": [ { "code": "…", "title": "…", "title_en": "…", "guidance": "…",
 *                  "kind": "requirement"|"red_line", "weight": 1, "photo_required": false,
 *                  "category": "…" }, … ] }
 * (only code, applies_to, name, items and each item's code and title are required; an item's
 * code may also be a whole number, read as its digits; "version", "format" and unknown members
 * are ignored). Nesting deeper than HD_STANDARD_MAX_DEPTH is refused
 * before parsing. On error nothing is returned and the HD_IMPORT_ERROR message reads
 * "SOURCE: item N (CODE): reason" (N from 1) or "SOURCE: line L: reason".
 */
gboolean        hd_standard_set_parse_json    (const char      *data,
                                               gsize            length,
                                               const char      *source,
                                               HdStandardSet  **set,
                                               GPtrArray      **items,
                                               GError         **error);

/**
 * hd_standard_set_parse_csv:
 * @data: (array length=length): UTF-8, with or without a BOM; LF or CRLF line ends
 * @items: (out) (transfer full) (element-type HdStandardItem): the items in file order
 *
 * Reads a header row naming the columns (any order, case-insensitive): code, title, kind,
 * weight, and optionally category, guidance, title_en, photo_required. Kind is "requirement" /
 * "red_line" (also 要求 / 红线); weight a number >= 0 (empty: 1). Fields may be quoted with '"'
 * (quotes doubled inside, commas and line breaks allowed). Blank lines are skipped. On error
 * nothing is returned and the HD_IMPORT_ERROR message reads "SOURCE: line L: reason".
 */
gboolean        hd_standard_set_parse_csv     (const char      *data,
                                               gsize            length,
                                               const char      *source,
                                               GPtrArray      **items,
                                               GError         **error);

/**
 * hd_standard_set_parse_file:
 * @file: a .json or .csv file (by its name's extension, case-insensitive)
 * @set: (out) (transfer full): for JSON the file's set; for CSV a set with code = the file's
 *   base name (spaces become "_"), name = the base name, applies-to = site, which the caller
 *   may change before importing
 * @items: (out) (transfer full) (element-type HdStandardItem)
 *
 * Reads and parses a file (HD_IMPORT_ERROR_IO when it cannot be read or has another extension).
 */
gboolean        hd_standard_set_parse_file    (GFile           *file,
                                               HdStandardSet  **set,
                                               GPtrArray      **items,
                                               GError         **error);

/* (transfer full): the set and its items as pretty-printed UTF-8 JSON in the format above
 * (deterministic), or %NULL with HD_STORE_ERROR_NOT_FOUND for an unknown set. */
char           *hd_store_export_standard_set_json (HdStore     *self,
                                                   const char  *set_id,
                                                   GError     **error);

G_END_DECLS
