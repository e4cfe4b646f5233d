"""Names vulture cannot see being used: Qt (or another framework) calls them by name.

Read by vulture only (see [tool.vulture] in pyproject.toml), never imported. Each
line is a name that something outside the Python source calls or reads; a name
goes here only with the caller that uses it. Anything else vulture reports is
dead: delete it.
"""

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Qt virtual methods, called by Qt on the subclass.
_.initializePage  # QWizardPage: ui/dialogs/create_vault.py
_.validatePage  # QWizardPage
_.columnCount  # QAbstractItemModel: ui/models/entry_list.py, ui/dialogs/transfer_summary.py
_.headerData  # QAbstractItemModel
_.filterAcceptsRow  # QSortFilterProxyModel: ui/licensing/wizard_selection.py
_.paint  # QStyledItemDelegate: ui/widgets/search.py, ui/widgets/sidebar.py
_.highlightBlock  # QSyntaxHighlighter: ui/widgets/markdown_editor.py
_.minimumSizeHint  # QWidget: ui/widgets/strength_meter.py
_.paintEvent  # QWidget
_.contextMenuEvent  # QWidget: ui/widgets/sidebar.py
_.nativeEventFilter  # QAbstractNativeEventFilter: ui/system_events.py (Windows)

# A field of QStyleOptionViewItem that the style reads when it draws the item.
_.backgroundBrush  # ui/widgets/sidebar.py

# Slots that D-Bus calls through SLOT("name(...)") strings: ui/system_events.py.
_._on_session_found
_._on_session_missing
_._on_prepare_for_sleep
_._on_screensaver
_._on_session_lock
_.GetSession  # the fake login1 service's method in tests/test_ui_desktop.py, called over D-Bus
_.receive  # the marker slot in that test, called over D-Bus

# Cleared on purpose so a failure crossing threads keeps no frames alive: ui/tasks.py.
_.__cause__
_.__context__

# Read by the standard library by name.
_.do_GET  # http.server.BaseHTTPRequestHandler: the test servers in tests/test_fetch.py
_.log_message  # BaseHTTPRequestHandler
_.protocol_version  # BaseHTTPRequestHandler
_.daemon_threads  # socketserver.ThreadingMixIn
