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

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd


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
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>'
        f"{''.join(body)}</w:body></w:document>"
    )
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
                '.org/package/2006/content-types"><Default Extension="rels" ContentType="applicati'
                'on/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                'ContentType="application/xml"/><Override PartName="/word/document.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                'document.main+xml"/></Types>'
            ),
        )
        archive.writestr(
            "_rels/.rels",
            (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
                '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                'officeDocument" Target="word/document.xml"/></Relationships>'
            ),
        )
        archive.writestr("word/document.xml", document)
    return path


__all__ = ["to_docx", "to_markdown"]
