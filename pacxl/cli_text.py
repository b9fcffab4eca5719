"""The language the command line speaks, and its French: ``--help``, click's own lines.

The CLI language of one command is decided once (:func:`cli_lang`):

1. ``--lang fr|en`` before the command (``pacxl --lang fr check ...``), or after a command whose
   ``--lang`` is not the workbook's language (check, report, import, lite, templates);
2. else the language of the workbook the command reads (import, check, report, consolidate: its
   first file) or of the one it writes when ``new``/``demo``/``consolidate`` are given ``--lang``;
3. else the environment: ``LC_ALL``, then ``LC_MESSAGES``, then ``LANG`` (POSIX order); a value
   starting with ``fr`` (``fr_FR.UTF-8``) is French, anything else English.

``--help`` and click's own lines (usage errors) follow 1 and 3 (they come before any workbook is
read). Codes, JSON keys and exit codes are the same in both languages.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import zipfile
from typing import Any, Iterator, Sequence

LANGS = ("fr", "en")

#: Commands whose own ``--lang`` is the language of the workbook they write.
WORKBOOK_LANG_COMMANDS = ("new", "demo", "consolidate", "split")

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("pacxl_cli_lang", default=None)


def env_lang(environ: dict | None = None) -> str:
    """``fr`` or ``en`` from the locale variables: LC_ALL > LC_MESSAGES > LANG."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(name) or "").strip()
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def argv_lang(args: Sequence[str]) -> str | None:
    """The ``--lang`` of a command line that sets the CLI's language (see the module's doc)."""
    args = list(args)
    command = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        elif command is None and not arg.startswith("-") and (i == 0 or args[i - 1] != "--lang"):
            command = arg
        if value in LANGS and (command is None or command not in WORKBOOK_LANG_COMMANDS):
            return value
    return None


def workbook_lang(path: Any) -> str | None:
    """The language of a pacxl workbook from its sheet names (Paramètres / Settings), read from the
    zip without loading the workbook; None when the file is not one (the error says why later)."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("xl/workbook.xml")
            if info.file_size > 4 * 2**20:
                return None
            xml = zf.read(info).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001  # missing, damaged, not a zip: no language from it
        return None
    names = set(re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', xml))
    if "Paramètres" in names or "Param&#232;tres" in names:
        return "fr"
    if "Settings" in names:
        return "en"
    return None


def current() -> str:
    """The CLI's language now: set by :func:`speaking`, else the environment's."""
    return _current.get() or env_lang()


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Run a block with the CLI (and click's own lines) in ``lang``."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def cli_lang(forced: str | None, workbook: Any = None, written: str | None = None) -> str:
    """The language of a command's lines (the order of the module's doc)."""
    if forced in LANGS:
        return forced
    if written in LANGS:
        return written
    if workbook is not None:
        found = workbook_lang(workbook)
        if found:
            return found
    return env_lang()


# --- click's own words ----------------------------------------------------------------------------

#: click's message ids (click 8) -> French. A message not listed stays in English.
CLICK_FR: dict[str, str] = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "No such option: {name}": "Option inconnue : {name}",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "Missing command.": "Commande manquante.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide ({number_type}).",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "Aborted!": "Interrompu.",
    "default: {default}": "par défaut : {default}",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "{name} {filename!r} does not exist.": "{name} {filename!r} n'existe pas.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} n'est pas lisible.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} n'est pas modifiable.",
}

#: click's plural message ids (singular, plural) -> French (singular, plural).
CLICK_FR_PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Vouliez-vous dire {possibility} ?", "(Vouliez-vous dire l'une de : {possibilities} ?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("L'option {name!r} attend une valeur.", "L'option {name!r} attend {nargs} valeurs."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} n'est pas {choice}.", "{value!r} n'est pas l'une des valeurs {choices}."),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Argument en trop ({args})", "Arguments en trop ({args})"),
}


def _gettext(message: str) -> str:
    if current() == "fr":
        return CLICK_FR.get(message, message)
    return message


def _ngettext(singular: str, plural_: str, n: int) -> str:
    if current() == "fr":
        pair = CLICK_FR_PLURAL.get((singular, plural_))
        if pair:
            return pair[0] if n < 2 else pair[1]
    return singular if n == 1 else plural_


def install_click_french() -> None:
    """Route click's ``gettext`` lookups through :data:`CLICK_FR` (French only when the CLI's
    language is French; English otherwise, as click writes it)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
    click.exceptions._ = _gettext


