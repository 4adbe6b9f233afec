"""planner's benchmarks: inventory, planning, preview and CLI start-up, measured against in-run baselines.

Run them all with `python -m bench` (or `make bench`); see bench/README.md.
Benchmarks print figures; they are not tests and never fail CI on time.
"""
