"""The corpus read through its templates (planner's offline reader) and matched, resource by resource, with what the
scan of the deployed stacks found: the parity that issue 14 asks for (same keys, same refs between the resources).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corpus_deploy import Case, DeployedStack, covered_stack_resources, matching_resource

from planner.core.model.inventory import Inventory, Resource
from providers.aws.offline.assemble import Assembled, assemble
from providers.aws.offline.cloudformation import StackInput, load_template, read_stack


def read_case_offline(case: Case, account_id: str) -> Assembled:
    """The case's stacks read from their templates in order, an earlier stack's outputs feeding later parameters."""
    outputs: dict[str, dict[str, Any]] = {}
    exports: dict[str, Any] = {}
    declared = []
    for spec in case.stacks:
        parameters = {key: _parameter(value, outputs) for key, value in spec.parameters.items()}
        stack = StackInput(template=load_template(spec.template), name=spec.name, region=spec.region,
                           account_id=account_id, partition="aws", parameters=parameters, base_dir=spec.template.parent)
        read = read_stack(stack, exports)
        outputs[spec.name] = read.outputs
        exports.update(read.exports)
        declared.extend(read.declared)
    return assemble(declared)


def _parameter(value: str, outputs: dict[str, dict[str, Any]]) -> Any:
    stack, _, output = value.partition(".")
    return outputs[stack].get(output, value) if stack in outputs and output else value


# What moto's CloudFormation leaves out when it creates these types (the scan then lacks the relation the template
# declares): the live props it leaves empty or at a default. A difference counts as explained only when each ref
# the scan lacks is in one of these props offline and absent from the same prop in the scan.
MOTO_GAPS: dict[str, tuple[str, ...]] = {
    "AWS::EC2::RouteTable": ("subnet_ids",),  # SubnetRouteTableAssociation is not shown by DescribeRouteTables
    "AWS::EC2::Instance": ("security_group_ids",),
    "AWS::ECS::Service": ("load_balancer_target_groups", "security_group_ids", "subnet_ids"),
    "AWS::ECS::TaskDefinition": ("task_role_arn", "execution_role_arn"),
    "AWS::ElasticLoadBalancing::LoadBalancer": ("security_group_ids", "subnet_ids"),
    "AWS::ElasticLoadBalancingV2::TargetGroup": ("target_ids",),  # Targets are not registered
    "AWS::RDS::DBInstance": ("security_group_ids",),  # VPCSecurityGroups ignored: the VPC's default group is used
}
# Relations that the case makes through the AWS APIs after its stacks (Metadata.Corpus.ApiCalls), which therefore
# no template declares: the scan has them, the templates cannot.
MADE_BY_API_CALLS: dict[str, str] = {
    "AWS::SNS::Topic": "subscriptions (moto's CloudFormation has no AWS::SNS::Subscription)",
}


@dataclass
class Parity:
    compared: int = 0
    same: int = 0
    differences: list[str] = field(default_factory=list)  # neither equal nor explained
    explained: list[str] = field(default_factory=list)  # by a moto gap or the case's API calls
    live_of: dict[str, str] = field(default_factory=dict)  # offline id -> the scan's id of the same resource
    explained_ids: set[str] = field(default_factory=set)  # offline ids of the explained differences

    @property
    def share(self) -> float:
        """Resources equal, or whose difference a listed moto gap or API call explains."""
        return (self.same + len(self.explained)) / self.compared if self.compared else 1.0

    @property
    def strict_share(self) -> float:
        return self.same / self.compared if self.compared else 1.0

    def add(self, other: Parity) -> None:
        self.compared += other.compared
        self.same += other.same
        self.differences.extend(other.differences)
        self.explained.extend(other.explained)
        self.live_of.update(other.live_of)
        self.explained_ids |= other.explained_ids


RECORD = "aws.route53.record_set"


def _record_key(resource: Resource) -> tuple[str, str, str]:
    props = resource.props
    return (str(props.get("record_name", "")).rstrip(".").lower(), str(props.get("record_type")),
            str(props.get("set_identifier") or ""))


def _live_record(scanned: Inventory, found: Resource) -> Resource | None:
    """Records share their name (an apex A beside its SOA and NS): matched by name, type and set identifier."""
    wanted = _record_key(found)
    return next((resource for resource in scanned.resources if resource.key == RECORD and _record_key(resource) == wanted),
                None)


def parity(stacks: list[DeployedStack], scanned: Inventory, offline: Assembled) -> Parity:
    """For each stack resource of a covered type: the offline resource has the scanned one's key and the same refs
    to the other resources the stacks created."""
    by_origin = {(declared.stack, declared.logical_id): resource_id for resource_id, declared in offline.declared_as.items()}
    offline_by_id = {resource.id: resource for resource in offline.resources}
    live_of: dict[str, str] = {}
    pairs: list[tuple[str, str, Resource | None, Resource | None]] = []
    for stack in stacks:
        for resource, source_type in covered_stack_resources([stack]):
            offline_id = by_origin.get((stack.spec.name, resource.logical_id))
            found = offline_by_id.get(offline_id) if offline_id else None
            live = _live_record(scanned, found) if found is not None and found.key == RECORD else \
                matching_resource(scanned, resource, source_type)
            if live is not None and found is not None:
                live_of[found.id] = live.id
            pairs.append((f"{stack.spec.name}/{resource.logical_id} {resource.type}", resource.type, live, found))
    created = set(live_of.values())
    result = Parity(live_of=live_of)
    for label, cfn_type, live, found in pairs:
        result.compared += 1
        difference = _difference(live, found, live_of, created)
        if not difference:
            result.same += 1
        elif live is not None and found is not None and _explained(cfn_type, live, found, live_of, created):
            result.explained.append(f"{label}: {difference} (explained: {_why(cfn_type)})")
            result.explained_ids.add(found.id)
        else:
            result.differences.append(f"{label}: {difference}")
    return result


def _why(cfn_type: str) -> str:
    if cfn_type in MOTO_GAPS:
        return f"moto's CloudFormation leaves {', '.join(MOTO_GAPS[cfn_type])} out"
    return f"{MADE_BY_API_CALLS[cfn_type]} are made by API calls"


def _ref_sets(live: Resource, found: Resource, live_of: dict[str, str], created: set[str]) -> tuple[set[str], set[str]]:
    return set(live.refs) & created, {live_of.get(ref, ref) for ref in found.refs} & created


def _difference(live: Resource | None, found: Resource | None, live_of: dict[str, str], created: set[str]) -> str:
    if live is None or found is None:
        return "not in the scan" if live is None else "not read from the template"
    if live.key != found.key:
        return f"key {found.key} (scan: {live.key})"
    live_refs, offline_refs = _ref_sets(live, found, live_of, created)
    if live_refs != offline_refs:
        return f"refs: only in the scan {sorted(live_refs - offline_refs)}, only offline {sorted(offline_refs - live_refs)}"
    return ""


def _values(props: dict[str, Any], names: tuple[str, ...], live_of: dict[str, str]) -> set[str]:
    found: set[str] = set()
    for name in names:
        value = props.get(name)
        for entry in value if isinstance(value, list) else [value]:
            if isinstance(entry, str):
                found.add(live_of.get(entry, entry))
    return found


def _explained(cfn_type: str, live: Resource, found: Resource, live_of: dict[str, str], created: set[str]) -> bool:
    live_refs, offline_refs = _ref_sets(live, found, live_of, created)
    only_offline, only_live = offline_refs - live_refs, live_refs - offline_refs
    if cfn_type in MADE_BY_API_CALLS:
        return not only_offline
    gap = MOTO_GAPS.get(cfn_type)
    if gap is None or only_live:
        return False
    declared, scanned = _values(found.props, gap, live_of), _values(live.props, gap, {})
    return only_offline <= declared and not only_offline & scanned


DEFAULT_VPC_MERGE = "merged into network network-vpc-default-vpc"  # planning joins a VPC to the default VPC's network


@dataclass
class PlanParity:
    differences: list[str] = field(default_factory=list)
    explained: list[str] = field(default_factory=list)


def _neighbours(resource_id: str, inventory: Inventory) -> set[str]:
    """The resource's refs and the resources that ref it."""
    found = {ref for resource in inventory.resources if resource.id == resource_id for ref in resource.refs}
    return found | {resource.id for resource in inventory.resources if resource_id in resource.refs}


