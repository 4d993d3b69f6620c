/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-handout-dialog"

#include <glib/gi18n.h>
#include <string.h>

#include "hd-application.h"
#include "hd-basemap.h"
#include "hd-handout-dialog.h"
#include "hd-report.h"
#include "hd-window.h"

/* Below this a write shows no spinner: it would only flicker. */
#define PROGRESS_DELAY_MS 300

static const struct {
  HdHandoutSections section;
  const char       *label;
} section_rows[] = {
  { HD_HANDOUT_COVER, N_("Cover") },
  { HD_HANDOUT_CONTENTS, N_("Contents") },
  { HD_HANDOUT_DASHBOARD, N_("Plan progress") },
  { HD_HANDOUT_INDICATORS, N_("A page per indicator") },
  { HD_HANDOUT_DISTRICTS, N_("Districts and inspections") },
  { HD_HANDOUT_BELTS, N_("A page per belt") },
};

struct _HdHandoutDialog
{
  AdwWindow             parent_instance;

  HdReport             *report;
  char                 *title;
  GtkCheckButton       *section_checks[G_N_ELEMENTS (section_rows)];
  GPtrArray            *district_names;    /* char * */
  GPtrArray            *district_rows;     /* AdwExpanderRow *, parallel: enabled = included */
  GPtrArray            *belt_names;        /* char * */
  GPtrArray            *belt_checks;       /* GtkCheckButton *, parallel */
  guint                 progress_id;
  gboolean              busy;
  char                 *status;

  GtkWidget            *export_button;
  GtkRevealer          *status_revealer;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  AdwComboRow          *paper_row;
  GtkSwitch            *landscape_switch;
  AdwPreferencesGroup  *sections_group;
  AdwPreferencesGroup  *districts_group;
};

G_DEFINE_FINAL_TYPE (HdHandoutDialog, hd_handout_dialog, ADW_TYPE_WINDOW)

static void
show_status (HdHandoutDialog *self,
             const char      *text,
             gboolean         error,
             gboolean         spinning)
{
  g_free (self->status);
  self->status = g_strdup (text);
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_spinner_set_spinning (self->spinner, spinning);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), spinning);
  gtk_revealer_set_reveal_child (self->status_revealer, text != NULL);
}

static void
set_busy (HdHandoutDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handout.export", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->paper_row), !busy);
}

/* ---------------------------------------------------------------------------------------- */
/* Writing in a thread: the report is plain data that nothing changes while it is written. */

typedef struct {
  const HdHandout  *doc;
  HdHandoutOptions  opts;
  GStrv             districts;
  GStrv             belts;
  char             *path;
  guint             n_pages;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_strfreev (job->districts);
  g_strfreev (job->belts);
  g_free (job->path);
  g_free (job);
}

