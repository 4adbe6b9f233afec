"""Record what a target's builders register, with every output traced to the resource it came from.

The builders run once under Pulumi's mock engine (the real pulumi-gcp / pulumi-aws classes). The mocks
answer every resource and invoke with *tracers*: each output property gets a unique token string
(`zzpt000042zz`), so an input that carries another resource's output carries its token, inside text too
(`f"{arn}/*"`, a JSON policy). Reading the tokens back turns each input into literals, `Ref`s to the
resource and attribute they came from, `Template`s and JSON documents around them. Values the builders
compute from outputs go through `stacks.common.derive`, which under recording answers a token of its own
and keeps the function and its inputs (`Derived`). Config values the provider needs (the GCP project) are
tokens too; optional planner settings are read as unset and listed.
"""

from __future__ import annotations

import ast
import enum
import functools
import importlib
import inspect
import json
import re
import textwrap
import threading
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pulumi
import pulumi.resource as pulumi_resource_module
from google.protobuf import json_format

from planner.codegen.tree import (
    Archive,
    Asset,
    ConfigRef,
    Derived,
    InvokeNode,
    Ref,
    ResourceNode,
    Secret,
    Template,
    Tree,
    owners,
)
from planner.core.model.plan import Plan
from planner.pulumi_mocks import RecordingMonitor, run_under_mocks
from stacks.common import derive as derive_module
from stacks.program import build_outputs

TRACER = re.compile(r"zzpt(\d{6})zz")
# Provider settings the builders or the provider read from stack config: recorded as config references.
TRACED_CONFIG: dict[str, tuple[str, ...]] = {"gcp": ("gcp:project", "gcp:region"), "aws": ()}
# Signatures of Pulumi's wire format (sdk/python/lib/pulumi/runtime/rpc.py).
SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17"
ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7"
RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4"
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
PROVIDER_TYPE_PREFIX = "pulumi:providers:"
# Resource options the engine receives, as the request spells them -> the ResourceOptions argument.
RECORDED_OPTIONS: dict[str, str] = {
    "ignoreChanges": "ignore_changes", "protect": "protect", "deleteBeforeReplace": "delete_before_replace",
    "retainOnDelete": "retain_on_delete", "replaceOnChanges": "replace_on_changes",
    "additionalSecretOutputs": "additional_secret_outputs",
}


class RecordingError(Exception):
    """The builders produced something the generator cannot print as code (a value it cannot trace)."""


def record(plan: Plan, *, stack: str = "dev") -> Tree:
    """Run the target's builders for `plan` under tracing mocks; the tree of what they registered."""
    recorder = Recorder(plan.target.provider)
    config = {key: recorder.config_tracer(key) for key in TRACED_CONFIG.get(plan.target.provider, ())}
    with recorder.active():
        run = run_under_mocks(lambda: _export_all(plan), project="planner", stack=stack, config=config,
                              mocks=recorder.mocks, monitor_class=recorder.monitor_class())
    recorder.tree.outputs = {name: recorder.value(value) for name, value in run.outputs.items()}
    return in_construction_order(recorder.tree, recorder.constructed)


def _export_all(plan: Plan) -> None:
    for name, value in build_outputs(plan).items():
        pulumi.export(name, value)


