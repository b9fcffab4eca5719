"""The report's allocation section (JSON key ``allocation``): per segment, its revenue target and
the share the Team sheet allocates (100 % expected); per salesperson, their revenue target (to the
cent, parts adding up to the segments' targets: :func:`pacxl.calc.team.split_targets`, the
figures ``pacxl split`` writes; when a segment does not make 100 %, the shares as typed). Empty (``null``) for a plan without allocation rows."""

from __future__ import annotations

from typing import Any

from .calc import team as T
from .messages import text
from .model import Plan
from .report_format import _e, _table, fmt_num


def label(key: str, lang: str, **kw: Any) -> str:
    return text(f"report.alloc.{key}", lang, **kw)


def allocation_figures(plan: Plan) -> dict | None:
    """``{"segments": [{segment, target, allocated, ok}], "salespeople": [{salesperson, target,
    segments: {segment: target}}]}``, or None without allocation rows."""
    from .split import _parts, salespeople, segment_targets

    if not plan.allocations:
        return None
    parts = _parts(plan)
    seg_targets = segment_targets(plan)
    errors = {s.casefold() for s, _ in T.allocation_errors(parts, seg_targets)}
    segments = []
    for name, target in seg_targets.items():
        allocated = T.allocated_share(parts, name, target)
        if allocated is None:
            continue
        segments.append({"segment": name, "target": round(target, 2), "allocated": allocated,
                         "ok": name.casefold() not in errors})
    people = salespeople(plan)
    fractions = T.salesperson_fractions(parts, seg_targets)
    fractions = {p: next((v for k, v in fractions.items() if k.casefold() == p.casefold()), {}) for p in people}
    if errors:  # the shares as typed (not adding up: they are not normalised)
        targets = {p: {seg: round(f * seg_targets.get(seg, 0.0), 2) for seg, f in fractions[p].items()}
                   for p in people}
    else:
        targets = T.split_targets(seg_targets, fractions, people)
    business = T.business_targets(parts, seg_targets)
    zero = {k: 0.0 for k in (*T.BUSINESS, T.UNSPECIFIED)}
    business = {p: next((v for k, v in business.items() if k.casefold() == p.casefold()), zero) for p in people}
    return {
        "segments": segments,
        "salespeople": [{"salesperson": p, "target": round(sum(targets[p].values()), 2), "segments": targets[p],
                         "business": business[p]}
                        for p in people],
    }


def _pct(x: float, lang: str) -> str:
    return fmt_num(x * 100, 2, lang) + " %"


def render_terminal(fig: dict, console, lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    a = fig.get("allocation")
    if not a:
        return
    t = Table(title=label("section", lang), title_justify="left")
    for h, right in ((label("segment", lang), False), (label("target", lang), True), (label("allocated", lang), True)):
        t.add_column(h, justify="right" if right else "left")
    for s in a["segments"]:
        pct = _pct(s["allocated"], lang)
        t.add_row(escape(s["segment"]), fmt_num(s["target"], 0, lang), pct if s["ok"] else f"[bold red]{pct}[/bold red]")
    console.print(t)
    t = Table(title_justify="left")
    t.add_column(label("salesperson", lang))
    t.add_column(label("target", lang), justify="right")
    for p in a["salespeople"]:
        t.add_row(escape(p["salesperson"]), fmt_num(p["target"], 2, lang))
    console.print(t)


def render_html(fig: dict, lang: str) -> str:
    a = fig.get("allocation")
    if not a:
        return ""
    seg = _table([label("segment", lang), label("target", lang), label("allocated", lang)],
                 [[_e(s["segment"]), _e(fmt_num(s["target"], 0, lang)), _e(_pct(s["allocated"], lang))]
                  for s in a["segments"]], {1, 2})
    ppl = _table([label("salesperson", lang), label("target", lang)],
                 [[_e(p["salesperson"]), _e(fmt_num(p["target"], 2, lang))] for p in a["salespeople"]], {1})
    return f"<h2>{_e(label('section', lang))}</h2>{seg}{ppl}"
