"""pacxl report: figures (worked out by hand on a small plan), JSON schema, terminal and HTML."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

from pacxl.calc import revisions as revisions_rule
from pacxl.errors import InputError
from pacxl.model import Baseline, BaselineEntry, Deal, Revision
from pacxl.report import report_figures
from pacxl.report_html import render_html
from pacxl.report_terminal import render_terminal

from plans import clean_plan

DOCS = Path(__file__).resolve().parent.parent / "docs" / "report.md"


@pytest.fixture(scope="module")
def fig():
    return report_figures(clean_plan(), 3)


def kpi(fig, id_):
    return next(k for k in fig["kpis"] if k["id"] == id_)


def test_revenue_kpi_at_month_3(fig):
    k = kpi(fig, "K1")  # plan 25 000 a month; actual 20 000 + 30 000 + 24 000
    assert k["plan_ytd"] == 75_000 and k["actual_ytd"] == 74_000
    assert k["variance"] == -1_000 and k["variance_pct"] == pytest.approx(-1 / 75)
    assert k["favourable"] is False
    assert k["landing"] == 74_000 + 9 * 25_000
    assert k["run_rate"] == pytest.approx(74_000 * 12 / 3)
    assert k["plan_year"] == 300_000
    assert k["plan_month"] == 25_000 and k["actual_month"] == 24_000
    assert k["actual_by_month"][3:] == [None] * 9


def test_cost_kpi_below_plan_is_favourable(fig):
    k = kpi(fig, "K3")
    assert (k["actual_ytd"], k["plan_ytd"], k["favourable"]) == (2_900, 3_000, True)


def test_rate_kpi_is_averaged(fig):
    k = kpi(fig, "K4")  # (0.25 + 0.35 + 0.30) / 3
    assert k["actual_ytd"] == pytest.approx(0.30) and k["plan_year"] == pytest.approx(0.30)
    assert k["landing"] == pytest.approx(0.30)


def test_objective_measured_by_kpi_of_its_name(fig):
    o1 = next(o for o in fig["objectives"] if o["id"] == "O1")
    assert o1["measured_by"] == "K1" and o1["landing"] == 299_000 and o1["on_track"] is False
    o2 = next(o for o in fig["objectives"] if o["id"] == "O2")
    assert o2["kpis"] == ["K2", "K4"] and o2["measured_by"] is None and o2["on_track"] is None
    assert o2["landing"] is None


def test_budget_by_category(fig):
    cats = {r["category"]: r for r in fig["budget"]["categories"]}
    fairs, travel = cats["Trade fairs and events"], cats["Travel"]
    assert (fairs["plan_year"], fairs["plan_ytd"], fairs["actual"]) == (8_000, 8_000, 8_500)
    assert fairs["variance"] == 500 and fairs["favourable"] is False
    assert travel["plan_year"] == pytest.approx(4_000)  # 1 000 spread + 12 x 250
    assert travel["plan_ytd"] == pytest.approx(1_000 / 4 + 750)
    assert travel["actual"] == 950 and travel["favourable"] is True
    total = fig["budget"]["total"]
    assert total["plan_year"] == pytest.approx(12_000) and total["actual"] == 9_450
    assert total["consumed"] == pytest.approx(9_450 / 12_000)


def test_actions_states_by_month():
    plan = clean_plan()
    at3 = report_figures(plan, 3)["actions"]["counts"]
    assert (at3["done"], at3["to_do"], at3["late"], at3["total"]) == (1, 2, 0, 3)
    late = report_figures(plan, 12)["actions"]  # A1 ended on 18/12 and is not done
    assert late["counts"]["late"] == 1 and [x["id"] for x in late["late"]] == ["A1"]


def test_funnel_and_abc(fig):
    st = fig["funnel"]["stages"]
    assert fig["funnel"]["deals_target"] == 15
    assert [s["year"] for s in st] == [500, 100, 50, 15]
    assert [s["month"] for s in st] == [42, 9, 5, 2]
    assert [s["week"] for s in st] == [10, 2, 1, 1]
    abc = fig["abc"]["classes"]  # 100, 50, 30 | 10, 10 of 200
    assert abc["A"] == {"count": 3, "revenue": 180, "share": 0.9}
    assert abc["B"]["count"] == 2 and abc["C"]["count"] == 0


def test_month_defaults_to_tracking_month():
    plan = clean_plan()
    assert report_figures(plan)["month"] == 3
    plan.settings.tracking_month = None
    with pytest.raises(InputError, match="--month"):
        report_figures(plan)
    with pytest.raises(InputError, match="1 to 12"):
        report_figures(plan, 13)


def _shape(value):
    """The key structure of a JSON value: dicts by key, lists by their first item."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value and isinstance(value[0], (dict, list)) else []
    return None


