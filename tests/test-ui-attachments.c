/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Attachments and "Pick on Map" in the site editor under Xvfb: files attached through the
 * chooser's result, their rows (a thumbnail, a missing-file warning), removal with Undo, undo
 * after Save; a position picked on the map through the interaction, and Escape cancelling. */
#define G_LOG_DOMAIN "test-ui-attachments"

#include <math.h>

#include <glib/gstdio.h>

#include "hd-application.h"
#include "hd-attachment-list.h"
#include "hd-belt-editor.h"
#include "hd-map-view.h"
#include "hd-site-editor.h"
#include "hd-validate.h"
#include "hd-test-ui.h"

static HdApplication *app;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  hd_test_fixture_open (fixture, TRUE);
  fixture->window = hd_test_show_window (app, fixture->store);
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* (transfer none) a sample site with a position */
static HdSite *
placed_site (HdStore *store)
{
  GListModel *sites = hd_store_get_sites (store);

  for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      if (hd_site_get_has_position (site))
        return hd_store_lookup_site (store, hd_site_get_id (site));
    }
  g_assert_not_reached ();
}

static char *
write_png (const char *dir,
           const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0xc8102eff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  return path;
}

static guint
stored_attachments (Fixture    *fixture,
                    const char *site_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) list = hd_store_list_attachments (fixture->store, HD_ATTACHMENT_OWNER_SITE,
                                                          site_id, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* The first GtkPicture under @widget, if any. */
static GtkWidget *
find_picture (GtkWidget *widget)
{
  if (GTK_IS_PICTURE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_picture (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_paintable (gpointer data)
{
  return gtk_picture_get_paintable (data) != NULL;
}

static void
test_site_attachments (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GError) error = NULL;
  g_autofree char *site_id = NULL;
  g_autofree char *image = write_png (fixture->dir, "红色驿站门牌.png");
  g_autofree char *doc = g_build_filename (fixture->dir, "共建协议.pdf", NULL);
  g_autoptr(GFile) image_file = g_file_new_for_path (image);
  g_autoptr(GFile) doc_file = g_file_new_for_path (doc);
  HdAttachmentList *list;
  GtkWidget *editor;
  GtkWidget *picture;
  gpointer watched = NULL;
  guint before;

  site_id = g_strdup (hd_site_get_id (placed_site (fixture->store)));
  before = stored_attachments (fixture, site_id);
  g_assert_true (g_file_set_contents (doc, "%PDF-1.4\n% agreement\n", -1, NULL));

  editor = hd_window_edit_site (fixture->window, site_id);
  g_assert_true (wait_until (is_mapped, editor));
  list = HD_ATTACHMENT_LIST (hd_site_editor_get_attachments (HD_SITE_EDITOR (editor)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));
  g_assert_cmpuint (hd_attachment_list_get_n_rows (list), ==, before);

  /* What the chooser's response does with two chosen files. */
  g_list_store_append (files, image_file);
  g_list_store_append (files, doc_file);
  g_assert_true (hd_attachment_list_add_files (list, G_LIST_MODEL (files)));
  g_assert_cmpuint (stored_attachments (fixture, site_id), ==, before + 2);
  g_assert_cmpuint (hd_attachment_list_get_n_rows (list), ==, before + 2);

  /* The image's row gets its thumbnail (made off the main thread); the document an icon. */
  for (guint i = before; i < before + 2; i++)
    {
      HdAttachment *attachment = hd_attachment_list_get_attachment (list, i);
      GtkWidget *row = hd_attachment_list_get_row (list, i);

      g_assert_false (hd_attachment_get_missing (attachment));
      picture = find_picture (row);
      if (hd_attachment_is_image (attachment))
        {
          g_assert_nonnull (picture);
          g_assert_true (wait_until (has_paintable, picture));
          g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "红色驿站门牌.png");
        }
      else
        {
          g_assert_null (picture);
          g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "共建协议.pdf");
        }
    }

  /* The document moves away: its row warns. */
  g_assert_cmpint (g_remove (doc), ==, 0);
  hd_attachment_list_reload (list);
  for (guint i = before; i < before + 2; i++)
    {
      HdAttachment *attachment = hd_attachment_list_get_attachment (list, i);
      GtkWidget *row = hd_attachment_list_get_row (list, i);

      g_assert_cmpint (hd_attachment_get_missing (attachment), ==, !hd_attachment_is_image (attachment));
      g_assert_cmpint (gtk_widget_has_css_class (row, "attachment-warning"), ==,
                       !hd_attachment_is_image (attachment));
    }
  {
    HdAttachment *image_attachment = hd_attachment_list_get_attachment (list, before);

    if (!hd_attachment_is_image (image_attachment))
      image_attachment = hd_attachment_list_get_attachment (list, before + 1);
    picture = find_picture (hd_attachment_list_get_row (list, before) );
    if (picture == NULL)
      picture = find_picture (hd_attachment_list_get_row (list, before + 1));
    g_assert_nonnull (picture);
    g_assert_true (wait_until (has_paintable, picture));
    g_assert_true (hd_attachment_is_image (image_attachment));
  }
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    /* Scrolled to the attachments for the picture. */
    spin ();
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    hd_test_keep_window_shot (editor, "site-editor-attachments.png");
  }

  /* Remove one; the editor's Undo brings it back. */
  g_assert_true (hd_attachment_list_remove (list, before));
  g_assert_cmpuint (stored_attachments (fixture, site_id), ==, before + 1);
  g_assert_cmpuint (hd_attachment_list_get_n_rows (list), ==, before + 1);
  g_assert_true (gtk_widget_activate_action (editor, "editor.undo", NULL));
  g_assert_cmpuint (stored_attachments (fixture, site_id), ==, before + 2);
  g_assert_cmpuint (hd_attachment_list_get_n_rows (list), ==, before + 2);

  /* Save closes the editor; the window's Undo then takes the files off again. */
  g_object_add_weak_pointer (G_OBJECT (editor), &watched);
  watched = editor;
  g_assert_true (hd_site_editor_save (HD_SITE_EDITOR (editor)));
  g_assert_true (wait_until (hd_test_is_gone, &watched));
  /* Undo the save first (it is the newest step), then the attaching. */
  g_assert_true (hd_store_can_undo (fixture->store));
  if (g_str_has_prefix (hd_store_get_undo_label (fixture->store), "Save"))
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
      g_assert_cmpuint (stored_attachments (fixture, site_id), ==, before + 2);
    }
  g_assert_true (g_str_has_prefix (hd_store_get_undo_label (fixture->store), "Attach 2 Files"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpuint (stored_attachments (fixture, site_id), ==, before);
  /* The files themselves were never touched. */
  g_assert_true (g_file_test (image, G_FILE_TEST_IS_REGULAR));
}

static void
test_pick_on_map (Fixture       *fixture,
                  gconstpointer  data)
{
  HdMapView *view = HD_MAP_VIEW (hd_window_get_map_view (fixture->window));
  HdMapInteraction *interaction = hd_map_view_get_interaction (view);
  HdSite *site = placed_site (fixture->store);
  g_autofree char *before = NULL;
  GtkEditable *coordinates;
  GtkWidget *editor;
  double x, y, lat, lon, px, py;
  g_autoptr(GError) error = NULL;

  editor = hd_window_edit_site (fixture->window, hd_site_get_id (site));
  g_assert_true (wait_until (is_mapped, editor));
  coordinates = GTK_EDITABLE (gtk_widget_get_template_child (editor, HD_TYPE_SITE_EDITOR,
                                                             "coordinates_row"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (editor, HD_TYPE_SITE_EDITOR,
                                                                                    "pick_button"))));
  before = g_strdup (gtk_editable_get_text (coordinates));

  /* Escape cancels: the editor comes back with the coordinates as they were. */
  hd_site_editor_pick_on_map (HD_SITE_EDITOR (editor));
  g_assert_true (hd_map_interaction_is_picking (interaction));
  g_assert_true (wait_until (is_unmapped, editor));
  g_assert_true (hd_map_interaction_escape (interaction));
  g_assert_false (hd_map_interaction_is_picking (interaction));
  g_assert_true (wait_until (is_mapped, editor));
  g_assert_cmpstr (gtk_editable_get_text (coordinates), ==, before);

  /* A click picks: a point a little away from the site (a click on a site picks too). */
  hd_site_editor_pick_on_map (HD_SITE_EDITOR (editor));
  g_assert_true (wait_until (is_unmapped, editor));
  g_assert_true (hd_map_view_lonlat_to_widget (view, hd_site_get_longitude (site),
                                               hd_site_get_latitude (site), &x, &y));
  x += 40;
  y += 30;
  hd_map_interaction_press (interaction, x, y, 0);
  hd_map_interaction_release (interaction, x, y);
  g_assert_false (hd_map_interaction_is_picking (interaction));
  g_assert_true (wait_until (is_mapped, editor));
  g_assert_cmpstr (gtk_editable_get_text (coordinates), !=, before);
  g_assert_true (hd_parse_lat_lon (gtk_editable_get_text (coordinates), &lat, &lon, &error));
  g_assert_no_error (error);
  g_assert_true (hd_map_view_lonlat_to_widget (view, lon, lat, &px, &py));
  g_assert_cmpfloat (fabs (px - x), <, 3);
  g_assert_cmpfloat (fabs (py - y), <, 3);
  g_assert_true (hd_site_editor_can_save (HD_SITE_EDITOR (editor)));
  /* The site moved only when saved. */
  g_assert_true (hd_site_editor_save (HD_SITE_EDITOR (editor)));
  site = hd_store_lookup_site (fixture->store, hd_site_get_id (site));
  g_assert_cmpfloat (fabs (hd_site_get_latitude (site) - lat), <, 1e-6);
  g_assert_cmpfloat (fabs (hd_site_get_longitude (site) - lon), <, 1e-6);
}

