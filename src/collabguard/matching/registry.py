"""Names an organisation registry (ROR) gives list entries, as the matcher uses them.

``collabguard lists enrich`` links an entry to its ROR record only where identity is certain
(:mod:`collabguard.lists.enrich`); the record's names then count as names of the entry, each saying
where it came from: "via ROR label '北京航空航天大学' (https://ror.org/00wk2mp56, release v2.7)".

- the record's display name is an alias of the entry, its labels in other scripts local names, its
  acronyms acronyms: the matcher's rules apply to them as to the list's own names (an acronym or a
  generic name is never more than ``possible``); its aliases, which hold former and informal names
  that another body may bear today, give at most ``possible`` (:func:`is_registry_alias`), as do
  the listed name without its place (:func:`less_specific`) and every name of a record the entry was
  linked to on one of the record's aliases, which may be a larger body (:func:`linked_on_other_name`);
- the names of the record's children are units of the listed organisation: an exact hit is
  ``possible``, "part of listed organisation …", never a ``match`` on the parent (see
  :mod:`collabguard.matching.parts`);
- a partner given with the entry's ROR id is that entry (:func:`identified`).
"""

from __future__ import annotations

from collabguard.lists.model import Entity, RegistryName
from collabguard.matching.normalize import normalize
from collabguard.matching.qualifiers import without_places

REGISTRY = "ROR"
PART = "part"  # the name-form kind of a unit's name (index.NameIndex keeps these apart)
_KIND_WORDS = {"ror_display": "name", "label": "label", "alias": "alias", "acronym": "acronym"}


def _release(name: RegistryName) -> str:
    return f"ROR release {name.release or 'unknown'}" + (f", data of {name.date}" if name.date else "")


def provenance(entity: Entity, name: RegistryName) -> str:
    """Where a borrowed name comes from, in words a report shows."""
    if name.relation == PART:
        return (f"{REGISTRY} record {name.record_id} ({name.record_name}) is a child of the entry's record {entity.ror}, "
                f"{_release(name)}")
    link = entity.registry
    if link is not None and link.linked_on == "alias":  # the record of a name the list gives the entry as an alias
        return (f"{REGISTRY} {_KIND_WORDS[name.kind]} {name.text!r} ({name.record_id}, the record of the list's alias "
                f"{link.linked_by!r}, {_release(name)})")
    return f"{REGISTRY} {_KIND_WORDS[name.kind]} {name.text!r} ({name.record_id}, {_release(name)})"


def borrowed_names(entity: Entity) -> list[tuple[str, str, str]]:
    """(text, provenance, name-form kind) for :func:`collabguard.matching.index.entity_forms`."""
    if entity.registry is None:
        return []
    out: list[tuple[str, str, str]] = []
    for name in entity.registry.names:
        kind = PART if name.relation == PART else ("acronym" if name.kind == "acronym" else "alias")
        out.append((name.text, provenance(entity, name), kind))
    return out


def is_registry(via: str) -> bool:
    """Is a borrowed name form's provenance the registry's (not another list's)?"""
    return via.startswith(REGISTRY + " ")


def less_specific(form_text: str, entity: Entity) -> bool:
    """Is a registry's name the listed name without its place ("China University of Geosciences" for
    the listed "China University of Geosciences (Wuhan)")? Universities in two cities bear it (Wuhan
    and Beijing), so it does not name this entry alone: ``possible``, never ``match``."""
    bare = without_places(entity.name)
    return bare != entity.name and normalize(form_text) == normalize(bare)


def linked_on_other_name(entity: Entity) -> bool:
    """Was the entry linked to its ROR record on one of the record's aliases, not its display name or a
    label? Then the record may be a larger body that ROR gives the entry's name as another name of
    (ROR's "Sensetime (China)" lists "Beijing Sensetime Technology Development Co Ltd." among its
    aliases): the record's own names name that body, not the entry, and give ``possible`` only."""
    link = entity.registry
    if link is None:
        return False
    key = normalize(link.linked_by)
    kinds = {n.kind for n in link.names if n.relation != PART and normalize(n.text) == key}
    return bool(kinds) and not kinds & {"ror_display", "label"}


def is_registry_alias(via: str) -> bool:
    """Is it one of the record's aliases (not its display name, a label or a unit's name)? ROR keeps
    former and informal names there without saying which ("Beijing Institute of Geology" for China
    University of Geosciences, "Tianjin Business Institute" for Hebei University), and a former name
    may belong to another body today: such a name alone is ``possible``, never ``match``."""
    return via.startswith(f"{REGISTRY} {_KIND_WORDS['alias']} ")


def linked_id(entity: Entity) -> str:
    """The ROR id a partner may be given with to name this entry: the entry's own, or that of the record
    of one of its aliases (a list gives a body's units and former names as aliases)."""
    return entity.ror or (entity.registry.ror_id if entity.registry is not None else "")


def identified(entity: Entity) -> str:
    """Why a partner given with the entry's ROR id (or its alias's) is that entry."""
    link = entity.registry
    if link is None:
        return f"the partner's ROR id {entity.ror} is the one the list gives for this entry"
    release = next((_release(n) for n in link.names if n.relation != PART), "ROR release unknown")
    if link.linked_on == "alias":
        return (f"the partner's ROR id {link.ror_id} is that of {link.linked_by!r}, which the list gives as a name of "
                f"this entry (same name in ROR, same country; {release})")
    return (f"the partner's ROR id {link.ror_id} is this entry's: linked because ROR gives that record the entry's "
            f"name {link.linked_by!r}, in the same country ({release})")
