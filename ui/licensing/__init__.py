"""Licensing in the app: contacts, the license wizard, the ledger, opening a
package, the received library, publishing status. Every screen calls the
core (``knowhold.vault.licensing``) on the worker; none holds protocol logic.
"""
