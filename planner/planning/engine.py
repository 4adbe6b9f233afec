"""The target-neutral planning core: inventory -> plan.

Every inventory resource yields exactly one plan item. The core assigns plan
item ids, target regions and zones, names and labels, source facts, data bytes
and the source's monthly cost, skips provider defaults, then asks the target's
mapper (the registry's MAPPER of the target) what each resource becomes. A kind
the mapper does not know, a mapper module that is missing, or a mapper that
fails on a resource gives a `manual` item with the reason: nothing is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from planner import __version__, registry
from planner.core.contract import MappedTarget, TargetMapper
from planner.core.errors import InputFileError, UsageError, one_line
from planner.core.fileio import cyclic_gc_paused, model_document, sha256_of_json
from planner.core.index import InventoryIndex
from planner.core.kinds import SourceType, kind_of
from planner.core.members import AUTOSCALING_GROUP, launching_group_indexed
from planner.core.model.inventory import Inventory, Resource
from planner.core.model.plan import (
    CatalogRef,
    InventoryErrors,
    ItemCost,
    ManualWork,
    Plan,
    PlanInventoryRef,
    PlanItem,
    PlanSource,
    PlanTarget,
    ToolInfo,
)
from planner.core.naming import (
    ITEM_ID_RULES,
    LabelRules,
    NameAllocator,
    NameRules,
    free_text_without_aws_ids,
    sanitize_labels_with_notes,
)
from planner.core.secret_tags import SECRET_TAG_MARKER
from planner.planning.defaults import skipped_defaults
from planner.planning.facts import data_bytes, facts, unit_key
from planner.planning.prepare import prepare_inventory
from planner.planning.readable_names import readable_name
from planner.planning.regions import RegionChoice, choose_regions, pick_zone
from planner.planning.serving_paths import plan_serving

TARGETS = ("gcp", "aws")
UNKNOWN_KIND = SourceType(source_type="", kind="unknown", group="other", stateful=False, title="unknown source type")


class PlanningContext:
    """What the core offers a mapper (planner.core.contract.MappingContext)."""

    def __init__(
        self,
        inventory: Inventory,
        provider: str,
        region_choices: Mapping[str, RegionChoice],
        name_rules: NameRules,
        label_rules: LabelRules,
        name_rules_by_kind: Mapping[str, NameRules] | None = None,
        catalog: Any = None,
    ) -> None:
        self.inventory = inventory
        self.provider = provider
        self.region_choices = dict(region_choices)
        self.label_rules = label_rules
        self._resources = inventory.by_id()
        self.index = InventoryIndex(inventory.resources)  # look-ups for the mappers: planner.core.index
        self._catalog = catalog if catalog is not None else registry.target_mapper(provider).catalog
        self._readable = {r.id: readable_name(r, self._resources) for r in inventory.resources}
        self._sorted: list[Resource] | None = None
        self._item_ids = self._allocate_item_ids()
        self._names = self._allocate_names(name_rules, name_rules_by_kind or {})
        self.skip_reasons = skipped_defaults(inventory, provider)  # provider defaults: id -> why skipped
        self.zone_notes: dict[str, str] = {}
        self._labels_of: tuple[str | None, tuple[dict[str, str], list[str]]] = (None, ({}, []))
        self.current_item_notes: list[str] = []  # fallbacks noticed while mapping the current resource

    # -- ids and names, allocated once in a deterministic order --------------------------------

    def _sorted_resources(self) -> list[Resource]:
        if self._sorted is None:
            self._sorted = sorted(self.inventory.resources, key=lambda r: (_kind(r).kind, r.name, r.id))
        return self._sorted

    def _allocate_item_ids(self) -> dict[str, str]:
        allocator = NameAllocator(ITEM_ID_RULES)
        return {
            r.id: allocator.allocate(r.id, f"{_kind(r).kind.replace('.', '-')}-{self._readable[r.id]}", fallback="item")
            for r in self._sorted_resources()
        }

    def _allocate_names(self, default: NameRules, by_kind: Mapping[str, NameRules]) -> dict[str, str]:
        allocators: dict[int, NameAllocator] = {}
        names: dict[str, str] = {}
        for resource in self._sorted_resources():
            kind = _kind(resource).kind
            rules = by_kind.get(kind, default)
            allocator = allocators.setdefault(id(rules), NameAllocator(rules))
            names[resource.id] = allocator.allocate(resource.id, self._readable[resource.id], namespace=kind,
                                                    fallback=kind.split(".")[-1])
        return names

    # -- MappingContext --------------------------------------------------------------------------

    def item_id(self, resource_id: str) -> str | None:
        return self._item_ids.get(resource_id) if isinstance(resource_id, str) else None  # a prop of the wrong type

    def resource(self, resource_id: str) -> Resource | None:
        return self._resources.get(resource_id) if isinstance(resource_id, str) else None

    def target_region(self, source_region: str) -> str:
        choice = self.region_choices.get(source_region)
        if choice is None:
            raise KeyError(f"no target region planned for source region {source_region!r}")
        return choice.target_region

    def target_zone(self, target_region: str, seed: str) -> str:
        zones, note = self._catalog.zones(target_region)
        if note:
            self.zone_notes[target_region] = note
            self.current_item_notes.append(note)
        return pick_zone(zones, seed)

    def target_name(self, resource: Resource) -> str:
        return self._names[resource.id]

    def labels(self, resource: Resource) -> dict[str, str]:
        return dict(self._sanitized_labels(resource)[0])

    # -- additions beyond the contract --------------------------------------------------------

    def is_skipped(self, resource_id: str) -> bool:
        """Whether the core skips this resource as a provider default (default VPC, subnets...)."""
        return resource_id in self.skip_reasons

    def label_notes(self, resource: Resource) -> list[str]:
        return list(self._sanitized_labels(resource)[1])

    def _sanitized_labels(self, resource: Resource) -> tuple[dict[str, str], list[str]]:
        """Labels and label notes of the resource being mapped (asked for by the mapper, then by the core)."""
        if self._labels_of[0] != resource.id:
            labels, notes = sanitize_labels_with_notes(_tags_with_account(resource), self.label_rules)
            self._labels_of = (resource.id, (labels, [*_redacted_tag_notes(resource), *notes]))
        return self._labels_of[1]


SOURCE_ACCOUNT_LABEL = "source-account"  # on every item of a multi-account inventory: which account it leaves


def _tags_with_account(resource: Resource) -> dict[str, str]:
    """The resource's tags as labels: those the inventory redacted as secrets are not carried (nothing is left of them)."""
    tags = {key: value for key, value in resource.tags.items() if value != SECRET_TAG_MARKER}
    return {**tags, SOURCE_ACCOUNT_LABEL: resource.account_id} if resource.account_id else tags


