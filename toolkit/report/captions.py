"""A table's or figure's caption: at most two lines, with its N kept.

Examples
--------
>>> caption_parts("Hvor enig er du? (N=12)")
('Hvor enig er du? (N=12)', None)
"""

from __future__ import annotations

import re

#: a caption's title beyond this many characters (about two lines of an A4 caption) is
#: cut at a clause, and the whole title stands in a note under the table or figure
CAPTION_CHARACTERS = 170


def caption_parts(title: str, limit: int = CAPTION_CHARACTERS) -> tuple[str, str | None]:
    """``(caption, note)``: the title as it is when it fits two lines, else cut at the last
    clause (or word) before ``limit`` with "…", its "(N=…)" kept, and the whole title as
    the note.

    Parameters
    ----------
    title : str
        A table's or figure's title.
    limit : int
        The most characters of the title before its "(N=…)".

    Examples
    --------
    >>> caption_parts("Tid (N=12)")
    ('Tid (N=12)', None)
    >>> long = "Hvor enig er du? " + "Dette er en lang forklaring, med mange ord " * 5 + "(N=40)"
    >>> caption, note = caption_parts(long, limit=60)
    >>> caption, note == long
    ('Hvor enig er du? Dette er en lang forklaring … (N=40)', True)
    """
    stem, n = title, ""
    found = re.search(r"\s*\((?:N|n)\s*=[^)]*\)\.?$", title)
    if found:
        stem, n = title[: found.start()], title[found.start() :]
    if len(stem) <= limit:
        return title, None
    head = stem[:limit]
    cut = max(head.rfind(mark) for mark in (". ", "? ", ": ", "; ", ", "))
    head = head[: cut + 1] if cut > limit // 3 else head[: head.rfind(" ")]
    return f"{head.rstrip(' ,;:')} …{n}", title
