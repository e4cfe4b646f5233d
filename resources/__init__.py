"""Icons and other files the desktop app ships with.

A package (not a plain folder) so ``importlib.resources.files("resources")``
finds the same files from a source checkout, an installed wheel and the
PyInstaller build, whose spec copies them to the same package-relative path.
"""
