/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-chart-view"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hd-chart-view.h"

#define EXPORT_MIN_WIDTH  800
#define EXPORT_MIN_HEIGHT 400

struct _HdChartView
{
  GtkWidget       parent_instance;

  GtkPopoverMenu *menu;

  HdChartKind     kind;
  gpointer        data;
  GDestroyNotify  destroy;
  HdChartLayout  *layout;
};

G_DEFINE_FINAL_TYPE (HdChartView, hd_chart_view, GTK_TYPE_WIDGET)

static const char *
chart_title (HdChartKind   kind,
             gconstpointer data)
{
  if (data == NULL)
    return NULL;
  switch (kind)
    {
    case HD_CHART_TARGET:
      return ((const HdChartTarget *) data)->title;
    case HD_CHART_DASHBOARD:
      return ((const HdChartDashboard *) data)->title;
    case HD_CHART_REGIONS:
      return ((const HdChartRegions *) data)->title;
    case HD_CHART_HEATMAP:
      return ((const HdChartHeatmap *) data)->title;
    case HD_CHART_ACTIVITY:
      return ((const HdChartActivity *) data)->title;
    default:
      return NULL;
    }
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
hd_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  HdChartView *self = HD_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  hd_chart_layout_clear (self->layout);
  if (self->data == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  hd_chart_draw (self->kind, self->data, cr, width, height, hd_chart_style_get (is_dark ()), self->layout);
  cairo_destroy (cr);
}

static void
hd_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  /* Charts lay themselves out in any room; below this they only say they are too small. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 320;
}

static void
hd_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  HdChartView *self = HD_CHART_VIEW (widget);

  gtk_popover_present (GTK_POPOVER (self->menu));
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  HdChartView *self = HD_CHART_VIEW (widget);
  const HdChartHit *hit;
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  hit = hd_chart_layout_hit_at (self->layout, x, y);
  if (hit == NULL)
    return FALSE;
  text = g_strdup_printf ("%s\n%s", hit->label, hit->value);
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) hit->box.x, (int) hit->box.y,
                                                       MAX (1, (int) hit->box.width),
                                                       MAX (1, (int) hit->box.height) });
  return TRUE;
}

static void
popup_menu_at (HdChartView *self,
               double       x,
               double       y)
{
  if (self->data == NULL)
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
on_right_click (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                HdChartView     *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

static void
on_long_press (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               HdChartView         *self)
{
  popup_menu_at (self, x, y);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  popup_menu_at (HD_CHART_VIEW (widget), gtk_widget_get_width (widget) / 2.0,
                 gtk_widget_get_height (widget) / 2.0);
}

/* ---------------------------------------------------------------------------------------- */
/* Copy, save, print                                                                        */

GdkTexture *
hd_chart_view_render_texture (HdChartView *self,
                              int          width,
                              int          height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  g_return_val_if_fail (HD_IS_CHART_VIEW (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (self->data == NULL)
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  /* Pasted into documents: the print style, whatever the app's theme. */
  hd_chart_draw (self->kind, self->data, cr, width, height, hd_chart_style_get (FALSE), NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

static void
export_size (HdChartView *self,
             double      *width,
             double      *height)
{
  *width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), EXPORT_MIN_WIDTH);
  *height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), EXPORT_MIN_HEIGHT);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdChartView *self = HD_CHART_VIEW (widget);
  g_autoptr(GdkTexture) texture = NULL;
  double width, height;
  int scale = gtk_widget_get_scale_factor (widget);

  export_size (self, &width, &height);
  /* Twice the pixels on a normal screen: sharp when pasted into a document. */
  texture = hd_chart_view_render_texture (self, (int) width * MAX (scale, 2), (int) height * MAX (scale, 2));
  if (texture != NULL)
    gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
}

static void
show_error (HdChartView  *self,
            const char   *heading,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  HdChartView     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  double width, height;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  export_size (self, &width, &height);
  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: only local files can be written"),
                 g_file_peek_path (file) != NULL ? g_file_peek_path (file) : "?");
  else if (!hd_chart_write_file (self->kind, self->data, width, height, NULL, path, &error))
    {
      /* A name without a known ending: PNG, as the dialog suggested. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) && strrchr (path, '.') == NULL)
        {
          g_autofree char *png = g_strconcat (path, ".png", NULL);

          g_clear_error (&error);
          hd_chart_write_file (self->kind, self->data, width, height, NULL, png, &error);
        }
    }
  if (error != NULL)
    show_error (self, _("Could Not Save the Chart"), error);
  g_object_unref (self);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdChartView *self = HD_CHART_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;
  const char *title = chart_title (self->kind, self->data);

  if (self->data == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Save Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* The title makes the file name; '/' would make it a folder. */
  name = g_strdelimit (g_strconcat (title != NULL && *title != '\0' ? title : _("Chart"), ".png", NULL), "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  add_filter (GTK_FILE_CHOOSER (native), _("PNG image"), "*.png");
  add_filter (GTK_FILE_CHOOSER (native), _("SVG drawing"), "*.svg");
  add_filter (GTK_FILE_CHOOSER (native), _("PDF document"), "*.pdf");
  g_signal_connect (native, "response", G_CALLBACK (on_save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              HdChartView       *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_w = gtk_print_context_get_width (context);
  double page_h = gtk_print_context_get_height (context);
  double w, h, aspect;

  if (self->data == NULL)
    return;
  /* The page's width at the shape the chart has on screen, never taller than the page. */
  export_size (self, &w, &h);
  aspect = h / w;
  w = page_w;
  h = MIN (page_w * aspect, page_h);
  hd_chart_draw (self->kind, self->data, cr, w, h, hd_chart_style_get (FALSE), NULL);
}

GtkPrintOperation *
hd_chart_view_create_print_operation (HdChartView *self)
{
  GtkPrintOperation *operation;
  const char *title;

  g_return_val_if_fail (HD_IS_CHART_VIEW (self), NULL);

  title = chart_title (self->kind, self->data);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, title != NULL ? title : _("Chart"));
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page), self, 0);
  return operation;
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               HdChartView             *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_error (self, _("Could Not Print the Chart"), error);
    }
  g_object_unref (operation);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HdChartView *self = HD_CHART_VIEW (widget);
  GtkPrintOperation *operation;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;

  if (self->data == NULL)
    return;
  operation = hd_chart_view_create_print_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("Could Not Print the Chart"), error);
}

