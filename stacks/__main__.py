"""Pulumi entry point of the repo root (`main: stacks/` in Pulumi.yaml): only wiring.

Pulumi runs this folder as a script, so `stacks` is imported from the
installed planner package, or from the checkout when it is not installed.
"""

import sys
from pathlib import Path

try:
    from stacks.program import main
except ModuleNotFoundError as missing:
    if missing.name not in {"stacks", "planner"}:
        raise
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from stacks.program import main

main()
