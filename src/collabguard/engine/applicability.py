"""Which rule packs apply to a proposal.

If the proposal names ``frameworks``, exactly those apply. Otherwise a pack applies when its
``applies_when`` holds: the home institution's country, a funder (by name or acronym), a funder's
country or a funding programme. Packs that do not apply still run, as advisory.
"""

from __future__ import annotations

from collabguard.matching.normalize import normalize
from collabguard.models.proposal import Proposal
from collabguard.rules.schema import PackInfo


def _names(values: list[str]) -> set[str]:
    return {normalize(v) for v in values if v}


def applies(pack: PackInfo, proposal: Proposal) -> tuple[bool, str]:
    if proposal.frameworks:
        if pack.id in proposal.frameworks:
            return True, "named in the proposal's frameworks"
        return False, "not among the proposal's frameworks (advisory)"
    cond = pack.applies_when
    home = proposal.home_institution.country if proposal.home_institution else None
    if home and home in cond.home_countries:
        return True, f"home institution is in {home}"
    wanted = _names(cond.funders)
    for f in proposal.funding:
        if normalize(f.funder) in wanted:
            return True, f"funded by {f.funder}"
        if f.programme and normalize(f.programme) in _names(cond.programmes):
            return True, f"funding programme {f.programme}"
        if f.country and f.country in cond.funder_countries:
            return True, f"funder in {f.country}"
    return False, "its conditions (home country, funder, programme) do not hold (advisory)"