def _plan_explanation(live_item: dict[str, Any], scanned: Inventory, offline: list[Resource],
                      inventory_parity: Parity) -> str | None:
    """Why the scan's plan of a resource may differ from its template's: the scan holds something no template declares
    (the default VPC, a resource made by the case's API calls), or the resource or a neighbour differs in the
    inventories for a listed reason."""
    live_id = live_item["source"]["id"]
    if any(note.startswith(DEFAULT_VPC_MERGE) for note in live_item.get("notes", [])):
        return "the account's default VPC, which no template declares, takes its network"
    created = set(inventory_parity.live_of.values())
    explained = {inventory_parity.live_of[offline_id] for offline_id in inventory_parity.explained_ids}
    neighbours = _neighbours(live_id, scanned)
    offline_id = next((key for key, value in inventory_parity.live_of.items() if value == live_id), "")
    neighbours |= {inventory_parity.live_of.get(ref, ref) for ref in _neighbours(offline_id, Inventory.model_construct(
        resources=offline))}
    outside = {ref for ref in neighbours if ref not in created and any(r.id == ref for r in scanned.resources)}
    if outside:
        return f"the scan has {sorted(outside)[0]}, which no template declares"
    if live_id in explained or neighbours & explained:
        return "it or a neighbour differs in the inventories for a listed reason"
    return None


def plan_parity(live_plan: dict[str, Any], offline_plan: dict[str, Any], scanned: Inventory, offline: list[Resource],
                inventory_parity: Parity) -> PlanParity:
    """Items of the same resource whose plans differ in kind or status (the plans of a scan and of the templates)."""
    live_items = {item["source"]["id"]: item for item in live_plan.get("items", [])}
    result = PlanParity()
    for item in offline_plan.get("items", []):
        live_id = inventory_parity.live_of.get(item["source"]["id"])
        live = live_items.get(live_id) if live_id else None
        if live is None or (live["kind"], live["status"]) == (item["kind"], item["status"]):
            continue
        line = (f"{item['source']['key']} {item['source']['name']}: offline {item['kind']} {item['status']}, "
                f"scan {live['kind']} {live['status']}")
        why = _plan_explanation(live, scanned, offline, inventory_parity)
        if why:
            result.explained.append(f"{line} (explained: {why})")
        else:
            result.differences.append(line)
    return result