class Recorder:
    """Tracers out (mocks, derive), tree in (the monitor's requests)."""

    def __init__(self, provider: str) -> None:
        self.tree = Tree(provider=provider)
        self.origins: dict[str, Any] = {}  # tracer -> Ref | ConfigRef | Derived
        self.by_urn: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        self.pending_invokes: list[InvokeNode] = []
        self.mocks = TracingMocks(self)
        self.config_reads: set[tuple[str, str]] = set()
        # (type, name) of each resource in the order the builders constructed it: registrations reach the
        # monitor from Pulumi's thread pool in an order that varies from run to run.
        self.constructed: list[tuple[str, str]] = []
        # Registrations and invokes reach the monitor from several of those threads at once: a node's index is
        # the length of the list it is appended to, so reading one and appending must not interleave.
        self.lock = threading.RLock()

    # --- tracers ---------------------------------------------------------------------------------

    def tracer(self, origin: Any) -> str:
        with self.lock:
            token = f"zzpt{len(self.origins):06d}zz"
            self.origins[token] = origin
        return token

    def config_tracer(self, full_key: str) -> str:
        namespace, key = full_key.split(":", 1)
        return self.tracer(ConfigRef(namespace=namespace, key=key))

    def derived(self, function: Callable[..., Any], values: list[Any], constants: dict[str, Any]) -> str:
        if inspect.getmodule(function) is not _derived_module():
            raise RecordingError(f"derive() was given {function.__qualname__}: only functions of stacks/common/derived.py "
                                 "can be copied into a generated project")
        inputs = tuple(self.value(value) for value in values)
        with self.lock:
            node = Derived(index=len(self.tree.derived), function=function.__name__, inputs=inputs,
                           constants=dict(constants))
            self.tree.derived.append(node)
            return self.tracer(node)

    @contextmanager
    def active(self) -> Iterator[None]:
        """Builders' derive() and optional config reads go through this recorder while it records."""
        derive_module.recorder = self.derived
        original_get, original_get_secret = pulumi.Config.get, pulumi.Config.get_secret
        recorder = self

        def get(config: pulumi.Config, key: str, default: str | None = None) -> str | None:
            recorder.config_reads.add((config.name, key))
            return original_get(config, key, default)

        def get_secret(config: pulumi.Config, key: str, default: str | None = None) -> pulumi.Output[str] | None:
            recorder.config_reads.add((config.name, key))
            return original_get_secret(config, key, default)

        original_register = pulumi_resource_module.register_resource

        def register(res: Any, ty: str, name: str, *args: Any, **kwargs: Any) -> None:
            recorder.constructed.append((ty, name))
            original_register(res, ty, name, *args, **kwargs)

        pulumi.Config.get, pulumi.Config.get_secret = get, get_secret  # type: ignore[method-assign,assignment]
        pulumi_resource_module.register_resource = register  # what Resource.__init__ calls, synchronously
        try:
            yield
        finally:
            derive_module.recorder = None
            pulumi.Config.get, pulumi.Config.get_secret = original_get, original_get_secret  # type: ignore[method-assign]
            pulumi_resource_module.register_resource = original_register
            self.tree.config_reads = sorted(self.config_reads)

    # --- registrations ---------------------------------------------------------------------------

    def monitor_class(self) -> type[RecordingMonitor]:
        recorder = self

        class TracingMonitor(RecordingMonitor):
            def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
                response = super().RegisterResource(request)
                if request.type != "pulumi:pulumi:Stack":
                    recorder.registered(request, response.urn)
                return response

        return TracingMonitor

    def registered(self, request: Any, urn: str) -> None:
        with self.lock:
            self._register(request, urn)

    def _register(self, request: Any, urn: str) -> None:
        self.place_pending()
        module, class_name, resource_class = _python_class(request.type, custom=bool(request.custom))
        wire_inputs = _struct_value(request.object)
        if request.type.startswith(PROVIDER_TYPE_PREFIX):
            wire_inputs = {key: _provider_input(value) for key, value in wire_inputs.items()}
        names = _argument_names(resource_class) if resource_class is not None else {}
        node = ResourceNode(
            index=len(self.tree.nodes), type=request.type, name=request.name, custom=bool(request.custom),
            module=module, class_name=class_name,
            inputs={names.get(key, snake_case(key)): self.value(value) for key, value in wire_inputs.items()},
            parent=self.by_urn.get(request.parent),
            depends_on=tuple(self.by_urn[dep] for dep in request.dependencies if dep in self.by_urn),
            provider=self.by_urn.get(str(request.provider).rsplit("::", 1)[0]) if request.provider else None,
            options=_options(request, resource_class),
        )
        self.by_urn[urn] = node.index
        self.by_name[(request.type, request.name)] = node.index
        self.tree.nodes.append(node)

    def invoked(self, token: str, arguments: dict[str, Any], provider: str | None) -> InvokeNode:
        module, function = _python_function(token)
        node = InvokeNode(index=-1, token=token, module=module, function=function,
                          arguments={snake_case(key): self.value(value) for key, value in arguments.items()},
                          provider=self.by_urn.get(str(provider).rsplit("::", 1)[0]) if provider else None)
        # An invoke's position: just before the next resource registered (its index is fixed then).
        with self.lock:
            self.pending_invokes.append(node)
        return node

    def place_pending(self) -> None:
        for invoke in self.pending_invokes:
            invoke.index = len(self.tree.nodes)
            self.tree.nodes.append(invoke)
        self.pending_invokes.clear()

    # --- values ----------------------------------------------------------------------------------

    def value(self, value: Any) -> Any:
        """A recorded value with its tracers read back (Ref, Template, JSON documents, Derived)."""
        if isinstance(value, str):
            return self._text(value)
        if isinstance(value, list):
            return [self.value(entry) for entry in value]
        if isinstance(value, dict):
            return {key: self.value(entry) for key, entry in value.items()}
        if isinstance(value, Secret):  # a secret output (a random password's result) is a Ref inside it, too
            return Secret(self.value(value.value))
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    def _text(self, text: str) -> Any:
        if UNKNOWN in text:
            raise RecordingError("an input was unknown while recording: a builder read an output no mock answered")
        matches = list(TRACER.finditer(text))
        if not matches:
            return text
        if len(matches) == 1 and matches[0].group(0) == text:
            return self.origin(text)
        document = _json_document(text)
        if document is not None:
            return JsonText(self.value(document))
        parts: list[Any] = []
        position = 0
        for match in matches:
            if match.start() > position:
                parts.append(text[position:match.start()])
            parts.append(self.origin(match.group(0)))
            position = match.end()
        if position < len(text):
            parts.append(text[position:])
        return Template(parts=tuple(parts))

    def origin(self, token: str) -> Any:
        found = self.origins.get(token)
        if found is None:
            raise RecordingError(f"tracer {token} has no origin")
        if isinstance(found, PendingRef):
            return Ref(owner=self._owner_index(found), attribute=found.attribute)
        return found

    def _owner_index(self, pending: PendingRef) -> int:
        if pending.invoke is not None:
            if pending.invoke.index < 0:
                raise RecordingError(f"invoke {pending.invoke.token} is used before it was placed")
            return pending.invoke.index
        key = (pending.resource_type, pending.resource_name)
        if key not in self.by_name:
            raise RecordingError(f"resource {pending.resource_name} of type {pending.resource_type} is not registered")
        return self.by_name[key]