def _redacted_tag_notes(resource: Resource) -> list[str]:
    return [f"tag {key!r} not carried as a label: the inventory redacted its value (it looked like a secret); "
            "set it again from your secret store if the new home needs it"
            for key, value in sorted(resource.tags.items()) if value == SECRET_TAG_MARKER]


def _kind(resource: Resource) -> SourceType:
    return kind_of(resource.key) or UNKNOWN_KIND


def build_plan(
    inventory: Inventory,
    target: str,
    region_map: dict[str, str] | None = None,
    *,
    mapper: TargetMapper | None = None,
) -> Plan:
    """Plan the move of `inventory` to `target` ('gcp' or 'aws'). Deterministic: same input, same plan.

    `mapper` replaces the target's own MAPPER (providers/<target>/mapping.py) when given.
    """
    if target not in TARGETS:
        raise UsageError(f"unknown target {target!r}: expected one of {', '.join(TARGETS)}")
    with cyclic_gc_paused():
        try:
            return _build_plan(inventory, target, dict(region_map or {}), mapper)
        except UNREADABLE_VALUE as exc:
            raise InputFileError(f"the inventory holds a value planning cannot read: {_described(exc)}") from exc


# What reading a prop of an unexpected type raises (a mapping where a number belongs, a number where a list does):
# props are free-form in the file's schema, so a hand-edited inventory can hold any of them.
UNREADABLE_VALUE: tuple[type[Exception], ...] = (
    TypeError, ValueError, AttributeError, KeyError, IndexError, ArithmeticError, RecursionError)


def _described(exc: Exception) -> str:
    return f"{type(exc).__name__}: {one_line(str(exc), 200)}"


def _plan_item_of(resource: Resource, ctx: PlanningContext, mapper: TargetMapper,
                  inventory_notes: Sequence[str]) -> PlanItem:
    """`_plan_item`, naming the resource whose props cannot be read."""
    try:
        return _plan_item(resource, ctx, mapper, inventory_notes)
    except UNREADABLE_VALUE as exc:
        raise InputFileError(f"resource {resource.key} {resource.id!r}: a prop of an unexpected type "
                             f"({_described(exc)}); fix or remove it in the inventory") from exc


