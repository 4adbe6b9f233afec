"""The AWS catalog: instance types, offerings, us-east-1 prices and the stated fallbacks."""

from __future__ import annotations

from planner.core.model.inventory import Resource
from providers.aws import catalog
from providers.aws.source_cost import source_cost
from providers.common.catalog import GIB


def test_instance_types_load() -> None:
    m5 = catalog.instance_types()["m5.xlarge"]
    assert (m5.vcpu, m5.memory_gib, m5.arch, m5.burstable) == (4, 16.0, "x86_64", False)
    assert catalog.instance_types()["m6g.large"].arch == "arm64"
    assert catalog.instance_types()["g4dn.xlarge"].gpu_model == "NVIDIA T4"


def test_instance_price_us_east_1_from_karpenter_and_missing_types_unpriced() -> None:
    assert catalog.instance_price("m5.xlarge", "us-east-1") == (0.192, "")
    assert "karpenter" in catalog.instance_quote("m5.xlarge", "us-east-1").basis
    missing, why = catalog.instance_price("no.such", "us-east-1")
    assert missing is None and "not priced" in why


def test_instance_price_of_a_high_confidence_region_row_is_the_list_price() -> None:
    # aws_ec2_ondemand_by_region.csv: eu-west-1,m5.xlarge,0.214,high
    quote = catalog.instance_quote("m5.xlarge", "eu-west-1")
    assert (quote.price, quote.note) == (0.214, "")
    assert "eu-west-1 list" in quote.basis and "coroot" in quote.basis and "confidence high" in quote.basis


def test_instance_price_of_a_low_confidence_region_row_is_an_upper_bound() -> None:
    # aws_ec2_ondemand_by_region.csv: af-south-1,c5.18xlarge,4.104,low (one value: maybe a Dedicated price)
    price, note = catalog.instance_price("c5.18xlarge", "af-south-1")
    assert price == 4.104
    assert "upper bound" in note and "Dedicated-tenancy" in note and "proxy" not in note


def test_instance_price_in_a_region_without_a_row_keeps_the_us_east_1_proxy() -> None:
    # ap-southeast-5 has no row in aws_ec2_ondemand_by_region.csv
    price, note = catalog.instance_price("m5.xlarge", "ap-southeast-5")
    assert price == 0.192 and "us-east-1 list price used as a proxy for ap-southeast-5" in note


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
    # eu-west-1,t3a.micro,0.0102,low: the regional row, noted as an upper bound
    assert burst.shared_cpu and burst.price_usd_per_hour == 0.0102 and any("upper bound" in n for n in burst.notes)
    none = catalog.cheapest_instance_type("us-east-1", 4, 16, gpu_count=3, gpu_model="NVIDIA T4")
    assert not none.found and "3 x NVIDIA T4" in none.notes[-1]


def test_rds_class_and_prices() -> None:
    rds = catalog.rds_class("db.m5.large")
    assert rds is not None and rds.vcpu == 2 and rds.memory_gib == 8.0 and rds.postgres
    assert catalog.rds_class("db.nothing") is None
    priced, notes = catalog.rds_instance_rate("db.t3.large", "postgres", False, "us-east-1")
    assert priced is not None and priced.unit_price_usd == 0.145 and notes == []
    per_region, notes = catalog.rds_instance_rate("db.m5.large", "postgres", True, "eu-west-1")
    single, _ = catalog.rds_instance_rate("db.m5.large", "postgres", False, "us-east-1")
    assert per_region is not None and per_region.region == "eu-west-1" and per_region.source_date == "2024-08-09"
    assert single is not None and single.unit_price_usd == 0.178 and notes == []  # the table's us-east-1 row
    aurora, _ = catalog.rds_instance_rate("db.r6g.large", "aurora-postgresql", False, "us-east-1")
    assert aurora is not None and "Aurora Standard" in aurora.item  # the lower of the two SKUs
    unpriced, why = catalog.rds_instance_rate("db.nothing.large", "postgres", False, "us-east-1")
    assert unpriced is None and "not priced" in why[0]


