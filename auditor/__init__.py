"""auditor: audit machine-translated news copy before it is published."""

__version__ = "0.1.0"
