"""planner: plan the move off a cloud account before the deadline."""

__version__ = "0.1.0"
DISTRIBUTION = "cloud-exit-planner"  # the name on package indexes; `planner` there is an unrelated project
