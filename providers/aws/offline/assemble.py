"""Declared resources (from templates or state) into an inventory, built by the live inventory's own specs.

Each declared resource of a covered type becomes the item its spec's `build` reads, so that a template, a state
file and a scan of the same account give the same keys, props and refs. Refs that a build spells from a name or a
DNS name are mapped back to the resource they name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from planner import __version__
from planner.core.model.base import ToolInfo
from planner.core.model.inventory import Inventory, InventorySource, InventoryWarning, Resource, SourceKind
from planner.core.secret_tags import redact_secret_tags
from providers.aws.inventory.links import DNS_REF_PREFIX, resolve_links
from providers.aws.inventory.spec import REGISTRY, ResourceSpec, specs_by_service
from providers.aws.offline.declared import CfnPart, CfnShape, Declared, Item
from providers.aws.offline.intrinsics import Unknown
from providers.aws.offline.shapes import CLOUDFORMATION, CLOUDFORMATION_PARTS

if TYPE_CHECKING:
    from providers.aws.inventory.context import JobContext

# Types a template holds that are no resource of an account (CDK's metadata) or that only other types read
# (a subnet group's subnets are read by the database that names it).
SILENT_TYPES: frozenset[str] = frozenset({
    "AWS::CDK::Metadata", "AWS::CloudFormation::WaitConditionHandle", "AWS::CloudFormation::WaitCondition",
    "AWS::RDS::DBSubnetGroup", "AWS::ElastiCache::SubnetGroup", "AWS::Lambda::Permission", "AWS::IAM::Policy",
    "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::S3::BucketPolicy", "AWS::IAM::InstanceProfile", "AWS::ApiGateway::Resource",
    "AWS::Redshift::ClusterSubnetGroup",
})


class OfflineUnavailable(RuntimeError):
    """A spec's build asked for an AWS client: offline there is none."""


@dataclass
class OfflineContext:
    """What a spec's `build` may read of its job, offline: the region, the account, the partition."""

    region: str
    service: str
    account_id: str
    partition: str
    collected: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def arn(self, service: str, resource: str, *, region: str | None = None) -> str:
        return f"arn:{self.partition}:{service}:{region if region is not None else self.region}:{self.account_id}:{resource}"

    def client(self, service: str | None = None, region: str | None = None) -> Any:
        raise OfflineUnavailable("no AWS client offline")


class DeclaredIndex:
    """The declared resources by id and by the names a template may use for them, with their parts."""

    def __init__(self, declared: Iterable[Declared]) -> None:
        self.all = list(declared)
        self.by_reference: dict[str, Declared] = {}
        for resource in self.all:
            for alias in (resource.physical_name, f"{resource.stack}-{resource.logical_id}", _zone_name(resource)):
                if alias:
                    self.by_reference.setdefault(alias, resource)
        for resource in self.all:
            self.by_reference[resource.id] = resource
        self._parts: dict[tuple[str, str], list[Declared]] = defaultdict(list)
        self._by_type: dict[str, list[Declared]] = defaultdict(list)
        for resource in self.all:
            self._by_type[resource.type].append(resource)
            for part in CLOUDFORMATION_PARTS.get(resource.type, ()):
                self._add_part(resource, part)
        self._mentions: dict[str, list[tuple[Declared, frozenset[str]]]] = {}

    def _add_part(self, resource: Declared, part: CfnPart) -> None:
        parent = self.find(resource.props.get(part.parent))
        if parent is not None:
            self._parts[(parent.id, part.part)].append(resource)

    def find(self, reference: Any) -> Declared | None:
        if not isinstance(reference, str) or not reference:
            return None
        return self.by_reference.get(reference)

    def parts(self, resource_id: str, part: str) -> list[Declared]:
        return self._parts.get((resource_id, part), [])

    def referrers(self, resource_id: str, cfn_type: str) -> list[Declared]:
        if cfn_type not in self._mentions:
            self._mentions[cfn_type] = [(resource, frozenset(self._named(resource.props))) for resource in self._by_type.get(cfn_type, [])]
        return [resource for resource, mentioned in self._mentions[cfn_type] if resource_id in mentioned]

    def _named(self, props: Any) -> Iterator[str]:
        """The ids of the resources that the strings of `props` name (by id, or by a name such as a cluster's)."""
        for text in _strings(props):
            found = self.find(text)
            if found is not None:
                yield found.id


def _zone_name(resource: Declared) -> str | None:
    name = resource.props.get("Name") if resource.type == "AWS::Route53::HostedZone" else None
    return (name if name.endswith(".") else f"{name}.") if isinstance(name, str) else None


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for entry in value.values():
            yield from _strings(entry)
    elif isinstance(value, list):
        for entry in value:
            yield from _strings(entry)


def known(value: Any) -> Any:
    """The value with every Unknown as None (the inventory's spelling of "not known")."""
    if isinstance(value, Unknown):
        return None
    if isinstance(value, dict):
        return {key: known(entry) for key, entry in value.items()}
    if isinstance(value, list):
        return [known(entry) for entry in value if not isinstance(entry, Unknown)]
    return value


