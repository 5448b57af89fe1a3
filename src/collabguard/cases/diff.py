"""What changed between two reports of a case: the verdict (overall and per framework), the flags,
the list matches and the open questions; and, for context, the rule, list and policy versions.

Dates (``screened_on``) and wording are not differences: two screenings of the same proposal with the
same rules, lists, policy and answers give an empty difference.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from collabguard.models.report import Report, Versions


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ValueChange(_Out):
    before: str
    after: str


class FrameworkChange(_Out):
    """One framework's own verdict, before and after (``None``: the framework was not in that report)."""

    id: str
    before: str | None = Field(description="'recommendation, risk' (and ', applies' where it applies)")
    after: str | None


class FlagChange(_Out):
    rule_id: str
    title: str
    framework: str
    before: str | None = Field(description="severity (and 'possible', 'blocking', 'advisory'); None: not raised")
    after: str | None


class MatchChange(_Out):
    """A name against a list entry: the decision before and after (``None``: no match then)."""

    partner: str
    subject: str
    list: str
    entity_id: str
    entity_name: str
    before: str | None
    after: str | None


class QuestionChange(_Out):
    id: str
    rule_id: str
    question: str
    severity: str
    reason: str


class CaseDiff(_Out):
    """The difference between two reports of one case."""

    recommendation: ValueChange | None = None
    risk_level: ValueChange | None = None
    blocking: ValueChange | None = None
    frameworks: list[FrameworkChange] = Field(default_factory=list)
    flags: list[FlagChange] = Field(default_factory=list)
    matches: list[MatchChange] = Field(default_factory=list)
    questions_opened: list[QuestionChange] = Field(default_factory=list)
    questions_closed: list[QuestionChange] = Field(default_factory=list)
    versions: list[str] = Field(default_factory=list, description="rule packs, lists, taxonomies, policy or tool that "
                                "differ (context: on its own, not a change of the case)")

    @property
    def changed(self) -> bool:
        """The verdict, a flag, a match or the open questions differ."""
        return bool(self.recommendation or self.risk_level or self.blocking or self.frameworks or self.flags
                    or self.matches or self.questions_opened or self.questions_closed)

    def summary(self) -> str:
        """The difference in one short line."""
        parts = []
        if self.recommendation:
            parts.append(f"recommendation {self.recommendation.before} → {self.recommendation.after}")
        if self.risk_level:
            parts.append(f"risk {self.risk_level.before} → {self.risk_level.after}")
        for n, what in ((len(self.matches), "match"), (len(self.flags), "flag"), (len(self.frameworks), "framework verdict")):
            if n:
                parts.append(f"{n} {what}{'es' if what == 'match' and n != 1 else '' if n == 1 or what == 'match' else 's'} changed")
        if self.questions_closed:
            parts.append(f"{len(self.questions_closed)} question{'s' if len(self.questions_closed) != 1 else ''} closed")
        if self.questions_opened:
            parts.append(f"{len(self.questions_opened)} question{'s' if len(self.questions_opened) != 1 else ''} opened")
        return "; ".join(parts) if parts else "nothing changed"

    def lines(self) -> list[str]:
        """The difference in words, one line per change."""
        out = []
        for name, change in (("recommendation", self.recommendation), ("risk level", self.risk_level),
                             ("blocking", self.blocking)):
            if change is not None:
                out.append(f"{name}: {change.before} → {change.after}")
        out += [f"framework {f.id}: {f.before or 'not screened'} → {f.after or 'not screened'}" for f in self.frameworks]
        for m in self.matches:
            what = f"{m.partner!r} ({m.subject}) ~ {m.entity_name} [{m.list}, {m.entity_id}]"
            if m.before is None:
                out.append(f"new {m.after}: {what}")
            elif m.after is None:
                out.append(f"no longer a {m.before}: {what}")
            else:
                out.append(f"{m.before} → {m.after}: {what}")
        for f in self.flags:
            if f.before is None:
                out.append(f"new flag {f.rule_id} ({f.after}): {f.title}")
            elif f.after is None:
                out.append(f"flag {f.rule_id} no longer raised (was {f.before}): {f.title}")
            else:
                out.append(f"flag {f.rule_id}: {f.before} → {f.after}")
        out += [f"question opened {q.id} [{q.severity}] {q.rule_id or q.reason}: {q.question}" for q in self.questions_opened]
        out += [f"question closed {q.id} {q.rule_id or q.reason}: {q.question}" for q in self.questions_closed]
        out += [f"version: {v}" for v in self.versions]
        return out


