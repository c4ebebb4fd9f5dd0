"""Checks JSON-LD against the schema.org vocabulary (tests/fixtures/schemaorg)."""

import json
from functools import cache
from pathlib import Path

VOCABULARY = Path(__file__).parent / "fixtures" / "schemaorg" / "vocabulary.json"
DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Number", "Integer", "Boolean", "Time"}


@cache
def vocabulary() -> dict:
    return json.loads(VOCABULARY.read_text())


def ancestors(cls: str) -> set[str]:
    classes = vocabulary()["classes"]
    seen, todo = set(), [cls]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(classes.get(current, []))
    return seen


def problems(node, path: str = "$") -> list[str]:
    """Every type that schema.org does not define and every property used on a
    type outside its domain, in a JSON-LD tree."""
    found = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            found += problems(item, f"{path}[{i}]")
        return found
    if not isinstance(node, dict):
        return found
    vocab = vocabulary()
    types = node.get("@type")
    types = [types] if isinstance(types, str) else types or []
    for t in types:
        if t not in vocab["classes"]:
            found.append(f"{path}: unknown type {t}")
    lineage = set().union(*(ancestors(t) for t in types)) if types else set()
    for key, value in node.items():
        if key.startswith("@"):
            continue
        prop = vocab["properties"].get(key)
        if prop is None:
            found.append(f"{path}.{key}: unknown property")
            continue
        if types and not lineage & set(prop["domain"]):
            found.append(f"{path}.{key}: not a property of {'/'.join(types)}")
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict) and "@type" in child:
                child_types = {child["@type"]} if isinstance(child["@type"], str) else set()
                allowed = set(prop["range"])
                if child_types and not any(ancestors(t) & allowed for t in child_types):
                    found.append(f"{path}.{key}: {child['@type']} is outside its range")
            elif not isinstance(child, dict) and not set(prop["range"]) & (DATA_TYPES | {"Thing"}):
                found.append(f"{path}.{key}: a literal where {prop['range']} is expected")
        found += problems(value, f"{path}.{key}")
    return found
