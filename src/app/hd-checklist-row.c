/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-checklist-row"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-checklist-row.h"

/* A note is saved this long after the last key press (and at once when the entry loses the
 * focus), so a crash loses at most the words being typed. */
#define NOTE_SAVE_DELAY_MS 400

struct _HdChecklistRow
{
  GtkListBoxRow    parent_instance;

  char            *inspection_id;
  char            *item_id;
  char            *code;
  char            *title;
  HdItemKind       kind;
  double           weight;
  HdAnswer         answer;
  gboolean         suggested;
  gboolean         editable;
  gboolean         syncing;
  guint            note_timeout_id;

  /* template */
  GtkLabel        *code_label;
  GtkLabel        *title_label;
  GtkWidget       *red_line_tag;
  GtkWidget       *photo_tag;
  GtkWidget       *suggested_tag;
  GtkWidget       *confirm_button;
  GtkWidget       *worse_tag;
  GtkLabel        *guidance_label;
  GtkLabel        *previous_label;
  GtkWidget       *answers_box;
  GtkToggleButton *met_button;
  GtkToggleButton *partly_button;
  GtkToggleButton *not_met_button;
  GtkToggleButton *na_button;
  GtkEntry        *note_entry;
  GtkLabel        *note_label;
  GtkWidget       *photo_button;
  GtkWidget       *photos_box;
  GtkBox          *thumbnails_box;
  GtkWidget       *photo_warning;
  GtkLabel        *photos_label;

  guint            n_photos;
  guint            n_photo_problems;
};

G_DEFINE_FINAL_TYPE (HdChecklistRow, hd_checklist_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  ANSWER_CHOSEN,
  NOTE_CHANGED,
  NOTE_ACTIVATED,
  PHOTO_REQUESTED,
  PHOTO_REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
hd_checklist_row_format_accessible (const char *code,
                                    const char *title,
                                    HdAnswer    answer,
                                    gboolean    suggested)
{
  const char *state;

  if (answer == HD_ANSWER_NONE)
    /* Translators: what a screen reader says of an unanswered checklist item */
    state = C_("checklist answer", "not answered");
  else
    state = hd_answer_label (answer);

  if (suggested && answer != HD_ANSWER_NONE)
    /* Translators: a checklist item for screen readers: code, title, the suggested answer */
    return g_strdup_printf (_("%s %s: %s, suggested from the data"), code, title, state);

  /* Translators: a checklist item for screen readers: code, title, answer */
  return g_strdup_printf (_("%s %s: %s"), code, title, state);
}

char *
hd_checklist_row_format_previous (HdAnswer previous)
{
  if (previous == HD_ANSWER_NONE)
    return NULL;

  /* Translators: under a checklist item: the answer in the previous inspection */
  return g_strdup_printf (_("Last time: %s"), hd_answer_label (previous));
}

static GtkToggleButton *
button_for_answer (HdChecklistRow *self,
                   HdAnswer        answer)
{
  switch (answer)
    {
    case HD_ANSWER_MET:
      return self->met_button;
    case HD_ANSWER_PARTLY:
      return self->partly_button;
    case HD_ANSWER_NOT_MET:
      return self->not_met_button;
    case HD_ANSWER_NA:
      return self->na_button;
    case HD_ANSWER_NONE:
    default:
      return NULL;
    }
}

static void
hd_checklist_row_sync (HdChecklistRow *self)
{
  GtkToggleButton *active = button_for_answer (self, self->answer);
  GtkToggleButton *buttons[] = {
    self->met_button, self->partly_button, self->not_met_button, self->na_button
  };
  g_autofree char *accessible = NULL;
  gboolean shows_suggestion = self->suggested && self->answer != HD_ANSWER_NONE;

  self->syncing = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      /* A group cannot be emptied by activating; unanswered clears every button by hand. */
      gtk_toggle_button_set_active (buttons[i], buttons[i] == active);
      if (shows_suggestion && buttons[i] == active)
        gtk_widget_add_css_class (GTK_WIDGET (buttons[i]), "suggested");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (buttons[i]), "suggested");
    }
  self->syncing = FALSE;

  gtk_widget_set_visible (self->suggested_tag, shows_suggestion);
  gtk_widget_set_visible (self->confirm_button, shows_suggestion && self->editable);

  accessible = hd_checklist_row_format_accessible (self->code, self->title,
                                                   self->answer, self->suggested);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
