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
from typing import TYPE_CHECKING, ClassVar

from toolkit.present.tables import ReportTable
from toolkit.report.html import figure_html, section_html

if TYPE_CHECKING:
    from matplotlib.figure import Figure as MplFigure


def slug(text: str, fallback: str = "del") -> str:
    """A stable id from a title ("Tid og arbeidspress" → "tid-og-arbeidspress")."""
    cleaned = re.sub(r"[^\w]+", "-", str(text).lower(), flags=re.UNICODE).strip("-_")
    return cleaned[:60].rstrip("-") or fallback


@dataclass(frozen=True)
class Text:
    """A paragraph (``kind="paragraph"``), a note under a result (``"note"``) or a lead."""

    part: ClassVar[str] = "text"  # which part of a report (how the renderers tell them apart)
    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class Table:
    """A report table with its source line and the question it belongs to."""

    part: ClassVar[str] = "table"
    table: ReportTable
    source: str | None = None
    name: str = ""
    question: str | None = None


class Figure:
    """A figure with its title, alt text, notes and source, rendered once.

    ``figure`` is a matplotlib Figure, or a recipe: a function of no arguments that makes
    one (``functools.partial(likert_chart, summary)``). A recipe is made where it is
    rendered, so a build makes and renders its charts in worker processes and the main
    process never holds them (:func:`render_blocks`). Once rendered, a block keeps only
    its bytes, alt text and title: that is what it pickles to (the build cache).
    """

    part: ClassVar[str] = "figure"

    def __init__(
        self,
        figure,
        *,
        title: str | None = None,
        alt: str | None = None,
        name: str = "figur",
        notes: tuple[str, ...] = (),
        source: str | None = None,
    ) -> None:
        made = hasattr(figure, "savefig")  # a matplotlib Figure (matplotlib not imported here)
        if not (made or callable(figure)):
            raise TypeError(f"not a figure or a recipe for one: {type(figure).__name__}")
        self._figure = figure if made else None
        self._make = None if made else figure
        self._alt, self._title = alt, title
        self.name = slug(name, "figur")
        self.notes = tuple(notes)
        self.source = source

    @property
    def figure(self) -> MplFigure:
        """The matplotlib figure (made from the recipe on first use)."""
        if self._figure is None:
            if self._make is None:
                raise ValueError(f"figure {self.name!r} was kept as its rendered bytes only")
            self._figure = self._make()
        return self._figure

    def describe(self) -> tuple[str, str]:
        """``(alt, title)``: as given, else the chart's own."""
        if "_described" not in self.__dict__:
            from toolkit.present.figures import alt_text

            figure = self.figure
            alt = self._alt or alt_text(figure)
            self._described = (alt, self._title or getattr(figure, "toolkit_title", None) or alt)
            self.labels = list(getattr(figure, "toolkit_labels", []))
        return self._described

    @property
    def alt(self) -> str:
        return self.describe()[0]

    @property
    def title(self) -> str:
        return self.describe()[1]

    @cached_property
    def rendered(self) -> tuple[bytes, bytes]:
        """PNG (300 dpi) and SVG bytes, rendered once for every output (a build fills
        this in worker processes: :func:`render_blocks`)."""
        return _placed(self.figure)

    @property
    def png(self) -> bytes:
        return self.rendered[0]

    @property
    def svg(self) -> bytes:
        return self.rendered[1]

    def finished(self) -> Figure:
        """The block as bytes, alt text and title only (the figure and its recipe
        dropped: they hold the data and matplotlib's objects)."""
        self.describe(), self.rendered
        self._figure = self._make = None
        return self

    def __getstate__(self) -> dict:
        self.finished()
        return dict(self.__dict__)

    def _repr_html_(self) -> str:
        return figure_html(self, None, None)


_PENDING: list[Figure] = []  # the blocks a forked worker makes and renders, by index
_PNG = [True]  # whether the pending blocks need PNG (a forked worker reads it)


def _placed(figure, png: bool = True) -> tuple[bytes, bytes]:
    """PNG and SVG of a chart made as wide as the page's text: placed at its own size, its
    fonts keep their points."""
    from toolkit.present.figures import fit_page_width, render_pair

    fit_page_width(figure)
    return render_pair(figure, png=png)


def _make_and_render(index: int) -> tuple:
    block = _PENDING[index]
    described = block.describe()
    return described, block.labels, _placed(block.figure, _PNG[0])


def render_blocks(
    blocks: list[Figure], jobs: int | None = None, *, progress: bool = False, png: bool = True
):
    """Make and render every figure block not rendered yet, in ``jobs`` worker processes
    (default: one per core; see :func:`~toolkit.present.figures.render_many`); each block
    then holds its bytes, alt text and title, and no matplotlib figure.

    Parameters
    ----------
    blocks
        Figure blocks (made or recipes).
    jobs
        Worker processes; ``None`` for one per core.
    progress
        A progress bar per figure.
    png
        Render PNG as well as SVG (``False`` when only an HTML page shows them).

    Examples
    --------
    >>> from functools import partial
    >>> from toolkit.present.figures import new_figure
    >>> def chart(n):
    ...     figure, ax = new_figure(figsize=(2, 1), layout="constrained")
    ...     ax.barh([0], [n])
    ...     figure.toolkit_alt = f"{n} svar"
    ...     return figure
    >>> blocks = [Figure(partial(chart, n)) for n in (1, 2)]
    >>> render_blocks(blocks, jobs=2)
    >>> [b.alt for b in blocks], blocks[0].png[:4]
    (['1 svar', '2 svar'], b'\\x89PNG')
    """
    pending = [b for b in blocks if "rendered" not in b.__dict__]
    if not pending:  # all from the cache: matplotlib is not even imported
        return
    from toolkit.present.figures import map_forked

    _PENDING[:] = pending
    _PNG[0] = png
    try:
        done = map_forked(_make_and_render, len(pending), jobs, progress=progress)
    finally:
        _PENDING.clear()
        _PNG[0] = True
    for block, (described, labels, pair) in zip(pending, done, strict=True):
        block._described, block.labels, block.rendered = described, labels, pair
        block.finished()


@dataclass
class Section:
    """A titled part of a report: blocks (Text, Table, Figure or Section) in order."""

    part: ClassVar[str] = "section"
    title: str
    blocks: list = field(default_factory=list)
    key: str = ""
    level: int = 2
    language: str = "nb"
    #: the variable a breakdown section splits its chapter's questions by
    breakdown: str | None = None

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
        return section_html(self, numbers=None)
