"""Write files without ever leaving a partial one: the one atomic writer, pacxl's own lock, and
the check that a file did not change between reading and replacing it.

* :func:`atomic_write` writes to a unique temporary file in the target's folder, fsyncs it, gives
  it the original's mode (and owner, when root), and moves it over the target with
  :func:`os.replace` (the real file when the target is a symbolic link: the link stays).
  Temporary files are removed on every exit path: exceptions, SIGINT, SIGTERM and SIGHUP
  (turned into an exception while a write is under way) and interpreter exit (atexit).
* :func:`workbook_lock` is pacxl's lock on a workbook (``.~pacxl-NAME.lock`` beside it, removed
  after): two pacxl commands never rewrite one workbook at once; the second is refused.
* :class:`Fingerprint` (size, mtime, SHA-256 of the bytes read) lets a writer check that the
  file it read is still the one it is about to replace.

This module imports nothing of pacxl but its errors: every layer may use it.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import signal
import stat
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Union

from .errors import WorkbookError, WorkbookLockedError, os_reason

PathLike = Union[str, os.PathLike]

#: Test hook: called with the real target path just before a file is moved over it (after the
#: temporary file is complete). Tests set it to change the target or to stop the process there.
_before_replace: Callable[[Path], None] | None = None

_live_temps: set[str] = set()
_temps_guard = threading.Lock()


class FileChangedError(WorkbookLockedError):
    """The file changed on disk between reading it and replacing it (another program saved it)."""


def _remove_live_temps() -> None:
    with _temps_guard:
        names = list(_live_temps)
        _live_temps.clear()
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(name)


atexit.register(_remove_live_temps)


def _raise_exit(signum, frame) -> None:  # noqa: ARG001
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise SystemExit (as SIGINT raises
    KeyboardInterrupt), so that ``finally`` clauses remove temporary and lock files.
    Only in the main thread (elsewhere signals are not delivered to Python code)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        old = signal.getsignal(sig)
        if old in (signal.SIG_DFL, None):  # keep a handler someone else installed
            saved[sig] = old
            signal.signal(sig, _raise_exit)
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old if old is not None else signal.SIG_DFL)


def real_path(path: PathLike) -> Path:
    """The file ``path`` names once symbolic links are followed (the file to replace)."""
    return Path(os.path.realpath(os.fspath(path)))


def check_writable(path: PathLike, shown: str | None = None) -> None:
    """Refuse to replace a read-only file. Root may write anything, so its mode bits are
    checked too: a file nobody may write is refused for root as well."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise cannot_write(shown or p.name, exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise WorkbookError(f"{shown or p.name}: not a regular file",
            fr=f"{shown or p.name} : ce n'est pas un fichier ordinaire")
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(p, os.W_OK):
        raise WorkbookError(
            f"{shown or p.name}: the file is read-only; make it writable first (nothing was changed)",
            fr=f"{shown or p.name} : le fichier est en lecture seule ; rendez-le modifiable d'abord (rien n'a été modifié)",
        )


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows, or a folder we cannot open: the rename is done, durability is best effort
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _copy_owner_and_mode(tmp: str, original: os.stat_result | None) -> None:
    if original is None:
        os.chmod(tmp, _new_file_mode())  # mkstemp makes 0600 files
        return
    os.chmod(tmp, stat.S_IMODE(original.st_mode))
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        with contextlib.suppress(OSError):
            os.chown(tmp, original.st_uid, original.st_gid)
            os.chmod(tmp, stat.S_IMODE(original.st_mode))  # chown clears setuid/setgid bits


@dataclass(frozen=True)
class Fingerprint:
    """What a file was when it was read: size, modification time and SHA-256 of its bytes."""

    path: str
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, path: PathLike, data: bytes, st: os.stat_result) -> "Fingerprint":
        return cls(str(real_path(path)), st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())

    @classmethod
    def read(cls, path: PathLike) -> tuple["Fingerprint", bytes]:
        """The bytes of ``path`` and their fingerprint (size and time from the same open file)."""
        with open(path, "rb") as fh:
            data = fh.read()
            st = os.fstat(fh.fileno())
        return cls.of_bytes(path, data, st), data

    def matches(self, path: PathLike) -> bool:
        """Whether ``path`` still holds what was read (cheap stat first, then the bytes)."""
        try:
            st = os.stat(path)
        except OSError:
            return False
        if (st.st_size, st.st_mtime_ns) != (self.size, self.mtime_ns):
            return False
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(2**20), b""):
                digest.update(chunk)
        return digest.hexdigest() == self.sha256


