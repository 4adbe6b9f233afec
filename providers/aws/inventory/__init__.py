"""The AWS inventory: declarative specs per resource type, one generic collector.

    from providers.aws.inventory import ScanOptions, scan_account
    inventory = scan_account(ScanOptions(regions=["us-east-1"]))
"""

from providers.aws.inventory.options import ScanOptions
from providers.aws.inventory.scanner import scan_account

__all__ = ["ScanOptions", "scan_account"]
