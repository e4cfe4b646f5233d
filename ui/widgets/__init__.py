"""The desktop app's panels and views, each in its own module."""