/* Says what is wrong with the folder the handout goes into, in words people act on. */
static gboolean
check_folder (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = folder != NULL ? g_file_get_parse_name (folder) : g_strdup ("/");
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;

  if (folder == NULL)
    return TRUE;
  info = g_file_query_info (folder, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local);
  if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist: choose another one"), name);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("“%s” is not a folder: choose another place"), name);
      return FALSE;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE)
      && !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The folder “%s” is read-only: choose another one"), name);
      return FALSE;
    }
  return TRUE;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autoptr(GFileOutputStream) probe = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdBasemap) basemap = NULL;
  g_autofree char *basemap_file = hd_basemap_find_file ();

  if (!check_folder (file, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* GIO says why a file cannot be written; Cairo only that writing failed. */
  probe = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &error);
  if (probe == NULL || !g_output_stream_close (G_OUTPUT_STREAM (probe), cancellable, &error))
    {
      g_task_return_new_error (task, error->domain, error->code,
                               _("Cannot save the handout: %s"), error->message);
      return;
    }
  if (basemap_file != NULL)
    basemap = hd_basemap_new_from_file (basemap_file, NULL);
  job->opts.basemap = basemap;
  if (!hd_handout_write_pdf (job->doc, &job->opts, job->path, &job->n_pages, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
show_progress (gpointer data)
{
  HdHandoutDialog *self = data;

  self->progress_id = 0;
  show_status (self, _("Writing the handout…"), FALSE, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  HdHandoutDialog *self = HD_HANDOUT_DIALOG (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_status (self, error->message, TRUE, FALSE);
      return;
    }
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (HD_IS_WINDOW (parent))
    {
      g_autofree char *name = g_path_get_basename (job->path);
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved “%s”: %u page",
                                                               "Saved “%s”: %u pages", job->n_pages),
                                                  name, job->n_pages);

      hd_window_add_toast (HD_WINDOW (parent), message);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static HdHandoutSections
chosen_sections (HdHandoutDialog *self)
{
  HdHandoutSections sections = 0;

  for (guint i = 0; i < G_N_ELEMENTS (section_rows); i++)
    if (gtk_check_button_get_active (self->section_checks[i]))
      sections |= section_rows[i].section;
  return sections;
}

void
hd_handout_dialog_export_to (HdHandoutDialog *self,
                             GFile           *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) districts = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) belts = g_strv_builder_new ();
  ExportJob *job;

  g_return_if_fail (HD_IS_HANDOUT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy)
    return;
  if (g_file_get_path (file) == NULL)
    {
      show_status (self, _("The handout can only be saved to a local folder"), TRUE, FALSE);
      return;
    }
  for (guint i = 0; i < self->district_names->len; i++)
    if (adw_expander_row_get_enable_expansion (g_ptr_array_index (self->district_rows, i)))
      g_strv_builder_add (districts, g_ptr_array_index (self->district_names, i));
  for (guint i = 0; i < self->belt_names->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->belt_checks, i)))
      g_strv_builder_add (belts, g_ptr_array_index (self->belt_names, i));

  job = g_new0 (ExportJob, 1);
  job->doc = hd_report_get_handout (self->report);
  job->path = g_file_get_path (file);
  job->districts = g_strv_builder_end (districts);
  job->belts = g_strv_builder_end (belts);
  job->opts.paper = adw_combo_row_get_selected (self->paper_row) == 1 ? HD_HANDOUT_A3 : HD_HANDOUT_A4;
  job->opts.landscape = gtk_switch_get_active (self->landscape_switch);
  job->opts.sections = chosen_sections (self);
  job->opts.districts = (const char *const *) job->districts;
  job->opts.belts = (const char *const *) job->belts;

  set_busy (self, TRUE);
  show_status (self, NULL, FALSE, FALSE);
  self->progress_id = g_timeout_add (PROGRESS_DELAY_MS, show_progress, self);
  task = g_task_new (self, NULL, on_exported, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_file_chosen (GtkNativeDialog *native,
                int              response,
                HdHandoutDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

      /* The handout is a PDF whatever the name typed. */
      if (file != NULL && name != NULL && !g_str_has_suffix (name, ".pdf") && !g_str_has_suffix (name, ".PDF"))
        {
          g_autofree char *with = g_strconcat (name, ".pdf", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);
          GFile *child = g_file_get_child (parent, with);

          g_object_unref (file);
          file = child;
        }
      if (file != NULL)
        hd_handout_dialog_export_to (self, file);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdHandoutDialog *self = HD_HANDOUT_DIALOG (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (chosen_sections (self) == 0)
    {
      show_status (self, _("Choose at least one section"), TRUE, FALSE);
      return;
    }
  native = gtk_file_chooser_native_new (_("Export Handout"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  name = g_strdelimit (g_strconcat (self->title, ".pdf", NULL), "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_file_filter_set_name (filter, _("PDF document"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (on_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---------------------------------------------------------------------------------------- */

static GtkCheckButton *
add_check_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  return GTK_CHECK_BUTTON (check);
}

/* A row per district that can be left out (its switch), opening on a check per belt. */
static void
fill_districts (HdHandoutDialog *self)
{
  const HdHandout *doc = hd_report_get_handout (self->report);

  for (guint i = 0; i < doc->n_belts; i++)
    {
      const char *district = doc->belts[i].district;
      g_autofree char *count = NULL;
      GtkWidget *row;
      guint n = 0;

      if (g_ptr_array_find_with_equal_func (self->district_names, district, g_str_equal, NULL))
        continue;
      row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), district);
      adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (row), TRUE);
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), TRUE);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
      for (guint j = i; j < doc->n_belts; j++)
        if (g_str_equal (doc->belts[j].district, district))
          {
            GtkWidget *belt_row = adw_action_row_new ();
            GtkWidget *check = gtk_check_button_new ();

            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (belt_row), doc->belts[j].name);
            gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
            gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
            adw_action_row_add_prefix (ADW_ACTION_ROW (belt_row), check);
            adw_action_row_set_activatable_widget (ADW_ACTION_ROW (belt_row), check);
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row), belt_row);
            g_ptr_array_add (self->belt_names, g_strdup (doc->belts[j].name));
            g_ptr_array_add (self->belt_checks, check);
            n++;
          }
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u belt", "%u belts", n), n);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), count);
      adw_preferences_group_add (self->districts_group, row);
      g_ptr_array_add (self->district_names, g_strdup (district));
      g_ptr_array_add (self->district_rows, row);
    }
  if (doc->n_belts == 0)
    adw_preferences_group_set_description (self->districts_group, _("The plan’s region has no belts yet"));
}