def test_multi_az_storage_and_provisioned_iops_bill_both_copies() -> None:
    single, _ = catalog.rds_storage_rate("io1", False, "us-east-1")
    multi, _ = catalog.rds_storage_rate("io1", True, "us-east-1")
    assert single is not None and multi is not None and multi.unit_price_usd == 2 * single.unit_price_usd == 0.25
    gp2_multi, _ = catalog.rds_storage_rate("gp2", True, "us-east-1")
    assert gp2_multi is not None and gp2_multi.unit_price_usd == 0.23  # the snapshot's own Multi-AZ row
    iops, _ = catalog.rds_iops_rate("io1", True, "us-east-1")
    assert iops is not None and iops.unit_price_usd == 0.2 and iops.unit == "IOPS-month"
    assert catalog.rds_iops_rate("gp3", True, "us-east-1") == (None, [])  # gp3's baseline IOPS are in the storage rate


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


def test_an_io1_multi_az_database_is_priced_whole_on_the_source() -> None:
    """The demo's shape: db.r5.2xlarge PostgreSQL Multi-AZ, 4,000 GB io1 with 12,000 provisioned IOPS."""
    database = Resource(key="aws.rds.instance", id="arn:aws:rds:us-east-1:123456789012:db:main", region="us-east-1",
                        name="main", props={"engine": "postgres", "instance_class": "db.r5.2xlarge", "multi_az": True,
                                            "storage_type": "io1", "allocated_storage_gib": 4000, "iops": 12000})
    cost = source_cost(database)
    # $2.00/h x 730 h + 4,000 GB x $0.125 x 2 + 12,000 IOPS x $0.10 x 2 (Multi-AZ bills both copies)
    assert cost.complete and cost.monthly_usd == 1460.0 + 1000.0 + 2400.0
    assert sum(line.startswith("source RDS io1 provisioned IOPS") for line in cost.basis) == 1


def _resource(key: str, props: dict[str, object], region: str = "us-east-1") -> Resource:
    return Resource(key=key, id=f"{key}-1", region=region, name="r", props=props)


def test_a_redis_replication_group_is_priced_per_node_from_its_row() -> None:
    # aws_elasticache_prices.csv: us-east-1,redis,cache.r5.large,0.216 (valkey is 0.1728, memcached 0.216)
    group = _resource("aws.elasticache.replication_group", {"engine": "redis", "node_type": "cache.r5.large",
                                                            "num_nodes": 3})
    cost = source_cost(group)
    assert cost.complete and cost.monthly_usd == round(3 * 0.216 * 730, 2)
    assert any("ElastiCache redis cache.r5.large" in line for line in cost.basis)


def test_a_valkey_cluster_elsewhere_uses_its_region_and_engine_row() -> None:
    # eu-west-1,valkey,cache.r5.large,0.1928
    cluster = _resource("aws.elasticache.cluster", {"engine": "valkey", "node_type": "cache.r5.large", "num_nodes": 2},
                        region="eu-west-1")
    cost = source_cost(cluster)
    assert cost.complete and cost.monthly_usd == round(2 * 0.1928 * 730, 2) and not any("proxy" in n for n in cost.notes)


def test_a_cache_node_type_missing_from_the_snapshot_is_unpriced_with_a_note() -> None:
    cost = source_cost(_resource("aws.elasticache.cluster", {"engine": "redis", "node_type": "cache.no.such",
                                                             "num_nodes": 1}))
    assert cost.monthly_usd is None and not cost.complete
    assert any("cache.no.such" in note and "not priced" in note for note in cost.notes)


def test_a_hosted_zone_is_priced_per_month_with_its_low_precision_noted() -> None:
    # aws_service_rates.csv: Route 53 hosted zone, us-east-1, 0.5 USD/month, precision LOW (+/-1.0%)
    cost = source_cost(_resource("aws.route53.zone", {"zone_name": "example.org."}, region="global"))
    assert cost.complete and cost.monthly_usd == 0.5
    assert any("precision LOW" in note for note in cost.notes)
    assert any("usage-based: not priced" in note for note in cost.notes)