/* ---------------------------------------------------------------------------------------- */

static void
update_actions (HdChartView *self)
{
  gboolean has = self->data != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.copy", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.save", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.print", has);
}

static void
drop_data (HdChartView *self)
{
  if (self->data != NULL && self->destroy != NULL)
    self->destroy (self->data);
  self->data = NULL;
  self->destroy = NULL;
}

void
hd_chart_view_set_chart (HdChartView    *self,
                         HdChartKind     kind,
                         gpointer        data,
                         GDestroyNotify  destroy)
{
  const char *title;
  g_autofree char *description = NULL;

  g_return_if_fail (HD_IS_CHART_VIEW (self));

  drop_data (self);
  self->kind = kind;
  self->data = data;
  self->destroy = destroy;
  title = chart_title (kind, data);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : _("Chart"), -1);
  /* Screen readers get the values in words, as the hover shows them. */
  description = data != NULL ? hd_chart_describe (kind, data) : NULL;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "", -1);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

HdChartKind
hd_chart_view_get_kind (HdChartView *self)
{
  g_return_val_if_fail (HD_IS_CHART_VIEW (self), HD_CHART_TARGET);
  return self->kind;
}

gconstpointer
hd_chart_view_get_data (HdChartView *self)
{
  g_return_val_if_fail (HD_IS_CHART_VIEW (self), NULL);
  return self->data;
}

const HdChartLayout *
hd_chart_view_get_layout (HdChartView *self)
{
  g_return_val_if_fail (HD_IS_CHART_VIEW (self), NULL);
  return self->layout;
}

GtkWidget *
hd_chart_view_new (void)
{
  return g_object_new (HD_TYPE_CHART_VIEW, NULL);
}

static void
hd_chart_view_dispose (GObject *object)
{
  HdChartView *self = HD_CHART_VIEW (object);

  if (self->menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->menu));
      self->menu = NULL;
    }
  drop_data (self);

  G_OBJECT_CLASS (hd_chart_view_parent_class)->dispose (object);
}

static void
hd_chart_view_finalize (GObject *object)
{
  HdChartView *self = HD_CHART_VIEW (object);

  g_clear_pointer (&self->layout, hd_chart_layout_free);

  G_OBJECT_CLASS (hd_chart_view_parent_class)->finalize (object);
}

static void
hd_chart_view_class_init (HdChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_chart_view_dispose;
  object_class->finalize = hd_chart_view_finalize;
  widget_class->snapshot = hd_chart_view_snapshot;
  widget_class->measure = hd_chart_view_measure;
  widget_class->size_allocate = hd_chart_view_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongdai/Hongdai/hd-chart-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HdChartView, menu);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);

  gtk_widget_class_install_action (widget_class, "chart.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "chart.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "chart.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "chart.menu", NULL, menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "chart.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "chart.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "chart.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "chart.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "chart.print", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
hd_chart_view_init (HdChartView *self)
{
  GtkGesture *click, *press;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->layout = hd_chart_layout_new ();

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_right_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_long_press), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));

  /* Redraw when the app turns dark or light. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  update_actions (self);
}
