"""The one front door: every use case of collabguard is one method of :class:`Screener`.

    from collabguard import Screener
    screener = Screener()                               # shipped rules and lists, loaded once
    report = screener.screen({"title": "...", "partners": [{"name": "Beihang University", "country": "CN"}]})
    report.recommendation, report.counted_flags
    closed = screener.screen(proposal, answers=answer_file)   # one pass, answers as inputs
    for result in screener.screen_many(proposals):      # one result per input, in order; errors do not stop it
        ...
    screener.match_names(["BUAA"]), screener.find_areas("hypersonic glide vehicles"), screener.rescreen(old_reports)

The CLI commands and the HTTP routes are thin shells over these methods: parse, one call, render.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from collabguard.decisions import Decisions
from collabguard.engine.answers import AnswerFile
from collabguard.errors import CollabguardError, InputError, RuleFileError
from collabguard.models.collaboration import CollaborationStats
from collabguard.models.proposal import Proposal
from collabguard.models.report import Report
from collabguard.ruleset import RuleSet, default_policy, get_ruleset

if TYPE_CHECKING:  # the use-case models are imported where they are built: a plain screening does not pay for them
    from collabguard.batch.job import BatchOutcome
    from collabguard.bibliometrics.indicators import StatsOptions
    from collabguard.lists.model import ListSet
    from collabguard.matching.batch import NameRow
    from collabguard.matching.matcher import Matcher
    from collabguard.models.usecases import (
        AreasResult,
        ListsInfo,
        NameMatch,
        NameQuery,
        PublicationExport,
        RescreenResult,
        RulesInfo,
        ScreenResult,
    )

ProposalInput = Proposal | dict[str, Any] | Path | str
if TYPE_CHECKING:
    Publications = Sequence[Path | PublicationExport]

__all__ = ["ProposalInput", "Screener"]


def _language(lang: str) -> str:
    from collabguard.rules.schema import LANGUAGES

    lang = "nb" if lang == "no" else lang  # Norwegian means Bokmål here
    if lang not in LANGUAGES:
        raise InputError(f"language {lang!r} is not available; choose one of: {', '.join(LANGUAGES)} (or no)")
    return lang


class Screener:
    """Rules, lists, technology areas and the matcher index, loaded once and reused by every call.

    ``rules``: a rules folder (default: ``$COLLABGUARD_RULES`` or the shipped rules); ``policy``: an
    institution's policy file (default: ``$COLLABGUARD_POLICY``); ``decisions``: reviewed decisions
    applied to every screening; ``lang``: the language of rule texts (en, nb)."""

    def __init__(self, rules: Path | str | None = None, decisions: Path | str | Decisions | None = None,
                 policy: Path | str | None = None, lang: str = "en") -> None:
        from collabguard.decisions import load_decisions

        self.rules = Path(rules) if rules is not None else None
        self.policy = Path(policy) if policy is not None else default_policy()
        self.lang = _language(lang)
        self.decisions: Decisions | None = (load_decisions(Path(decisions)) if isinstance(decisions, Path | str)
                                            else decisions)
        self.decisions_path = Path(decisions) if isinstance(decisions, Path | str) else None

    @classmethod
    def from_defaults(cls) -> Screener:
        """The rules and lists shipped with collabguard (or ``$COLLABGUARD_RULES``), loaded now."""
        screener = cls()
        screener.warm()
        return screener

    @cached_property
    def ruleset(self) -> RuleSet:
        """The rule set (loaded on first use, once per process for the same folder and policy)."""
        return get_ruleset(self.rules, self.policy)

    def warm(self) -> None:
        """Load the rules and build the matcher index now, not on the first request."""
        _ = self.ruleset.matcher

    # -- screening ---------------------------------------------------------------------------------

    def load(self, proposal: ProposalInput) -> Proposal:
        """A proposal from a model, a mapping (the proposal JSON) or a file path; errors name the file."""
        from collabguard.io.proposal_loader import load_proposal, proposal_from_data

        if isinstance(proposal, Proposal):
            return proposal
        if isinstance(proposal, dict):
            return proposal_from_data(proposal, "proposal")
        if isinstance(proposal, Path | str):
            try:
                return load_proposal(Path(proposal))
            except InputError as exc:
                if str(exc).startswith(str(proposal)):
                    raise
                raise InputError(f"{proposal}: {exc}") from None
        raise InputError(f"a proposal must be a mapping, a Proposal or a file path, not {type(proposal).__name__}")

    def screen(self, proposal: ProposalInput, *, answers: AnswerFile | Path | str | None = None,
               publications: Publications = (), redact: bool = False, lang: str | None = None,
               today: date | None = None) -> Report:
        """Screen one proposal: the report, in one pass.

        ``answers``: answers to an earlier report's checklist (an :class:`AnswerFile` or its YAML
        file), which close the case; ``publications``: exports that add the collaboration context;
        ``redact``: replace people's names in the report, and in the message of an error (whose
        quoted input values are then withheld). Raises :class:`~collabguard.errors.CollabguardError`
        with a one-line message on bad input."""
        from collabguard.engine.screen import screen

        answer_file: AnswerFile | None = None
        try:
            model = self.load(proposal)
            answer_file = self._answers(answers)
            report = screen(model, self.ruleset, today=today, decisions=self.decisions, answers=answer_file,
                            lang=_language(lang) if lang is not None else self.lang)
            if publications:
                report = report.model_copy(update={"context": self.context(model, publications)})
        except CollabguardError as exc:
            if redact and not isinstance(exc, RuleFileError):  # a rule or list file names no one in the proposal
                from collabguard.report.redact import redact_message, reviewers_in

                source = Path(proposal) if isinstance(proposal, str) else proposal
                exc.message = redact_message(exc.message, source, reviewers_in(self.decisions, answer_file))
                exc.args = (exc.message,)
            raise
        if redact:
            from collabguard.report.redact import redact as redact_report
            from collabguard.report.redact import reviewers_in

            report = redact_report(report, model, reviewers_in(self.decisions, answer_file))
        return report

    @staticmethod
    def _answers(answers: AnswerFile | Path | str | None) -> AnswerFile | None:
        if answers is None or isinstance(answers, AnswerFile):
            return answers
        from collabguard.engine.answers import load_answers

        return load_answers(Path(answers))

    def screen_many(self, proposals: Iterable[ProposalInput], *, redact: bool = False, lang: str | None = None,
                    today: date | None = None) -> Iterator[ScreenResult]:
        """One result per input, in input order; a bad proposal gives an error result, never an exception."""
        from collabguard.models.usecases import ScreenResult

        for i, item in enumerate(proposals):
            try:
                report = self.screen(item, redact=redact, lang=lang, today=today)
                yield ScreenResult(index=i, status="ok", report=report)
            except CollabguardError as exc:
                yield ScreenResult(index=i, status="error", error=str(exc))
            except Exception as exc:  # noqa: BLE001 - one bad item must not end the run
                yield ScreenResult(index=i, status="error", error=f"internal error ({type(exc).__name__}); please report it")

    def run_batch(self, input_path: Path, output: Path, **options: Any) -> BatchOutcome:
        """Screen every row of a spreadsheet, JSON Lines file or folder into ``output`` (one row per
        input row), resumable; see :func:`collabguard.batch.job.run_batch_file` for the options."""
        from collabguard.batch.job import run_batch_file

        return run_batch_file(self, input_path, output, **options)

    def rescreen(self, reports: Iterable[Report], today: date | None = None) -> list[RescreenResult]:
        """Stored reports' names against today's lists (and reviewed decisions): the matches each did not have."""
        from collabguard.engine.rescreen import rescreen

        return [rescreen(r, self.ruleset, self.decisions, today or date.today()) for r in reports]

    # -- the parts of a screening, on their own ----------------------------------------------------

    @cached_property
    def matcher(self) -> Matcher:
        """The list matcher. Matching names alone reads only the lists, not the rule packs (faster to start)."""
        if "ruleset" in self.__dict__ or self.policy is not None:
            return self.ruleset.matcher
        from collabguard.lists import load_lists
        from collabguard.matching.matcher import Matcher
        from collabguard.ruleset import default_rules_dir

        return Matcher(load_lists((self.rules or default_rules_dir()) / "lists"))

    def match_names(self, names: Iterable[NameQuery | NameRow | str], lists: Sequence[str | Path] = (),
                    kind: str = "organisation", explain: bool = True, jobs: int = 1) -> list[NameMatch]:
        """Each name against the lists: one result per name, in order. ``lists``: only these (shipped
        list ids, or list CSV files in collabguard's list schema); default: every list in use."""
        return list(self.match_stream(names, lists, kind, explain, jobs))

    def match_stream(self, names: Iterable[NameQuery | NameRow | str], lists: Sequence[str | Path] = (),
                     kind: str = "organisation", explain: bool = True, jobs: int = 1) -> Iterator[NameMatch]:
        """:meth:`match_names` as the names come in: each result is given as soon as its chunk of names
        is matched, and memory stays flat however many names there are (millions from a file)."""
        from collections import deque

        from collabguard.matching.batch import iter_match_rows, iter_name_rows
        from collabguard.matching.matcher import Matcher
        from collabguard.models.usecases import NameMatch

        matcher, only = self.matcher, None
        if lists:
            chosen = select_lists(self.matcher.lists, lists)
            matcher, only = (Matcher(chosen), None) if any(isinstance(x, Path) or str(x).lower().endswith(".csv")
                                                           for x in lists) else (matcher, [str(x) for x in lists])
        taken: deque[NameRow] = deque()  # the rows being matched (one chunk at most), for their numbers

        def rows() -> Iterator[NameRow]:
            for row in iter_name_rows(names):
                taken.append(row)
                yield row

        for found in iter_match_rows(rows(), matcher, lists=only, kind=kind, explain=explain, jobs=jobs, fresh=False):
            yield NameMatch.model_validate({**found, "row": taken.popleft().row})

    def find_areas(self, text: str | None = None, *, proposal: ProposalInput | None = None,
                   taxonomies: Sequence[str] = ()) -> AreasResult:
        """The sensitive technology areas a text (or a proposal's title, keywords, abstract and
        export-control codes) touches, with the words and positions that made them."""
        from collabguard.areas.codes import find_areas
        from collabguard.areas.language import not_english
        from collabguard.engine.evidence import area_finding
        from collabguard.models.usecases import AreasResult

        catalog = self.ruleset.catalog
        unknown = [t for t in taxonomies if t not in catalog.taxonomies]
        if unknown:
            raise InputError(f"taxonomies: unknown taxonomy {unknown[0]!r}; known: {', '.join(catalog.taxonomies)}")
        codes: list[str] = []
        if proposal is not None:
            model = self.load(proposal)
            texts = {"title": model.title, "keywords": "; ".join(model.keywords), "abstract": model.abstract}
            codes = model.export_control.codes
        else:
            texts = {"abstract": text or ""}
        hits = find_areas(texts, codes, catalog, list(taxonomies) or None)
        notes = list(dict.fromkeys(note for t in texts.values() if (note := not_english(t))))
        return AreasResult(areas=[area_finding(h) for h in hits], notes=notes)

    def statistics(self, exports: Publications, options: StatsOptions | None = None, *, listed: bool = False,
                   columns: dict[str, str] | None = None) -> CollaborationStats:
        """Co-publication figures from publication exports; ``options``: a
        :class:`~collabguard.bibliometrics.indicators.StatsOptions`; ``listed``: also count
        co-publications with listed organisations."""
        from collabguard.bibliometrics.indicators import StatsOptions, compute_stats
        from collabguard.bibliometrics.load import load_exports
        from collabguard.models.usecases import PublicationExport

        with _export_files(exports) as paths:
            try:
                loaded = load_exports(paths, columns)
            except InputError as exc:  # an export given by content is named as given, not by its temporary path
                raise InputError(_export_files.plain(str(exc), exports, paths)) from None
            stats = compute_stats(loaded, options or StatsOptions(), self.ruleset.matcher if listed else None)
            if any(isinstance(x, PublicationExport) for x in exports):
                text = _export_files.plain(stats.model_dump_json(), exports, paths, in_json=True)
                stats = CollaborationStats.model_validate_json(text)
        return stats

    def context(self, proposal: ProposalInput, exports: Publications, **options: Any) -> CollaborationStats:
        """Co-publication figures for a proposal's partners and their countries. Shares are of the
        home institution's international works when the proposal names one; ``options`` override
        :class:`~collabguard.bibliometrics.indicators.StatsOptions`; listed organisations are counted."""
        from collabguard.bibliometrics.indicators import StatsOptions

        model = self.load(proposal)
        home = model.home_institution
        home_country = home.country if home else None
        settings = StatsOptions(
            home=home.name if home else None, partners=tuple(dict.fromkeys(p.name for p in model.partners)),
            countries=tuple(dict.fromkeys(p.country for p in model.partners if p.country and p.country != home_country)))
        for key, value in options.items():
            setattr(settings, key, value)
        return self.statistics(exports, settings, listed=True)

    # -- what is loaded ----------------------------------------------------------------------------

    def lists_info(self, today: date | None = None) -> ListsInfo:
        """The lists in use: edition, age, entries, completeness; and what is not checked."""
        from collabguard.models.usecases import ListInfo, ListsInfo

        rs, today = self.ruleset, today or date.today()
        out = []
        for info in rs.lists.lists.values():
            as_of = info.age_date()
            out.append(ListInfo(id=info.id, title=info.title, edition=info.edition, entries=rs.entry_counts.get(info.id, 0),
                                age_days=(today - as_of).days if as_of else None, complete=info.complete,
                                url=info.url, sha256=info.sha256))
        return ListsInfo(lists=out, not_checked=[n.title for n in rs.lists.not_covered])

    def rules_info(self) -> RulesInfo:
        """The rule packs in use, each rule with its severity and the guideline section it cites."""
        from collabguard.models.usecases import PackSummary, RuleInfo, RulesInfo

        return RulesInfo(packs=[
            PackSummary(id=p.info.id, title=p.info.title, version=p.info.version, sha256=p.sha256, binding=p.info.binding,
                        rules=[RuleInfo(id=r.id, title=r.title, kind=r.kind, severity=r.severity, blocking=r.blocking,
                                        status=r.status, section=r.guideline.section, url=r.guideline.url)
                               for r in (lr.rule for lr in p.rules)])
            for p in self.ruleset.packs])


def select_lists(shipped: ListSet, wanted: Sequence[str | Path]) -> ListSet:
    """The lists named by id among ``shipped``, plus list CSV files (collabguard's list schema)."""
    from collabguard.lists.loader import load_list_file
    from collabguard.lists.model import ListSet

    ids = [str(x) for x in wanted if not (isinstance(x, Path) or str(x).lower().endswith(".csv"))]
    unknown = [i for i in ids if i not in shipped.lists]
    if unknown:
        raise InputError(f"lists: unknown list {unknown[0]!r}; shipped: {', '.join(sorted(shipped.lists))}, "
                         "or a path to a .csv file")
    lists = {i: shipped.lists[i] for i in ids}
    entities = [e for e in shipped.entities if e.list_id in lists]
    for path in (Path(x) for x in wanted if isinstance(x, Path) or str(x).lower().endswith(".csv")):
        extra = load_list_file(path)
        clash = set(extra.lists) & set(lists)
        if clash:
            raise InputError(f"lists: two lists are called {clash.pop()!r}")
        lists.update(extra.lists)
        entities += extra.entities
    return ListSet(lists=lists, entities=tuple(entities))


class _export_files:
    """Paths for exports given as paths or as content (written to a private temporary folder)."""

    def __init__(self, exports: Publications) -> None:
        self.exports = exports
        self.tmp: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> list[Path]:
        from collabguard.models.usecases import PublicationExport

        paths: list[Path] = []
        for i, item in enumerate(self.exports):
            if isinstance(item, PublicationExport):
                if self.tmp is None:
                    self.tmp = tempfile.TemporaryDirectory(prefix="collabguard-")
                # the file is named by position (a given name may hold anything); messages show the given name
                path = Path(self.tmp.name) / f"export-{i + 1}.txt"
                path.write_text(item.content, encoding="utf-8")
                paths.append(path)
            else:
                paths.append(Path(item))
        return paths

    @staticmethod
    def plain(text: str, exports: Publications, paths: list[Path], in_json: bool = False) -> str:
        """``text`` (a message, or JSON text) with each temporary path replaced by the export's given name."""
        from collabguard.models.usecases import PublicationExport

        for item, path in zip(exports, paths, strict=True):
            if isinstance(item, PublicationExport):
                name = json.dumps(item.filename, ensure_ascii=False)[1:-1] if in_json else item.filename
                text = text.replace(str(path), name)
        return text

    def __exit__(self, *_: object) -> None:
        if self.tmp is not None:
            self.tmp.cleanup()