def test_an_eks_control_plane_is_priced_per_cluster_hour() -> None:
    # aws_service_rates.csv: EKS cluster, us-east-1, 0.1 USD/hour; eu-west-1 borrows it (noted)
    cost = source_cost(_resource("aws.eks.cluster", {"version": "1.29"}, region="eu-west-1"))
    assert cost.complete and cost.monthly_usd == 73.0
    assert any("us-east-1 rate used as a proxy for eu-west-1" in note for note in cost.notes)
    assert any("extended support" in note and "$0.6/hour" in note for note in cost.notes)


def test_efs_storage_is_priced_from_its_size() -> None:
    # EFS Standard storage 0.3 USD/GB-month; One Zone 0.16 (a file system with an availability zone)
    regional = source_cost(_resource("aws.efs.file_system", {"size_bytes": 80 * GIB, "throughput_mode": "bursting"}))
    assert regional.complete and regional.monthly_usd == 24.0
    one_zone = source_cost(_resource("aws.efs.file_system", {"size_bytes": 80 * GIB, "availability_zone": "us-east-1a"}))
    assert one_zone.monthly_usd == 12.8
    unknown = source_cost(_resource("aws.efs.file_system", {"size_bytes": None}))
    assert unknown.monthly_usd is None and not unknown.complete


def test_a_provisioned_dynamodb_table_prices_capacity_and_storage_with_the_us_east_2_proxy() -> None:
    # us-east-2 rows: WCU 0.4745 / WCU-month, RCU 0.095 / RCU-month (LOW precision), storage 0.25 / GB-month
    table = _resource("aws.dynamodb.table", {"billing_mode": "PROVISIONED", "read_capacity": 30, "write_capacity": 20,
                                              "size_bytes": 10 * GIB, "gsi_count": 0, "table_class": "STANDARD"})
    cost = source_cost(table)
    assert cost.complete and cost.monthly_usd == round(30 * 0.095 + 20 * 0.4745 + 10 * 0.25, 2)
    assert any("us-east-2 rate used as a proxy for us-east-1" in note for note in cost.notes)
    assert any("read capacity unit: rate precision LOW" in note for note in cost.notes)


def test_an_on_demand_dynamodb_table_prices_storage_only_and_says_requests_are_usage_based() -> None:
    table = _resource("aws.dynamodb.table", {"billing_mode": "PAY_PER_REQUEST", "size_bytes": 4 * GIB, "gsi_count": 1})
    cost = source_cost(table)
    assert cost.monthly_usd == 1.0 and not cost.complete  # the index is not in the inventory
    assert any("usage-based: not priced" in note for note in cost.notes)


def test_ecs_services_on_ec2_are_free_and_fargate_task_sizes_are_not_guessed() -> None:
    on_ec2 = source_cost(_resource("aws.ecs.service", {"launch_type": "EC2", "desired_count": 3}))
    assert on_ec2.monthly_usd == 0.0 and on_ec2.complete
    fargate = source_cost(_resource("aws.ecs.service", {"launch_type": "FARGATE", "desired_count": 3}))
    assert fargate.monthly_usd is None and not fargate.complete
    assert any("task definition" in note and "$0.0404795/vCPU-hour" in note for note in fargate.notes)
    idle = source_cost(_resource("aws.ecs.service", {"launch_type": "FARGATE", "desired_count": 0}))
    assert idle.monthly_usd == 0.0


def test_ec2_source_basis_names_the_regional_row() -> None:
    # eu-west-1,m5.large,0.107,high
    cost = source_cost(_resource("aws.ec2.instance", {"instance_type": "m5.large", "state": "running"},
                                 region="eu-west-1"))
    assert cost.monthly_usd == round(0.107 * 730, 2) and cost.notes == []
    assert any("eu-west-1 list" in line for line in cost.basis)
