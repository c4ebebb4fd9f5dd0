"""Imports point one way: `claims` builds on `sources`, `sources` on neither,
and no app imports the project package (`factcheck`), migrations included —
a migration that imports it ties every future project layout to today's."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imports_of(app: str) -> dict[str, set[str]]:
    """Each module of `app` (by path) with the absolute module names it imports."""
    found = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                # The apps import absolutely; a relative import would hide a dependency.
                assert node.level == 0, f"{path}:{node.lineno}: relative import"
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def importing(app: str, package: str) -> list[str]:
    return [
        f"{path}: {name}"
        for path, names in imports_of(app).items()
        for name in sorted(names)
        if name == package or name.startswith(f"{package}.")
    ]


def test_the_walk_reads_every_module_and_migration():
    claims = imports_of("claims")
    assert "claims/migrations/0001_initial.py" in claims
    assert "sources.validators" in claims["claims/migrations/0001_initial.py"]
    assert "sources.models" in claims["claims/models/claim.py"]


@pytest.mark.parametrize("app", ["claims", "sources"])
def test_no_app_imports_the_project_package(app):
    assert importing(app, "factcheck") == []


def test_sources_imports_nothing_from_claims():
    assert importing("sources", "claims") == []
