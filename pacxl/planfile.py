"""Read a plan from YAML or JSON, strictly: every value checked for type and range, with the key path.

``pacxl new --from plan.yaml`` and ``pacxl.build_workbook("plan.yaml")`` come here. A value that
does not fit its field is refused with one line naming the file and the key path, counted from 1
(``plan.yaml: kpis[2].plan: 14 months given, 12 expected``); nothing is converted behind the
user's back: no list turned into text, no YAML ``yes`` turned into ``"True"``, no month list cut
to 12, no year 99999, no NaN or infinity. The YAML loader refuses aliases that would expand past
:data:`MAX_YAML_NODES` nodes (a 1 KB "billion laughs" file) while it composes the document, so
time and memory stay bounded, and dates such as ``2027-02-30`` are reported, not raised.

Hand-written rather than pydantic: the messages say what to type in our words, ranges sit in
:data:`RANGES` beside the dataclasses' names, and ``pacxl new`` stays quick to start.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
import typing
from pathlib import Path
from typing import Any

from .errors import InputError

#: Largest YAML document accepted, counted in nodes once aliases are expanded.
MAX_YAML_NODES = 200_000
#: Largest plan file read (bytes).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Largest absolute figure (amount, rate, target): beyond 1e15 a spreadsheet keeps no unit digit.
MAX_FIGURE = 1e15
#: Longest text: what one spreadsheet cell holds.
MAX_TEXT = 32_767
#: Entries of every month list.
MONTHS = 12

YEARS = (2000, 2100)
#: (class name, field) -> (lowest, highest) of a number; None: unbounded on that side.
RANGES: dict[tuple[str, str], tuple[float | None, float | None]] = {
    ("Settings", "year"): YEARS,
    ("Settings", "first_month"): (1, 12),
    ("Settings", "tracking_month"): (1, 12),
    ("Settings", "abc_a"): (0, 1),
    ("Settings", "abc_b"): (0, 1),
    ("Settings", "funnel_rates"): (0, 1),
    ("Settings", "revenue_target"): (0, None),
    ("Settings", "average_deal"): (0, None),
    ("Settings", "deals_target"): (0, 1_000_000_000),
    ("Segment", "share"): (0, 1),
    ("Settings", "seasonality"): (0, 100),
    ("Settings", "funnel_lags"): (0, 24),
    ("Review", "monthly_revenue"): (-MAX_FIGURE, MAX_FIGURE),
    ("Deal", "probability"): (0, 100),
    ("Settings", "coverage_visits"): (0, 10_000),
}
#: (class name, field) -> the words allowed.
CHOICES = {("Settings", "lang"): ("fr", "en"), ("Settings", "abc_basis"): ("revenue", "margin")}
#: (class name, field) -> the exact length of a list.
LENGTHS = {("BudgetLine", "months"): MONTHS, ("KPI", "plan"): MONTHS, ("KPI", "actual"): MONTHS,
           ("Review", "monthly_revenue"): MONTHS}
#: (class name, field) -> the longest list.
MAX_ITEMS = {("Settings", "funnel_stages"): 6, ("Settings", "funnel_rates"): 5,
             ("Settings", "seasonality"): MONTHS, ("Settings", "funnel_lags"): 6,
             ("Settings", "holidays"): 30, ("Settings", "coverage_visits"): 3}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Bad:
    """A scalar the YAML loader could not turn into a value (kept to be reported with its path)."""

    def __init__(self, text: str, what: str):
        self.text, self.what = text, what


# --- YAML -----------------------------------------------------------------------------------------


def _yaml_loader():
    import yaml
    from yaml.constructor import SafeConstructor
    from yaml.nodes import CollectionNode, MappingNode

    class Loader(yaml.SafeLoader):
        """A SafeLoader that counts nodes as if aliases were expanded and refuses past a bound."""

        def __init__(self, stream):
            super().__init__(stream)
            self._sizes: dict[int, int] = {}

        def compose_node(self, parent, index):
            alias = self.check_event(yaml.AliasEvent)
            mark = self.peek_event().start_mark
            node = super().compose_node(parent, index)
            if alias:
                if id(node) not in self._sizes:  # the alias sits inside its own anchor
                    raise _YamlRefused(mark, "an alias refers to the node that holds it")
                return node
            size = 1
            if isinstance(node, MappingNode):
                size += sum(self._sizes.get(id(k), 1) + self._sizes.get(id(v), 1) for k, v in node.value)
            elif isinstance(node, CollectionNode):
                size += sum(self._sizes.get(id(v), 1) for v in node.value)
            if size > MAX_YAML_NODES:
                raise _YamlRefused(mark, f"aliases expand it past {MAX_YAML_NODES:,} values")
            self._sizes[id(node)] = size
            return node

        def construct_yaml_timestamp(self, node):
            try:
                return SafeConstructor.construct_yaml_timestamp(self, node)
            except (ValueError, OverflowError):
                return _Bad(node.value, "date")

        def construct_yaml_int(self, node):
            try:
                return SafeConstructor.construct_yaml_int(self, node)
            except ValueError:  # more digits than Python converts
                return _Bad(node.value[:20] + "...", "number")

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    return Loader


class _YamlRefused(Exception):
    def __init__(self, mark, reason: str):
        super().__init__(reason)
        self.mark, self.reason = mark, reason


def _load_yaml(text: str, p: Path) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_yaml_loader())  # noqa: S506  (a SafeLoader subclass)
    except _YamlRefused as exc:
        raise InputError(f"{p}, line {exc.mark.line + 1}: refused: {exc.reason}",
            fr=f"{p}, ligne {exc.mark.line + 1} : refusé : {exc.reason}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        where_fr = f", ligne {mark.line + 1}" if mark else ""
        raise InputError(f"{p}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})",
            fr=f"{p}{where_fr} : YAML non valide ({getattr(exc, 'problem', None) or exc})") from None
    except RecursionError:
        raise InputError(f"{p}: refused: nested too deeply", fr=f"{p} : refusé : imbrication trop profonde") from None


def _load_json(text: str, p: Path) -> Any:
    def refuse_constant(name: str) -> Any:  # NaN, Infinity: not JSON, accepted by Python's parser
        return _Bad(name, "number")

    def finite(literal: str) -> Any:
        x = float(literal)
        return x if math.isfinite(x) else _Bad(literal, "number")

    try:
        return json.loads(text, parse_constant=refuse_constant, parse_float=finite)
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}, line {exc.lineno}: not valid JSON ({exc.msg})",
            fr=f"{p}, ligne {exc.lineno} : JSON non valide ({exc.msg})") from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise InputError(f"{p}: not valid JSON ({exc})"[:200], fr=f"{p} : JSON non valide ({exc})"[:200]) from None
    except RecursionError:
        raise InputError(f"{p}: refused: nested too deeply", fr=f"{p} : refusé : imbrication trop profonde") from None


def read_plan_file(path: str | Path):
    """The :class:`pacxl.model.Plan` of a ``.yaml``/``.yml``/``.json`` file (InputError naming the
    file and the key path of the first value that does not fit)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise InputError(f"{p}: a plan file must end in .yaml, .yml or .json",
            fr=f"{p} : un fichier de plan doit finir par .yaml, .yml ou .json")
    try:
        with open(p, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{p}: no such file", fr=f"{p} : fichier introuvable") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{p}: refused: a plan file is at most {MAX_FILE_BYTES // 2**20} MB",
            fr=f"{p} : refusé : un fichier de plan fait au plus {MAX_FILE_BYTES // 2**20} Mo")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{p}: not a UTF-8 text file", fr=f"{p} : ce n'est pas un fichier texte UTF-8") from None
    data = _load_json(text, p) if suffix == ".json" else _load_yaml(text, p)
    if not isinstance(data, dict):
        raise InputError(f"{p}: a plan file must hold a mapping (settings, objectives, ...)",
            fr=f"{p} : un fichier de plan doit contenir un dictionnaire (settings, objectives, ...)")
    try:
        return plan_from_dict(data)
    except InputError as exc:
        raise InputError(f"{p}: {exc}", fr=f"{p} : {exc.say('fr')}") from None


