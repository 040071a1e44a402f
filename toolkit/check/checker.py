"""``check_draft``: every number in a draft checked against the data it reports.

For each heading, paragraph and table cell of the draft (:mod:`toolkit.check.draft`) the
checker finds the numbers (:func:`toolkit.present.parse.find_numbers`) and the vague
quantifiers (:mod:`toolkit.quantifiers`), ties each to a fact (:mod:`toolkit.check.match`)
from the claims registry when one is given, else from the survey recomputed with the
report configuration's sample and weights, and compares:

* ``mismatch``: the number differs from the data beyond its display rounding
  (46 % stands for 45.5–46.5; "5 av 8" must be 5 of the base, with or without
  "Vet ikke");
* ``inconsistent-n``: one sample or item given two different Ns in the draft;
* ``sum``: a table row (or column) of shares of a whole does not add to 100 within
  display rounding (half a unit per cell);
* ``quantifier``: the word does not fit the share (and which denominator would make it
  fit: with or without "Vet ikke");
* ``unmatched``: a number the checker could not tie to one fact (no item named, or
  several equally good candidates, listed), never passed silently;
* ``ok``.

Quantifiers are checked where a share stands with them (a number in the sentence, or
an item and category the sentence names); a quantifier with neither is not a claim
about the data and is not listed.

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.data import example_round
>>> draft = pathlib.Path(tempfile.mkdtemp()) / "utkast.md"
>>> _ = draft.write_text(
...     "Om lag 26 % er helt enige i at kontoret har en felles forståelse av oppdraget "
...     "med kommunen, og 40 % er delvis enige i det.\\n", encoding="utf-8")
>>> findings = check_draft(draft, survey=example_round())
>>> findings.to_frame()[["kind", "claim", "value"]].values.tolist()
[['ok', '26 %', '26 %'], ['mismatch', '40 %', '33 %']]
"""

from __future__ import annotations

from pathlib import Path

from toolkit.check.draft import Draft, read_draft
from toolkit.check.facts import Fact, survey_facts
from toolkit.check.numbers import CAPTION_PREFIX, Checker
from toolkit.check.registry import claims_facts, read_claims
from toolkit.check.rules import sum_findings
from toolkit.errors import UsageError
from toolkit.language import text as say
from toolkit.quantifiers import vocabulary as builtin_vocabulary
from toolkit.surveys.read import read_surveyxact
from toolkit.surveys.survey import Survey

#: places named when one N is written differently (the first of each value)
PLACES = 6


