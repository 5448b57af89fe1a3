"""The screening report: the JSON contract other systems integrate with.

``schema_version`` changes only by adding; the JSON Schema in ``schemas/report.schema.json`` is
generated from these models (``collabguard schema``) and a test checks it is current. The schema
allows properties it does not name, so a reader built on it keeps working when fields are added;
reading a report back ignores fields a later version added.
"""

from __future__ import annotations

import builtins
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, computed_field

from collabguard.models.collaboration import CollaborationStats
from collabguard.models.common import Decision, RiskLevel, Severity, severity_rank

SCHEMA_VERSION = "1.0"

Recommendation = Literal["proceed", "proceed_with_mitigations", "needs_review", "escalate", "do_not_proceed"]
Subject = Literal["partner", "funder", "affiliation", "appointment", "programme"]
QuestionReason = Literal["judgement", "confirm_identity", "confirm_area", "missing_data"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class MatcherConfig(_Out):
    """Matcher settings; recorded in every report so a result can be reproduced."""

    algorithm: str = "collabguard-v3"
    scorer: str = "word pairing (exact, translated, skeleton, typo, abbreviation) on collabguard-normalised names"
    possible_threshold: int = Field(default=85, ge=0, le=100,
                                    description="minimum similarity (0–100) for a 'possible' spelling match")
    translated_threshold: int = Field(default=60, ge=0, le=100,
                                      description="minimum similarity for a name translated from another script")
    word_twin_ratio: int = Field(default=80, ge=0, le=100,
                                 description="minimum similarity for two words to count as one word misspelt")
    max_candidates: int = Field(default=400, ge=1, description="most list names scored per query part")
    max_name_length: int = Field(default=1000, ge=10, description="longer names are cut to this many characters")
    near_miss_score: int = Field(default=60, ge=0, le=100,
                                 description="a rejected candidate this similar is reported as a near miss")


class ListMatch(_Out):
    """One (name, list) result: the best entry of that list for that name."""

    partner: str = Field(description="the name as written in the proposal")
    subject: Subject
    country: str | None = None
    entity_id: str
    entity_name: str
    list: str
    list_title: str
    list_cite: str = Field(default="", description="one line: which list, which edition, and what being on it means")
    score: int = Field(ge=0, le=100)
    decision: Decision
    matched_name: str
    matched_name_kind: str
    entity_country: str = ""
    rating: str | None = Field(default=None, description="the list's own rating, where it has one ('unrated' if blank)")
    source_url: str
    source_date: str
    # builtins.list: the field ``list`` above shadows the type in the class body
    reasons: builtins.list[str] = Field(default_factory=builtins.list)
    query_normalized: str = Field(default="",
                                  description="the name (or the part of it) as compared, after normalisation or translation")
    features: dict[str, str] = Field(default_factory=dict, description=(
        "what decided: matched form, name kind, the decision stage that found it (stage: exact, optional-words, "
        "word-order, spacing, acronym, acronym-skip, acronym-parent, translated-exact, short-name, close-spelling, translated-words, "
        "part-of, company-named, key-laboratory, identifier), country check, word pairing"))
    also_fits: builtins.list[str] = Field(
        default_factory=builtins.list,
        description="entity ids of other entries of the same list the name fits equally well (an ambiguous acronym or "
                    "translation): each is listed; a person says which is meant")
    institution: str = Field(default="", description=(
        "the key of the body this entry names together with entries of other lists (same full name, or each one's name "
        "among the other's aliases, same country); empty when no other list names it. One identity question, and one "
        "answer, covers every entry of an institution"))
    institution_name: str = Field(default="", description="the name shown for that body (the one most of its lists use)")


class NearMiss(_Out):
    """The nearest list entry that was rejected for a name, and why: defends a 'no match'."""

    partner: str
    subject: str
    list: str
    entity_id: str
    entity_name: str
    score: int
    why: str


class MatcherReport(_Out):
    algorithm: str
    near_misses: list[NearMiss] = Field(default_factory=list)


class ReviewRecord(_Out):
    """A reviewed decision met while screening: applied, or not applied and why."""

    partner: str
    country: str | None
    list: str
    entity_id: str
    entity_name: str
    decision: Literal["cleared", "confirmed"]
    status: Literal["applied", "expired", "needs re-review"]
    reviewer: str
    date: str
    expires: str
    reason: str


class AreaEvidence(_Out):
    term: str
    field: str
    start: int
    end: int
    text: str
    gap: bool = Field(default=False, description="the words of the term were found with other words between them")


class AreaFinding(_Out):
    area_id: str
    area_name: str
    taxonomy: str
    taxonomy_version: str
    decision: Literal["match", "possible"]
    score: int
    evidence: list[AreaEvidence] = Field(default_factory=list)


class Guideline(_Out):
    framework: str
    section: str
    url: str
    url_nb: str | None = Field(default=None, description="the same section in Norwegian, where the source has one")
    checked: str | None = Field(default=None, description="the date the cited page was read for the rule; none: not checked")


class Evidence(_Out):
    matches: list[ListMatch] = Field(default_factory=list)
    areas: list[AreaFinding] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    fields: dict[str, Any] = Field(default_factory=dict)


class Flag(_Out):
    rule_id: str
    title: str
    framework: str
    severity: Severity
    blocking: bool
    advisory: bool = Field(description="the framework does not apply to this proposal; shown as advice, never blocking")
    confirmed: bool = Field(description="false when the rule fired only on 'possible' matches a person must confirm")
    gate: Literal["law", "funding_condition"] | None = Field(
        default=None, description="what the rule encodes besides risk advice: law (a licence, sanctions) or a funder's condition")
    message: str
    guideline: Guideline
    evidence: Evidence
    mitigations: list[str] = Field(default_factory=list)


class ChecklistItem(_Out):
    id: str = Field(default="", description="stable id of the question, used to answer it (--answers)")
    rule_id: str
    framework: str
    question: str
    severity: Severity
    reason: QuestionReason
    advisory: bool
    guideline: Guideline
    target: dict[str, str] = Field(default_factory=dict, description="what an answer settles: a match, an area or a field")


class ScreenedName(_Out):
    """A name that was checked against the lists (kept so a stored report can be screened again)."""

    name: str
    subject: str
    country: str | None


class AnsweredQuestion(_Out):
    id: str
    rule_id: str = Field(default="", description="the rule that asked a judgement question; empty for a question about a fact "
                         "(who a partner is, whether an area is advanced, a missing yes/no)")
    reason: Literal["judgement", "confirm_identity", "confirm_area", "missing_data", ""] = ""
    question: str
    answer: Literal["yes", "no", "unsure"]
    note: str
    reviewer: str
    date: str


class FrameworkResult(_Out):
    """One framework's own verdict: the recommendation table applied to its flags and its questions
    alone (including questions not listed in the checklist because the framework is advisory here)."""

    id: str
    title: str
    applies: bool
    reason: str
    flags: int
    blocking: bool
    questions: int = Field(default=0, description="open questions of this framework")
    risk_level: RiskLevel = "none"
    recommendation: Recommendation = "proceed"
    recommendation_reason: str = ""


class ListCoverage(_Out):
    id: str
    title: str
    edition: str
    age_days: int | None
    entries: int
    complete: bool


class Coverage(_Out):
    lists_checked: list[ListCoverage]
    lists_not_checked: list[str]
    taxonomies: list[str]
    note: str


class PackVersion(_Out):
    id: str
    version: str
    sha256: str


class ListVersion(_Out):
    id: str
    edition: str
    sha256: str


class PolicyVersion(_Out):
    """An institution's policy overlay and every change it made to the shipped rules."""

    id: str
    title: str
    version: str
    date: str
    sha256: str
    changes: list[str] = Field(description="each change in words, with the policy's reason")


class Versions(_Out):
    tool: str
    packs: list[PackVersion]
    lists: list[ListVersion]
    taxonomies: list[PackVersion]
    matcher: MatcherConfig
    lexicons: list[PackVersion] = Field(default_factory=list, description=(
        "the matcher's word lists (reference/matching/*.yaml: translations, legal forms, name words, places, pinyin; "
        "and reference/organisation-parts.yaml), each with its version and sha256; empty in reports made before they "
        "were recorded"))
    policy: PolicyVersion | None = None


class SummaryList(_Out):
    """A list a name was found on: which list, which edition, and what being on it means."""

    id: str
    title: str
    edition: str
    meaning: str = Field(description="the list's one-line citation (rules/lists/lists.yaml `cite`): which list, which "
                                     "edition, what being on it means, and the entry's own legal basis where the list gives one")


class SummaryMatch(_Out):
    """A name of the proposal, as written, and the listed entity it matched, with every list that names it."""

    name: str = Field(description="the name as written in the proposal")
    subject: Subject
    country: str | None = None
    entity: str = Field(description="the listed entity's name")
    also_listed_as: list[str] = Field(default_factory=list, description=(
        "other names the same body has on other lists (the Entity List's 'Beijing University of Aeronautics and "
        "Astronautics (BUAA)' for Beihang University)"))
    decision: Decision = Field(description="match: the identity holds (a person may rely on it); possible: a person must "
                                           "confirm who the partner is")
    identity: str = Field(description="why the name is (or may be) that entity, in words")
    lists: list[SummaryList]


class SummaryArea(_Out):
    """A sensitive technology area behind the verdict, with the words of the proposal that show it."""

    id: str
    name: str
    decision: Literal["match", "possible"]
    evidence: str = Field(description="the words found and where: '“sonar” in abstract and keywords'")


class Summary(_Out):
    """The report in brief, derived from the report itself (never stored apart from it): what every
    view shows first. "confirmed" in it only ever qualifies an identity."""

    recommendation: Recommendation
    recommendation_text: str = Field(description="the recommendation in words")
    headline: str = Field(description="the recommendation and why in one sentence: the names as written, the entities "
                                      "they matched, each list with its edition and meaning, the sensitive areas with "
                                      "their evidence, and the next step")
    reason: str = Field(description="the finding or open question the recommendation rests on, in words")
    decided_by: str = Field(default="", description="the rule id or question id the recommendation rests on (empty when nothing)")
    matches: list[SummaryMatch] = Field(default_factory=list, description="names matched by the flags that count, one per "
                                        "name as written and entity")
    areas: list[SummaryArea] = Field(default_factory=list, description="sensitive areas cited by the flags that count")
    next_step: str = Field(description="what the officer must do next")
    open_questions: int = Field(default=0, description="open questions of the frameworks that apply")
    frameworks_applying: list[str] = Field(default_factory=list)
    frameworks_not_applying: list[str] = Field(default_factory=list, description="their findings are advice (flags marked "
                                               "advisory), folded away in the text views")


class Report(_Out):
    schema_version: str = SCHEMA_VERSION
    _asked_by: dict[str, set[str]] = PrivateAttr(default_factory=dict)  # rule id -> ids of the questions it asked
    redacted: bool = Field(default=False, description="names of researchers and reviewers were replaced (--redact)")
    language: str = Field(default="en", description="language of rule titles, messages, questions and mitigations (en, nb)")
    proposal_id: str
    title: str
    screened_on: str
    risk_level: RiskLevel
    blocking: bool
    recommendation: Recommendation
    recommendation_reason: str
    flags: list[Flag]
    checklist: list[ChecklistItem]
    mitigations: list[str]
    areas: list[AreaFinding]
    frameworks: list[FrameworkResult]
    coverage: Coverage
    versions: Versions
    matcher: MatcherReport | None = None
    warnings: list[str] = Field(default_factory=list, description="things that limit this screening (e.g. a text that is not English)")
    reviews: list[ReviewRecord] = Field(default_factory=list, description="reviewed decisions (decisions.yaml) met in this screening")
    answers: list[AnsweredQuestion] = Field(default_factory=list, description="checklist questions answered (--answers), and by whom")
    screened_names: list[ScreenedName] = Field(default_factory=list, description="every organisation or programme name checked against the lists")
    context: CollaborationStats | None = Field(default=None, description="collaboration context from publication exports (--publications); context, not a rule finding")

    @computed_field(description="the report in brief (derived from the rest of the report; ignored when a report is read back)")  # type: ignore[prop-decorator]
    @property
    def summary(self) -> Summary:
        from collabguard.report.summary import summarise

        return summarise(self)

    # Derived facts, defined once: every renderer, exit code and batch column reads these.
    @property
    def any_applies(self) -> bool:
        """Some framework applies to this proposal (else every finding is advisory and all are used)."""
        return any(fw.applies for fw in self.frameworks)

    @property
    def counted_flags(self) -> list[Flag]:
        """The flags the risk level, the recommendation and ``--fail-on`` come from: those of the
        frameworks that apply, or every flag when none applies."""
        return [f for f in self.flags if not f.advisory] if self.any_applies else list(self.flags)

    @property
    def advisory_flags(self) -> list[Flag]:
        """Findings of frameworks that do not apply, shown as advice beside the counted ones."""
        return [f for f in self.flags if f.advisory] if self.any_applies else []

    def fails_at(self, severity: str) -> bool:
        """A counted flag at or above ``severity`` (the ``--fail-on`` gate)."""
        return any(severity_rank(f.severity) >= severity_rank(severity) for f in self.counted_flags)