# --- --help in French --------------------------------------------------------------------------------

#: French ``--help``: a command's text (its docstring's twin), and its options' by option name.
HELP_FR: dict[str, dict[str, str]] = {
    "": {
        "": "pacxl : le Plan d'Action Commercial (PAC) d'une PME, dans un tableur.\n\n"
            "Créez un classeur avec `pacxl new` ou `pacxl demo`, remplissez-le, importez les fichiers de la "
            "comptabilité avec `pacxl import`, puis suivez-le avec `pacxl check` et `pacxl report`.\n\n"
            "Langue : --lang fr|en avant la commande ; sinon celle du classeur lu ; sinon LC_ALL, "
            "LC_MESSAGES, LANG (fr_FR.UTF-8 : français).",
        "lang": "Langue des messages, de l'aide et des erreurs (par défaut : celle du classeur, sinon LANG).",
    },
    "lite": {
        "": "Écrit DOSSIER/main.py et requirements.txt pour xlwings Lite (Mac, web, Windows).\n\n"
            "Le fichier contient les mêmes fonctions PAC_* que pacxl.udfs, générées depuis le paquet. "
            "Collez main.py dans l'éditeur de xlwings Lite, requirements.txt dans son onglet requirements.\n\n"
            "Exemple : pacxl lite pac_lite",
        "force": "Remplace main.py/requirements.txt s'ils diffèrent.",
    },
    "check": {
        "": "Contrôle un plan rempli : constats (erreur, avertissement, info) avec leur cellule et la "
            "façon de les corriger.\n\nCode de sortie 0 sans erreur, 1 avec une erreur ou plus.\n\n"
            "Exemple : pacxl check pac_2026.xlsx --today 2026-10-15",
        "as_json": "Écrit les constats en JSON (schéma pacxl.check/1).",
        "today": "Date d'arrêté pour les actions en retard (par défaut : celle du plan, la fin du mois de suivi).",
    },
    "report": {
        "": "Où en est le plan à un mois : indicateurs, rattrapage, trimestres, budget, actions, entonnoir, "
            "pipeline, ABC.\n\n"
            "Exemple : pacxl report pac_2026.xlsx --month 10 --quarter 3 --html octobre.html",
        "month": "Mois du plan 1-12 (par défaut : le mois de suivi du classeur, onglet Paramètres).",
        "as_json": "Écrit les chiffres en JSON (schéma pacxl.report/1).",
        "html_path": "Écrit aussi une page HTML autonome.",
        "quarter": "Trimestre du plan 1-4 à afficher (par défaut : celui du mois) ; --json donne les quatre.",
    },
    "consolidate": {
        "": "Regroupe les plans individuels (un par commercial) dans un classeur d'équipe.\n\n"
            "Les fichiers qui ne sont pas des classeurs pacxl, ou endommagés, sont signalés et ignorés. "
            "Des plans en devises différentes sont refusés ; des plans d'années ou de premiers mois "
            "différents aussi, sauf si --year/--first-month disent lequel le plan d'équipe suit. Les notes "
            "suivent le résumé.\n\nExemple : pacxl consolidate alice.xlsx bob.xlsx -o equipe.xlsx",
        "output": "Classeur d'équipe à écrire.",
        "force": "Remplace le fichier de sortie.",
        "lang": "Langue du classeur d'équipe (par défaut : celle du premier plan) ; aussi celle des messages.",
        "year": "Année du plan d'équipe quand les plans diffèrent (les autres sont alignés).",
        "first_month": "Premier mois du plan d'équipe quand les plans diffèrent (les autres sont alignés).",
        "against": "Plan d'équipe avec lequel rapprocher les plans : un onglet Rapprochement (plans contre allocations).",
        "jobs": "Processus qui lisent les plans (par défaut : tous les cœurs à partir de 8 plans) ; même classeur "
                "quel que soit N.",
    },
    "import": {
        "": "Importe le budget, les réalisés ou la liste des clients de la comptabilité, ou les affaires du CRM "
            "(pipeline), dans un classeur rempli.\n\n"
            "Tout ou rien : le fichier est lu et vérifié avant de toucher au classeur, enregistré de façon "
            "atomique avec une sauvegarde à côté. Les fichiers CSV (; , tabulation |, UTF-8 ou Windows-1252), "
            "XLSX, XLSM, XLS et ODS sont lus avec les conventions françaises (1 234,56 ; jj/mm/aaaa ; janv.).\n\n"
            'Exemple : pacxl import budget pac_2027.xlsx budget_2027.csv --map "Poste=label"',
        "sheet": "Feuille à lire d'un FICHIER tableur (par défaut : la première visible avec des données).",
        "mapping": "Dit quel champ contient une colonne (répétable) : un en-tête ou #N (N-ième colonne, "
                   "1 = la première) ; le champ 'ignore' écarte une colonne.",
        "dry_run": "Lit et vérifie le fichier, affiche le résumé, n'écrit rien.",
        "force": "Écrit même si le classeur est ouvert ou contient des éléments qu'openpyxl perd.",
        "no_backup": "Ne garde pas de copie du classeur tel qu'il était.",
        "append": "Ajoute aux lignes (ou chiffres) du classeur au lieu de les remplacer.",
        "rates": "pipeline : le taux d'une devise autre que celle du plan (répétable) ; ses montants x taux.",
    },
    "new": {
        "": "Écrit un classeur PAC vierge, prêt à remplir (ou le plan d'un fichier YAML/JSON, ou le plan "
            "de l'année suivante repris du classeur de l'année passée avec --from-previous).\n\n"
            'Exemple : pacxl new pac.xlsx --company "Aéraulis" --owners "Anne,Bruno" --year 2027',
        "lang": "Langue du classeur (par défaut fr) ; aussi celle des messages.",
        "year": "Année du plan (par défaut : l'année prochaine à partir d'octobre).",
        "company": "Nom de l'entreprise.",
        "currency": "Code de la devise (par défaut EUR).",
        "owners": "Responsables des actions, séparés par des virgules.",
        "udfs": "Ajoute la feuille des UDF xlwings (les fonctions PAC_* à côté des formules).",
        "from_file": "Plan à écrire, depuis un fichier YAML ou JSON.",
        "seasonality": "12 poids mensuels en %, du premier mois, totalisant 100 (';' entre eux permet les "
                       "virgules décimales : \"6,5;7;...\"). Par défaut : le chiffre d'affaires mensuel de "
                       "l'année passée, sinon uniforme.",
        "previous": "Part du classeur de l'année passée : revue à partir de ses réalisés, clients, segments "
                    "et saisonnalité.",
        "team": "Commerciaux, séparés par des virgules : un plan d'équipe avec la feuille Équipe remplie "
                "(parts égales).",
        "force": "Remplace CHEMIN s'il existe.",
    },
    "split": {
        "": "Écrit un plan par commercial depuis un plan d'équipe (feuille Équipe) : son objectif de CA "
            "par segment et par mois, son entonnoir, ses prévus KPI, ses objectifs, actions et budget.\n\n"
            "Exemple : pacxl split equipe.xlsx -o plans/",
        "folder": "Dossier des plans individuels (un NOM.xlsx par commercial).",
        "force": "Remplace les plans individuels qui existent.",
        "lang": "Langue des plans individuels (par défaut : celle du plan d'équipe).",
    },
    "demo": {
        "": "Écrit le PAC d'une PME fictive, entièrement rempli, pour voir le classeur à l'œuvre.\n\n"
            "Exemple : pacxl demo demo.xlsx --lang en",
        "lang": "Langue du classeur ; aussi celle des messages.",
        "udfs": "Ajoute la feuille des UDF xlwings (les fonctions PAC_* à côté des formules).",
        "force": "Remplace CHEMIN s'il existe.",
    },
    "freeze": {
        "": "Enregistre le plan approuvé comme référence : cibles des objectifs, prévus mensuels des KPI et "
            "lignes de budget, avec la date du jour, dans la feuille masquée Référence.\n\n"
            "Les feuilles KPI et Budget, check et report comparent ensuite le plan à cette référence.\n\n"
            "Exemple : pacxl freeze pac_2027.xlsx",
        "replace": "Enregistre le plan actuel comme nouvelle référence d'un plan déjà gelé.",
        "force": "Écrit même si le classeur contient des éléments qu'openpyxl perd.",
        "no_backup": "Ne garde pas de copie du classeur tel qu'il était.",
    },
    "revise": {
        "": "Change la cible d'un objectif, ou un mois du prévu d'un KPI ou d'une ligne de budget, et "
            "enregistre la révision (date, ancienne et nouvelle valeur, motif, auteur) dans l'onglet "
            "Révisions.\n\nLe plan doit avoir été gelé (pacxl freeze).\n\n"
            'Exemple : pacxl revise pac_2027.xlsx OBJ-01 --target 4400000 --reason "Appel d\'offres gagné en mai"',
        "target": "Le nouveau chiffre (par ex. 125000 ou 12,5).",
        "month": "Mois du plan 1-12 du prévu d'un KPI ou d'une ligne de budget.",
        "reason": "Pourquoi le plan change (écrit dans l'onglet Révisions).",
        "force": "Écrit même si le classeur contient des éléments qu'openpyxl perd.",
        "no_backup": "Ne garde pas de copie du classeur tel qu'il était.",
    },
    "templates": {
        "": "Régénère les modèles livrés (pac_fr.xlsx, pac_en.xlsx, pac_demo_fr.xlsx, pac_demo_en.xlsx) "
            "dans DOSSIER.\n\n"
            "Exemple : pacxl templates workbook_templates",
    },
}

