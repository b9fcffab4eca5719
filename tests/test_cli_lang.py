"""The command line speaks French or English (issue 12): help, errors, click's own lines."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pacxl import cli_text
from pacxl.cli import main
from pacxl.errors import PacxlError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pacxl"


# --- every error has its French ------------------------------------------------------------------


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """Names of PacxlError and of every class of the package derived from it."""
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
    found = {"PacxlError"}
    while True:
        more = {name for name, bs in bases.items() if bs & found} - found
        if not more:
            return found
        found |= more


def error_sites() -> list[tuple[str, int, bool]]:
    """(file, line, has French) of every place the package makes one of its errors."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}
    classes = _error_classes(trees)
    sites = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            if isinstance(f, ast.Attribute) and f.attr == "of" and isinstance(f.value, ast.Name) \
                    and f.value.id in classes:
                sites.append((str(path.relative_to(ROOT)), node.lineno, True))  # Error.of(make): both languages
            elif isinstance(f, ast.Name) and f.id in classes and (node.args or node.keywords):
                has_fr = any(k.arg == "fr" for k in node.keywords)
                sites.append((str(path.relative_to(ROOT)), node.lineno, has_fr))
    return sites


def test_the_walk_finds_the_error_sites():
    sites = error_sites()
    assert len(sites) > 150  # the walk sees them (a broken walk would pass vacuously)
    assert {"pacxl/files.py", "pacxl/planfile.py", "pacxl/io/csvfile.py", "pacxl/workbook/settings_check.py"} <= {
        f for f, _, _ in sites}


def test_every_error_the_package_raises_has_its_french():
    missing = [f"{f}:{line}" for f, line, fr in error_sites() if not fr]
    assert not missing, f"{len(missing)} error(s) without French (give fr=...): " + ", ".join(missing)


# --- which language ----------------------------------------------------------------------------------


@pytest.mark.parametrize("env, lang", [
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_CA.UTF-8"}, "fr"),  # LC_ALL first
    ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),  # then LC_MESSAGES
    ({"LANG": "fr_FR.UTF-8", "LC_ALL": ""}, "fr"),  # an empty variable does not count
])
def test_the_locale_decides_in_posix_order(env, lang):
    assert cli_text.env_lang(env) == lang


@pytest.mark.parametrize("args, lang", [
    (["--lang", "fr", "check", "x.xlsx"], "fr"),
    (["--lang=en", "report", "x.xlsx"], "en"),
    (["check", "x.xlsx", "--lang", "fr"], "fr"),
    (["new", "x.xlsx", "--lang", "en"], None),  # the workbook's language, not the CLI's
    (["--lang", "fr", "demo", "x.xlsx", "--lang", "en"], "fr"),
    (["check", "x.xlsx"], None),
])
def test_lang_on_the_command_line(args, lang):
    assert cli_text.argv_lang(args) == lang


def test_a_workbook_tells_its_language(tmp_path):
    fr, en = tmp_path / "fr.xlsx", tmp_path / "en.xlsx"
    assert run(["new", str(fr), "--lang", "fr"]).exit_code == 0
    assert run(["new", str(en), "--lang", "en"]).exit_code == 0
    assert (cli_text.workbook_lang(fr), cli_text.workbook_lang(en)) == ("fr", "en")
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a zip")
    assert cli_text.workbook_lang(junk) is None and cli_text.workbook_lang(tmp_path / "none.xlsx") is None


# --- what the CLI says ---------------------------------------------------------------------------------


def run(args, lang="C.UTF-8"):
    env = {"LANG": lang, "LC_ALL": None, "LC_MESSAGES": None}
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def test_help_is_french_under_a_french_locale_and_english_otherwise():
    fr = run(["--help"], "fr_FR.UTF-8")
    assert fr.exit_code == 0
    assert "Utilisation :" in fr.output and "Commandes" in fr.output and "Affiche cette aide" in fr.output
    assert "Contrôle un plan rempli" in fr.output  # check's short help
    en = run(["--help"], "C")
    assert "Usage:" in en.output and "Lint a filled plan" in en.output and "Utilisation" not in en.output
    for name in sorted(main.commands):
        out = run([name, "--help"], "fr_FR.UTF-8").output
        assert "Exemple : pacxl" in out, name
        assert "Example" not in out and "Show this message" not in out, name
    # --lang before the command wins over the locale, both ways
    assert "Lint a filled plan" in run(["--lang", "en", "check", "--help"], "fr_FR.UTF-8").output
    assert "Contrôle un plan rempli" in run(["--lang", "fr", "check", "--help"], "C").output
    assert "Contrôle un plan rempli" in run(["check", "--lang", "fr", "--help"], "C").output


def test_every_french_help_names_every_option():
    """Each command's French help gives every option its French text (no English left over)."""
    for name, cmd in main.commands.items():
        table = cli_text.HELP_FR[name]
        assert table[""].count("Exemple : pacxl") == 1, name
        for param in cmd.params:
            if getattr(param, "help", None) and param.name != "lang":
                assert param.name in table, f"pacxl {name} {param.opts[0]}: no French help"


def test_after_the_help_the_english_texts_are_back():
    run(["check", "--help"], "fr_FR.UTF-8")
    assert main.commands["check"].help.startswith("Lint a filled plan")
    assert "JSON" in next(p.help for p in main.commands["check"].params if p.name == "as_json")


