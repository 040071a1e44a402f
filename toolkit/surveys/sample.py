"""Which respondents a Survey holds, and how it came to hold them.

Every :class:`~toolkit.surveys.survey.Survey` carries a :class:`Sample`: for an export as
read, just the respondents in it; after :meth:`Survey.filter` or
:func:`toolkit.sample_flow`, the named steps that made the analytic sample (each with its
rule and the N before and after). Summaries made from the survey carry the sample's name
and N in their ``attrs``, so a report prints one N for one sample.

Examples
--------
>>> sample = Sample().then(Step("Besvart", "status: Gjennomført or Noen svar", 258, 190))
>>> sample.n, sample.name, sample.describe()
(190, 'Besvart', 'Besvart (N=190)')
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Step:
    """One step of a sample flow as applied: its name, rule (as text) and N before/after."""

    name: str
    rule: str
    n_before: int
    n_after: int

    @property
    def removed(self) -> int:
        return self.n_before - self.n_after


@dataclass(frozen=True)
class Sample:
    """The steps that made a survey's respondents (none: the export as read)."""

    steps: tuple[Step, ...] = ()
    invited: int | None = None

    def then(self, step: Step) -> Sample:
        return replace(self, steps=(*self.steps, step))

    @property
    def name(self) -> str | None:
        """The last step's name: what the analytic sample is called."""
        return self.steps[-1].name if self.steps else None

    @property
    def n(self) -> int | None:
        return self.steps[-1].n_after if self.steps else None

    def describe(self) -> str:
        return f"{self.name} (N={self.n})" if self.steps else "alle respondenter i eksporten"

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "n": self.n,
            "invited": self.invited,
            "steps": [vars(step) for step in self.steps],
        }
