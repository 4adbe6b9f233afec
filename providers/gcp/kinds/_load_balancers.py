"""Which AWS load balancers Google Cloud builds here, and as which kind; shared by load balancers, their
listeners and target groups."""

from __future__ import annotations

from planner.core.model.inventory import Resource


def lb_kind(lb: Resource) -> str | None:
    """'application' | 'network' for load balancers GCP builds here; None otherwise."""
    if lb.key == "aws.elb.load_balancer":
        protocols = {str(listener.get("protocol", "")).upper() for listener in lb.props.get("listeners") or []}
        return "application" if protocols & {"HTTP", "HTTPS"} else "network"
    return {"application": "application", "network": "network"}.get(str(lb.props.get("type")))


def lb_unsupported(lb: Resource) -> str | None:
    if lb_kind(lb) is None:
        return f"{lb.props.get('type')} load balancers have no Cloud Load Balancing equivalent"
    if lb.props.get("scheme") == "internal":
        return "internal load balancer: not generated (an internal Application/passthrough LB needs a proxy-only subnet)"
    return None