class RefMapper:
    """Maps a ref a build spelled (an ARN made from a name, `dns:<id>`) to the id of the resource it names."""

    def __init__(self, index: DeclaredIndex, ids: set[str]) -> None:
        self.index, self.ids = index, ids
        names = sorted(ids, key=len, reverse=True)
        self._embedded = re.compile("|".join(re.escape(name) for name in names)) if names else None

    def __call__(self, ref: Any) -> str | None:
        if not isinstance(ref, str) or not ref:
            return None
        if ref in self.ids:
            return ref
        text = ref.removeprefix(DNS_REF_PREFIX)
        found = self.index.find(text) or self.index.find(text.rstrip("."))
        if found is not None and found.id in self.ids:
            return found.id
        match = self._embedded.search(text) if self._embedded else None
        if match:
            return match.group(0)
        return ref


@dataclass
class Assembled:
    resources: list[Resource]
    warnings: list[InventoryWarning]
    unknowns: dict[str, list[str]]
    declared_as: dict[str, Declared] = field(default_factory=dict)  # resource id -> what declared it


def _spec_of(shape: CfnShape) -> ResourceSpec:
    specs_by_service()  # loads the registry
    return REGISTRY[shape.key]


def _item(declared: Declared, shape: CfnShape, index: DeclaredIndex) -> Item:
    item = cast(Item, known(shape.item(declared, index)))
    item.setdefault("Tags", [])
    return item


def build_resource(declared: Declared, shape: CfnShape, index: DeclaredIndex) -> Resource:
    spec = _spec_of(shape)
    ctx = OfflineContext(region=declared.region, service=spec.service, account_id=declared.account_id,
                         partition=declared.partition)
    item = _item(declared, shape, index)
    built = spec.build(item, cast("JobContext", ctx))
    resource_id = str(spec.id_field(item, cast("JobContext", ctx))) if shape.id_from_spec and callable(spec.id_field) else declared.id
    props = dict(built.props)
    for name in shape.unknown:
        props[name] = None
    own_name = declared.name if declared.name != declared.logical_id else None
    name = declared.tags.get("Name") or own_name or built.name or declared.logical_id
    return Resource(key=shape.key, id=resource_id, region=built.region or declared.region, name=str(name),
                    tags=dict(declared.tags), props=props, refs=[ref for ref in built.refs if ref],
                    arn=resource_id if resource_id.startswith("arn:") else None)


MALFORMED = (TypeError, AttributeError, ValueError, KeyError, IndexError)


def _built_or_bare(declared: Declared, index: DeclaredIndex, warnings: list[InventoryWarning]) -> Resource | None:
    """The resource; properties of the wrong shape (which CloudFormation itself would reject) read as none, with a
    warning, rather than stopping the read."""
    shape = CLOUDFORMATION[declared.type]
    try:
        return build_resource(declared, shape, index)
    except MALFORMED:
        warnings.append(InventoryWarning(code="malformed_properties", key=shape.key, id=declared.id, region=declared.region,
                                         message=f"{declared.stack}/{declared.logical_id} ({declared.type}): properties "
                                                 "of the wrong shape; read without them"))
    try:
        return build_resource(replace(declared, props={}), shape, index)
    except MALFORMED:
        return None


def assemble(declared: list[Declared]) -> Assembled:
    """The inventory's resources from what was declared, with a warning per type the inventory does not cover."""
    index = DeclaredIndex(declared)
    malformed: list[InventoryWarning] = []
    built = [(resource, entry) for entry in declared if entry.type in CLOUDFORMATION
             if (resource := _built_or_bare(entry, index, malformed)) is not None]
    resources = [resource for resource, _ in built]
    ids = {resource.id for resource in resources}
    mapper = RefMapper(index, ids)
    for resource in resources:
        resource.refs = list(dict.fromkeys(ref for ref in map(mapper, resource.refs) if ref and ref != resource.id))
    resources = resolve_links(resources)
    resources, warnings = redact_secret_tags(resources)
    unknowns = {shape.key: sorted(shape.unknown) for entry in declared if (shape := CLOUDFORMATION.get(entry.type)) and shape.unknown}
    return Assembled(resources=resources, warnings=[*warnings, *malformed, *_not_covered(declared)], unknowns=unknowns,
                     declared_as={resource.id: entry for resource, entry in built})


def _not_covered(declared: list[Declared]) -> list[InventoryWarning]:
    counted = Counter(entry.type for entry in declared
                      if entry.type not in CLOUDFORMATION and entry.type not in CLOUDFORMATION_PARTS
                      and entry.type not in SILENT_TYPES)
    return [InventoryWarning(code="type_not_covered", key=resource_type, id="", region="",
                             message=f"{count} declared {resource_type} resource(s): the inventory does not cover this type")
            for resource_type, count in sorted(counted.items())]


def offline_inventory(assembled: Assembled, *, kind: SourceKind, account_id: str, regions: list[str], paths: list[str],
                      notes: list[str]) -> Inventory:
    resources = sorted(assembled.resources, key=lambda resource: (resource.key, resource.region, resource.id))
    note_warnings = [InventoryWarning(code="offline_unknown", key="", id="", region="", message=note)
                     for note in dict.fromkeys(notes)]
    return Inventory(
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        tool=ToolInfo(version=__version__),
        source=InventorySource(account_id=account_id, regions=sorted(set(regions)), kind=kind, paths=paths,
                               unknowns=assembled.unknowns),
        resources=resources,
        warnings=[*assembled.warnings, *note_warnings],
    )
