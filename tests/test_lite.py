"""`pacxl lite` writes a main.py whose PAC_* functions equal pacxl.udfs exactly."""

import importlib.util
import re
import sys
import types

import pytest
from click.testing import CliRunner

from pacxl import udfs
from pacxl.cli import main
from pacxl.errors import PacxlError
from pacxl.lite import lite_source, write_lite


def _noop_decorator(*args, **kwargs):
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda f: f


@pytest.fixture
def lite_module(tmp_path, monkeypatch):
    """Import the generated main.py in this process with the xlwings decorators as no-ops."""
    fake = types.ModuleType("xlwings")
    fake.func = fake.arg = fake.ret = _noop_decorator
    monkeypatch.setitem(sys.modules, "xlwings", fake)
    write_lite(tmp_path)
    spec = importlib.util.spec_from_file_location("pacxl_lite_main", tmp_path / "main.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "pacxl_lite_main", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


CASES = [
    ("PAC_FUNNEL", (15.0, [[0.2], [0.5], [0.3]])),
    ("PAC_FUNNEL", (7.0, [0.1, 0.35, 0.7, None], 12.0)),
    ("PAC_FUNNEL", (21.0, [[0.7]], 52.0)),
    ("PAC_FUNNEL", (15.0, [30.0, 50.0])),
    ("PAC_FUNNEL", (-1.0, [0.5])),
    ("PAC_ABC", ([[100.0], [50.0], [30.0], [10.0], [10.0], [None], ["x"], [-5.0]],)),
    ("PAC_ABC", ([[float(i % 97) for i in range(500)]], 0.7, 0.9)),
    ("PAC_ABC", ([1.0], 80.0)),
    ("PAC_VARIANCE", ([[120.0, None], [3.0, 4.0]], [[100.0, 1.0], [None, 5.0]])),
    ("PAC_VARIANCE", ([1.0, 2.0], [1.0])),
    ("PAC_VARIANCE_PCT", ([110.0, 90.0, 5.0], [100.0, 100.0, 0.0])),
    ("PAC_FORECAST", ([[10.0, 20.0, None, 5.0] + [None] * 8], [[10.0] * 12], 4.0)),
    ("PAC_FORECAST", ([[0.2, 0.4] + [None] * 10], [[0.3] * 12], 2.0, "taux")),
    ("PAC_FORECAST", ([[1.0] * 12], [[1.0] * 12], 13.0)),
    ("PAC_FUNNEL_CALENDAR", ([0.0, 0.0, 2.0, 5.0], [[0.25], [0.5]], [2.0, 1.0, None])),
    ("PAC_FUNNEL_CALENDAR", ([1.0], [0.5, 0.5], [1.0])),
    ("PAC_DEALS", (300000.0, 20000.0)),
    ("PAC_DEALS", (300000.0, 0.0)),
    ("PAC_ABC_MATRIX", ([[100.0], [50.0], [20.0], [None]], [[10.0], [200.0], [None], [5.0]])),
    ("PAC_ABC_MATRIX", ([[100.0], [50.0]], [[1.0]])),
    ("PAC_RETENTION", ([[50.0], [60.0], [12.0], [None]], [[70.0], [60.0], [None], [20.0]])),
    ("PAC_RETENTION", ([[None], [None]], [[1.0], [2.0]])),
    ("PAC_COVERAGE_MEETINGS", ([["A"], ["B"], ["C"], [""]], [[12.0], [4.0], [None]])),
    ("PAC_COVERAGE_MEETINGS", ([["A"]], [[12.0], ["x"], [1.0]])),
]


def _outcome(fn, args):
    try:
        return ("value", fn(*args))
    except PacxlError as exc:
        return ("error", str(exc))


@pytest.mark.parametrize("name, args", CASES)
def test_lite_equals_udfs(lite_module, name, args):
    expected = _outcome(getattr(udfs, name), args)
    got = getattr(lite_module, name)(*args)
    if expected[0] == "error":
        # in xlwings Lite every call comes from Excel: errors are short cell texts
        assert got == "#PACXL! " + expected[1]
    else:
        assert got == expected[1]


def test_lite_has_every_udf(lite_module):
    for name in udfs.__all__:
        assert callable(getattr(lite_module, name))


def test_lite_is_self_contained():
    source = lite_source()
    assert "from ." not in source and "import pacxl" not in source
    assert "@xw." not in source  # xlwings Lite decorators only
    assert len(re.findall(r"^@func$", source, re.M)) == len(udfs.__all__)


def test_cli_lite_writes_and_refuses_to_clobber(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["lite", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "main.py").exists()
    assert (tmp_path / "out" / "requirements.txt").read_text() == "numpy\n"
    (tmp_path / "out" / "main.py").write_text("# mine\n")
    result = runner.invoke(main, ["lite", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "main.py exists and differs: use --force to overwrite it" in result.output
    assert (tmp_path / "out" / "main.py").read_text() == "# mine\n"


def test_lite_checks_every_file_before_writing_any(tmp_path):
    """A differing requirements.txt is refused before main.py is touched (main.py used to be
    overwritten first); a main.py that is not UTF-8 is a differing file, not a traceback."""
    (tmp_path / "requirements.txt").write_text("pandas\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["lite", str(tmp_path)])
    assert (res.exit_code, res.output) == (
        2, f"Error: {tmp_path / 'requirements.txt'} exists and differs: use --force to overwrite it\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["requirements.txt"]

    (tmp_path / "requirements.txt").unlink()
    (tmp_path / "main.py").write_bytes("# café\n".encode("cp1252"))
    res = CliRunner().invoke(main, ["lite", str(tmp_path)])
    assert (res.exit_code, res.output) == (
        2, f"Error: {tmp_path / 'main.py'} exists and differs: use --force to overwrite it\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.py"]
    res = CliRunner().invoke(main, ["lite", str(tmp_path), "--force"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "main.py").read_text(encoding="utf-8") == lite_source()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.py", "requirements.txt"]  # no temp file left
