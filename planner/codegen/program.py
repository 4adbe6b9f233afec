"""The generated program's files for a plan: record the builders, print the tree, format, add derived.py."""

from __future__ import annotations

import inspect

from planner.codegen.emit import DERIVED_MODULE, emit_program
from planner.codegen.format import RUFF_SETTINGS_FILE, format_modules, ruff_settings
from planner.codegen.record import record
from planner.core.model.plan import Plan
from planner.stackgen.policy import CORE_MODULE, RULES_MODULE
from stacks.common import derived

POLICY_MODULES = (CORE_MODULE, RULES_MODULE)

# Appended to the copy of stacks/common/derived.py: the generated program's derive(), as stacks.common.derive's.
DERIVE_FUNCTION = '''

def derive(function: Any, *inputs: Any, **constants: Any) -> Any:
    """`function(*input values, **constants)` once the inputs are known (a pulumi.Output)."""
    import pulumi

    return pulumi.Output.all(*inputs).apply(lambda values: function(*values, **constants))
'''


def program_files(plan: Plan, header: str) -> dict[str, str]:
    """File name -> text of the Pulumi program that creates what the target's builders create for `plan`."""
    modules = emit_program(record(plan), plan, header=header)
    modules[f"{DERIVED_MODULE}.py"] = inspect.getsource(derived) + DERIVE_FUNCTION
    first_party = sorted(name.removesuffix(".py") for name in modules if name != "__main__.py")
    files = format_modules(modules, first_party=first_party)
    files[RUFF_SETTINGS_FILE] = ruff_settings([*first_party, *POLICY_MODULES])  # policy/ is a program of its own
    return files
