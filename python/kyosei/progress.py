"""Progress bars for the calls people wait on: tqdm (``python3-tqdm``; ``tqdm.auto`` draws a
widget in Jupyter and a redrawn line on a terminal), counting what the call says it counts (days
of one run, runs of a comparison or a study), with the rate and the time left.

``progress`` arguments across the package take: True (a bar), False or None (silent), or a
callable ``progress(done, total)``.
"""

from __future__ import annotations

from typing import Any, Callable, Union

from ._core import UsageError

__all__ = ["Progress", "Counter"]

Progress = Union[bool, None, Callable[[int, int], Any]]


class Counter:
    """Reports ``done`` out of ``total`` to a tqdm bar (``progress=True``), a callable, or
    nowhere; :meth:`update` moves to an absolute count (a run reports days done, a study the runs
    in its manifest), so repeated or out-of-order reports are harmless."""

    def __init__(self, progress: Progress, total: int, *, unit: str, desc: str = ""):
        if progress is not None and progress is not True and progress is not False and not callable(progress):
            raise UsageError("progress must be True, False/None, or a callable progress(done, total)")
        self.total = int(total)
        self.done = 0
        self._callback = progress if callable(progress) else None
        self._bar = None
        if progress is True:
            from tqdm.auto import tqdm

            self._bar = tqdm(total=self.total, unit=unit, desc=desc or None, dynamic_ncols=True)

    def update(self, done: int, total: int | None = None) -> Any:
        """Moves to ``done`` (and a new ``total``); returns what a callable returned."""
        if total is not None and int(total) != self.total:
            self.total = int(total)
            if self._bar is not None:
                self._bar.total = self.total
        done = int(done)
        if self._bar is not None and done > self.done:
            self._bar.update(done - self.done)
        self.done = max(self.done, done)
        if self._callback is not None:
            return self._callback(done, self.total)
        return True

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> "Counter":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
