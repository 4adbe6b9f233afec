"""planner: plan the move off a cloud account before the deadline."""

__version__ = "0.1.0"
