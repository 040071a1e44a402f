"""Figures that behave: shown once in Jupyter, saved print-ready and byte-identical.

:func:`new_figure` is ``plt.subplots`` detached from pyplot's list of open figures, so a
report with many charts does not pile up open figures and pyplot is never imported. Its
figures are :class:`Chart` objects, which show themselves in Jupyter (``_repr_png_``): a
chart returned as a cell's last value is shown once, in a fresh kernel, with no
``%matplotlib``. :func:`render` gives the bytes of PNG (300 dpi) or SVG with text kept as
text (editable in a layout program), a fixed hash salt and no date or version stamps, so
the same chart gives the same bytes every build.

Examples
--------
>>> figure, ax = new_figure(figsize=(3, 2))
>>> _ = ax.plot([1, 2], [3, 4])
>>> render(figure, "svg") == render(figure, "svg"), render(figure, "png")[:4]
(True, b'\\x89PNG')
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from toolkit.present.reproducible import matplotlib_metadata

#: rc settings for reproducible, editable output
RC = {"svg.hashsalt": "toolkit", "svg.fonttype": "none", "pdf.fonttype": 42}


_FIGURE_KEYS = {"figsize", "dpi", "layout", "facecolor", "edgecolor", "linewidth"}
#: resolution of a chart shown in Jupyter (the saved PNG has 300 dpi)
SCREEN_DPI = 110


class Chart(Figure):
    """A matplotlib Figure that Jupyter shows as a picture (see module docstring)."""

    def _repr_png_(self) -> bytes:
        return render(self, "png", dpi=SCREEN_DPI)

    def __repr__(self) -> str:
        title = getattr(self, "toolkit_title", None) or alt_text(self)
        return f"<Chart: {title}>"


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs):
    """Like ``plt.subplots(nrows, ncols, **kwargs)``, but a :class:`Chart` pyplot does not
    know about (see module docstring).

    Parameters
    ----------
    nrows, ncols
        The grid of axes.
    **kwargs
        Figure keywords (``figsize``, ``dpi``, ``layout``, …) and ``subplots`` keywords.

    Returns
    -------
    tuple
        ``(figure, axes)``.

    Examples
    --------
    >>> figure, ax = new_figure(figsize=(3, 2))
    >>> figure._repr_png_()[:4]  # what Jupyter shows
    b'\\x89PNG'
    """
    figure = Chart(**{k: v for k, v in kwargs.items() if k in _FIGURE_KEYS})
    FigureCanvasAgg(figure)
    axes = figure.subplots(
        nrows, ncols, **{k: v for k, v in kwargs.items() if k not in _FIGURE_KEYS}
    )
    return figure, axes


_SVG_ID = re.compile(rb'id="([a-z])([0-9a-f]{10})"')


def _renumber_svg(data: bytes) -> bytes:
    """Matplotlib names clip paths and markers by a hash of their coordinates, whose last
    float digits can vary between runs (constrained layout sums in a varying order): give
    them sequential names in order of appearance instead."""
    names: dict[bytes, bytes] = {}
    for match in _SVG_ID.finditer(data):
        key = match.group(1) + match.group(2)
        names.setdefault(key, match.group(1) + str(len(names) + 1).encode())
    for old, new in names.items():
        data = data.replace(b'id="' + old + b'"', b'id="' + new + b'"')
        data = data.replace(b"#" + old + b")", b"#" + new + b")")
        data = data.replace(b"#" + old + b'"', b"#" + new + b'"')
    return data


def render(figure: Figure, kind: str = "png", *, dpi: int = 300, tight: bool = True) -> bytes:
    """The figure as ``png`` or ``svg`` bytes (see module docstring); ``tight`` trims the
    blank margin (one extra drawing pass)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):
        figure.savefig(
            buffer,
            format=kind,
            dpi=dpi,
            bbox_inches="tight" if tight else None,
            metadata=matplotlib_metadata(kind),
        )
    data = buffer.getvalue()
    return _renumber_svg(data) if kind == "svg" else data


