/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hd-basemap.h"
#include "hd-chart.h"

G_BEGIN_DECLS

/* The printed handout for a meeting: a multi-page PDF with a cover, a table of contents, the plan
 * dashboard, a page per indicator, the districts, and pages per belt (route map, five ones, the
 * sites' six haves, open rectifications). Like the charts it takes plain data: the caller fills
 * these structs (strings already translated where they come from the data) and owns them. */

typedef struct {
  int         year;
  const char *theme;          /* the annual theme: "组织力提升" */
} HdHandoutYear;

typedef struct {
  const char     *name;
  const char     *kind;       /* nullable: "党群服务中心" */
  double          lon, lat;   /* degrees; NAN when the site has no position */
  HdLight         light;
  const HdAnswer *answers;    /* HdHandout.n_site_items answers, or NULL: none yet */
} HdHandoutSite;

typedef struct {
  const char *item;           /* "一条线路" */
  HdAnswer    answer;
} HdHandoutCheck;

typedef struct {
  const char *subject;        /* the site (or belt) it is about */
  const char *problem;
  const char *owner;          /* nullable */
  const char *due;            /* "YYYY-MM-DD", nullable */
  gboolean    overdue;
} HdHandoutRectification;

typedef struct {
  const char                   *name;
  const char                   *district;
  const char                   *brand;            /* nullable: 品牌定位 */
  HdLight                       light;
  const HdHandoutSite          *sites;            /* in route order */
  guint                         n_sites;
  const HdHandoutCheck         *five_ones;
  guint                         n_five_ones;
  const HdHandoutRectification *rectifications;   /* the open ones */
  guint                         n_rectifications;
} HdHandoutBelt;

typedef struct {
  const char              *title;          /* the plan's: "福州市党建示范带三年行动计划（2018—2020）" */
  const char              *region;
  const char              *date;           /* the handout's date, "YYYY-MM-DD" */
  const HdHandoutYear     *years;
  guint                    n_years;
  int                      current_year;   /* highlighted on the cover */
  const HdChartDashboard  *dashboard;      /* nullable */
  const HdChartTarget     *indicators;     /* one page each */
  guint                    n_indicators;
  const HdChartRegions    *regions;        /* nullable: per district, sites */
  const HdChartActivity   *activity;       /* nullable */
  const char *const       *site_items;     /* the six haves' names, the columns of the site tables */
  guint                    n_site_items;
  const HdHandoutBelt     *belts;
  guint                    n_belts;
} HdHandout;

typedef enum {
  HD_HANDOUT_COVER      = 1 << 0,
  HD_HANDOUT_CONTENTS   = 1 << 1,
  HD_HANDOUT_DASHBOARD  = 1 << 2,
  HD_HANDOUT_INDICATORS = 1 << 3,
  HD_HANDOUT_DISTRICTS  = 1 << 4,
  HD_HANDOUT_BELTS      = 1 << 5,
  HD_HANDOUT_ALL        = (1 << 6) - 1,
} HdHandoutSections;

typedef enum {
  HD_HANDOUT_A4,
  HD_HANDOUT_A3,
} HdHandoutPaper;

typedef struct {
  HdHandoutPaper     paper;
  gboolean           landscape;
  HdHandoutSections  sections;    /* 0 means all */
  const char *const *districts;   /* NULL-terminated; nullable: every district's belts */
  const char *const *belts;       /* NULL-terminated belt names; nullable: every belt */
  HdBasemap         *basemap;     /* nullable: the belt maps then show the land colour only */
} HdHandoutOptions;

/**
 * hd_handout_write_pdf:
 * @doc: what to print
 * @opts: (nullable): %NULL for A4 portrait, every section, every belt, no base map
 * @path: the PDF to write (replaced)
 * @n_pages: (out) (optional): how many pages it has
 *
 * Writes the handout with vector text and embedded (subset) fonts, a footer "Page N of M" on
 * each page, links from the contents to the pages and a PDF outline. Tables too long for one
 * page continue on the next under their header. Errors: %G_IO_ERROR_FAILED with the path and
 * Cairo's reason when the file cannot be written.
 */
gboolean hd_handout_write_pdf (const HdHandout        *doc,
                               const HdHandoutOptions *opts,
                               const char             *path,
                               guint                  *n_pages,
                               GError                **error);

/**
 * hd_handout_record_pages:
 * @opts: (nullable): as for hd_handout_write_pdf()
 * @width: (out) (optional): the page width in points
 * @height: (out) (optional): the page height in points
 *
 * Draws the handout as hd_handout_write_pdf() does, each page on its own Cairo recording surface
 * (0, 0, @width, @height), for printing and previews: paint one onto any cairo_t.
 *
 * Returns: (transfer full) (element-type cairo_surface_t): the pages, at least one
 */
GPtrArray *hd_handout_record_pages (const HdHandout        *doc,
                                    const HdHandoutOptions *opts,
                                    double                 *width,
                                    double                 *height);

G_END_DECLS
