"""The foreign-word check the configuration matrix runs on every build catches what it is
for: a fixed text left in another language, in any output a reader opens."""

from __future__ import annotations

from tests.conftest import small_tables
from tests.report.vocabulary import data_texts, foreign_words, visible_text
from toolkit.language import TEXTS
from toolkit.report import build_report
from toolkit.surveys.synthetic import write_xlsx_export


def test_planted_norwegian_in_an_english_build_is_found(tmp_path, monkeypatch):
    export = tmp_path / "tiny.xlsx"
    write_xlsx_export(small_tables(), export)
    config = tmp_path / "report.toml"
    config.write_text(
        '[report]\nlanguage = "en"\nby = ["ja"]\n\n[[chapters]]\ntitle = "Spørsmål"\n'
        'questions = ["q", "m"]\n',
        encoding="utf-8",
    )
    written = data_texts([export], config)
    clean = build_report(export, tmp_path / "clean", config=config, progress=False)
    assert foreign_words(clean.folder, "en", written) == []
    # the chapter title is the researcher's Norwegian and is seen, yet never flagged
    assert any("Spørsmål" in t for t in visible_text(clean.folder)["report.html"])
    # a fixed text left in Norwegian: the source line and the percent axis of figures
    monkeypatch.setitem(TEXTS["en"], "source", "Kilde")
    monkeypatch.setitem(TEXTS["en"], "percent_axis", "Prosent")
    planted = build_report(
        export, tmp_path / "planted", config=config, progress=False, cache=False, jobs=1
    )
    found = {
        (name.rsplit(".", 1)[-1], word)
        for name, word, _ in foreign_words(planted.folder, "en", written)
    }
    assert {("html", "kilde"), ("docx", "kilde"), ("svg", "prosent")} <= found
