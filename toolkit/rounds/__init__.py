"""Survey rounds: compare codebooks, harmonise, stack, import a new round, store."""
