"""One boto3 session for a scan: the read-only guard, request counting, cached clients.

The guard is installed on the session's event system, so every client made from it refuses, before the request
is built or sent, any operation that is not in the allowlist of the operations the specs call
(providers/aws/inventory/operations.py); operations that return secret material are refused even if listed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ProfileNotFound

from planner.core.errors import PlannerError
from providers.aws.inventory.operations import ALLOWED_OPERATIONS
from providers.aws.inventory.response_check import install_response_check
from providers.aws.inventory.timestamps import install_fast_timestamps

READ_PREFIXES: tuple[str, ...] = ("Describe", "List", "Get", "BatchGet", "Head", "Lookup")  # what a listed one looks like
# Reads that would return secret material or mint credentials: never allowed, listed or not (the allowlist's test
# checks that it holds none of them).
SECRET_OPERATIONS: frozenset[str] = frozenset(
    {
        "GetSecretValue",
        "BatchGetSecretValue",
        "GetParameter",
        "GetParameters",
        "GetParametersByPath",
        "GetParameterHistory",  # returns every past value of a parameter
        "GetPasswordData",
        "GetObject",
        "GetAuthorizationToken",
        "GetSessionToken",
        "GetFederationToken",
        "GetLaunchTemplateData",
        "GetConsoleOutput",
        "GetFunction",
        "GetFunctionConfiguration",  # environment values
        "GetItem",
        "BatchGetItem",
        "GetClusterCredentials",
        "GetClusterCredentialsWithIAM",
        "GetRoleCredentials",
        "GetRelationalDatabaseMasterUserPassword",
        "GetCredentialsForIdentity",
        "GetOpenIdToken",
        "GetRandomPassword",
    }
)
MAX_ATTEMPTS = 8


class WriteRefusedError(PlannerError):
    """An operation that is not a read was about to be sent; nothing left the machine."""


def is_allowed_operation(service_name: str, operation_name: str) -> bool:
    """Whether the inventory may send `operation_name` to `service_name`: listed, and no secret read."""
    if operation_name in SECRET_OPERATIONS:
        return False
    return operation_name in ALLOWED_OPERATIONS.get(service_name, frozenset())


@dataclass
class RequestTracker:
    """Counts HTTP requests (retries included) and remembers each thread's last operation."""

    requests: int = 0
    calls_by_operation: dict[str, int] = field(default_factory=dict)  # "service:Operation" -> calls
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _local: threading.local = field(default_factory=threading.local)

    def count_request(self, **_: Any) -> None:
        with self._lock:
            self.requests += 1

    def note_operation(self, service_name: str, operation_name: str) -> None:
        self._local.call = (service_name, operation_name)
        key = f"{service_name}:{operation_name}"
        with self._lock:
            self.calls_by_operation[key] = self.calls_by_operation.get(key, 0) + 1

    @property
    def last_call(self) -> tuple[str, str] | None:
        """(service, operation) of this thread's latest call, or None before any call."""
        return getattr(self._local, "call", None)


# An organization scan enters each member account with STS AssumeRole: temporary credentials, held in memory for
# the scan and never written; it changes nothing in any account. Only the organization's own session may call it.
ENTER_ACCOUNT_OPERATIONS: frozenset[str] = frozenset({"AssumeRole"})


def _guard_factory(tracker: RequestTracker, also_allowed: frozenset[str] = frozenset()) -> Any:
    def refuse_writes(model: Any, **_: Any) -> None:
        tracker.note_operation(model.service_model.service_name, model.name)
        if not is_allowed_operation(model.service_model.service_name, model.name) and model.name not in also_allowed:
            raise WriteRefusedError(
                f"refused {model.service_model.service_name}:{model.name}: the inventory sends only the reads it lists "
                "(providers/aws/inventory/operations.py)"
            )

    return refuse_writes


def install_read_only_guard(session: boto3.Session, tracker: RequestTracker,
                            also_allowed: frozenset[str] = frozenset()) -> None:
    """Refuse non-read operations on every client of `session` (before-call runs before sending), count its
    requests, and make a success body that does not parse an error (response_check.py)."""
    events = session._session.get_component("event_emitter")  # noqa: SLF001 - boto3 exposes no public hook
    events.register("before-call", _guard_factory(tracker, also_allowed), unique_id="planner-read-only-guard")
    events.register("before-send", tracker.count_request, unique_id="planner-request-counter")
    install_response_check(session)


def open_session(profile: str | None) -> boto3.Session:
    try:
        return boto3.Session(profile_name=profile)
    except ProfileNotFound as exc:
        name = exc.kwargs.get("profile", profile)  # from AWS_PROFILE when --profile is not given
        raise PlannerError(f"AWS profile {name!r} not found in ~/.aws/config or ~/.aws/credentials") from None


class ClientFactory:
    """Creates one client per (service, region) on first use, once, under a lock (sessions are not thread-safe).

    Clients themselves are thread-safe, so a client already made is returned without the lock:
    a thread must not wait for another's client to be built just to send its next request.
    """

    def __init__(self, session: boto3.Session, *, endpoint_url: str | None, concurrency: int) -> None:
        self._session = session
        self._endpoint_url = endpoint_url
        self._config = Config(
            retries={"mode": "adaptive", "max_attempts": MAX_ATTEMPTS},
            max_pool_connections=max(10, concurrency * 2),
            connect_timeout=10,
            read_timeout=60,
            user_agent_extra="planner-inventory",
        )
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def client(self, service: str, region: str) -> Any:
        key = (service, region)
        made = self._clients.get(key)
        if made is not None:
            return made
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self._session.client(
                    service, region_name=region, endpoint_url=self._endpoint_url, config=self._config
                )
            return self._clients[key]


def guarded_session(profile: str | None) -> tuple[boto3.Session, RequestTracker]:
    """A session whose clients can only read, and the tracker counting their requests."""
    session = open_session(profile)
    tracker = RequestTracker()
    install_read_only_guard(session, tracker)
    install_fast_timestamps(session)
    return session, tracker


def guard(session: boto3.Session) -> tuple[boto3.Session, RequestTracker]:
    """`session` made read-only like a profile's (an assumed role's session), and its request tracker."""
    tracker = RequestTracker()
    install_read_only_guard(session, tracker)
    install_fast_timestamps(session)
    return session, tracker


class RequestBudget:
    """At most `limit` requests in flight across every session it is installed on (the accounts of an organization
    scan share one budget): a call takes a slot before it is sent and gives it back when its answer, or its error,
    is in (botocore's before-call, after-call and after-call-error events)."""

    def __init__(self, limit: int) -> None:
        self._slots = threading.BoundedSemaphore(max(1, limit))

    def take(self, **_: Any) -> None:
        self._slots.acquire()

    def give_back(self, **_: Any) -> None:
        self._slots.release()

    def install(self, session: boto3.Session) -> None:
        events = session._session.get_component("event_emitter")  # noqa: SLF001 - boto3 exposes no public hook
        # Registered after the read-only guard: a refused call raises before it takes a slot.
        events.register("before-call", self.take, unique_id="planner-budget-take")
        events.register("after-call", self.give_back, unique_id="planner-budget-give-back")
        events.register("after-call-error", self.give_back, unique_id="planner-budget-give-back-on-error")
