"""Builds `gcp.bigquery.dataset` (`db.warehouse`): the dataset the Redshift schemas are transferred into."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.warehouse import BigQueryDatasetSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_dataset(group: GcpGroup, item: PlanItem, spec: BigQueryDatasetSpec) -> pulumi.Resource:
    dataset = gcp.bigquery.Dataset(item.id, dataset_id=spec.dataset_id, location=spec.location,
                                   description=spec.description, labels=spec.labels, opts=group.opts())
    group.export(item, "dataset", dataset.dataset_id)
    return dataset


BUILD: dict[str, GcpBuilder] = {"gcp.bigquery.dataset": build_dataset}
