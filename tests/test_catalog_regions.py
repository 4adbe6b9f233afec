"""Regions with coordinates, great-circle distances, the nearest region."""

from __future__ import annotations

import pytest

from providers.common.regions import Region, great_circle_km, nearest_region, regions


def test_regions_load_per_provider() -> None:
    aws, gcp = regions("aws"), regions("gcp")
    assert len(aws) == 34 and len(gcp) == 43
    assert aws["eu-central-1"].has_coordinates
    assert not aws["mx-central-1"].has_coordinates
    assert regions("nobody") == {}


def test_great_circle_distance_is_symmetric_and_plausible() -> None:
    frankfurt_aws, frankfurt_gcp = regions("aws")["eu-central-1"], regions("gcp")["europe-west3"]
    assert great_circle_km(frankfurt_aws, frankfurt_gcp) < 50
    virginia, sydney = regions("aws")["us-east-1"], regions("gcp")["australia-southeast1"]
    assert great_circle_km(virginia, sydney) == pytest.approx(great_circle_km(sydney, virginia))
    assert 15_000 < great_circle_km(virginia, sydney) < 16_500


@pytest.mark.parametrize(
    ("source", "expected"),
    [("eu-central-1", "europe-west3"), ("us-east-1", "us-east4"), ("ap-northeast-1", "asia-northeast1"), ("sa-east-1", "southamerica-east1")],
)
def test_nearest_gcp_region(source: str, expected: str) -> None:
    assert nearest_region("gcp", regions("aws")[source]) == expected


def test_nearest_among_candidates_and_same_provider() -> None:
    source = regions("aws")["eu-central-1"]
    assert nearest_region("gcp", source, ["us-central1", "europe-west1"]) == "europe-west1"
    assert nearest_region("aws", source) == "eu-central-1"
    with pytest.raises(ValueError):
        nearest_region("gcp", source, ["not-a-region"])


def test_source_without_coordinates_is_an_error() -> None:
    nowhere = Region("aws", "mx-central-1", "Mexico", "", None, None)
    with pytest.raises(ValueError):
        nearest_region("gcp", nowhere)
