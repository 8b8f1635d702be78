#!/usr/bin/env bash
# Extracts a built .deb into a temporary root and runs the installed app's self-test from it
# in a clean environment: no virtualenv on PATH, no PYTHONPATH, PONDER_HOME in a temp folder.
# Usage: packaging/check_deb.sh DEB [MODEL.gguf]
# Without MODEL, the self-test uses the demo model inside the bundle. Prints the sizes and
# the time the self-test took; exits with the self-test's status.
set -euo pipefail

DEB="${1:?usage: check_deb.sh DEB [MODEL.gguf]}"
MODEL="${2:-}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

dpkg-deb -x "$DEB" "$TMP/root"
APP="$TMP/root/opt/ponder/ponder"
[[ -x "$APP" ]] || { echo "check_deb.sh: $DEB has no /opt/ponder/ponder" >&2; exit 1; }
[[ -x "$TMP/root/usr/bin/ponder" ]] || { echo "check_deb.sh: no /usr/bin/ponder" >&2; exit 1; }

echo "installer: $(du -h "$DEB" | cut -f1)  unpacked: $(du -sh "$TMP/root" | cut -f1)"
args=(--self-test)
[[ -n "$MODEL" ]] && args+=(--model "$MODEL")
start=$(date +%s.%N)
set +e
(cd "$TMP" && env -i PATH=/usr/bin:/bin HOME="$TMP" PONDER_HOME="$TMP/home" \
    QT_QPA_PLATFORM=offscreen "$APP" "${args[@]}")
status=$?
set -e
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v st="$status" 'BEGIN { printf "self-test exit status %d, %.1f s from launch to verdict\n", st, e - s }'
exit "$status"
