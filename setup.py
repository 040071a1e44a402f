"""Ship the example data with the package: ``pip install .`` copies ``surveys/``,
``transcripts/``, ``notebooks/`` and ``report.toml`` into ``toolkit/_examples/`` so
``toolkit.data`` finds them without a clone. Everything else is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

EXAMPLES = ("surveys", "transcripts", "notebooks", "report.toml")
SKIP = shutil.ignore_patterns(".cache", ".ipynb_checkpoints", "__pycache__", "*.pyc")


class BuildWithExamples(build_py):
    def run(self):
        super().run()
        root = Path(__file__).parent
        target = Path(self.build_lib) / "toolkit" / "_examples"
        for name in EXAMPLES:
            source = root / name
            if not source.exists():
                continue
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=SKIP, dirs_exist_ok=True)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithExamples})
