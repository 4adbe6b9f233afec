"""Hypothesis strategies for schema-valid inventories with hostile content (tests/test_properties_pipeline.py).

Every inventory drawn here passes `Inventory.model_validate`, and holds what a
real account or a hand-made file can: repeats of (key, id), refs that dangle
or run in cycles, missing, null and wrongly typed props, zero and huge sizes,
unknown source types, AWS ids inside tags and names, unicode and very long
strings, no region at all or several. Types come from the kinds table at run
time, so types that others add are drawn too; a few key types get plausible
props (instances, volumes, buckets, RDS, security groups whose rules name each
other), the others start from the props of the shared synthetic inventory (or
random ones) and are then mangled.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from planner.core.kinds import source_types
from planner.core.quantities import MAX_QUANTITY, is_quantity_name, quantity_problem

SYNTHETIC_INVENTORY = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
MAX_SIZE = 10**18  # bytes: the largest size drawn (1 EB)
LONG_TEXT = 2000
KNOWN_REGIONS = ("us-east-1", "eu-west-1", "ap-northeast-1", "sa-east-1", "me-central-1", "global")
UNKNOWN_REGIONS = ("mars-north-9", "x")  # planning asks for --region-map (exit 2): drawn now and then only
UNKNOWN_TYPES = ("aws.unknown.thing", "aws.ec2.brand_new_type", "gcp.compute.instance", "x.y")
AWS_IDS = ("fs-0123abcd", "i-0123456789abcdef0", "sg-0a1b2c3d", "vol-0fedcba987654321f", "subnet-1234abcd",
           "arn:aws:s3:::some-bucket", "arn:aws:iam::123456789012:role/app", "vpc-deadbeef")
HOSTILE_WORDS = ("EFS fs-0123abcd data load will auto terminate", "é ü ß 日本語 🚀", "", " ", "-", "__", "a" * 70,
                 "Name", "aws:cloudformation:stack-name", "goog-reserved", "UPPER Case", "line\nbreak", "ARN: arn:aws:x")


@cache
def known_types() -> tuple[str, ...]:
    return tuple(sorted(source_types()))


@cache
def sample_props() -> dict[str, dict[str, Any]]:
    """The first resource's props of each type in the shared synthetic inventory: a plausible base."""
    document = json.loads(SYNTHETIC_INVENTORY.read_text(encoding="utf-8"))
    found: dict[str, dict[str, Any]] = {}
    for resource in document["resources"]:
        found.setdefault(resource["key"], resource["props"])
    return found


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Short text, hostile words, AWS ids inside prose, and now and then 2,000 characters."""
    return st.one_of(
        st.text(max_size=max_size),
        st.sampled_from(HOSTILE_WORDS),
        st.builds(lambda words, aws_id: f"{words} {aws_id}", st.text(max_size=12), st.sampled_from(AWS_IDS)),
        st.sampled_from(AWS_IDS),
        st.text(alphabet="abc-_ é日", min_size=LONG_TEXT - 5, max_size=LONG_TEXT),
    )


sizes = st.one_of(st.just(0), st.integers(0, 10), st.integers(0, MAX_SIZE), st.just(MAX_SIZE))
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-MAX_SIZE, MAX_SIZE),
    st.floats(allow_nan=False, allow_infinity=False, width=64), texts(),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(texts(10), children, max_size=3)),
    max_leaves=6,
)


def regions() -> st.SearchStrategy[str]:
    return st.one_of(*(st.sampled_from(KNOWN_REGIONS) for _ in range(15)), st.sampled_from(UNKNOWN_REGIONS))


def resource_ids() -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda prefix, digits: f"{prefix}-{digits}", st.sampled_from(("i", "vol", "sg", "subnet", "vpc", "fs")),
                  st.text(alphabet="0123456789abcdef", min_size=8, max_size=8)),
        st.builds(lambda service, rest: f"arn:aws:{service}:us-east-1:123456789012:{rest}",
                  st.sampled_from(("rds", "sqs", "elasticloadbalancing", "lambda")), st.text(min_size=1, max_size=20)),
        st.text(min_size=1, max_size=30),
        st.text(alphabet="xy/.", min_size=1, max_size=LONG_TEXT),
    )


def _plausible_instance(ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({
        "instance_type": st.sampled_from(("m5.large", "t3.micro", "c5.xlarge", "p3.2xlarge", "m6g.large",
                                          "x1e.32xlarge", "g5.48xlarge", "u-24tb1.metal", "nonsense.size")),
        "vcpu": st.one_of(st.integers(0, 448), st.integers(0, MAX_SIZE)),
        "memory_mib": st.one_of(st.integers(0, 24 * 1024 * 1024), st.integers(0, MAX_SIZE)),
        "architecture": st.sampled_from(("x86_64", "arm64", "i386", "mips")),
        "gpu_count": st.integers(0, 16),
        "gpu_model": st.one_of(st.none(), st.sampled_from(("V100", "A100", "T4", "H100", "unknown-gpu"))),
        "state": st.sampled_from(("running", "stopped", "terminated", "shutting-down", "pending")),
        "availability_zone": st.sampled_from(("us-east-1a", "eu-west-1c", "", "zz-9z")),
        "image_id": st.sampled_from(AWS_IDS[:2] + ("ami-0a1b2c3d",)),
        "launch_template_id": st.one_of(st.none(), st.sampled_from(ids)),
        "autoscaling_group": st.one_of(st.none(), st.sampled_from(ids)),
        "burstable": st.booleans(),
        "platform": st.sampled_from(("linux", "windows", "")),
    })


def _plausible_volume(ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({
        "size_gib": st.one_of(st.integers(0, 16384), st.integers(0, MAX_SIZE // 2**30)),
        "volume_type": st.sampled_from(("gp2", "gp3", "io1", "io2", "st1", "sc1", "standard", "weird")),
        "iops": st.one_of(st.none(), st.integers(0, 256000)),
        "throughput_mibps": st.one_of(st.none(), st.integers(0, 4000)),
        "attached_instance_ids": st.lists(st.sampled_from(ids), max_size=3),
        "encrypted": st.booleans(),
        "availability_zone": st.sampled_from(("us-east-1a", "eu-west-1b", "")),
    })


def _plausible_bucket(ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({
        "size_bytes": sizes,
        "object_count": sizes,
        "storage_class_bytes": st.dictionaries(st.sampled_from(("STANDARD", "GLACIER", "DEEP_ARCHIVE", "ODD")), sizes,
                                               max_size=3),
        "versioning": st.sampled_from(("Enabled", "Suspended", "Disabled", "")),
        "website": st.booleans(),
    })


def _plausible_rds(ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({
        "engine": st.sampled_from(("postgres", "mysql", "mariadb", "aurora-postgresql", "aurora-mysql", "oracle-ee",
                                   "sqlserver-se", "db2-se", "weird")),
        "engine_version": st.sampled_from(("15.4", "8.0.35", "5.7", "", "999", "x")),
        "instance_class": st.sampled_from(("db.r6g.large", "db.t3.micro", "db.x2g.16xlarge", "db.m5.24xlarge",
                                           "db.serverless", "db.weird")),
        "allocated_storage_gib": st.one_of(st.integers(0, 65536), st.integers(0, MAX_SIZE // 2**30)),
        "multi_az": st.booleans(),
        "read_replica_source": st.one_of(st.none(), st.sampled_from(ids)),
        "read_replica_ids": st.lists(st.sampled_from(ids), max_size=2),
        "cluster_id": st.one_of(st.none(), st.sampled_from(ids)),
        "storage_type": st.sampled_from(("gp2", "gp3", "io1", "aurora", "standard", "")),
        "iops": st.one_of(st.none(), st.integers(0, 256000)),
        "port": st.one_of(st.integers(0, 70000), st.none()),
    })


def _rule(ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    port = st.one_of(st.none(), st.integers(-1, 70000))
    return st.fixed_dictionaries({
        "protocol": st.sampled_from(("tcp", "udp", "icmp", "-1", "50", "icmpv6")),
        "from_port": port,
        "to_port": port,
        "cidrs": st.lists(st.sampled_from(("0.0.0.0/0", "10.0.0.0/8", "not-a-cidr", "192.168.1.1/32")), max_size=2),
        "ipv6_cidrs": st.lists(st.sampled_from(("::/0", "2001:db8::/32")), max_size=1),
        "source_group_ids": st.lists(st.sampled_from(ids), max_size=3),
    })


def _plausible_security_group(ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({
        "group_name": texts(),
        "description": texts(),
        "ingress": st.lists(_rule(ids), max_size=3),
        "egress": st.lists(_rule(ids), max_size=2),
        "is_default": st.booleans(),
        "vpc_id": st.one_of(st.none(), st.sampled_from(ids)),
    })


PLAUSIBLE = {
    "aws.ec2.instance": _plausible_instance,
    "aws.ec2.volume": _plausible_volume,
    "aws.s3.bucket": _plausible_bucket,
    "aws.rds.instance": _plausible_rds,
    "aws.ec2.security_group": _plausible_security_group,
}


def _mangled(value: Any) -> st.SearchStrategy[Any]:
    """One prop: kept (most often), null, of another type, or a size."""
    return st.one_of(st.just(value), st.just(value), st.just(value), st.none(), json_values, sizes)


@st.composite
def props_for(draw: st.DrawFn, key: str, ids: list[str]) -> dict[str, Any]:
    plausible = PLAUSIBLE.get(key)
    if plausible is not None:
        base = draw(plausible(ids))
    else:
        base = dict(sample_props().get(key) or draw(st.dictionaries(texts(12), json_values, max_size=4)))
    props: dict[str, Any] = {}
    for name, value in base.items():
        if draw(st.integers(0, 9)) == 0:
            continue  # missing
        props[name] = draw(_mangled(value))
    return _valid_quantities(props)


def _valid_quantities(value: Any, *, under_quantity: bool = False) -> Any:
    """`value` with every number under a quantity's name made schema-valid (its magnitude, at most 2**63 - 1): a
    negative size is refused at the schema, and the test's promise is a schema-valid inventory."""
    if isinstance(value, dict):
        return {name: _valid_quantities(item, under_quantity=under_quantity or is_quantity_name(name))
                for name, item in value.items()}
    if isinstance(value, list):
        return [_valid_quantities(item, under_quantity=under_quantity) for item in value]
    if under_quantity and quantity_problem(value) is not None:
        return min(abs(value), MAX_QUANTITY)
    return value


