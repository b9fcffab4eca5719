"""CSV files: encoding, separator, records (see :func:`read_csv`)."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections import Counter
from typing import IO, Any, Iterable

from ..errors import FileFormatError
from .cells import RawTable, _blank, clean_text

#: Separators a CSV may use, in order of preference when two fit equally well.
SEPARATORS = (";", "\t", ",", "|")
SEPARATOR_NAMES = {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}
#: Rows looked at to sniff a separator.
SNIFF_ROWS = 200



#: Limits of a CSV file, checked while it is read (before it is, for the size of a file on disk):
#: beyond them it is no export of a small business's budget, and would exhaust memory.
MAX_CSV_BYTES = 256 * 2**20
MAX_ROWS = 1_048_576  # Excel's own row limit
MAX_COLUMNS = 16_384  # Excel's own column limit
CHUNK = 1 << 20

#: Bytes Windows-1252 leaves undefined (Python refuses to decode them); Mac Roman defines them.
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
#: A byte above 0x7F between two lowercase ASCII letters: an accented lowercase letter in a
#: word ("Salon \x8et\x8e" is "Salon été" in Mac Roman, "Salon ŽtŽ" in Windows-1252).
_BETWEEN_LOWER = re.compile(rb"(?<=[a-z])[\x80-\xff](?=[a-z])")
#: UTF-8's accented letters and € (to find UTF-8 lines in a file that is not UTF-8 as a whole).
_UTF8_ACCENT = re.compile(rb"\xc3[\x80-\xbf]|\xe2\x82\xac")


class _Scan:
    """What one pass over a file's bytes tells about its encoding (in bounded memory)."""

    def __init__(self) -> None:
        self.size = 0
        self.lines = 1  # line of the current position
        self.bad_utf8_line: int | None = None  # first line that is not valid UTF-8
        self.utf8_accent_line: int | None = None  # first line holding a UTF-8 accent
        self.cp1252_undefined: int | None = None  # offset of a byte Windows-1252 does not define
        self.in_word: Counter = Counter()  # high bytes between lowercase letters
        self.nul = False
        self.content = False  # anything but blanks

    def feed(self, chunk: bytes, decoder: Any) -> None:
        if self.bad_utf8_line is None:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                self.bad_utf8_line = self.lines + chunk.count(b"\n", 0, max(exc.start, 0))
        if self.utf8_accent_line is None:
            m = _UTF8_ACCENT.search(chunk)
            if m:
                self.utf8_accent_line = self.lines + chunk.count(b"\n", 0, m.start())
        if self.cp1252_undefined is None:
            offsets = [chunk.find(b) for b in _CP1252_UNDEFINED]
            found = [o for o in offsets if o >= 0]
            if found:
                self.cp1252_undefined = self.size + min(found)
        if not chunk.isascii():
            self.in_word.update(_BETWEEN_LOWER.findall(chunk))
        self.nul = self.nul or b"\x00" in chunk
        self.content = self.content or bool(chunk.strip(b" \t\r\n\x00"))
        self.lines += chunk.count(b"\n")
        self.size += len(chunk)

    def lowercase_in_words(self, encoding: str) -> int:
        """How many high bytes between lowercase letters decode to a lowercase letter."""
        n = 0
        for byte, count in self.in_word.items():
            char = byte.decode(encoding, errors="replace")
            if char.isalpha() and char.islower():
                n += count
        return n


def _scan(stream: IO[bytes], label: str, head: bytes = b"") -> _Scan:
    scan = _Scan()
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk = head
    while True:
        if chunk:
            scan.feed(chunk, decoder)
            if scan.size > MAX_CSV_BYTES:
                raise _too_big(label)
        chunk = stream.read(CHUNK)
        if not chunk:
            break
    if scan.bad_utf8_line is None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            scan.bad_utf8_line = scan.lines
    return scan


