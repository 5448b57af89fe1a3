"""The one build step pyproject.toml cannot declare: copy the rules packs into the package.

The rules packs live once, in ``rules/`` at the top of the repository. A wheel (and so an install
from an sdist) carries them as ``collabguard/shipped_rules``: this ``build_py`` copies them there in
the build folder. The source tree holds no copy and no symlink, so a checkout without symlinks (as
on Windows) builds the same wheel. An editable install copies nothing: the package reads ``rules/``
in place (:func:`collabguard.shipped.shipped_rules_dir`). Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RULES = Path(__file__).resolve().parent / "rules"
TARGET = ("collabguard", "shipped_rules")
SUFFIXES = {".yaml", ".csv", ".md"}  # what a rules folder holds (as package-data in pyproject.toml)


def _rule_files() -> list[Path]:
    if not (RULES / "groups.yaml").is_file():
        raise SystemExit(f"collabguard build: the rules folder {RULES} is missing or incomplete; "
                         "a wheel without its rules would not work")
    return sorted(p for p in RULES.rglob("*") if p.is_file() and p.suffix in SUFFIXES)


class build_py_with_rules(build_py):
    """``build_py`` that also copies ``rules/`` to ``collabguard/shipped_rules`` in the build folder."""

    def _rules_target(self) -> Path:
        return Path(self.build_lib, *TARGET)

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = self._rules_target()
        for source in _rule_files():
            dest = target / source.relative_to(RULES)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if getattr(self, "editable_mode", False):
            return outputs
        target = self._rules_target()
        extra = [str(target / p.relative_to(RULES)) for p in _rule_files()]
        return outputs + [p for p in extra if p not in outputs]


setup(cmdclass={"build_py": build_py_with_rules})
