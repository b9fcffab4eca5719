"""``pacxl freeze`` and ``pacxl revise``: record the approved plan, then each change of it.

* :func:`freeze_workbook` writes the plan's objective targets, KPI monthly plans and budget lines
  into the hidden Baseline sheet (``tblBaseline``) with the date (``PAC_BaselineDate``).
* :func:`revise_workbook` changes one objective's target, one month of a KPI's plan or of a
  budget line, and appends a row to ``tblRevisions`` (date, ID, field, month, old, new, reason,
  author: the OS user).

Both modify an existing workbook the way the importers do (:mod:`pacxl.io.save`): refused while
Excel or LibreOffice has it open, pacxl's lock held from reading to replacing, a refusal when
saving would drop something openpyxl cannot keep (unless ``force``), a backup beside it, an
atomic replace that checks nobody changed the file meanwhile. Every refusal happens before
anything is written: the workbook is then byte-identical.

``revise`` refuses a workbook never frozen (rather than freezing it first): the baseline is the
plan as *approved*, which only its owner can say; a silent freeze at the first revision would
record a plan nobody approved.
"""

from __future__ import annotations

import datetime as dt
import getpass
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .calc import revisions as rv
from .errors import InputError, WorkbookError
from .model import Revision

#: The contract's tables holding what can be revised: kind -> (table, column key or month prefix).
_ITEMS = {"objective": ("tblObjectives", "target"), "kpi": ("tblKPI", "p"), "budget": ("tblBudget", "m")}
_WHAT = {"objective": "objective", "kpi": "KPI", "budget": "budget line"}
#: The same in French: (one, two of them, each of them).
_WHAT_FR = {"objective": ("un objectif", "deux objectifs", "chacun"), "kpi": ("un KPI", "deux KPI", "chacun"),
            "budget": ("une ligne de budget", "deux lignes de budget", "chacune")}

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


@dataclass
class FreezeResult:
    path: Path
    date: dt.date
    values: int
    replaced: dt.date | None = None  # the date of the baseline replaced
    backup: Path | None = None
    lang: str = "fr"  # the workbook's

    def lines(self, lang: str | None = None) -> list[str]:
        """What ``pacxl freeze`` prints, in ``lang`` (the CLI's), else the workbook's language."""
        from .messages import fmt_date

        lang = "fr" if (lang or self.lang) == "fr" else "en"
        d = fmt_date(self.date, lang)
        out = [f"{self.path} : plan gelé le {d}, {self.values} valeurs (cibles des objectifs, prévus mensuels "
               "des KPI, lignes de budget)" if lang == "fr" else
               f"{self.path}: plan frozen on {d}, {self.values} values (objectives' targets, KPI monthly plans, "
               "budget lines)"]
        if self.replaced:
            r = fmt_date(self.replaced, lang)
            out.append(f"Il remplace le plan gelé le {r}." if lang == "fr" else f"It replaces the plan frozen on {r}.")
        if self.backup:
            out.append(f"Copie de sauvegarde : {self.backup}" if lang == "fr" else f"Backup: {self.backup}")
        return out


@dataclass
class ReviseResult:
    path: Path
    kind: str
    revision: Revision
    backup: Path | None = None
    lang: str = "fr"  # the workbook's

    def lines(self, lang: str | None = None) -> list[str]:
        """What ``pacxl revise`` prints, in ``lang`` (the CLI's), else the workbook's language."""
        from .messages import fmt_number
        from .workbook.contract import FIELD_WORDS

        v, fr = self.revision, (lang or self.lang) == "fr"
        lang = "fr" if fr else "en"

        def show(x: float | None) -> str:
            return ("vide" if fr else "blank") if x is None else fmt_number(x, lang)

        what = f"{v.id} ({FIELD_WORDS[v.field][lang]}" + (
            f", {'mois' if fr else 'month'} {v.month})" if v.month else ")")
        out = [f"{self.path} : {what} {show(v.old)} -> {show(v.new)}, révision ajoutée à l'onglet Révisions" if fr else
               f"{self.path}: {what} {show(v.old)} -> {show(v.new)}, revision added to tblRevisions"]
        if self.backup:
            out.append(f"Copie de sauvegarde : {self.backup}" if fr else f"Backup: {self.backup}")
        return out


