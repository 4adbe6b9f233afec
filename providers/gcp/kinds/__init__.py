"""The Google Cloud kind modules: one per module name of planner.core.kinds.KIND_MODULES, each with its spec
models (`SPECS`), its map functions (`MAP`) and their data tables; found by name, never imported from here."""
