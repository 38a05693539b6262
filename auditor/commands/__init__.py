"""Subcommands of the auditor CLI, one module each, registered in ``auditor.cli``."""