def parse_target(text: object) -> float:
    """A figure typed on the command line: ``1200``, ``1 200,50``, ``-3.5``, ``1e6``, ``35 %``
    (0.35)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        s = re.sub(r"[\s\u00a0\u202f]", "", str(text if text is not None else ""))
        percent = s.endswith("%")  # a rate: 35 % is 0.35, as the sheets store it
        s = s[:-1] if percent else s
        if not _NUMBER.match(s):
            raise InputError(f"--target {text!r} is not a number (e.g. 125000, 12,5 or 35 %)",
                             fr=f"--target {text!r} n'est pas un nombre (par ex. 125000, 12,5 ou 35 %)")
        value = float(s.replace(",", ".")) / (100 if percent else 1)
    if not math.isfinite(value):
        raise InputError(f"--target {text!r} is not a number (e.g. 125000, 12,5 or 35 %)",
                         fr=f"--target {text!r} n'est pas un nombre (par ex. 125000, 12,5 ou 35 %)")
    from .check import MAX_FIGURE

    if abs(value) > MAX_FIGURE:
        raise InputError(f"--target {text!r} is too large to compute with (at most 1e15 in absolute value)",
                         fr=f"--target {text!r} est trop grand pour calculer (au plus 1e15 en valeur absolue)")
    return value


def os_user() -> str:
    """The author of a revision: the user logged in (blank when the system cannot say)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001  (no USER/LOGNAME and no password entry)
        return ""


# --- the workbook, opened and saved as the importers do --------------------------------------------


def _edit(path: Path, change: Callable[[Any, str], Any], *, force: bool, backup: bool) -> tuple[Any, Path | None]:
    from .files import check_not_open, workbook_lock
    from .io.save import check_nothing_dropped, close_workbook, open_workbook, save_workbook
    from .workbook.cells import restore_escapes
    from .workbook.tables import workbook_lang

    if not path.exists():
        raise WorkbookError(f"{path.name}: no such workbook", fr=f"{path.name} : classeur introuvable")
    if not force:
        check_not_open(path)
    with workbook_lock(path):
        wb = open_workbook(path)
        try:
            lang = workbook_lang(wb)
            if not force:
                check_nothing_dropped(path, lang)
            restore_escapes(wb)  # (text the user typed stays as typed once saved again)
            result = change(wb, lang)
            saved = save_workbook(wb, path, backup=backup)
        finally:
            close_workbook(wb)
    return result, saved


def _require_baseline_sheet(wb, path: Path):
    from .workbook.tables import find_table

    try:
        return find_table(wb, "tblBaseline")
    except WorkbookError:
        raise WorkbookError(f"{path.name}: made by an older pacxl, it has no Baseline sheet to freeze the "
                            "plan in: make the workbook again with this version (pacxl new --from)",
                            fr=f"{path.name} : fait par une version plus ancienne de pacxl, il n'a pas de feuille "
                               "Référence où geler le plan : refaites le classeur avec cette version "
                               "(pacxl new --from)") from None


def _date_cell(wb, path: Path):
    dn = wb.defined_names.get("PAC_BaselineDate")
    if dn is None:
        raise WorkbookError(f"{path.name}: the defined name PAC_BaselineDate is missing",
                            fr=f"{path.name} : la date du plan gelé (feuille Référence) est introuvable : le "
                               "classeur est endommagé")
    title, ref = next(iter(dn.destinations))
    return wb[title][ref.replace("$", "")]


def _as_date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    return v if isinstance(v, dt.date) else None


def _rows(wb, table: str) -> list[tuple[int, dict]]:
    """(sheet row, {key: cell}) of every data row of a contract table (columns by header)."""
    from openpyxl.utils import range_boundaries

    from .workbook.cells import cell_value
    from .workbook.tables import table_columns

    ws, tbl, col_of = table_columns(wb, table, computed=False)
    _, header, _, last = range_boundaries(tbl.ref)
    out = []
    for r in range(header + 1, last + 1):
        cells = {k: ws.cell(row=r, column=c) for k, c in col_of.items()}
        if any(cell_value(c) not in (None, "") for c in cells.values()):
            out.append((r, cells))
    return out


def _number(cell) -> float | None:
    from .calc._num import as_number
    from .workbook.cells import cell_value

    return as_number(cell_value(cell))