const char *
hd_handout_dialog_get_status (HdHandoutDialog *self)
{
  g_return_val_if_fail (HD_IS_HANDOUT_DIALOG (self), NULL);
  return self->status;
}

void
hd_handout_dialog_set_section (HdHandoutDialog   *self,
                               HdHandoutSections  section,
                               gboolean           active)
{
  g_return_if_fail (HD_IS_HANDOUT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (section_rows); i++)
    if (section_rows[i].section & section)
      gtk_check_button_set_active (self->section_checks[i], active);
}

void
hd_handout_dialog_set_district (HdHandoutDialog *self,
                                const char      *district,
                                gboolean         active)
{
  guint index;

  g_return_if_fail (HD_IS_HANDOUT_DIALOG (self));

  if (g_ptr_array_find_with_equal_func (self->district_names, district, g_str_equal, &index))
    adw_expander_row_set_enable_expansion (g_ptr_array_index (self->district_rows, index), active);
}

void
hd_handout_dialog_set_belt (HdHandoutDialog *self,
                            const char      *belt,
                            gboolean         active)
{
  guint index;

  g_return_if_fail (HD_IS_HANDOUT_DIALOG (self));

  if (g_ptr_array_find_with_equal_func (self->belt_names, belt, g_str_equal, &index))
    gtk_check_button_set_active (g_ptr_array_index (self->belt_checks, index), active);
}

static void
hd_handout_dialog_dispose (GObject *object)
{
  HdHandoutDialog *self = HD_HANDOUT_DIALOG (object);

  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_HANDOUT_DIALOG);
  G_OBJECT_CLASS (hd_handout_dialog_parent_class)->dispose (object);
}

static void
hd_handout_dialog_finalize (GObject *object)
{
  HdHandoutDialog *self = HD_HANDOUT_DIALOG (object);

  g_clear_pointer (&self->report, hd_report_free);
  g_clear_pointer (&self->district_names, g_ptr_array_unref);
  g_clear_pointer (&self->district_rows, g_ptr_array_unref);
  g_clear_pointer (&self->belt_names, g_ptr_array_unref);
  g_clear_pointer (&self->belt_checks, g_ptr_array_unref);
  g_free (self->title);
  g_free (self->status);
  G_OBJECT_CLASS (hd_handout_dialog_parent_class)->finalize (object);
}

static void
hd_handout_dialog_class_init (HdHandoutDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_handout_dialog_dispose;
  object_class->finalize = hd_handout_dialog_finalize;

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongdai/Hongdai/hd-handout-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HdHandoutDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, HdHandoutDialog, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, HdHandoutDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, HdHandoutDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, HdHandoutDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, HdHandoutDialog, landscape_switch);
  gtk_widget_class_bind_template_child (widget_class, HdHandoutDialog, sections_group);
  gtk_widget_class_bind_template_child (widget_class, HdHandoutDialog, districts_group);

  gtk_widget_class_install_action (widget_class, "handout.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_handout_dialog_init (HdHandoutDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->district_names = g_ptr_array_new_with_free_func (g_free);
  self->district_rows = g_ptr_array_new ();
  self->belt_names = g_ptr_array_new_with_free_func (g_free);
  self->belt_checks = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (section_rows); i++)
    self->section_checks[i] = add_check_row (self->sections_group, _(section_rows[i].label), NULL);
  /* The belts to print only matter when their pages are. */
  g_object_bind_property (self->section_checks[G_N_ELEMENTS (section_rows) - 1], "active",
                          self->districts_group, "sensitive", G_BINDING_SYNC_CREATE);
}

HdHandoutDialog *
hd_handout_dialog_new (GtkWindow   *parent,
                       HdStore     *store,
                       const char  *plan_id,
                       GError     **error)
{
  HdHandoutDialog *self;
  HdReport *report;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  report = hd_report_new (store, plan_id, NULL, NULL, NULL, error);
  if (report == NULL)
    return NULL;
  self = g_object_new (HD_TYPE_HANDOUT_DIALOG, "transient-for", parent, NULL);
  self->report = report;
  self->title = g_strdup (hd_report_get_handout (report)->title);
  fill_districts (self);
  return self;
}

/* ---------------------------------------------------------------------------------------- */
/* Printing                                                                                   */

