"""Dialogs: unlock, no-vault notice, and later the create and license wizards."""
