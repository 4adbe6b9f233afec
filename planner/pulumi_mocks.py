"""Run a Pulumi program in-process under the SDK's mock engine.

No cloud and no Pulumi CLI: the real pulumi-gcp / pulumi-aws classes check
their arguments (a missing required or an unknown argument raises), and the
mock monitor records every resource registered, with its parent, its inputs
and the stack outputs. Used by `planner preview` and by the tests.

The sequence is the one `pulumi.runtime.test` uses: set the config, install
the mocks, then drive `run_pulumi_func` with the SDK's own sync helper (a
plain `asyncio.run` of the program hangs).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pulumi
from pulumi.runtime import mocks as pulumi_mocks
from pulumi.runtime import rpc
from pulumi.runtime.settings import SETTINGS
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

from planner.core.serving import TreeResource

# Properties the providers compute on create, so that `resource.self_link`,
# `.ip_address` and friends resolve to readable placeholders under mocks.
COMPUTED_PLACEHOLDERS: dict[str, str] = {
    "selfLink": "https://mock.invalid/{type}/{name}",
    "arn": "arn:mock:{type}:{name}",
    "dnsName": "{name}.mock.invalid",
    "address": "192.0.2.10",
    "ipAddress": "192.0.2.11",
    "connectionName": "mock-project:mock-region:{name}",
    "publicIp": "192.0.2.12",
    "privateIp": "10.0.0.12",
    "endpoint": "{name}.endpoint.mock.invalid",
    "url": "https://{name}.mock.invalid",
    "nameServers": "ns1.mock.invalid",
}

# Invoke token -> placeholder result of the provider functions the stacks call (lookups of the
# target's own defaults). Templates are filled from the call's arguments, keyed like the wire
# (`availabilityZone`); a token not listed here returns an empty result.
CALL_PLACEHOLDERS: dict[str, dict[str, Any]] = {
    "aws:ec2/getVpc:getVpc": {
        "id": "vpc-mock-default", "arn": "arn:mock:vpc:default", "cidrBlock": "172.31.0.0/16", "default": True,
    },
    "aws:ec2/getSubnet:getSubnet": {
        "id": "subnet-mock-default-{availabilityZone}", "arn": "arn:mock:subnet:default-{availabilityZone}",
        "availabilityZone": "{availabilityZone}", "defaultForAz": True, "vpcId": "vpc-mock-default",
    },
}


@dataclass(frozen=True)
class MockedResource:
    """One resource the program registered."""

    urn: str
    type: str
    name: str
    parent_urn: str
    custom: bool
    inputs: dict[str, Any]
    dependencies: tuple[str, ...] = ()  # URNs of the resources its inputs or depends_on name
    property_dependencies: dict[str, tuple[str, ...]] = field(default_factory=dict)  # input -> URNs it came from
    provider: str = ""  # the provider resource's URN (explicit providers: one per AWS region)
    options: dict[str, Any] = field(default_factory=dict)  # resource options set (RESOURCE_OPTIONS), by proto name


@dataclass
class MockRun:
    """What a program run under mocks created."""

    resources: list[MockedResource] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)

    def of_type(self, type_token: str) -> list[MockedResource]:
        return [resource for resource in self.resources if resource.type == type_token]

    def tree_resources(self) -> list[TreeResource]:
        """The recorded resources as the serving rules read them (planner/core/serving.py)."""
        return [TreeResource(urn=r.urn, type=r.type, name=r.name, inputs=r.inputs, parent=r.parent_urn,
                             dependencies=r.dependencies, property_dependencies=r.property_dependencies,
                             provider=r.provider) for r in self.resources]

    def counts_by_type(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for resource in self.resources:
            counts[resource.type] = counts.get(resource.type, 0) + 1
        return dict(sorted(counts.items()))


class PlaceholderMocks(pulumi.runtime.Mocks):
    """Echo the inputs back as state, plus readable placeholders for computed fields."""

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        short_type = args.typ.split(":")[-1].lower()
        state = dict(args.inputs)
        for prop, template in COMPUTED_PLACEHOLDERS.items():
            state.setdefault(prop, template.format(type=short_type, name=args.name))
        if args.typ.startswith("random:"):
            state.setdefault("result", "mock-random-value")
        return f"{args.name}-id", state

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        template = CALL_PLACEHOLDERS.get(args.token, {})
        return {name: _filled(value, args.args) for name, value in template.items()}, []  # no check failures


def _filled(value: Any, call_args: dict[str, Any]) -> Any:
    """A template value with `{argument}` replaced by the call's argument (`unknown` when absent)."""
    if not isinstance(value, str):
        return value
    return value.format_map(_Defaulting({name: str(arg) for name, arg in call_args.items()}))


