"""Errors the CLI turns into one clear line and exit code 2."""


class AuditorError(Exception):
    """A usage, input or set-up problem the user can fix; never shown as a traceback."""

    exit_code = 2
