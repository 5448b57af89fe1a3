"""Batch screening: many proposals from a spreadsheet, JSON Lines or a folder, one result row each."""
