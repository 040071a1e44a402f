"""Plain-text transcripts with inline coding, readable in any editor.

The markup
----------
``{#Tema/Undertema}`` opens a segment coded with that path; ``{/Tema/Undertema}`` closes
the most recent open segment with that path, and ``{/}`` closes the innermost open one.
Segments nest and may overlap. Only the two-character openers ``{#`` and ``{/`` are markup:
other brackets in speech ("[ler]", "(pause)", "{sic}") are plain text; a literal ``{#`` or
``{/`` in speech is written ``{{#`` / ``{{/`` (``{{`` is always one ``{``). Lines at the
top of the form ``#: key: value`` are document attributes (role, office, …), not text.

Examples
--------
>>> text, segments, attrs = parse_inline(
...     "#: role: leder\\nLeder: {#Tid/Arbeidspress}Vi har for lite tid{/} (ler).")
>>> text, segments, attrs
('Leder: Vi har for lite tid (ler).', [('Tid/Arbeidspress', 7, 26)], {'role': 'leder'})
>>> render_inline(text, segments)
'Leder: {#Tid/Arbeidspress}Vi har for lite tid{/Tid/Arbeidspress} (ler).'
"""

from __future__ import annotations

import re
from pathlib import Path

from toolkit.errors import ExportFormatError

_TOKEN = re.compile(r"\{\{|\{#([^{}\n]+)\}|\{/([^{}\n]*)\}")
_HEADER = re.compile(r"^#:\s*([^:]+?)\s*:\s*(.*?)\s*$")


def parse_inline(source: str, *, file: str | Path | None = None):
    """``(text, [(path, start, end)], attributes)`` from inline-coded text."""
    lines = source.split("\n")
    attributes = {}
    while lines and (m := _HEADER.match(lines[0])):
        attributes[m.group(1)] = m.group(2)
        lines.pop(0)
    body = "\n".join(lines)
    out: list[str] = []
    length = 0
    open_: list[tuple[str, int, int]] = []  # path, start, line
    segments: list[tuple[str, int, int]] = []
    cursor = 0
    header_lines = source.count("\n") - body.count("\n")
    for match in _TOKEN.finditer(body):
        _check_plain(body, cursor, match.start(), header_lines, file)
        out.append(body[cursor : match.start()])
        length += match.start() - cursor
        cursor = match.end()
        line = body.count("\n", 0, match.start()) + 1 + header_lines
        if match.group(0) == "{{":
            out.append("{")
            length += 1
        elif match.group(1) is not None:
            open_.append((match.group(1).strip(), length, line))
        else:
            name = match.group(2).strip()
            index = (
                len(open_) - 1
                if not name
                else next((i for i in range(len(open_) - 1, -1, -1) if open_[i][0] == name), None)
            )
            if index is None or index < 0:
                raise ExportFormatError(
                    f"closing tag {match.group(0)} without an open segment",
                    file=file,
                    where=f"line {line}",
                    expected="a matching {#…} before it",
                    hint="add the opening tag or remove the closing one",
                )
            path, start, _ = open_.pop(index)
            segments.append((path, start, length))
    _check_plain(body, cursor, len(body), header_lines, file)
    out.append(body[cursor:])
    if open_:
        path, _, line = open_[-1]
        raise ExportFormatError(
            f"segment {{#{path}}} is never closed",
            file=file,
            where=f"line {line}",
            expected=f"{{/{path}}} or {{/}} later in the text",
            hint="close every opened code; unbalanced markup is not guessed at",
        )
    segments.sort(key=lambda s: (s[1], -s[2]))
    return "".join(out), segments, attributes


def _check_plain(body: str, start: int, end: int, header_lines: int, file) -> None:
    """Text between tags must not hold a tag that was never finished ("{#Tid" without
    "}"): it would silently become speech."""
    piece = body[start:end]
    found = min((i for i in (piece.find("{#"), piece.find("{/")) if i >= 0), default=-1)
    if found < 0:
        return
    line = body.count("\n", 0, start + found) + 1 + header_lines
    tail = piece[found : found + 30].split("\n")[0]
    raise ExportFormatError(
        f"an unfinished code tag {tail!r}",
        file=file,
        where=f"line {line}",
        expected="{#Tema/Undertema} or {/Tema/Undertema} (or {/}) on one line, closed with }",
        hint="close the tag with }, or write {{# for a literal {# in speech",
    )


def render_inline(text: str, segments) -> str:
    """Inline-coded text for ``text`` and ``(path, start, end)`` segments."""
    events: dict[int, list[tuple[int, str]]] = {}
    for path, start, end in segments:
        events.setdefault(start, []).append((1, -end, f"{{#{path}}}"))
        events.setdefault(end, []).append((0, -start, f"{{/{path}}}"))
    out, cursor = [], 0
    for point in sorted(events):
        out.append(text[cursor:point].replace("{", "{{"))
        out.extend(tag for *_, tag in sorted(events[point]))
        cursor = point
    out.append(text[cursor:].replace("{", "{{"))
    return "".join(out)