class _Defaulting(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "unknown"


# Options of RegisterResourceRequest (pulumi/proto/resource.proto) that change what the engine does with a resource.
RESOURCE_OPTIONS: tuple[str, ...] = (
    "protect", "ignoreChanges", "additionalSecretOutputs", "deleteBeforeReplace", "replaceOnChanges",
    "retainOnDelete", "deletedWith", "customTimeouts", "aliasSpecs", "importId", "hideDiffs",
)


def resource_options(request: Any) -> dict[str, Any]:
    """The options a registration set, by their proto names (those left at their defaults are absent)."""
    from google.protobuf.json_format import MessageToDict

    message = MessageToDict(request)
    return {name: message[name] for name in RESOURCE_OPTIONS if name in message}


class RecordingMonitor(pulumi_mocks.MockMonitor):
    """The SDK's mock monitor, also keeping each resource's parent and the stack outputs."""

    def __init__(self, mocks: pulumi.runtime.Mocks, run: MockRun) -> None:
        super().__init__(mocks)
        self.run = run

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        response = super().RegisterResource(request)
        if request.type != "pulumi:pulumi:Stack":
            pulumi_mocks._ensure_event_loop()
            inputs = rpc.deserialize_properties(request.object)
            self.run.resources.append(
                MockedResource(
                    urn=response.urn,
                    type=request.type,
                    name=request.name,
                    parent_urn=request.parent,
                    custom=bool(request.custom),
                    inputs=inputs,
                    dependencies=tuple(request.dependencies),
                    provider=str(request.provider).rsplit("::", 1)[0],  # a reference is "<urn>::<id>"
                    property_dependencies={
                        prop: tuple(urns.urns) for prop, urns in request.propertyDependencies.items()
                    },
                    options=resource_options(request),
                )
            )
        return response

    def RegisterResourceOutputs(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        if "pulumi:pulumi:Stack" in request.urn:
            pulumi_mocks._ensure_event_loop()
            self.run.outputs.update(rpc.deserialize_properties(request.outputs))
        return super().RegisterResourceOutputs(request)


def run_under_mocks(
    program: Callable[[], None],
    *,
    project: str = "planner",
    stack: str = "dev",
    config: dict[str, str] | None = None,
    mocks: pulumi.runtime.Mocks | None = None,
    monitor_class: type[RecordingMonitor] = RecordingMonitor,
    timeout_s: float | None = None,
) -> MockRun:
    """Run `program` as a Pulumi stack under mocks and return what it registered.

    `config` keys are fully qualified (`planner:plan`, `gcp:project`). Any
    exception the program raises (a TypeError for a missing argument, say)
    propagates to the caller. `timeout_s`: a run still waiting after that long raises ProgramTimeout (an
    output that never resolves, a deferred output never given its value, waits forever otherwise).
    """
    loop = asyncio.new_event_loop()  # its own: a failed run's pending tasks must not resume in the next run
    asyncio.set_event_loop(loop)
    # The SDK's mock monitor runs in the loop's executor threads and wants an event loop in each: given here, so
    # that they are closed with the run (left to the interpreter's shutdown, closing one can print a traceback).
    worker_loops: list[asyncio.AbstractEventLoop] = []
    loop.set_default_executor(ThreadPoolExecutor(thread_name_prefix="pulumi-mocks", initializer=_give_thread_a_loop,
                                                 initargs=(worker_loops,)))
    try:
        return _run_in_loop(program, project, stack, config, mocks, monitor_class, timeout_s)
    finally:
        _close(loop, worker_loops)


def _give_thread_a_loop(loops: list[asyncio.AbstractEventLoop]) -> None:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loops.append(loop)


def _run_in_loop(program: Callable[[], None], project: str, stack: str, config: dict[str, str] | None,
                 mocks: pulumi.runtime.Mocks | None, monitor_class: type[RecordingMonitor],
                 timeout_s: float | None) -> MockRun:
    run = MockRun()
    SETTINGS.rpc_manager.clear()
    SETTINGS.outputs.clear()
    # A new root stack per run: the previous run's root would carry its exports into this one.
    pulumi.runtime.settings.set_root_resource(None)  # type: ignore[arg-type]
    pulumi.runtime.set_all_config(dict(config or {}))
    engine_mocks = mocks or PlaceholderMocks()
    monitor = monitor_class(engine_mocks, run)
    pulumi.runtime.set_mocks(engine_mocks, project=project, stack=stack, preview=True, monitor=monitor)
    root = pulumi.runtime.get_root_resource()

    def body() -> None:
        program()
        # set_mocks registered the root stack (and its then empty outputs) before
        # the program ran; register the outputs the program exported now.
        if root is not None:
            root._outputs_registered = False  # noqa: SLF001 - SDK internals, pinned by tests
            root._finish()  # noqa: SLF001

    _sync_await(_within(run_pulumi_func(body), timeout_s))
    return run


def _close(loop: asyncio.AbstractEventLoop, worker_loops: list[asyncio.AbstractEventLoop]) -> None:
    """Cancel what a run left pending (a program that exited or failed mid-way), then close its loops; the thread
    is left with no current loop (the SDK makes itself a new one when it needs one)."""
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    with contextlib.suppress(Exception, SystemExit):  # the cancelled tasks' own errors were the run's, raised
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    try:
        loop.run_until_complete(asyncio.wait_for(loop.shutdown_default_executor(), EXECUTOR_SHUTDOWN_S))
    except TimeoutError:
        worker_loops = []  # a mock call still running in a worker thread: its loop is left to it
    for worker_loop in worker_loops:
        worker_loop.close()
    loop.close()
    asyncio.set_event_loop(None)


EXECUTOR_SHUTDOWN_S = 10.0  # how long a finished run waits for a mock call still running in a worker thread


async def _within(awaitable: Awaitable[None], timeout_s: float | None) -> None:
    """`awaitable`, or ProgramTimeout when `timeout_s` runs out first (a TimeoutError of the program's own passes)."""
    scope = asyncio.timeout(timeout_s)
    try:
        async with scope:
            await awaitable
    except TimeoutError as exc:
        if not scope.expired():
            raise
        raise ProgramTimeout(f"the program did not finish within {timeout_s:g} s: an output it waits for never "
                             "resolves (a pulumi.deferred_output() never given its value?)") from exc


class ProgramTimeout(Exception):
    """A program under mocks still waiting on its outputs when its time ran out."""
