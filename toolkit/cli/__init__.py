"""The ``toolkit`` command: a thin layer over the library.

Errors print as advice and exit 2; nothing ever prints a traceback (an unexpected error,
a bug, prints one line saying so and exits 3; ``TOOLKIT_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import os
import sys

from toolkit.cli import check, inspect, redact, report, rounds
from toolkit.errors import ToolkitError


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="toolkit", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True)
    for command in (inspect, report, rounds, check, redact):
        command.add_parser(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ToolkitError as err:
        print(f"toolkit: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("toolkit: stopped", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output was piped into `head`: nothing more is read
        sys.stderr.close()
        return 0
    except Exception as exc:  # a bug: say so in one line, never a traceback
        if os.environ.get("TOOLKIT_DEBUG"):
            raise
        print(
            f"toolkit: unexpected error ({type(exc).__name__}: {str(exc)[:300]}); this is a "
            "bug in the toolkit, please report it with the command you ran "
            "(TOOLKIT_DEBUG=1 shows the details)",
            file=sys.stderr,
        )
        return 3


__all__ = ["main", "parser"]