on_answer_toggled (HdChecklistRow  *self,
                   GtkToggleButton *button)
{
  HdAnswer answer;

  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;

  if (button == self->met_button)
    answer = HD_ANSWER_MET;
  else if (button == self->partly_button)
    answer = HD_ANSWER_PARTLY;
  else if (button == self->not_met_button)
    answer = HD_ANSWER_NOT_MET;
  else
    answer = HD_ANSWER_NA;

  g_signal_emit (self, signals[ANSWER_CHOSEN], 0, (int) answer);
}

static void
on_photo_clicked (HdChecklistRow *self,
                  GtkButton      *button)
{
  g_signal_emit (self, signals[PHOTO_REQUESTED], 0);
}

static void
on_confirm_clicked (HdChecklistRow *self,
                    GtkButton      *button)
{
  if (self->answer != HD_ANSWER_NONE)
    g_signal_emit (self, signals[ANSWER_CHOSEN], 0, (int) self->answer);
}

static gboolean
note_timeout (gpointer user_data)
{
  HdChecklistRow *self = user_data;

  self->note_timeout_id = 0;
  g_signal_emit (self, signals[NOTE_CHANGED], 0,
                 gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));

  return G_SOURCE_REMOVE;
}

static void
on_note_changed (HdChecklistRow *self,
                 GtkEditable    *editable)
{
  if (self->syncing)
    return;

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  self->note_timeout_id = g_timeout_add (NOTE_SAVE_DELAY_MS, note_timeout, self);
}

static void
on_note_activate (HdChecklistRow *self,
                  GtkEntry       *entry)
{
  hd_checklist_row_flush_note (self);
  g_signal_emit (self, signals[NOTE_ACTIVATED], 0);
}

static void
on_note_focus_leave (HdChecklistRow          *self,
                     GtkEventControllerFocus *controller)
{
  hd_checklist_row_flush_note (self);
}

void
hd_checklist_row_flush_note (HdChecklistRow *self)
{
  g_return_if_fail (HD_IS_CHECKLIST_ROW (self));

  if (self->note_timeout_id == 0)
    return;

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  g_signal_emit (self, signals[NOTE_CHANGED], 0,
                 gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
}

static void
hd_checklist_row_dispose (GObject *object)
{
  HdChecklistRow *self = HD_CHECKLIST_ROW (object);

  /* The view flushes notes before it drops rows; a timer left now has no one to tell. */
  g_clear_handle_id (&self->note_timeout_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_CHECKLIST_ROW);

  G_OBJECT_CLASS (hd_checklist_row_parent_class)->dispose (object);
}

static void
hd_checklist_row_finalize (GObject *object)
{
  HdChecklistRow *self = HD_CHECKLIST_ROW (object);

  g_free (self->inspection_id);
  g_free (self->item_id);
  g_free (self->code);
  g_free (self->title);

  G_OBJECT_CLASS (hd_checklist_row_parent_class)->finalize (object);
}

static void
remove_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HdChecklistRow *self = HD_CHECKLIST_ROW (widget);

  if (self->editable)
    g_signal_emit (self, signals[PHOTO_REMOVE_REQUESTED], 0, g_variant_get_string (parameter, NULL));
}

