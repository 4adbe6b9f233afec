"""What every AWS group component shares: typed specs, providers per region, references.

Builders are keyed by target type (`aws.ec2.instance`...), one function each,
in the `BUILD` table of the kind's module (`stacks/aws/<module>.py`). A builder
reads the item's typed spec (`component.spec_of(item)`), creates children with
`component.opts(spec)` (`parent=self` and the explicit provider of the spec's
region) and resolves references to other plan items through the registry, so
they are outputs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import Plan, PlanItem
from providers.aws.spec import Spec, parse_spec
from stacks.aws.defaults import TargetDefaults
from stacks.common.component import GroupArgs, SpecGroup
from stacks.common.errors import ItemBuildError
from stacks.common.ordering import topological_order
from stacks.common.registry import BUILDABLE_STATUSES, MAIN_ROLE
from stacks.common.targets import building

GLOBAL = "global"
AwsBuilder = Callable[["AwsGroup", PlanItem, Any], pulumi.Resource | None]
ResourceT = TypeVar("ResourceT", bound=pulumi.Resource)


@dataclass
class Providers:
    """One explicit `aws.Provider` per target region; global services use the home region."""

    by_region: dict[str, aws.Provider]
    home_region: str

    @classmethod
    def for_plan(cls, plan: Plan) -> "Providers":
        regions = [
            str(item.target.get("region"))
            for item in plan.items
            if item.status in BUILDABLE_STATUSES and item.target and item.target.get("region") not in (None, GLOBAL)
        ]
        counts = {region: regions.count(region) for region in sorted(set(regions))}
        home = max(counts, key=lambda region: (counts[region], region == "us-east-1")) if counts else "us-east-1"
        wanted = sorted(set(counts) | {home})
        return cls(by_region={region: aws.Provider(f"aws-{region}", region=region) for region in wanted}, home_region=home)

    def for_region(self, region: str) -> aws.Provider:
        if region in (GLOBAL, ""):
            region = self.home_region
        provider = self.by_region.get(region)
        if provider is None:  # a region only a nested part named; add it on demand
            provider = self.by_region[region] = aws.Provider(f"aws-{region}", region=region)
        return provider


@dataclass
class AwsGroupArgs(GroupArgs):
    """A group's items, the shared registry, the plan, the providers and the target's default lookups."""

    providers: Providers | None = None
    defaults: TargetDefaults | None = None


class AwsGroup(SpecGroup):
    """A group of plan items built with pulumi-aws; `spec_builders` maps target type -> builder."""

    provider = "aws"
    group: ClassVar[str]
    spec_builders: ClassVar[Mapping[str, AwsBuilder]] = {}
    spec_label = "target type"

    def __init__(self, name: str, args: AwsGroupArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        self.after_all: list[Callable[[], None]] = []  # work once every item of the group is built
        self._specs: dict[str, Spec] = {}
        super().__init__(name, args, opts)

    # --- ordering ----------------------------------------------------------------------------

    def build_all(self) -> None:
        # PlanGroup orders by depends_on; AWS orders by the references the specs actually
        # hold, so that mutual security-group references (rules come last) are no cycle.
        for item in self._ordered(self.args.items):
            self.build(item)
        for finish in self.after_all:
            finish()
        self.finish()

    def _ordered(self, items: list[PlanItem]) -> list[PlanItem]:
        buildable = [item for item in items if item.status in BUILDABLE_STATUSES]
        in_group = {item.id for item in buildable}
        ordered_view = [
            item.model_copy(update={"depends_on": [ref for ref in self.spec_of(item).item_refs() if ref in in_group and ref not in self.deferred_refs(item)]})
            for item in buildable
        ]
        by_id = {item.id: item for item in buildable}
        return [by_id[item.id] for item in topological_order(ordered_view)]

    def deferred_refs(self, item: PlanItem) -> set[str]:
        """References a builder resolves after the whole group is built (security-group rules)."""
        spec = self.spec_of(item)
        rules = [*getattr(spec, "ingress", []), *getattr(spec, "egress", [])]
        return {ref for rule in rules for ref in rule.item_refs()}

    def spec_of(self, item: PlanItem) -> Any:
        """The item's typed target spec (any pydantic error names the item)."""
        if item.id not in self._specs:
            if item.target is None:
                raise ItemBuildError(f"status {item.status!r} but no target spec", item_id=item.id)
            with building(item):
                self._specs[item.id] = parse_spec(item.target)
        return self._specs[item.id]

    # --- options, tags, references -------------------------------------------------------

    @property
    def aws_providers(self) -> Providers:
        assert self.args.providers is not None  # set by stacks.aws.build  # noqa: S101
        return self.args.providers  # type: ignore[attr-defined]

    def opts(self, spec: Spec, *, region: str | None = None, **options: Any) -> pulumi.ResourceOptions:
        """`parent=self` and the provider of the spec's region (or `region`)."""
        return self.child_opts(provider=self.aws_providers.for_region(region or spec.region), **options)

    @staticmethod
    def tags(spec: Spec) -> dict[str, str]:
        return {"Name": spec.name, **spec.tags}

    def tagged(self, spec: Spec) -> dict[str, Any]:
        """`tags` and `opts` of a resource that carries the spec's tags as they are."""
        return {"tags": spec.tags, "opts": self.opts(spec)}

    def name_tagged(self, spec: Spec) -> dict[str, Any]:
        """`tags` and `opts` of an EC2-style resource, whose console shows the `Name` tag."""
        return {"tags": self.tags(spec), "opts": self.opts(spec)}

    def exporting(self, item: PlanItem, resource: ResourceT, **outputs: str) -> ResourceT:
        """`resource`, after exporting its `outputs` for the item (export name -> attribute of the resource)."""
        for name, attribute in outputs.items():
            self.export(item, name, getattr(resource, attribute))
        return resource

    @property
    def target_defaults(self) -> TargetDefaults:
        assert self.args.defaults is not None  # set by stacks.aws.build  # noqa: S101
        return self.args.defaults  # type: ignore[attr-defined, no-any-return]

    def ref(self, item: PlanItem, target_id: str, attribute: str = "id", role: str = MAIN_ROLE) -> pulumi.Output[Any]:
        """An output of another item's resource, or of the target default standing in for a skipped default."""
        if not self.registry.built(target_id) and self.target_defaults.resolves(target_id):
            return self.target_defaults.output(target_id, attribute)
        return super().ref(item, target_id, attribute, role)

    def refs(self, item: PlanItem, target_items: list[str], attribute: str = "id") -> list[pulumi.Output[Any]]:
        """Outputs of the built items among `target_items`; unbuilt ones are recorded as dropped."""
        return [output for _, output in self.ref_pairs(item, target_items, attribute)]

    def ref_pairs(self, item: PlanItem, target_items: list[str], attribute: str = "id") -> list[tuple[str, pulumi.Output[Any]]]:
        """(item id, output) of the built items among `target_items`; unbuilt ones are recorded as dropped."""
        found = []
        for target_item in target_items:
            if self.registry.built(target_item) or self.target_defaults.resolves(target_item):
                found.append((target_item, self.ref(item, target_item, attribute)))
            elif not self._is_skipped(target_item):
                self.dropped(item, f"reference to {target_item!r} dropped: that item creates no resource")
        return found

    def _is_skipped(self, item_id: str) -> bool:
        """A skipped item (a main route table, an AWS-managed key): the target's own serves, the plan says why."""
        other = self.args.plan.by_id().get(item_id)
        return other is not None and other.status == "skipped"

    def optional_ref(self, item: PlanItem, target_item: str | None, attribute: str = "id") -> pulumi.Output[Any] | None:
        if target_item is None:
            return None
        found = self.refs(item, [target_item], attribute)
        return found[0] if found else None


def require(value: Any, what: str, item: PlanItem) -> Any:
    """A spec value a resource cannot do without; an error naming the item."""
    if value in (None, "", []):
        raise ItemBuildError(f"({item.kind}) the spec has no {what}", item_id=item.id)
    return value
