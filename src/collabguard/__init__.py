"""collabguard: screen international research collaborations against research-security guidelines
and sensitivity lists. Start with :class:`collabguard.Screener`."""

from collabguard.version import __version__

# typing.TYPE_CHECKING without importing typing (`import collabguard` stays cheap): type checkers
# take any name TYPE_CHECKING as true, so they see the class, which at run time is loaded on first use
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collabguard.screener import Screener

__all__ = ["Screener", "__version__"]


def __getattr__(name: str) -> object:
    # lazy, so that `collabguard --help` does not pay for loading the engine
    if name == "Screener":
        from collabguard.screener import Screener

        return Screener
    raise AttributeError(name)
