"""Text from a proposal made inert for each output: shown, never acted on.

A proposal (and a list file, a decisions or answers file, a publication export, a file name) is
written by someone else. Its strings can hold what a terminal or a viewer would act on:

- control characters: ESC starts a terminal command (clear the screen, colours, a window title
  ``ESC ] 0 ; … BEL``), BS and CR overwrite what was printed, a newline starts a new report line
  ("Recommendation: Proceed" typed into a title), C1 characters (U+009B is a one-byte CSI);
- bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder the letters
  shown ("Trojan Source"), and the line and paragraph separators U+2028/U+2029;
- Markdown and HTML: list markers, headings, emphasis, links, ``<!--``, ``<script>``, ``<img onerror>``.

:func:`one_line` shows every control character as a visible symbol (ESC as ␛, a newline as ␊,
U+009B as ``\\x9b``, U+202E as ``\\u202e``), so a string stays on its line and says what it holds.
:func:`markdown` and :func:`markdown_code` make it inline Markdown text; :func:`controls` is the
last guard on anything written to a terminal or a stream (it keeps line ends and tabs, and writes
other control characters as JSON-style ``\\u001b`` escapes, so JSON text stays valid and means the
same). HTML escaping is :func:`collabguard.report.html._e` (``html.escape`` over :func:`one_line`).
"""

from __future__ import annotations

import re

# Characters a terminal or a text viewer acts on: C0 and C1 controls, DEL, the bidirectional
# embeddings, overrides and isolates, and the Unicode line and paragraph separators.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_STREAM_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]|\r(?!\n)")
CONTROL_PICTURES = 0x2400  # U+2400 SYMBOL FOR NULL … U+241F SYMBOL FOR UNIT SEPARATOR
DELETE_PICTURE = "\u2421"  # ␡

# Markdown: characters with a meaning anywhere in a line (emphasis, code, links, raw HTML, entities,
# table cells, strikethrough, headings) are escaped with a backslash; "_" only where it can open or
# close emphasis (not inside a word: "duration_months" stays readable).
_MD_INLINE = re.compile(r"[\\`*\[\]<>|~&#_]")
# what starts a block when a value stands at the start of a line: a list item ("- ", "+ ", "1. "),
# a thematic break or a setext underline ("---", "==="); "-1" or "0.1.0" start nothing
_MD_LINE_START = re.compile(r"^(?:[-+=](?=[\s\-+=]|$)|\d{1,9}[.)](?=\s|$))")
_URL = re.compile(r"https?://[^\s<>`\\\"']+")


def _visible(ch: str) -> str:
    code = ord(ch)
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(CONTROL_PICTURES + code)
    if code == 0x7F:
        return DELETE_PICTURE
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def one_line(text: object) -> str:
    """``text`` on one line with every control character shown: ESC as ␛, a newline as ␊, CR as
    ␍, BEL as ␇, BS as ␈, U+009B as ``\\x9b``, U+202E as ``\\u202e``; a tab becomes a space."""
    s = str(text)
    if UNSAFE.search(s) is None:
        return s
    return UNSAFE.sub(lambda m: _visible(m.group(0)), s)


def controls(text: str) -> str:
    """The last guard for a stream (a terminal, a pipe): line ends (LF, CRLF) and tabs stay, every other
    control character is written as a ``\\u001b``-style escape. JSON text keeps its meaning (its
    strings cannot hold a raw control character, and ``\\u202e`` is the same character)."""
    if _STREAM_UNSAFE.search(text) is None:
        return text
    return _STREAM_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _md_char(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch == "_":
        s, i = m.string, m.start()
        inside_word = 0 < i < len(s) - 1 and s[i - 1].isalnum() and s[i + 1].isalnum()
        if inside_word:
            return ch
    return "\\" + ch


def markdown(text: object) -> str:
    """``text`` as inline Markdown text on one line: never a heading, list item, link, image,
    emphasis, code span, table cell break, HTML tag or comment, wherever it is placed."""
    s = _MD_INLINE.sub(_md_char, one_line(text).strip())
    return _MD_LINE_START.sub(lambda m: "\\" + m.group(0) if m.group(0)[0] in "-+=" else
                              m.group(0)[:-1] + "\\" + m.group(0)[-1], s)


def markdown_code(text: object) -> str:
    """``text`` as a Markdown code span (identifiers, codes): a backtick inside cannot end it."""
    s = one_line(text)
    if not s:
        return ""
    if "`" not in s:
        return f"`{s}`"
    fence = "`" * (max(len(run) for run in re.findall(r"`+", s)) + 1)
    return f"{fence} {s} {fence}"


def markdown_url(url: str) -> str:
    """A web address as a Markdown link (``<https://…>``); anything else (``javascript:``, a
    path, an address with spaces) as plain text."""
    if _URL.fullmatch(url):
        return f"<{url}>"
    return markdown(url)
