"""Sentences of the reconciliation and capacity (issue 15): check findings, CLI notes and
refusals, report labels. Merged into :mod:`pacxl.messages`' catalogues by one import there."""

from __future__ import annotations

CHECK: dict = {}
TEXTS: dict = {}

CHECK.update({
    "reconciliation-gap": {
        "en": ("{salesperson}, segment {segment}: their plan ({plan}) differs from their allocation "
               "({allocation}) by {gap} ({pct}).",
               "Agree the target with {salesperson}: change their plan, or the allocation on the Team "
               "sheet, then consolidate again with --against."),
        "fr": ("{salesperson}, segment {segment} : son plan ({plan}) s'écarte de son allocation "
               "({allocation}) de {gap} ({pct}).",
               "Mettez-vous d'accord avec {salesperson} : changez son plan, ou l'allocation de l'onglet "
               "Équipe, puis consolidez à nouveau avec --against."),
    },
    "team-overload": {
        "en": ("{salesperson} needs {need} meetings a working week for their share of the funnel and "
               "the customer coverage, and can hold {capacity}: load {load}.",
               "Lower their share of the target (Team sheet), share their meetings with a colleague, or "
               "raise the meetings they can hold."),
        "fr": ("{salesperson} a besoin de {need} rendez-vous par semaine ouvrée pour sa part de "
               "l'entonnoir et de la couverture clients, et peut en tenir {capacity} : charge {load}.",
               "Baissez sa part de l'objectif (onglet Équipe), répartissez ses rendez-vous avec un "
               "collègue, ou augmentez le nombre de rendez-vous qu'il peut tenir."),
    },
})

TEXTS.update({
    "reconcile.unsplit": {"en": "(not split by segment)", "fr": "(non réparti par segment)"},
    "reconcile.no_team": {
        "en": "{path}: no team to reconcile with: its Team sheet lists no allocation (tblAllocation)",
        "fr": "{path} : pas d'équipe avec qui rapprocher : son onglet Équipe ne liste aucune allocation (tblAllocation)"},
    "reconcile.unknown": {
        "en": "{file}: the plan of {name!r} matches no salesperson of the team ({team}); give the plan a "
              "single owner (Settings) or a file name that is one of these names",
        "fr": "{file} : le plan de {name!r} ne correspond à aucun commercial de l'équipe ({team}) ; donnez au "
              "plan un seul responsable (Paramètres) ou un nom de fichier qui soit l'un de ces noms"},
    "reconcile.ambiguous": {
        "en": "{file}: the plan names two salespeople of the team ({names}): its only owner says one, its "
              "file name another; make them agree",
        "fr": "{file} : le plan désigne deux commerciaux de l'équipe ({names}) : son seul responsable en "
              "dit un, son nom de fichier un autre ; accordez-les"},
    "reconcile.twice": {
        "en": "{name} has two plans ({files}): give one plan per salesperson",
        "fr": "{name} a deux plans ({files}) : donnez un seul plan par commercial"},
    "reconcile.missing": {
        "en": "no plan for {names}: their allocation is shown with nothing planned",
        "fr": "pas de plan pour {names} : leur allocation figure sans rien de prévu"},
    "reconcile.against_is_input": {
        "en": "{path}: the team plan given to --against is also a plan to consolidate",
        "fr": "{path} : le plan d'équipe donné à --against est aussi un plan à consolider"},
    "reconcile.rates_from_team": {
        "en": "funnel stages and rates from the team plan {path} (the reference the plans are reconciled with)",
        "fr": "étapes et taux de l'entonnoir repris du plan d'équipe {path} (la référence du rapprochement)"},
    "reconcile.summary": {
        "en": "reconciled with {path}: {n} {n:gap|gaps} between plans and allocations",
        "fr": "rapproché de {path} : {n} {n:écart|écarts} entre plans et allocations"},
})

TEXTS.update({f"report.rc.{k}": {"fr": fr, "en": en} for k, (fr, en) in {
    "section": ("Rapprochement des plans individuels et de l'allocation",
                "Individual plans reconciled with the allocation"),
    "mix": ("Mix des segments : plans contre objectifs de l'équipe", "Segment mix: plans against the team's targets"),
    "rates": ("Taux de conversion observés par commercial et taux de l'équipe",
              "Observed conversion rates per salesperson and the team's rates"),
    "capacity_section": ("Charge de l'équipe (rendez-vous par semaine ouvrée)",
                         "Team load (meetings per working week)"),
    "salesperson": ("Commercial", "Salesperson"), "segment": ("Segment", "Segment"),
    "plan": ("Plan", "Plan"), "allocation": ("Allocation", "Allocation"), "gap": ("Écart", "Gap"),
    "gap_pct": ("Écart %", "Gap %"), "plan_share": ("Part des plans", "Plans' share"),
    "team_share": ("Part de l'équipe", "Team's share"), "mix_gap": ("Écart", "Difference"),
    "stage": ("Étape", "Stage"), "observed": ("Observé", "Observed"), "assumed": ("Équipe", "Team"),
    "difference": ("Écart", "Difference"), "capacity": ("Peut tenir", "Can hold"),
    "need": ("Nécessaires", "Needed"), "load": ("Charge", "Load"),
}.items()})
