"""The docs stay true to the tree: each service's module map names its modules, each decision record has its status,
and every relative link in the docs leads to a file (and a heading) that exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infra.declaration import SERVICES

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")), ROOT / "web" / "README.md",
        *(ROOT / "services" / name / "README.md" for name in SERVICES)]
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("service", SERVICES)
def test_a_services_module_map_names_each_of_its_modules_once(service):
    text = (ROOT / "services" / service / "README.md").read_text()
    table = text.split("## Module map", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"^\| `([^`]+)` \|", table, flags=re.MULTILINE)
    package = ROOT / "services" / service / "chalicelib" / service
    modules = ["app.py", *(f"chalicelib/{service}/{p.name}" for p in sorted(package.glob("*.py"))
                          if p.name != "__init__.py")]
    assert sorted(named) == sorted(modules)


def test_each_decision_record_has_a_status_and_says_what_it_supersedes():
    records = sorted((ROOT / "docs" / "adr").glob("[0-9][0-9][0-9][0-9]-*.md"))
    assert len(records) > 100
    index = (ROOT / "docs" / "adr" / "README.md").read_text()
    for record in records:
        lines = record.read_text().splitlines()
        assert lines[0].startswith(f"# {record.name[:4]}. "), record.name
        status = next(line for line in lines if line.startswith("Status: "))
        assert re.fullmatch(r"Status: (accepted|superseded by \[ADR \d{4}\]\(\d{4}-[a-z0-9-]+\.md\))", status), status
        assert any(line.startswith("Supersedes: ") for line in lines), record.name
        assert f"]({record.name})" in index, record.name


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(doc):
    for target in LINK.findall(doc.read_text()):
        if target.startswith(("http://", "https://", "mailto:", "webcal:")):
            continue
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        assert file.exists(), f"{doc.relative_to(ROOT)} links to {target}"
        if anchor and file.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", file.read_text(), flags=re.MULTILINE)
            assert anchor in {_anchor(h) for h in headings}, f"{doc.relative_to(ROOT)} links to {target}"