def in_construction_order(tree: Tree, constructed: list[tuple[str, str]]) -> Tree:
    """`tree` with its resources in the order the builders constructed them (so the same plan prints the
    same code), each invoke just before its first reader, every index in refs and options renumbered."""
    sequence: dict[tuple[str, str], int] = {}
    for position, key in enumerate(constructed):
        sequence.setdefault(key, position)
    keys: dict[int, tuple[float, str]] = {}
    for node in tree.nodes:
        if isinstance(node, ResourceNode):
            keys[node.index] = (float(sequence.get((node.type, node.name), len(constructed))), node.name)
    read = {node.index: owners(node.inputs) for node in tree.nodes if isinstance(node, ResourceNode)}
    for node in tree.nodes:
        if isinstance(node, InvokeNode):
            readers = [keys[index][0] for index, owned in read.items() if node.index in owned]
            keys[node.index] = (min(readers, default=float(len(constructed))) - 0.5, repr((node.token, node.arguments)))
    order = sorted(keys, key=lambda index: keys[index])
    renumber = {old: new for new, old in enumerate(order)}
    nodes = [_renumbered_node(tree.nodes[old], renumber) for old in order]
    return Tree(provider=tree.provider, nodes=nodes,
                derived=[_renumbered(derived, renumber) for derived in tree.derived],
                outputs=_renumbered(tree.outputs, renumber), config_reads=tree.config_reads)


def _renumbered_node(node: ResourceNode | InvokeNode, renumber: dict[int, int]) -> ResourceNode | InvokeNode:
    provider = None if node.provider is None else renumber[node.provider]
    if isinstance(node, InvokeNode):
        return InvokeNode(index=renumber[node.index], token=node.token, module=node.module, function=node.function,
                          arguments=_renumbered(node.arguments, renumber), provider=provider)
    return ResourceNode(
        index=renumber[node.index], type=node.type, name=node.name, custom=node.custom, module=node.module,
        class_name=node.class_name, inputs=_renumbered(node.inputs, renumber),
        parent=None if node.parent is None else renumber[node.parent],
        # The engine's dependency list comes out of a set (its order varies with the hash seed): construction order.
        depends_on=tuple(sorted(renumber[dependency] for dependency in node.depends_on)), provider=provider,
        options=_renumbered(node.options, renumber), item_id=node.item_id)


def _renumbered(value: Any, renumber: dict[int, int]) -> Any:
    if isinstance(value, Ref):
        return Ref(owner=renumber[value.owner], attribute=value.attribute)
    if isinstance(value, JsonText):
        return JsonText(_renumbered(value.document, renumber))
    if isinstance(value, Template):
        return Template(parts=tuple(_renumbered(part, renumber) for part in value.parts))
    if isinstance(value, Secret):
        return Secret(_renumbered(value.value, renumber))
    if isinstance(value, Derived):
        return Derived(index=value.index, function=value.function,
                       inputs=tuple(_renumbered(entry, renumber) for entry in value.inputs), constants=value.constants)
    if isinstance(value, dict):
        return {key: _renumbered(entry, renumber) for key, entry in value.items()}
    if isinstance(value, list):
        return [_renumbered(entry, renumber) for entry in value]
    if isinstance(value, tuple):
        return tuple(_renumbered(entry, renumber) for entry in value)
    return value


