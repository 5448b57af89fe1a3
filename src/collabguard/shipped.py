"""Where the rules packs shipped with collabguard are."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_rules_dir() -> Path:
    """The folder of the rules packs that ship with collabguard, wherever the package was installed from.

    - ``collabguard/shipped_rules`` inside the package, when it is there: an install from a wheel or
      an sdist. The build copies the repository's ``rules/`` there (``setup.py``); the source tree
      holds no copy and no symlink, so that a checkout without symlinks (as on Windows) builds the
      same wheel.
    - Else the repository's ``rules/`` folder, two levels above the package (``src/collabguard/../../rules``,
      beside ``pyproject.toml``): an editable install (``pip install -e .``) or ``src`` on the path,
      where the build copies nothing, so that an edit to a pack takes effect without reinstalling.

    When neither is there (a broken install), the packaged path is returned, so that the error
    which follows names the folder the install should have.
    """
    packaged = _PACKAGE / "shipped_rules"
    if packaged.is_dir():
        return packaged
    repository = _PACKAGE.parent.parent
    if (repository / "rules").is_dir() and (repository / "pyproject.toml").is_file():
        return repository / "rules"
    return packaged
