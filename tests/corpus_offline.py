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
    result = Parity()
    for label, cfn_type, live, found in pairs:
        result.compared += 1
        difference = _difference(live, found, live_of, created)
        if not difference:
            result.same += 1
        elif live is not None and found is not None and _explained(cfn_type, live, found, live_of, created):
            result.explained.append(f"{label}: {difference} (explained: {_why(cfn_type)})")
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