def changed_error(shown: str) -> FileChangedError:
    return FileChangedError(
        f"{shown}: the file changed on disk while pacxl was working on it (saved by another "
        "program or another pacxl command); nothing was written, run the command again",
        fr=f"{shown} : le fichier a changé sur le disque pendant que pacxl travaillait (enregistré par un autre "
           "programme ou une autre commande pacxl) ; rien n'a été écrit, relancez la commande",
    )


def cannot_write(shown: str, exc: OSError) -> WorkbookError:
    """``plan.xlsx: cannot be written (No space left on device); nothing was changed``."""
    return WorkbookError(
        f"{shown}: cannot be written ({exc.strerror or exc}); nothing was changed",
        fr=f"{shown} : impossible d'écrire ({os_reason(exc, 'fr')}) ; rien n'a été modifié",
    )


def atomic_write(
    path: PathLike,
    content: bytes | str | Callable[[Path], None],
    *,
    verify: Callable[[Path], None] | None = None,
    unchanged: Fingerprint | None = None,
    before_replace: Callable[[Path], Callable[[], None] | None] | None = None,
    shown: str | None = None,
) -> Path:
    """Write ``content`` to ``path`` so that the file is either the old one or the new one.

    ``content``: bytes, text (written as UTF-8), or a function writing the file whose path it is
    given (``wb.save``). ``verify(tmp)`` may refuse the written file by raising. ``unchanged``:
    the fingerprint of the file when it was read; the write is refused with
    :class:`FileChangedError` if the file no longer matches it. ``before_replace(real)`` runs
    last before the move (e.g. to write a backup); it returns a function undoing what it did,
    called if the move does not happen.
    A symbolic link is followed: the file it points to is replaced, the link stays. A read-only
    file is refused. Mode (and owner and group, when run as root) of the replaced file are kept.
    Returns the real path written. OS errors become one-line :class:`WorkbookError`.
    """
    shown = shown or Path(path).name
    real = real_path(path)
    check_writable(real, shown)
    try:
        original: os.stat_result | None = real.stat()
    except FileNotFoundError:
        original = None
    except OSError as exc:
        raise cannot_write(shown, exc) from None
    if not real.parent.is_dir():
        raise WorkbookError(f"{shown}: the folder {real.parent} does not exist",
                            fr=f"{shown} : le dossier {real.parent} n'existe pas")
    tmp = None
    try:
        with signals_raise():
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{real.stem[:100]}.", suffix=f".pacxl-tmp{real.suffix[:16]}",
                                           dir=real.parent)
            except OSError as exc:
                raise cannot_write(shown, exc) from None
            # (openpyxl reads and writes only names ending in .xlsx/.xlsm: the suffix stays last)
            with _temps_guard:
                _live_temps.add(tmp)
            try:
                if callable(content):
                    os.close(fd)
                    fd = -1
                    content(Path(tmp))
                    fd = os.open(tmp, os.O_RDWR)
                else:
                    data = content.encode("utf-8") if isinstance(content, str) else content
                    view = memoryview(data)
                    while view:
                        view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                if fd >= 0:
                    os.close(fd)
            if verify is not None:
                verify(Path(tmp))
            try:
                _copy_owner_and_mode(tmp, original)
            except OSError as exc:
                raise cannot_write(shown, exc) from None
            if unchanged is not None and not unchanged.matches(real):
                raise changed_error(shown)
            undo = before_replace(real) if before_replace is not None else None
            try:
                if _before_replace is not None:
                    _before_replace(real)
                if unchanged is not None and not unchanged.matches(real):
                    raise changed_error(shown)
                try:
                    os.replace(tmp, real)
                except PermissionError:
                    # Windows: Excel holds the file open (with --force, or without a lock file)
                    raise WorkbookLockedError(
                        f"{shown}: cannot be replaced, another program (Excel?) has it open; "
                        "close it and run the command again (nothing was changed)",
                            fr=f"{shown} : impossible de le remplacer, un autre programme (Excel ?) l'a ouvert ; fermez-le et relancez la commande (rien n'a été modifié)"
                    ) from None
            except BaseException:
                if undo is not None:
                    undo()
                raise
            tmp = None
            _fsync_dir(real.parent)
    except OSError as exc:
        raise cannot_write(shown, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            with _temps_guard:
                _live_temps.discard(tmp)
    return real


def copy_file(src: PathLike, dest: PathLike) -> Path:
    """Copy ``src`` to ``dest`` atomically (a backup is never truncated)."""
    import shutil

    def write(tmp: Path) -> None:
        with open(src, "rb") as a, open(tmp, "wb") as b:
            shutil.copyfileobj(a, b, 2**20)
        shutil.copystat(src, tmp)

    return atomic_write(dest, write, shown=Path(dest).name)


def lock_files(path: PathLike) -> list[Path]:
    """The Excel and LibreOffice lock files standing beside ``path`` (beside the link and beside
    the real file, when ``path`` is a symbolic link)."""
    found: list[Path] = []
    for p in dict.fromkeys([Path(path), real_path(path)]):
        names = [f"~${p.name}", f".~lock.{p.name}#"]
        if len(p.name) > 2:
            names.append(f"~${p.name[2:]}")  # Excel shortens long names: ~$dget2027.xlsx
        found += [p.parent / n for n in names if (p.parent / n).exists()]
    return found


def check_not_open(path: PathLike, *, force_hint: bool = True) -> None:
    """Refuse a workbook open in Excel or LibreOffice. ``force_hint``: say that --force writes
    anyway (import); the commands whose --force only means "overwrite" do not say it."""
    locks = lock_files(path)
    if locks:
        raise WorkbookLockedError(
            f"{Path(path).name} is open in Excel or LibreOffice ({locks[0].name} exists): "
            + ("close it first, or use --force" if force_hint else "close it first"),
            fr=f"{Path(path).name} est ouvert dans Excel ou LibreOffice ({locks[0].name} existe) : "
               + ("fermez-le d'abord, ou utilisez --force" if force_hint else "fermez-le d'abord"),
        )


def lock_path(path: PathLike) -> Path:
    """``.~pacxl-NAME.lock`` beside the real file ``path`` names."""
    real = real_path(path)
    return real.parent / f".~pacxl-{real.name}.lock"


@contextlib.contextmanager
def workbook_lock(path: PathLike, shown: str | None = None) -> Iterator[Path]:
    """Hold pacxl's lock on ``path`` for the block; refuse at once if another pacxl command
    holds it. The lock file is removed when the block ends (still holding the lock, so that no
    other command can hold the removed file's lock meanwhile). Signals raise meanwhile."""
    from filelock import FileLock, Timeout

    shown = shown or Path(path).name
    lp = lock_path(path)
    if not lp.parent.is_dir():
        raise WorkbookError(f"{shown}: the folder {lp.parent} does not exist",
                            fr=f"{shown} : le dossier {lp.parent} n'existe pas")
    lock = FileLock(lp, timeout=0)
    with signals_raise():
        try:
            lock.acquire()
        except Timeout:
            raise WorkbookLockedError(
                f"{shown}: another pacxl command is writing this workbook ({lp.name} exists); "
                "wait for it to finish, then run the command again (nothing was changed)",
                fr=f"{shown} : une autre commande pacxl écrit ce classeur ({lp.name} existe) ; attendez qu'elle "
                   "finisse, puis relancez la commande (rien n'a été modifié)",
            ) from None
        except OSError as exc:
            raise WorkbookError(f"{shown}: cannot lock it for writing ({exc.strerror or exc}); nothing was changed",
                               fr=f"{shown} : impossible de le verrouiller pour l'écrire ({os_reason(exc, 'fr')}) ; "
                                  "rien n'a été modifié") from None
        try:
            yield lp
        finally:
            with contextlib.suppress(OSError):
                lp.unlink()
            lock.release()
