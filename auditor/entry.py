"""The console entry point: one exit-code contract and no traceback, whatever happens.

Exit codes: ``0`` done, ``1`` a gate tripped (and nothing else), ``2`` every error (usage, input,
set-up, an unwritable output, a bug), ``130``/``143`` interrupted by SIGINT/SIGTERM. Every error is
one line on stderr, ``auditor: error: ...``; usage errors too, not Click's framed box.
``AUDITOR_DEBUG=1`` shows the traceback of an unexpected error.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence

import typer

try:  # typer vendors its own copy of Click since 0.2x
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer uses Click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

from auditor import output_guard, shutdown
from auditor.errors import AuditorError

ERROR = 2


def _say(message: str) -> None:
    one_line = " ".join(message.splitlines()).strip()
    print(f"auditor: error: {one_line}", file=sys.stderr)


def _usage(error: click_errors.UsageError) -> str:
    """A usage error in one line, with where to find help."""
    message = " ".join(error.format_message().split())
    command = error.ctx.command_path if error.ctx is not None else "auditor"
    return f"{message} (see '{command} --help')"


def run(app: typer.Typer, args: Sequence[str] | None = None) -> int:
    """Run the CLI with ``args`` and return its exit code; errors become one line on stderr."""
    output_guard.reset()
    try:
        code = app(args=list(sys.argv[1:] if args is None else args), prog_name="auditor", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except shutdown.Interrupted as interrupted:
        shutdown.cleanup()
        print("auditor: interrupted", file=sys.stderr)
        return interrupted.exit_code
    except typer.Abort:
        shutdown.cleanup()
        print("auditor: interrupted", file=sys.stderr)
        return 130
    except click_errors.UsageError as error:
        if type(error).__name__ == "NoArgsIsHelpError" and error.ctx is not None:
            print(error.ctx.get_help(), file=sys.stderr)  # bare ``auditor``: the help, as before
        else:
            _say(_usage(error))
    except click_errors.ClickException as error:
        _say(" ".join(error.format_message().split()))
    except AuditorError as error:
        _say(str(error))
    except MemoryError:
        _say("out of memory (see docs/reliability.md for auditor's limits; try fewer --jobs)")
    except RecursionError:
        _say("input nested too deeply to process")
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        _say(f"{where}{error.strerror or error}")
    except Exception as error:  # a bug: still one line and exit 2, never a traceback and never exit 1
        if os.environ.get("AUDITOR_DEBUG"):
            traceback.print_exc()
        _say(f"internal error: {type(error).__name__}: {error} (AUDITOR_DEBUG=1 shows the traceback)")
    shutdown.cleanup()
    return ERROR


def main(app: typer.Typer) -> None:
    """Install the signal handlers, run, and exit with the run's code."""
    shutdown.install()
    exit_now(run(app))


def exit_now(code: int) -> None:
    """Leave without tearing the interpreter down.

    Every report is written and closed by now; what remains is freeing millions of dictionary
    entries (word lists of 15 languages), about half a second of a run. Exit handlers still run
    (they stop a LanguageTool server this run started), output is flushed first.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    with contextlib.suppress(BaseException):
        atexit._run_exitfuncs()
    os._exit(code)