def _build_plan(inventory: Inventory, target: str, region_map: dict[str, str], mapper: TargetMapper | None) -> Plan:
    prepared = prepare_inventory(inventory)
    plan = _plan_of(prepared.inventory, target, region_map, mapper, prepared.notes, _inventory_ref(inventory))
    _restore_source_ids(plan.items, prepared.original_ids)
    return plan


def _restore_source_ids(items: list[PlanItem], original_ids: Mapping[str, str]) -> None:
    """Items planned under a distinct internal id (an id shared by two types) name the inventory's id again."""
    for item in items:
        item.source.id = original_ids.get(item.source.id, item.source.id)


def _plan_of(inventory: Inventory, target: str, region_map: dict[str, str], mapper: TargetMapper | None,
             inventory_notes: Mapping[str, list[str]], inventory_ref: PlanInventoryRef) -> Plan:
    own = registry.target_mapper(target)
    mapper = mapper or own
    catalog = mapper.catalog or own.catalog
    choices = choose_regions(inventory, target, catalog, region_map)
    ctx = PlanningContext(
        inventory,
        target,
        choices,
        name_rules=mapper.name_rules or own.name_rules,
        label_rules=mapper.label_rules or own.label_rules,
        name_rules_by_kind=mapper.name_rules_by_kind or own.name_rules_by_kind,
        catalog=catalog,
    )
    items = [_plan_item_of(resource, ctx, mapper, inventory_notes.get(resource.id, ())) for resource in inventory.resources]
    _count_members_on_their_groups(inventory, items, ctx)
    items.sort(key=lambda item: item.id)
    return Plan(
        tool=ToolInfo(version=__version__),
        inventory=inventory_ref,
        target=_plan_target(target, region_map, choices, [*catalog.CATALOGS, *mapper.catalogs], ctx),
        items=items,
        serving=plan_serving(inventory, items),
    )


def _plan_target(
    target: str,
    region_map: Mapping[str, str],
    choices: Mapping[str, RegionChoice],
    target_catalogs: list[Any],
    ctx: PlanningContext,
) -> PlanTarget:
    return PlanTarget(
        provider=target,  # type: ignore[arg-type]
        region_map={source: choice.target_region for source, choice in sorted(choices.items())},
        catalogs=_catalog_refs(target_catalogs),
        region_basis={source: choice.basis for source, choice in sorted(choices.items())},
        region_notes=sorted({note for choice in choices.values() for note in choice.notes} | set(ctx.zone_notes.values())),
        region_map_requested=dict(sorted(region_map.items())),
    )


def _catalog_refs(target_catalogs: list[Any]) -> list[CatalogRef]:
    """The target's catalogs and the source's, each once, sorted."""
    seen: dict[tuple[str, str, str], CatalogRef] = {}
    for ref in [*target_catalogs, *registry.source_catalog().CATALOGS]:
        as_model = ref if isinstance(ref, CatalogRef) else CatalogRef(name=ref.name, source=ref.source, price_date=ref.price_date)
        seen.setdefault((as_model.name, as_model.source, as_model.price_date), as_model)
    return sorted(seen.values(), key=lambda ref: (ref.name, ref.source))


def _inventory_ref(inventory: Inventory) -> PlanInventoryRef:
    """`sha256`: of the inventory's canonical JSON (`dump_json` of the model: what `planner inventory` writes).

    Hashed resource by resource (`model_document`), so no second copy of the inventory is made.
    """
    return PlanInventoryRef(
        account_id=inventory.source.account_id,
        regions=list(inventory.source.regions),
        resource_count=len(inventory.resources),
        generated_at=inventory.generated_at,
        kind=inventory.source.kind,
        accounts=list(inventory.source.accounts),
        sha256=sha256_of_json(model_document(inventory)),
        errors=InventoryErrors.of(inventory.errors),
    )


def _depends_on(resource: Resource, ctx: PlanningContext) -> tuple[list[str], list[str]]:
    ids: set[str] = set()
    notes: list[str] = []
    for ref in resource.refs:
        item_id = ctx.item_id(ref)
        if item_id is None:
            notes.append(f"reference to {ref} ignored: not in the inventory")
        elif ref != resource.id:
            ids.add(item_id)
    return sorted(ids), notes


