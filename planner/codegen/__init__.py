"""`planner generate`'s code: the target's builders run once under tracing mocks, the tree they register
printed as a Pulumi Python program (record.py -> tree.py -> emit.py)."""
