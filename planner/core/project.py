"""What a generated Pulumi project and the program that runs in it agree on (file names, placeholders)."""

from __future__ import annotations

PLACEHOLDER_PREFIX = "REPLACE-"  # a config value `planner generate` leaves for the user to set
PROJECT_FILES: tuple[str, ...] = ("Pulumi.yaml", "Pulumi.yml")  # the names the Pulumi CLI accepts
PLAN_CONFIG_NAMESPACE = "planner"  # stack config `planner:plan`: the plan the program builds, relative to Pulumi.yaml
PLAN_CONFIG_KEY = "plan"
