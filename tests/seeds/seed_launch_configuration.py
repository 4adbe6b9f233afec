"""Seed: a legacy Auto Scaling group (scaled to zero, so the instance-type batching count stays one type) built from a launch configuration (not a launch template), with user data
that must never reach the inventory, in moto over real HTTP.

Runs after the coverage module's own seeds (the social VPC's subnets and groups are in `seeded`).
"""

from __future__ import annotations

import base64
from typing import Any

USER_DATA_SECRET = "export DB_PASSWORD=seed-launch-config-secret"


def seed(clients_in: Any, seeded: Any) -> None:
    autoscaling = clients_in("us-west-2")("autoscaling")
    autoscaling.create_launch_configuration(
        LaunchConfigurationName="legacy-workers", ImageId="ami-12c6146b", InstanceType="c5.large",
        SecurityGroups=[seeded["sg_app"]], UserData=base64.b64encode(USER_DATA_SECRET.encode()).decode(),
        InstanceMonitoring={"Enabled": True},
        BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 30, "VolumeType": "gp3"}}],
    )
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="legacy-workers", LaunchConfigurationName="legacy-workers", MinSize=0, MaxSize=3,
        DesiredCapacity=0, VPCZoneIdentifier=seeded["subnet_a"],
    )
    configuration = autoscaling.describe_launch_configurations(LaunchConfigurationNames=["legacy-workers"])
    seeded.ids.update(launch_configuration=configuration["LaunchConfigurations"][0]["LaunchConfigurationARN"])
