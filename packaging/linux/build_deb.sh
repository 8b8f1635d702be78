#!/usr/bin/env bash
# Packs the PyInstaller bundle (dist/ponder) into the Linux installers:
#   dist/ponder_<version>_<arch>.deb       installs to /opt/ponder, with /usr/bin/ponder,
#                                          a desktop entry, icons and AppStream metadata
#   dist/ponder-<version>-linux-<arch>.tar.gz   the same folder, to unpack anywhere
# Usage: packaging/linux/build_deb.sh [BUNDLE_DIR] [OUT_DIR]   (run from anywhere)
# A user's data is not in /opt/ponder (see packaging/README.md), so removing or upgrading the
# package leaves it alone.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUNDLE="${1:-$ROOT/dist/ponder}"
OUT="${2:-$ROOT/dist}"
APP_ID="io.github.ponder.Ponder"

if [[ ! -x "$BUNDLE/ponder" ]]; then
    echo "build_deb.sh: no bundle at $BUNDLE (run pyinstaller packaging/ponder.spec first)" >&2
    exit 1
fi
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/app/ponder/__init__.py")"
ARCH="$(dpkg --print-architecture)"
DATE="$(date -u +%Y-%m-%d)"
# PyInstaller's bootloader and the bundled libraries need at least the build machine's glibc.
GLIBC="$(getconf GNU_LIBC_VERSION | awk '{print $2}')"

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/pkg"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
    "$PKG/usr/share/metainfo" "$PKG/usr/share/icons/hicolor/scalable/apps" \
    "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/512x512/apps"

cp -a "$BUNDLE" "$PKG/opt/ponder"
# A script rather than a symlink: it keeps working if the bundle's executable is renamed.
cat > "$PKG/usr/bin/ponder" <<'LAUNCHER'
#!/bin/sh
exec /opt/ponder/ponder "$@"
LAUNCHER
chmod 755 "$PKG/usr/bin/ponder"

install -m 644 "$HERE/$APP_ID.desktop" "$PKG/usr/share/applications/$APP_ID.desktop"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$DATE/" "$HERE/$APP_ID.metainfo.xml" \
    > "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"
ICONS="$ROOT/resources/icons"
install -m 644 "$ICONS/ponder.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
install -m 644 "$ICONS/ponder-256.png" "$PKG/usr/share/icons/hicolor/256x256/apps/$APP_ID.png"
install -m 644 "$ICONS/ponder-512.png" "$PKG/usr/share/icons/hicolor/512x512/apps/$APP_ID.png"

# The X11 libraries Qt's xcb platform plugin needs and the bundle does not carry (PyInstaller
# reports them as not found on the build machine); Wayland sessions use the bundled plugin.
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: ponder
Version: $VERSION
Architecture: $ARCH
Maintainer: Ponder maintainers <ponder@users.noreply.github.com>
Installed-Size: $(du -sk "$PKG" | cut -f1)
Depends: libc6 (>= $GLIBC), libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxkbcommon-x11-0, libegl1, libfontconfig1
Recommends: libvulkan1
Section: utils
Priority: optional
Homepage: https://github.com/ponder-app/ponder
Description: run small reasoning models locally, thinking beside the answer
 Ponder runs small distilled reasoning models on this computer through llama.cpp and shows
 the chain of thought beside the answer. A tiny demo model is included.
CONTROL

mkdir -p "$OUT"
DEB="$OUT/ponder_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group --build "$PKG" "$DEB" >/dev/null

TARDIR="ponder-$VERSION"
mkdir -p "$STAGE/tar"
cp -a "$BUNDLE" "$STAGE/tar/$TARDIR"
cp "$HERE/$APP_ID.desktop" "$ICONS/ponder.svg" "$STAGE/tar/$TARDIR/"
TARBALL="$OUT/ponder-$VERSION-linux-$(uname -m).tar.gz"
tar -C "$STAGE/tar" --owner=0 --group=0 -czf "$TARBALL" "$TARDIR"

echo "$DEB"
echo "$TARBALL"
