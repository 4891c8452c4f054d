#!/usr/bin/env bash
# xvfb-run with an X authority file of our own: same arguments as xvfb-run.
# Debian's xvfb-run makes a temporary directory for its authority file and
# exits with status 5 ("problem while cleaning up temporary directory") when
# removing it fails, which happens now and then when two window tests start
# at once (CTest -j2), whatever the program under test did. Given -f, it makes
# no directory; we remove ours and ignore a failure there.
dir=$(mktemp -d "${TMPDIR:-/tmp}/tricolor-xauth.XXXXXX") || exit 1
trap 'rm -rf "$dir" 2>/dev/null' EXIT
touch "$dir/Xauthority"
xvfb-run -f "$dir/Xauthority" "$@"
