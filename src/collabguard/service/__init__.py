"""The HTTP service (FastAPI): a thin layer over :class:`collabguard.Screener`."""
