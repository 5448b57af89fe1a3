"""The command-line interface: a thin layer over :mod:`collabguard.api`."""
