"""collabguard: screen international research collaborations against research-security guidelines
and sensitivity lists. Start with :class:`collabguard.Screener`."""

from collabguard.version import __version__

__all__ = ["Screener", "__version__"]


def __getattr__(name: str) -> object:
    # lazy, so that `collabguard --help` does not pay for loading the engine
    if name == "Screener":
        from collabguard.screener import Screener

        return Screener
    raise AttributeError(name)
