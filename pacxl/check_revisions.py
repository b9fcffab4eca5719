"""``check``'s rule ``revision-missing``: a value of the frozen plan changed with no revision row
saying why (:func:`pacxl.calc.revisions.unexplained_changes`). Kept beside :mod:`pacxl.check`,
whose checker it reports through."""

from __future__ import annotations

from .calc import revisions as rule
from .messages import text
from .workbook.contract import FIELD_WORDS

WARNING = "warning"


def revision_findings(checker) -> None:
    """Add a warning per unexplained change to ``checker`` (a :class:`pacxl.check._Checker`),
    at the changed cell: the objective's target, the KPI's or budget line's month."""
    p = checker.plan
    b = p.baseline
    if b.date is None or not b.entries:
        return
    rows = [rule.RevisionRow(r.id, r.field, r.month, r.new) for r in p.revisions]
    changes = rule.unexplained_changes(
        b.entries, [(o.id, o.target) for o in p.objectives], [(k.id, k.plan) for k in p.kpis],
        [(x.id, x.months) for x in p.budget], rows)
    tables = {"objective": ("tblObjectives", p.objectives), "kpi": ("tblKPI", p.kpis),
              "budget": ("tblBudget", p.budget)}
    blank = text("check.blank", checker.lang)

    def shown(x):
        return blank if x is None else checker.num(x)

    for c in changes:
        table, items = tables[c.kind]
        i = next(n for n, item in enumerate(items) if rule.key(item.id) == rule.key(c.id))
        col = "target" if c.kind == "objective" else ("p" if c.kind == "kpi" else "m") + f"{c.month:02d}"
        checker.add(WARNING, "revision-missing", checker.at(table, i, col), c.kind + ("_other" if c.has_row else ""),
                    id=c.id, month=c.month, date=checker.date(b.date), sheet=checker.layout.sheet("revisions"),
                    field=FIELD_WORDS[c.field][checker.lang], current=shown(c.current),
                    baseline=shown(c.baseline), revised=shown(c.revised))
