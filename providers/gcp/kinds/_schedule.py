"""EventBridge schedule expressions -> Cloud Scheduler's unix cron, and event patterns -> Pub/Sub filters.

EventBridge: `cron(minutes hours day-of-month month day-of-week year)` with `?`, day-of-week 1-7 = SUN-SAT,
and `rate(N minute|minutes|hour|hours|day|days)`, always in UTC ("Schedule expressions for rules", EventBridge
User Guide). Cloud Scheduler: five-field unix cron, day-of-week 0-6 = SUN-SAT, in the job's time zone.
Pub/Sub subscription filters match message attributes only (`attributes.KEY = "v"`, `hasPrefix(...)`,
AND/OR/NOT; "Filter messages from a subscription", Pub/Sub docs).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

UTC_ZONE = "Etc/UTC"
CRON = re.compile(r"^cron\((?P<fields>[^)]*)\)$")
RATE = re.compile(r"^rate\((?P<count>\d+)\s+(?P<unit>minutes?|hours?|days?)\)$")
UNSUPPORTED_CRON = re.compile(r"[LW#]")  # last day, nearest weekday, nth weekday: no unix cron equivalent
DAY_NUMBER = re.compile(r"\d+")
MINUTES_PER_HOUR = 60
# Pattern key -> the message attribute publishers set for it.
PATTERN_ATTRIBUTES: dict[str, str] = {"source": "source", "detail-type": "detail_type"}


@dataclass
class Converted:
    value: str | None
    notes: list[str] = field(default_factory=list)


def _day_of_week(text: str) -> str:
    return DAY_NUMBER.sub(lambda number: str(int(number.group(0)) - 1), text)


def _cron(fields: list[str]) -> Converted:
    if len(fields) != 6 or any(UNSUPPORTED_CRON.search(part) for part in fields[2:5]):
        return Converted(None, [f"cron fields {' '.join(fields)} have no unix cron equivalent (L, W or #): set the schedule"])
    minutes, hours, day_of_month, month, day_of_week, year = fields
    notes = [] if year in ("*", "?") else [f"the year field {year!r} is dropped: pause or delete the job after that year"]
    unix = [minutes, hours, day_of_month.replace("?", "*"), month, _day_of_week(day_of_week).replace("?", "*")]
    return Converted(" ".join(unix), notes)


def _rate(count: int, unit: str) -> Converted:
    if unit.startswith("minute") and count < MINUTES_PER_HOUR:
        return Converted("* * * * *" if count == 1 else f"*/{count} * * * *")
    if unit.startswith("minute"):
        count, unit = count // MINUTES_PER_HOUR, "hour"
    if unit.startswith("hour"):
        return Converted("0 * * * *" if count == 1 else f"0 */{count} * * *")
    notes = [] if count == 1 else [f"every {count} days -> day-of-month */{count}: the count restarts each month"]
    return Converted("0 0 * * *" if count == 1 else f"0 0 */{count} * *", notes)


def unix_schedule(expression: str) -> Converted:
    """The Cloud Scheduler schedule (UTC) of an EventBridge schedule expression, or None with the reason."""
    text = expression.strip()
    cron, rate = CRON.match(text), RATE.match(text)
    if cron:
        return _cron(cron.group("fields").split())
    if rate:
        return _rate(int(rate.group("count")), rate.group("unit"))
    return Converted(None, [f"schedule {expression!r} is not understood: set the job's schedule"])


def _clause(attribute: str, value: Any) -> str | None:
    if isinstance(value, str):
        return f"attributes.{attribute} = {json.dumps(value)}"
    if isinstance(value, dict) and isinstance(value.get("prefix"), str):
        return f"hasPrefix(attributes.{attribute}, {json.dumps(value['prefix'])})"
    return None


def pubsub_filter(pattern: dict[str, Any] | None) -> Converted:
    """The Pub/Sub filter for the pattern's `source` and `detail-type` (publishers set those as attributes)."""
    clauses, notes = [], []
    for key, values in (pattern or {}).items():
        attribute = PATTERN_ATTRIBUTES.get(key)
        matches = [_clause(attribute, value) for value in values] if attribute and isinstance(values, list) else [None]
        if None in matches:
            notes.append(f"the pattern's {key!r} test has no Pub/Sub filter equivalent: the consumer checks it")
            continue
        clauses.append(matches[0] if len(matches) == 1 else "(" + " OR ".join(str(m) for m in matches) + ")")
    return Converted(" AND ".join(str(clause) for clause in clauses) or None, notes)