def _plan_item(resource: Resource, ctx: PlanningContext, mapper: TargetMapper, inventory_notes: Sequence[str]) -> PlanItem:
    kind = _kind(resource)
    depends_on, ref_notes = _depends_on(resource, ctx)
    source = _source_cost(resource)
    item = PlanItem(
        id=ctx.item_id(resource.id) or "",
        source=PlanSource(key=resource.key, id=resource.id, region=resource.region, name=resource.name,
                          account_id=resource.account_id),
        kind=kind.kind,
        group=kind.group,
        status="manual",
        depends_on=depends_on,
        data_bytes=data_bytes(resource),
        stateful=kind.stateful,
        unit_key=unit_key(resource),
        facts=facts(resource),
        cost=ItemCost(source_monthly_usd=source.monthly_usd, basis=list(source.basis), source_complete=source.complete),
    )
    ctx.current_item_notes = []
    mapped = _map(resource, kind, ctx, mapper)
    item.status = mapped.status
    item.target, id_notes = _free_text_checked(mapped.target if mapped.status in {"mapped", "partial"} else None)
    item.manual = mapped.manual
    item.cost.target_monthly_usd = _target_cost(mapped)
    item.cost.basis.extend(mapped.cost_basis)
    label_notes = ctx.label_notes(resource) if item.target is not None else []
    region_choice = ctx.region_choices.get(resource.region)  # a move to another country or jurisdiction
    residency_notes = region_choice.item_notes if region_choice is not None and item.status != "skipped" else []
    item.notes = _unique([*inventory_notes, *mapped.notes, *ctx.current_item_notes, *source.notes, *ref_notes,
                          *label_notes, *id_notes, *residency_notes])
    return item


def _free_text_checked(target: dict[str, Any] | None) -> tuple[dict[str, Any] | None, list[str]]:
    """The target spec with no AWS id in its free text (a Name tag, a description...), and a note per field rewritten.

    Names, item ids and labels are made without AWS ids (planner.core.naming); this catches what a
    mapper copied from the source as it was. References hold plan item ids, which never hold one.
    """
    if target is None:
        return None, []
    clean, paths = free_text_without_aws_ids(target)
    return clean, [f"target.{path}: the AWS id in it replaced by its redaction token (no target text names the "
                   "source account); check the value" for path in paths]


def _count_members_on_their_groups(inventory: Inventory, items: list[PlanItem], ctx: PlanningContext) -> None:
    """Move the source cost of skipped Auto Scaling group members (instances, their volumes) onto the group's item.

    The target's group rebuilds the members from its template and carries their
    target cost, so the source cost must sit on the same item for before -> after
    to compare like with like. Totals do not change; only the item they sit on.
    """
    if not ctx.index.of_key(AUTOSCALING_GROUP):
        return
    item_of_source = {resource.id: item for resource, item in zip(inventory.resources, items, strict=True)}
    members: dict[str, list[tuple[Resource, PlanItem]]] = {}
    for resource, item in zip(inventory.resources, items, strict=True):
        if item.status != "skipped":
            continue
        group = launching_group_indexed(resource, ctx.index, ctx.resource)
        if group is not None and group.id in item_of_source:
            members.setdefault(group.id, []).append((resource, item))
    for group_id, group_members in members.items():
        _move_source_costs(item_of_source[group_id], sorted(group_members, key=lambda pair: pair[1].id))


def _move_source_costs(group: PlanItem, members: list[tuple[Resource, PlanItem]]) -> None:
    counted: list[str] = []
    unpriced: list[str] = []
    moved_basis: list[str] = []
    moved_notes: list[str] = []
    complete = bool(getattr(group.cost, "source_complete", True))
    total = group.cost.source_monthly_usd
    for resource, member in members:
        source = _source_cost(resource)
        usd = member.cost.source_monthly_usd
        if usd is None:
            unpriced.append(member.id)
        else:
            counted.append(f"{member.id} ${usd:,.2f}")
            total = round((total or 0.0) + usd, 2)
        complete = complete and bool(getattr(member.cost, "source_complete", True)) and usd is not None
        moved_basis.extend(source.basis)
        moved_notes.extend(source.notes)
        _clear_source_cost(member, source.basis, source.notes, group.id, usd)
    if counted:
        group.cost.basis.append(f"source: {len(counted)} member(s) of this group counted here: "
                                f"{', '.join(counted)}")
    if unpriced:
        moved_notes.append(f"source cost of member(s) {', '.join(unpriced)} not priced: this item's source "
                           "cost is understated")
    group.cost.source_monthly_usd = total if counted or total else None
    group.cost.source_complete = complete  # type: ignore[attr-defined]
    group.cost.basis = _unique([*group.cost.basis, *moved_basis])
    group.notes = _unique([*group.notes, *moved_notes])


