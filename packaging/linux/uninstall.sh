#!/bin/sh
# Remove what install.sh put in your folders: the app, the `knowhold` command, the
# menu entry, the icons and the file type. Your vault (~/.local/share/Knowhold) and
# your settings are left as they are: delete them yourself if you mean to.
set -eu

data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
app=$data/knowhold-app
id=org.knowhold.Knowhold

# The command only if it is ours: another knowhold (pip's) may stand there.
if [ -L "$bin/knowhold" ] && [ "$(readlink "$bin/knowhold")" = "$app/knowhold" ]; then
    rm -f "$bin/knowhold"
fi
rm -f "$data/applications/$id.desktop" "$data/mime/packages/$id.xml" "$data/metainfo/$id.metainfo.xml"
for folder in "$data"/icons/hicolor/*/; do
    rm -f "$folder/apps/$id.png" "$folder/apps/$id.svg" \
        "$folder/mimetypes/application-vnd.knowhold.package.png"
done
rm -rf "$app" "$app.new" "$app.old"

if command -v update-mime-database >/dev/null 2>&1 && [ -d "$data/mime" ]; then
    update-mime-database "$data/mime" >/dev/null 2>&1 || true
fi
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$data/applications" ]; then
    update-desktop-database "$data/applications" >/dev/null 2>&1 || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$data/icons/hicolor" ]; then
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" >/dev/null 2>&1 || true
fi
echo "Removed Knowhold from $app and your menus; your vault was left where it was."
