"""Themes stage: frequencies, co-occurrence, quotes and agreement over a Corpus."""
