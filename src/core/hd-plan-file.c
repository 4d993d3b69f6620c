/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-plan-file"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "hd-error.h"
#include "hd-import.h"
#include "hd-indicator.h"
#include "hd-plan-file.h"
#include "hd-standards-private.h"
#include "hd-store-private.h"

/* What one bad entry says: "SOURCE: plans[I] (“title”): reason". */
G_GNUC_PRINTF (4, 5) static void
set_entry_error (GError     **error,
                 const char  *source,
                 const char  *where,
                 const char  *format,
                 ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE, "%s: %s: %s",
               source, where, reason);
}

static const char *
optional_string (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
read_number (JsonNode *node,
             double   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *out = json_node_get_double (node);
  return isfinite (*out);
}

/* Parses one indicator and writes its actuals later: they need the indicator's row first. */
static HdIndicator *
parse_indicator (JsonNode    *node,
                 const char  *source,
                 const char  *where,
                 GError     **error)
{
  g_autoptr(HdIndicator) indicator = hd_indicator_new ();
  g_autoptr(GError) local = NULL;
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_entry_error (error, source, where, _("an indicator must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  hd_indicator_set_id (indicator, optional_string (object, "id"));
  hd_indicator_set_name (indicator, optional_string (object, "name"));
  hd_indicator_set_unit (indicator, optional_string (object, "unit"));
  hd_indicator_set_computed_key (indicator, optional_string (object, "computed"));
  member = json_object_get_member (object, "higher_is_better");
  if (member != NULL && json_node_get_value_type (member) == G_TYPE_BOOLEAN)
    hd_indicator_set_higher_is_better (indicator, json_node_get_boolean (member));
  member = json_object_get_member (object, "targets");
  if (member != NULL)
    {
      JsonArray *targets = JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;

      if (targets == NULL || json_array_get_length (targets) != 3)
        {
          set_entry_error (error, source, where, _("“targets” must be a list of three numbers (or null)"));
          return NULL;
        }
      for (guint y = 0; y < 3; y++)
        {
          JsonNode *t = json_array_get_element (targets, y);
          double value = NAN;

          if (!JSON_NODE_HOLDS_NULL (t) && !read_number (t, &value))
            {
              set_entry_error (error, source, where, _("the target of year %u is not a number"), y + 1);
              return NULL;
            }
          hd_indicator_set_target (indicator, (int) y, value);
        }
    }
  if (!hd_validate_indicator (indicator, &local))
    {
      set_entry_error (error, source, where, "%s", local->message);
      return NULL;
    }
  return g_steal_pointer (&indicator);
}

static gboolean
write_actuals (HdStore     *self,
               HdIndicator *indicator,
               JsonNode    *node,
               const char  *source,
               const char  *where,
               const char  *what,
               GError     **error)
{
  JsonArray *actuals;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_entry_error (error, source, where, _("“actuals” must be a list"));
      return FALSE;
    }
  actuals = json_node_get_array (node);
  for (guint a = 0; a < json_array_get_length (actuals); a++)
    {
      JsonNode *element = json_array_get_element (actuals, a);
      g_autofree char *here = g_strdup_printf ("%s: actuals[%u]", where, a);
      g_autoptr(GError) local = NULL;
      JsonObject *object;
      double value;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          set_entry_error (error, source, here, _("a value must be a JSON object with a date and a value"));
          return FALSE;
        }
      object = json_node_get_object (element);
      if (!read_number (json_object_get_member (object, "value"), &value))
        {
          set_entry_error (error, source, here, _("“value” must be a number"));
          return FALSE;
        }
      if (!hd_store_write_indicator_actual (self, hd_indicator_get_id (indicator),
                                            optional_string (object, "date"), value,
                                            optional_string (object, "note"), what, &local))
        {
          set_entry_error (error, source, here, "%s", local->message);
          return FALSE;
        }
    }
  return TRUE;
}

int
hd_store_import_plans (HdStore     *self,
                       const char  *data,
                       gsize        length,
                       const char  *source,
                       GError     **error)
{
  const char *what = _("Could not import the plans");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *node;
  JsonArray *entries;

  g_return_val_if_fail (HD_IS_STORE (self), -1);
  g_return_val_if_fail (data != NULL || length == 0, -1);
  g_return_val_if_fail (source != NULL, -1);

  if (!hd_standards_check_json (&data, &length, source, error))
    return -1;
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      hd_standards_set_syntax_error (error, source, parse_error->message);
      return -1;
    }
  node = json_parser_get_root (parser);
  node = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
         ? json_object_get_member (json_node_get_object (node), "plans") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                   _("%s: not a plans file: it must hold an object with a list “plans”"), source);
      return -1;
    }
  entries = json_node_get_array (node);

  if (!hd_store_begin_command (self, what, error))
    return -1;
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *entry = json_array_get_element (entries, i);
      g_autoptr(HdPlan) plan = hd_plan_new ();
      g_autoptr(GError) local = NULL;
      g_autofree char *where = NULL;
      JsonObject *object;
      JsonNode *member;
      JsonArray *themes = NULL, *indicators = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        {
          where = g_strdup_printf ("plans[%u]", i);
          set_entry_error (error, source, where, _("a plan must be a JSON object"));
          goto fail;
        }
      object = json_node_get_object (entry);
      where = g_strdup_printf ("plans[%u] (“%s”)", i,
                               optional_string (object, "title") ? optional_string (object, "title") : "");
      hd_plan_set_id (plan, optional_string (object, "id"));
      hd_plan_set_title (plan, optional_string (object, "title"));
      hd_plan_set_region_id (plan, optional_string (object, "region_id"));
      hd_plan_set_notes (plan, optional_string (object, "notes"));
      member = json_object_get_member (object, "first_year");
      if (member != NULL && json_node_get_value_type (member) == G_TYPE_INT64)
        hd_plan_set_first_year (plan, (int) CLAMP (json_node_get_int (member), 0, 9999));
      member = json_object_get_member (object, "themes");
      if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
        themes = json_node_get_array (member);
      if (member != NULL && (themes == NULL || json_array_get_length (themes) != 3))
        {
          set_entry_error (error, source, where, _("“themes” must be a list of three annual themes"));
          goto fail;
        }
      for (guint y = 0; themes != NULL && y < 3; y++)
        {
          JsonNode *t = json_array_get_element (themes, y);
          const char *theme = JSON_NODE_HOLDS_VALUE (t) && json_node_get_value_type (t) == G_TYPE_STRING
                              ? json_node_get_string (t) : NULL;

          if (y == 0)
            hd_plan_set_theme1 (plan, theme);
          else if (y == 1)
            hd_plan_set_theme2 (plan, theme);
          else
            hd_plan_set_theme3 (plan, theme);
        }
      if (!hd_store_check_plan (self, plan, what, &local) ||
          !hd_store_write_plan (self, plan, what, &local))
        {
          set_entry_error (error, source, where, "%s", local->message);
          goto fail;
        }
      g_ptr_array_add (plans, g_object_ref (plan));

      member = json_object_get_member (object, "indicators");
      if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
        indicators = json_node_get_array (member);
      else if (member != NULL)
        {
          set_entry_error (error, source, where, _("“indicators” must be a list"));
          goto fail;
        }
      {
        g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint k = 0; indicators != NULL && k < json_array_get_length (indicators); k++)
          {
            JsonNode *element = json_array_get_element (indicators, k);
            g_autofree char *here = g_strdup_printf ("%s: indicators[%u]", where, k);
            HdIndicator *indicator = parse_indicator (element, source, here, error);

            if (indicator == NULL)
              goto fail;
            hd_indicator_set_plan_id (indicator, hd_plan_get_id (plan));
            g_ptr_array_add (parsed, indicator);
          }
        /* The plan's indicators become exactly these: one save, the same code as the editor. */
        if (!hd_store_replace_indicators (self, plan, parsed, what, &local))
          {
            set_entry_error (error, source, where, "%s", local->message);
            goto fail;
          }
        for (guint k = 0; k < parsed->len; k++)
          {
            JsonNode *element = json_array_get_element (indicators, k);
            g_autofree char *here = g_strdup_printf ("%s: indicators[%u]", where, k);

            if (!write_actuals (self, g_ptr_array_index (parsed, k),
                                json_object_get_member (json_node_get_object (element), "actuals"),
                                source, here, what, error))
              goto fail;
          }
      }
    }
  if (!hd_store_commit_command (self, what,
                                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u plan",
                                                              "Import %u plans", plans->len),
                                                 plans->len), error))
    goto fail;
  for (guint i = 0; i < plans->len; i++)
    hd_store_plan_saved (self, g_ptr_array_index (plans, i));
  return (int) plans->len;

fail:
  hd_store_rollback (self);
  return -1;
}
