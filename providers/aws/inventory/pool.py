"""One pool of threads for a whole scan: the (region, service) jobs and every per-item call they fan out.

A job that fans out (`map`) does not sit idle while its items wait in the queue: it runs its own items that no
worker has taken yet, and waits only for those already running. So a job can never wait on work queued behind
it (a pool of jobs and items cannot deadlock), a slow service's items are shared by every idle thread instead of
being held to one pool's size, and the requests in flight stay at `workers`.

The threads are daemons: a stopped scan (Ctrl-C) returns at once, without waiting for requests already on the
wire to come back.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Task(Generic[R]):
    """One call, run once by whoever claims it first: a worker, or the thread that waits for it."""

    def __init__(self, function: Callable[[], R]) -> None:
        self._function = function
        self._claim = threading.Lock()
        self._done = threading.Event()
        self._result: R | None = None
        self._error: BaseException | None = None

    def claim(self) -> bool:
        return self._claim.acquire(blocking=False)

    def run(self) -> None:
        try:
            self._result = self._function()
        except BaseException as exc:  # handed to the waiter, Ctrl-C and ScanStopped included
            self._error = exc
        finally:
            self._done.set()

    def cancel(self, error: BaseException) -> bool:
        """Settle a task nobody has started with `error`; False when it is already running or done."""
        if not self.claim():
            return False
        self._error = error
        self._done.set()
        return True

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def result(self) -> R:
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]


class WorkPool:
    """`workers` daemon threads over one FIFO queue of tasks."""

    def __init__(self, workers: int, *, name: str = "scan") -> None:
        self._queue: queue.SimpleQueue[Task[object] | None] = queue.SimpleQueue()
        self._threads = [threading.Thread(target=self._work, name=f"{name}-{index}", daemon=True)
                         for index in range(max(1, workers))]
        for thread in self._threads:
            thread.start()

    def submit(self, function: Callable[[], R]) -> Task[R]:
        task: Task[R] = Task(function)
        self._queue.put(task)  # type: ignore[arg-type]
        return task

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """`function` over `items`, in order, on the pool and on this thread."""
        tasks = [self.submit(lambda item=item: function(item)) for item in items]  # type: ignore[misc]
        for task in tasks:
            if task.claim():
                task.run()
        return [task.result() for task in tasks]

    def close(self, error: BaseException) -> None:
        """Settle every task still queued with `error` (nobody will run them); the workers end once they finish
        what they run."""
        while True:
            try:
                task = self._queue.get_nowait()
            except queue.Empty:
                break
            if task is not None:
                task.cancel(error)
        for _ in self._threads:
            self._queue.put(None)

    def _work(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            if task.claim():
                task.run()
