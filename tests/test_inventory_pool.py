"""The scan's one pool: jobs and their per-item calls share it, a waiting job runs its own items, nothing deadlocks."""

from __future__ import annotations

import threading

import pytest

from providers.aws.inventory.budget import ScanStopped
from providers.aws.inventory.pool import WorkPool


def test_jobs_that_fan_out_on_a_one_thread_pool_do_not_deadlock() -> None:
    pool = WorkPool(1)
    try:
        def job(index: int) -> list[int]:
            return pool.map(lambda item: sum(pool.map(lambda sub: sub * item, range(3))), range(index))

        tasks = [pool.submit(lambda index=index: job(index)) for index in range(6)]
        results = [task.result() for task in tasks]
    finally:
        pool.close(ScanStopped())
    assert results == [[3 * item for item in range(index)] for index in range(6)]


def test_idle_threads_share_a_jobs_items() -> None:
    pool = WorkPool(4)
    seen: set[str] = set()
    lock = threading.Lock()
    both = threading.Barrier(2, timeout=30)

    def item(_: int) -> None:
        with lock:
            seen.add(threading.current_thread().name)
        both.wait()  # two items run at once, on two threads: the job's own and a worker

    try:
        pool.submit(lambda: pool.map(item, range(2))).result()
    finally:
        pool.close(ScanStopped())
    assert len(seen) == 2


def test_an_items_error_reaches_the_job_that_waits_for_it() -> None:
    pool = WorkPool(2)

    def fail(item: int) -> int:
        if item == 3:
            raise ValueError("item 3")
        return item

    try:
        with pytest.raises(ValueError, match="item 3"):
            pool.map(fail, range(5))
    finally:
        pool.close(ScanStopped())


def test_closing_settles_queued_work_with_the_error() -> None:
    pool = WorkPool(1)
    release, started = threading.Event(), threading.Event()
    running = pool.submit(lambda: started.set() or release.wait(30))
    assert started.wait(30)
    queued = pool.submit(lambda: "never run")
    pool.close(ScanStopped())
    release.set()
    assert running.result() is True
    with pytest.raises(ScanStopped):
        queued.result()
