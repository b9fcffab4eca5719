"""Saving under stress: two commands at once, a file changed behind pacxl's back, symbolic
links, read-only files, owners, signals and a full disk. Nothing partial is ever left and a
refused run leaves every file byte-identical."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pacxl import files
from pacxl.errors import WorkbookError, WorkbookLockedError
from pacxl.io import import_file

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

#: Runs the CLI (arguments from the 4th on) with pacxl.files' test hook pausing just before a
#: file whose name starts with the 3rd argument is replaced: it touches READY (1st), then waits
#: (up to a minute) for GO (2nd).
PAUSED_CLI = textwrap.dedent("""
    import pathlib, signal, sys, time
    # Ctrl+C as in a terminal, whatever this test's runner inherited (a background job ignores it)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    import pacxl.files as f
    ready, go, at = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
    def pause(real):
        if not real.name.startswith(at):
            return
        ready.touch()
        for _ in range(6000):
            if go.exists():
                return
            time.sleep(0.01)
    f._before_replace = pause
    from pacxl.cli import main
    main(sys.argv[4:], prog_name="pacxl")
""")


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    from pacxl.defaults import blank_plan
    from pacxl.workbook.build import build_workbook

    return build_workbook(blank_plan("en", year=2027), tmp_path_factory.mktemp("wb") / "blank.xlsx")


@pytest.fixture
def wb(blank, tmp_path) -> Path:
    p = tmp_path / "plan.xlsx"
    shutil.copy(blank, p)
    return p


def budget_csv(folder: Path, label: str, amount: int = 1200) -> Path:
    p = folder / f"{label}.csv"
    p.write_text(f"Label;Month;Amount\n{label};01/2027;{amount}\n", encoding="utf-8")
    return p


def cli(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pacxl", *map(str, args)], capture_output=True, text=True,
                          env=ENV, timeout=300, **kw)


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def budget_labels(p: Path) -> list[str]:
    from pacxl.workbook.read import read_plan

    return [line.label for line in read_plan(p).budget]


def wait_for(path: Path, proc: subprocess.Popen) -> None:
    """Until ``path`` exists (the paused process reached the hook) or the process ended."""
    for _ in range(30000):
        if path.exists() or proc.poll() is not None:
            break
        time.sleep(0.01)
    assert path.exists(), proc.communicate(timeout=60)


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(f.name for f in folder.iterdir() if f.name not in keep)


# --- two commands at once ----------------------------------------------------------------------


def test_a_second_import_while_the_first_is_writing_is_refused(wb, tmp_path):
    """Two real processes on one workbook: the second is refused (exit 2, nothing written) and
    the first one's import is what the workbook holds; before the lock, both said 'written'
    and the first import was lost."""
    first, second = budget_csv(tmp_path, "Fair"), budget_csv(tmp_path, "Mailing")
    ready, go = tmp_path / "ready", tmp_path / "go"
    proc = subprocess.Popen([sys.executable, "-c", PAUSED_CLI, ready, go, "plan.xlsx", "import", "budget", wb, first,
                             "--no-backup"], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(ready, proc)
        assert (wb.parent / ".~pacxl-plan.xlsx.lock").exists()
        before = digest(wb)
        r = cli("import", "budget", wb, second, "--no-backup")
        assert (r.returncode, r.stderr) == (
            2, "Error: plan.xlsx: another pacxl command is writing this workbook (.~pacxl-plan.xlsx.lock exists); "
               "wait for it to finish, then run the command again (nothing was changed)\n")
        assert digest(wb) == before
    finally:
        go.touch()
        out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert budget_labels(wb) == ["Fair"]
    assert leftovers(tmp_path, {"plan.xlsx", "Fair.csv", "Mailing.csv", "ready", "go"}) == []  # lock removed


def test_a_workbook_changed_between_reading_and_replacing_is_not_overwritten(wb, tmp_path, monkeypatch):
    """Another program (Excel, a pacxl without the lock) saves the workbook while the import
    works: the import is refused and the other program's file stays as it saved it."""
    theirs = tmp_path / "theirs.xlsx"
    import_file("budget", shutil.copy(wb, theirs), budget_csv(tmp_path, "Theirs"), backup=False)

    def someone_saves(real: Path) -> None:
        shutil.copyfile(theirs, real)

    monkeypatch.setattr(files, "_before_replace", someone_saves)
    with pytest.raises(files.FileChangedError) as e:
        import_file("budget", wb, budget_csv(tmp_path, "Mine"))
    assert str(e.value) == (
        "plan.xlsx: the file changed on disk while pacxl was working on it (saved by another program or "
        "another pacxl command); nothing was written, run the command again")
    assert wb.read_bytes() == theirs.read_bytes()
    assert leftovers(tmp_path, {"plan.xlsx", "theirs.xlsx", "Theirs.csv", "Mine.csv"}) == []  # no backup


