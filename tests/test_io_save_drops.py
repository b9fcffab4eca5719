"""Content that openpyxl drops on save is refused by name, in the workbook's language (--force
accepts): SmartArt, data connections, query tables, the Power Pivot model, Excel 365 dynamic
arrays, an .xlsm's ribbon and VBA signature, chart style and colour parts.

Each hostile workbook is built by rewriting a generated workbook's zip the way Excel writes the
part: the part, its [Content_Types].xml override and the relationship pointing at it. A second
test loads and saves each through openpyxl and looks: the refusal is true, the part (or the link
that makes it live) is gone.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from pacxl.errors import WouldLoseDataError
from pacxl.io import save

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS = "http://schemas.microsoft.com/office"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass
class Part:
    name: str
    content_type: str | None  # None: covered by a Default of its extension
    rels: str  # the relationships file that points at it
    rel_type: str
    data: bytes


@dataclass
class Hostile:
    key: str  # messages.TEXTS "save.lost.<key>"
    parts: list[Part]
    suffix: str = ".xlsx"
    chart: bool = False
    sheet_edit: tuple[bytes, bytes] | None = None  # (old, new) in sheet1.xml
    gone: list[str] = field(default_factory=list)  # what openpyxl's save no longer has (regexes)


def _rel_target(rels: str, part: str) -> str:
    """The Target of a relationship from ``rels`` to ``part`` (relative to the source's folder)."""
    source_dir = Path(rels).parent.parent  # xl/_rels/workbook.xml.rels -> xl
    return "/" + part if str(source_dir) == "." else str(Path(part).relative_to(source_dir)) if \
        part.startswith(str(source_dir) + "/") else "/" + part


def add_parts(path: Path, parts: list[Part], sheet_edit=None) -> Path:
    """Rewrite the workbook's zip with ``parts`` added, typed and linked."""
    with zipfile.ZipFile(path) as z:
        items = {i.filename: z.read(i.filename) for i in z.infolist()}
    for n, part in enumerate(parts, start=1):
        items[part.name] = part.data
        if part.content_type:
            items["[Content_Types].xml"] = items["[Content_Types].xml"].replace(
                b"</Types>", f'<Override PartName="/{part.name}" ContentType="{part.content_type}"/></Types>'.encode())
        rels = items.get(part.rels, f'<?xml version="1.0"?><Relationships xmlns="{R.replace("officeDocument/2006/relationships", "package/2006/relationships")}"></Relationships>'.encode())
        rel = f'<Relationship Id="rIdPacxl{n}" Type="{part.rel_type}" Target="{_rel_target(part.rels, part.name)}"/>'
        items[part.rels] = rels.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
    if sheet_edit:
        sheet = items["xl/worksheets/sheet1.xml"]
        assert sheet_edit[0] in sheet
        items["xl/worksheets/sheet1.xml"] = sheet.replace(*sheet_edit)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items.items():
            z.writestr(name, data)
    return path


def generated(path: Path, chart: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Libellé", "Montant"])
    for i in range(3):
        ws.append([f"Salon {i}", 1200 * (i + 1)])
    ws["D1"] = "=SUM(B2:B4)"
    if chart:
        from openpyxl.chart import BarChart, Reference

        c = BarChart()
        c.add_data(Reference(ws, min_col=2, min_row=1, max_row=4), titles_from_data=True)
        ws.add_chart(c, "F2")
    if path.suffix == ".xlsm":
        wb.save(path)
        add_parts(path, [Part("xl/vbaProject.bin", "application/vnd.ms-office.vbaProject",
                              "xl/_rels/workbook.xml.rels", f"{MS}/2006/relationships/vbaProject",
                              b"fake VBA project \x00\x01")])
        return path
    wb.save(path)
    return path


WB_RELS = "xl/_rels/workbook.xml.rels"
SHEET_RELS = "xl/worksheets/_rels/sheet1.xml.rels"

HOSTILE = {
    "smartart": Hostile("smartart", [
        Part("xl/diagrams/data1.xml", "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
             SHEET_RELS, f"{R}/diagramData",
             b'<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
             b'<dgm:ptLst><dgm:pt modelId="{1}" type="doc"/></dgm:ptLst></dgm:dataModel>'),
        Part("xl/diagrams/layout1.xml", "application/vnd.openxmlformats-officedocument.drawingml.diagramLayout+xml",
             SHEET_RELS, f"{R}/diagramLayout",
             b'<dgm:layoutDef xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"/>'),
    ], gone=[r"xl/diagrams/"]),
    "connections": Hostile("connections", [
        Part("xl/connections.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml",
             WB_RELS, f"{R}/connections",
             f'<connections xmlns="{MAIN}"><connection id="1" name="Ventes" type="5" refreshedVersion="6">'
             '<dbPr connection="Provider=SQLOLEDB;Data Source=erp" command="SELECT * FROM ventes"/>'
             "</connection></connections>".encode()),
    ], gone=[r"xl/connections\.xml"]),
    "query_tables": Hostile("query_tables", [
        Part("xl/queryTables/queryTable1.xml",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.queryTable+xml",
             SHEET_RELS, f"{R}/queryTable",
             f'<queryTable xmlns="{MAIN}" name="Ventes" connectionId="1" autoFormatId="16"/>'.encode()),
    ], gone=[r"xl/queryTables/"]),
    "data_model": Hostile("data_model", [
        Part("xl/model/item.data", "application/vnd.openxmlformats-officedocument.model+data",
             WB_RELS, f"{MS}/2007/relationships/powerPivotData", b"\x00\x01 Power Pivot model"),
        Part("customXml/item1.xml", None, WB_RELS, f"{R}/customXml",
             b'<?xml version="1.0"?><Gemini xmlns="http://gemini/pivotcustomization/DataModel"/>'),
    ], gone=[r"xl/model/", r"customXml/item1\.xml"]),
    "dynamic_arrays": Hostile("dynamic_arrays", [
        Part("xl/metadata.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml",
             WB_RELS, f"{R}/sheetMetadata",
             f'<metadata xmlns="{MAIN}" xmlns:xda="{MS}/spreadsheetml/2017/dynamicarray">'
             '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" '
             'copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" '
             'clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>'
             f'<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}}">'
             '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>'
             '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>'.encode()),
    ],
        # a PAC_FUNNEL typed in Excel 365: a spilling formula, the cell marked cm="1"
        sheet_edit=(b'<c r="D1"><f>SUM(B2:B4)</f><v /></c>',
                    b'<c r="D1" cm="1"><f t="array" ref="D1:D3">_xldudf_PAC_FUNNEL(B2:B4)</f><v>0</v></c>'),
        gone=[r"xl/metadata\.xml", r'cm="1"']),
    "ribbon": Hostile("ribbon", [
        Part("customUI/customUI14.xml", None, "_rels/.rels", f"{MS}/2007/relationships/ui/extensibility",
             b'<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs>'
             b'<tab id="pacxl" label="PAC"><group id="imp" label="Import"><button id="b" label="Budget" '
             b'onAction="ImportBudget"/></group></tab></tabs></ribbon></customUI>'),
    ], suffix=".xlsm", gone=[r"ui/extensibility"]),
    "vba_signature": Hostile("vba_signature", [
        Part("xl/vbaProjectSignature.bin", "application/vnd.ms-office.vbaProjectSignature",
             "xl/_rels/vbaProject.bin.rels", f"{MS}/2006/relationships/vbaProjectSignature", b"\x30\x82 sig"),
        Part("xl/vbaProjectSignatureAgile.bin", "application/vnd.ms-office.vbaProjectSignatureAgile",
             "xl/_rels/vbaProject.bin.rels", f"{MS}/2014/relationships/vbaProjectSignatureAgile", b"\x30\x82 sig"),
    ], suffix=".xlsm", gone=[r"relationships/vbaProjectSignature"]),
    "chart_styles": Hostile("chart_styles", [
        Part("xl/charts/style1.xml", "application/vnd.ms-office.chartstyle+xml",
             "xl/charts/_rels/chart1.xml.rels", f"{MS}/2011/relationships/chartStyle",
             b'<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" id="201"/>'),
        Part("xl/charts/colors1.xml", "application/vnd.ms-office.chartcolorstyle+xml",
             "xl/charts/_rels/chart1.xml.rels", f"{MS}/2011/relationships/chartColorStyle",
             b'<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" '
             b'meth="cycle" id="10"/>'),
    ], chart=True, gone=[r"xl/charts/style1\.xml", r"xl/charts/colors1\.xml"]),
}

ENGLISH = {
    "smartart": "SmartArt graphics",
    "connections": "data connections (external data sources and their refresh)",
    "query_tables": "query tables (tables refreshed from a data connection)",
    "data_model": "Power Pivot data model (the tables loaded into the model)",
    "dynamic_arrays": "Excel 365 dynamic arrays (spilling formulas, PAC_FUNNEL included, would become fixed arrays)",
    "ribbon": "custom ribbon (customUI)",
    "vba_signature": "VBA project signature (the macros would no longer be signed)",
    "chart_styles": "chart styles and colours (Excel's style and colour parts of the charts)",
}
FRENCH = {
    "smartart": "graphiques SmartArt",
    "connections": "connexions de données (sources externes et leur actualisation)",
    "query_tables": "tables de requête (tables actualisées par une connexion de données)",
    "data_model": "modèle de données Power Pivot (les tables chargées dans le modèle)",
    "dynamic_arrays": "tableaux dynamiques d'Excel 365 (les formules qui débordent, PAC_FUNNEL compris, "
                      "deviendraient des matrices figées)",
    "ribbon": "ruban personnalisé (customUI)",
    "vba_signature": "signature du projet VBA (les macros ne seraient plus signées)",
    "chart_styles": "styles et couleurs des graphiques (les parties style et couleurs d'Excel)",
}


def hostile(tmp_path: Path, key: str) -> Path:
    h = HOSTILE[key]
    p = generated(tmp_path / f"plan{h.suffix}", chart=h.chart)
    return add_parts(p, h.parts, h.sheet_edit)


@pytest.mark.parametrize("key", sorted(HOSTILE))
def test_content_openpyxl_drops_is_refused_by_name(tmp_path, key):
    p = hostile(tmp_path, key)
    before = p.read_bytes()
    assert save.what_openpyxl_drops(p) == [ENGLISH[key]]
    assert save.what_openpyxl_drops(p, "fr") == [FRENCH[key]]
    with pytest.raises(WouldLoseDataError) as e:
        save.check_nothing_dropped(p, "fr")
    assert str(e.value) == (f"{p.name} : l'enregistrer ferait perdre : {FRENCH[key]} ; --force pour importer "
                            "quand même (ils seraient supprimés)")
    with pytest.raises(WouldLoseDataError) as e:
        save.check_nothing_dropped(p, "en")
    assert str(e.value) == (f"{p.name}: saving would lose its {ENGLISH[key]}; use --force to import anyway "
                            "(those would be removed)")
    assert p.read_bytes() == before


@pytest.mark.parametrize("key", sorted(HOSTILE))
def test_openpyxl_really_drops_what_is_refused(tmp_path, key):
    """The reason for each refusal: after openpyxl's load and save (macros kept for an .xlsm, as
    pacxl opens them), the part or the relationship that makes it live is gone."""
    p = hostile(tmp_path, key)

    def everything(path: Path) -> str:
        with zipfile.ZipFile(path) as z:
            return "\n".join([*z.namelist(), *(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                                               if n.endswith((".xml", ".rels")))])

    original = everything(p)
    for pattern in HOSTILE[key].gone:
        assert re.search(pattern, original), pattern  # the hostile file really holds it
    wb = save.open_workbook(p)
    out = tmp_path / f"saved{p.suffix}"
    wb.save(out)
    save.close_workbook(wb)
    saved = everything(out)
    for pattern in HOSTILE[key].gone:
        assert not re.search(pattern, saved), pattern


def test_a_cell_marked_as_dynamic_array_alone_is_refused(tmp_path):
    """The cm= mark on a cell is enough (metadata.xml may be shared with other metadata)."""
    p = generated(tmp_path / "plan.xlsx")
    add_parts(p, [], (b'<c r="D1"><f>SUM(B2:B4)</f><v /></c>', b'<c r="D1" cm="1"><f>SUM(B2:B4)</f><v>0</v></c>'))
    assert save.what_openpyxl_drops(p) == [ENGLISH["dynamic_arrays"]]


def test_plain_custom_xml_beside_the_data_model_is_named_too(tmp_path):
    p = hostile(tmp_path, "data_model")
    add_parts(p, [Part("customXml/item2.xml", None, WB_RELS, f"{R}/customXml", b"<sharepoint/>")])
    assert save.what_openpyxl_drops(p) == [
        ENGLISH["data_model"], "custom XML parts (data kept by add-ins or document management)"]


def test_a_generated_chart_and_macros_lose_nothing(tmp_path):
    """No false alarm on what openpyxl itself writes: a chart without style parts, an .xlsm."""
    assert save.what_openpyxl_drops(generated(tmp_path / "plan.xlsx", chart=True)) == []
    assert save.what_openpyxl_drops(generated(tmp_path / "plan.xlsm")) == []


def test_import_refuses_then_force_accepts(tmp_path):
    """Through the CLI: exit 2 and the workbook byte-identical; --force writes (the part goes)."""
    import subprocess
    import sys

    from pacxl.workbook.build import build_workbook

    from pacxl.defaults import blank_plan

    p = build_workbook(blank_plan("en", year=2027), tmp_path / "plan.xlsx")
    add_parts(p, HOSTILE["connections"].parts)
    csv = tmp_path / "b.csv"
    csv.write_text("Label;Month;Amount\nFair;01/2027;1200\n", encoding="utf-8")
    before = p.read_bytes()
    env = {**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    run = [sys.executable, "-m", "pacxl", "import", "budget", str(p), str(csv), "--no-backup"]
    r = subprocess.run(run, capture_output=True, text=True, env=env, timeout=300)
    assert (r.returncode, r.stderr) == (2, f"Error: plan.xlsx: saving would lose its {ENGLISH['connections']}; "
                                           "use --force to import anyway (those would be removed)\n")
    assert p.read_bytes() == before
    r = subprocess.run([*run, "--force"], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(p) as z:
        assert "xl/connections.xml" not in z.namelist()
