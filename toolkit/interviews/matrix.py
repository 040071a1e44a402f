"""Framework / analysis matrices ("analyseskjema"): one row per case, one column per
category.

Cells hold either a category value (complexity "lav / middels / høy", prognosis
"klar / uklar") or a summary text. Columns with few short distinct values become case
attributes (and attributes of the case's document); text columns become coded cells: each
case is a document whose text is its text cells ("Kategori: tekst" paragraphs), and each
non-empty text cell a segment coded with the column's name.

Examples
--------
>>> import pandas as pd, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "analyseskjema.xlsx"
>>> pd.DataFrame({"Sak": ["S1", "S2", "S3"], "Kompleksitet": ["høy", "lav", "høy"],
...               "Oppfølging": ["Tett oppfølging med jevnlige samtaler over flere måneder.",
...                              "", "Kort kontakt per telefon, deretter avsluttet sak."]}
...              ).to_excel(path, index=False)
>>> corpus = read_framework_matrix(path)
>>> corpus.cases[["name", "Kompleksitet"]].values.tolist()
[['S1', 'høy'], ['S2', 'lav'], ['S3', 'høy']]
>>> corpus.segments["path"].tolist()
['Oppfølging', 'Oppfølging']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.errors import ExportFormatError
from toolkit.interviews.attributes import finish
from toolkit.interviews.build import CorpusBuilder
from toolkit.interviews.corpus import Corpus
from toolkit.rawfiles.tables import read_table


def read_framework_matrix(
    path: str | Path,
    *,
    case_column: str | None = None,
    categories: list[str] | None = None,
    max_levels: int = 8,
    max_length: int = 40,
    **options,
) -> Corpus:
    """Read a case × category matrix (CSV/XLSX) into a :class:`Corpus`.

    ``categories`` forces columns to be attributes; otherwise a column is an attribute
    when it has at most ``max_levels`` distinct values of at most ``max_length`` characters.

    Parameters
    ----------
    path
        A CSV or XLSX matrix, one row per case.
    case_column
        The column naming the case (default: the first).
    categories
        Columns to take as attributes.
    max_levels, max_length
        When a column is taken as an attribute.
    **options
        As for :func:`read_corpus`.

    Returns
    -------
    Corpus
        One document per case, one segment per filled cell.

    Examples
    --------
    See the module's example.
    """
    path = Path(path)
    source_table = read_table(path, reader="read_framework_matrix", role="framework matrix")
    table = source_table.frame
    case_column = case_column or table.columns[0]
    if case_column not in table.columns:
        raise ExportFormatError(
            f"no case column {case_column!r}",
            file=path,
            found=", ".join(map(str, table.columns)),
            hint="pass case_column= with the column naming the cases",
        )
    duplicated = table[case_column][table[case_column].duplicated()].tolist()
    if duplicated:
        raise ExportFormatError(
            "cases occur more than once in the matrix",
            file=path,
            where=f"column {case_column!r}",
            found=", ".join(duplicated[:5]),
            hint="one row per case (informant or case file)",
        )
    rest = [c for c in table.columns if c != case_column]
    if categories is None:
        categories = [
            c
            for c in rest
            if table[c].replace("", pd.NA).dropna().nunique() <= max_levels
            and table[c].str.len().max() <= max_length
        ]
    builder = CorpusBuilder({"path": str(path), "format": "framework-matrix"})
    source_table.report(builder.problems)
    for row in table.to_dict("records"):
        name = str(row[case_column]).strip()
        attributes = {c: (row[c] or None) for c in categories}
        text, spans = "", []
        for column in (c for c in rest if c not in categories):
            cell = str(row[column]).strip()
            if not cell:
                continue
            if text:
                text += "\n"
            label = f"{column}: "
            spans.append((column, len(text) + len(label), len(text) + len(label) + len(cell)))
            text += label + cell
        doc = builder.add_document(name, text, attributes)
        builder.add_case(f"case-{name}", name, attributes, [doc])
        for column, start, end in spans:
            builder.add_segment(
                doc,
                builder.code_for_path(column.replace("/", "-")),
                start,
                end,
                where=f"case {name!r}, column {column!r}",
            )
    return finish(builder, path, **options)