def test_fingerprint_sees_a_same_size_rewrite_within_the_same_time(tmp_path):
    p = tmp_path / "f.bin"
    p.write_bytes(b"abcd")
    fp, data = files.Fingerprint.read(p)
    assert data == b"abcd" and fp.matches(p)
    st = p.stat()
    p.write_bytes(b"abce")
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same time: only the hash tells
    assert not fp.matches(p)


# --- links, read-only files, owners, other programs' locks -------------------------------------


def test_import_through_a_symlink_replaces_the_real_workbook_and_keeps_the_link(wb, tmp_path):
    real_dir = tmp_path / "shared"
    real_dir.mkdir()
    real = real_dir / "plan.xlsx"
    wb.rename(real)
    link = tmp_path / "mine.xlsx"
    link.symlink_to(real)
    summary = import_file("budget", link, budget_csv(tmp_path, "Fair"), backup=False)
    assert summary.written
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert budget_labels(real) == ["Fair"]  # the summary's "written" is true of the real file
    assert leftovers(real_dir, {"plan.xlsx"}) == []


def test_new_force_through_a_symlink_keeps_the_link(wb, tmp_path):
    link = tmp_path / "link.xlsx"
    link.symlink_to(wb)
    r = cli("new", link, "--lang", "en", "--company", "Other", "--force")
    assert r.returncode == 0, r.stderr
    assert link.is_symlink()
    from pacxl.workbook.read import read_plan

    assert read_plan(wb).settings.company == "Other"


@pytest.mark.parametrize("command", ["import", "new"])
def test_a_read_only_workbook_is_refused(wb, tmp_path, command):
    """Root may write anything: the mode bits are checked by pacxl itself."""
    os.chmod(wb, 0o444)
    before = digest(wb)
    if command == "import":
        r = cli("import", "budget", wb, budget_csv(tmp_path, "Fair"))
        shown = "plan.xlsx"
    else:
        r = cli("new", wb, "--lang", "en", "--force")
        shown = str(wb)
    assert (r.returncode, r.stderr) == (
        2, f"Error: {shown}: the file is read-only; make it writable first (nothing was changed)\n")
    assert digest(wb) == before
    assert leftovers(tmp_path, {"plan.xlsx", "Fair.csv"}) == []


def test_the_replaced_workbook_keeps_its_mode_and_owner(wb, tmp_path):
    os.chmod(wb, 0o640)
    if IS_ROOT:
        os.chown(wb, 4321, 4322)
    import_file("budget", wb, budget_csv(tmp_path, "Fair"), backup=False)
    st = wb.stat()
    assert oct(st.st_mode & 0o7777) == oct(0o640)
    if IS_ROOT:
        assert (st.st_uid, st.st_gid) == (4321, 4322)


@pytest.mark.parametrize("lock", ["~$plan.xlsx", ".~lock.plan.xlsx#"])
def test_new_and_consolidate_force_refuse_a_workbook_open_in_excel(wb, tmp_path, blank, lock):
    (tmp_path / lock).write_text("someone")
    before = digest(wb)
    r = cli("new", wb, "--lang", "en", "--force")
    message = f"Error: plan.xlsx is open in Excel or LibreOffice ({lock} exists): close it first\n"
    assert (r.returncode, r.stderr) == (2, message)
    r = cli("consolidate", blank, "-o", wb, "--force")
    assert (r.returncode, r.stderr) == (2, message)
    assert digest(wb) == before


# --- signals and faults -------------------------------------------------------------------------


