"""Sub-commands of the ``auditor`` CLI, one module each."""
