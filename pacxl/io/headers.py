"""Headers: which column holds which field (see :func:`match_headers`)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..errors import InputError
from .cells import RawTable, _tokens, as_text, normalize
from .months import month_of_header

#: Rows looked at to find the header row.
HEADER_SCAN_ROWS = 30


#: Header words that qualify a field without changing it ("Montant TTC", "CA HT 2026").
QUALIFIERS = {
    "ht", "ttc", "hors", "taxe", "taxes", "tva", "eur", "euro", "euros", "k", "keur", "en", "n",
    "annuel", "annuelle", "annee", "year", "yearly", "de", "du", "des", "la", "le", "les", "d",
    "l", "the", "of",
}


@dataclass(frozen=True)
class Field:
    """A field an importer understands, with the header words (either language) that name it."""

    key: str
    synonyms: tuple[str, ...]
    label: str = ""  # how messages name the field (default: the key)

    def names(self) -> frozenset[str]:
        return _names(self)

    def short_names(self) -> frozenset[str]:
        return _short_names(self)


# A header is matched against every synonym of every field: computed once per field, so that a
# header of thousands of columns is matched in linear time.
@functools.lru_cache(maxsize=256)
def _names(f: Field) -> frozenset[str]:
    return frozenset(normalize(s) for s in (f.key, *f.synonyms))


@functools.lru_cache(maxsize=256)
def _short_names(f: Field) -> frozenset[str]:
    return frozenset(_stripped(s) for s in (f.key, *f.synonyms)) - {""}


def _stripped(header: str) -> str:
    tokens = [t for t in _tokens(header) if t not in QUALIFIERS and not re.fullmatch(r"(19|20)\d{2}|n\d?", t)]
    return "".join(tokens)


@dataclass
class HeaderMatch:
    """Which column holds which field, and which columns hold months (wide layouts)."""

    header_line: int
    headers: list[str]
    fields: dict[str, int] = field(default_factory=dict)  # field key -> column index
    months: dict[int, int] = field(default_factory=dict)  # column index -> plan month (wide)
    month_cols: dict[int, tuple[int | None, int | None, int | None]] = field(default_factory=dict)
    ignored: list[int] = field(default_factory=list)

    def column(self, key: str) -> str:
        return self.headers[self.fields[key]]


def parse_mapping(items: Iterable[str] | dict[str, str] | None) -> dict[str, str]:
    """``["Source column=field", ...]`` as a dict; ``field`` may be ``ignore`` (or empty)."""
    if not items:
        return {}
    if isinstance(items, dict):
        return {str(k).strip(): str(v).strip() for k, v in items.items()}
    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise InputError(f'--map "{item}": write it "Source column=field"',
                fr=f'--map "{item}" : écrivez-le "Colonne source=champ"')
        src, _, dst = item.rpartition("=")
        if not src.strip():
            raise InputError(f'--map "{item}": the source column is empty',
                fr=f'--map "{item}" : la colonne source est vide')
        if src.strip() in out:
            raise InputError(
                f'--map "{item}": column "{src.strip()}" is mapped twice; when two columns share a header, '
                'name them by position ("#4=amount": the 4th column, 1 = first)',
                    fr=f'--map "{item}" : la colonne « {src.strip()} » est associée deux fois ; quand deux colonnes ont le même en-tête, nommez-les par leur position ("#4=amount" : la 4e colonne, 1 = la première)'
            )
        out[src.strip()] = dst.strip()
    return out


def field_of_header(header: str, fields: Sequence[Field]) -> str | None:
    """The field a header names (exact names first, then without qualifiers), else None."""
    full = normalize(header)
    if not full:
        return None
    for f in fields:
        if full in f.names():
            return f.key
    short = _stripped(header)
    if short:
        for f in fields:
            if short in f.names() or short in f.short_names():
                return f.key
    return None


def match_headers(
    headers: Sequence[Any],
    fields: Sequence[Field],
    *,
    mapping: dict[str, str] | None = None,
    months: bool = False,
    where: str = "",
    header_line: int = 1,
    where_fr: str = "",
) -> HeaderMatch:
    """Find each field's column (``mapping`` first: ``{"Source column": "field"}``), and with
    ``months`` the month columns of a wide layout. Two columns for one field is an error."""
    texts = [as_text(h) for h in headers]
    result = HeaderMatch(header_line, texts)
    # a field named as typed or normalised: "action_id", "Action ID", "actionid"
    keys = {normalize(f.key): f.key for f in fields}
    mapping = dict(mapping or {})
    mapped: set[int] = set()
    named_by: dict[str, str] = {}  # field -> the --map that named it
    for src, dst in mapping.items():
        i = _mapped_column(src, dst, texts, where, where_fr)
        mapped.add(i)
        d = normalize(dst)
        if d in ("", "ignore", "ignorer", "skip"):
            result.ignored.append(i)
            continue
        if d in keys:
            key = keys[d]
            if key in named_by:  # two columns for one field: refused, as two headers for one field are
                raise InputError(
                    f'{where}: --map "{named_by[key]}" and --map "{src}={dst}" both name the field "{key}"; '
                    "map one column to each field",
                    fr=f'{where_fr or where} : --map "{named_by[key]}" et --map "{src}={dst}" désignent tous '
                       f"deux le champ « {key} » ; associez une seule colonne à chaque champ")
            named_by[key] = f"{src}={dst}"
            result.fields[key] = i
            continue
        if months:
            mh = month_of_header(dst)
            if mh is not None:
                result.month_cols[i] = mh
                continue
        listed = ", ".join(f.key for f in fields)
        raise InputError(
            f'{where}: --map "{src}={dst}": unknown field "{dst}" (fields: {listed}'
            + (", m01..m12 or a month name)" if months else ")"),
            fr=f'{where_fr or where} : --map "{src}={dst}" : champ inconnu « {dst} » (champs : {listed}'
               + (", m01..m12 ou un nom de mois)" if months else ")"))
    candidates: dict[str, list[tuple[int, bool]]] = {}
    for i, t in enumerate(texts):
        if i in mapped or not t:
            continue
        key = field_of_header(t, fields)
        if key is not None and key not in result.fields:
            exact = normalize(t) in next(f for f in fields if f.key == key).names()
            candidates.setdefault(key, []).append((i, exact))
            continue
        if months and key is None:
            mh = month_of_header(t)
            if mh is not None:
                result.month_cols[i] = mh
    for key, cols in candidates.items():
        exact = [i for i, e in cols if e]
        pick = exact if exact else [i for i, _ in cols]
        if len(pick) > 1:
            names = " and ".join(f'"{texts[i]}" (#{i + 1})' for i in pick[:2])
            names_fr = " et ".join(f"« {texts[i]} » (#{i + 1})" for i in pick[:2])
            raise InputError(
                f'{where}: columns {names} both look like the field "{key}"; '
                f'say which by position (1 = first column) with --map "#{pick[0] + 1}={key}" '
                f'--map "#{pick[1] + 1}=ignore"',
                    fr=f'{where_fr or where} : les colonnes {names_fr} ressemblent toutes deux au champ « {key} » ; dites laquelle par sa position (1 = la première colonne) avec --map "#{pick[0] + 1}={key}" --map "#{pick[1] + 1}=ignore"'
            )
        result.fields[key] = pick[0]
    return result


def columns_text(texts: Sequence[str], limit: int = 12) -> str:
    """``"A", "B", ... and 4 988 more``: the columns of a file in one message of bounded length."""
    shown = [t for t in texts if t]
    out = ", ".join(f'"{t[:60]}"' for t in shown[:limit])
    if len(shown) > limit:
        out += f" ... and {len(shown) - limit} more"
    return out


_POSITION_RE = re.compile(r"#\s*(\d+)")


def _mapped_column(src: str, dst: str, texts: Sequence[str], where: str, where_fr: str = "") -> int:
    """The column ``--map`` names: ``#4`` is the 4th column (1-based, whatever its header),
    anything else a header (exact text first, then ignoring case and accents). A header that
    several columns carry must be named by position."""
    m = _POSITION_RE.fullmatch(src.strip())
    if m and src not in texts:
        n = int(m.group(1))
        if not 1 <= n <= len(texts):
            raise InputError(f'{where}: --map "{src}={dst}": no column #{n} (the header has {len(texts)} columns)',
                fr=f'{where_fr or where} : --map "{src}={dst}" : pas de colonne #{n} (l\'en-tête a {len(texts)} colonnes)')
        return n - 1
    same = [i for i, t in enumerate(texts) if t == src] or [i for i, t in enumerate(texts)
                                                          if t and normalize(t) == normalize(src)]
    if len(same) > 1:
        raise InputError(
            f'{where}: --map "{src}={dst}": {len(same)} columns are named "{src}" (#'
            + ", #".join(str(i + 1) for i in same[:5]) + f'); name one by position: --map "#{same[0] + 1}={dst}"',
                fr=(f'{where_fr or where} : --map "{src}={dst}" : {len(same)} colonnes s\'appellent « {src} » (#' + ", #".join(str(i + 1) for i in same[:5]) + f') ; nommez-en une par sa position : --map "#{same[0] + 1}={dst}"')
        )
    if not same:
        raise InputError(f'{where}: --map "{src}={dst}": no column "{src}" (columns found: {columns_text(texts)})',
            fr=f'{where_fr or where} : --map "{src}={dst}" : pas de colonne « {src} » (colonnes trouvées : {columns_text(texts)})')
    return same[0]


def find_header(
    table: RawTable, fields: Sequence[Field], mapping: dict[str, str] | None = None, months: bool = False
) -> tuple[int, int]:
    """``(index in table.rows, score)`` of the header row: among the first rows, the one naming the
    most fields (mapped source columns and month headers count too); the first row when none does."""
    best = (0, -1)
    mapped = {normalize(k) for k in (mapping or {}) if not _POSITION_RE.fullmatch(k.strip())}
    for idx, (_, cells) in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        score = 0
        for c in cells:
            if c is None or isinstance(c, (int, float)) and not isinstance(c, bool):
                continue
            t = as_text(c)
            if normalize(t) in mapped or field_of_header(t, fields):
                score += 2
            elif months and month_of_header(c) is not None:
                score += 1
        if score > best[1]:
            best = (idx, score)
    return best
