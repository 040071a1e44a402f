"""REFI-QDA load speed: read_corpus beside a bare zipfile + defusedxml parse, same run.

Generates (once, cached in .bench-cache/) a .qdpx with 500 documents of ~5,000 words and
100,000 coded selections on a 3-level code tree. Targets (issue 5): load under 5 s and
≤ 3× the floor (reading every archive member and parsing project.qde with defusedxml).
Usage: python benchmarks/corpus.py [--documents N] [--selections N] [--repeat K]
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

import numpy as np
from _timing import best
from defusedxml import ElementTree as SafeET

from toolkit.interviews import read_corpus
from toolkit.interviews.synthetic import CodedDocument, write_qdpx

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    "vi",
    "har",
    "for",
    "lite",
    "tid",
    "til",
    "oppfølging",
    "av",
    "brukerne",
    "og",
    "samarbeidet",
    "med",
    "kommunen",
    "er",
    "blitt",
    "bedre",
    "men",
    "dokumentasjonen",
    "tar",
    "mye",
    "tid",
    "veilederne",
    "trenger",
    "mer",
    "opplæring",
    "arbeidsgiverne",
    "vil",
    "ha",
    "raske",
    "svar",
    "tillit",
    "bygges",
    "over",
    "tid",
    "digitale",
    "møter",
    "sparer",
    "reisetid",
    "når",
    "ledelsen",
    "prioriterer",
    "det",
]


def generate(path: Path, documents: int, selections: int, seed: int = 5) -> None:
    rng = np.random.default_rng(seed)
    codes = [
        f"Tema {a}/Undertema {a}.{b}/Kode {a}.{b}.{c}"
        for a in range(1, 6)
        for b in range(1, 5)
        for c in range(1, 5)
    ]
    per_doc = selections // documents
    docs = []
    for d in range(documents):
        lines = []
        for turn in range(250):
            speaker = "I" if turn % 2 == 0 else f"Informant {d % 7 + 1}"
            words = rng.choice(WORDS, size=20)
            lines.append(f"{speaker}: " + " ".join(words).capitalize() + ".")
        text = "\n".join(lines)
        spaces = np.array([i for i, ch in enumerate(text) if ch == " "])
        starts = np.sort(rng.choice(spaces, size=per_doc)) + 1
        segments = []
        for start in starts:
            end = text.find(" ", int(start) + int(rng.integers(20, 200)))
            end = len(text) if end < 0 else end
            segments.append((codes[int(rng.integers(0, len(codes)))], int(start), end))
        docs.append(CodedDocument(f"Dokument {d:03d}", text, {"rolle": "leder"}, segments))
    write_qdpx(docs, path)


def floor(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == "project.qde":
                SafeET.fromstring(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--selections", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = ROOT / ".bench-cache" / f"corpus_{args.documents}_{args.selections}.qdpx"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating {path} (once; cached)…", flush=True)
        generate(path, args.documents, args.selections)
    corpus = read_corpus(path)
    words = sum(len(t.split()) for t in corpus.documents["text"])
    print(
        f"{len(corpus.documents)} documents, {words:,} words, {len(corpus.segments):,} "
        f"coded segments, {len(corpus.turns):,} turns; best of {args.repeat}"
    )
    ours = best(lambda: read_corpus(path), args.repeat)
    bare = best(lambda: floor(path), args.repeat)
    print(f"floor (zipfile + defusedxml parse): {bare:.2f} s")
    print(
        f"toolkit read_corpus:                {ours:.2f} s  = {ours / bare:.2f}× the floor "
        f"(target ≤ 3×, < 5 s)"
    )


if __name__ == "__main__":
    main()
