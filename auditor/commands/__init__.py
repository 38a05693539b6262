"""Subcommands of the ``auditor`` CLI, one module each."""
