#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# po/POTFILES must be sorted and list every source file with translatable strings.
set -u
root=${1:-.}
cd "$root" || exit 1
status=0
expected=$(grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(|translatable="yes"' \
             src ui data --include='*.c' --include='*.ui' --include='*.desktop.in' --include='*.xml' 2>/dev/null \
           | grep -v 'gresource.xml' | LC_ALL=C sort)
listed=$(grep -vE '^[[:space:]]*(#|$)' po/POTFILES)
if [ "$listed" != "$(printf '%s\n' "$listed" | LC_ALL=C sort)" ]; then
  echo "po/POTFILES is not sorted" >&2
  status=1
fi
for f in $expected; do
  printf '%s\n' "$listed" | grep -qx "$f" || { echo "po/POTFILES is missing $f" >&2; status=1; }
done
for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES lists $f, which does not exist" >&2; status=1; }
done
[ $status -eq 0 ] && echo "POTFILES ok"
exit $status