def _id(cell) -> str:
    from .workbook.cells import cell_value

    v = cell_value(cell)
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "" if v is None else str(v).strip()


def _months(cells: dict, prefix: str) -> list[float | None]:
    return [_number(cells[f"{prefix}{m:02d}"]) for m in range(1, 13)]


def current_values(wb) -> tuple[list, list, list]:
    """(objectives as (id, target), KPIs and budget lines as (id, 12 months)) of an open workbook."""
    objectives = [(_id(c["id"]), _number(c["target"])) for _, c in _rows(wb, "tblObjectives")]
    kpis = [(_id(c["id"]), _months(c, "p")) for _, c in _rows(wb, "tblKPI")]
    budget = [(_id(c["id"]), _months(c, "m")) for _, c in _rows(wb, "tblBudget")]
    return objectives, kpis, budget


# --- freeze -------------------------------------------------------------------------------------------


def freeze_workbook(path, *, replace: bool = False, force: bool = False, backup: bool = True,
                    today: dt.date | None = None) -> FreezeResult:
    """Record the workbook's plan as its baseline (see the module's docstring)."""
    from .messages import fmt_date
    from .workbook.tables import write_rows

    path = Path(path)
    day = today or dt.date.today()

    def change(wb, lang):
        _require_baseline_sheet(wb, path)
        date_cell = _date_cell(wb, path)
        before = _as_date(date_cell.value)
        if before is not None and not replace:
            raise InputError(f"{path.name}: the plan was frozen on {fmt_date(before, 'en')} already; "
                             "--replace records the current plan as the new baseline",
                             fr=f"{path.name} : le plan a déjà été gelé le {fmt_date(before, 'fr')} ; --replace "
                                "enregistre le plan actuel comme nouvelle référence")
        objectives, kpis, budget = current_values(wb)
        for what, kind, items in (("objectives", "objective", objectives), ("KPIs", "kpi", kpis),
                                  ("budget lines", "budget", budget)):
            twice = rv.duplicate_ids(i for i, _ in items)
            if twice:
                _, two, each = _WHAT_FR[kind]
                raise InputError(f"{path.name}: two {what} have the ID {twice[0]!r}: give each its own ID "
                                 "before freezing the plan",
                                 fr=f"{path.name} : {two} ont l'ID {twice[0]!r} : donnez à {each} son propre ID "
                                    "avant de geler le plan")
        entries = rv.baseline_entries(objectives, kpis, budget)
        rows = [{"kind": e.kind, "id": e.id, "field": e.field, "month": e.month, "value": e.value}
                for e in entries]
        write_rows(wb, "tblBaseline", rows, min_rows=max(len(rows), 1))
        date_cell.value = day
        return len(entries), before, lang

    (n, before, lang), saved = _edit(path, change, force=force, backup=backup)
    return FreezeResult(path, day, n, before, saved, lang)


# --- revise -------------------------------------------------------------------------------------------


def _find(wb, path: Path, item_id: str) -> tuple[str, int, dict]:
    """(kind, sheet row, cells) of the one objective, KPI or budget line with this ID."""
    key = rv.key(item_id)
    found = []
    for kind, (table, _) in _ITEMS.items():
        for r, cells in _rows(wb, table):
            if rv.key(_id(cells["id"])) == key:
                found.append((kind, r, cells))
    if not found:
        raise InputError(f"{path.name}: no objective, KPI or budget line has the ID {item_id!r}",
                         fr=f"{path.name} : aucun objectif, KPI ou ligne de budget n'a l'ID {item_id!r}")
    kinds = sorted({k for k, _, _ in found}, key=list(_ITEMS).index)
    if len(kinds) > 1:
        raise InputError(f"{path.name}: the ID {item_id!r} is both an {_WHAT[kinds[0]]} and a {_WHAT[kinds[1]]}: "
                         "give them different IDs first",
                         fr=f"{path.name} : l'ID {item_id!r} est à la fois {_WHAT_FR[kinds[0]][0]} et "
                            f"{_WHAT_FR[kinds[1]][0]} : donnez-leur d'abord des ID différents")
    if len(found) > 1:
        raise InputError(f"{path.name}: two {_WHAT[kinds[0]]}s have the ID {item_id!r}: give each its own ID first",
                         fr=f"{path.name} : {_WHAT_FR[kinds[0]][1]} ont l'ID {item_id!r} : donnez d'abord à "
                            f"{_WHAT_FR[kinds[0]][2]} son propre ID")
    return found[0]