def _too_big(label: str) -> FileFormatError:
    return FileFormatError(
        f"{label}: refused, more than {MAX_CSV_BYTES // 2**20} MiB of CSV; split the export (by year or "
        "by entity) or filter it before importing",
            fr=f"{label} : refusé, plus de {MAX_CSV_BYTES // 2**20} Mio de CSV ; découpez l'export (par année ou par entité) ou filtrez-le avant l'import"
    )


def detect_encoding(stream: IO[bytes], label: str) -> str:
    """The encoding of a CSV file, read in chunks (the stream is left anywhere): UTF-8 with or
    without BOM, UTF-16 with BOM, else Windows-1252 or Mac Roman, whichever reads the accents
    inside words as lowercase letters; a file mixing UTF-8 lines with others is refused.

    Latin-1 is never assumed: it would silently turn cp1252's € (0x80) into a control character.
    """
    head = stream.read(4)
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    if encoding != "utf-8":
        decoder = codecs.getincrementaldecoder(encoding)()
        size = 0
        try:
            chunk = head
            while chunk:
                size += len(chunk)
                if size > MAX_CSV_BYTES:
                    raise _too_big(label)
                if "\x00" in decoder.decode(chunk):
                    raise FileFormatError(f"{label}: not a CSV file (it holds binary data)",
                        fr=f"{label} : ce n'est pas un fichier CSV (il contient des données binaires)")
                chunk = stream.read(CHUNK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise FileFormatError(f"{label}: damaged text, not valid {encoding.upper()}",
                fr=f"{label} : texte endommagé, pas du {encoding.upper()} valide") from None
        return encoding
    scan = _scan(stream, label, head)
    if not scan.content:
        raise FileFormatError(f"{label}: the file is empty", fr=f"{label} : le fichier est vide")
    if scan.nul:
        raise FileFormatError(f"{label}: not a CSV file (it holds binary data)",
            fr=f"{label} : ce n'est pas un fichier CSV (il contient des données binaires)")
    if scan.bad_utf8_line is None:
        return "utf-8"
    if scan.utf8_accent_line is not None:
        raise FileFormatError(
            f"{label}: mixes two encodings (line {scan.utf8_accent_line} is UTF-8, line {scan.bad_utf8_line} "
            "is Windows-1252); export it again as CSV UTF-8",
                fr=f"{label} : mélange deux encodages (la ligne {scan.utf8_accent_line} est en UTF-8, la ligne {scan.bad_utf8_line} en Windows-1252) ; exportez-le à nouveau en CSV UTF-8"
        )
    mac, win = scan.lowercase_in_words("mac_roman"), scan.lowercase_in_words("cp1252")
    if mac > win:
        return "mac_roman"
    if scan.cp1252_undefined is not None:
        raise FileFormatError(
            f"{label}: not a text file in UTF-8 or Windows-1252 (a byte Windows-1252 does not define at "
            f"offset {scan.cp1252_undefined}); export it again as CSV UTF-8",
                fr=f"{label} : ce n'est pas un texte en UTF-8 ou Windows-1252 (un octet que Windows-1252 ne définit pas à la position {scan.cp1252_undefined}) ; exportez-le à nouveau en CSV UTF-8"
        )
    return "cp1252"


def decode_text(data: bytes, label: str) -> tuple[str, str]:
    """The text of a CSV file held in memory and its encoding (see :func:`detect_encoding`)."""
    encoding = detect_encoding(io.BytesIO(data), label)
    text = data.decode(encoding)
    if "\x00" in text:
        raise FileFormatError(f"{label}: not a CSV file (it holds binary data)",
            fr=f"{label} : ce n'est pas un fichier CSV (il contient des données binaires)")
    return text, encoding


def _records(text: str | Iterable[str], sep: str, limit: int | None = None) -> Iterable[tuple[int, list[str]]]:
    """CSV records with the line number each starts on (``text``: a string or its lines)."""
    lines = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.reader(lines, delimiter=sep, quotechar='"', strict=False)
    start = 1
    n = 0
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
            n += 1
            if limit is not None and n >= limit:
                return
    except csv.Error as exc:
        raise FileFormatError(f"line {reader.line_num + 1}: {exc}", fr=f"ligne {reader.line_num + 1} : {exc}") from None


def sniff_separator(text: str, label: str = "input") -> tuple[str, int]:
    """The separator of a CSV text and its column count.

    Each candidate splits the first rows; the one giving the same number (> 1) of columns to the
    most rows wins (ties: the most columns, then ``;`` before tab, ``,`` and ``|``).
    """
    best: tuple | None = None
    for rank, sep in enumerate(SEPARATORS):
        try:
            counts = Counter(len(r) for _, r in _records(text, sep, SNIFF_ROWS) if not _blank(r))
        except FileFormatError:
            continue
        if not counts:
            continue
        width, rows = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if width < 2:
            continue
        score = (rows, width, -rank)
        if best is None or score > best[0]:
            best = (score, sep, width)
    if best is None:
        raise FileFormatError(
            f"{label}: only one column found; expected columns separated by ; , tab or |",
                fr=f"{label} : une seule colonne trouvée ; des colonnes séparées par ; , tabulation ou | sont attendues"
        )
    return best[1], best[2]


def read_csv(stream: IO[bytes], label: str) -> RawTable:
    """Read a CSV file from a seekable binary stream, in bounded memory: one pass over the bytes
    finds the encoding, a second decodes and splits them as they come (the text is never held
    whole). Limits (:data:`MAX_CSV_BYTES`, :data:`MAX_ROWS`, :data:`MAX_COLUMNS`) are enforced
    as soon as they are passed."""
    encoding = detect_encoding(stream, label)
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    try:
        head = list(itertools.islice(text, SNIFF_ROWS))
        sep, width = sniff_separator("".join(head), label)
        if width > MAX_COLUMNS:
            raise FileFormatError(f"{label}: refused, {width} columns (more than {MAX_COLUMNS}, Excel's limit)",
                fr=f"{label} : refusé, {width} colonnes (plus de {MAX_COLUMNS}, la limite d'Excel)")
        return _table(itertools.chain(head, text), sep, width, label, encoding)
    finally:
        text.detach()


def _table(lines: Iterable[str], sep: str, width: int, label: str, encoding: str) -> RawTable:
    rows: list[tuple[int, list[Any]]] = []
    seen_full = False
    try:
        for line, record in _records(lines, sep):
            if _blank(record):
                continue
            n = len(record)
            if n > width and _blank(record[width:]):
                record, n = record[:width], width  # trailing empty fields some tools add
            if n != width:
                if not seen_full and n < width:
                    rows.append((line, record + [""] * (width - n)))  # a title above the header
                    continue
                raise FileFormatError(
                    f"{label}, line {line}: {n} columns where the file has {width} "
                    f"(separator: {SEPARATOR_NAMES[sep]}); check the quotes and separators of this line",
                        fr=f"{label}, ligne {line} : {n} colonnes alors que le fichier en a {width} (séparateur : {SEPARATOR_NAMES[sep]}) ; vérifiez les guillemets et les séparateurs de cette ligne"
                )
            seen_full = True
            rows.append((line, [clean_text(c) for c in record]))
            if len(rows) > MAX_ROWS:
                raise FileFormatError(f"{label}: refused, more than {MAX_ROWS} rows (Excel's limit)",
                    fr=f"{label} : refusé, plus de {MAX_ROWS} lignes (la limite d'Excel)")
    except FileFormatError as exc:
        msg = str(exc)
        raise FileFormatError(msg if msg.startswith(label) else f"{label}, {msg}",
            fr=(exc.say("fr") if msg.startswith(label) else f"{label}, {exc.say('fr')}")) from None
    return RawTable(label, rows, "csv", encoding=encoding, separator=sep)
