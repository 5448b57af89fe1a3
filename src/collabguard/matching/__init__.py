"""Matching partner, funder and affiliation names against sensitivity lists."""
