"""Build an export's tables question by question, as SurveyXact lays them out: dataset
columns of raw codes, structure rows and labels. One builder for the example data
(``scripts/``), the test fixtures and the benchmarks, so a grid, a multi-response set or
the agreement scale is written one way everywhere.

Examples
--------
>>> import numpy as np
>>> b = ExportBuilder()
>>> b.single("q_1", "Er du fornøyd?", ["Ja", "Nei"], np.array([1.0, 2.0, np.nan]))
>>> b.multiple("m", "Hvilke tiltak?", ["Kurs", "Veiledning"], np.array([[1, 0], [1, 1], [0, 0]]))
>>> tables = b.tables()
>>> list(tables.dataset.columns), tables.structure["variableName"].tolist()
(['q_1', 'm_1', 'm_2'], ['q_1', 'm_1', 'm_2'])
>>> tables.labels.head(2).values.tolist()
[['q_1', 1, 'Ja'], ['q_1', 2, 'Nei']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.surveys.export import STRUCTURE_COLUMNS, RawExport, Source
from toolkit.surveys.synthetic import ExportTables, status_set

#: the five-point agreement scale of Norwegian evaluation surveys, in code order 1–5
AGREEMENT = ("Helt uenig", "Delvis uenig", "Verken enig eller uenig", "Delvis enig", "Helt enig")
#: the same without its neutral middle
AGREEMENT_4 = ("Helt uenig", "Delvis uenig", "Delvis enig", "Helt enig")
#: the answer that is not on the scale (code 6 after the five-point scale)
DONT_KNOW = "Vet ikke"
LABEL_COLUMNS = ["variable", "code", "label"]


class ExportBuilder:
    """An export's dataset columns, structure rows and labels, added question by question.

    Examples
    --------
    See the module's example.
    """

    def __init__(self) -> None:
        self.columns: dict[str, object] = {}
        self.structure: list[list] = []
        self.labels: list[tuple] = []

    def single(
        self, name, text, options, values, *, kind="Closed", codes=None, extra=None, question=None
    ) -> None:
        """One single-choice item.

        Parameters
        ----------
        name, text
            The variable and its question text (a grid item: "stem - item").
        options
            The labels, coded 1, 2, … (or ``codes``).
        values
            The raw codes, one per respondent (NaN for blank).
        kind
            "Closed", or "Background" for a variable from the distribution list.
        codes
            Codes of ``options`` when they are not 1, 2, ….
        extra
            More ``{code: label}`` after the options (``{6: "Vet ikke"}``).
        question
            The question the item belongs to (default: the variable itself).
        """
        codes = codes or range(1, len(options) + 1)
        self.columns[name] = values
        self.structure.append([question or name, name, kind, "Single", text, None, None])
        self.labels += [(name, c, label) for c, label in zip(codes, options, strict=True)]
        self.labels += [(name, c, label) for c, label in (extra or {}).items()]

    def multiple(self, question, text, options, chosen) -> None:
        """A multi-response set: ``question_1`` … one 0/1 column per option.

        Parameters
        ----------
        question, text
            The set's name and question text.
        options
            The option labels.
        chosen
            A respondents × options array, 1 (or True) where ticked, NaN for blank.
        """
        chosen = np.asarray(chosen, dtype=float)
        for j, option in enumerate(options, start=1):
            name = f"{question}_{j}"
            self.columns[name] = chosen[:, j - 1]
            self.structure.append([question, name, "Closed", "Multiple", text, j, option])
            self.labels += [(name, 0, "Ikke valgt"), (name, 1, "Valgt")]

    def open(self, name, text, values, *, subtype="String", question=None) -> None:
        """An open question: text (``subtype`` "String") or a number ("Double").

        Parameters
        ----------
        name, text
            The variable and its question text.
        values
            The answers (None or NaN for blank).
        subtype
            "String" or "Double".
        question
            The question it belongs to (default: the variable itself).
        """
        self.columns[name] = values
        self.structure.append([question or name, name, "Open", subtype, text, None, None])

    def status(self, status) -> dict[str, np.ndarray]:
        """SurveyXact's response-status set (``stato_1`` … ``stato_5``).

        Parameters
        ----------
        status
            One label of :data:`toolkit.surveys.synthetic.STATUS` per respondent.

        Returns
        -------
        dict
            The set's columns (also added to :attr:`columns`), for a dataset the caller
            has already made a frame of.
        """
        columns, rows, labels = status_set(status)
        self.columns |= columns
        self.structure += rows
        self.labels += labels
        return columns

    def tables(self, data: pd.DataFrame | None = None) -> ExportTables:
        """The export's tables.

        Parameters
        ----------
        data
            The dataset when the caller has changed :attr:`columns` as a frame (blanked
            answers, background columns in front); default: the columns as added.

        Returns
        -------
        ExportTables
            Dataset, structure and labels, for the ``write_*_export`` functions.
        """
        return ExportTables(
            dataset=pd.DataFrame(self.columns) if data is None else data,
            structure=pd.DataFrame(self.structure, columns=STRUCTURE_COLUMNS),
            labels=pd.DataFrame(self.labels, columns=LABEL_COLUMNS),
        )

    def raw(self, n_rows: int) -> RawExport:
        """The export as read, without a file (for :func:`~toolkit.surveys.assemble.build_survey`).

        Parameters
        ----------
        n_rows
            The number of respondents.

        Returns
        -------
        RawExport
            The raw export, from memory.
        """
        return RawExport(
            columns=self.columns,
            n_rows=n_rows,
            structure=pd.DataFrame(self.structure, columns=STRUCTURE_COLUMNS),
            labels=pd.DataFrame(self.labels, columns=LABEL_COLUMNS),
            source=Source(path="memory", format="memory"),
        )
