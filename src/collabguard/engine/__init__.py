"""Screening: evaluate rule packs over a proposal and assemble the report."""
