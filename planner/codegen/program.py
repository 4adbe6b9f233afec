"""The generated program's files for a plan: record the builders, print the tree, format, add derived.py."""

from __future__ import annotations

import inspect

from planner.codegen.emit import DERIVED_MODULE, emit_program
from planner.codegen.format import format_modules
from planner.codegen.record import record
from planner.core.model.plan import Plan
from stacks.common import derived

# Appended to the copy of stacks/common/derived.py: the generated program's derive(), as stacks.common.derive's.
DERIVE_FUNCTION = '''

def derive(function: Any, *inputs: Any, **constants: Any) -> Any:
    """`function(*input values, **constants)` once the inputs are known (a pulumi.Output)."""
    import pulumi

    return pulumi.Output.all(*inputs).apply(lambda values: function(*values, **constants))
'''


def program_files(plan: Plan, *, header: str) -> dict[str, str]:
    """File name -> text of the Pulumi program that creates what the target's builders create for `plan`."""
    files = format_modules(emit_program(record(plan), plan, header=header))
    files[f"{DERIVED_MODULE}.py"] = inspect.getsource(derived) + DERIVE_FUNCTION
    return files
