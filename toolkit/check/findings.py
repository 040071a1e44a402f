"""The checker's findings: a tidy table, a Markdown and an HTML report, an exit code.

One row per statement checked, in document order, with ``kind`` (``mismatch``,
``inconsistent-n``, ``sum``, ``inconsistent`` (a sentence's numbers disagree with each
other: :mod:`toolkit.check.arithmetic`), ``quantifier``, ``unmatched``, ``ok``),
``severity`` (``error`` for the first four, ``warning`` for quantifiers, ``info`` for
unmatched numbers, ``ok``), ``text`` (the sentence or table row as written), ``location``,
``claim`` (the number or word as written), ``value`` (the data's, shown the same way),
``correction``, ``mapping`` (what in the data the claim was tied to, always shown) and
``candidates`` (for unmatched and ambiguous numbers).

Examples
--------
>>> findings = Findings([{"kind": "mismatch", "text": "46 % er enige.", "claim": "46 %",
...                       "value": "42 %", "location": "paragraph 1"}])
>>> findings.exit_code, findings.counts()
(1, {'mismatch': 1})
>>> findings
<Findings draft: 1 mismatch>
>>> print(findings.to_markdown().splitlines()[0])
# Kontroll av utkast: 1 funn
"""

from __future__ import annotations

import html

import pandas as pd

from toolkit.language import text
from toolkit.rawfiles.safe_export import markdown_text

COLUMNS = [
    "kind", "severity", "text", "location", "claim", "value", "correction", "mapping",
    "candidates",
]  # fmt: skip
SEVERITY = {
    "mismatch": "error", "inconsistent-n": "error", "sum": "error", "inconsistent": "error",
    "quantifier": "warning",
    "unmatched": "info", "ok": "ok",
}  # fmt: skip
ORDER = ["mismatch", "inconsistent-n", "sum", "inconsistent", "quantifier", "unmatched", "ok"]


class Findings:
    """What :func:`toolkit.check_draft` found (see module docstring)."""

    def __init__(
        self, rows: list[dict], *, draft: str = "", sources: str = "", language: str = "nb"
    ) -> None:
        frame = pd.DataFrame(rows, columns=COLUMNS).astype(object)
        frame = frame.where(frame.notna(), "").astype(str)
        frame["severity"] = frame["kind"].map(SEVERITY)
        self.frame = frame
        self.draft = draft
        self.sources = sources
        self.language = language

    def _say(self, key: str, **values) -> str:
        return text(key, self.language, **values)

    def _kind(self, kind: str) -> str:
        return self._say(f"check_kind_{kind}")

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def __repr__(self) -> str:
        return f"<Findings {self.summary()}>"

    def __len__(self) -> int:
        return len(self.frame)

    def counts(self) -> dict[str, int]:
        found = self.frame["kind"].value_counts()
        return {k: int(found[k]) for k in ORDER if k in found}

    @property
    def problems(self) -> pd.DataFrame:
        """Every finding but ``ok``."""
        return self.frame[self.frame["kind"] != "ok"].reset_index(drop=True)

    @property
    def exit_code(self) -> int:
        """1 when any error (mismatch, inconsistent N, shares not adding up), else 0."""
        return int(bool((self.frame["severity"] == "error").any()))

    def summary(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in self.counts().items()) or "no numbers"
        return f"{self.draft or 'draft'}: {counts}"

    def to_markdown(self) -> str:
        say = self._say
        lines = [f"# {say('check_title')}: {say('check_findings', n=len(self.problems))}", ""]
        if self.draft:
            draft = f"{say('check_draft')}: {markdown_text(self.draft)}"
            lines += [f"{draft}. {markdown_text(self.sources)}", ""]
        lines += [f"- {self._kind(k)}: {n}" for k, n in self.counts().items()] + [""]
        for row in self.problems.itertuples(index=False):
            claim = f"{markdown_text(row.claim)} ({markdown_text(row.location)})"
            lines.append(f"## {self._kind(row.kind)}: {claim}")
            lines.append("")
            lines.append(f"> {markdown_text(row.text)}")
            lines.append("")
            for label, value in (
                (say("check_data"), row.value),
                (say("check_correction"), row.correction),
                (say("check_mapping"), row.mapping),
                (say("check_candidates"), row.candidates),
            ):
                if value:
                    lines.append(f"- {label}: {markdown_text(value)}")
            lines.append("")
        return "\n".join(lines)

    def to_html(self) -> str:
        def cell(value) -> str:
            return html.escape(str(value))

        def shown(row, column: str) -> str:
            value = getattr(row, column)
            return self._kind(value) if column == "kind" else value

        shown_columns = [c for c in COLUMNS if c != "severity"]
        rows = "".join(
            f'<tr class="{cell(r.severity)}">'
            + "".join(f"<td>{cell(shown(r, c))}</td>" for c in shown_columns)
            + "</tr>"
            for r in self.frame.itertuples(index=False)
        )
        counts = ", ".join(f"{n} {cell(self._kind(k))}" for k, n in self.counts().items())
        head = "".join(f"<th>{cell(self._say('check_column_' + c))}</th>" for c in shown_columns)
        title = cell(self._say("check_title"))
        return (
            f'<!DOCTYPE html><html lang="{self.language}"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{CSS}</style></head><body>"
            f"<h1>{title}</h1><p>{cell(self.draft)}. {cell(self.sources)}</p>"
            f"<p>{counts}</p><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"
            "</table></body></html>\n"
        )

    def _repr_html_(self) -> str:
        return (
            f"<div><strong>{html.escape(self.summary())}</strong>"
            f"{self.problems._repr_html_()}</div>"
        )


CSS = (
    "body{font-family:Arial,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;"
    "font-size:.85rem}td,th{border-bottom:1px solid #ccc;padding:.3rem;vertical-align:top;"
    "text-align:left}tr.error td:first-child{color:#a00;font-weight:bold}"
    "tr.warning td:first-child{color:#a60}tr.ok{color:#777}"
)