# --- values ---------------------------------------------------------------------------------------


def plan_from_dict(data: dict[str, Any]):
    """A :class:`pacxl.model.Plan` from a dict, every value checked (InputError naming its path)."""
    from .model import Plan

    if not isinstance(data, dict):
        raise InputError(f"a plan must be a mapping, got {_kind(data)}",
            fr=f"un plan doit être un dictionnaire, reçu {_kind(data, 'fr')}")
    return _dataclass(Plan, data, "")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


#: The French of the words a message names a value with.
_FR_WHAT = {"a whole number": "un nombre entier", "a number": "un nombre"}


def _kind(v: Any, lang: str = "en") -> str:
    """What a value is, in a user's words (``lang``: "en" or "fr")."""
    fr = lang == "fr"
    if v is None:
        return "rien (null)" if fr else "nothing (null)"
    if isinstance(v, bool):
        return (f"{str(v).lower()} (une valeur oui/non : mettez-la entre guillemets pour en faire un texte)" if fr
                else f"{str(v).lower()} (a yes/no value: quote it to keep it as text)")
    if isinstance(v, (dict, list)):
        if fr:
            return "un dictionnaire" if isinstance(v, dict) else "une liste"
        return "a mapping" if isinstance(v, dict) else "a list"
    if isinstance(v, _Bad):
        return repr(v.text)
    if isinstance(v, (dt.date, dt.datetime)):
        return (f"la date {v.isoformat()} (mettez-la entre guillemets pour en faire un texte)" if fr
                else f"the date {v.isoformat()} (quote it to keep it as text)")
    if isinstance(v, float):
        return f"{v!r} (mettez-le entre guillemets pour en faire un texte)" if fr else f"{v!r} (quote it to keep it as text)"
    return repr(v)


