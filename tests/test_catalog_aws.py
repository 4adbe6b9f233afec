"""The AWS catalog: instance types, offerings, us-east-1 prices and the stated fallbacks."""

from __future__ import annotations

from providers.aws import catalog


def test_instance_types_load() -> None:
    m5 = catalog.instance_types()["m5.xlarge"]
    assert (m5.vcpu, m5.memory_gib, m5.arch, m5.burstable) == (4, 16.0, "x86_64", False)
    assert catalog.instance_types()["m6g.large"].arch == "arm64"
    assert catalog.instance_types()["g4dn.xlarge"].gpu_model == "NVIDIA T4"


def test_instance_price_us_east_1_and_proxy_elsewhere() -> None:
    assert catalog.instance_price("m5.xlarge", "us-east-1") == (0.192, "")
    price, note = catalog.instance_price("m5.xlarge", "eu-west-1")
    assert price == 0.192 and "us-east-1 list price used as a proxy for eu-west-1" in note
    missing, why = catalog.instance_price("no.such", "us-east-1")
    assert missing is None and "not priced" in why


def test_regions_offering() -> None:
    assert "us-east-1" in catalog.regions_offering("m5.xlarge")
    assert catalog.regions_offering("no.such") == set()


def test_cheapest_instance_type_fits_and_is_cheapest() -> None:
    choice = catalog.cheapest_instance_type("us-east-1", 4, 16)
    assert choice.found and choice.vcpu >= 4 and choice.memory_gb >= 16 and not choice.shared_cpu
    fitting = [
        it.price_usd_per_hour_us_east_1
        for it in catalog.instance_types().values()
        if it.vcpu >= 4 and it.memory_gib >= 16 and it.arch == "x86_64" and not it.burstable and not it.gpu_count
        and not it.bare_metal and it.price_usd_per_hour_us_east_1 is not None
        and "us-east-1" in catalog.regions_offering(it.name)
    ]
    assert choice.price_usd_per_hour == min(fitting)


def test_cheapest_instance_type_gpu_arm_burstable() -> None:
    gpu = catalog.cheapest_instance_type("us-east-1", 4, 16, gpu_count=1, gpu_model="NVIDIA T4")
    assert gpu.machine_type == "g4dn.xlarge"
    arm = catalog.cheapest_instance_type("us-east-1", 2, 8, arch="arm64")
    assert arm.found and arm.arch == "arm64"
    burst = catalog.cheapest_instance_type("eu-west-1", 2, 1, burstable=True)
    assert burst.shared_cpu and any("proxy" in n for n in burst.notes)
    none = catalog.cheapest_instance_type("us-east-1", 4, 16, gpu_count=3, gpu_model="NVIDIA T4")
    assert not none.found and "3 x NVIDIA T4" in none.notes[-1]


def test_rds_class_and_prices() -> None:
    rds = catalog.rds_class("db.m5.large")
    assert rds is not None and rds.vcpu == 2 and rds.memory_gib == 8.0 and rds.postgres
    assert catalog.rds_class("db.nothing") is None
    priced, notes = catalog.rds_instance_rate("db.t3.large", "postgres", False, "us-east-1")
    assert priced is not None and priced.unit_price_usd == 0.145 and notes == []
    unpriced, why = catalog.rds_instance_rate("db.m5.large", "postgres", False, "us-east-1")
    assert unpriced is None and "only db.t3.large is priced" in why[0]


def test_rates_with_proxy_and_egress_tiers() -> None:
    ebs, notes = catalog.ebs_rate("gp3", "us-east-1")
    assert ebs is not None and ebs.unit_price_usd == 0.08 and notes == []
    proxied, proxy_notes = catalog.ebs_rate("gp3", "eu-west-1")
    assert proxied == ebs and "proxy for eu-west-1" in proxy_notes[0]
    assert catalog.rate("EBS", "EBS gp3 storage", "eu-west-1") is None
    tiers = catalog.egress_tiers("us-east-1")
    assert tiers[0] == (10240.0, 0.09) and len(tiers) == 3
    assert len(catalog.egress_tiers("eu-west-1")) == 4


def test_zones_from_moto_table() -> None:
    zones, note = catalog.zones("us-east-1")
    assert "us-east-1a" in zones and note == ""
    assert catalog.zones("xx-nowhere-1")[1]
