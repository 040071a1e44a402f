"""Code frequency speed: code_frequencies with roll-up by a 4-level group, beside a plain
pandas groupby floor in the same run.

2,000 documents of 600 Norwegian words, 100,000 coded segments, a 3-level code tree
(5 × 4 × 4 = 80 leaves).
Targets (issue 6): all frequencies with roll-up by group in under 1 s, ≤ 3× the floor
(documents per code × group with one merge + groupby + nunique, no roll-up). Words are
numbered when a corpus is read (coverage needs them); that cost is printed on its own, and
so is a call on a corpus without stored word numbers, which numbers them itself.
Usage: python benchmarks/themes.py [--documents N] [--segments N] [--repeat K]
"""

from __future__ import annotations

import argparse
import dataclasses

import numpy as np
from _timing import best

from toolkit.interviews.build import CorpusBuilder
from toolkit.interviews.text import word_numbers
from toolkit.themes.frequencies import code_frequencies


def make_corpus(documents: int, segments: int, seed: int = 6):
    rng = np.random.default_rng(seed)
    builder = CorpusBuilder({"path": "benchmark", "format": "memory"})
    leaves = [
        builder.code_for_path(f"Tema {a}/Undertema {a}.{b}/Kode {a}.{b}.{c}")
        for a in range(1, 6)
        for b in range(1, 5)
        for c in range(1, 5)
    ]
    vocabulary = (
        "vi har for lite tid til oppfølging av brukerne – ærlig talt – og veilederne "
        "sier «det går ikke» når saksmengden øker … samarbeidet med kommunen er godt, "
        "men dokumentasjonen tar mye tid"
    ).split()
    words = rng.choice(vocabulary, size=600)  # Norwegian text: æøå, «» and – (non-Latin-1)
    per_doc = segments // documents
    for d in range(documents):
        text = " ".join(np.roll(words, d))
        doc = builder.add_document(f"D{d}", text, {"gruppe": f"Gruppe {d % 4 + 1}"})
        starts = rng.integers(0, len(text) - 60, per_doc)
        for start, code in zip(starts, rng.integers(0, len(leaves), per_doc), strict=True):
            builder.add_segment(doc, leaves[code], int(start), int(start) + 40)
    return builder.build()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2_000)
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    corpus = make_corpus(args.documents, args.segments)
    docs = corpus.documents[["document", "gruppe"]]

    def floor():
        merged = corpus.segments.merge(docs, on="document")
        return merged.groupby(["gruppe", "code"])["document"].nunique()

    print(
        f"{len(corpus.documents):,} documents, {len(corpus.segments):,} segments, "
        f"{len(corpus.codes)} codes; best of {args.repeat}"
    )
    bare_floor = best(floor, args.repeat)
    print(f"floor (merge + groupby + nunique, no roll-up): {bare_floor:.3f} s")
    numbering = best(lambda: word_numbers(corpus.documents["text"].tolist()), args.repeat)
    print(f"word numbering, once when a corpus is read (not in the times below): {numbering:.3f} s")
    for unit in ("document", "segment", "case"):
        ours = best(
            lambda unit=unit: code_frequencies(corpus, by="gruppe", unit=unit, rollup=True),
            args.repeat,
        )
        print(
            f"code_frequencies(unit={unit!r}, rollup=True, by=gruppe): {ours:.3f} s = "
            f"{ours / bare_floor:.2f}× the floor (target < 1 s, ≤ 3×)"
        )

    bare = dataclasses.replace(
        corpus,
        documents=corpus.documents.drop(columns="words"),
        segments=corpus.segments.drop(columns=["word_start", "word_end"]),
    )
    ours = best(
        lambda: code_frequencies(bare, by="gruppe", unit="document", rollup=True), args.repeat
    )
    print(
        f"the same on a corpus made without word numbers (numbered in the call): {ours:.3f} s = "
        f"{ours / bare_floor:.2f}× the floor"
    )


if __name__ == "__main__":
    main()