@pytest.mark.parametrize("at", ["plan.xlsx", "plan.backup-"])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_save_killed_midway_leaves_nothing_behind(wb, tmp_path, sig, at):
    """Killed just before the backup is moved in place, or after it and just before the
    workbook is replaced: the workbook is byte-identical and no temporary file, backup or lock
    file remains."""
    before = digest(wb)
    ready, go = tmp_path / "ready", tmp_path / "go"
    proc = subprocess.Popen([sys.executable, "-c", PAUSED_CLI, ready, go, at, "import", "budget", wb,
                             budget_csv(tmp_path, "Fair")], env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        wait_for(ready, proc)
        names = leftovers(tmp_path, {"plan.xlsx", "Fair.csv", "ready"})
        assert any(n.startswith(".plan.") and n.endswith(".pacxl-tmp.xlsx") for n in names), names  # mid-save
        if at == "plan.xlsx":
            assert any(n.startswith("plan.backup-") for n in names), names
        else:
            assert any(n.startswith(".plan.backup-") for n in names), names
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == (128 + sig if sig == signal.SIGTERM else 130), err
    assert digest(wb) == before
    assert leftovers(tmp_path, {"plan.xlsx", "Fair.csv", "ready"}) == []


def test_a_failing_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out.html"
    target.write_text("old")

    def broken(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError(5, "Input/output error")

    with pytest.raises(WorkbookError) as e:
        files.atomic_write(target, broken)
    assert str(e.value) == "out.html: cannot be written (Input/output error); nothing was changed"
    assert target.read_text() == "old"
    assert leftovers(tmp_path, {"out.html"}) == []


def test_atomic_write_fsyncs_and_uses_unique_names(tmp_path, monkeypatch):
    synced, temps = [], []
    real_fsync, real_mkstemp = os.fsync, files.tempfile.mkstemp
    monkeypatch.setattr(files.os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))

    def mkstemp(**kw):
        fd, name = real_mkstemp(**kw)
        temps.append(name)
        return fd, name

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    files.atomic_write(tmp_path / "a.txt", "one")
    files.atomic_write(tmp_path / "a.txt", "two")
    assert (tmp_path / "a.txt").read_text() == "two"
    assert len(synced) >= 2 and len(set(temps)) == 2
    assert all(Path(t).parent == tmp_path for t in temps)


def test_report_html_and_lite_write_atomically(blank, tmp_path, monkeypatch):
    """The HTML report and xlwings Lite's files go through the one writer (before, the HTML was
    written in place and lite used a fixed 'main.py.tmp' name): at the moment of the replace,
    the target is untouched and a complete temporary file stands beside it."""
    from pacxl.lite import write_lite
    from pacxl.report import report_workbook
    from pacxl.report_html import write_html

    seen = []

    def look(real: Path) -> None:
        temps = [f for f in real.parent.iterdir() if f.name.endswith(".pacxl-tmp" + real.suffix)]
        seen.append((real.name, real.exists() and real.read_text(), [t.stat().st_size > 0 for t in temps]))

    monkeypatch.setattr(files, "_before_replace", look)
    (tmp_path / "r.html").write_text("old")
    write_html(report_workbook(blank, 1), tmp_path / "r.html")
    write_lite(tmp_path / "lite")
    assert seen == [("r.html", "old", [True]), ("main.py", False, [True]), ("requirements.txt", False, [True])]
    assert (tmp_path / "r.html").read_text().startswith("<!")


def test_lite_checks_every_file_before_writing_any(tmp_path):
    from pacxl.errors import PacxlError
    from pacxl.lite import write_lite

    out = tmp_path / "lite"
    out.mkdir()
    (out / "main.py").write_bytes(b"\xff\xfe not utf-8")  # differs, and not even UTF-8
    (out / "requirements.txt").write_text("other\n")
    with pytest.raises(PacxlError, match="main.py exists and differs"):
        write_lite(out)
    assert (out / "main.py").read_bytes() == b"\xff\xfe not utf-8"


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MiB tmpfs (root only); skipped where mounting is not permitted."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1024k", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace').strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.mark.parametrize("full_at", ["workbook", "backup"])
def test_disk_full_is_one_error_line_and_leaves_nothing(wb, tmp_path, tiny_disk, full_at):
    csv = budget_csv(tmp_path, "Fair")
    # the size the import's result takes, measured on a copy first
    copy = tmp_path / "measure.xlsx"
    shutil.copy(wb, copy)
    import_file("budget", copy, csv, backup=False)
    page = 4096
    pages = lambda n: -(-n // page)  # noqa: E731
    new_size, old_size = copy.stat().st_size, wb.stat().st_size
    target = tiny_disk / "plan.xlsx"
    shutil.copy(wb, target)
    before = digest(target)
    free = os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize
    room = (pages(new_size) + pages(old_size) // 2) * page if full_at == "backup" else pages(new_size) // 2 * page
    with open(tiny_disk / "filler", "wb") as fh:
        fh.write(b"\0" * (free - room))
    r = cli("import", "budget", target, csv)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("Error: ") and "Traceback" not in r.stderr
    assert "No space left on device" in r.stderr and r.stderr.endswith("nothing was changed\n")
    assert digest(target) == before
    assert leftovers(tiny_disk, {"plan.xlsx", "filler"}) == []  # no temporary file, no truncated backup
