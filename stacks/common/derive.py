"""Values computed from outputs: `derive(function, *inputs, **constants)`, the one way builders do it.

    name = derive(derived.record_field, authorization.dns_resource_records, field="name")

`function` is a pure function of `stacks/common/derived.py` (standard library only), called with the
inputs' values and the constants (plain data). `planner generate` copies that module into the project it
writes and prints each call as it is here, so the generated program computes what the builders compute.
Plain text around outputs (`f"{arn}/*"`, `Output.concat`, `Output.json_dumps`) needs no `derive`: the
generator reads it from the values themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi

# Set by planner's code generator while it records the builders (planner/codegen/record.py): it is
# given the function, the inputs' values and the constants, and returns the value to use instead.
Recorder = Callable[[Callable[..., Any], list[Any], dict[str, Any]], Any]
recorder: Recorder | None = None


def derive(function: Callable[..., Any], *inputs: pulumi.Input[Any], **constants: Any) -> pulumi.Output[Any]:
    """`function(*input values, **constants)` once the inputs are known."""
    active = recorder
    if active is not None:
        return pulumi.Output.all(*inputs).apply(lambda values: active(function, list(values), constants))
    return pulumi.Output.all(*inputs).apply(lambda values: function(*values, **constants))
