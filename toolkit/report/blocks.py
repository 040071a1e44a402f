"""The pieces a report is made of: sections holding text, tables and figures.

A :class:`Section` is what every function in :mod:`toolkit.report.sections` returns; it
shows itself in Jupyter (``_repr_html_``) and is rendered to HTML, Word and Excel by the
report builder, which numbers the tables and figures ("Tabell 3", "Figur 2") in order.
A figure's PNG and SVG bytes are rendered once and shared by every output.

Examples
--------
>>> from toolkit.present.tables import ReportTable
>>> import pandas as pd
>>> table = ReportTable("Svar", pd.DataFrame({"N": ["3"]}, index=["Ja"]),
...                     pd.DataFrame({"N": [3]}, index=["Ja"]), {"N": "count"})
>>> section = Section("Om undersøkelsen", [Text("Tre svar."), Table(table, source="x.xlsx")])
>>> [type(b).__name__ for b in section.blocks], len(list(section.tables()))
(['Text', 'Table'], 1)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from matplotlib.figure import Figure as MplFigure

from toolkit.present.figures import alt_text, render_pair
from toolkit.present.tables import ReportTable


def slug(text: str, fallback: str = "del") -> str:
    """A stable id from a title ("Tid og arbeidspress" → "tid-og-arbeidspress")."""
    cleaned = re.sub(r"[^\w]+", "-", str(text).lower(), flags=re.UNICODE).strip("-_")
    return cleaned[:60].rstrip("-") or fallback


@dataclass(frozen=True)
class Text:
    """A paragraph (``kind="paragraph"``), a note under a result (``"note"``) or a lead."""

    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class Table:
    """A report table with its source line and the question it belongs to."""

    table: ReportTable
    source: str | None = None
    name: str = ""
    question: str | None = None


class Figure:
    """A matplotlib figure with its title, alt text, notes and source, rendered once."""

    def __init__(
        self,
        figure: MplFigure,
        *,
        title: str | None = None,
        alt: str | None = None,
        name: str = "figur",
        notes: tuple[str, ...] = (),
        source: str | None = None,
    ) -> None:
        self.figure = figure
        self.alt = alt or alt_text(figure)
        self.title = title or getattr(figure, "toolkit_title", None) or self.alt
        self.name = slug(name, "figur")
        self.notes = tuple(notes)
        self.source = source

    @cached_property
    def rendered(self) -> tuple[bytes, bytes]:
        """PNG (300 dpi) and SVG bytes, rendered once for every output (a build fills
        this in worker processes: :func:`~toolkit.present.figures.render_many`)."""
        return render_pair(self.figure)

    @property
    def png(self) -> bytes:
        return self.rendered[0]

    @property
    def svg(self) -> bytes:
        return self.rendered[1]

    def _repr_html_(self) -> str:
        from toolkit.report.html import figure_html

        return figure_html(self, None, None)


@dataclass
class Section:
    """A titled part of a report: blocks (Text, Table, Figure or Section) in order."""

    title: str
    blocks: list = field(default_factory=list)
    key: str = ""
    level: int = 2
    language: str = "nb"

    def __post_init__(self) -> None:
        self.key = self.key or slug(self.title)
        for block in self.blocks:  # fail where a wrong block is made, not when rendered
            if not isinstance(block, Text | Table | Figure | Section):
                raise TypeError(f"not a report block in {self.title!r}: {type(block).__name__}")

    def add(self, *blocks) -> Section:
        self.blocks.extend(b for b in blocks if b is not None)
        return self

    def walk(self):
        """Every block, depth first (sub-sections' blocks included)."""
        for block in self.blocks:
            yield block
            if isinstance(block, Section):
                yield from block.walk()

    def tables(self):
        return (b for b in self.walk() if isinstance(b, Table))

    def figures(self):
        return (b for b in self.walk() if isinstance(b, Figure))

    def _repr_html_(self) -> str:
        from toolkit.report.html import section_html

        return section_html(self, numbers=None)


__all__ = ["Figure", "Section", "Table", "Text", "slug"]
