"""The build cache (issue 19): a rebuild redoes only what changed, writes the same bytes as a
cold build, and keeps its pickles out of raw-data folders and out of other users' reach."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.report.helpers import digests
from toolkit.errors import UsageError
from toolkit.report import build_report
from toolkit.report.cache import BuildCache

CONFIG = """\
[report]
title = "Ledersurvey"
by = ["kontorstr"]

[parts]
tests = true

[[chapters]]
title = "Samarbeid"
questions = ["b1"]

[[chapters]]
title = "Tid"
questions = ["t1"]
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The example round alone in a project folder, with a two-chapter report.toml."""
    from toolkit.data import example_round

    folder = tmp_path_factory.mktemp("cached")
    (folder / "data").mkdir()
    shutil.copy(example_round(), folder / "data" / "ledere.xlsx")
    (folder / "report.toml").write_text(CONFIG, encoding="utf-8")
    return folder


def _build(project: Path, out: str, config: str = CONFIG, **options):
    path = project / f"{out}.toml"
    path.write_text(config, encoding="utf-8")
    return build_report(
        project / "data/ledere.xlsx", project / out, config=path, progress=False, **options
    )


def _same_outputs(a: Path, b: Path) -> None:
    """Every output file byte for byte (the manifest names its configuration file, which
    differs by name only: compared without that entry)."""
    left, right = digests(a), digests(b)
    assert left.keys() == right.keys()
    differing = [name for name in left if left[name] != right[name]]
    assert differing in ([], ["manifest.json"])
    if differing:
        strip = re.compile(r'\{[^{}]*"path": "[^"]*\.toml"[^{}]*\}')
        texts = [strip.sub("", (f / "manifest.json").read_text()) for f in (a, b)]
        assert texts[0] == texts[1]


def test_a_cached_rebuild_writes_the_bytes_of_a_cold_build(project):
    cold = _build(project, "cold", cache=False)
    first = _build(project, "first")
    again = _build(project, "again")
    assert (cold.reused, first.reused) == (0, 0)
    assert again.made == 0 and again.reused == len(again.sections) == len(cold.sections)
    assert "from the cache" in again.summary()
    _same_outputs(cold.folder, again.folder)
    assert (project / ".toolkit-cache").is_dir()  # beside the output folders
    assert not (project / "data" / ".toolkit-cache").exists()


def test_a_new_report_title_reuses_every_section_and_a_chapter_title_only_its_own(project):
    _build(project, "warm")
    retitled = CONFIG.replace('title = "Ledersurvey"', 'title = "Ny tittel"')
    result = _build(project, "retitled", retitled)
    assert result.made == 0
    cold = _build(project, "retitled-cold", retitled, cache=False)
    _same_outputs(cold.folder, result.folder)
    renamed = CONFIG.replace('title = "Tid"', 'title = "Tid og arbeidspress"')
    result = _build(project, "renamed", renamed)
    assert result.made == 1
    assert [s.title for s in result.sections][-1] == "Tid og arbeidspress"
    reordered = CONFIG.replace('"b1"', "B").replace('"t1"', '"b1"').replace("B", '"t1"')
    assert _build(project, "reordered", reordered).made == 2  # chapters now hold others
    swapped = CONFIG.split("[[chapters]]")
    swapped = swapped[0] + "[[chapters]]" + swapped[2].rstrip() + "\n\n[[chapters]]" + swapped[1]
    result = _build(project, "swapped", swapped)
    assert result.made == 0 and [s.title for s in result.sections][-2:] == ["Tid", "Samarbeid"]


def test_a_changed_setting_or_export_is_made_anew(project, tmp_path):
    _build(project, "base")
    assert _build(project, "min-base", CONFIG.replace("[parts]", "[parts]\n")).made == 0
    changed = CONFIG.replace('by = ["kontorstr"]', 'by = ["kontorstr"]\nmin_base = 30')
    result = _build(project, "min-base-30", changed)
    assert result.reused == 0  # every section depends on min_base
    other = tmp_path / "data"
    other.mkdir()
    export = other / "ledere.xlsx"
    shutil.copy(project / "data/ledere.xlsx", export)
    with export.open("ab") as handle:  # another file: bytes differ, content still readable
        handle.write(b"\0")
    config = project / "base.toml"
    result = build_report(export, tmp_path / "out", config=config, progress=False)
    assert result.reused == 0


def test_the_cache_never_lies_in_the_exports_folder(project, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    config = project / "report.toml"
    export = project / "data/ledere.xlsx"
    with pytest.raises(UsageError, match="raw data"):
        build_report(export, tmp_path / "x", config=config, progress=False, cache=project / "data")
    # an output folder beside the export: the cache goes to the user's cache folder
    result = build_report(export, project / "data" / "build", config=config, progress=False)
    assert not (project / "data" / ".toolkit-cache").exists()
    assert any((tmp_path / "user-cache" / "toolkit").rglob("*.pickle"))
    shutil.rmtree(result.folder)


def test_a_cache_folder_others_can_write_to_is_not_used(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o777)  # a planted pickle would run its code
    cache = BuildCache(folder)
    assert cache.folder is None and cache.refused == str(folder)
    cache.put("k", 1)
    assert cache.get("k") is None and not any(folder.iterdir())


def test_the_least_recently_used_entries_go_when_the_cache_is_full(tmp_path):
    cache = BuildCache(tmp_path / "c", cap=3_200)  # three pickles of 1 000 bytes
    for index in range(5):
        cache.put(f"{index:02d}" + "0" * 62, b"x" * 1_000)
        os.utime(cache._path(f"{index:02d}" + "0" * 62), (index, index))
    cache.get("01" + "0" * 62)  # used now: kept
    cache.trim()
    kept = sorted(p.stem[:2] for p in (tmp_path / "c").glob("*/*.pickle"))
    assert kept == ["01", "03", "04"]


def test_an_unreadable_entry_is_made_again(tmp_path):
    cache = BuildCache(tmp_path / "c")
    key = cache.key("section", "x")
    cache.put(key, {"a": 1})
    cache._path(key).write_bytes(b"not a pickle")
    assert cache.get(key) is None


def test_an_output_folder_among_the_transcripts_keeps_its_cache_elsewhere(tmp_path, monkeypatch):
    """Beside an output folder inside the corpus folder the report.toml names, the default
    cache would lie among the transcripts: it goes to the user's cache folder instead, and a
    --cache there is refused."""
    from toolkit.report.cache import cache_for as _cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    (tmp_path / "data").mkdir()
    export = tmp_path / "data/x.xlsx"
    export.write_bytes(b"")
    (tmp_path / "intervjuer").mkdir()
    config = tmp_path / "report.toml"
    config.write_text('[corpus]\npath = "intervjuer/p.qdpx"\n', encoding="utf-8")
    chosen = _cache(True, export, tmp_path / "intervjuer/build", config)
    assert chosen.folder == tmp_path / "user/toolkit"
    assert _cache(True, export, tmp_path / "build", config).folder == tmp_path / ".toolkit-cache"
    with pytest.raises(UsageError, match="raw data"):
        _cache(tmp_path / "intervjuer/cache", export, tmp_path / "build", config)


def test_a_csv_exports_folder_is_raw_data_but_its_parent_is_not(tmp_path, monkeypatch):
    """A SurveyXact CSV export is a folder: the cache may lie beside it (in the project),
    not in it."""
    from toolkit.report.cache import cache_for

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    export = tmp_path / "eksport"
    export.mkdir()
    assert cache_for(True, export, tmp_path / "build").folder == tmp_path / ".toolkit-cache"
    assert cache_for(True, export, export / "build").folder == tmp_path / "user/toolkit"


def test_a_parsed_configuration_names_its_raw_folders_too(tmp_path, monkeypatch):
    """build_report(config=ReportConfig) once left the rounds and transcripts folders out of
    the cache's raw-data check (only a path to report.toml was read for them)."""
    from toolkit.report.cache import cache_for
    from toolkit.report.config import read_config

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    (tmp_path / "data").mkdir()
    (tmp_path / "intervjuer").mkdir()
    export = tmp_path / "data/x.xlsx"
    config = tmp_path / "report.toml"
    config.write_text('[corpus]\npath = "intervjuer/p.qdpx"\n', encoding="utf-8")
    parsed = read_config(config)
    chosen = cache_for(True, export, tmp_path / "intervjuer/build", parsed)
    assert chosen.folder == tmp_path / "user/toolkit"
