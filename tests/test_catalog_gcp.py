"""The GCP catalog: loaders, right-sizing against the shipped prices, unit rates."""

from __future__ import annotations

import pytest

from providers.common.catalog import HOURS_PER_MONTH
from providers.gcp import catalog


def _fitting_prices(region: str, vcpu: float, memory: float, *, shared_ok: bool, arch: str = "x86_64") -> list[float]:
    prices = []
    for machine in catalog.machine_types().values():
        if machine.family == "custom" or machine.gpu_count or machine.arch != arch:
            continue
        if machine.shared_cpu and not shared_ok:
            continue
        if machine.burst_vcpu >= vcpu and machine.memory_gb >= memory:
            price = catalog.machine_price(machine.name, region)
            if price is not None:
                prices.append(price)
    return prices


def test_machine_types_load_with_specs() -> None:
    types = catalog.machine_types()
    assert len(types) > 500
    e2 = types["e2-standard-4"]
    assert (e2.vcpu, e2.memory_gb, e2.shared_cpu, e2.arch) == (4, 16, False, "x86_64")
    assert types["t2a-standard-4"].arch == "arm64"
    assert types["g2-standard-4"].gpu_type == "l4" and types["g2-standard-4"].gpu_count == 1


def test_machine_price_and_regions_offering() -> None:
    assert catalog.machine_price("e2-standard-4", "us-central1") == pytest.approx(0.134023)
    assert catalog.machine_price("e2-standard-4", "nowhere-1") is None
    assert "us-central1" in catalog.regions_offering("t2a-standard-4")
    assert "europe-west3" not in catalog.regions_offering("t2a-standard-4")


@pytest.mark.parametrize("region", ["us-east1", "europe-west3", "asia-northeast1"])
def test_m5_xlarge_gets_the_cheapest_4_vcpu_16_gib_type(region: str) -> None:
    choice = catalog.cheapest_machine_type(region, 4, 16)
    assert choice.found and choice.vcpu >= 4 and choice.memory_gb >= 16
    assert not choice.shared_cpu
    assert choice.price_usd_per_hour == min(_fitting_prices(region, 4, 16, shared_ok=False))
    assert choice.monthly_usd == round(choice.price_usd_per_hour * HOURS_PER_MONTH, 2)


def test_g4dn_xlarge_gets_one_t4_on_an_n1_host() -> None:
    gpu_class, note = catalog.gpu_class_for_aws_model("NVIDIA T4")
    choice = catalog.cheapest_machine_type("us-central1", 4, 16, gpu_count=1, gpu_class=gpu_class)
    assert choice.found
    assert choice.accelerator_type == "nvidia-tesla-t4" and choice.accelerator_count == 1
    assert choice.machine_type.startswith("n1-") and choice.vcpu >= 4 and choice.memory_gb >= 16
    assert any("not in the catalog" in n for n in choice.notes)  # the GPU's own price is a stated gap
    assert note == "same GPU (NVIDIA T4)"


def test_bundled_gpu_class_matches_count_exactly() -> None:
    choice = catalog.cheapest_machine_type("us-central1", 4, 16, gpu_count=1, gpu_class="l4")
    assert choice.found and choice.gpu_count == 1 and choice.gpu_type == "l4"
    assert choice.machine_type.startswith("g2-")


def test_gpu_count_no_type_offers_gives_a_clear_note() -> None:
    choice = catalog.cheapest_machine_type("us-central1", 4, 16, gpu_count=3, gpu_class="l4")
    assert not choice.found and choice.price_usd_per_hour is None
    assert "3 x l4" in choice.notes[0] and "1, 2, 4, 8" in choice.notes[0]
    t4 = catalog.cheapest_machine_type("us-central1", 4, 16, gpu_count=3, gpu_class="t4")
    assert not t4.found and "not 3" in t4.notes[-1]


def test_arm64_source_gets_an_arm_family() -> None:
    choice = catalog.cheapest_machine_type("us-central1", 2, 8, arch="arm64")
    assert choice.found and choice.arch == "arm64"
    assert catalog.machine_types()[choice.machine_type].family in catalog.ARM_FAMILIES
    only_t2a = catalog.cheapest_machine_type("us-central1", 2, 8, arch="arm64", families=["t2a"])
    assert only_t2a.machine_type == "t2a-standard-2"


