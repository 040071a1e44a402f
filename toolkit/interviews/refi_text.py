"""REFI-QDA text sources: the text (inline or in sources/), the offset convention its
selections use, and the codings on them.

Vendors disagree on offsets: the standard counts Unicode code points in the text as
stored, some count CRLF as one character or count UTF-16 units. For every source the
loader tries each reading and keeps the one under which the selections fall inside the
text and on word boundaries (and match the selection's ``name`` when the exporter wrote
the quoted text there); a non-standard choice is reported.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from toolkit.errors import EncodingError, ExportFormatError
from toolkit.interviews.build import CorpusBuilder


def tag(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def children(element, name: str):
    return [child for child in element if tag(child) == name]


def decode_source(data: bytes, where: str, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            "a source text is not UTF-8 as REFI-QDA requires",
            file=path,
            where=f"{where}, byte {exc.start}",
            hint="export the project again from the QDA program; REFI-QDA texts are UTF-8 "
            "(read_corpus() cannot guess another encoding inside a project)",
        ) from None


def _aligned(text: str, start: int, end: int) -> int:
    """2 when both ends fall on word boundaries, 1 for one, 0 for none."""

    def boundary(i: int) -> bool:
        return i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum())

    return int(boundary(start)) + int(boundary(end))


def _readings(original: str, normal: str, to_new) -> dict[str, callable]:
    """Offset readings to try: name → function(original offset) → normalised offset.
    ``to_new`` maps original to normalised offsets (the builder made it)."""
    readings = {"code points": to_new}
    if normal != original:
        readings["code points, CRLF as one"] = lambda i: i
    if original and max(original) > "\uffff":  # characters outside the BMP: 2 UTF-16 units
        codes = np.frombuffer(original.encode("utf-32-le"), dtype=np.uint32)
        wide = (codes > 0xFFFF).astype(np.int64)
        units = np.concatenate([[0], np.cumsum(1 + wide)])  # UTF-16 offset of each index
        readings["UTF-16 units"] = lambda i: to_new(int(np.searchsorted(units, i)))
    return readings


def choose_reading(original, normal, to_new, selections) -> tuple[str, callable]:
    """The offset reading under which the selections fit the text best."""
    readings = _readings(original, normal, to_new)
    if len(readings) == 1:
        return next(iter(readings.items()))
    sample = selections[:: max(1, len(selections) // 300)]
    best, best_score = None, None
    for name, convert in readings.items():
        fits = aligned = named = 0
        for start, end, label in sample:
            s, e = convert(start), convert(end)
            if 0 <= s <= e <= len(normal):
                fits += 1
                aligned += _aligned(normal, s, e)
                named += bool(label) and normal[s:e].startswith(label[:30])
        score = (fits, named, aligned)
        if best_score is None or score > best_score:
            best, best_score = name, score
    return best, readings[best]


class TextSources:
    """Reads ``<TextSource>`` elements into a builder (see module docstring)."""

    def __init__(self, builder: CorpusBuilder, project, path: Path, users, notes, values_of):
        self.builder, self.project, self.path = builder, project, path
        self.users, self.notes, self.values_of = users, notes, values_of
        self.documents: dict[str, str] = {}  # source guid → document id
        self.coding_ids: set[str] = set()

    def _text(self, source, guid: str) -> str | None:
        name = source.get("name") or guid
        inline = children(source, "PlainTextContent")
        if inline:
            return inline[0].text or ""
        reference = source.get("plainTextPath")
        problem = self.project.unsafe(reference) if reference else None
        if problem:
            self.builder.problems.add(
                "unsafe-source-path",
                f"text source {name!r} points to {reference!r}, {problem}; not read",
                file=str(self.path),
                location=f"<TextSource guid={guid}>",
            )
            return None
        data = self.project.read(reference) if reference else None
        if data is None:
            self.builder.problems.add(
                "unreadable-source",
                f"text source {name!r}: no plain text found"
                + (f" at {reference}" if reference else ""),
                file=str(self.path),
                location=f"<TextSource guid={guid}>",
            )
            return None
        return decode_source(data, f"source {reference}", self.path)

    def read(self, source, guid: str) -> None:
        original = self._text(source, guid)
        if original is None:
            return
        builder = self.builder
        name = source.get("name") or guid
        document = builder.add_document(name, original, self.values_of(source), document=guid)
        self.documents[guid] = document
        normal = builder.documents[document]["text"]
        selections = [self._positions(s) for s in children(source, "PlainTextSelection")]
        unit, convert = choose_reading(
            original,
            normal,
            lambda i: builder.to_normalised(document, i),
            [s[:3] for s in selections],
        )
        builder.source["offset_units"][name] = unit
        if unit != "code points":
            builder.problems.add(
                "offset-unit",
                f"{name}: selections counted as {unit}",
                file=str(self.path),
                variable=name,
            )
        for start, end, _, selection in selections:
            self._codings(selection, document, convert(start), convert(end), name)

    def _positions(self, selection) -> tuple[int, int, str | None, object]:
        try:
            start = int(selection.get("startPosition"))
            end = int(selection.get("endPosition"))
        except (TypeError, ValueError):
            raise ExportFormatError(
                "a text selection without numeric positions",
                file=self.path,
                where=f"<PlainTextSelection guid={selection.get('guid')}>",
                hint="export the project again",
            ) from None
        return start, end, selection.get("name"), selection

    def _memo(self, selection) -> str | None:
        parts = [d.text for d in children(selection, "Description")]
        parts += [self.notes.get(n.get("targetGUID")) for n in children(selection, "NoteRef")]
        return "\n".join(filter(None, parts)) or None

    def _coding_id(self, coding, where: str) -> str | None:
        guid = coding.get("guid")
        if guid is None or guid not in self.coding_ids:
            if guid:
                self.coding_ids.add(guid)
            return guid
        new = f"{guid}#{len(self.coding_ids) + 1}"
        self.coding_ids.add(new)
        self.builder.problems.add(
            "duplicate-id",
            f"coding id {guid} is used twice; the later coding is kept as {new}",
            file=str(self.path),
            location=where,
            values=[guid],
        )
        return new

    def _codings(self, selection, document: str, start: int, end: int, name: str) -> None:
        builder = self.builder
        where = f"<PlainTextSelection guid={selection.get('guid')}> in {name!r}"
        memo = self._memo(selection)
        for coding in children(selection, "Coding"):
            segment = self._coding_id(coding, where)
            for number, ref in enumerate(children(coding, "CodeRef")):
                code = ref.get("targetGUID")
                if code not in builder.codes:
                    builder.problems.add(
                        "missing-code",
                        f"coding refers to code {code} that the code book lacks; left out",
                        file=str(self.path),
                        location=where,
                    )
                    continue
                user = coding.get("creatingUser") or selection.get("creatingUser")
                builder.add_segment(
                    document,
                    code,
                    start,
                    end,
                    coder=self.users.get(user),
                    memo=memo,
                    segment=segment if not number or not segment else f"{segment}/{number}",
                    where=where,
                )