static void
test_belt_logo (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HdBelt) first = g_list_model_get_item (hd_store_get_belts (fixture->store), 0);
  g_autofree char *belt_id = g_strdup (hd_belt_get_id (first));
  g_autofree char *logo_path = write_png (fixture->dir, "红带标识.png");
  g_autoptr(HdAttachment) logo = NULL;
  g_autoptr(GError) error = NULL;
  GtkPicture *preview;
  GtkWidget *editor;
  gpointer watched = NULL;

  editor = hd_window_edit_belt (fixture->window, belt_id);
  g_assert_true (wait_until (is_mapped, editor));
  preview = GTK_PICTURE (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR, "logo_picture"));
  g_assert_null (gtk_picture_get_paintable (preview));

  /* What the chooser's response does: the logo is stored with its hash and previewed. */
  g_assert_true (hd_belt_editor_set_logo (HD_BELT_EDITOR (editor), logo_path));
  g_assert_cmpstr (hd_belt_get_logo_path (hd_store_lookup_belt (fixture->store, belt_id)), ==, logo_path);
  logo = hd_store_get_belt_logo (fixture->store, belt_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (logo);
  g_assert_false (hd_attachment_get_changed (logo));
  g_assert_nonnull (gtk_picture_get_paintable (preview));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preview)));
  hd_test_keep_window_shot (editor, "belt-editor-logo.png");

  /* Saving the form afterwards neither conflicts with the logo nor takes it away. */
  watched = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &watched);
  g_assert_true (hd_belt_editor_save (HD_BELT_EDITOR (editor)));
  g_assert_true (wait_until (hd_test_is_gone, &watched));
  g_assert_cmpstr (hd_belt_get_logo_path (hd_store_lookup_belt (fixture->store, belt_id)), ==, logo_path);

  /* Cleared in a new editor; Undo brings it back. */
  editor = hd_window_edit_belt (fixture->window, belt_id);
  g_assert_true (wait_until (is_mapped, editor));
  preview = GTK_PICTURE (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR, "logo_picture"));
  g_assert_nonnull (gtk_picture_get_paintable (preview));
  g_assert_true (hd_belt_editor_set_logo (HD_BELT_EDITOR (editor), NULL));
  g_assert_null (hd_belt_get_logo_path (hd_store_lookup_belt (fixture->store, belt_id)));
  g_assert_null (gtk_picture_get_paintable (preview));
  hd_test_destroy_window (editor);
  g_assert_true (hd_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hd_belt_get_logo_path (hd_store_lookup_belt (fixture->store, belt_id)), ==, logo_path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = hd_test_app_new ();

  g_test_add ("/ui-attachments/site", Fixture, NULL,
              fixture_set_up, test_site_attachments, fixture_tear_down);
  g_test_add ("/ui-attachments/belt-logo", Fixture, NULL,
              fixture_set_up, test_belt_logo, fixture_tear_down);
  g_test_add ("/ui-attachments/pick-on-map", Fixture, NULL,
              fixture_set_up, test_pick_on_map, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