def _inconsistent(rows: list[dict], language: str = "nb") -> None:
    """Ns of the same fact written differently in two places: the wrong ones are
    ``inconsistent-n`` (the sample's N also when the sentence names no item)."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        number, fact = row.get("number"), row.get("fact")
        if number is None or number.kind not in ("n", "count"):
            continue
        if fact is not None and fact.measure == "n":
            groups.setdefault(fact.id, []).append(row)
        elif (
            number.kind == "n"
            and number.total is None
            and row["kind"] == "unmatched"
            and row.get("nothing_named")
            and row["context"].passage.kind != "cell"
            and not CAPTION_PREFIX.match(row["context"].passage.text)
        ):
            groups.setdefault("analytic", []).append(row)  # "N = …" alone: the sample
    for group in groups.values():
        written = {r["number"].value for r in group}
        if len(written) < 2:
            continue
        # the first place of each value written, and how many more: one string per group,
        # not a list of every place on every row (quadratic in a long draft's N mentions)
        first: dict = {}
        for r in group:
            first.setdefault(r["number"].value, f"{r['claim']} ({r['location']})")
        shown = list(first.values())[:PLACES]
        more = len(group) - len(shown)
        places = "; ".join(shown)
        places += f"; {say('check_more_places', language, n=more)}" if more > 0 else ""
        for row in group:
            if row["kind"] in ("mismatch", "unmatched"):
                row["kind"] = "inconsistent-n"
                row["correction"] = row.get("correction") or ""
                gives = say("check_draft_gives", language, places=places)
                row["mapping"] = f"{row.get('mapping', '')}; {gives}".lstrip("; ")


def _language(config) -> str:
    return getattr(config, "language", None) or "nb"


def _facts(
    survey: Survey, claims, config, chosen: str | None = None
) -> tuple[list[Fact], str, list[str], dict | None]:
    sources = [("check_survey", Path(survey.source.path).name)]
    language = "nb"
    if config is not None:
        from toolkit.report.checks import check_config
        from toolkit.report.config import ReportConfig, read_config
        from toolkit.report.plan import prepare

        config = config if isinstance(config, ReportConfig) else read_config(config)
        check_config(survey, config)
        prepared = prepare(survey, config)
        language = config.language
        facts = survey_facts(
            prepared.survey,
            full=survey,
            flow=prepared.flow,
            by=config.by,
            weight=prepared.options.weight,
            weights=prepared.weights,
        )
        sources.append(("check_configuration", Path(config.path).name if config.path else ""))
    else:
        facts = survey_facts(survey)
    registry = None
    if claims is not None:
        registry = claims if isinstance(claims, dict) else read_claims(claims)
        facts = claims_facts(registry) + facts
        name = Path(str(claims)).name if not isinstance(claims, dict) else ""
        sources.append(("check_claims", name))
    language = chosen or language
    said = [say(key, language, name=name).strip() for key, name in sources]
    return facts, language, said, registry


def _same_export(registry: dict, survey: Survey, claims) -> None:
    """A claims registry built from another export would give false mismatches: refused
    (a registry records its export's digest; older ones only its name)."""
    from toolkit.report.cache import files_digest

    recorded = registry.get("survey_digest")
    source = Path(survey.source.path) if survey.source.path else None
    if not recorded or source is None or not source.exists():
        return
    if files_digest([source]) != recorded:
        raise UsageError(
            f"the claims were built from another export than {source.name}",
            file=str(claims) if not isinstance(claims, dict) else None,
            found=f"claims of {registry.get('survey', 'an export')} (sha256 {recorded[:12]}…)",
            expected=f"claims.json of a build of {source.name}",
            hint="check against the export the report was built from, or build the report "
            "again from this export",
        )


def check_draft(
    draft: str | Path | Draft,
    *,
    survey: str | Path | Survey,
    claims: str | Path | dict | None = None,
    config=None,
    vocabulary: str | Path | None = None,
    language: str | None = None,
):
    """Check every number of ``draft`` against ``survey`` (see module docstring).

    Parameters
    ----------
    draft
        A ``.docx``, ``.md`` or ``.txt`` file (or a :class:`Draft`).
    survey
        The export the draft reports (a path or a read :class:`Survey`).
    claims
        The ``claims.json`` a report build wrote: numbers are then tied to exactly
        what the report showed, with its table numbers.
    config
        The ``report.toml`` the report was built with: its analytic sample, weights
        and breakdowns are applied before recomputing.
    vocabulary
        A TOML file of extra or changed quantifiers (layout of
        ``toolkit/quantifiers.toml``).
    language
        The draft's language (nb, nn, en): its quantifiers and the findings' words;
        default the configuration's report language, else nb.

    A sentence the checker cannot tie to a question can be pinned by a tag naming the
    variable in brackets: "52 % svarer ja [m_1]."

    Returns
    -------
    Findings
        One finding per number (ok, mismatch, unmatched, …) with its place in the draft
        and the value found in the data (``.to_frame()``, ``.summary()``).

    Examples
    --------
    See the module's example.
    """
    from toolkit.check.findings import Findings

    if config is not None:  # the report's language names the draft's places too
        from toolkit.report.config import ReportConfig, read_config

        config = config if isinstance(config, ReportConfig) else read_config(config)
    draft = draft if isinstance(draft, Draft) else read_draft(draft, language or _language(config))
    survey = survey if isinstance(survey, Survey) else read_surveyxact(survey)
    words = builtin_vocabulary()
    if vocabulary is not None:
        words = words.extended(vocabulary)
    facts, language, sources, registry = _facts(survey, claims, config, language)
    if registry is not None:
        _same_export(registry, survey, claims)
    checker = Checker(facts, words, language, registry)
    rows = []
    from toolkit.progress import progress_bar

    long = len(draft.passages) > 2_000
    for passage in progress_bar(draft.passages, desc="checking", unit="passage", show=long):
        rows += checker.passage(passage)
    _inconsistent(rows, language)
    rows += sum_findings(draft, checker.label_sets, language)
    return Findings(rows, draft=draft.path.name, sources=", ".join(sources), language=language)
