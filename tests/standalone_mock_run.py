"""Run a Pulumi Python program folder under the SDK's mock engine with nothing but `pulumi` and the program's own
requirements installed, and print what it registers as one JSON document.

Used by tests/test_generated_project_installs.py in two interpreters: a clean virtual environment made from a
generated project's requirements.txt alone (no planner there), and the planner environment running the repo's
builders (`stacks/`), so both sides are measured by the same code. It imports nothing of planner on purpose.

Usage: python standalone_mock_run.py SPEC_JSON, SPEC_JSON holding folder, project, stack, config, and the
placeholder tables of planner.pulumi_mocks (computed: property -> template; calls: invoke token -> result).
"""

from __future__ import annotations

import json
import os
import runpy
import sys
from pathlib import Path
from typing import Any

import pulumi
from google.protobuf.json_format import MessageToDict
from pulumi.runtime import mocks as pulumi_mocks
from pulumi.runtime import rpc
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await


class EchoMocks(pulumi.runtime.Mocks):
    """Outputs echo the inputs plus readable placeholders for computed fields (the tables come from the spec)."""

    def __init__(self, computed: dict[str, str], calls: dict[str, dict[str, Any]]) -> None:
        self.computed = computed
        self.calls = calls

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        short_type = args.typ.split(":")[-1].lower()
        state = dict(args.inputs)
        for prop, template in self.computed.items():
            state.setdefault(prop, template.format(type=short_type, name=args.name))
        if args.typ.startswith("random:"):
            state.setdefault("result", "mock-random-value")
        return f"{args.name}-id", state

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        template = self.calls.get(args.token, {})
        arguments = {name: str(value) for name, value in args.args.items()}
        filled = {name: value.format_map(_Unknown(arguments)) if isinstance(value, str) else value
                  for name, value in template.items()}
        return filled, []


class _Unknown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "unknown"


class ListingMonitor(pulumi_mocks.MockMonitor):
    """The mock monitor, also noting each registration's parent and dependencies (MockResourceArgs has neither)."""

    def __init__(self, mocks: pulumi.runtime.Mocks) -> None:
        super().__init__(mocks)
        self.registered: list[dict[str, Any]] = []

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        response = super().RegisterResource(request)
        if request.type != "pulumi:pulumi:Stack":
            pulumi_mocks._ensure_event_loop()  # noqa: SLF001 - needed to deserialize resource references
            self.registered.append({
                "urn": response.urn,
                "type": request.type,
                "name": request.name,
                "parent": request.parent,
                "custom": bool(request.custom),
                "dependencies": sorted(request.dependencies),
                "inputs": comparable(rpc.deserialize_properties(request.object)),
                "options": options_of(request),
            })
        return response


# Options of RegisterResourceRequest that change what the engine does with a resource (planner/pulumi_mocks.py
# holds the same list; this file imports nothing of the planner).
RESOURCE_OPTIONS = ("protect", "ignoreChanges", "additionalSecretOutputs", "deleteBeforeReplace", "replaceOnChanges",
                    "retainOnDelete", "deletedWith", "customTimeouts", "aliasSpecs", "importId", "hideDiffs")


def options_of(request: Any) -> dict[str, Any]:
    message = MessageToDict(request)
    return {name: message[name] for name in RESOURCE_OPTIONS if name in message}


def comparable(value: Any) -> Any:
    """`value` as plain JSON: unknowns and assets by what they are, not by their object's address."""
    if isinstance(value, dict):
        return {str(key): comparable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [comparable(item) for item in value]
    if isinstance(value, pulumi.output.Unknown):
        return "<unknown>"
    if isinstance(value, pulumi.AssetArchive):
        return {"asset-archive": comparable(value.assets)}
    if isinstance(value, (pulumi.StringAsset, pulumi.FileAsset, pulumi.RemoteAsset, pulumi.FileArchive,
                          pulumi.RemoteArchive)):
        return {type(value).__name__: comparable(vars(value))}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot compare a {type(value).__name__} input")


def run(spec: dict[str, Any]) -> list[dict[str, Any]]:
    folder = Path(spec["folder"]).resolve()
    monitor = ListingMonitor(EchoMocks(spec["computed"], spec["calls"]))
    pulumi.runtime.set_all_config(spec["config"])
    pulumi.runtime.set_mocks(monitor.mocks, project=spec["project"], stack=spec["stack"], preview=True,
                             monitor=monitor)
    sys.path.insert(0, str(folder))
    os.chdir(folder)  # as the Pulumi CLI runs a program
    _sync_await(run_pulumi_func(lambda: runpy.run_path(str(folder / "__main__.py"), run_name="__main__")))
    return monitor.registered


def main() -> None:
    spec = json.loads(sys.argv[1])
    registered = run(spec)
    json.dump(registered, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
