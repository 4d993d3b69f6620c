/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-attachment-list"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-attachment-list.h"

#define THUMBNAIL_SIZE 48

struct _HdAttachmentList
{
  AdwPreferencesGroup  parent_instance;

  HdStore             *store;
  HdAttachmentOwner    owner;
  char                *owner_id;
  GListStore          *attachments;
  GPtrArray           *rows;        /* AdwActionRow, in the order of attachments */
  GCancellable        *cancellable; /* thumbnails being made */
  GtkFileChooserNative *chooser;

  /* template */
  GtkButton           *add_button;
};

G_DEFINE_FINAL_TYPE (HdAttachmentList, hd_attachment_list, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (HdAttachmentList *self,
            const char       *heading,
            const GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_warning ("%s: %s", heading, error->message);
  if (!GTK_IS_WINDOW (root))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Thumbnails: decoded and scaled in a worker thread (photos are large), shown when ready. */
static void
thumbnail_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file_at_scale (task_data, THUMBNAIL_SIZE * 2,
                                                         THUMBNAIL_SIZE * 2, TRUE, &error);

  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
thumbnail_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  pixbuf = g_task_propagate_pointer (G_TASK (result), &error);
  if (pixbuf == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

static GtkWidget *
make_prefix (HdAttachmentList *self,
             HdAttachment     *attachment)
{
  if (hd_attachment_is_image (attachment) && !hd_attachment_get_missing (attachment))
    {
      GtkWidget *picture = gtk_picture_new ();
      g_autoptr(GTask) task = NULL;

      gtk_widget_set_size_request (picture, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "attachment-thumbnail");
      task = g_task_new (NULL, self->cancellable, thumbnail_done, g_object_ref (picture));
      g_task_set_task_data (task, g_strdup (hd_attachment_get_path (attachment)), g_free);
      g_task_run_in_thread (task, thumbnail_thread);
      return picture;
    }
  else
    {
      g_autofree char *content_type = g_content_type_from_mime_type (hd_attachment_get_mime_type (attachment));
      g_autoptr(GIcon) icon = content_type != NULL ? g_content_type_get_symbolic_icon (content_type)
                                                   : g_themed_icon_new ("text-x-generic-symbolic");
      GtkWidget *image = gtk_image_new_from_gicon (icon);

      gtk_image_set_pixel_size (GTK_IMAGE (image), 32);
      gtk_widget_set_size_request (image, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
      gtk_widget_add_css_class (image, "dim-label");
      return image;
    }
}

static void
open_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HdAttachmentList) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    show_error (self, _("Cannot Open the File"), error);
}

static void
on_open_clicked (GtkButton        *button,
                 HdAttachmentList *self)
{
  HdAttachment *attachment = g_object_get_data (G_OBJECT (button), "attachment");
  g_autoptr(GFile) file = g_file_new_for_path (hd_attachment_get_path (attachment));
  g_autofree char *uri = g_file_get_uri (file);

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, open_done, g_object_ref (self));
}

static void
on_remove_clicked (GtkButton        *button,
                   HdAttachmentList *self)
{
  HdAttachment *attachment = g_object_get_data (G_OBJECT (button), "attachment");
  guint position;

  if (g_list_store_find (self->attachments, attachment, &position))
    hd_attachment_list_remove (self, position);
}

static GtkWidget *
make_row (HdAttachmentList *self,
          HdAttachment     *attachment)
{
  g_autofree char *name = g_path_get_basename (hd_attachment_get_path (attachment));
  g_autofree char *display = g_filename_display_name (name);
  g_autofree char *where = g_filename_display_name (hd_attachment_get_path (attachment));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display);
  gtk_widget_set_tooltip_text (row, where);
  if (hd_attachment_get_missing (attachment))
    subtitle = g_strdup (_("Missing — moved or deleted since attached"));
  else if (hd_attachment_get_changed (attachment))
    subtitle = g_strdup (_("Moved or changed since attached"));
  else
    {
      g_autofree char *size = g_format_size (hd_attachment_get_size (attachment));
      g_autofree char *content_type = g_content_type_from_mime_type (hd_attachment_get_mime_type (attachment));
      g_autofree char *kind = content_type != NULL ? g_content_type_get_description (content_type) : NULL;

      /* Translators: an attachment's size and kind, e.g. "1.2 MB · PNG image" */
      subtitle = kind != NULL ? g_strdup_printf (_("%s · %s"), size, kind) : g_strdup (size);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), make_prefix (self, attachment));

  if (hd_attachment_get_missing (attachment) || hd_attachment_get_changed (attachment))
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (warning, "warning");
      gtk_widget_set_tooltip_text (warning, subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      subtitle, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
      gtk_widget_add_css_class (row, "attachment-warning");
    }

  button = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Open"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open"), -1);
  gtk_widget_set_sensitive (button, !hd_attachment_get_missing (attachment));
  g_object_set_data_full (G_OBJECT (button), "attachment", g_object_ref (attachment), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_open_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove"), -1);
  g_object_set_data_full (G_OBJECT (button), "attachment", g_object_ref (attachment), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_rows (HdAttachmentList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_list_store_remove_all (self->attachments);
}

void
hd_attachment_list_reload (HdAttachmentList *self)
{
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_return_if_fail (HD_IS_ATTACHMENT_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->owner_id != NULL);
  if (self->owner_id == NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                             _("Save first to attach files."));
      return;
    }
  list = hd_store_list_attachments (self->store, self->owner, self->owner_id, &error);
  if (list == NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), error->message);
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdAttachment) attachment = g_list_model_get_item (G_LIST_MODEL (list), i);
      GtkWidget *row = make_row (self, attachment);

      g_list_store_append (self->attachments, attachment);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         n == 0 ? _("No files attached. Photos and documents stay where they are; a moved or edited file is flagged.")
                                                : NULL);
}

