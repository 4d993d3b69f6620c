#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The layers only look down: core uses no GTK, Cairo or shumate; render no GTK or shumate;
# map no libadwaita. The build's dependency lists enforce it too; this names the offending line.
set -u
root=${1:-.}
status=0
check () {
  dir=$1; shift
  for pattern in "$@"; do
    if grep -rnE "#include[[:space:]]*<($pattern)" "$root/src/$dir" --include='*.c' --include='*.h'; then
      echo "layering: src/$dir must not include <$pattern...>" >&2
      status=1
    fi
  done
}
check core 'gtk/' 'gdk/' 'cairo' 'pango' 'shumate/' 'adwaita'
check render 'gtk/' 'gdk/' 'shumate/' 'adwaita'
check map 'adwaita'
[ $status -eq 0 ] && echo "layering ok"
exit $status