#: ``--lang`` of the commands where it is the CLI's language.
LANG_HELP = {"en": "Language of the messages, help and errors (default: the workbook's, else LANG).",
             "fr": HELP_FR[""]["lang"]}


#: Options every command has.
_COMMON_FR = {"lang": LANG_HELP["fr"], "help": CLICK_FR["Show this message and exit."],
              "_click_default_help": CLICK_FR["Show this message and exit."],
              "version": CLICK_FR["Show the version and exit."]}


@contextlib.contextmanager
def helps_in(lang: str, commands: dict[str, Any]) -> Iterator[None]:
    """Give ``commands`` ({name: click command}, "" for the group) their ``lang`` help texts for the
    length of a block (the English ones are the decorators' and docstrings')."""
    saved: list[tuple[Any, str, Any]] = []
    if lang == "fr":
        for name, cmd in commands.items():
            table = HELP_FR.get(name, {})
            if "" in table:
                saved.append((cmd, "help", cmd.help))
                cmd.help = table[""]
                if getattr(cmd, "short_help", None) is None:
                    first = table[""].split("\n\n", 1)[0]
                    saved.append((cmd, "short_help", None))
                    cmd.short_help = first
            # (click keeps the --help option it made the first time: it is given its French too)
            for param in [*cmd.params, *([cmd._help_option] if getattr(cmd, "_help_option", None) else [])]:
                french = table.get(param.name) or _COMMON_FR.get(param.name)
                if getattr(param, "help", None) and french:
                    saved.append((param, "help", param.help))
                    param.help = french
    try:
        yield
    finally:
        for obj, attr, value in reversed(saved):
            setattr(obj, attr, value)
