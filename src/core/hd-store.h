/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hd-belt.h"
#include "hd-error.h"
#include "hd-import.h"
#include "hd-plan.h"
#include "hd-region.h"
#include "hd-site.h"

G_BEGIN_DECLS

/* The schema version this build writes; a file with a larger PRAGMA user_version is refused. */
#define HD_SCHEMA_VERSION 3

/* What a "changed" signal is about; several may be or-ed together. */
typedef enum {
  HD_CHANGE_REGIONS = 1 << 0,
  HD_CHANGE_BELTS   = 1 << 1,
  HD_CHANGE_SITES   = 1 << 2,
  HD_CHANGE_ROUTES  = 1 << 3, /* belt membership / order; ids are belt ids */
  HD_CHANGE_PLANS   = 1 << 4,
  HD_CHANGE_STANDARDS = 1 << 5,      /* standard sets and items; ids are set ids */
  HD_CHANGE_INSPECTIONS = 1 << 6,    /* inspections and their answers; ids are inspection ids */
  HD_CHANGE_RECTIFICATIONS = 1 << 7, /* rectification tasks; ids are task ids */
} HdChangeKind;

#define HD_TYPE_STORE (hd_store_get_type ())
G_DECLARE_FINAL_TYPE (HdStore, hd_store, HD, STORE, GObject)

/* Signal "changed" (HdStore *store, guint kinds, GStrv ids, gpointer user_data): emitted after
 * every committed command; @kinds are HdChangeKind flags, @ids the records concerned (deleted
 * ones included). Nothing is emitted for a failed or dry-run command. */

/**
 * hd_store_open:
 * @path: the database file; created (with its folder) when it does not exist
 *
 * Opens or creates a workspace and migrates it to %HD_SCHEMA_VERSION. A file from a newer
 * version, a file that is not a database, a corrupt one or one that cannot be written is refused
 * (%HD_STORE_ERROR_NEWER_VERSION, _NOT_A_DATABASE, _CORRUPT, _READ_ONLY) and left byte for byte
 * as it was.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
HdStore    *hd_store_open               (const char  *path,
                                         GError     **error);
/* $XDG_DATA_HOME/hongdai/hongdai.db */
char       *hd_store_default_path       (void);
const char *hd_store_get_path           (HdStore     *self);
int         hd_store_get_schema_version (HdStore     *self);

/* Re-reads the models when another process (or another HdStore on the same file) committed
 * since the last look, and emits "changed" with every kind and no ids. Returns TRUE when it
 * re-read, FALSE when nothing had changed or on error. */
gboolean    hd_store_refresh            (HdStore     *self,
                                         GError     **error);
/* Watches the file and calls hd_store_refresh() from the main context when it changes (the app
 * calls this; tools that open, act and close need not). */
void        hd_store_watch_file         (HdStore     *self);

/* No regions, belts, sites or plans (the built-in standard sets do not count). */
gboolean    hd_store_is_empty           (HdStore     *self);

/* Live models, in the order records were added; (transfer none). Each object is updated in
 * place when its record changes, added when one is created and removed when one is deleted. */
GListModel *hd_store_get_regions        (HdStore     *self);
GListModel *hd_store_get_belts          (HdStore     *self);
GListModel *hd_store_get_sites          (HdStore     *self);
GListModel *hd_store_get_plans          (HdStore     *self);

/* (transfer none) (nullable): the model's object with that id. */
HdRegion   *hd_store_lookup_region      (HdStore     *self,
                                         const char  *id);
HdBelt     *hd_store_lookup_belt        (HdStore     *self,
                                         const char  *id);
HdSite     *hd_store_lookup_site        (HdStore     *self,
                                         const char  *id);
HdPlan     *hd_store_lookup_plan        (HdStore     *self,
                                         const char  *id);

/* (transfer full): the site ids of a belt's route in order (empty vector for no sites). */
GStrv       hd_store_dup_belt_route     (HdStore     *self,
                                         const char  *belt_id);
/* (transfer full): the ids of the belts a site is on. */
GStrv       hd_store_dup_site_belts     (HdStore     *self,
                                         const char  *site_id);
/* (transfer container): the ids of the sites with a position inside the box, using the R*Tree,
 * %NULL-terminated; free the array with g_free(). The strings are the store's and stay valid until
 * its next change: copy the ones you keep. (Copying every hit was half the query's time.) */
const char **hd_store_query_sites_in_box (HdStore     *self,
                                         double       min_lat,
                                         double       min_lon,
                                         double       max_lat,
                                         double       max_lon,
                                         GError     **error);

/* Commands: each one transaction; on success the models are updated and "changed" is emitted.
 * save_*: inserts when the record's id is NULL (an id is assigned to @record) or unknown,
 * otherwise updates; @record's created/modified are set from the database. */
gboolean    hd_store_save_site          (HdStore     *self,
                                         HdSite      *site,
                                         GError     **error);
gboolean    hd_store_save_belt          (HdStore     *self,
                                         HdBelt      *belt,
                                         GError     **error);
gboolean    hd_store_save_region        (HdStore     *self,
                                         HdRegion    *region,
                                         GError     **error);