@pytest.mark.parametrize("args, fr, en", [
    (["check", "--bogus", "x.xlsx"], "Option inconnue", "No such option"),
    (["report"], "Argument manquant", "Missing argument"),
    (["report", "x.xlsx", "--month", "13"], "n'est pas dans l'intervalle", "is not in the range"),
    (["import", "nope", "a.xlsx", "b.csv"], "n'est pas l'une des valeurs", "is not one of"),
])
def test_click_usage_errors_speak_the_language(args, fr, en):
    res = run(args, "fr_FR.UTF-8")
    assert res.exit_code == 2 and "Erreur : " in res.output and fr in res.output, res.output
    assert "Traceback" not in res.output
    res = run(args, "C")
    assert res.exit_code == 2 and "Error: " in res.output and en in res.output, res.output


def test_a_missing_workbook_is_one_line_in_the_locale_language(tmp_path):
    missing = tmp_path / "absent.xlsx"
    for lang, line in (("fr_FR.UTF-8", f"Erreur : {missing} : fichier introuvable\n"),
                       ("C", f"Error: {missing}: no such file\n")):
        res = run(["check", missing], lang)
        assert (res.exit_code, res.output) == (2, line)


def test_the_workbook_language_wins_over_the_locale_and_lang_over_both(tmp_path):
    wb = tmp_path / "plan.xlsx"
    assert run(["new", wb, "--lang", "fr"]).exit_code == 0
    bad = tmp_path / "budget.csv"
    bad.write_text("Libellé;Mois;Montant\nSalon;03/2027;douze\n", encoding="utf-8")
    res = run(["import", "budget", wb, bad], "C")  # a French workbook under an English locale: French
    assert res.exit_code == 2
    assert res.output.startswith("Erreur : budget.csv, ligne 2, colonne « Montant » : « douze » n'est pas un montant")
    res = run(["--lang", "en", "import", "budget", wb, bad], "fr_FR.UTF-8")
    assert res.output.startswith('Error: budget.csv, line 2, column "Montant": "douze" is not an amount')
    res = run(["import", "budget", wb, bad, "--lang", "en"], "fr_FR.UTF-8")
    assert res.output.startswith("Error: budget.csv, line 2")
    assert "Traceback" not in res.output


@pytest.mark.parametrize("lang, expect", [
    ("fr_FR.UTF-8", "Erreur : {p} : un fichier de plan doit finir par .yaml, .yml ou .json\n"),
    ("C", "Error: {p}: a plan file must end in .yaml, .yml or .json\n"),
])
def test_a_plan_file_error_in_each_language(tmp_path, lang, expect):
    plan = tmp_path / "plan.txt"
    plan.write_text("x")
    res = run(["new", tmp_path / "out.xlsx", "--from", plan], lang)
    assert (res.exit_code, res.output) == (2, expect.format(p=plan))
    assert not (tmp_path / "out.xlsx").exists()


def test_new_and_demo_speak_the_language_of_the_workbook_they_write(tmp_path):
    res = run(["new", tmp_path / "a.xlsx", "--lang", "fr", "--year", "2027"], "C")
    assert res.output == f"Écrit : {tmp_path / 'a.xlsx'} (fr, 2027)\n"
    res = run(["new", tmp_path / "b.xlsx", "--year", "2027"], "fr_FR.UTF-8")
    assert res.output == f"Écrit : {tmp_path / 'b.xlsx'} (fr, 2027)\n"
    res = run(["new", tmp_path / "c.xlsx", "--year", "2027"], "C")  # no --lang: the locale's
    assert res.output == f"Wrote {tmp_path / 'c.xlsx'} (fr, 2027)\n"
    res = run(["new", tmp_path / "c.xlsx"], "fr_FR.UTF-8")
    assert (res.exit_code, res.output) == (
        2, f"Erreur : {tmp_path / 'c.xlsx'} existe déjà : utilisez --force pour le remplacer\n")


def test_an_os_error_reason_is_french_too(tmp_path):
    import errno

    from pacxl.errors import os_reason

    full = OSError(errno.ENOSPC, "No space left on device")
    assert (os_reason(full, "fr"), os_reason(full, "en")) == ("plus de place sur le disque", "No space left on device")
    afile = tmp_path / "a_file"
    afile.write_text("x")
    res = run(["lite", afile], "fr_FR.UTF-8")  # click's own check, in French
    assert res.exit_code == 2 and f"Erreur : Valeur invalide pour 'DIRECTORY' : " in res.output
    assert f"'{afile}' est un fichier." in res.output


def test_a_real_process_under_each_locale(tmp_path):
    """The installed entry point, not only click's test runner: exit code 2, one line, no traceback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env["PYTHONPATH"] = str(ROOT)
    for lang, start in (("fr_FR.UTF-8", "Erreur : "), ("C", "Error: ")):
        proc = subprocess.run([sys.executable, "-m", "pacxl", "report", str(tmp_path / "none.xlsx")],
                              capture_output=True, text=True, encoding="utf-8", env={**env, "LANG": lang}, timeout=60)
        assert proc.returncode == 2
        assert proc.stderr.startswith(start) and proc.stderr.count("\n") == 1, proc.stderr
        assert proc.stdout == ""


def test_every_error_says_something_in_both_languages():
    exc = PacxlError("the file is empty", fr="le fichier est vide")
    assert (exc.say("fr"), exc.say("en"), str(exc)) == ("le fichier est vide", "the file is empty", "the file is empty")
    assert PacxlError("same").say("fr") == "same"  # without French, the message as raised


def test_the_import_steps_have_their_french():
    from pacxl.io import _STEPS
    from pacxl.io.show import STEPS_FR

    assert set(_STEPS) | {"done"} == set(STEPS_FR)