typedef struct {
  HdReport          *report;
  GPtrArray         *pages;   /* cairo_surface_t, recorded for the chosen page setup */
  double             width, height;
  HdHandoutSections  sections;
  GtkCheckButton    *checks[G_N_ELEMENTS (section_rows)];   /* the dialog's "Handout" tab */
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  hd_report_free (job->report);
  g_clear_pointer (&job->pages, g_ptr_array_unref);
  g_free (job);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  GtkPaperSize *paper = gtk_page_setup_get_paper_size (setup);
  GtkPageOrientation orientation = gtk_page_setup_get_orientation (setup);
  g_autoptr(HdBasemap) basemap = NULL;
  g_autofree char *basemap_file = hd_basemap_find_file ();
  HdHandoutOptions opts = { HD_HANDOUT_A4, FALSE, job->sections, NULL, NULL, NULL };

  /* A3 when the paper holds it, else the A4 layout scaled to the paper. */
  if (gtk_paper_size_get_width (paper, GTK_UNIT_MM) >= 290 && gtk_paper_size_get_height (paper, GTK_UNIT_MM) >= 410)
    opts.paper = HD_HANDOUT_A3;
  opts.landscape = orientation == GTK_PAGE_ORIENTATION_LANDSCAPE
                   || orientation == GTK_PAGE_ORIENTATION_REVERSE_LANDSCAPE;
  if (basemap_file != NULL)
    basemap = hd_basemap_new_from_file (basemap_file, NULL);
  opts.basemap = basemap;
  g_clear_pointer (&job->pages, g_ptr_array_unref);
  job->pages = hd_handout_record_pages (hd_report_get_handout (job->report), &opts, &job->width, &job->height);
  gtk_print_operation_set_n_pages (operation, (int) job->pages->len);
}

static void
on_draw_handout_page (GtkPrintOperation *operation,
                      GtkPrintContext   *context,
                      int                page_nr,
                      PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_w = gtk_print_context_get_width (context);
  double page_h = gtk_print_context_get_height (context);
  double scale;

  if (job->pages == NULL || page_nr < 0 || (guint) page_nr >= job->pages->len)
    return;
  /* The handout's page, margins included, scaled to fit and centred in the printable area. */
  scale = MIN (page_w / job->width, page_h / job->height);
  cairo_save (cr);
  cairo_translate (cr, (page_w - job->width * scale) / 2, (page_h - job->height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, g_ptr_array_index (job->pages, page_nr), 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* The print dialog's "Handout" tab: which sections. */
static GObject *
on_create_custom_widget (GtkPrintOperation *operation,
                         PrintJob          *job)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  for (guint i = 0; i < G_N_ELEMENTS (section_rows); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_(section_rows[i].label));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (job->sections & section_rows[i].section) != 0);
      gtk_box_append (GTK_BOX (box), check);
      job->checks[i] = GTK_CHECK_BUTTON (check);
    }
  return G_OBJECT (box);
}

static void
on_custom_widget_apply (GtkPrintOperation *operation,
                        GtkWidget         *widget,
                        PrintJob          *job)
{
  HdHandoutSections sections = 0;

  for (guint i = 0; i < G_N_ELEMENTS (section_rows); i++)
    if (job->checks[i] != NULL && gtk_check_button_get_active (job->checks[i]))
      sections |= section_rows[i].section;
  /* Nothing ticked prints everything rather than nothing. */
  job->sections = sections != 0 ? sections : HD_HANDOUT_ALL;
  memset (job->checks, 0, sizeof job->checks);
}

void
hd_handout_print_operation_set_sections (GtkPrintOperation *operation,
                                         HdHandoutSections  sections)
{
  PrintJob *job = g_object_get_data (G_OBJECT (operation), "hd-print-job");

  g_return_if_fail (job != NULL);
  job->sections = sections != 0 ? sections : HD_HANDOUT_ALL;
}

GtkPrintOperation *
hd_handout_print_operation_new (HdStore     *store,
                                const char  *plan_id,
                                GError     **error)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  PrintJob *job;
  HdReport *report;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  report = hd_report_new (store, plan_id, NULL, NULL, NULL, error);
  if (report == NULL)
    return NULL;
  job = g_new0 (PrintJob, 1);
  job->report = report;
  job->sections = HD_HANDOUT_ALL;

  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, hd_report_get_handout (report)->title);
  g_object_set_data_full (G_OBJECT (operation), "hd-print-job", job, (GDestroyNotify) print_job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_handout_page), job);
  gtk_print_operation_set_custom_tab_label (operation, _("Handout"));
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (on_create_custom_widget), job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (on_custom_widget_apply), job);
  return operation;
}
