"""A rich progress display on stderr: one task per (region, service) pair."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn


class ScanProgress:
    """A no-op unless enabled; `done(label)` is thread-safe."""

    def __init__(self, *, jobs: list[str], enabled: bool, console: Any = None) -> None:
        self._jobs = jobs
        self._tasks: dict[str, TaskID] = {}
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        if enabled:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=console or Console(stderr=True),
                transient=True,
            )

    def __enter__(self) -> "ScanProgress":
        if self._progress is not None:
            self._progress.start()
            self._overall = self._progress.add_task("all pairs", total=len(self._jobs))
            for label in self._jobs:
                self._tasks[label] = self._progress.add_task(label, total=1, visible=False)
        return self

    def start(self, label: str) -> None:
        """Show a pair while it runs; only the running pairs are on screen."""
        if self._progress is None:
            return
        with self._lock:
            self._progress.update(self._tasks[label], visible=True)

    def done(self, label: str) -> None:
        if self._progress is None:
            return
        with self._lock:
            self._progress.update(self._tasks[label], completed=1, visible=False)
            self._progress.advance(self._overall)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