#: the width a report places a figure at: A4's text width with 2,5 cm margins (inches)
PAGE_WIDTH = 16 / 2.54


def wrap_title(text: str, width: float = PAGE_WIDTH, size: float = 10) -> str:
    """``text`` in lines that fit a figure ``width`` inches wide at ``size`` points (a
    character is about 0,6 em wide in DejaVu Sans).

    Parameters
    ----------
    text : str
        The title.
    width : float
        The figure's width in inches.
    size : float
        The font size in points.

    Examples
    --------
    >>> len(wrap_title("ord " * 40).splitlines()[0]) <= 6.3 * 72 / 6
    True
    """
    import textwrap

    return textwrap.fill(str(text), max(8, int(width * 72 / (size * 0.6))))


def legend_columns(labels, width: float = PAGE_WIDTH, size: float = 8, most: int = 6) -> int:
    """How many legend entries fit side by side in a figure ``width`` inches wide at
    ``size`` points (each entry its label and a marker of about four characters), at most
    ``most``: long group names get fewer columns, never a legend cut at the figure's edge.

    Parameters
    ----------
    labels : list of str
        The legend's labels.
    width : float
        The figure's width in inches.
    size : float
        The legend's font size.
    most : int
        The most columns.

    Examples
    --------
    >>> legend_columns(["Jente", "Gutt"]), legend_columns(["Høyskole eller universitet i 5 år"] * 6)
    (2, 2)
    """
    room = width * 72 / (size * 0.6)  # characters across the figure
    longest = max((len(str(label)) for label in labels), default=1) + 6
    return max(1, min(most, len(labels), int(room // longest)))


def fit_page_width(figure: Figure, width: float = PAGE_WIDTH) -> None:
    """Make a figure wider than the page's text exactly that wide (its height in
    proportion), so that it is placed at its own size and its text keeps the points it was
    set in: 8 pt labels stay 8 pt on the page, not 5,6 pt when a 9-inch chart is shrunk to
    fit (constrained layout lays the figure out again at the new size).

    Parameters
    ----------
    figure : Figure
        The chart.
    width : float
        The page's text width in inches.

    Examples
    --------
    >>> figure, ax = new_figure(figsize=(9, 6))
    >>> fit_page_width(figure)
    >>> [round(float(v), 2) for v in figure.get_size_inches()]
    [6.3, 4.2]
    """
    wide, high = figure.get_size_inches()
    if wide > width + 1e-6:
        figure.set_size_inches(width, high * width / wide)


def render_pair(figure: Figure, dpi: int = 300, *, png: bool = True) -> tuple[bytes, bytes]:
    """PNG (``dpi``) and SVG bytes of ``figure`` (no PNG, ``b""``, with ``png=False``: a
    page that shows only SVG).

    A figure with constrained layout (every chart of the toolkit) is laid out once and
    drawn once per format: constrained layout already leaves no blank margin, so the
    "tight" pass and a second layout would only repeat the text measuring that is most of
    a chart's time. Other figures are trimmed as :func:`render` does.
    """
    engine = figure.get_layout_engine()
    if not isinstance(engine, ConstrainedLayoutEngine):
        return render(figure, "png", dpi=dpi) if png else b"", render(figure, "svg")
    with matplotlib.rc_context(RC):
        engine.execute(figure)
    figure.set_layout_engine("none")
    try:
        return _png(figure, dpi) if png else b"", render(figure, "svg", tight=False)
    finally:
        figure.set_layout_engine(engine)


def _png(figure: Figure, dpi: int) -> bytes:
    """PNG bytes drawn at ``dpi``: RGB when the background is opaque (a quarter less to
    compress than matplotlib's RGBA), zlib level 3 (a third faster than the default for
    a fifth more bytes), with the resolution recorded for Word."""
    from PIL import Image

    original, shown_on = figure.dpi, figure.canvas
    figure.dpi = dpi
    try:
        with matplotlib.rc_context(RC):
            canvas = FigureCanvasAgg(figure)
            canvas.draw()
            size = canvas.get_width_height()
            image = Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
            opaque = image.getchannel("A").getextrema() == (255, 255)
            image = image.convert("RGB") if opaque else image.copy()
    finally:
        figure.dpi = original
        figure.set_canvas(shown_on)
    buffer = io.BytesIO()
    image.save(buffer, format="png", dpi=(dpi, dpi), compress_level=3)
    return buffer.getvalue()


_PENDING: list[Figure] = []  # the figures a forked worker renders, by index


def _render_index(index: int) -> tuple[bytes, bytes]:
    return render_pair(_PENDING[index])


def map_forked(
    function, count: int, jobs: int | None = None, *, progress: bool = False, desc: str = "charts"
) -> list:
    """``[function(i) for i in range(count)]`` in ``jobs`` forked worker processes (default:
    one per core), in order, with a progress bar per item (``desc``). Workers are forked,
    so ``function`` reaches what the caller prepared without pickling it; where fork is not
    available, or with one job, it runs here."""
    import multiprocessing
    import os

    from toolkit.progress import progress_bar

    def shown(results):
        unit = "figure" if desc == "charts" else "item"
        return list(progress_bar(results, desc=desc, unit=unit, show=progress, total=count))

    jobs = min(jobs or os.cpu_count() or 1, count)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return shown(function(i) for i in range(count))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return shown(pool.imap(function, range(count)))


def render_many(
    figures: list[Figure], jobs: int | None = None, *, progress: bool = False
) -> list[tuple[bytes, bytes]]:
    """:func:`render_pair` of every figure, in ``jobs`` worker processes (default: one per
    core). Workers are forked, so they share the figures without copying them; the bytes
    are the same whatever the number of workers. Where fork is not available, or with
    ``jobs=1``, the figures are rendered here, one after the other.

    Parameters
    ----------
    figures
        Matplotlib figures.
    jobs
        Worker processes; ``None`` for one per core.
    progress
        A progress bar per figure.

    Returns
    -------
    list
        ``(png, svg)`` per figure, in order.

    Examples
    --------
    >>> figure, ax = new_figure(figsize=(3, 2))
    >>> _ = ax.barh([0, 1], [3, 4])
    >>> render_many([figure, figure], jobs=2) == render_many([figure, figure], jobs=1)
    True
    """
    _PENDING[:] = figures
    try:
        return map_forked(_render_index, len(figures), jobs, progress=progress)
    finally:
        _PENDING.clear()


def save_figure(figure: Figure, path: str | Path, *, dpi: int = 300) -> list[Path]:
    """Save as PNG (``dpi``) and SVG next to each other; returns both paths.

    Parameters
    ----------
    figure
        A matplotlib figure.
    path
        Where to save (the suffix is replaced).
    dpi
        The PNG's resolution.

    Returns
    -------
    list of Path
        The PNG and the SVG.

    Examples
    --------
    See the module's example.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = []
    for suffix, data in zip((".png", ".svg"), render_pair(figure, dpi=dpi), strict=True):
        target = path.with_suffix(suffix)
        target.write_bytes(data)
        out.append(target)
    return out


def label_list(figure: Figure) -> list[dict]:
    """The numbers a chart writes on its bars, as the chart adds them: one dict per label
    with ``item``, ``group``, ``category`` and ``value`` (as shown). A report registers
    them as claims, so its audit compares each with the tables' cells.

    Parameters
    ----------
    figure : Figure
        The chart's figure.

    Examples
    --------
    >>> figure, ax = new_figure()
    >>> label_list(figure).append({"item": "Tid", "group": None, "category": "Ja", "value": 46.0})
    >>> len(label_list(figure))
    1
    """
    if not hasattr(figure, "toolkit_labels"):
        figure.toolkit_labels = []
    return figure.toolkit_labels


def alt_text(figure: Figure) -> str:
    """The figure's alt text (set by the chart functions), else its title."""
    alt = getattr(figure, "toolkit_alt", None)
    if alt:
        return alt
    titles = [figure._suptitle.get_text()] if figure._suptitle else []
    titles += [ax.get_title(loc="left") or ax.get_title() for ax in figure.axes]
    return next((t for t in titles if t), "Figur")