class JsonText(Template):
    """Text that is a JSON document with outputs inside: printed as `pulumi.Output.json_dumps(...)`."""

    def __init__(self, document: Any) -> None:
        super().__init__(parts=(document,))

    @property
    def document(self) -> Any:
        return self.parts[0]


class PendingRef:
    """An output tracer handed out before its resource's registration reached the monitor."""

    def __init__(self, attribute: str, resource_type: str = "", resource_name: str = "",
                 invoke: InvokeNode | None = None) -> None:
        self.attribute = attribute
        self.resource_type = resource_type
        self.resource_name = resource_name
        self.invoke = invoke


class TracingMocks(pulumi.runtime.Mocks):
    """Every output property of every resource and invoke is answered with a tracer."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        if not args.custom:
            return f"{args.name}-component", {}
        _, _, resource_class = _python_class(args.typ, custom=True)
        outputs = _output_names(resource_class) if resource_class is not None else {}
        enums = _enum_properties(resource_class)
        # An enum output is translated into its enum on read: it echoes its input (a tracer would not parse).
        state = {wire: self.recorder.tracer(PendingRef(python, args.typ, args.name)) for wire, python in outputs.items()
                 if python not in enums}
        state.update({wire: args.inputs[wire] for wire, python in outputs.items() if python in enums and wire in args.inputs})
        return self.recorder.tracer(PendingRef("id", args.typ, args.name)), state

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        node = self.recorder.invoked(args.token, dict(args.args), args.provider)
        result_class = _result_class(args.token)
        outputs = _output_names(result_class)
        # A result class checks its argument types: text gets a tracer, the rest an empty value of its type
        # (a builder that used one would print it as that literal: none does today).
        texts = _text_properties(result_class)
        return {wire: self.recorder.tracer(PendingRef(python, invoke=node)) if python in texts
                else _empty_of(result_class, python) for wire, python in outputs.items()}, []


# --- the Python names of provider classes ---------------------------------------------------------


def _derived_module() -> Any:
    return importlib.import_module("stacks.common.derived")


def _package_module(token: str) -> tuple[str, str, str] | None:
    """`gcp:compute/network:Network` -> ("pulumi_gcp.compute", "gcp.compute", "Network")."""
    if token.startswith(PROVIDER_TYPE_PREFIX):
        package = token.removeprefix(PROVIDER_TYPE_PREFIX)
        return f"pulumi_{package}", package, "Provider"
    parts = token.split(":")
    if len(parts) != 3:
        return None
    package, module_path, name = parts
    module = module_path.split("/")[0]
    python_module = f"pulumi_{package}" if module == "index" else f"pulumi_{package}.{module}"
    if not _importable(python_module):
        python_module += "_"  # `lambda` is a keyword: pulumi_aws.lambda_
        module += "_"
        if not _importable(python_module):
            return None
    alias = package if module == "index" else f"{package}.{module}"
    return python_module, alias, name


def _importable(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def _python_class(token: str, *, custom: bool) -> tuple[str, str, type | None]:
    found = _package_module(token) if custom else None
    if found is None:
        return "", token.split(":")[-1], None
    python_module, alias, name = found
    return alias, name, getattr(importlib.import_module(python_module), name, None)


def _python_function(token: str) -> tuple[str, str]:
    found = _package_module(token)
    if found is None:
        raise RecordingError(f"cannot name the Python function of invoke {token}")
    _, alias, name = found
    return alias, f"{snake_case(name)}_output"


def _result_class(token: str) -> type | None:
    found = _package_module(token)
    if found is None:
        return None
    python_module, _, name = found
    return getattr(importlib.import_module(python_module), f"{name[0].upper()}{name[1:]}Result", None)


def _output_names(cls: type | None) -> dict[str, str]:
    """Wire name -> Python attribute of every output property of a resource or result class."""
    if cls is None:
        return {}
    names = {}
    for python, member in inspect.getmembers(cls, lambda member: isinstance(member, property)):
        wire = getattr(member.fget, "_pulumi_name", None)
        if wire and wire not in {"urn"}:
            names[wire] = python
    return names


def _text_properties(cls: type | None) -> set[str]:
    """The properties of `cls` typed `str`."""
    if cls is None:
        return set()
    return {python for python, member in inspect.getmembers(cls, lambda member: isinstance(member, property))
            if _return_type(member) is str}


def _enum_properties(cls: type | None) -> set[str]:
    if cls is None:
        return set()
    found = set()
    for python, member in inspect.getmembers(cls, lambda member: isinstance(member, property)):
        hint = _return_type(member)
        candidates = [hint, *typing.get_args(hint)]
        if any(isinstance(candidate, type) and issubclass(candidate, enum.Enum) for candidate in candidates):
            found.add(python)
    return found


def _return_type(member: property) -> Any:
    try:
        return typing.get_type_hints(member.fget).get("return")
    except (NameError, TypeError):
        return None


def _empty_of(cls: type | None, python: str) -> Any:
    hint = _return_type(getattr(cls, python)) if cls is not None else None
    origin = typing.get_origin(hint) or hint
    origin = next((arg for arg in typing.get_args(hint) if arg is not type(None)), origin) if origin is typing.Union else origin
    empty: dict[Any, Any] = {bool: False, int: 0, float: 0.0, list: [], dict: {}}
    origin = typing.get_origin(origin) or origin
    return empty.get(origin) if origin in empty else (empty.get(getattr(origin, "__origin__", None)))


def _argument_names(resource_class: type) -> dict[str, str]:
    """Wire name -> Python argument name, from the resource's Args class."""
    module = importlib.import_module(resource_class.__module__)
    args_class = getattr(module, f"{resource_class.__name__}Args", None)
    return _output_names(args_class)


