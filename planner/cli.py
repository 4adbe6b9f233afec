"""The `planner` command line: one application object, one module per command.

Commands are imported only when they run, so `planner --help` stays fast and
the heavy libraries (pulumi-gcp, pulumi-aws, matplotlib) load only where needed.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from typing import Any

import click

from planner import __version__
from planner.core.errors import EXIT_BAD_INPUT, EXIT_CODES_HELP, EXIT_FAILED, EXIT_INTERRUPTED, PlannerError, one_line

# command name -> (module, one-line help shown by `planner --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "inventory": ("planner.commands.inventory", "Read every resource of an AWS account (read-only) into inventory.json."),
    "plan": ("planner.commands.plan", "Map an inventory to Google Cloud or a fresh AWS: plan.json."),
    "generate": ("planner.commands.generate", "Write a Pulumi project for a plan."),
    "preview": ("planner.commands.preview", "Run a generated Pulumi project under mocks and list what it creates."),
    "estimate": ("planner.commands.estimate", "Effort, downtime, deadline and cost of a plan."),
    "demo": ("planner.commands.demo", "The whole pipeline against an embedded AWS emulator."),
}

MAIN_HELP = f"""Plan the move off a cloud account before the deadline.

\b
The pipeline, one command per arrow, one file per box:
  AWS account --inventory--> inventory.json --plan--> plan.json
  plan.json --generate--> Pulumi project --preview--> resource tree
  plan.json --estimate--> cost, effort, downtime, deadline (table/json/md/html)

\b
Start here:
  planner demo                      # everything, against an embedded emulator
  planner inventory --regions all --out inventory.json
  planner plan inventory.json --target gcp --out plan.json

Options can also come from PLANNER_* environment variables: the common ones
are named in each command's --help (PLANNER_PROFILE, PLANNER_REGIONS,
PLANNER_TARGET, PLANNER_STACK, PLANNER_BANDWIDTH, PLANNER_DEBUG, ...), and any
option reads PLANNER_<COMMAND>_<OPTION> (PLANNER_PLAN_OUT, PLANNER_DEMO_OUT).
--debug goes before the command: planner --debug plan ...

{EXIT_CODES_HELP}
"""


class ReportedError(click.ClickException):
    """A `PlannerError` on its way out: one line on stderr, its own exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use and whose errors are one line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, _ = COMMANDS[cmd_name]
        module = importlib.import_module(module_name)
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_text) for name, (_, help_text) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except PlannerError as exc:
            if _debug_requested(ctx):
                raise
            raise ReportedError(one_line(str(exc)), exc.exit_code) from None
        except KeyboardInterrupt:
            raise ReportedError("interrupted", EXIT_INTERRUPTED) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users
            if _debug_requested(ctx):
                raise
            raise _reported(exc) from None


def _reported(exc: Exception) -> ReportedError:
    """An exception no command turned into a PlannerError, as its one line."""
    if isinstance(exc, UnicodeEncodeError) and exc.reason == "surrogates not allowed":
        # Read from an input (a JSON or YAML "\ud800" escape) by a loader that does not check for it itself;
        # atomic writes leave every earlier output as it was.
        code_point = ord(str(exc.object)[exc.start])
        return ReportedError(f"an input holds \\u{code_point:04x}, half of a UTF-16 pair alone, which is not text; "
                             "fix or remove that string", EXIT_BAD_INPUT)
    return ReportedError(f"{type(exc).__name__}: {one_line(str(exc))} (run with --debug for the traceback)",
                         EXIT_FAILED)


def _debug_requested(ctx: click.Context) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug")) or os.environ.get("PLANNER_DEBUG", "").lower() in {"1", "true", "yes"}


@click.group(cls=LazyGroup, help=MAIN_HELP, context_settings={"auto_envvar_prefix": "PLANNER", "help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="planner")
@click.option("--debug", is_flag=True, envvar="PLANNER_DEBUG", help="Show full tracebacks on errors.")
@click.pass_context
def app(ctx: click.Context, debug: bool) -> None:
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main() -> None:
    """Console-script entry point.

    With --debug, errors escape click with their traceback; the exit code stays
    the documented one (3 for a bad input file...) instead of Python's 1.
    """
    try:
        app(prog_name="planner")
    except PlannerError as exc:
        traceback.print_exc()
        sys.exit(exc.exit_code)
    except Exception:  # noqa: BLE001 - only reached with --debug: the traceback was asked for
        traceback.print_exc()
        sys.exit(EXIT_FAILED)


if __name__ == "__main__":
    main()
