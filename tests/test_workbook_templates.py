"""The shipped templates are what the generator makes today (regenerate them with
``pacxl templates workbook_templates``). Compared as unzipped XML, volatile parts stripped
(creation and modification times), in the manner of XlsxWriter's test helpers. The formula
cells' cached values are LibreOffice's, the same at every regeneration."""

from __future__ import annotations

import re
import zipfile

import pytest

from pacxl.workbook.templates import TEMPLATES, shipped_template, write_templates

pytestmark = pytest.mark.libreoffice  # the templates carry the values LibreOffice computes

VOLATILE = [
    (re.compile(r"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>"), ""),
    (re.compile(r"<(cp:lastModifiedBy|dc:creator)>[^<]*</\1>"), ""),
]


def xml_parts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        out = {}
        for name in sorted(z.namelist()):
            text = z.read(name).decode("utf-8", errors="replace")
            for pattern, repl in VOLATILE:
                text = pattern.sub(repl, text)
            out[name] = text
        return out


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    write_templates(folder)
    return folder


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_matches_generator(regenerated, name):
    shipped = shipped_template(name)
    assert shipped.exists(), f"{name} is missing: run pacxl templates workbook_templates"
    old, new = xml_parts(shipped), xml_parts(regenerated / name)
    assert sorted(old) == sorted(new), f"{name}: parts differ, run pacxl templates workbook_templates"
    drifted = [part for part in new if old[part] != new[part]]
    assert drifted == [], f"{name} drifted from the generator in {drifted[:5]}: run pacxl templates workbook_templates"


def test_volatile_parts_are_the_only_difference_between_two_builds(tmp_path, regenerated):
    write_templates(tmp_path)
    a, b = xml_parts(regenerated / "pac_fr.xlsx"), xml_parts(tmp_path / "pac_fr.xlsx")
    assert a == b
    with zipfile.ZipFile(tmp_path / "pac_fr.xlsx") as z:
        assert "<dcterms:created" in z.read("docProps/core.xml").decode()