def _dataclass(cls: Any, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise InputError(f"{where or 'the plan'}: a mapping is expected, got {_kind(data)}",
            fr=f"{where or 'le plan'} : un dictionnaire est attendu, reçu {_kind(data, 'fr')}")
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    for key in data:
        if key not in names:
            raise InputError(f"{where + ': ' if where else ''}unknown key {str(key)[:40]!r} "
                             f"(expected one of {', '.join(sorted(names))})",
                                 fr=f"{where + ' : ' if where else ''}clé inconnue {str(key)[:40]!r} (attendu : l'une de {', '.join(sorted(names))})")
    kwargs = {}
    for key, value in data.items():
        kwargs[key] = _field(cls.__name__, key, hints[key], value, _join(where, key))
    return cls(**kwargs)


def _optional(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) is typing.Union:
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return inner[0], True
    return tp, False


def _field(owner: str, key: str, tp: Any, value: Any, where: str) -> Any:
    tp, optional = _optional(tp)
    rule = (owner, key)
    if value is None:
        if optional:
            return None
        if tp is str:
            return ""
        if typing.get_origin(tp) in (list, dict):
            return typing.get_origin(tp)()
        raise InputError(f"{where}: a value is required, got nothing (null)",
            fr=f"{where} : une valeur est requise, rien reçu (null)")
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp, value, where)
    origin = list if tp is list else typing.get_origin(tp)
    if origin is list:
        if not isinstance(value, list):
            raise InputError(f"{where}: a list is expected, got {_kind(value)}",
                fr=f"{where} : une liste est attendue, reçu {_kind(value, 'fr')}")
        length = LENGTHS.get(rule)
        if length is not None and len(value) != length:
            raise InputError(f"{where}: {len(value)} months given, {length} expected",
                fr=f"{where} : {len(value)} mois donnés, {length} attendus")
        most = MAX_ITEMS.get(rule)
        if most is not None and len(value) > most:
            raise InputError(f"{where}: {len(value)} items given, at most {most}",
                fr=f"{where} : {len(value)} éléments donnés, au plus {most}")
        args = typing.get_args(tp)
        if args and dataclasses.is_dataclass(args[0]):
            return [_dataclass(args[0], v, f"{where}[{i}]") for i, v in enumerate(value, start=1)]
        if args and args[0] is str:
            return [_text(v, f"{where}[{i}]") for i, v in enumerate(value, start=1)]
        if args and args[0] is dt.date:
            return [_date(v, f"{where}[{i}]") for i, v in enumerate(value, start=1)]
        if args and args[0] is int:
            return [_number(rule, v, f"{where}[{i}]", int, optional=False) for i, v in enumerate(value, start=1)]
        # untyped lists are month lists: numbers or blanks; typed ones (funnel rates) numbers only
        return [_number(rule, v, f"{where}[{i}]", float, optional=not args) for i, v in enumerate(value, start=1)]
    if origin is dict:
        if not isinstance(value, dict):
            raise InputError(f"{where}: a mapping is expected, got {_kind(value)}",
                fr=f"{where} : un dictionnaire est attendu, reçu {_kind(value, 'fr')}")
        return {_text(k, where): ("" if v is None else _text(v, _join(where, str(k)))) for k, v in value.items()}
    if tp is str:
        text = _text(value, where)
        allowed = CHOICES.get(rule)
        if allowed and text not in allowed:
            raise InputError(f"{where}: {text!r} is not one of {', '.join(allowed)}",
                fr=f"{where} : {text!r} n'est pas l'une des valeurs {', '.join(allowed)}")
        return text
    if tp is dt.date:
        return _date(value, where)
    if tp in (int, float):
        return _number(rule, value, where, tp, optional=optional)
    raise InputError(f"{where}: unsupported value {_kind(value)}",
        fr=f"{where} : valeur non prise en charge {_kind(value, 'fr')}")  # pragma: no cover - model types only