def test_shared_core_only_for_burstable_sources() -> None:
    burstable = catalog.cheapest_machine_type("us-central1", 2, 1, burstable=True)
    assert burstable.shared_cpu and burstable.machine_type == "e2-micro"
    steady = catalog.cheapest_machine_type("us-central1", 2, 1)
    assert steady.found and not steady.shared_cpu
    assert steady.price_usd_per_hour == min(_fitting_prices("us-central1", 2, 1, shared_ok=False))


def test_family_preference_override() -> None:
    choice = catalog.cheapest_machine_type("us-central1", 4, 16, families=["n2"])
    assert choice.machine_type == "n2-standard-4"


def test_nothing_fits_in_a_region() -> None:
    choice = catalog.cheapest_machine_type("europe-west3", 2, 8, arch="arm64", families=["t2a"])
    assert not choice.found and "europe-west3" in choice.notes[0]


def test_unit_rates_and_services() -> None:
    disk = catalog.disk_rate("pd-balanced", "us-east1")
    assert disk is not None and disk.unit == "GB-month" and disk.source_date == "2026-07-30"
    assert catalog.disk_rate("pd-unknown", "us-east1") is None
    assert catalog.gcs_rate("standard", "us-east1") is not None
    assert catalog.gcs_rate("coldline", "us-multi") is not None
    nat = catalog.cloud_nat_rate("us-east1")
    assert nat is not None and nat.unit == "hour"
    assert {r.service for r in catalog.rates("Cloud SQL")} == {"Cloud SQL"}
    assert catalog.rate("Networking", "Cloud NAT data processed", "us-east1") is not None


def test_forwarding_rule_uses_the_us_central1_proxy_with_a_note() -> None:
    found, notes = catalog.forwarding_rule_rate("europe-west1")
    assert found is not None and found.region == "us-central1"
    assert "proxy for europe-west1" in notes[0]
    here, no_notes = catalog.forwarding_rule_rate("us-central1")
    assert here is not None and no_notes == []


def test_cloud_sql_price_is_vcpu_memory_and_storage() -> None:
    price, basis = catalog.cloud_sql_price(2, 7.5, regional=False, storage_gb=100, region="us-central1")
    vcpu = catalog.rate("Cloud SQL", "Cloud SQL PostgreSQL vCPU (zonal / single-zone)", "us-central1")
    memory = catalog.rate("Cloud SQL", "Cloud SQL PostgreSQL memory (zonal) - per GB per month", "us-central1")
    storage = catalog.rate("Cloud SQL", "Cloud SQL SSD storage (zonal)", "us-central1")
    assert vcpu and memory and storage
    expected = 2 * HOURS_PER_MONTH * vcpu.unit_price_usd + 7.5 * memory.unit_price_usd + 100 * storage.unit_price_usd
    assert price == round(expected, 2)
    regional, regional_basis = catalog.cloud_sql_price(2, 7.5, regional=True, storage_gb=100, region="us-east1", engine="mysql")
    assert regional is not None and regional > price
    assert any("PostgreSQL regional rates used" in line for line in regional_basis)
    assert any("proxy for us-east1" in line for line in regional_basis)


def test_memorystore_is_not_priced_and_says_so() -> None:
    price, notes = catalog.memorystore_price(4, "us-east1")
    assert price is None and "no Memorystore rate" in notes[0]


def test_egress_tiers_are_cumulative_and_decreasing() -> None:
    tiers = catalog.egress_tiers("us-east1")
    assert [upto for upto, _ in tiers][:2] == [1024.0, 10240.0]
    prices = [price for _, price in tiers]
    assert prices == sorted(prices, reverse=True)


def test_zones_listed_or_stated_assumption() -> None:
    zones, note = catalog.zones("us-east1")
    assert zones == ("us-east1-b", "us-east1-c", "us-east1-d") and note == ""
    assumed, assumed_note = catalog.zones("me-central2")
    assert assumed[0] == "me-central2-a" and "assumed" in assumed_note


def test_catalogs_carry_source_and_date() -> None:
    assert catalog.CATALOGS and all(ref.source and ref.price_date for ref in catalog.CATALOGS)
