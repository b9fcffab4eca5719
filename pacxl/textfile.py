"""Write a text file atomically: a temporary file of the same folder, then a rename.

Used by ``pacxl lite`` (main.py, requirements.txt) and ``report --html``. A disk full, an I/O
error or a bad name leaves the file as it was and no temporary file behind, and is reported as
one :class:`pacxl.errors.PacxlError` line naming the file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import PacxlError


def write_text_atomic(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` through a temporary file and a rename."""
    p = Path(path)
    tmp = None
    try:
        try:
            mode = p.stat().st_mode & 0o777  # keep the mode of the file replaced
        except FileNotFoundError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name[:40]}.", suffix=".tmp", dir=p.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0600 files
        os.replace(tmp, p)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise PacxlError(f"{p}: could not be written ({exc.strerror or exc}); it was left as it was") from None
    return p
