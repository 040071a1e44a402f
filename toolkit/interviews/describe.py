"""What coded interview material holds, as a JSON-ready dict (``toolkit inspect
PROJECT``): format, documents, attributes, codes, segments, speakers, uncoded documents
and problems.

Examples
--------
>>> from toolkit.data import example_project
>>> info = describe_corpus(example_project("qdpx"))
>>> info["format"], info["documents"] > 0
('refi-qda', True)
"""

from __future__ import annotations


def describe_corpus(path: str, kind: str = "corpus") -> dict:
    """What ``toolkit inspect`` reports about coded interview material (module docstring).

    Parameters
    ----------
    path
        A coded project, transcripts, a segment table or a framework matrix.
    kind
        "corpus", "segments" or "matrix".

    Returns
    -------
    dict
        JSON-ready facts about the material.

    Examples
    --------
    See the module's example.
    """
    from toolkit.interviews import read_corpus, read_framework_matrix, read_segments

    reader = {"corpus": read_corpus, "segments": read_segments, "matrix": read_framework_matrix}
    corpus = reader[kind](path, strict=False)
    per_code = corpus.segments.groupby("path").size().astype(int).to_dict()
    return {
        "path": str(path),
        "format": corpus.source.get("format"),
        "documents": len(corpus.documents),
        "attributes": corpus.attributes(),
        "codes": len(corpus.codes),
        "segments": len(corpus.segments),
        "turns": len(corpus.turns),
        "speakers": sorted(set(corpus.turns["speaker"])),
        "segments_per_code": per_code,
        "offset_units": corpus.source.get("offset_units", {}),
        "uncoded_documents": list(
            corpus.problems.loc[corpus.problems["kind"] == "nothing-coded", "variable"]
        ),
        "problems": corpus.problems.groupby("kind").size().astype(int).to_dict(),
    }
