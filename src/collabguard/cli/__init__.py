"""The command-line interface: a thin layer over :class:`collabguard.Screener` (parse, one call, render)."""
