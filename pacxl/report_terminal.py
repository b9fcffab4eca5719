"""The report in a terminal (``pacxl report``): rich tables, whole when piped."""

from __future__ import annotations

from typing import Any

from .messages import currency_symbol, text
from .report_format import (ACTION_STATES, _kpi_value, _month_label, _objective_value, _report_lang, _show_date, _verdict,
                            fmt_num, fmt_pct, fmt_share, has_actuals)
from .workbook.contract import SHEETS

#: Width of the report when stdout is a pipe or a file: no column is dropped to fit a terminal.
PIPE_WIDTH = 1000


def _console():
    """A terminal's own width; piped or redirected, wide enough for every column (rich would
    otherwise assume 80 columns and drop or crop some)."""
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=PIPE_WIDTH)


def render_terminal(fig: dict, console=None, lang: str | None = None) -> None:
    """Print the report as rich tables (text columns cut with an ellipsis, figures never wrapped),
    in ``lang`` (default: the figures' ``lang``, the workbook's language)."""
    from rich.markup import escape
    from rich.table import Table

    lang = _report_lang(fig, lang)

    def L(key: str, **kw) -> str:
        return text(f"report.{key}", lang, **kw)

    def num(v: Any) -> str:
        return fmt_num(v, 0, lang)

    def share(v: Any) -> str:
        return fmt_share(v, lang)

    def kv(v: Any, kind: str) -> str:
        return _kpi_value(v, kind, lang)

    console = console or _console()
    cur = escape(currency_symbol(fig["currency"]) if lang == "fr" else fig["currency"])
    title = L("title", company=escape(fig["company"] or "PAC"), year=fig["year"], month=_month_label(fig, lang))
    console.print(f"[bold]{title}[/bold], " + L("subtitle", date=_show_date(fig["as_of"], lang)))
    if not has_actuals(fig):
        console.print(escape(L("no_actuals", kpi=SHEETS["kpi"][lang], budget=SHEETS["budget"][lang])))

    class _T:
        """A rich table whose columns are sized from their content once every row is in:
        figures never shrink nor wrap, short texts (IDs, owners) keep up to 14 characters, the
        long text column takes what is left and ends with an ellipsis."""

        def __init__(self, title: str, columns: list[tuple[str, str]]):
            self.title, self.columns, self.rows = title, columns, []

        def add_row(self, *cells: str) -> None:
            self.rows.append(cells)

        def __rich_console__(self, console, options):
            from rich.text import Text

            widths = [max([len(Text.from_markup(r[i]).plain) for r in self.rows] + [len(h), 1])
                      for i, (h, _) in enumerate(self.columns)]
            fixed = [w if kind == "num" else min(w, 14) for w, (_, kind) in zip(widths, self.columns)]
            borders = 3 * len(self.columns) + 1
            rest = options.max_width - borders - sum(f for f, (_, k) in zip(fixed, self.columns) if k != "wide")
            t = Table(title=self.title, title_justify="left")
            for (header, kind), w, f in zip(self.columns, widths, fixed):
                if kind == "num":
                    t.add_column(header, justify="right", no_wrap=True, min_width=w)
                elif kind == "wide":  # on a terminal at most 60 characters; piped, whole
                    cap = 60 if console.is_terminal else w
                    t.add_column(header, overflow="ellipsis", no_wrap=True, width=max(10, min(w, rest, cap)))
                else:
                    t.add_column(header, overflow="ellipsis", no_wrap=True, min_width=f)
            for r in self.rows:
                t.add_row(*r)
            yield t

    def table(title: str, columns: list[tuple[str, str]]) -> "_T":
        return _T(title, columns)

    e = escape
    t = table(L("objectives"), [(L("id"), "text"), (L("objective"), "wide"), (L("target"), "num"),
                                (L("landing"), "num"), (L("on_track"), "text"), (L("deadline"), "num"),
                                (L("owner"), "text"), (L("status"), "text")])
    for o in fig["objectives"]:
        on = o["on_track"]
        t.add_row(e(o["id"]), e(o["objective"]), e(_objective_value(o["target"], o["unit"], lang, o["rate"])),
                  e(_objective_value(o["landing"], o["unit"], lang, o["rate"])),
                  "" if on is None else (f"[green]{L('yes')}[/]" if on else f"[red]{L('no')}[/]"),
                  _show_date(o["deadline"], lang), e(o["owner"]), e(o["status"]))
    console.print(t)

    t = table(L("kpis_terminal"), [(L("id"), "text"), (L("kpi"), "wide"), (L("plan_ytd"), "num"),
                                   (L("actual_ytd"), "num"), (L("variance"), "num"), (L("variance_pct"), "num"),
                                   ("", "text"), (L("landing"), "num"), (L("plan_year"), "num")])
    for k in fig["kpis"]:
        fav = k["favourable"]
        style = "" if fav is None else ("green" if fav else "red")
        t.add_row(e(k["id"]), e(k["name"]), kv(k["plan_ytd"], k["kind"]), kv(k["actual_ytd"], k["kind"]),
                  kv(k["variance"], k["kind"]), fmt_pct(k["variance_pct"], lang),
                  f"[{style}]{_verdict(fav, lang)}[/]" if style else "", kv(k["landing"], k["kind"]),
                  kv(k["plan_year"], k["kind"]))
    console.print(t)
    if "quarters" in fig:  # catch-up and the selected quarter (pacxl.report_followup)
        from .report_followup import terminal

        terminal(fig, console, table, L, kv, e, lang)

    t = table(L("budget", currency=cur), [(L("category"), "wide"), (L("plan_year"), "num"),
                                          (L("plan_to_date"), "num"), (L("actual"), "num"),
                                          (L("variance"), "num"), (L("consumed"), "num"), ("", "text")])
    b = fig["budget"]
    for r in [*b["categories"], b["total"]]:
        fav = r["favourable"]
        t.add_row(f"[bold]{L('total')}[/]" if r is b["total"] else e(r["category"]), num(r["plan_year"]),
                  num(r["plan_ytd"]), num(r["actual"]), num(r["variance"]), share(r["consumed"]),
                  "" if fav is None else (f"[green]{_verdict(True, lang)}[/]" if fav
                                          else f"[red]{_verdict(False, lang)}[/]"))
    console.print(t)

    a = fig["actions"]
    t = table(L("actions"), [(text(f"state.{s}", lang), "num") for s in ACTION_STATES] + [(L("total"), "num")])
    c = a["counts"]
    t.add_row(*(str(c[k]) for k in (*ACTION_STATES, "total")))
    console.print(t)
    if a["late"]:
        t = table(L("late_actions"), [(L("id"), "text"), (L("action"), "wide"), (L("owner"), "text"),
                                      (L("due"), "num")])
        for x in a["late"]:
            t.add_row(e(x["id"]), e(x["action"]), e(x["owner"]), _show_date(x["end"], lang))
        console.print(t)

    f = fig["funnel"]
    if f["stages"]:
        t = table(L("funnel", deals=f["deals_target"]),
                  [(L("stage"), "wide"), (L("rate_to_next"), "num"), (L("year"), "num"), (L("this_month"), "num"),
                   (L("this_week"), "num")])
        for st in f["stages"]:
            t.add_row(e(st["name"]), share(st["rate_to_next"]), num(st["year"]), num(st["month"]), num(st["week"]))
        console.print(t)
    if any(o["actual_to_date"] is not None for o in f["observed"]):
        t = table(L("observed"), [(L("stage"), "wide"), (L("actual_to_date"), "num"),
                                  (L("observed_rate"), "num"), (L("assumed_rate"), "num"), ("", "text")])
        for o in f["observed"]:
            t.add_row(e(o["name"]), num(o["actual_to_date"]), share(o["observed_rate"]),
                      share(o["assumed_rate"]), L("below") if o["below"] else "")
        console.print(t)

    from . import report_pipeline, report_revisions

    report_pipeline.render_terminal(fig, console, table, e, lang)
    report_revisions.render_terminal(fig, console, lang)
    from . import report_team

    report_team.render_terminal(fig, console, lang)
    from . import report_reconcile

    report_reconcile.render_terminal(fig, console, lang)

    ab = fig["abc"]
    t = table(L("abc", n=ab["customers"]),
              [(L("class"), "text"), (L("customers"), "num"), (L("revenue", currency=cur), "num"),
               (L("share"), "num")])
    for cls, r in ab["classes"].items():
        t.add_row(cls, str(r["count"]), num(r["revenue"]), share(r["share"]))
    console.print(t)
    from . import report_customers

    report_customers.render_terminal(fig, console, table, e, lang)


