"""Errors of the system (disk full, name too long, not a folder, I/O error) are one line naming
the path and the reason, exit code 2, for every command; nothing half-written is left."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess

import pytest
from click.testing import CliRunner

from pacxl import planfile
from pacxl.cli import main

LONG = "x" * 300  # longer than NAME_MAX (255)
NOT_DIR = os.strerror(errno.ENOTDIR)
TOO_LONG = os.strerror(errno.ENAMETOOLONG)
NO_SPACE = os.strerror(errno.ENOSPC)


def run(*args):
    """The command in English (the demo workbooks are French: they would make it speak French)."""
    return CliRunner().invoke(main, ["--lang", "en", *[str(a) for a in args]])


@pytest.fixture
def a_file(tmp_path):
    f = tmp_path / "a_file"
    f.write_text("not a folder", encoding="utf-8")
    return f


def test_a_path_under_a_file(tmp_path, a_file, demo_fr_path):
    cases = [
        (("lite", a_file / "lite"), f"{a_file / 'lite'}: {NOT_DIR}"),
        (("new", tmp_path / "p.xlsx", "--from", a_file / "plan.yaml"), f"{a_file / 'plan.yaml'}: {NOT_DIR}"),
        (("report", demo_fr_path, "--html", a_file / "r.html"),
         f"{a_file / 'r.html'}: cannot be written ({NOT_DIR}); nothing was changed"),
    ]
    for args, message in cases:
        res = run(*args)
        assert (res.exit_code, res.output) == (2, f"Error: {message}\n"), args


def test_a_name_too_long(tmp_path, demo_fr_path):
    long = tmp_path / LONG
    cases = [
        (("new", f"{long}.xlsx"), f"{long}.xlsx: {TOO_LONG}"),
        (("demo", f"{long}.xlsx"), f"{long}.xlsx: {TOO_LONG}"),
        (("templates", long), f"{long}: {TOO_LONG}"),
        (("lite", long), f"{long}: {TOO_LONG}"),
        (("check", f"{long}.xlsx"), f"{long}.xlsx: {TOO_LONG}"),
        (("report", f"{long}.xlsx"), f"{long}.xlsx: {TOO_LONG}"),
        (("report", demo_fr_path, "--html", f"{long}.html"),
         f"{long}.html: cannot be written ({TOO_LONG}); nothing was changed"),
        (("consolidate", demo_fr_path, "-o", f"{long}.xlsx"), f"{long}.xlsx: {TOO_LONG}"),
        (("new", tmp_path / "p.xlsx", "--from", f"{long}.yaml"), f"{long}.yaml: {TOO_LONG}"),
    ]
    for args, message in cases:
        res = run(*args)
        assert (res.exit_code, res.output) == (2, f"Error: {message}\n"), args
    assert os.listdir(tmp_path) == []


@contextlib.contextmanager
def small_disk(folder, size: str):
    """A tmpfs of ``size`` mounted on ``folder`` (skips the test where mounting is not allowed)."""
    folder.mkdir()
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                         capture_output=True, text=True)
    if res.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {res.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)  # lazy: even if a file is still open


def test_disk_full_leaves_nothing(tmp_path, demo_fr_path):
    with small_disk(tmp_path / "disk", "48k") as disk:
        res = run("demo", disk / "demo.xlsx")
        assert (res.exit_code, res.output) == (
            2, f"Error: {disk / 'demo.xlsx'}: cannot be written ({NO_SPACE}); nothing was changed\n")
        assert os.listdir(disk) == []
        (disk / "old.html").write_text("the last report\n", encoding="utf-8")
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler").write_bytes(b"\0" * max(free - 8192, 0))  # main.py and the report need more
        res = run("lite", disk / "lite")
        assert (res.exit_code, res.output) == (
            2, f"Error: {disk / 'lite' / 'main.py'}: cannot be written ({NO_SPACE}); nothing was changed\n")
        assert os.listdir(disk / "lite") == []
        res = run("report", demo_fr_path, "--html", disk / "old.html")
        assert (res.exit_code, res.output) == (
            2, f"Error: {disk / 'old.html'}: cannot be written ({NO_SPACE}); nothing was changed\n")
        assert (disk / "old.html").read_text(encoding="utf-8") == "the last report\n"
        assert sorted(os.listdir(disk)) == ["filler", "lite", "old.html"]
        (disk / "filler").unlink()
        res = run("consolidate", demo_fr_path, "-o", disk / "team.xlsx")
        assert (res.exit_code, res.output.splitlines()[-1]) == (
            2, f"Error: {disk / 'team.xlsx'}: cannot be written ({NO_SPACE}); nothing was changed")
        assert sorted(os.listdir(disk)) == ["lite", "old.html"]


def test_io_error_reading_a_plan(tmp_path, monkeypatch):
    # nothing but a failing disk gives EIO: simulate it where the plan file is opened
    plan = tmp_path / "plan.yaml"
    plan.write_text("settings: {year: 2027}\n", encoding="utf-8")

    def failing_open(path, *args, **kwargs):
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))

    monkeypatch.setattr(planfile, "open", failing_open, raising=False)
    res = run("new", tmp_path / "p.xlsx", "--from", plan)
    assert (res.exit_code, res.output) == (2, f"Error: {plan}: {os.strerror(errno.EIO)}\n")
    assert not (tmp_path / "p.xlsx").exists()
