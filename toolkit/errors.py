"""One exception family for everything the toolkit refuses to read or compute.

Every error says *what* is wrong, *where* (file, sheet, row, column or XML element),
what was *expected*, and *what to do*. The parts are kept as attributes, so code can
react to them and tests can check them without parsing the message.

Examples
--------
>>> err = ExportFormatError(
...     "this folder is not a SurveyXact CSV export",
...     file="surveys/2026", expected="dataset.csv, labels.csv and structure.csv",
...     hint="export the survey again as CSV, or point to the .xlsx file")
>>> print(err)
this folder is not a SurveyXact CSV export
  file: surveys/2026
  expected: dataset.csv, labels.csv and structure.csv
  what to do: export the survey again as CSV, or point to the .xlsx file
>>> isinstance(err, ToolkitError)
True
"""

from __future__ import annotations

from os import PathLike


class ToolkitError(Exception):
    """Base class of every error the toolkit raises on bad input or bad use."""

    def __init__(
        self,
        what: str,
        *,
        file: str | PathLike[str] | None = None,
        where: str | None = None,
        expected: str | None = None,
        found: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.what = what
        self.file = None if file is None else str(file)
        self.where = where
        self.expected = expected
        self.found = found
        self.hint = hint
        super().__init__(self._message())

    def _message(self) -> str:
        lines = [self.what]
        for label, value in (
            ("file", self.file),
            ("where", self.where),
            ("expected", self.expected),
            ("found", self.found),
            ("what to do", self.hint),
        ):
            if value:
                lines.append(f"  {label}: {value}")
        return "\n".join(lines)


class ExportFormatError(ToolkitError, ValueError):
    """The input is not (or not recognisably) an export of the expected kind."""


class MissingFileError(ToolkitError, FileNotFoundError):
    """A file the export needs is not there (e.g. one member of the CSV trio)."""


class CorruptFileError(ToolkitError, ValueError):
    """The file is truncated, damaged or not what its extension says."""


class EncodingError(ToolkitError, UnicodeError):
    """Bytes that cannot be decoded in the detected (or given) text encoding."""


class StructureMismatchError(ToolkitError, ValueError):
    """The structure/labels metadata and the dataset disagree in a way that loses data."""


class DuplicateRespondentError(ToolkitError, ValueError):
    """Two or more rows carry the same respondent id."""


class EmptyDatasetError(ToolkitError, ValueError):
    """The dataset holds no respondents (or no columns)."""


class UsageError(ToolkitError, ValueError):
    """A function was called with arguments that cannot work (unknown variable, ...)."""


class LimitExceededError(ToolkitError, ValueError):
    """An input is larger than a safety limit allows (zip bomb, sheet extent, ...).

    The message gives the numbers and the setting that raises the limit."""


class UnsafeFileError(ToolkitError, ValueError):
    """An input asks for something unsafe: a path outside its folder, XML entities."""


class PrivacyError(UsageError):
    """A call would let personal data (names, e-mail, ids) out without saying so."""


class ConfigError(ToolkitError, ValueError):
    """A configuration file (report.toml, rounds.toml) holds a key or value that cannot
    work; the message names the key and the line."""


class WeightingError(ToolkitError, ValueError):
    """Weights cannot be made as asked (no convergence, empty cells, inconsistent targets)."""


class AuditError(ToolkitError, RuntimeError):
    """A build's outputs disagree with each other: one number shows two values (the
    message names the fact and both places)."""


class ReportError(ToolkitError, RuntimeError):
    """A report notebook failed to run (the message names the cell and its error)."""
