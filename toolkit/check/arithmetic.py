"""Checks that need no data: a sentence's numbers against each other.

A researcher who built the tables by hand can still be told, from the draft alone, that

* "x av y (z %)" does not hold (7 av 12 is 58 %, not 48 %);
* a mean or a share with its N is impossible for whole-number answers (GRIM: a mean of
  3,47 from N = 12 answers on a 1–5 scale cannot be, as 12 × 3,47 = 41,64 is no whole
  number after rounding; 46 % of 12 cannot be, as 5/12 is 42 % and 6/12 is 50 %);
* a test statistic and its degrees of freedom do not give the p printed beside them
  ("χ²(4) = 6,0; p = 0,02": the p of χ² = 6,0 on 4 df is 0,20), recomputed as statcheck
  does, allowing for the rounding of the statistic;
* "signifikant" is said of a p of 0,05 or more, or "ikke signifikant" of one below.

Each returns a finding of kind ``inconsistent`` (an error) with the claim as written, the
value that would hold, and the rule applied. Weighted shares and means are exempt from
GRIM (a weighted mean need not be a whole number over N): a sentence that says it is
weighted ("vektet", "weighted") is not tested.

Examples
--------
>>> [r["claim"] for r in arithmetic_findings("7 av 12 ledere (48 %) svarte ja.")]
['48 %']
>>> [r["value"] for r in arithmetic_findings("χ²(4) = 6,0; p = 0,02.")]
['p = 0,199']
>>> arithmetic_findings("Gjennomsnittet var 3,5 (N = 12).")
[]
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from itertools import pairwise

from toolkit.language import text
from toolkit.present.parse import find_numbers, parse_number

_NUM = r"[−\-]?\d+(?:[.,]\d+)?"
_P = rf"p\s*(?P<op>[=<>≤])\s*(?P<p>{_NUM})"
_SEP = r"\s*[,;]\s*"
TESTS = [
    (
        "chi2",
        re.compile(
            rf"(?:χ²|χ2|chi2|kji2)\s*(?:\(\s*(?P<df>\d+)(?:\s*[,;]\s*N\s*=\s*[\d\s]+)?\s*\))?"
            rf"\s*=\s*(?P<stat>{_NUM})(?:{_SEP}df\s*=\s*(?P<df2>\d+))?{_SEP}{_P}",
            re.IGNORECASE,
        ),
    ),
    (
        "F",
        re.compile(
            rf"\bF\s*\(\s*(?P<df1>{_NUM})\s*(?:;|,(?=\s))\s*(?P<df2>{_NUM})\s*\)\s*=\s*"
            rf"(?P<stat>{_NUM}){_SEP}{_P}"
        ),
    ),
    ("t", re.compile(rf"\bt\s*\(\s*(?P<df>{_NUM})\s*\)\s*=\s*(?P<stat>{_NUM}){_SEP}{_P}")),
    ("z", re.compile(rf"\bz\s*=\s*(?P<stat>{_NUM}){_SEP}{_P}")),
]
_MEAN = re.compile(r"gjennomsnitt\w*|snitt\w*|middelverdi\w*|\bmean\b|\baverage\b", re.I)
_WEIGHTED = re.compile(r"vekt\w*|weight\w*", re.IGNORECASE)
_SIGNIFICANT = re.compile(r"(?P<not>\b(?:ikke|ikkje|not|no)\s+)?(?:statistisk\s+)?"
                          r"(?:signifikant\w*|significant\w*)", re.IGNORECASE)  # fmt: skip


def _places(raw: str) -> int:
    """Decimals as written, with a comma or (in English) a point: "0,20", "0.05"."""
    return len(raw.split(",")[1]) if "," in raw else len(raw.split(".")[1]) if "." in raw else 0


def _rounded(value: float, places: int, mode) -> float:
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=mode))


def _shows(value: float, shown: float, places: int) -> bool:
    """``value`` rounded to ``places`` (half up or half to even) is ``shown``."""
    return any(
        abs(_rounded(value, places, mode) - shown) < 1e-9
        for mode in (ROUND_HALF_UP, ROUND_HALF_EVEN)
    )


def _number(value: float, places: int, language: str) -> str:
    shown = f"{value:.{places}f}"
    return shown.replace(".", ",") if language != "en" else shown


def _finding(sentence: str, claim: str, value: str, rule: str) -> dict:
    return {
        "kind": "inconsistent",
        "text": sentence,
        "claim": claim,
        "value": value,
        "correction": value,
        "mapping": rule,
    }


def _shares(sentence: str, language: str) -> list[dict]:
    """ "x av y (z %)": z must be 100·x/y at z's decimals."""
    out = []
    numbers = find_numbers(sentence)
    for i, number in enumerate(numbers[:-1]):
        share = numbers[i + 1]
        if number.kind != "x_of_y" or share.kind != "percent" or not number.total:
            continue
        between = sentence[number.end : share.start]
        if len(between) > 60 or "(" not in between + sentence[share.start - 1 : share.start]:
            continue
        exact = 100 * number.value / number.total
        if _shows(exact, share.value, share.decimals):
            continue
        right = _number(exact, share.decimals, language) + (" %" if language != "en" else "%")
        rule = text("check_rule_share", language, x=number.raw, y=right)
        out.append(_finding(sentence, share.raw, right, rule))
    return out


