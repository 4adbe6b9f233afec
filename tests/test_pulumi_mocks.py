"""The in-process mock engine: real provider classes, recorded tree and outputs."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp
import pytest

from planner.pulumi_mocks import run_under_mocks


class _Network(pulumi.ComponentResource):
    def __init__(self, name: str) -> None:
        super().__init__("planner:test:Network", name, None, None)
        child = pulumi.ResourceOptions(parent=self)
        self.network = gcp.compute.Network("main", auto_create_subnetworks=False, opts=child)
        self.subnet = gcp.compute.Subnetwork(
            "web", ip_cidr_range="10.0.0.0/24", region="us-central1", network=self.network.self_link, opts=child
        )
        self.register_outputs({})


def _program() -> None:
    network = _Network("network")
    pulumi.export("network_link", network.network.self_link)


def test_records_tree_inputs_and_outputs() -> None:
    run = run_under_mocks(_program, config={"gcp:project": "demo"})
    assert run.counts_by_type() == {
        "gcp:compute/network:Network": 1,
        "gcp:compute/subnetwork:Subnetwork": 1,
        "planner:test:Network": 1,
    }
    subnet = run.of_type("gcp:compute/subnetwork:Subnetwork")[0]
    assert subnet.inputs["ipCidrRange"] == "10.0.0.0/24"
    assert subnet.inputs["network"] == run.outputs["network_link"]
    assert "planner:test:Network::network" in subnet.parent_urn


def test_runs_twice_in_one_process() -> None:
    first = run_under_mocks(_program)
    second = run_under_mocks(_program)
    assert len(first.resources) == len(second.resources) == 3


def test_missing_required_argument_fails() -> None:
    with pytest.raises(TypeError, match="boot_disk"):
        run_under_mocks(lambda: gcp.compute.Instance("vm", machine_type="e2-small", zone="us-central1-a"))


def test_unknown_argument_fails() -> None:
    with pytest.raises(TypeError, match="bogus"):
        run_under_mocks(lambda: gcp.compute.Network("n", bogus=1))
