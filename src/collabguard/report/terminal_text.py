"""Lines of the terminal report: wrapped at the console's width, every wrapped line at its indent,
and a web address never broken (a line holding one may run past the width; the terminal shows it
whole, and it can be copied)."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from collabguard.reference.report_text import text

SEVERITY_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim", "none": "green"}
RECOMMENDATION_STYLE = {
    "proceed": "bold green", "proceed_with_mitigations": "bold cyan", "needs_review": "bold yellow",
    "escalate": "bold red", "do_not_proceed": "bold white on red",
}
_WORD = re.compile(r"\S+\s*")
_URL = re.compile(r"[(\[<“\"']?https?://", re.IGNORECASE)


def offsets(plain: str, width: int, first: int | None = None) -> list[int]:
    """Where to break ``plain`` into lines of at most ``width`` cells (the first line ``first``):
    between words; a word longer than a line is cut, unless it is a web address."""
    cuts: list[int] = []
    col = cell_len(plain) - cell_len(plain.lstrip())  # the spaces a line starts with take room too
    empty = True  # nothing on the line yet: a word goes on it, however long
    for m in _WORD.finditer(plain):
        word = m.group(0)
        size = cell_len(word.rstrip())
        room = width if cuts or first is None else first
        if not empty and col + size > room:
            cuts.append(m.start())
            col, room = 0, width
        if col == 0 and size > room and not _URL.match(word):
            start = m.start()
            while size > room:
                start += room
                cuts.append(start)
                size -= room
            col = size + cell_len(word) - cell_len(word.rstrip())
            empty = False
            continue
        col += cell_len(word)
        empty = False
    return cuts


def at(console: Console, indent: int, text: Text | str, style: str = "", first: int | None = None,
       most: int | None = None) -> None:
    """Print ``text`` indented by ``indent``, its wrapped lines too (the first line by ``first``); with
    ``most``, in at most that many lines, the last one ending in "…" where the text goes on."""
    text = text if isinstance(text, Text) else Text(text, style=style)
    first = indent if first is None else first
    width, width_1 = (max(20, (console.width or 80) - n) for n in (indent, first))
    cuts = offsets(text.plain, width, width_1)
    if most is not None and len(cuts) >= most:
        start, end = (cuts[most - 2] if most > 1 else 0), cuts[most - 1]
        room = width if most > 1 else width_1
        keep = text.plain[:end].rstrip()
        while cell_len(keep[start:]) + 2 > room and " " in keep[start:]:  # room for " …"
            keep = keep[:keep.rfind(" ")].rstrip()
        text = text[:len(keep)]
        text.append(" …")
        cuts = offsets(text.plain, width, width_1)[:most - 1]
    lines = text.divide(cuts)
    for i, line in enumerate(lines):
        line.rstrip()
        line.pad_left(first if i == 0 else indent)
    console.print(Text("\n").join(lines), no_wrap=True, crop=False, overflow="ignore")


def heading(console: Console, text: str) -> None:
    console.print(Text(text, style="bold underline"))


def badge(severity: str, advice: bool = False, lang: str = "en") -> Text:
    """A flag's severity; grey for the advice of a framework that does not apply (never red)."""
    return Text(f" {text(f'severity.{severity}', lang).upper()} ", style="dim" if advice else SEVERITY_STYLE[severity])