static void
hd_checklist_row_class_init (HdChecklistRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_checklist_row_dispose;
  object_class->finalize = hd_checklist_row_finalize;

  signals[ANSWER_CHOSEN] =
    g_signal_new ("answer-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
  signals[NOTE_CHANGED] =
    g_signal_new ("note-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NOTE_ACTIVATED] =
    g_signal_new ("note-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[PHOTO_REMOVE_REQUESTED] =
    g_signal_new ("photo-remove-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_install_action (widget_class, "checklist.remove-photo", "s", remove_photo_action);
  signals[PHOTO_REQUESTED] =
    g_signal_new ("photo-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-checklist-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, red_line_tag);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, photo_tag);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, suggested_tag);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, worse_tag);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, guidance_label);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, previous_label);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, answers_box);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, met_button);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, partly_button);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, not_met_button);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, na_button);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, note_entry);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, photo_button);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, photos_box);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, thumbnails_box);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, photo_warning);
  gtk_widget_class_bind_template_child (widget_class, HdChecklistRow, photos_label);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_photo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_note_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_note_activate);

  gtk_widget_class_set_css_name (widget_class, "row");
}

static void
hd_checklist_row_init (HdChecklistRow *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_note_focus_leave), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->note_entry), focus);
}

static void
label_answer_button (HdChecklistRow  *self,
                     GtkToggleButton *button,
                     HdAnswer         answer,
                     guint            key)
{
  g_autofree char *accessible = NULL;
  g_autofree char *tooltip = NULL;

  gtk_button_set_label (GTK_BUTTON (button), hd_answer_label (answer));
  /* Translators: a checklist answer button for screen readers: the answer, then the item */
  accessible = g_strdup_printf (_("%s: %s"), hd_answer_label (answer), self->title);
  /* Translators: a checklist answer button's tooltip: the answer and its key, e.g. "Met (1)" */
  tooltip = g_strdup_printf (_("%s (%u)"), hd_answer_label (answer), key);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

GtkWidget *
hd_checklist_row_new (HdInspectionAnswer *answer,
                      const char         *inspection_id,
                      gboolean            editable)
{
  HdChecklistRow *self;
  const char *guidance;
  const char *note;
  g_autofree char *previous = NULL;

  g_return_val_if_fail (HD_IS_INSPECTION_ANSWER (answer), NULL);
  g_return_val_if_fail (inspection_id != NULL, NULL);

  self = g_object_new (HD_TYPE_CHECKLIST_ROW, NULL);
  self->inspection_id = g_strdup (inspection_id);
  self->item_id = g_strdup (hd_inspection_answer_get_item_id (answer));
  self->code = g_strdup (hd_inspection_answer_get_code (answer));
  self->title = g_strdup (hd_inspection_answer_get_title (answer));
  self->kind = hd_inspection_answer_get_kind (answer);
  self->weight = hd_inspection_answer_get_weight (answer);
  self->answer = hd_inspection_answer_get_answer (answer);
  self->suggested = hd_inspection_answer_get_suggested (answer);
  self->editable = editable;

  gtk_label_set_label (self->code_label, self->code);
  gtk_label_set_label (self->title_label, self->title);

  guidance = hd_inspection_answer_get_guidance (answer);
  gtk_label_set_label (self->guidance_label, guidance);
  gtk_widget_set_visible (GTK_WIDGET (self->guidance_label), guidance != NULL && *guidance != '\0');

  gtk_widget_set_visible (self->red_line_tag, self->kind == HD_ITEM_KIND_RED_LINE);
  gtk_widget_set_visible (self->photo_tag, hd_inspection_answer_get_photo_required (answer));

  previous = hd_checklist_row_format_previous (hd_inspection_answer_get_previous_answer (answer));
  gtk_label_set_label (self->previous_label, previous);
  gtk_widget_set_visible (GTK_WIDGET (self->previous_label), previous != NULL);

  if (hd_inspection_answer_get_worse (answer))
    {
      gtk_widget_set_visible (self->worse_tag, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "worse");
    }

  label_answer_button (self, self->met_button, HD_ANSWER_MET, 1);
  label_answer_button (self, self->partly_button, HD_ANSWER_PARTLY, 2);
  label_answer_button (self, self->not_met_button, HD_ANSWER_NOT_MET, 3);
  label_answer_button (self, self->na_button, HD_ANSWER_NA, 4);

  /* A finished inspection is a record: answers can be read, not changed (a correction can). */
  gtk_widget_set_sensitive (self->answers_box, editable);
  gtk_widget_set_visible (self->photo_button, editable);
  note = hd_inspection_answer_get_note (answer);
  gtk_widget_set_visible (GTK_WIDGET (self->note_entry), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label),
                          !editable && note != NULL && *note != '\0');
  gtk_label_set_label (self->note_label, note);
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note != NULL ? note : "");
  self->syncing = FALSE;

  hd_checklist_row_sync (self);

  return GTK_WIDGET (self);
}

const char *
hd_checklist_row_get_inspection_id (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), NULL);
  return self->inspection_id;
}

const char *
hd_checklist_row_get_item_id (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), NULL);
  return self->item_id;
}

const char *
hd_checklist_row_get_code (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), NULL);
  return self->code;
}

const char *
hd_checklist_row_get_title (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), NULL);
  return self->title;
}

HdItemKind
hd_checklist_row_get_kind (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), HD_ITEM_KIND_REQUIREMENT);
  return self->kind;
}

