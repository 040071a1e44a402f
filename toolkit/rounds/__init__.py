"""Survey rounds: compare codebooks, harmonise, stack, import a new round, store."""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.rounds.compare import compare_codebooks
    from toolkit.rounds.importer import ImportResult, import_round
    from toolkit.rounds.project import Rounds, read_rounds

__getattr__, __dir__, __all__ = attach(__name__, __file__)
