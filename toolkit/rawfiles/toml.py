"""TOML configuration files that answer with the line: parse errors, unknown keys and bad
values name the key and the line it is on, so a researcher can fix ``report.toml`` or
``rounds.toml`` without guessing.

Examples
--------
>>> config = TomlFile('[report]\\ntitle = "X"\\n\\n[[chapters]]\\ntitle = "A"\\n'
...                   '[[chapters]]\\nquestions = ["b1"]\\n', file="report.toml")
>>> config.data["chapters"][1], config.line("chapters", "questions", index=1)
({'questions': ['b1']}, 7)
>>> print(config.error("report", "titel", "unknown key 'titel'", hint="did you mean title?"))
unknown key 'titel'
  file: report.toml
  where: line 1, key 'titel'
  what to do: did you mean title?
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from toolkit.errors import ConfigError


def toml_string(value: str) -> str:
    """A TOML basic string (one line) holding ``value``."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", " ").replace("\r", " ") + '"'


def key_line(text: str, table: str | None, key: str, index: int | None = None) -> int:
    """The line of ``key`` in ``[table]`` (or the ``index``-th ``[[table]]``; top level when
    ``table`` is None); the table's own line when the key is absent, 1 when both are."""
    lines = text.splitlines()
    if table is None:
        start, first = -1, 1
    else:
        name = re.escape(table)
        header = re.compile(
            rf"^\s*\[\[\s*{name}\s*\]\]" if index is not None else rf"^\s*\[\s*{name}\s*\]"
        )
        starts = [i for i, line in enumerate(lines) if header.match(line)]
        if not starts:
            return 1
        start = starts[min(index or 0, len(starts) - 1)]
        first = start + 1
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    for i in range(start + 1, len(lines)):
        if re.match(r"^\s*\[", lines[i]):
            break
        if pattern.match(lines[i]):
            return i + 1
    return first


#: the largest configuration file read (a report.toml of 500 chapters is ~100 000)
MAX_CHARACTERS = 2_000_000


class TomlFile:
    """A parsed TOML text (``data``) that can point at its own lines."""

    def __init__(self, text: str, *, file: str | Path) -> None:
        text = text.removeprefix("\ufeff")  # a byte-order mark (Notepad's) is no statement
        self.text, self.file = text, str(file)
        if len(text) > MAX_CHARACTERS:
            raise ConfigError(
                f"{Path(self.file).name} is {len(text):,} characters, more than a "
                f"configuration's {MAX_CHARACTERS:,}",
                file=self.file,
                hint="a configuration names questions and files; check it is the right file",
            )
        try:
            self.data = tomllib.loads(text)
        except RecursionError:
            raise ConfigError(
                f"{Path(self.file).name} nests tables or lists too deep to read",
                file=self.file,
                hint="a configuration needs two or three levels at most",
            ) from None
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"line (\d+)", str(exc))
            raise ConfigError(
                f"{Path(self.file).name} is not valid TOML",
                file=self.file,
                where=f"line {match.group(1)}" if match else None,
                found=str(exc),
                hint="fix the line (strings in double quotes, one key = value per line)",
            ) from None

    @classmethod
    def read(cls, path: str | Path) -> TomlFile:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")  # a BOM (Notepad's) is fine
        except UnicodeDecodeError:
            raise ConfigError(
                f"{path.name} is not UTF-8 text",
                file=path,
                hint="save the file as UTF-8 (any text editor can)",
            ) from None
        except OSError as exc:
            raise ConfigError(
                f"{path.name} cannot be read ({exc.strerror})",
                file=path,
                hint="check the path",
            ) from None
        return cls(text, file=path)

    def line(self, table: str | None, key: str, index: int | None = None) -> int:
        return key_line(self.text, table, key, index)

    def error(
        self, table: str | None, key: str, what: str, index: int | None = None, **parts
    ) -> ConfigError:
        where = f"line {self.line(table, key, index)}, key {key!r}"
        return ConfigError(what, file=self.file, where=where, **parts)

    def check_keys(
        self, table: str | None, values: dict, allowed, index: int | None = None
    ) -> None:
        """A ConfigError for the first key of ``values`` not in ``allowed``."""
        for key in values:
            if key not in allowed:
                close = [a for a in allowed if a[:3] == key[:3]]
                raise self.error(
                    table,
                    key,
                    f"unknown key {key!r}" + (f" in [{table}]" if table else ""),
                    index,
                    expected=", ".join(sorted(allowed)),
                    hint=f"did you mean {close[0]!r}?" if close else "remove or correct it",
                )
