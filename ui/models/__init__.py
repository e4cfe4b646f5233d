"""Item models for the desktop app's views."""
