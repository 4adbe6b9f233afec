"""The GCP stack's resources under Pulumi mocks (real pulumi-gcp classes): what a fresh project needs to serve."""

from __future__ import annotations

import pytest

from planner.core.model.plan import Plan
from planner.pulumi_mocks import MockRun
from stacks.gcp._apis import MODULE_APIS, module_of
from stacks.gcp._function_source import placeholder_files
from tests.test_gcp_serving_support import (
    BUCKET,
    CERT,
    QUEUE_DLQ,
    QUEUE_FEED,
    TOPIC,
    item,
    named,
    plan_of,
    run_stack,
    serving_resources,
)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return plan_of(serving_resources())


@pytest.fixture(scope="module")
def run(plan: Plan) -> MockRun:
    return run_stack(plan)


def test_https_proxies_take_a_certificate_map(plan: Plan, run: MockRun) -> None:
    proxies = run.of_type("gcp:compute/targetHttpsProxy:TargetHttpsProxy")
    assert proxies
    for proxy in proxies:
        assert "certificateManagerCertificates" not in proxy.inputs
        assert proxy.inputs["certificateMap"].startswith("//certificatemanager.googleapis.com/")
    entries = run.of_type("gcp:certificatemanager/certificateMapEntry:CertificateMapEntry")
    assert {e.inputs.get("hostname") for e in entries} >= {"example.com", "*.example.com"}
    assert any(e.inputs.get("matcher") == "PRIMARY" for e in entries)
    assert all(e.inputs["certificates"] == [f"{item(plan, CERT).id}-id"] for e in entries)


def test_the_authorization_cname_is_written_into_the_zone(plan: Plan, run: MockRun) -> None:
    record = named(run, "gcp:dns/recordSet:RecordSet", f"{item(plan, CERT).id}-auth-0-record")
    assert record.inputs["managedZone"] == item(plan, "Z1").target["name"]  # the plan's example.com. zone


def test_dns_values_are_fully_qualified_in_the_stack(plan: Plan, run: MockRun) -> None:
    record = named(run, "gcp:dns/recordSet:RecordSet", item(plan, "Z1/www.example.com./CNAME").id)
    assert record.inputs["rrdatas"] == ["app.example.net."]


def test_backends_admit_the_load_balancer_ranges(plan: Plan, run: MockRun) -> None:
    rules = [r for r in run.of_type("gcp:compute/firewall:Firewall") if r.name.startswith(item(plan, "sg-0web").id)]
    assert [r.inputs["sourceRanges"] for r in rules] == [["35.191.0.0/16", "130.211.0.0/22"]]
    assert not any(r.name.startswith(item(plan, "sg-0db").id) for r in run.of_type("gcp:compute/firewall:Firewall"))


def test_every_api_is_enabled_once_and_resources_depend_on_it(run: MockRun) -> None:
    services = run.of_type("gcp:projects/service:Service")
    by_urn = {s.urn: s.inputs["service"] for s in services}
    assert len(by_urn) == len(set(by_urn.values())) and all(s.inputs["disableOnDestroy"] is False for s in services)
    for resource in run.resources:
        module = module_of(resource.type)
        if module and resource.type != "gcp:projects/service:Service":
            needed = set(MODULE_APIS[module])
            assert needed <= {by_urn.get(d) for d in resource.dependencies}, resource.name
    assert {"sqladmin.googleapis.com", "compute.googleapis.com", "run.googleapis.com"} <= set(run.outputs["enabled_apis"])


def test_functions_build_from_an_uploaded_placeholder(plan: Plan, run: MockRun) -> None:
    function_item = next(i for i in plan.items if i.kind == "function" and i.target["runtime"].startswith("python"))
    source = named(run, "gcp:storage/bucketObject:BucketObject", f"{function_item.id}-source")
    function = named(run, "gcp:cloudfunctionsv2/function:Function", function_item.id)
    assert function.inputs["buildConfig"]["source"]["storageSource"]["object"] == source.inputs["name"]
    files = placeholder_files(function_item.target["runtime"], function_item.target["entry_point"])
    assert set(files) == {"main.py", "requirements.txt"} and "def handler(request)" in files["main.py"]
    assert "replace me" in files["main.py"]


@pytest.mark.parametrize(("runtime", "entry", "expected"), [
    ("nodejs20", "handler", {"index.js", "package.json"}), ("ruby33", "handler", {"app.rb", "Gemfile"}),
    ("java17", "com.example.Pay", {"src/main/java/com/example/Pay.java", "pom.xml"}),
    ("dotnet8", "Shop.Pay", {"Pay.cs", "Placeholder.csproj"}),
])
def test_placeholder_files_per_runtime_family(runtime: str, entry: str, expected: set[str]) -> None:
    files = placeholder_files(runtime, entry)
    assert set(files) == expected and any(entry.rsplit(".", 1)[-1] in text for text in files.values())


