/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "hd-error.h"

G_DEFINE_QUARK (hd-store-error-quark, hd_store_error)
G_DEFINE_QUARK (hd-import-error-quark, hd_import_error)
