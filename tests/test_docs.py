"""Everything a user can call is documented: CLI commands and options, UDFs, macros."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from pacxl import macros, udfs
from pacxl.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = "\n".join(
    p.read_text(encoding="utf-8") for p in [ROOT / "README.md", ROOT / "macros" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
)
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


def test_readme_has_the_two_setup_commands():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    assert any("pacxl demo" in b and "pip install" in b for b in blocks)
    after_marker = README.split("<!-- test-command -->", 1)[1]
    test_cmd = re.search(r"```bash\n(.*?)\n```", after_marker, re.S).group(1)
    assert "pytest" in test_cmd and "pip install" in test_cmd
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci  # CI runs the README's command, read from the README
    assert f"(today: {test_cmd};" in ci  # and the comment saying which command it is stays true


def test_the_setup_commands_work_on_a_machine_that_refuses_a_system_pip():
    """Debian 12 / Ubuntu 24.04 refuse ``pip install`` outside a virtual environment (PEP 668):
    both set-up commands make one and use its pip, pacxl and python; what they create is ignored."""
    blocks = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    setup = next(b for b in blocks if "pacxl demo" in b and "pip install" in b)
    test_cmd = re.search(r"```bash\n(.*?)\n```", README.split("<!-- test-command -->", 1)[1], re.S).group(1)
    for cmd in (setup, test_cmd):
        steps = [s.strip() for s in cmd.split("&&")]
        assert steps[0] == "python3 -m venv .venv", cmd
        assert all(s.startswith(".venv/bin/") for s in steps[1:]), cmd  # never the system's pip/python
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".venv/" in ignored and "pac_demo.xlsx" in ignored
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3-venv" in ci  # Debian's python3 has no venv without it


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme_and_has_an_example(name):
    assert re.search(rf"`pacxl {name}\b", README), f"pacxl {name} is missing from README.md"
    cmd = main.commands[name]
    assert cmd.help and "Example" in cmd.help, f"pacxl {name} --help has no example"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_documented(name):
    """Each option is on the command's own row of the README's command table."""
    rows = [ln for ln in README.splitlines() if ln.startswith(f"| `pacxl {name}")]
    assert len(rows) == 1, f"pacxl {name} needs one row in the README's command table"
    cmd = main.commands[name]
    for param in cmd.params:
        if isinstance(param, click.Option) and "--help" not in param.opts:
            assert any(opt in rows[0] for opt in param.opts), f"pacxl {name}: option {param.opts} not in its README row"


@pytest.mark.parametrize("name", udfs.__all__)
def test_every_udf_is_documented(name):
    assert f"`{name}" in README and name in (ROOT / "docs" / "udfs.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["import_budget", "import_actuals", "import_customers", "import_pipeline", "check_plan",
                                  "refresh_report"])
def test_every_macro_entry_point_is_documented(name):
    assert f"pacxl.macros.{name}()" in (ROOT / "macros" / "README.md").read_text(encoding="utf-8")
    assert getattr(macros, name).__doc__


def test_docs_links_resolve():
    for doc in [ROOT / "README.md", ROOT / "macros" / "README.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#]+?\.(?:md|yaml|py))\)", doc.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"


def test_readme_shows_the_generated_dashboard_pictures():
    """The README embeds pictures of the dashboard that scripts/render_dashboard.py makes (from
    the demo, through LibreOffice and pdftoppm): both exist, are PNGs of a page's width, and the
    generator writes exactly those files."""
    import importlib.util
    import struct

    shown = re.findall(r"\]\((docs/img/[^)]+\.png)\)", README)
    assert {"docs/img/dashboard_fr.png", "docs/img/dashboard_en.png"} <= set(shown)
    for rel in shown:
        data = (ROOT / rel).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", rel
        width, height = struct.unpack(">II", data[16:24])
        assert 600 <= width <= 2000 and 400 <= height <= 2000, (rel, width, height)
    spec = importlib.util.spec_from_file_location("render_dashboard", ROOT / "scripts" / "render_dashboard.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.main and set(script.LOCALES) == {"fr", "en"}
    assert script.ROOT / "docs" / "img" == ROOT / "docs" / "img"
    assert 'f"dashboard_{lang}.png"' in (ROOT / "scripts" / "render_dashboard.py").read_text(encoding="utf-8")
    # its PGM reader (the crop box comes from it)
    size, pixels = script._pgm(b"P5\n# a comment\n3 2\n255\n" + bytes([255, 0, 255, 255, 255, 255]))
    assert size == (3, 2) and pixels[1] == 0
