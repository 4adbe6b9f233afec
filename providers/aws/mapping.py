"""Neutral kinds -> a fresh AWS footprint (the same services, another account or region).

Each kind's map function lives in its kind module, `providers/aws/kinds/<module>.py`
(named by planner.core.kinds.KIND_MODULES), imported the first time the kind is
mapped. What cannot move between accounts is said in the item's notes and makes
it `partial` (AMIs, Lambda code, secret values, public keys, inline IAM
policies) or `manual` (imported certificates).
"""

from __future__ import annotations

from planner.core.contract import target_mapper
from providers.aws import catalog, naming
from providers.common.kinds import KindFunctions

MAPPER = target_mapper("aws", KindFunctions("providers.aws.kinds"), catalog, naming)
