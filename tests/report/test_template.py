"""A house Word template gives the report its styles, page and header, nothing else
(issue 20): no document properties, custom XML, comments or external links of the
template reach report.docx, and a template that would unpack past the zip limits is refused
before any work."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from toolkit.errors import ToolkitError
from toolkit.report import build_report

CONFIG = '[report]\ntitle = "Ledersurvey"\nreference_docx = "mal.docx"\n\n'
CONFIG += '[[chapters]]\ntitle = "Samarbeid"\nquestions = ["b1"]\n'
SECRET = ("Fortrolig kunde", "hemmelig, intern", "Kunde AS", "Sjef Sjefesen", "Kun til intern bruk")
REMOTE = "https://maler.eksempel.invalid/hus.dotx"


def _house_template(path: Path) -> None:
    """A template as a house would have one: a style, margins and a header worth keeping;
    properties, custom XML, a comment part and a remote attachedTemplate not."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm

    document = docx.Document()
    document.styles.add_style("Husstil", WD_STYLE_TYPE.PARAGRAPH)
    document.sections[0].left_margin = Cm(3.1)
    document.sections[0].header.paragraphs[0].text = "Husets topptekst"
    properties = document.core_properties
    properties.subject, properties.keywords, properties.author = SECRET[0], SECRET[1], SECRET[3]
    properties.comments = SECRET[4]
    document.add_paragraph("Malens egen tekst")
    document.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["customXml/item1.xml"] = f"<kunde>{SECRET[2]}</kunde>".encode()
    parts["docProps/app.xml"] = (
        '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
        f'officeDocument/2006/extended-properties"><Company>{SECRET[2]}</Company>'
        f"<Manager>{SECRET[3]}</Manager></Properties>"
    ).encode()
    parts["word/_rels/settings.xml.rels"] = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
        'formats.org/officeDocument/2006/relationships/attachedTemplate" '
        f'Target="{REMOTE}" TargetMode="External"/></Relationships>'
    ).encode()
    settings = parts["word/settings.xml"].decode()
    parts["word/settings.xml"] = settings.replace(
        "<w:zoom", '<w:attachedTemplate r:id="rId1"/><w:zoom', 1
    ).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/customXml" Target="../customXml/item1.xml"/></Relationships>',
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.fixture
def project(tmp_path) -> Path:
    from toolkit.data import example_round

    shutil.copy(example_round(), tmp_path / "ledere.xlsx")
    (tmp_path / "report.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def test_only_styles_page_and_header_come_from_the_template(project):
    import docx
    from docx.shared import Cm

    _house_template(project / "mal.docx")
    result = build_report(
        project / "ledere.xlsx", project / "out", config=project / "report.toml", progress=False
    )
    path = result.outputs["docx"]
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        everything = b"".join(package.read(n) for n in names).decode("utf-8", "replace")
    assert not [n for n in names if n.startswith("customXml")]
    for secret in SECRET:
        assert secret not in everything, secret
    assert REMOTE not in everything and 'TargetMode="External"' not in everything
    assert "attachedTemplate" not in everything
    assert "Malens egen tekst" not in everything  # the template's body is not the report's
    report = docx.Document(str(path))
    assert "Husstil" in [s.name for s in report.styles]
    assert abs(report.sections[0].left_margin - Cm(3.1)) < Cm(0.01)
    assert report.sections[0].header.paragraphs[0].text == "Husets topptekst"
    assert report.paragraphs[0].text == "Ledersurvey"


def test_a_template_that_unpacks_past_the_limits_is_refused_before_any_work(project):
    bomb = project / "mal.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
        with package.open("word/media/image1.png", "w") as member:  # 96 MiB of zeros
            for _ in range(96):
                member.write(bytes(1 << 20))
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(ToolkitError, match=re.escape("mal.docx")) as error:
        build_report(
            project / "ledere.xlsx", project / "out", config=project / "report.toml", progress=False
        )
    assert "unpack" in str(error.value) or "limit" in str(error.value)
    assert not (project / "out").exists()
