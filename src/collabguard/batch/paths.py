"""The files a batch run reads and writes, checked before anything is written: no file the run
writes (the output, the HTML summary, the resume journal, the lock) may be a file it reads (the
input, a proposal in the input folder, the decisions or policy file, a file of the rules folder) or
another file it writes.

Two names are the same file when they resolve to the same path (symbolic links followed) or, for
files that exist, when the system says so (``os.path.samefile``: hard links, case-insensitive disks).
"""

from __future__ import annotations

import os
from pathlib import Path

from collabguard.batch.journal import PROPOSAL_SUFFIXES
from collabguard.errors import UsageError


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def check_paths(reads: dict[str, Path], writes: dict[str, Path], input_folder: Path | None = None,
                rules_folder: Path | None = None) -> None:
    """``reads`` and ``writes``: what each file is ("the input", "--report", …) → its path. Refused
    too: a write into the input folder as a proposal file, or over a file of the rules folder."""
    written = list(writes.items())
    for i, (what, path) in enumerate(written):
        if rules_folder is not None and path.is_file() and _inside(path, rules_folder):
            raise UsageError(f"{path}: {what} would overwrite a file of the rules folder {rules_folder}; "
                             "choose another file name")
        for other, other_path in written[:i]:
            if _same(path, other_path):
                raise UsageError(f"{path}: {what} and {other} are the same file; give them different names")
        for source, source_path in reads.items():
            if _same(path, source_path):
                raise UsageError(f"{path}: {what} would overwrite {source}; choose another file name")
        if input_folder is not None and path.suffix.lower() in PROPOSAL_SUFFIXES and \
                _same(path.parent, input_folder):
            raise UsageError(f"{path}: {what} would be written into the input folder {input_folder} as a proposal "
                             "file (and be read as one by the next run); write it elsewhere")
