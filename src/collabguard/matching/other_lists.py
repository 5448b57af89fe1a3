"""Names the same institution bears on other lists, borrowed by each list's entry.

Lists name one institution differently: the Japanese list gives the Central Aerohydrodynamic
Institute "TsAGI", the Entity List does not; the Entity List gives DJI "SZ DJI Technology Co., Ltd.",
the 1260H list does not. A rule that reads one list only (the Entity List for export control) would
miss a partner written the way another list writes it. So an entry borrows the names the same
institution has on other lists: its name, aliases, acronyms and local-script names.

Two entries of different lists are the same institution when they have the same name (normalised)
and country, or are linked to the same Research Organization Registry record on their own names (a
link made on an alias, or on a name ROR gives only as another name of a record, may be a larger
body, see :mod:`collabguard.matching.registry`).

The other entry's own local-script name (``name_local``) is the institution's name in its script: a
``match``. Every other borrowed name (its name, aliases in any script, acronyms) is ``possible``
(:mod:`collabguard.matching.stages.exact`): the lists' aliases hold units and subsidiaries beside other
names (the ASPI tracker gives CAEP's Beijing Computational Science Research Center, 北京计算科学研究中心,
as a name of CAEP), and one publisher's reading is not another's designation.
"""

from __future__ import annotations

from collections import defaultdict

from collabguard.lists.model import Entity, ListSet
from collabguard.matching.normalize import normalize
from collabguard.matching.registry import linked_on_other_name

# (text, the list it comes from, name-form kind) as matching.index.entity_forms reads borrowed names
Borrowed = tuple[str, str, str]


def same_institution(lists: ListSet) -> list[list[Entity]]:
    """Groups of entries (of two or more lists) that name one institution."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[tuple[str, str], str] = {}
    by_id: dict[str, Entity] = {}
    for e in lists.entities:
        if e.kind == "programme":
            continue
        by_id[e.entity_id] = e
        parent.setdefault(e.entity_id, e.entity_id)
        keys = []
        if norm := normalize(e.name):
            keys.append((norm, e.country))
        link = e.registry
        if link is not None and link.linked_on == "name" and not linked_on_other_name(e):
            keys.append(("ror", link.ror_id))
        for key in keys:
            if key in first:
                parent[root(e.entity_id)] = root(first[key])
            else:
                first[key] = e.entity_id
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity_id, e in by_id.items():
        groups[root(entity_id)].append(e)
    return [g for g in groups.values() if len({e.list_id for e in g}) > 1]


def borrowed_from_other_lists(lists: ListSet) -> dict[str, list[Borrowed]]:
    """Per entry id, the names the same institution bears on other lists."""
    out: dict[str, list[Borrowed]] = {}
    for group in same_institution(lists):
        for e in group:
            for other in group:
                if other.list_id != e.list_id:
                    out.setdefault(e.entity_id, []).extend(_names(other))
    return out


def _names(entity: Entity) -> list[Borrowed]:
    """The entry's own local-script name as a local name; every other name as an alias or acronym, in
    whatever script (a list's aliases hold its units' names too: ASPI gives 北京计算科学研究中心 under CAEP)."""
    # the local name first: an alias written the same way adds nothing to it (matching.index.entity_forms)
    names: list[Borrowed] = [(entity.name_local, entity.list_id, "local")] if entity.name_local else []
    names.append((entity.name, entity.list_id, "alias"))
    # not an alias the Research Organization Registry registers as another organisation of the country: the list that
    # gives it asks about it, saying whose it is; lent to another list it would ask without saying so ("Xi'an
    # University of Technology", the 1286 list's alias of Xi'an Technological University)
    elsewhere = {n.name for n in entity.names_elsewhere}
    names += [(a, entity.list_id, "alias") for a in entity.aliases if a not in elsewhere]
    names += [(a, entity.list_id, "acronym") for a in entity.acronyms]
    return names


__all__ = ["Borrowed", "borrowed_from_other_lists", "same_institution"]
