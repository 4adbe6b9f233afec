"""The fresh-AWS target's kind modules: one module a kind (or a few kinds that share their logic).

`<module>.py` (named by planner.core.kinds.KIND_MODULES) holds the spec models
its map functions return (`SPECS`), the map functions (`MAP`) and the data
tables only it uses; modules starting with `_` hold what several of them share.
"""