def snake_case(name: str) -> str:
    """`ipCidrRange` -> `ip_cidr_range`: a wire (camelCase) name as the SDK's Python argument name."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


# --- the wire format ------------------------------------------------------------------------------


def _struct_value(struct: Any) -> dict[str, Any]:
    """A request's property struct as plain values, secrets, assets and archives kept as such."""
    return {key: _wire(value) for key, value in json_format.MessageToDict(struct).items()}


def _provider_input(value: Any) -> Any:
    """A provider's input as the program gave it: the SDK sends a provider's non-string inputs as JSON text
    (`skip_region_validation=True` arrives as "true"); strings arrive as they are."""
    if not isinstance(value, str) or TRACER.search(value):
        return value
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return value if isinstance(decoded, str) else decoded


def _wire(value: Any) -> Any:
    if isinstance(value, list):
        return [_wire(entry) for entry in value]
    if not isinstance(value, dict):
        return value
    signature = value.get(SIG_KEY)
    if signature == SECRET_SIG:
        return Secret(_wire(value.get("value")))
    if signature == ASSET_SIG:
        kind = next(kind for kind in ("text", "path", "uri") if kind in value)
        return Asset(kind=kind, value=value[kind])
    if signature == ARCHIVE_SIG:
        return Archive(assets={path: _wire(entry) for path, entry in value.get("assets", {}).items()})
    if signature == OUTPUT_SIG:
        inner = _wire(value.get("value"))
        return Secret(inner) if value.get("secret") else inner
    if signature == RESOURCE_SIG:
        raise RecordingError("a resource reference as an input value is not supported")
    return {key: _wire(entry) for key, entry in value.items()}


def _options(request: Any, resource_class: type | None) -> dict[str, Any]:
    """The resource options the builder set, as ResourceOptions arguments (the SDK's own secret outputs left out:
    the class adds them again itself)."""
    options: dict[str, Any] = {}
    for field, argument in RECORDED_OPTIONS.items():
        value = getattr(request, field, None)
        if field == "additionalSecretOutputs" and value:
            value = [name for name in value if name not in sdk_secret_outputs(resource_class)]
        if value:
            options[argument] = list(value) if not isinstance(value, bool) else value
    return options


@functools.cache
def sdk_secret_outputs(resource_class: type | None) -> frozenset[str]:
    """The outputs a generated SDK class marks secret on its own: the `additional_secret_outputs` list its
    `_internal_init` merges into the options (the Pulumi SDK generator writes it as a literal list)."""
    init = getattr(resource_class, "_internal_init", None)
    if init is None:
        return frozenset()
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(init)))
    except (OSError, TypeError, SyntaxError):
        return frozenset()
    return frozenset(
        element.value
        for keyword in ast.walk(tree) if isinstance(keyword, ast.keyword) and keyword.arg == "additional_secret_outputs"
        and isinstance(keyword.value, ast.List)
        for element in keyword.value.elts if isinstance(element, ast.Constant) and isinstance(element.value, str)
    )


def _json_document(text: str) -> Any:
    """`text` parsed when it is a JSON object or array that prints back to exactly the same text."""
    if not text[:1] in "{[":
        return None
    try:
        document = json.loads(text)
    except ValueError:
        return None
    return document if json.dumps(document) == text else None

