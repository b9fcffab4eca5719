"""The errors pacxl raises. Each message is meant for a user: one line, saying what to fix."""

from __future__ import annotations


class PacxlError(Exception):
    """Base of every error pacxl reports to a user (the CLI prints it as one 'Error: ...' line).

    Every message has a French twin: ``PacxlError(english, fr=french)``; a message written in a
    workbook's language gives both (``fr=`` and ``en=``). ``str(exc)`` is the message as raised,
    :meth:`say` the one of a language (the CLI's). tests/test_cli_lang.py checks that every place
    that makes an error gives its French.
    """

    exit_code = 2

    def __init__(self, message: str = "", *, fr: str | None = None, en: str | None = None):
        super().__init__(message)
        self.texts = {"fr": fr if fr is not None else message, "en": en if en is not None else message}

    def say(self, lang: str) -> str:
        """The message in ``lang`` ("fr" or "en")."""
        texts = getattr(self, "texts", None) or {}
        return texts.get("fr" if str(lang).startswith("fr") else "en") or str(self)

    @classmethod
    def of(cls, make, lang: str | None = None) -> "PacxlError":
        """An error whose message ``make(lang)`` writes in either language; ``str()`` in ``lang``
        (the workbook's, as before), else English."""
        return cls(make(lang or "en"), fr=make("fr"), en=make("en"))


class InputError(PacxlError, ValueError):
    """A value given to pacxl (argument, cell, file content) is not usable."""


class FileFormatError(InputError):
    """A file cannot be read as what it claims to be (encoding, layout, damaged or hostile file)."""


class WorkbookError(PacxlError):
    """A workbook is not a pacxl workbook, is damaged, or cannot be written safely."""


class WouldLoseDataError(WorkbookError):
    """Saving would drop something openpyxl cannot keep (shapes, form controls, ...)."""


class WorkbookLockedError(WorkbookError):
    """The workbook is open in Excel or LibreOffice (a lock file stands beside it)."""


class FileExistsError_(PacxlError):
    """The output file exists and --force was not given."""


#: The French of the system's commonest reasons (Python gives them in English whatever the locale).
_OS_REASONS_FR = {
    "ENOSPC": "plus de place sur le disque", "EACCES": "permission refusée", "EPERM": "opération non permise",
    "ENOTDIR": "n'est pas un dossier", "EISDIR": "est un dossier", "ENOENT": "fichier ou dossier introuvable",
    "ENAMETOOLONG": "nom de fichier trop long", "EROFS": "système de fichiers en lecture seule",
    "EEXIST": "le fichier existe", "EIO": "erreur d'entrée-sortie", "EDQUOT": "quota de disque dépassé",
    "EBUSY": "fichier occupé", "ETXTBSY": "fichier occupé",
}


def os_reason(exc: BaseException, lang: str) -> str:
    """The reason of an OSError (``No space left on device``), in ``lang`` when known."""
    import errno

    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    if str(lang).startswith("fr"):
        code = errno.errorcode.get(getattr(exc, "errno", None) or -1, "")
        return _OS_REASONS_FR.get(code, reason)
    return reason


class Said(str):
    """A message kept for later (a file skipped, and why): the text as raised, and :meth:`say` its
    twin in either language."""

    texts: dict

    def __new__(cls, text: str, texts: dict | None = None) -> "Said":
        obj = super().__new__(cls, text)
        obj.texts = dict(texts or {})
        return obj

    def say(self, lang: str) -> str:
        return self.texts.get("fr" if str(lang).startswith("fr") else "en") or str(self)

    @classmethod
    def of(cls, exc: BaseException, strip: str = "") -> "Said":
        """The message of ``exc`` (without a leading ``strip: ``), in both languages when it has them."""
        def cut(t: str) -> str:
            for sep in (": ", " : "):
                if strip and t.startswith(strip + sep):
                    return t[len(strip) + len(sep):]
            return t

        texts = getattr(exc, "texts", None) or {}
        return cls(cut(str(exc)), {k: cut(v) for k, v in texts.items()})
