#!/usr/bin/env bash
# Makes dist/Ponder-<version>.dmg from dist/Ponder.app (built by `pyinstaller
# packaging/ponder.spec` on macOS). Signing and notarization run only when their credentials
# are in the environment; without them the result is an unsigned DMG (fine for testing, but
# Gatekeeper will ask users to allow it in System Settings).
#   MACOS_SIGN_IDENTITY    "Developer ID Application: Name (TEAMID)" in the keychain
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   for notarytool (app-specific password)
# Usage: packaging/macos/build_dmg.sh [APP] [OUT_DIR]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
APP="${1:-$ROOT/dist/Ponder.app}"
OUT="${2:-$ROOT/dist}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/app/ponder/__init__.py")"
DMG="$OUT/Ponder-$VERSION.dmg"

[[ -d "$APP" ]] || { echo "build_dmg.sh: no app at $APP" >&2; exit 1; }

if [[ -n "${MACOS_SIGN_IDENTITY:-}" ]]; then
    echo "signing $APP as $MACOS_SIGN_IDENTITY"
    # Inner libraries first (--deep is deprecated for signing), then the app itself.
    find "$APP/Contents" -type f \( -name '*.dylib' -o -name '*.so' \) -print0 |
        xargs -0 codesign --force --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY"
    codesign --force --timestamp --options runtime \
        --entitlements "$HERE/entitlements.plist" --sign "$MACOS_SIGN_IDENTITY" "$APP"
    codesign --verify --strict --verbose=2 "$APP"
else
    echo "MACOS_SIGN_IDENTITY not set: the app is not signed"
fi

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
mkdir -p "$OUT"
rm -f "$DMG"
hdiutil create -volname "Ponder $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO "$DMG"

if [[ -n "${MACOS_SIGN_IDENTITY:-}" ]]; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
fi
if [[ -n "${APPLE_ID:-}" && -n "${APPLE_TEAM_ID:-}" && -n "${APPLE_APP_PASSWORD:-}" ]]; then
    echo "notarizing $DMG"
    xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$DMG"
else
    echo "APPLE_ID / APPLE_TEAM_ID / APPLE_APP_PASSWORD not set: not notarized"
fi
echo "$DMG"
