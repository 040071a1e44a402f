"""Quote bank export: quotes grouped by theme, to Markdown and Word (.docx).

The quotes come from :func:`toolkit.themes.quotes.quotes` (already redacted and attributed
by role); document and offsets go into the Markdown as an audit comment, not into the text.

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.interviews import read_corpus
>>> from toolkit.data import example_project
>>> from toolkit.themes.quotes import quotes
>>> corpus = read_corpus(example_project("qdpx"))
>>> bank = pd.concat([quotes(corpus, c, per_group=2) for c in ["Tid", "Samarbeid"]])
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> to_markdown(bank, folder / "sitater.md").read_text().splitlines()[0]
'# Sitatbank'
>>> to_docx(bank, folder / "sitater.docx").stat().st_size > 1000
True
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd

from toolkit.interviews.synthetic import docx_package


def to_markdown(bank: pd.DataFrame, path: str | Path, *, title: str = "Sitatbank") -> Path:
    lines = [f"# {title}", ""]
    for theme, part in bank.groupby("path", sort=False):
        lines += [f"## {theme}", ""]
        for row in part.itertuples(index=False):
            lines += [
                f"{row.attribution}",
                "",
                f"> {row.quote}",
                "",
                f"<!-- {row.document} {row.start}–{row.end} -->",
                "",
            ]
    path = Path(path)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _paragraph(text: str, style: str | None = None, italic: bool = False) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run = "<w:rPr><w:i/></w:rPr>" if italic else ""
    return f'<w:p>{props}<w:r>{run}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def to_docx(bank: pd.DataFrame, path: str | Path, *, title: str = "Sitatbank") -> Path:
    """A Word document: a heading per theme, each quote in italics after its attribution."""
    body = [_paragraph(title, "Title")]
    for theme, part in bank.groupby("path", sort=False):
        body.append(_paragraph(theme, "Heading1"))
        for row in part.itertuples(index=False):
            body += [_paragraph(row.attribution), _paragraph(f"«{row.quote}»", italic=True)]
    return docx_package(Path(path), "".join(body))


__all__ = ["to_docx", "to_markdown"]