_OF = re.compile(r"\s*(?:av|of)\s+(?:de\s+|dei\s+|the\s+)?")


def _grim_mean(sentence: str, numbers, language: str) -> list[dict]:
    """A mean (with decimals) of whole-number answers that its one N makes impossible."""
    bases = [n for n in numbers if n.kind == "n" and n.total is None and n.value >= 1]
    if len(bases) != 1 or not _MEAN.search(sentence):
        return []
    n, out = int(bases[0].value), []
    for mean in (m for m in numbers if m.kind == "decimal" and m.decimals >= 1):
        if n >= 10**mean.decimals:
            continue  # every mean is possible: GRIM says nothing
        totals = (math.floor(mean.value * n) + k for k in (-1, 0, 1, 2))
        if not any(_shows(t / n, mean.value, mean.decimals) for t in totals):
            rule = text("check_rule_grim_mean", language, n=n, mean=mean.raw)
            out.append(_finding(sentence, mean.raw, "–", rule))
    return out


def _grim_share(sentence: str, numbers, language: str) -> list[dict]:
    """A share "z % av N" (or "z % (N = n)") that no whole count of N gives."""
    out = []
    for share, following in pairwise(numbers):
        between = sentence[share.end : following.start]
        of = following.kind == "count" and _OF.fullmatch(between)
        base = following.kind == "n" and re.fullmatch(r"\s*\(?\s*", between)
        if share.kind != "percent" or not (of or base):
            continue
        n = int(following.value)
        if n < 1 or n >= 100 * 10**share.decimals:
            continue
        counts = (math.floor(share.value * n / 100) + k for k in (-1, 0, 1, 2))
        if not any(_shows(100 * c / n, share.value, share.decimals) for c in counts if c >= 0):
            rule = text("check_rule_grim_share", language, n=n, share=share.raw)
            out.append(_finding(sentence, share.raw, "–", rule))
    return out


def _grim(sentence: str, language: str) -> list[dict]:
    """GRIM on a sentence that does not say it is weighted."""
    if _WEIGHTED.search(sentence):
        return []
    numbers = find_numbers(sentence)
    return _grim_mean(sentence, numbers, language) + _grim_share(sentence, numbers, language)


def _pparse_number(kind: str, statistic: float, groups: dict) -> float | None:
    from toolkit.analysis._lazy_scipy import stats

    if kind == "chi2":
        df = groups.get("df") or groups.get("df2")
        return None if df is None else float(stats.chi2.sf(statistic, float(df)))
    if kind == "F":
        return float(
            stats.f.sf(statistic, parse_number(groups["df1"]), parse_number(groups["df2"]))
        )
    if kind == "t":
        return float(2 * stats.t.sf(abs(statistic), parse_number(groups["df"])))
    return float(2 * stats.norm.sf(abs(statistic)))


def _tests(sentence: str, language: str) -> list[dict]:
    """statcheck: the p a statistic and its df give, against the p printed; and the word
    "signifikant" against that p."""
    out = []
    cited = []
    for kind, pattern in TESTS:
        for match in pattern.finditer(sentence):
            groups = match.groupdict()
            raw, printed, op = groups["stat"], parse_number(groups["p"]), groups["op"]
            cited.append((op, printed))
            statistic, half = parse_number(raw), 0.5 * 10 ** -_places(raw)
            ends = [_pparse_number(kind, abs(statistic) + d, groups) for d in (-half, half)]
            if None in ends:
                continue
            low, high = min(ends), max(ends)
            unit = 0.5 * 10 ** -_places(groups["p"])
            fits = {
                "=": low - unit <= printed <= high + unit,
                "<": low < printed,
                "≤": low <= printed,
                ">": high > printed,
            }[op]
            if fits:
                continue
            exact = _pparse_number(kind, abs(statistic), groups)
            shown = "p < 0,001" if exact < 0.001 else f"p = {_number(exact, 3, language)}"
            if language == "en":
                shown = shown.replace(",", ".")
            rule = text("check_rule_p", language, test=match.group(0).split("p")[0].strip(" ,;"))
            out.append(_finding(sentence, f"p {op} {groups['p']}", shown, rule))
    word = _SIGNIFICANT.search(sentence)
    if word and cited:
        op, printed = cited[0]
        below = printed < 0.05 or (op in "<≤" and printed <= 0.05)
        if bool(word.group("not")) == below:
            rule = text("check_rule_significant", language)
            out.append(
                _finding(sentence, word.group(0), f"p {op} {_number(printed, 3, language)}", rule)
            )
    return out


def arithmetic_findings(sentence: str, language: str = "nb") -> list[dict]:
    """Every check of this module on one sentence (see module docstring).

    Parameters
    ----------
    sentence : str
        A sentence (or a table cell) of the draft.
    language : str
        The findings' language (nb, nn, en).

    Returns
    -------
    list of dict
        Findings of kind ``inconsistent``: ``text``, ``claim``, ``value``, ``correction``,
        ``mapping`` (the rule).

    Examples
    --------
    >>> [r["claim"] for r in arithmetic_findings("Snittet var 3,47 (N = 12).")]
    ['3,47']
    >>> said = "Forskjellen er signifikant (t(45) = 1,2; p = 0,24)."
    >>> [r["claim"] for r in arithmetic_findings(said)]
    ['signifikant']
    """
    return _shares(sentence, language) + _grim(sentence, language) + _tests(sentence, language)
