"""Which rule packs apply to a proposal.

If the proposal names ``frameworks``, exactly those apply. Otherwise a pack applies when its
``applies_when`` holds: the home institution's country, a funder (by name or acronym), a funder's
country, a funding programme, or a partner's country (a Dutch partner applies the Dutch guidelines
to the project it joins). Packs that do not apply still run, as advisory.
"""

from __future__ import annotations

from collabguard.matching.normalize import tokens
from collabguard.models.proposal import Proposal
from collabguard.rules.schema import PackInfo


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _names_in(text: str | None, names: list[str]) -> str | None:
    """The first of ``names`` written inside ``text`` as whole words ("NSERC Alliance" names NSERC)."""
    if not text:
        return None
    words = tokens(text)
    return next((name for name in names if _contains(words, tokens(name))), None)


def applies(pack: PackInfo, proposal: Proposal) -> tuple[bool, str]:
    if pack.applies_when.always:  # the institution's own policy: a proposal cannot opt out of it
        return True, "the institution's own policy"
    if proposal.frameworks:
        if pack.id in proposal.frameworks:
            return True, "named in the proposal's frameworks"
        return False, "not among the proposal's frameworks (advisory)"
    cond = pack.applies_when
    home = proposal.home_institution.country if proposal.home_institution else None
    if home and home in cond.home_countries:
        return True, f"home institution is in {home}"
    for f in proposal.funding:
        # a funder's name counts only where its country does not contradict the pack's funder
        # countries ("Swiss National Science Foundation" is not the US NSF)
        other_country = bool(f.country and cond.funder_countries and f.country not in cond.funder_countries)
        if not other_country and (name := _names_in(f.funder, cond.funders)) is not None:
            return True, f"funded by {f.funder} ({name})"
        if (name := _names_in(f.programme, cond.programmes)) is not None:
            return True, f"funding programme {f.programme}"
        if f.country and f.country in cond.funder_countries:
            return True, f"funder in {f.country}"
    for p in proposal.partners:
        if p.country and p.country in cond.partner_countries:
            return True, f"partner {p.name} is in {p.country}"
    return False, "its conditions (home country, funder, programme, partner country) do not hold"
