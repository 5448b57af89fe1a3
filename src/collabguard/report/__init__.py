"""Renderers: one Report, several views (terminal, Markdown, JSON). No view computes anything new."""