double
hd_checklist_row_get_weight (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), 0);
  return self->weight;
}

HdAnswer
hd_checklist_row_get_answer (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), HD_ANSWER_NONE);
  return self->answer;
}

gboolean
hd_checklist_row_get_suggested (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), FALSE);
  return self->suggested;
}

gboolean
hd_checklist_row_get_editable (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), FALSE);
  return self->editable;
}

void
hd_checklist_row_set_answer (HdChecklistRow *self,
                             HdAnswer        answer,
                             gboolean        suggested)
{
  g_return_if_fail (HD_IS_CHECKLIST_ROW (self));

  /* Always re-syncs: after a refused click the buttons show what is stored again. */
  self->answer = answer;
  self->suggested = suggested;
  hd_checklist_row_sync (self);
}

void
hd_checklist_row_set_note (HdChecklistRow *self,
                           const char     *note)
{
  g_return_if_fail (HD_IS_CHECKLIST_ROW (self));

  gtk_label_set_label (self->note_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label),
                          !self->editable && note != NULL && *note != '\0');

  /* Never pull the text from under the inspector's fingers. */
  if (hd_checklist_row_note_has_focus (self) || self->note_timeout_id != 0)
    return;

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note != NULL ? note : "");
  self->syncing = FALSE;
}

const char *
hd_checklist_row_get_note_text (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
}

void
hd_checklist_row_focus_note (HdChecklistRow *self)
{
  g_return_if_fail (HD_IS_CHECKLIST_ROW (self));

  if (self->editable)
    gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
}

gboolean
hd_checklist_row_note_has_focus (HdChecklistRow *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  return focus != NULL && (focus == GTK_WIDGET (self->note_entry) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->note_entry)));
}

char *
hd_checklist_row_format_photos (guint n_photos,
                                guint n_missing,
                                guint n_changed)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (n_photos == 0)
    return NULL;
  /* Translators: under a checklist item: how many photos are attached */
  g_string_append_printf (text, ngettext ("%u photo", "%u photos", n_photos), n_photos);
  if (n_missing > 0)
    {
      g_string_append (text, C_("list separator", ", "));
      /* Translators: photos whose file was moved or deleted since it was attached */
      g_string_append_printf (text, ngettext ("%u missing", "%u missing", n_missing), n_missing);
    }
  if (n_changed > 0)
    {
      g_string_append (text, C_("list separator", ", "));
      /* Translators: photos whose file was edited since it was attached */
      g_string_append_printf (text, ngettext ("%u changed", "%u changed", n_changed), n_changed);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define THUMBNAIL_SIZE 48
#define MAX_THUMBNAILS 3

/* A square thumbnail of the photo's middle, decoded at thumbnail size (a camera's photo is 12+
 * megapixels): its natural size is THUMBNAIL_SIZE, so the strip stays small. */
static GtkWidget *
thumbnail_new (HdInspectionPhoto *photo)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) square = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = hd_inspection_photo_get_path (photo);
  GtkWidget *picture;
  int width, height;

  if (!gdk_pixbuf_get_file_info (path, &width, &height) || width <= 0 || height <= 0)
    width = height = THUMBNAIL_SIZE;
  /* The short side at THUMBNAIL_SIZE, then the middle square of it. */
  if (width >= height)
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path, -1, THUMBNAIL_SIZE, TRUE, &error);
  else
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path, THUMBNAIL_SIZE, -1, TRUE, &error);
  if (pixbuf == NULL)
    {
      g_debug ("No thumbnail of %s: %s", path, error->message);
      picture = gtk_image_new_from_icon_name ("image-missing-symbolic");
    }
  else
    {
      int side = MIN (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));

      square = gdk_pixbuf_new_subpixbuf (pixbuf, (gdk_pixbuf_get_width (pixbuf) - side) / 2,
                                         (gdk_pixbuf_get_height (pixbuf) - side) / 2, side, side);
      texture = gdk_texture_new_for_pixbuf (square);
      picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
    }
  gtk_widget_set_size_request (picture, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (picture, path);
  gtk_widget_add_css_class (picture, "hd-thumbnail");
  return picture;
}

/* A thumbnail (an icon for a missing file); on a draft, a button whose menu removes the photo
 * (also from the keyboard: the chip takes focus, Enter opens the menu). */
