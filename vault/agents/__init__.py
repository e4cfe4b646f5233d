"""Licensed knowledge for AI agents: the MCP server behind ``knowhold mcp``.

``desk`` is what the tools do, checked and audited on every call, without
the protocol; ``index`` searches licensed entries with the app's query
language; ``refresher`` keeps status documents fresh while the server runs;
``access`` decides who may reach it over HTTP; ``server`` is the thin layer
over the ``mcp`` SDK (an optional extra, imported only there).
"""
