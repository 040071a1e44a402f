"""Survey rounds: compare codebooks, harmonise, stack, import a new round, store."""

from toolkit.rounds.compare import compare_codebooks
from toolkit.rounds.importer import ImportResult, import_round
from toolkit.rounds.project import Rounds, read_rounds

__all__ = ["ImportResult", "Rounds", "compare_codebooks", "import_round", "read_rounds"]
