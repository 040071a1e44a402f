"""The types of ``report.toml``'s tables, declared once (pydantic) and checked on reading.

Every key of ``[sample]``, ``[weights]``, ``[parts]``, ``[regression]``, ``[rounds]``,
``[corpus]`` and ``[units]`` has its type, allowed values and default here; a value of
another type is a ConfigError naming the file, the table, the key and its line, before
anything is read or computed (``key_share = "half"``, ``examples = "many"``, ``means = 5``
once ended in "this is a bug"). A name where a list of names is expected is taken as a
one-element list, never iterated letter by letter; a text is never taken for true or
false. The validated tables are plain dicts again, so the rest of the toolkit reads them
as before.

Examples
--------
>>> from toolkit.rawfiles.toml import TomlFile
>>> toml = TomlFile('[sample]\\nkey_items = "b1"\\nkey_share = 0.5\\n', file="report.toml")
>>> checked(toml, "sample", toml.data["sample"])
{'key_items': ['b1'], 'key_share': 0.5}
>>> toml = TomlFile('[parts]\\nexamples = "many"\\n', file="report.toml")
>>> checked(toml, "parts", toml.data["parts"])
Traceback (most recent call last):
...
toolkit.errors.ConfigError: [parts] examples must be a whole number
  file: report.toml
  where: line 2, key 'examples'
  found: 'many'
  what to do: examples = 5
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from toolkit.rawfiles.toml import TomlFile


def _listed(value):
    """A name is a one-element list of names (never split into its letters)."""
    return [value] if isinstance(value, str) else value


def _one_or_more(value):
    """One code or name is a one-element list."""
    return [value] if isinstance(value, (str, int)) else value


Names = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=200)]], BeforeValidator(_listed)
]
Text = Annotated[str, Field(max_length=2_000)]


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Filter(_Table):
    name: Text
    query: Text


class Sample(_Table):
    answered: bool = False
    key_items: Names = []
    key_share: Annotated[float, Field(gt=0, le=1)] = 0.5
    filters: list[Filter] = []


class Weights(_Table):
    population: Text
    variables: Names
    count: Text
    cap: Annotated[float, Field(gt=1)] | None = None
    sep: Annotated[str, Field(min_length=1, max_length=1)] | None = None


class Parts(_Table):
    tests: bool = False
    open_examples: bool = False
    examples: Annotated[int, Field(ge=0, le=100)] = 5
    item_statistics: bool = True
    means: Names = []
    response: bool = False


class Regression(_Table):
    outcome: Text
    predictors: Names = []
    kind: Literal["ols", "logit"] = "ols"


class Did(_Table):
    item: Text
    group: Text
    treated: Text
    cluster: Text | None = None
    measure: Literal["mean", "top2", "bottom2", "share"] = "mean"


class Rounds(_Table):
    folder: Text = "."
    between: Annotated[list[Text], Field(min_length=2, max_length=2)] | None = None
    items: Names | None = None
    measure: Literal["top2", "bottom2", "share", "mean"] = "top2"
    did: Did | None = None


class Corpus(_Table):
    path: Text
    by: Text = "rolle"
    unit: Literal["segment", "turn", "document", "case"] = "document"
    quotes: Annotated[int, Field(ge=0, le=20)] = 1
    redact: dict[Text, Text] = {}
    unlisted_names: Literal["redact", "review"] = "redact"


class Units(_Table):
    variable: Text
    names: Text | None = None
    compare: Annotated[
        list[Literal["unit", "others", "all"]], BeforeValidator(_listed), Field(min_length=1)
    ] = ["unit", "others", "all"]
    min_base: Annotated[int, Field(ge=1, le=1000)] | None = None
    only: Annotated[list[Text | int], BeforeValidator(_one_or_more)] = []
    chapters: Names = []
    open_answers: bool = False
    findings: bool = True
    word: bool = False
    others: Text | None = None
    everyone: Text | None = None


MODELS = {
    "sample": Sample,
    "weights": Weights,
    "parts": Parts,
    "regression": Regression,
    "rounds": Rounds,
    "corpus": Corpus,
    "units": Units,
}
_EXPECTED = {
    "bool_type": ("must be true or false", "{key} = true"),
    "int_type": ("must be a whole number", "{key} = 5"),
    "float_type": ("must be a number", "{key} = 0.5"),
    "string_type": ("must be text in quotes", '{key} = "..."'),
    "list_type": ("must be a list", '{key} = ["...", "..."]'),
    "dict_type": ("must be a table", '{key} = {{ "Kari" = "[navn]" }}'),
    "model_type": ("must be a table", "{key} = {{ ... }}"),
    "missing": ("is missing", '{key} = "..."'),
    "extra_forbidden": ("is not a known key", "check the spelling (see the documentation)"),
    "literal_error": ("is not one of the allowed values", "{key} = {allowed}"),
}


def checked(toml: TomlFile, table: str, values: dict) -> dict:
    """``values`` of ``[table]`` checked against its model (see module docstring), as a
    plain dict holding only the keys the file gave (so defaults stay where they are used).

    Parameters
    ----------
    toml
        The file, for the key's line in an error.
    table
        The table's name.
    values
        Its values as read.

    Returns
    -------
    dict
        The values, lists for names.

    Examples
    --------
    See the module's example.
    """
    model = MODELS[table]
    try:
        parsed = model.model_validate(values)
    except ValidationError as error:
        raise _config_error(toml, table, values, error.errors()[0]) from None
    return parsed.model_dump(include=set(values), exclude_none=False)


def _config_error(toml: TomlFile, table: str, values: dict, problem: dict):
    location = [part for part in problem["loc"] if isinstance(part, str)]
    key = location[0] if location else table
    inner = ".".join(location[1:])
    kind = problem["type"]
    what, hint = _EXPECTED.get(kind, (problem["msg"].lower(), "{key} = ..."))
    if kind.endswith(("_than", "_than_equal", "_too_short", "_too_long")):
        what = problem["msg"].lower()
    allowed = problem.get("ctx", {}).get("expected", "")
    found = values.get(key) if inner == "" else problem.get("input")
    name = f"{key}.{inner}" if inner else key
    return toml.error(
        table,
        key,
        f"[{table}] {name} {what}",
        found=None if kind == "missing" else repr(found)[:200],
        hint=hint.format(key=name, allowed=allowed),
    )
