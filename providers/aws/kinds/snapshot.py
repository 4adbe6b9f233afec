"""EBS snapshots (storage.snapshot) and RDS manual snapshots (db.snapshot) -> manual: a snapshot cannot be
referenced from the new account's code; it is shared with the new account and copied before the cut-off."""

from __future__ import annotations

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws.spec import Spec

ENCRYPTED_NOTE = ("encrypted: share the KMS key with the new account too (a key policy grant), or copy it under a key "
                  "the new account can use; snapshots under the AWS-managed key cannot be shared, copy them first")


def _size(resource: Resource, gib_prop: str) -> str:
    props = resource.props
    if props.get("full_size_bytes"):
        return f"{props['full_size_bytes']} bytes (full snapshot size)"
    return f"at most {props.get(gib_prop) or '?'} GiB (its source's size: an upper bound)"


def _notes(resource: Resource, gib_prop: str) -> list[str]:
    return [f"data: {_size(resource, gib_prop)}", *([ENCRYPTED_NOTE] if resource.props.get("encrypted") else [])]


def map_snapshot(resource: Resource, ctx: MappingContext) -> MappedTarget:
    return manual(
        "an EBS snapshot belongs to its account: the new account's code cannot refer to it",
        f"before the cut-off share {resource.id} with the new account (`aws ec2 modify-snapshot-attribute "
        "--create-volume-permission Add=[{UserId=NEW}]`) and copy it there (`aws ec2 copy-snapshot`, into the "
        "target region); a shared snapshot disappears with the source account, the copy does not",
        _notes(resource, "volume_size_gib"),
    )


def map_db_snapshot(resource: Resource, ctx: MappingContext) -> MappedTarget:
    return manual(
        "an RDS snapshot belongs to its account: the new account's code cannot refer to it",
        f"before the cut-off share {resource.name} with the new account (`aws rds modify-db-snapshot-attribute "
        "--attribute-name restore --values-to-add NEW`) and copy it there (`aws rds copy-db-snapshot`); restore "
        "from the copy if its point in time is needed",
        _notes(resource, "allocated_storage_gib"),
    )


MAP: dict[str, MapFunction] = {"storage.snapshot": map_snapshot, "db.snapshot": map_db_snapshot}
SPECS: tuple[type[Spec], ...] = ()
