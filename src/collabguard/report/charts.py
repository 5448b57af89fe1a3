"""Charts of collaboration statistics, as SVG or PNG, byte-identical from run to run.

matplotlib with the Agg backend; SVG ids come from a fixed hash salt and no creation date is written,
so a rerun on the same data gives the same file (reports are attached to case files and diffed).
The last year is shaded: exports are incomplete for a year or two (indexing lag).
"""

from __future__ import annotations

import io
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from collabguard.models.collaboration import CollaborationStats
from collabguard.reference.report_text import text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

COLORS = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000")


def _pyplot() -> ModuleType:  # matplotlib.pyplot, imported on first use
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({"svg.hashsalt": "collabguard", "svg.fonttype": "path", "font.size": 9})
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Figure, fmt: str) -> bytes:
    buf = io.BytesIO()
    metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buf, format=fmt, metadata=metadata, bbox_inches="tight", dpi=120)
    return buf.getvalue()


def by_year_chart(stats: CollaborationStats, fmt: str = "svg", lang: str = "en") -> bytes | None:
    """Co-publications by year with each partner country and institution; None when there is nothing to draw.
    ``lang``: the language of the titles and labels (and country names), as the report's."""
    from collabguard.report.stats_text import country

    series = [(f"{country(c.country, c.name, lang)} ({c.country})", {y.year: y.works for y in c.by_year})
              for c in stats.countries]
    series += [(p.name, {y.year: y.works for y in p.by_year}) for p in stats.partners]
    years = [y.year for y in stats.by_year]
    if not years or not series:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.2))
    for i, (label, counts) in enumerate(series):
        ax.plot(years, [counts.get(y, 0) for y in years], marker="o", linewidth=1.8, color=COLORS[i % len(COLORS)],
                label=label)
    ax.axvspan(years[-1] - 0.5, years[-1] + 0.5, color="#dddddd", zorder=0, label=text("chart.by_year.latest", lang))
    ax.set_ylabel(text("chart.by_year.ylabel", lang))
    ax.set_title(text("chart.by_year.title", lang))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, fontsize=8)
    data = _save(fig, fmt)
    plt.close(fig)
    return data


def top_countries_chart(stats: CollaborationStats, top: int = 12, fmt: str = "svg", lang: str = "en") -> bytes | None:
    from collabguard.report.stats_text import counting, country

    rows = stats.by_country[:top]
    if not rows:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(rows) + 1.0))
    highlight = {c.country for c in stats.countries}
    labels = [f"{country(c.country, c.name, lang)} ({c.country})" for c in rows][::-1]
    values = [c.works for c in rows][::-1]
    colors = [COLORS[1] if c.country in highlight else COLORS[0] for c in rows][::-1]
    ax.barh(labels, values, color=colors)
    for y, v in enumerate(values):
        ax.text(v, y, f" {v}", va="center", fontsize=8)
    ax.set_xlabel(text("chart.countries.xlabel", lang, counting=counting(stats, lang)))
    ax.set_title(text("chart.countries.title", lang) + (text("chart.countries.highlighted", lang) if highlight else ""))
    ax.spines[["top", "right"]].set_visible(False)
    data = _save(fig, fmt)
    plt.close(fig)
    return data


def write_chart(stats: CollaborationStats, path: Path) -> None:
    """--chart FILE.png|.svg: the by-year chart, or the top-countries chart when there is no partner."""
    from collabguard.errors import CollabguardError, UsageError

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise UsageError(f"--chart: {path}: give a .png or .svg file name")
    data = by_year_chart(stats, fmt) or top_countries_chart(stats, fmt=fmt)
    if data is None:
        raise UsageError(f"--chart: {path}: no works with a country to draw")
    try:
        path.write_bytes(data)
    except OSError as exc:  # a missing or read-only folder, a full disk: the file and the reason
        raise CollabguardError(f"--chart: cannot write {path}: {exc.strerror or exc}") from None