def _clear_source_cost(member: PlanItem, source_basis: list[str], source_notes: list[str], group_id: str,
                       usd: float | None) -> None:
    figure = "not priced" if usd is None else f"${usd:,.2f}/month"
    member.cost.source_monthly_usd = 0.0
    member.cost.source_complete = True  # type: ignore[attr-defined]
    member.cost.basis = [f"source: counted in {group_id} ({figure})",
                         *(line for line in member.cost.basis if line not in source_basis)]
    member.notes = _unique([*(note for note in member.notes if note not in source_notes),
                            f"cost counted in {group_id}: the group rebuilds this member from its template"])


def _source_cost(resource: Resource) -> Any:
    """The source resource's monthly list-price cost (the source's pricing module, through the registry)."""
    return registry.source_cost_module().source_cost(resource)


def _target_cost(mapped: MappedTarget) -> float | None:
    if mapped.status == "skipped":
        return 0.0 if mapped.target_monthly_usd is None else mapped.target_monthly_usd
    return None if mapped.target_monthly_usd is None else round(mapped.target_monthly_usd, 2)


def _map(
    resource: Resource, kind: SourceType, ctx: PlanningContext, mapper: TargetMapper
) -> MappedTarget:
    reason = ctx.skip_reasons.get(resource.id)
    if reason is not None:
        return MappedTarget(status="skipped", notes=[f"skipped: {reason}"], target_monthly_usd=0.0)
    if kind is UNKNOWN_KIND:
        return _manual(f"source type {resource.key} is not in the kinds table (planner/data/source_types.csv)",
                       f"find what this {resource.key} does and recreate it on {ctx.provider} by hand")
    function = mapper.functions.get(kind.kind)
    if function is None:
        why = f"the {ctx.provider} mapper has no function for it"
        return _manual(f"no {ctx.provider} mapping for kind {kind.kind} yet: {why}",
                       f"recreate the {kind.title} '{resource.name}' on {ctx.provider} by hand")
    try:
        mapped = function(resource, ctx)
    except Exception as exc:  # noqa: BLE001 - one failing mapping must not lose the other items
        return _manual(f"the {ctx.provider} mapping of {kind.kind} failed on this resource ({type(exc).__name__}: {exc})",
                       f"recreate the {kind.title} '{resource.name}' on {ctx.provider} by hand, and report the failure")
    return _checked(mapped, kind, ctx)


def _checked(mapped: MappedTarget, kind: SourceType, ctx: PlanningContext) -> MappedTarget:
    """The mapper's answer, made consistent: mapped/partial need a target, manual needs the work."""
    if mapped.status in {"mapped", "partial"} and not mapped.target:
        return _manual(f"the {ctx.provider} mapper returned '{mapped.status}' without a target spec for {kind.kind}",
                       f"recreate the {kind.title} on {ctx.provider} by hand", notes=mapped.notes)
    if mapped.status == "manual" and mapped.manual is None:
        mapped.manual = ManualWork(reason=next(iter(mapped.notes), f"no {ctx.provider} equivalent"),
                                   work=f"recreate the {kind.title} on {ctx.provider} by hand")
    return mapped


def _manual(reason: str, work: str, notes: list[str] | None = None) -> MappedTarget:
    return MappedTarget(status="manual", notes=[*(notes or []), reason], manual=ManualWork(reason=reason, work=work))


def _unique(notes: list[str]) -> list[str]:
    return list(dict.fromkeys(note for note in notes if note))


def plan_summary(plan: Plan) -> dict[str, Any]:
    """Counts by status and kind, and the monthly totals on each side (None-priced items counted apart)."""
    by_status: dict[str, int] = {}
    by_kind: dict[str, dict[str, int]] = {}
    source_total = target_total = 0.0
    unpriced_source = unpriced_target = manual = 0
    for item in plan.items:
        by_status[item.status] = by_status.get(item.status, 0) + 1
        by_kind.setdefault(item.kind, {}).setdefault(item.status, 0)
        by_kind[item.kind][item.status] += 1
        if item.cost.source_monthly_usd is None:
            unpriced_source += 1
        else:
            source_total += item.cost.source_monthly_usd
        if item.status == "manual":
            manual += 1
        elif item.status in {"mapped", "partial", "skipped"}:
            if item.cost.target_monthly_usd is None:
                unpriced_target += 1
            else:
                target_total += item.cost.target_monthly_usd
    return {
        "by_status": dict(sorted(by_status.items())),
        "by_kind": {kind: dict(sorted(counts.items())) for kind, counts in sorted(by_kind.items())},
        "source_monthly_usd": round(source_total, 2),
        "target_monthly_usd": round(target_total, 2),
        "source_unpriced_items": unpriced_source,
        "target_unpriced_items": unpriced_target,
        "target_manual_items": manual,  # no target cost: built by hand
    }