static void
on_store_changed (HdStore          *store,
                  guint             kinds,
                  char            **ids,
                  HdAttachmentList *self)
{
  HdChangeKind mine = self->owner == HD_ATTACHMENT_OWNER_BELT ? HD_CHANGE_BELTS : HD_CHANGE_SITES;

  if (self->owner_id == NULL || !(kinds & mine))
    return;
  /* No ids: everything may have changed (another program). */
  if (ids == NULL || ids[0] == NULL || g_strv_contains ((const char * const *) ids, self->owner_id))
    hd_attachment_list_reload (self);
}

gboolean
hd_attachment_list_add_files (HdAttachmentList *self,
                              GListModel       *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_return_val_if_fail (HD_IS_ATTACHMENT_LIST (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (files), FALSE);

  if (self->owner_id == NULL)
    return FALSE;
  n = g_list_model_get_n_items (files);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    return FALSE;
  g_ptr_array_add (paths, NULL);
  added = hd_store_add_attachments (self->store, self->owner, self->owner_id,
                                    (const char * const *) paths->pdata, &error);
  if (added == NULL)
    {
      show_error (self, _("Cannot Attach the Files"), error);
      return FALSE;
    }
  return TRUE;
}

static void
on_chooser_response (GtkNativeDialog  *chooser,
                     int               response,
                     HdAttachmentList *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      hd_attachment_list_add_files (self, files);
    }
  g_clear_object (&self->chooser);
}

static void
on_add_clicked (HdAttachmentList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) documents = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Attach Files"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (all, _("Photos and Documents"));
  gtk_file_filter_add_mime_type (all, "image/*");
  gtk_file_filter_add_mime_type (all, "application/pdf");
  gtk_file_filter_add_mime_type (all, "application/msword");
  gtk_file_filter_add_mime_type (all, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  gtk_file_filter_add_mime_type (all, "application/vnd.ms-excel");
  gtk_file_filter_add_mime_type (all, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_mime_type (all, "application/vnd.oasis.opendocument.text");
  gtk_file_filter_add_mime_type (all, "application/vnd.oasis.opendocument.spreadsheet");
  gtk_file_filter_add_mime_type (all, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_mime_type (images, "image/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), images);
  gtk_file_filter_set_name (documents, _("All Files"));
  gtk_file_filter_add_pattern (documents, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), documents);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

gboolean
hd_attachment_list_remove (HdAttachmentList *self,
                           guint             index)
{
  g_autoptr(HdAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[2] = { NULL, NULL };

  g_return_val_if_fail (HD_IS_ATTACHMENT_LIST (self), FALSE);

  attachment = g_list_model_get_item (G_LIST_MODEL (self->attachments), index);
  if (attachment == NULL)
    return FALSE;
  ids[0] = hd_attachment_get_id (attachment);
  if (!hd_store_remove_attachments (self->store, ids, &error))
    {
      show_error (self, _("Cannot Remove the Attachment"), error);
      return FALSE;
    }
  g_signal_emit (self, signals[SIGNAL_REMOVED], 0, hd_store_get_undo_label (self->store));
  return TRUE;
}

static void
hd_attachment_list_dispose (GObject *object)
{
  HdAttachmentList *self = HD_ATTACHMENT_LIST (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->attachments);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->owner_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_ATTACHMENT_LIST);

  G_OBJECT_CLASS (hd_attachment_list_parent_class)->dispose (object);
}

static void
hd_attachment_list_class_init (HdAttachmentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_attachment_list_dispose;

  signals[SIGNAL_REMOVED] = g_signal_new ("removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-attachment-list.ui");
  gtk_widget_class_bind_template_child (widget_class, HdAttachmentList, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
}

static void
hd_attachment_list_init (HdAttachmentList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->attachments = g_list_store_new (HD_TYPE_ATTACHMENT);
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
hd_attachment_list_new (HdStore           *store,
                        HdAttachmentOwner  owner)
{
  HdAttachmentList *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_ATTACHMENT_LIST, NULL);
  self->store = g_object_ref (store);
  self->owner = owner;
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  hd_attachment_list_reload (self);
  return GTK_WIDGET (self);
}

void
hd_attachment_list_set_owner_id (HdAttachmentList *self,
                                 const char       *owner_id)
{
  g_return_if_fail (HD_IS_ATTACHMENT_LIST (self));

  g_free (self->owner_id);
  self->owner_id = g_strdup (owner_id);
  hd_attachment_list_reload (self);
}

guint
hd_attachment_list_get_n_rows (HdAttachmentList *self)
{
  g_return_val_if_fail (HD_IS_ATTACHMENT_LIST (self), 0);
  return self->rows->len;
}

GtkWidget *
hd_attachment_list_get_row (HdAttachmentList *self,
                            guint             index)
{
  g_return_val_if_fail (HD_IS_ATTACHMENT_LIST (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, index);
}

HdAttachment *
hd_attachment_list_get_attachment (HdAttachmentList *self,
                                   guint             index)
{
  g_autoptr(HdAttachment) attachment = NULL;

  g_return_val_if_fail (HD_IS_ATTACHMENT_LIST (self), NULL);
  attachment = g_list_model_get_item (G_LIST_MODEL (self->attachments), index);
  /* The list store keeps its own reference. */
  return attachment;
}
