#!/usr/bin/env bash
# Install collabguard with every dependency at its declared minimum (constraints-min.txt) and run the
# test suite: the lower bounds in pyproject.toml are the versions this run passed with.
#
#   scripts/check_minimums.sh                 # the whole suite
#   scripts/check_minimums.sh -x tests/test_cli.py   # arguments go to pytest
#   PYTHON=python3.12 scripts/check_minimums.sh      # another interpreter (default: python3)
#   KEEP_VENV=/tmp/cg-min scripts/check_minimums.sh  # keep the environment there (default: a temporary one)
#
# Steps: a new venv; the build backend at its minimum (setuptools, from constraints-min.txt); an
# editable install of ".[test]" built with that setuptools, every direct dependency pinned at its
# minimum (transitive ones resolve to the newest that fit, as for a user); `pip check`; a wheel built
# with the same setuptools must carry the rules; then pytest. The minimums are for the lowest supported
# Python (3.11): on a newer one, some of them publish no wheels and pip would try to build them.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
CONSTRAINTS=constraints-min.txt
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
VENV=${KEEP_VENV:-$WORK/venv}

pin() { sed -n "s/^$1==\([^ ;#]*\).*/\1/p" "$CONSTRAINTS"; }
SETUPTOOLS=$(pin setuptools)
[ -n "$SETUPTOOLS" ] || { echo "check_minimums: no setuptools pin in $CONSTRAINTS" >&2; exit 1; }

echo "== venv at $VENV ($("$PYTHON" --version))"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
PY="$VENV/bin/python"
"$PY" -m pip install -q --upgrade pip
"$PY" -m pip install -q "setuptools==$SETUPTOOLS"

echo "== editable install of .[test] at the minimums (setuptools $SETUPTOOLS builds it)"
"$PY" -m pip install -q --no-build-isolation -c "$CONSTRAINTS" -e ".[test]"
"$PY" -m pip check

echo "== a wheel built with setuptools $SETUPTOOLS carries the rules"
"$PY" -m pip wheel -q --no-build-isolation --no-deps -w "$WORK/wheel" .
"$PY" - "$WORK"/wheel/collabguard-*.whl <<'EOF'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
rules = [n for n in names if n.startswith("collabguard/shipped_rules/")]
assert "collabguard/shipped_rules/groups.yaml" in names, "the wheel has no rules"
print(f"{sys.argv[1].rsplit('/', 1)[-1]}: {len(rules)} rule files")
EOF

echo "== installed versions of the direct dependencies"
"$PY" - "$CONSTRAINTS" <<'EOF'
import sys
from importlib.metadata import version
for line in open(sys.argv[1], encoding="utf-8"):
    name = line.split("#")[0].strip().split("==")[0].split(";")[0].strip()
    if name:
        print(f"  {name}=={version(name)}")
EOF

echo "== pytest"
# mypy's verdict depends on the type information the installed libraries ship (py.typed came later to
# matplotlib, pycountry and anyascii; starlette's middleware types changed): the normal suite runs it
# at constraints.txt; here it would only report the old libraries' missing types.
"$PY" -m pytest -q --deselect tests/test_code_quality.py::test_mypy_finds_nothing "$@"
