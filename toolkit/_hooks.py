"""A test hook for crash safety: ``TOOLKIT_TEST_KILL_AT=<stage>`` kills the process at that
named stage of a report build or a round import, as a power cut or a killed terminal
would. Tests use it to see that nothing is lost or left half-done; a user never sets it.

Examples
--------
>>> stop_here("not-set")  # without the variable, nothing happens
"""

from __future__ import annotations

import os


def stop_here(stage: str) -> None:
    """Kill this process (SIGKILL: no clean-up runs) when ``TOOLKIT_TEST_KILL_AT`` names
    ``stage``.

    Parameters
    ----------
    stage : str
        The stage's name ("copied", "charts", …).
    """
    if os.environ.get("TOOLKIT_TEST_KILL_AT") == stage:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)