@st.composite
def resources(draw: st.DrawFn, ids: list[str]) -> dict[str, Any]:
    key = draw(st.one_of(st.sampled_from(known_types()), st.sampled_from(known_types()), st.sampled_from(UNKNOWN_TYPES)))
    resource_id = draw(st.sampled_from(ids))
    resource: dict[str, Any] = {
        "key": key,
        "id": resource_id,
        "region": draw(regions()),
        "name": draw(st.one_of(texts(), st.just(resource_id))),
        "tags": draw(st.dictionaries(texts(20), texts(), max_size=4)),
        "props": draw(props_for(key, ids)),
        "refs": draw(st.lists(st.one_of(st.sampled_from(ids), resource_ids()), max_size=4)),
    }
    if draw(st.booleans()):
        resource["arn"] = draw(st.one_of(st.none(), st.just(resource_id), texts()))
    return resource


@st.composite
def repeat_of(draw: st.DrawFn, first: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    """Another copy of `first` (same key and id), as the API returns now and then: equal, or differing."""
    other = draw(resources(ids))
    keep = draw(st.sets(st.sampled_from(("region", "name", "tags", "props", "refs"))))
    return {**other, **{field: first[field] for field in keep}, "key": first["key"], "id": first["id"]}


@st.composite
def inventories(draw: st.DrawFn) -> dict[str, Any]:
    """An inventory document (a dict, as written to inventory.json) of 1-12 resources."""
    ids = draw(st.lists(resource_ids(), min_size=1, max_size=8, unique=True))
    drawn = draw(st.lists(resources(ids), min_size=1, max_size=10))
    for position in draw(st.lists(st.integers(0, len(drawn) - 1), max_size=2)):
        drawn.append(draw(repeat_of(drawn[position], ids)))
    return {
        "schema": "planner.inventory/1",
        "generated_at": "2026-11-21T10:00:00Z",
        "tool": {"name": "planner", "version": "0.0.0"},
        "source": {"provider": "aws", "account_id": draw(st.sampled_from(("123456789012", "000000000000", "x"))),
                   "regions": draw(st.lists(regions(), max_size=3, unique=True))},
        "resources": drawn,
        "errors": [],
    }