def test_json_matches_the_documented_schema():
    plan = clean_plan()  # frozen, then revised, so that no list is empty
    plan.baseline = Baseline(dt.date(2026, 1, 5), [BaselineEntry(**vars(e)) for e in revisions_rule.baseline_entries(
        [(o.id, o.target) for o in plan.objectives], [(k.id, k.plan) for k in plan.kpis],
        [(b.id, b.months) for b in plan.budget])])
    plan.revisions = [Revision(dt.date(2026, 5, 2), plan.objectives[0].id, "target", None, plan.objectives[0].target,
                               310000.0, "Tender won", "alice")]
    plan.objectives[0].target = 310000.0
    plan.pipeline = [Deal("Tender", "Acme", "alice", plan.settings.funnel_stages[-2], 50000.0, 0.5,
                          dt.date(2026, 6, 30), dt.date(2026, 1, 10), "open")]  # past its close in December
    fig = report_figures(plan, 12)  # a month with a late action, so no list is empty
    text = DOCS.read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)\n```", text, re.S).group(1)
    documented = json.loads(example)
    produced = json.loads(json.dumps(fig))  # plain JSON types only
    # by_owner is keyed by owner names: compare one owner's shape
    for doc in (documented, produced):
        owners = doc["actions"]["by_owner"]
        doc["actions"]["by_owner"] = next(iter(owners.values())) if owners else {}
    assert _shape(produced) == _shape(documented)
    for key in _flat_keys(documented):
        pattern = r"`([\w.]+\.)?" + re.escape(key) + r"(\[\])?`"  # `key`, `budget.key`, `key[]`
        assert re.search(pattern, text), f"{key} is not described in docs/report.md"


def _flat_keys(d, prefix=""):
    for k, v in d.items():
        yield k
        if isinstance(v, dict):
            yield from _flat_keys(v)
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            yield from _flat_keys(v[0])


def test_terminal_report_shows_the_figures(fig):
    buf = io.StringIO()
    render_terminal(fig, Console(file=buf, width=160, color_system=None))
    out = buf.getvalue()
    for s in ("Acme 2026", "299 000", "unfavourable", "Late", "Contacts", "90.0%"):
        assert s.replace(" ", "\u202f") in out or s in out, s


@pytest.fixture(scope="module")
def fig_fr():
    return report_figures(clean_plan("fr"), 3)


def _terminal(fig, **kw) -> str:
    buf = io.StringIO()
    render_terminal(fig, Console(file=buf, width=160, color_system=None), **kw)
    return buf.getvalue()


def test_figures_carry_the_workbook_language(fig, fig_fr):
    assert fig["lang"] == "en" and fig_fr["lang"] == "fr"
    # the figures themselves do not depend on the language
    strip = {"lang", "objectives", "kpis", "budget", "actions", "funnel", "quarters", "pipeline"}  # names
    assert {k: v for k, v in fig.items() if k not in strip} == {k: v for k, v in fig_fr.items() if k not in strip}

    def unnamed(pipeline):  # the funnel's stage names are the workbook's words
        return {**pipeline, "by_stage": [{**x, "stage": None} for x in pipeline["by_stage"]]}

    assert unnamed(fig["pipeline"]) == unnamed(fig_fr["pipeline"])
    assert [x["stage"] for x in fig_fr["pipeline"]["by_stage"]][-1] == "Signatures"
    assert [k["plan_ytd"] for k in fig["kpis"]] == [k["plan_ytd"] for k in fig_fr["kpis"]]


def test_french_terminal_report_is_french(fig_fr):
    out = _terminal(fig_fr)
    # K1 revenue: 74 000 against 75 000 planned, unfavourable; the signature rate averages 30 %;
    # the trade fair budget (8 500 spent for 8 000) is over plan
    for s in ("Acme 2026 : le plan à fin du mois 3 (03/2026), au 31/03/2026", "Objectifs",
              "Indicateurs (cumul à date)", "Budget par catégorie (€)", "défavorable", "favorable",
              "En retard", "Prévu à date", "30,0\u00a0%", "299\u202f000", "-1,3\u00a0%"):
        assert s in out, s
    for english in ("unfavourable", "favourable ", "Objectives", "Late", "Plan YTD", "as of", "month 3"):
        assert english not in out, english


def test_english_terminal_report_stays_english(fig):
    out = _terminal(fig)
    for s in ("Acme 2026: plan at month 3 (03/2026), as of 2026-03-31", "Objectives", "KPIs (year to date)",
              "Plan YTD", "-1.3%", "30.0%"):
        assert s in out, s
    assert "défavorable" not in out and "Objectifs" not in out
    # a language can be forced
    assert "Objectifs" in _terminal(fig, lang="fr")


def test_french_html_report_is_french(fig_fr):
    page = render_html(fig_fr)
    assert '<html lang="fr">' in page
    for s in ("<h2>Objectifs</h2>", "<h2>Indicateurs, cumul à date</h2>", "défavorable", "Prévu à date",
              "objectif de CA", "actions en retard", "Part du CA par classe", "Chiffres au 31/03/2026"):
        assert s in page, s
    for english in (">unfavourable<", ">favourable<", "<h2>Objectives</h2>", "Figures as of", "revenue target"):
        assert english not in page, english
    assert '<html lang="en">' in render_html(report_figures(clean_plan(), 3))


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_html_is_self_contained_with_charts(fig):
    page = render_html(fig)
    p = _Collect()
    p.feed(page)
    assert "script" not in p.tags and "link" not in p.tags and "img" not in p.tags
    assert not [v for k, v in p.attrs if k in ("src", "href")]
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) >= 4  # revenue by month, budget, actions, funnel, ABC
    for svg in svgs:
        ET.fromstring(svg)  # well-formed XML
    # objectives, KPIs, catch-up, the quarter's KPIs, budget by quarter, budget, funnel, ABC (no late action)
    assert p.tags.count("table") == 8
    assert "299\u202f000" in page


# --- end to end: the demo workbook --------------------------------------------------------------

from click.testing import CliRunner  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from openpyxl.utils import range_boundaries  # noqa: E402

from pacxl.cli import main  # noqa: E402
from pacxl.demo import demo_plan  # noqa: E402
from pacxl.report import report_workbook  # noqa: E402
from pacxl.workbook.build import normalized  # noqa: E402
from pacxl.workbook.contract import TABLES  # noqa: E402


def _column(wb, table: str, key: str) -> list:
    """Values of a table column (data rows), from a recalculated workbook."""
    for ws in wb.worksheets:
        if table in ws.tables:
            min_col, header, _, last = range_boundaries(ws.tables[table].ref)
            col = min_col + TABLES[table].index(key)
            return [ws.cell(row=r, column=col).value for r in range(header + 1, last + 1)]
    raise AssertionError(table)


def _name(wb, name: str) -> list:
    sheet, ref = next(wb.defined_names[name].destinations)
    cells = wb[sheet][ref.replace("$", "")]
    if not isinstance(cells, tuple):
        return [cells.value]
    return [c.value for row in cells for c in (row if isinstance(row, tuple) else (row,))]


def test_workbook_report_equals_calc_on_the_source_plan(demo_fr_path):
    fig = report_workbook(demo_fr_path)
    assert fig["month"] == 10  # the demo's PAC_Month
    expected = report_figures(normalized(demo_plan("fr")), 10, workbook=str(demo_fr_path))
    assert fig == expected


@pytest.mark.libreoffice
def test_report_figures_equal_the_workbook_formulas(demo_fr_path, demo_fr_recalc):
    fig = report_workbook(demo_fr_path)
    wb = load_workbook(demo_fr_recalc, data_only=True)
    ids = _column(wb, "tblKPI", "id")
    for key in ("plan_ytd", "actual_ytd", "variance", "variance_pct", "landing", "plan_year"):
        native = dict(zip(ids, _column(wb, "tblKPI", key)))
        for k in fig["kpis"]:
            assert native[k["id"]] == pytest.approx(k[key], rel=1e-9), (k["id"], key)
    assert _name(wb, "PAC_BudgetTotal")[0] == pytest.approx(fig["budget"]["total"]["plan_year"])
    by_cat: dict = {}
    for cat, total in zip(_column(wb, "tblBudget", "category"), _column(wb, "tblBudget", "total")):
        if cat:
            by_cat[cat] = by_cat.get(cat, 0) + total
    assert {r["category"]: pytest.approx(r["plan_year"]) for r in fig["budget"]["categories"]} == by_cat
    volumes = [v for v in _name(wb, "PAC_FunnelVolumes") if v not in (None, "")]
    assert volumes == [s["year"] for s in fig["funnel"]["stages"]]
    classes = [c for c in _column(wb, "tblCustomers", "abc") if c]
    for cls, r in fig["abc"]["classes"].items():
        assert classes.count(cls) == r["count"]


def test_report_cli(demo_fr_path, demo_en_path, tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["report", str(demo_fr_path), "--json", "--month", "6"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["schema"] == "pacxl.report/1" and doc["month"] == 6 and doc["as_of"] == "2026-06-30"
    page = tmp_path / "report.html"
    res = runner.invoke(main, ["report", str(demo_fr_path), "--html", str(page)])
    assert res.exit_code == 0 and f"écrit : {page}" in res.output  # a French workbook: French
    assert "wrote" not in res.output
    res = runner.invoke(main, ["report", str(demo_en_path), "--html", str(tmp_path / "en.html")])
    assert res.exit_code == 0 and f"wrote {tmp_path / 'en.html'}" in res.output and "écrit" not in res.output
    assert "Aéraulis" in page.read_text(encoding="utf-8")
    res = runner.invoke(main, ["report", str(demo_fr_path), "--month", "13"])
    assert res.exit_code == 2 and "13 is not in the range 1<=x<=12" in res.output


# --- the HTML page as a browser shows it (headless Chromium) -------------------------------------


def _chromium() -> str:
    import os
    import shutil

    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    message = "Chromium is not installed (apt-get install -y chromium): the HTML report is not rendered"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " (CI=true: the rendering test must run)")
    pytest.skip(message)


def _headless(browser: str, *args: str) -> None:
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pacxl-chromium-") as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={profile}", *args],
            check=True, capture_output=True, timeout=120,
        )


@pytest.fixture(scope="module")
def rendered(demo_fr_path, tmp_path_factory):
    """The demo's HTML report as Chromium paints it (a screenshot) and prints it (a PDF)."""
    browser = _chromium()
    folder = tmp_path_factory.mktemp("html")
    page = folder / "report.html"
    res = CliRunner().invoke(main, ["report", str(demo_fr_path), "--month", "6", "--html", str(page)])
    assert res.exit_code == 0, res.output
    shot, pdf = folder / "report.png", folder / "report.pdf"
    _headless(browser, "--window-size=1100,5400", f"--screenshot={shot}", page.as_uri())
    _headless(browser, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    return page.read_text(encoding="utf-8"), shot, pdf


def test_html_report_renders_its_charts_in_chromium(rendered):
    from PIL import Image

    html, shot, _ = rendered
    img = Image.open(shot).convert("RGB")
    assert img.size == (1100, 5400)  # (the page grew: catch-up and quarters)
    counts = {rgb: n for n, rgb in img.getcolors(maxcolors=1 << 20)}
    white = counts.get((255, 255, 255), 0)
    assert white < 0.9 * img.size[0] * img.size[1]  # the page is not blank
    # every colour the charts fill their bars with (bars big enough to see) is painted
    area: dict[str, float] = {}
    for tag in re.findall(r"<rect [^>]*>", html):
        w, h, fill = (re.search(rf'{a}="([^"]+)"', tag) for a in ("width", "height", "fill"))
        if w and h and fill and re.fullmatch(r"#[0-9a-fA-F]{6}", fill.group(1)):
            area[fill.group(1)[1:]] = area.get(fill.group(1)[1:], 0) + float(w.group(1)) * float(h.group(1))
    fills = {hexa for hexa, a in area.items() if a >= 400}
    assert len(fills) >= 3
    for hexa in fills:
        rgb = tuple(int(hexa[i : i + 2], 16) for i in (0, 2, 4))
        near = sum(n for c, n in counts.items() if max(abs(a - b) for a, b in zip(c, rgb)) <= 6)
        assert near > 200, f"bar colour #{hexa} is not visible on the rendered page"


def test_html_report_prints_its_tables_in_chromium(rendered):
    import shutil
    import subprocess

    _, _, pdf = rendered
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the printed text is not read")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Aéraulis SAS 2026" in text
    # the demo is French: so is its report
    for title in ("Objectifs", "Budget par catégorie", "Actions", "Entonnoir", "Répartition ABC"):
        assert title in text, title
    assert "OBJ-01" in text and "KPI-01" in text and "Salons et événements" in text
