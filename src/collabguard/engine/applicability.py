"""Which rule packs apply to a proposal, and why (or why not).

If the proposal names ``frameworks``, exactly those apply. Otherwise a pack applies when its
``applies_when`` holds: the home institution's country, a funding row naming one of its funders
(of the funder's own country, in one of its programmes, with a partner of the required type), a
funder's country, or a partner's country (a Dutch partner applies the Dutch guidelines to the
project it joins). Packs that do not apply still run, as advisory.

A funder's name decides only where its country agrees: a row that states another country is
another funder ("Swiss National Science Foundation", CH, is not the US NSF), and a row that states
no country must give the funder's name exactly ("NSF", "National Science Foundation"); a longer
name that only contains it ("Iran National Science Foundation") does not apply the pack, and the
report says how to make it apply if it was meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collabguard.matching.normalize import tokens
from collabguard.models.proposal import Funding, Proposal
from collabguard.reference.report_text import text
from collabguard.rules.schema import FundingTrigger, PackInfo


@dataclass
class Applicability:
    applies: bool
    reason: str
    warnings: list[str] = field(default_factory=list)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _named_in(text: str | None, names: list[str]) -> str | None:
    """The first of ``names`` written inside ``text`` as whole words ("NSERC Alliance" names NSERC)."""
    if not text:
        return None
    words = tokens(text)
    return next((name for name in names if _contains(words, tokens(name))), None)


def _plain_words(text: str) -> tuple[str, ...]:
    # a partner's type is a plain description: keep every word ("company" is not a legal form to drop here)
    return tuple(re.findall(r"[a-z0-9]+", text.casefold()))


def _named_exactly(text: str, names: list[str]) -> str | None:
    words = tokens(text)
    return next((name for name in names if words and words == tokens(name)), None)


def _funder(row: Funding, trigger: FundingTrigger, where: str, pack_id: str, warnings: list[str], lang: str = "en") -> str | None:
    """The trigger's funder name this row names, when its country agrees."""
    if not trigger.funders:  # any funder of the programmes
        return _named_in(row.programme, trigger.programmes) or _named_in(row.funder, trigger.programmes)
    if trigger.country is None:  # a supranational funder: its name alone decides
        return _named_in(row.funder, trigger.funders) or _named_in(row.programme, trigger.funders)
    if row.country is not None:
        if row.country != trigger.country:
            return None
        return _named_in(row.funder, trigger.funders) or _named_in(row.programme, trigger.funders)
    exact = _named_exactly(row.funder, trigger.funders)
    if exact is None and (inside := _named_in(row.funder, trigger.funders)) is not None:
        warnings.append(text("applies.funder_without_country", lang, where=where, funder=repr(row.funder), inside=repr(inside),
                             pack=pack_id, country=trigger.country))
    return exact


def _private_partner(proposal: Proposal, words: list[str]) -> tuple[bool | None, str]:
    """Whether a partner's type names one of ``words`` (whole words: "industry partner", not
    "non-industrial"); None when no partner states a type."""
    typed = [p for p in proposal.partners if p.type]
    wanted = [_plain_words(w) for w in words]
    hit = next((p for p in typed if any(_contains(_plain_words(p.type or ""), w) for w in wanted)), None)
    if hit is not None:
        return True, f"{hit.name} ({hit.type})"
    return (False if typed else None), ""


def _funding(pack: PackInfo, proposal: Proposal, warnings: list[str], lang: str = "en") -> Applicability | None:
    cond = pack.applies_when
    refused: str | None = None
    for trigger in cond.funding:
        for i, row in enumerate(proposal.funding):
            name = _funder(row, trigger, f"funding[{i}]", pack.id, warnings, lang)
            if name is None:
                continue
            label = text("applies.funded_by", lang, funder=row.funder) + (f", {row.programme}" if row.programme else "")
            if trigger.programmes and _named_in(row.programme, trigger.programmes) is None \
                    and _named_in(row.funder, trigger.programmes) is None:
                refused = refused or text("applies.not_through", lang, label=label,
                                          programmes=text("words.or", lang).join(trigger.programmes))
                continue
            if trigger.partner_types:
                private, who = _private_partner(proposal, trigger.partner_types)
                if private is False:
                    refused = refused or text("applies.no_private_partner", lang, label=label)
                    continue
                if private is None:
                    warnings.append(text("applies.private_assumed_warning", lang, pack=pack.id))
                    return Applicability(True, text("applies.private_assumed", lang, label=label), warnings)
                return Applicability(True, text("applies.private_partner", lang, label=label, who=who), warnings)
            return Applicability(True, label, warnings)
    return Applicability(False, refused, warnings) if refused else None


def applies(pack: PackInfo, proposal: Proposal, lang: str = "en") -> Applicability:
    """Whether ``pack`` applies to ``proposal``, and why, in ``lang``."""
    if pack.applies_when.always:  # the institution's own policy: a proposal cannot opt out of it
        return Applicability(True, text("applies.own_policy", lang))
    if proposal.frameworks:
        if pack.id in proposal.frameworks:
            return Applicability(True, text("applies.named", lang))
        return Applicability(False, text("applies.not_named", lang))
    cond = pack.applies_when
    warnings: list[str] = []
    home = proposal.home_institution.country if proposal.home_institution else None
    if home and home in cond.home_countries:
        return Applicability(True, text("applies.home", lang, country=home))
    by_funding = _funding(pack, proposal, warnings, lang)
    if by_funding is not None and by_funding.applies:
        return by_funding
    for f in proposal.funding:
        if f.country and f.country in cond.funder_countries:
            return Applicability(True, text("applies.funder_country", lang, funder=f.funder, country=f.country), warnings)
    for p in proposal.partners:
        if p.country and p.country in cond.partner_countries:
            return Applicability(True, text("applies.partner_country", lang, partner=p.name, country=p.country), warnings)
    if by_funding is not None:
        return by_funding
    return Applicability(False, text("applies.none", lang), warnings)
