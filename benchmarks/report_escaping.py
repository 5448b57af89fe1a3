"""What making every value inert costs the report renderers and --redact, with a same-run baseline.

    python benchmarks/report_escaping.py [--rounds 7] [--example examples/listed-partner-sensitive-area.yaml]

Renders one screened example as Markdown, HTML and the text report (as written with ``-o``), and
redacts it, ``--rounds`` times in turn; the baseline is the same renderer with the escaping
functions replaced by ``str`` (what the renderers did before values were escaped). Prints the median
milliseconds per report and the ratio to the baseline. Rounds alternate so a busy machine slows both
alike.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

import collabguard.report.html as html_module
import collabguard.report.markdown as markdown_module
import collabguard.report.terminal as terminal_module
from collabguard.report.redact import redact
from collabguard.screener import Screener

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def without_escaping() -> Iterator[None]:
    """The renderers with every escaping function replaced by ``str``."""
    saved = (markdown_module._esc, markdown_module._code, markdown_module._url, html_module.one_line, terminal_module._1)
    markdown_module._esc = markdown_module._url = html_module.one_line = terminal_module._1 = str  # type: ignore[assignment]
    markdown_module._code = lambda text: f"`{text}`"  # type: ignore[assignment]
    try:
        yield
    finally:
        (markdown_module._esc, markdown_module._code, markdown_module._url, html_module.one_line,
         terminal_module._1) = saved  # type: ignore[assignment]


def per_call_ms(work: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        work()
    return (time.perf_counter() - start) / calls * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--example", type=Path, default=ROOT / "examples" / "listed-partner-sensitive-area.yaml")
    args = parser.parse_args()
    screener = Screener()
    proposal = screener.load(args.example)
    report = screener.screen(proposal)
    text = lambda: terminal_module.render_terminal(report, Console(file=io.StringIO(), width=110, no_color=True))  # noqa: E731
    jobs: dict[str, tuple[Callable[[], object], int]] = {
        "markdown": (lambda: markdown_module.render_markdown(report), 200),
        "html": (lambda: html_module.render_html(report), 200),
        "text (-o)": (text, 20),
    }
    print(f"{args.example.name}: {len(report.flags)} flags, {len(report.checklist)} questions; "
          f"median of {args.rounds} rounds, ms per report")
    for name, (work, calls) in jobs.items():
        escaped, plain = [], []
        for _ in range(args.rounds):
            escaped.append(per_call_ms(work, calls))
            with without_escaping():
                plain.append(per_call_ms(work, calls))
        new, base = statistics.median(escaped), statistics.median(plain)
        print(f"  {name:10} escaped {new:7.2f}   baseline (no escaping) {base:7.2f}   ratio {new / base:4.2f}")
    redacting = statistics.median(per_call_ms(lambda: redact(report, proposal), 50) for _ in range(args.rounds))
    print(f"  {'redact':10} {redacting:7.2f} ms per report")


if __name__ == "__main__":
    main()
