#!/bin/sh
# Install Knowhold for you alone, with no root: the app into your data folder, a
# `knowhold` command into ~/.local/bin, and the menu entry, icons and the file type
# of license packages (.knowhold) into your own XDG data folders, so a package
# opens in Knowhold's verification view when double-clicked.
#
#     ./install.sh          (from the unpacked knowhold folder; run again to update)
#
# Your vault is not touched: it lives in its own folder (~/.local/share/Knowhold),
# which neither this script nor uninstall.sh reads or removes.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd -P)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
app=$data/knowhold-app
id=org.knowhold.Knowhold

fail() {
    echo "knowhold install: $1" >&2
    exit 1
}

[ -x "$here/knowhold" ] || fail "no knowhold program next to this script (in $here)."
case $app in
    *[\"\`\$\\]*) fail "the folder $app has a character a menu entry cannot hold (\" \` \$ or \\)." ;;
esac

# The app: copied whole beside the old one, then swapped in, so a failed copy
# leaves the installed version as it was. Run from the installed copy, it stays.
if [ "$here" != "$app" ]; then
    mkdir -p "$data"
    rm -rf "$app.new" "$app.old"
    cp -R "$here" "$app.new" || fail "could not copy the app to $app.new."
    if [ -e "$app" ]; then mv "$app" "$app.old"; fi
    mv "$app.new" "$app"
    rm -rf "$app.old"
fi

mkdir -p "$bin" "$data/applications" "$data/mime/packages" "$data/metainfo" "$data/icons/hicolor"
ln -sfn "$app/knowhold" "$bin/knowhold"

# The menu entry runs the installed program by its full path, whatever PATH holds.
{
    grep -v -e '^Exec=' -e '^TryExec=' "$app/share/applications/$id.desktop"
    printf 'Exec="%s" %%f\nTryExec=%s\n' "$app/knowhold" "$app/knowhold"
} >"$data/applications/$id.desktop"
cp "$app/share/mime/packages/$id.xml" "$data/mime/packages/$id.xml"
cp "$app/share/metainfo/$id.metainfo.xml" "$data/metainfo/$id.metainfo.xml"
cp -R "$app/share/icons/hicolor/." "$data/icons/hicolor/"

# Caches the desktop reads; each tool is optional, and a missing one only delays
# the change until the desktop rescans.
if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$data/mime" >/dev/null 2>&1 || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$data/applications" >/dev/null 2>&1 || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" >/dev/null 2>&1 || true
fi

echo "Installed Knowhold $("$app/knowhold" --version 2>/dev/null | cut -d' ' -f2) in $app."
case ":$PATH:" in
    *":$bin:"*) echo "Run it from your menu, or type: knowhold" ;;
    *) echo "Run it from your menu, or type: $bin/knowhold (add $bin to PATH to type just knowhold)" ;;
esac
