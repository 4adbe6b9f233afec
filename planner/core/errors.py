"""User-facing errors and the exit codes the CLI documents.

Anything raised as a `PlannerError` is printed as one line on stderr and ends
the command with its `exit_code`; a traceback is shown only with `--debug`.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_COMPLETED_WITH_ERRORS = 1  # the job finished, but parts failed (see errors[])
EXIT_USAGE = 2  # a wrong flag or argument (click's own code for usage errors)
EXIT_BAD_INPUT = 3  # an input file is missing, corrupt or of the wrong schema
EXIT_FAILED = 4  # the job could not finish (no credentials, a program that fails)
EXIT_INTERRUPTED = 130  # Ctrl-C: the shell's convention, 128 + SIGINT

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 finished but some parts failed (listed in the "
    "output); 2 usage error; 3 bad input file; 4 the job could not run; "
    "130 interrupted (Ctrl-C). Output files are written atomically: a failed "
    "or interrupted command never leaves one half-written."
)


class PlannerError(Exception):
    """An error the user can act on; printed without a traceback."""

    exit_code: int = EXIT_FAILED

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputFileError(PlannerError):
    """An input file that cannot be read, parsed or validated."""

    exit_code = EXIT_BAD_INPUT


class UsageError(PlannerError):
    """A bad combination of options found after click's own parsing."""

    exit_code = EXIT_USAGE


class OutputFileError(PlannerError, OSError):
    """An output file that cannot be written (a full disk, a parent that is a file, no permission).

    Still an `OSError`, so code that handles failed writes keeps working.
    """

    exit_code = EXIT_FAILED


TOO_DEEP = "nested too deeply to read (arrays or objects inside each other more than a few hundred levels)"
MAX_ERROR_CHARS = 400  # an error line stays readable, and an echoed response body never floods a CI log


def one_line(text: str, limit: int = MAX_ERROR_CHARS) -> str:
    """`text` with every run of whitespace (newlines included) as one space, cut to `limit` characters: errors are
    printed on one line of bounded length."""
    joined = " ".join(text.split())
    if len(joined) <= limit:
        return joined
    return f"{joined[:limit].rstrip()}... ({len(joined) - limit:,} more characters not shown)"
