"""The generated project's policy pack: the target's serving rules for `pulumi preview --policy-pack policy`.

One definition serves both places: the pack ships the very source of the rules
(`planner/core/serving.py` and the target's rules module, copied, with the one
import between them pointed at the copy), so the pack needs only pulumi-policy,
and the rules `planner preview` runs are the rules CI enforces. Each rule becomes
a mandatory `StackValidationPolicy` over the stack's resources
(templates/policy_main.py.j2).
"""

from __future__ import annotations

import inspect
import json
from importlib import metadata
from typing import Any

from planner import registry
from planner.core import serving
from planner.core.model.plan import Plan

POLICY_DIR = "policy"
CORE_MODULE = "serving_core"  # the copy of planner/core/serving.py inside the pack
RULES_MODULE = "serving_rules"  # the copy of the target's rules module
CORE_IMPORT = "from planner.core.serving import"
POLICY_DISTRIBUTION = "pulumi-policy"
TEMPLATES = {f"{POLICY_DIR}/__main__.py": "policy_main.py.j2", f"{POLICY_DIR}/PulumiPolicy.yaml": "PulumiPolicy.yaml.j2"}


def policy_context(plan: Plan) -> dict[str, Any]:
    """What the pack's templates read: the target and the plan's facts the rules need beyond the tree."""
    context = {"topic_subscribers": plan.serving.topic_subscribers}
    return {"provider": plan.target.provider, "context": json.dumps(context, indent=1, sort_keys=True)}


def policy_sources(plan: Plan) -> dict[str, str]:
    """The pack's copied rule sources and its requirements."""
    rules = inspect.getsource(registry.serving_rules_module(plan.target.provider))
    if CORE_IMPORT not in rules:
        raise ValueError(f"the {plan.target.provider} serving rules must import their types with `{CORE_IMPORT} ...`")
    return {
        f"{POLICY_DIR}/requirements.txt": f"{POLICY_DISTRIBUTION}=={metadata.version(POLICY_DISTRIBUTION)}\n",
        f"{POLICY_DIR}/{CORE_MODULE}.py": inspect.getsource(serving),
        f"{POLICY_DIR}/{RULES_MODULE}.py": rules.replace(CORE_IMPORT, f"from {CORE_MODULE} import"),
    }
