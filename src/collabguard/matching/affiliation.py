"""Reading raw affiliation strings ("School of Automation, Northwestern Polytechnical University,
Xi'an 710072, Shaanxi, China"): which part is a department, and which country the address names."""

from __future__ import annotations

import re

from collabguard.countries import country_code
from collabguard.matching.normalize import address_parts

_DEPARTMENT = re.compile(
    r"^(dept|department|school|sch|faculty|fac|division|div|section|sect|chair|unit|program|programme|"
    r"grp|group|team|inst of|institute of|college of|coll|centre for|center for|ctr)\b",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"\b[A-Z]{0,2}-?\d{3,}(-\d+)?\b")


def is_department(part: str) -> bool:
    """A part that names a unit inside an organisation ("Dept Phys", "School of Automation")."""
    return bool(_DEPARTMENT.match(part.strip()))


def infer_country(parts: list[str]) -> str | None:
    """The country an address ends with ("…, Peoples R China" → CN; "…, CA 90095 USA" → US), read
    from the address's own parts (``parts[0]`` is the whole string, see
    :func:`collabguard.matching.normalize.segments`), brackets left out."""
    pieces = address_parts(parts[0]) if parts else []
    for part in reversed(pieces[1:]):
        text = _POSTCODE.sub(" ", part).strip(" .")
        if not text:
            continue
        code = country_code(text)
        if code is None:
            last = text.split()[-1] if text.split() else ""
            code = country_code(last) if len(last) > 2 else None
        return code
    return None


def own_address(name: str, segment: str) -> str:
    """In a string of several addresses joined by semicolons, the one that holds ``segment``; the whole string
    where it is one address, or where the segment stands in more than one ("IHEP, Beijing, China; IHEP, Protvino,
    Russia": which is meant cannot be told from the text)."""
    if ";" not in name:
        return name
    holding = [chunk for chunk in name.split(";") if segment in chunk]
    return holding[0] if len(holding) == 1 else name


def own_address_country(name: str, segment: str) -> str | None:
    """In a string of several addresses ("NUDT, Changsha, China; MIT, Cambridge, MA, USA"), the country the address
    holding ``segment`` ends with; None where the string is one address, the segment stands in several, or its
    address names no country."""
    own = own_address(name, segment)
    return infer_country([own]) if own != name else None