static GtkWidget *
photo_chip_new (HdChecklistRow    *self,
                HdInspectionPhoto *photo)
{
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) item = NULL;
  g_autofree char *name = g_path_get_basename (hd_inspection_photo_get_path (photo));
  g_autofree char *label = NULL;
  GtkWidget *thumbnail;
  GtkWidget *button;

  if (hd_inspection_photo_get_missing (photo))
    {
      thumbnail = gtk_image_new_from_icon_name ("image-missing-symbolic");
      gtk_widget_set_size_request (thumbnail, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
      gtk_widget_set_tooltip_text (thumbnail, hd_inspection_photo_get_path (photo));
      gtk_widget_add_css_class (thumbnail, "warning");
    }
  else
    thumbnail = thumbnail_new (photo);
  if (!self->editable)
    return thumbnail;

  menu = g_menu_new ();
  item = g_menu_item_new (_("_Remove Photo"), NULL);
  g_menu_item_set_action_and_target_value (item, "checklist.remove-photo",
                                           g_variant_new_string (hd_inspection_photo_get_id (photo)));
  g_menu_append_item (menu, item);
  button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), thumbnail);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "hd-photo-chip");
  /* Translators: the accessible name of a photo's button on a checklist item; %s is its file */
  label = g_strdup_printf (_("Photo %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "photo-id",
                          g_strdup (hd_inspection_photo_get_id (photo)), g_free);
  return button;
}

void
hd_checklist_row_set_photos (HdChecklistRow *self,
                             GListModel     *photos)
{
  GtkWidget *child;
  guint n_missing = 0, n_changed = 0;
  g_autofree char *text = NULL;
  g_autoptr(GString) tooltip = g_string_new (NULL);

  g_return_if_fail (HD_IS_CHECKLIST_ROW (self));
  g_return_if_fail (photos == NULL || G_IS_LIST_MODEL (photos));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails_box))) != NULL)
    gtk_box_remove (self->thumbnails_box, child);

  self->n_photos = photos != NULL ? g_list_model_get_n_items (photos) : 0;
  for (guint i = 0; i < self->n_photos; i++)
    {
      g_autoptr(HdInspectionPhoto) photo = g_list_model_get_item (photos, i);

      if (hd_inspection_photo_get_missing (photo))
        {
          n_missing++;
          if (tooltip->len > 0)
            g_string_append_c (tooltip, '\n');
          /* Translators: a tooltip line of a checklist item; %s is the photo's file */
          g_string_append_printf (tooltip, _("%s: the file was moved or deleted"),
                                  hd_inspection_photo_get_path (photo));
        }
      else if (hd_inspection_photo_get_changed (photo))
        {
          n_changed++;
          if (tooltip->len > 0)
            g_string_append_c (tooltip, '\n');
          /* Translators: a tooltip line of a checklist item; %s is the photo's file */
          g_string_append_printf (tooltip, _("%s: the file was changed since it was attached"),
                                  hd_inspection_photo_get_path (photo));
        }
      if (i < MAX_THUMBNAILS)
        gtk_box_append (self->thumbnails_box, photo_chip_new (self, photo));
    }
  self->n_photo_problems = n_missing + n_changed;

  text = hd_checklist_row_format_photos (self->n_photos, n_missing, n_changed);
  gtk_label_set_label (self->photos_label, text);
  gtk_widget_set_visible (self->photos_box, self->n_photos > 0);
  gtk_widget_set_visible (self->photo_warning, self->n_photo_problems > 0);
  gtk_widget_set_tooltip_text (self->photo_warning, tooltip->str);
  if (self->n_photo_problems > 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->photo_warning),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip->str, -1);
}

guint
hd_checklist_row_get_n_photos (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), 0);
  return self->n_photos;
}

guint
hd_checklist_row_get_n_thumbnails (HdChecklistRow *self)
{
  guint n = 0;

  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      /* On a draft the picture is inside its chip (a menu button). */
      GtkWidget *picture = GTK_IS_MENU_BUTTON (child)
                             ? gtk_menu_button_get_child (GTK_MENU_BUTTON (child)) : child;

      n += GTK_IS_PICTURE (picture);
    }
  return n;
}

guint
hd_checklist_row_get_n_photo_problems (HdChecklistRow *self)
{
  g_return_val_if_fail (HD_IS_CHECKLIST_ROW (self), 0);
  return self->n_photo_problems;
}
