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

import html
from pathlib import Path

import pandas as pd

from toolkit.present.word import new_document, save
from toolkit.rawfiles.safe_export import markdown_text


def to_markdown(bank: pd.DataFrame, path: str | Path, *, title: str = "Sitatbank") -> Path:
    """Quotes grouped by theme; the document and offsets as an audit comment per quote.
    Every text from the data is escaped (:func:`markdown_text`)."""
    lines = [f"# {markdown_text(title)}", ""]
    for theme, part in bank.groupby("path", sort=False):
        lines += [f"## {markdown_text(theme)}", ""]
        for row in part.itertuples(index=False):
            audit = f"{row.document} {row.start}–{row.end}".replace("--", "- -")
            lines += [
                markdown_text(row.attribution),
                "",
                f"> {markdown_text(row.quote)}",
                "",
                f"<!-- {html.escape(audit)} -->",
                "",
            ]
    path = Path(path)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def to_docx(
    bank: pd.DataFrame, path: str | Path, *, title: str = "Sitatbank", language: str = "nb"
) -> Path:
    """A Word document (python-docx): a heading per theme, each quote in italics after its
    attribution; language set, reproducible bytes."""
    document = new_document(language=language)
    document.add_heading(title, level=0)
    for theme, part in bank.groupby("path", sort=False):
        document.add_heading(str(theme), level=1)
        for row in part.itertuples(index=False):
            document.add_paragraph(str(row.attribution))
            quote = document.add_paragraph(style="Quote")
            quote.add_run(f"«{row.quote}»").italic = True
    return save(document, path, title=title)
