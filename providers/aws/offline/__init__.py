"""Inventories read from what the team already has: CloudFormation templates and Terraform state.

Both become declared resources (providers/aws/offline/declared.py) that the live inventory's own specs build, so
the plan of a template, of a state file and of a scan of the same account agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from planner.core.model.inventory import GLOBAL_REGION, Inventory
from providers.aws.offline.assemble import assemble, offline_inventory
from providers.aws.offline.cloudformation import StackInput, load_template, read_stacks, stack_name_of, template_paths
from providers.aws.offline.terraform import declared_resources, read_state, state_account

UNKNOWN_ACCOUNT = "unknown"


def read_cloudformation(path: Path, *, region: str, parameters: Mapping[str, Any] | None = None,
                        account_id: str | None = None, partition: str = "aws") -> Inventory:
    """The inventory that one template, or a directory of them (one stack each), declares."""
    paths = template_paths(path)
    stacks = [StackInput(template=load_template(entry), name=stack_name_of(entry), region=region,
                         account_id=account_id or UNKNOWN_ACCOUNT, partition=partition, parameters=parameters or {},
                         base_dir=entry.parent)
              for entry in paths]
    reads = read_stacks(stacks)
    assembled = assemble([declared for read in reads for declared in read.declared])
    return offline_inventory(assembled, kind="cloudformation", account_id=account_id or UNKNOWN_ACCOUNT, regions=[region],
                             paths=[str(entry) for entry in paths], notes=[note for read in reads for note in read.notes])


def read_terraform(path: Path, *, default_region: str = "us-east-1") -> Inventory:
    """The inventory that a Terraform state file (v4 or `terraform show -json`) holds."""
    read = read_state(path)
    account = state_account(read) or UNKNOWN_ACCOUNT
    declared = declared_resources(read, default_region=default_region, account=account)
    assembled = assemble(declared)
    notes = [f"{count} {resource_type} resource(s) in the state: the inventory does not cover this type"
             for resource_type, count in sorted(read.skipped.items())]
    if read.redacted:
        notes.append(f"{read.redacted} values Terraform marks sensitive were removed before reading")
    regions = sorted({resource.region for resource in assembled.resources if resource.region != GLOBAL_REGION}) or [default_region]
    return offline_inventory(assembled, kind="terraform", account_id=account, regions=regions, paths=[str(path)], notes=notes)
