"""`python -m collabguard` is the same as the `collabguard` command."""

from collabguard.cli.main import run

run()