def test_mig_waits_for_its_instances_and_hyperdisk_templates(plan: Plan, run: MockRun) -> None:
    manager = run.of_type("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager")[0]
    assert manager.inputs["waitForInstances"] is True
    template = run.of_type("gcp:compute/instanceTemplate:InstanceTemplate")[0]
    assert template.inputs["disks"][0]["diskType"] == "hyperdisk-balanced"
    vm = named(run, "gcp:compute/instance:Instance", item(plan, "i-0api").id)
    assert vm.inputs["bootDisk"]["initializeParams"]["type"] == "hyperdisk-balanced"


def test_the_cdn_bucket_is_readable_by_the_public(plan: Plan, run: MockRun) -> None:
    bucket = named(run, "gcp:storage/bucket:Bucket", item(plan, BUCKET).id)
    assert bucket.inputs["publicAccessPrevention"] == "inherited"
    member = named(run, "gcp:storage/bucketIAMMember:BucketIAMMember", f"{item(plan, BUCKET).id}-public-read")
    assert member.inputs["member"] == "allUsers" and member.inputs["role"] == "roles/storage.objectViewer"


def test_signed_url_cdn_grants_the_fill_service_account() -> None:
    resources = [r for r in serving_resources() if r["id"] in (BUCKET, "E1")]
    resources[1]["props"]["trusted_key_groups"] = ["kg-1"]
    resources[1]["refs"] = [BUCKET]
    run = run_stack(plan_of(resources))
    members = run.of_type("gcp:storage/bucketIAMMember:BucketIAMMember")
    assert [m.inputs["member"] for m in members] == ["serviceAccount:service-None@cloud-cdn-fill.iam.gserviceaccount.com"]
    assert run.of_type("gcp:compute/backendBucketSignedUrlKey:BackendBucketSignedUrlKey")


def test_filestore_capacity_in_the_stack(plan: Plan, run: MockRun) -> None:
    share = named(run, "gcp:filestore/instance:Instance", item(plan, "fs-0share").id)
    assert share.inputs["fileShares"]["capacityGb"] == 1024


def test_cloud_nat_in_every_private_region_and_on_the_elastic_ip(plan: Plan, run: MockRun) -> None:
    nats = {n.inputs["region"]: n.inputs for n in run.of_type("gcp:compute/routerNat:RouterNat")}
    assert set(nats) == {"us-east4", "us-west1"}
    assert nats["us-east4"]["natIpAllocateOption"] == "MANUAL_ONLY"
    assert nats["us-east4"]["natIps"] == [f"https://mock.invalid/address/{item(plan, 'eipalloc-0nat').id}"]
    assert nats["us-west1"]["natIpAllocateOption"] == "AUTO_ONLY"


def test_sns_subscribers_are_subscriptions_on_the_topic(plan: Plan, run: MockRun) -> None:
    topic_id = f"{item(plan, TOPIC).id}-id"
    subscriptions = run.of_type("gcp:pubsub/subscription:Subscription")
    assert sum(s.inputs["topic"] == topic_id for s in subscriptions) == 2
    topics = {t.name for t in run.of_type("gcp:pubsub/topic:Topic")}
    assert item(plan, QUEUE_FEED).id not in topics and item(plan, QUEUE_DLQ).id in topics
    feed = named(run, "gcp:pubsub/subscription:Subscription", f"{item(plan, QUEUE_FEED).id}-from-{item(plan, TOPIC).id}")
    assert feed.inputs["deadLetterPolicy"]["deadLetterTopic"] == f"{item(plan, QUEUE_DLQ).id}-id"


def test_one_network_carries_both_regions_and_the_cluster(plan: Plan, run: MockRun) -> None:
    networks = run.of_type("gcp:compute/network:Network")
    assert [n.name for n in networks] == [item(plan, "vpc-0east").id]
    west = named(run, "gcp:compute/subnetwork:Subnetwork", item(plan, "subnet-0west").id)
    assert west.inputs["network"] == f"{item(plan, 'vpc-0east').id}-id"
    cluster = run.of_type("gcp:container/cluster:Cluster")[0]
    assert cluster.inputs["network"] == f"https://mock.invalid/network/{item(plan, 'vpc-0east').id}"