def _text(value: Any, where: str) -> str:
    if isinstance(value, str):
        text = value
    elif isinstance(value, int) and not isinstance(value, bool):
        text = str(value)  # an unquoted code such as 1042
    else:
        raise InputError(f"{where}: a text is expected, got {_kind(value)}",
            fr=f"{where} : un texte est attendu, reçu {_kind(value, 'fr')}")
    if len(text) > MAX_TEXT:
        raise InputError(f"{where}: {len(text):,} characters, a cell holds at most {MAX_TEXT:,}",
            fr=f"{where} : {len(text):,} caractères, une cellule en contient au plus {MAX_TEXT:,}".replace(",", "\u202f"))
    return text


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise InputError(f"{where}: {value.isoformat()} has a time: give the date only (YYYY-MM-DD)",
                fr=f"{where} : {value.isoformat()} a une heure : donnez seulement la date (AAAA-MM-JJ)")
        value = value.date()
    elif isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"{where}: {value.strip()!r} is not a date of the calendar",
                fr=f"{where} : {value.strip()!r} n'est pas une date du calendrier") from None
    elif isinstance(value, _Bad) and value.what == "date":
        raise InputError(f"{where}: {value.text!r} is not a date of the calendar",
            fr=f"{where} : {value.text!r} n'est pas une date du calendrier")
    if not isinstance(value, dt.date):
        raise InputError(f"{where}: {_kind(value)} is not a date (use YYYY-MM-DD)",
            fr=f"{where} : {_kind(value, 'fr')} n'est pas une date (utilisez AAAA-MM-JJ)")
    if not 1900 <= value.year <= 9999 - 1:
        raise InputError(f"{where}: {value.isoformat()} is out of range (from 1900)",
            fr=f"{where} : {value.isoformat()} est hors limites (à partir de 1900)")
    return value


def _number(rule: tuple[str, str], value: Any, where: str, tp: type, *, optional: bool) -> Any:
    if value is None and optional:
        return None
    whole = tp is int
    what = "a whole number" if whole else "a number"
    if isinstance(value, _Bad):
        raise InputError(f"{where}: {value.text} is not a usable number",
            fr=f"{where} : {value.text} n'est pas un nombre utilisable")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{where}: {what} is expected, got {_kind(value)}",
            fr=f"{where} : {_FR_WHAT.get(what, what)} attendu, reçu {_kind(value, 'fr')}")
    if whole and not isinstance(value, int):
        raise InputError(f"{where}: {what} is expected, got {value!r}",
            fr=f"{where} : {_FR_WHAT.get(what, what)} attendu, reçu {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(f"{where}: {value!r} is not a finite number",
            fr=f"{where} : {value!r} n'est pas un nombre fini")
    lo, hi = RANGES.get(rule, (None, None))
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        span = f"from {lo:g}" if hi is None else f"{lo:g}-{hi:g}"
        raise InputError(f"{where}: {_short(value)} is out of range ({span})",
            fr=f"{where} : {_short(value)} est hors limites ({span.replace('from', 'à partir de')})")
    if abs(value) > MAX_FIGURE:
        raise InputError(f"{where}: {_short(value)} is too large (at most {MAX_FIGURE:g} in absolute value)",
            fr=f"{where} : {_short(value)} est trop grand (au plus {MAX_FIGURE:g} en valeur absolue)")
    return int(value) if whole else float(value)


def _short(x: float | int) -> str:
    if isinstance(x, int) and x.bit_length() > 64:
        return f"a number of about {int(x.bit_length() * 0.30103) + 1} digits"
    s = repr(x)
    return s if len(s) <= 24 else f"{float(x):.3g}"
