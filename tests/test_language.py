"""The report vocabulary (toolkit/texts.toml) is complete where it must be."""

import re

from toolkit.language import TEXTS, text


def test_english_has_every_key_so_no_norwegian_leaks_into_an_english_report():
    assert sorted(set(TEXTS["nb"]) - set(TEXTS["en"])) == []


def test_nynorsk_only_overrides_keys_bokmal_has():
    assert sorted(set(TEXTS["nn"]) - set(TEXTS["nb"])) == []


def test_placeholders_agree_between_languages():
    def fields(s):
        return sorted(set(re.findall(r"{(\w+)}", s)))

    for language in ("nn", "en"):
        for key, value in TEXTS[language].items():
            assert fields(value) == fields(TEXTS["nb"][key]), (language, key)


def test_fallback_and_filling():
    assert text("source", "nn") == "Kjelde"
    assert text("table", "nn") == "Tabell"  # not overridden: the bokmål word
    assert text("change_title", "en", a="2025", b="2026") == "Change from 2025 to 2026"
    assert text("no such key") == "no such key"
