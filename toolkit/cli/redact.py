"""``toolkit redact TEXT_OR_CORPUS [--config report.toml] [--check]``.

Shows what redaction does before any text leaves the toolkit: with ``--check``, for every
document, what would be replaced (names and places listed in ``report.toml``'s ``[corpus]
redact`` table, national ID numbers, phone numbers, e-mail addresses) and what would
*remain* for a person to look at (capitalised words inside a sentence, long digit runs:
names that were not listed are not found by the toolkit). Without ``--check``, a text file
is printed redacted. Nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import UsageError


def _documents(path: Path) -> list[tuple[str, str]]:
    from toolkit.evidence import is_corpus

    if path.is_file() and path.suffix.lower() in (".txt", ".md", ".text", ".markdown"):
        from toolkit.rawfiles.files import read_raw
        from toolkit.rawfiles.text import decode, detect_encoding

        raw = read_raw(path, role="text")
        return [(path.name, decode(raw, detect_encoding(raw.data), reader="toolkit redact"))]
    if is_corpus(str(path)):
        from toolkit.interviews.read import read_corpus

        documents = read_corpus(path).documents
        return list(zip(documents["document"].astype(str), documents["text"], strict=True))
    raise UsageError(
        f"{path.name} is neither a text file nor interview material",
        file=path,
        expected="a .txt or .md file, a .docx transcript, a .qdpx project or their folder",
        hint="toolkit redact intervju.txt --check",
    )


def run(args) -> int:
    from toolkit.interviews.privacy import Redactor, remaining

    redactor = Redactor()
    if args.config:
        from toolkit.report.config import read_config
        from toolkit.report.plan import redactor_of

        redactor = redactor_of(read_config(args.config))
    documents = _documents(Path(args.source))
    if not args.check:
        if len(documents) != 1:
            raise UsageError(
                f"{Path(args.source).name} holds {len(documents)} documents",
                file=args.source,
                hint="add --check to list what would be redacted and what would remain",
            )
        print(redactor.redact(documents[0][1]))
        return 0
    for name, text in documents:
        found = redactor.findings(text)
        left = remaining(text, redactor)
        print(f"{name}: {len(found)} to redact, {len(left)} to look at")
        for kind, start, end, replacement in found:
            print(f"  redact  {kind:<12} {text[start:end]!r} → {replacement}")
        for word in left:
            print(f"  look at {word!r}")
    return 0


def add_parser(commands) -> None:
    redact = commands.add_parser(
        "redact", help="show what redaction removes from a text or corpus, and what remains"
    )
    redact.add_argument("source", help="a .txt/.md file, a transcript, a .qdpx or a folder")
    redact.add_argument("--config", help="report.toml: its [corpus] redact table of names")
    redact.add_argument(
        "--check", action="store_true", help="list what would be redacted and what would remain"
    )
    redact.set_defaults(run=run)
