"""The survey's own facts in a draft: invited, answered, completed and the response rate,
checked against the export's response status (hand count with openpyxl: SurveyXact's
status columns stato_3 "Noen svar" and stato_4 "Gjennomført", one row per invitee)."""

from __future__ import annotations

from openpyxl import load_workbook

from toolkit import check_draft
from toolkit.data import example_round


def _hand_count():
    book = load_workbook(example_round(), read_only=True)
    rows = list(book["Dataset"].iter_rows(values_only=True))
    head = list(rows[0])
    partial = sum(1 for r in rows[1:] if r[head.index("stato_3")] == 1)
    complete = sum(1 for r in rows[1:] if r[head.index("stato_4")] == 1)
    return len(rows) - 1, partial + complete, complete


def test_invited_answered_completed_and_the_response_rate(tmp_path):
    invited, answered, complete = _hand_count()
    rate = round(100 * answered / invited)
    draft = tmp_path / "utkast.md"
    draft.write_text(
        f"# Om undersøkelsen\n\nSpørreskjemaet ble sendt til {invited} ledere. Av dem svarte "
        f"{answered}, og {complete} gjennomførte hele skjemaet.\n\n"
        f"Svarprosenten ble {rate} %.\n\nSvarprosenten ble {rate + 6} %.\n\n"
        f"{complete - 1} gjennomførte hele skjemaet.\n",
        encoding="utf-8",
    )
    frame = check_draft(draft, survey=example_round()).to_frame()
    kinds = dict(zip(frame["claim"], frame["kind"], strict=True))
    assert kinds[str(invited)] == kinds[str(answered)] == kinds[str(complete)] == "ok"
    assert kinds[f"{rate} %"] == "ok"
    assert kinds[f"{rate + 6} %"] == "mismatch"
    assert kinds[str(complete - 1)] in ("mismatch", "inconsistent-n")