def revise_workbook(path, item_id: str, target: object, *, month: int | None = None, reason: str | None = None,
                    force: bool = False, backup: bool = True, author: str | None = None,
                    today: dt.date | None = None) -> ReviseResult:
    """Set an objective's target (``month`` None), or month ``month`` of a KPI's plan or of a
    budget line, to ``target``, and append the revision to tblRevisions."""
    from .workbook.contract import FIELD_WORDS
    from .workbook.tables import find_table, write_rows

    path = Path(path)
    value = parse_target(target)
    if month is not None and not (isinstance(month, int) and 1 <= month <= 12):
        raise InputError(f"--month {month} is not a plan month: give 1 to 12",
                         fr=f"--month {month} n'est pas un mois du plan : donnez un nombre de 1 à 12")
    why = (reason or "").strip()
    if not why:
        raise InputError('--reason is needed: say why the plan changes (e.g. --reason "new tender won")',
                         fr='--reason est nécessaire : dites pourquoi le plan change '
                            '(par ex. --reason "appel d\'offres gagné")')
    if not str(item_id or "").strip():
        raise InputError("the ID of the objective, KPI or budget line to revise is blank",
                         fr="l'ID de l'objectif, du KPI ou de la ligne de budget à réviser est vide")
    day = today or dt.date.today()
    who = os_user() if author is None else author

    def change(wb, lang):
        _require_baseline_sheet(wb, path)
        if _as_date(_date_cell(wb, path).value) is None:
            raise InputError(f"{path.name}: the plan was never frozen: run pacxl freeze {path.name} first "
                             "(the baseline is the plan as approved)",
                             fr=f"{path.name} : le plan n'a jamais été gelé : lancez d'abord pacxl freeze "
                                f"{path.name} (la référence est le plan tel qu'il a été approuvé)")
        kind, _, cells = _find(wb, path, item_id)
        if kind == "objective" and month is not None:
            raise InputError(f"{path.name}: {_id(cells['id'])} is an objective: its target has no month, "
                             "leave out --month",
                             fr=f"{path.name} : {_id(cells['id'])} est un objectif : sa cible n'a pas de mois, "
                                "retirez --month")
        if kind != "objective" and month is None:
            raise InputError(f"{path.name}: {_id(cells['id'])} is a {_WHAT[kind]}: its plan is monthly, "
                             "say which month with --month M (1-12)",
                             fr=f"{path.name} : {_id(cells['id'])} est {_WHAT_FR[kind][0]} : son prévu est mensuel, "
                                "indiquez le mois avec --month M (1-12)")
        table, col = _ITEMS[kind]
        cell = cells[col if kind == "objective" else f"{col}{month:02d}"]
        old = _number(cell)
        if old is not None and rv.same(old, value):
            field_fr = FIELD_WORDS[rv.FIELD_OF_KIND[kind]]["fr"]
            raise InputError(f"{path.name}: the {rv.FIELD_OF_KIND[kind]} of {_id(cells['id'])} is {value:g} "
                             "already: nothing to revise",
                             fr=f"{path.name} : {'la' if field_fr == 'cible' else 'le'} {field_fr} de "
                                f"{_id(cells['id'])} vaut déjà {format(value, 'g').replace('.', ',')} : rien à réviser")
        cell.value = int(value) if value.is_integer() and abs(value) < 2**53 else value
        field = rv.FIELD_OF_KIND[kind]
        revision = Revision(day, _id(cells["id"]), field, month, old, value, why, who)
        ws, tbl = find_table(wb, "tblRevisions")
        from openpyxl.utils import range_boundaries

        _, header, _, last = range_boundaries(tbl.ref)
        row = {"date": day, "id": revision.id, "field": FIELD_WORDS[field][lang], "month": month,
               "old": old, "new": cell.value, "reason": why, "author": who or None}
        write_rows(wb, "tblRevisions", [row], append=True, min_rows=last - header)
        return kind, revision, lang

    (kind, revision, lang), saved = _edit(path, change, force=force, backup=backup)
    return ReviseResult(path, kind, revision, saved, lang)