def diff_reports(before: Report, after: Report) -> CaseDiff:
    """What changed from ``before`` to ``after`` (two reports of the same case)."""
    return CaseDiff(
        recommendation=_value(before.recommendation, after.recommendation),
        risk_level=_value(before.risk_level, after.risk_level),
        blocking=_value(_yes_no(before.blocking), _yes_no(after.blocking)),
        frameworks=_frameworks(before, after), flags=_flags(before, after), matches=_matches(before, after),
        questions_opened=_questions(after, before), questions_closed=_questions(before, after),
        versions=version_changes(before.versions, after.versions))


def _value(before: str, after: str) -> ValueChange | None:
    return None if before == after else ValueChange(before=before, after=after)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _frameworks(before: Report, after: Report) -> list[FrameworkChange]:
    def verdicts(r: Report) -> dict[str, str]:
        return {f.id: f"{f.recommendation}, {f.risk_level}" + (", blocking" if f.blocking else "") + (", applies" if f.applies else "")
                for f in r.frameworks}

    old, new = verdicts(before), verdicts(after)
    return [FrameworkChange(id=i, before=old.get(i), after=new.get(i))
            for i in sorted(old.keys() | new.keys()) if old.get(i) != new.get(i)]


def _flags(before: Report, after: Report) -> list[FlagChange]:
    def flags(r: Report) -> dict[str, tuple[str, str, str]]:
        out = {}
        for f in r.flags:
            state = ", ".join([f.severity] + (["possible"] if not f.confirmed else []) + (["blocking"] if f.blocking else [])
                              + (["advisory"] if f.advisory else []))
            out[f.rule_id] = (state, f.title, f.framework)
        return out

    old, new = flags(before), flags(after)
    changes = []
    for rule_id in sorted(old.keys() | new.keys()):
        b, a = old.get(rule_id), new.get(rule_id)
        if (b and b[0]) != (a and a[0]):
            title, framework = (a or b)[1:]  # type: ignore[index]
            changes.append(FlagChange(rule_id=rule_id, title=title, framework=framework, before=b and b[0], after=a and a[0]))
    return changes


def _matches(before: Report, after: Report) -> list[MatchChange]:
    def matches(r: Report) -> dict[tuple[str, str, str, str], tuple[str, str]]:
        return {(m.partner, m.subject, m.list, m.entity_id): (m.decision, m.entity_name)
                for f in r.flags for m in f.evidence.matches}

    old, new = matches(before), matches(after)
    changes = []
    for key in sorted(old.keys() | new.keys()):
        b, a = old.get(key), new.get(key)
        if (b and b[0]) != (a and a[0]):
            partner, subject, list_id, entity_id = key
            changes.append(MatchChange(partner=partner, subject=subject, list=list_id, entity_id=entity_id,
                                       entity_name=(a or b)[1], before=b and b[0], after=a and a[0]))  # type: ignore[index]
    return changes


def _questions(have: Report, lack: Report) -> list[QuestionChange]:
    """The questions open in ``have`` and not in ``lack``."""
    gone = {q.id for q in lack.checklist}
    return [QuestionChange(id=q.id, rule_id=q.rule_id, question=q.question, severity=q.severity, reason=q.reason)
            for q in have.checklist if q.id not in gone]


def version_changes(before: Versions, after: Versions) -> list[str]:
    """The rule packs, lists, taxonomies, policy and tool that differ between two reports' versions."""
    out = []
    if before.tool != after.tool:
        out.append(f"collabguard {before.tool} → {after.tool}")
    for kind, old, new in (("rule pack", {p.id: p.version for p in before.packs}, {p.id: p.version for p in after.packs}),
                           ("list", {x.id: x.edition for x in before.lists}, {x.id: x.edition for x in after.lists}),
                           ("taxonomy", {t.id: t.version for t in before.taxonomies}, {t.id: t.version for t in after.taxonomies})):
        out += [f"{kind} {i}: {old.get(i, 'none')} → {new.get(i, 'none')}" for i in sorted(old.keys() | new.keys())
                if old.get(i) != new.get(i)]
    for kind, sha_old, sha_new in (("rule pack", {p.id: p.sha256 for p in before.packs}, {p.id: p.sha256 for p in after.packs}),
                                   ("list", {x.id: x.sha256 for x in before.lists}, {x.id: x.sha256 for x in after.lists})):
        out += [f"{kind} {i}: same version, content changed (sha256 {sha_old[i][:12]} → {sha_new[i][:12]})"
                for i in sorted(sha_old.keys() & sha_new.keys())
                if sha_old[i] != sha_new[i] and not any(line.startswith(f"{kind} {i}:") for line in out)]
    p_old, p_new = before.policy, after.policy
    if (p_old and (p_old.id, p_old.version, p_old.sha256)) != (p_new and (p_new.id, p_new.version, p_new.sha256)):
        out.append(f"policy: {(p_old and f'{p_old.id} {p_old.version}') or 'none'} → {(p_new and f'{p_new.id} {p_new.version}') or 'none'}")
    return out
