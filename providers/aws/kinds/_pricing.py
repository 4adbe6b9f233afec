"""Target prices of the AWS kinds, from the AWS catalog snapshot (providers/aws/catalog.py, data/SOURCES.md).

The catalog holds us-east-1 list prices only; other regions use the us-east-1
figure as a stated proxy (the catalog returns the note). Kinds the snapshot
does not price at all (Lambda, SQS, SNS, DynamoDB, ElastiCache, EFS, Route 53,
CloudFront, ECR, KMS, Secrets Manager, EKS, most RDS classes) get no target
cost and a note saying so (`unpriced`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from providers.aws import catalog
from providers.common.catalog import HOURS_PER_MONTH, Rate

UNPRICED_NOTE = "no {what} price in the AWS catalog snapshot (data/SOURCES.md): target cost not priced"


@dataclass
class Priced:
    """A target monthly cost built from catalog figures, with its basis and notes."""

    monthly_usd: float | None = 0.0
    basis: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add_rate(self, found: Rate | None, notes: list[str], quantity: float, what: str) -> None:
        """Add `quantity` units of `found`; a missing rate makes the whole cost unknown."""
        self.notes.extend(notes)
        if found is None:
            self.monthly_usd = None
            return
        if self.monthly_usd is not None:
            self.monthly_usd = round(self.monthly_usd + found.unit_price_usd * quantity, 2)
        self.basis.append(f"{what}: {quantity:g} {found.unit} x {found.basis}")

    def hourly(self, found: Rate | None, notes: list[str], what: str, count: float = 1) -> None:
        self.add_rate(found, notes, HOURS_PER_MONTH * count, what)


def free(what: str) -> Priced:
    """A resource AWS does not charge for by itself (what it serves is priced on its own item)."""
    return Priced(monthly_usd=0.0, basis=[f"{what}: no AWS charge of its own (AWS pricing pages)"])


def unpriced(what: str) -> Priced:
    return Priced(monthly_usd=None, notes=[UNPRICED_NOTE.format(what=what)])


def price_instances(instance_type: str, region: str, count: float = 1, platform: str = "linux") -> Priced:
    """`count` EC2 instances of `instance_type`, Linux on-demand (instances and the groups that launch them)."""
    quote = catalog.instance_quote(instance_type, region)
    priced = Priced(notes=[quote.note] if quote.note else [])
    if quote.price is None:
        priced.monthly_usd = None
        return priced
    priced.monthly_usd = round(quote.price * HOURS_PER_MONTH * count, 2)
    priced.basis.append(
        f"EC2 {instance_type} x {count:g}: ${quote.price:g}/h Linux on-demand x {HOURS_PER_MONTH} h ({quote.basis})"
    )
    if platform == "windows":
        priced.notes.append("Windows licence not included: the catalog prices Linux on-demand only")
    return priced
