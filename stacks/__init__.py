"""The Pulumi program: one package per target (`stacks.gcp`, `stacks.aws`), shared helpers in `stacks.common`.

Each target package exposes `build(plan: planner.core.model.Plan) -> dict[str, pulumi.Input]`:
it creates the resources and returns the stack outputs (including `manual_items`).
`stacks.program` reads the plan named in stack config and dispatches to it.
"""
