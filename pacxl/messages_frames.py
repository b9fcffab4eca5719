"""The sentences of the pandas face (:mod:`pacxl.dataframes`, :mod:`pacxl.io.frame`), merged
into :data:`pacxl.messages.TEXTS` by one line there."""

from __future__ import annotations

TEXTS_FRAMES: dict[str, dict[str, str]] = {
    "frames.not_number": {
        "en": '{path}: {cell} ({table}, column "{header}"): "{value}" is not a number; correct the cell or empty it',
        "fr": "{path} : {cell} ({table}, colonne « {header} ») : « {value} » n'est pas un nombre ; corrigez la "
              "cellule ou videz-la"},
    "frames.not_date": {
        "en": '{path}: {cell} ({table}, column "{header}"): "{value}" is not a date; correct the cell or empty it',
        "fr": "{path} : {cell} ({table}, colonne « {header} ») : « {value} » n'est pas une date ; corrigez la "
              "cellule ou videz-la"},
    # where a DataFrame's row is, in an import's messages: its index label
    "io.where_index": {"en": "index {n}", "fr": "index {n}"},
    "io.index_labels": {"en": "index {shown}", "fr": "index {shown}"},
}