gboolean    hd_store_save_plan          (HdStore     *self,
                                         HdPlan      *plan,
                                         GError     **error);
/* Sets a site's position and nothing else (one undo step, "Move “name”"); refused like a
 * save when the position is invalid or the site was changed elsewhere since it was read. */
gboolean    hd_store_move_site          (HdStore     *self,
                                         const char  *site_id,
                                         double       latitude,
                                         double       longitude,
                                         GError     **error);
/* Deletes sites (and their route memberships, inspections, attachments). */
gboolean    hd_store_delete_sites       (HdStore            *self,
                                         const char * const *ids,
                                         GError            **error);
/* Deletes a belt and its route; the sites stay. */
gboolean    hd_store_delete_belt        (HdStore     *self,
                                         const char  *id,
                                         GError     **error);
/* Refused with %HD_STORE_ERROR_IN_USE while sub-regions, belts, sites or plans refer to it. */
gboolean    hd_store_delete_region      (HdStore     *self,
                                         const char  *id,
                                         GError     **error);
gboolean    hd_store_delete_plan        (HdStore     *self,
                                         const char  *id,
                                         GError     **error);
/* Replaces a belt's route with @site_ids in that order (no duplicates). */
gboolean    hd_store_set_belt_route     (HdStore            *self,
                                         const char         *belt_id,
                                         const char * const *site_ids,
                                         GError            **error);
/* Saves a belt (as hd_store_save_belt()) and replaces its route with @site_ids, in one
 * transaction and one undo step: what the belt editor's Save does. */
gboolean    hd_store_save_belt_with_route (HdStore            *self,
                                           HdBelt             *belt,
                                           const char * const *site_ids,
                                           GError            **error);
/* Undo and redo of the commands above (save, delete, route, import): each is one step, applied
 * in one transaction. A step whose records were changed since by another window or process is
 * refused with %HD_STORE_ERROR_CONFLICT and nothing changes. Properties "can-undo" and "can-redo"
 * notify when they change. The labels ("Delete 3 sites") are translated; (nullable). */
gboolean    hd_store_can_undo           (HdStore     *self);
gboolean    hd_store_can_redo           (HdStore     *self);
const char *hd_store_get_undo_label     (HdStore     *self);
const char *hd_store_get_redo_label     (HdStore     *self);
gboolean    hd_store_undo               (HdStore     *self,
                                         GError     **error);
gboolean    hd_store_redo               (HdStore     *self,
                                         GError     **error);

/**
 * hd_store_import:
 * @dry_run: check everything, including references into the workspace, and write nothing
 * @summary: (out caller-allocates) (optional): what was (or would be) added
 *
 * Writes a parsed batch in one transaction: all of it or, on the first bad item, none of it;
 * the error names the item's file, feature index and reason.
 */
gboolean    hd_store_import             (HdStore         *self,
                                         HdImportBatch   *batch,
                                         gboolean         dry_run,
                                         HdImportSummary *summary,
                                         GError         **error);

typedef struct {
  char *id;
  char *name;
  guint sites;
  guint belts;
} HdStatsRow;

typedef struct {
  guint  n_regions;
  guint  n_belts;
  guint  n_sites;
  guint  n_plans;
  guint  by_kind[6];         /* indexed by HdSiteKind */
  guint  by_domain[7];       /* indexed by HdDomain */
  guint  by_level[3];        /* indexed by HdSiteLevel */
  GArray *by_region;         /* HdStatsRow: sites and belts per region (id NULL: no region) */
  GArray *per_belt;          /* HdStatsRow: sites on each belt (belts = 1) */
  guint  belts_under_min;    /* belts with fewer than HD_BELT_MIN_SITES sites */
  guint  sites_without_position;
  guint  sites_on_no_belt;
} HdStats;

HdStats    *hd_store_collect_stats      (HdStore     *self,
                                         GError     **error);
void        hd_stats_free               (HdStats     *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdStats, hd_stats_free)

typedef enum {
  HD_PROBLEM_INTEGRITY,          /* SQLite integrity or foreign-key check */
  HD_PROBLEM_BELT_UNDER_MIN,     /* a belt with fewer than 8 sites */
  HD_PROBLEM_SITE_NO_POSITION,   /* a site without coordinates */
  HD_PROBLEM_DUPLICATE_IN_BELT,  /* two sites with the same name on one belt */
} HdProblemKind;

typedef struct {
  HdProblemKind kind;
  char *record_id;  /* the belt or site concerned; NULL for integrity problems */
  char *message;    /* translated, one line */
} HdProblem;

/* (transfer full) (element-type HdProblem): every problem found; an empty array when none. */
GPtrArray  *hd_store_check              (HdStore     *self,
                                         GError     **error);

/* Loads the bundled sample workspace (data/sample/\*.geojson) in one transaction. */
gboolean    hd_store_load_sample        (HdStore     *self,
                                         GError     **error);
/* The folder the sample files are read from (HONGDAI_DATADIR/sample when set). */
char       *hd_sample_dir               (void);

G_END_DECLS
