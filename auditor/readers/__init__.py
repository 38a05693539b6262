"""Readers for input formats beyond plain text files."""
