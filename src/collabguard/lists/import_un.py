"""The UN Security Council Consolidated List, official XML (``un-xml``;
https://scsanctions.un.org/resources/xml/en/consolidated.xml, schema sc-sanctions.xsd).

``CONSOLIDATED_LIST`` (``dateGenerated``) holds ``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``:
the file says who is a person. Per entry this keeps the name (an individual's name parts joined), the
aliases (quality a.k.a., f.k.a., good and low alike), the original-script name, the address countries
and addresses, the UN reference number and sanctions regime as the legal basis, the date listed, and
the regime's measures. A file with a DOCTYPE or entity declarations is refused (no XML entity
expansion), as is any other XML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from collabguard.errors import InputError
from collabguard.lists.rows import code_of, make_row, reading

DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.I)


def _text(node: ET.Element | None, tag: str) -> str:
    found = node.find(tag) if node is not None else None
    return " ".join((found.text or "").split()) if found is not None and found.text else ""


def _values(node: ET.Element, tag: str) -> list[str]:
    return [" ".join((v.text or "").split()) for v in node.findall(f"{tag}/VALUE") if v.text and v.text.strip()]


def _address(node: ET.Element) -> tuple[str, str]:
    parts = [_text(node, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")]
    text = ", ".join(p for p in parts if p)
    country = code_of(_text(node, "COUNTRY"))
    if re.search(r"\bhong kong\b", text, re.I):
        country = "HK"
    return text, country


def parse_un(text: str) -> tuple[str, list[tuple[str, ET.Element]]]:
    """The list's generation date and its records, each as ``("person"|"organisation", element)``."""
    if DECLARATION.search(text[:4096]):
        raise InputError("the XML declares a DOCTYPE or entities; the UN list has none, so it is refused")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(f"not readable XML ({exc})") from None
    if root.tag != "CONSOLIDATED_LIST":
        raise InputError(f"the root element is <{root.tag}>, not <CONSOLIDATED_LIST>: not the UN consolidated list")
    records = [("person", n) for n in root.findall("INDIVIDUALS/INDIVIDUAL")]
    records += [("organisation", n) for n in root.findall("ENTITIES/ENTITY")]
    return (root.get("dateGenerated") or "")[:10], records


def import_un(text: str, prefix: str) -> list[dict[str, str]]:
    generated, records = parse_un(text)
    spec = reading()["formats"]["un-xml"]
    out = []
    for kind, node in records:
        name = " ".join(p for p in (_text(node, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")) if p)
        if not name:
            raise InputError(f"{'INDIVIDUAL' if kind == 'person' else 'ENTITY'} {_text(node, 'DATAID') or '?'}: no name")
        alias_tag = "INDIVIDUAL_ALIAS" if kind == "person" else "ENTITY_ALIAS"
        aliases = [_text(a, "ALIAS_NAME").strip('"“”') for a in node.findall(alias_tag)]
        addresses, countries = [], []
        for a in node.findall("INDIVIDUAL_ADDRESS" if kind == "person" else "ENTITY_ADDRESS"):
            line, code = _address(a)
            if line:
                addresses.append(line)
            if code:
                countries.append(code)
        if kind == "person":
            countries += [c for c in (code_of(v) for v in _values(node, "NATIONALITY")) if c]
        countries = list(dict.fromkeys(countries))
        ref, regime = _text(node, "REFERENCE_NUMBER"), _text(node, "UN_LIST_TYPE")
        out.append(make_row(prefix, ref or _text(node, "DATAID") or name, name, [a for a in aliases if a],
                            countries[0] if countries else "", spec["title"], f"{regime} sanctions regime" if regime else "",
                            spec["url"], generated, local=_text(node, "NAME_ORIGINAL_SCRIPT"), kind=kind,
                            countries=countries, addresses=addresses,
                            legal_basis=f"UN Security Council {regime} sanctions, {ref}".replace(" ,", ","),
                            date_added=_text(node, "LISTED_ON")[:10],
                            measure=spec["measure_person"] if kind == "person" else spec["measure"]))
    return out
