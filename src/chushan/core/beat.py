"""The periodic tasks (settings.CELERY_BEAT_SCHEDULE) where there is no broker and so no `celery beat`: the
embedded default. `chushan up` runs them in a small process beside the web server (`chushan run_schedule`), so
holds lapse, unpaid checkouts expire and uncollected pick-ups go back on the shelf there too.

Each task runs once at the start and then every interval, in this process, one after another; a task that fails
is logged and tried again at its next turn, and the others go on. Intervals only (seconds or a timedelta): a
crontab entry belongs to a real beat.
"""

import datetime
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


def interval_of(name: str, schedule) -> float:
    """An entry's interval in seconds."""
    if isinstance(schedule, datetime.timedelta):
        schedule = schedule.total_seconds()
    if isinstance(schedule, bool) or not isinstance(schedule, int | float) or schedule <= 0:
        raise ImproperlyConfigured(f"periodic task {name!r}: the embedded schedule runs intervals only "
                                   f"(seconds or a timedelta), not {schedule!r}; use celery beat for it")
    return float(schedule)


@dataclass
class Entry:
    name: str
    task: str
    interval: float
    args: tuple = ()
    kwargs: Mapping | None = None
    next_at: float = 0.0  # on the monotonic clock; 0: at the first tick


class EmbeddedBeat:
    """Runs each entry of a beat schedule when its time comes. ``run_task(task_name, args, kwargs)`` runs one."""

    def __init__(self, schedule: Mapping[str, Mapping], run_task: Callable[[str, tuple, Mapping], object],
                 clock: Callable[[], float] = time.monotonic):
        self.entries = [Entry(name=name, task=entry["task"], interval=interval_of(name, entry["schedule"]),
                              args=tuple(entry.get("args", ())), kwargs=dict(entry.get("kwargs", {})))
                        for name, entry in schedule.items()]
        self.run_task = run_task
        self.clock = clock

    def tick(self) -> list[str]:
        """Run every entry that is due; the names of those run, in schedule order."""
        ran = []
        for entry in self.entries:
            if self.clock() < entry.next_at:
                continue
            try:
                self.run_task(entry.task, entry.args, entry.kwargs or {})
            except Exception:  # one task's failure must not stop the others; it is tried again next turn
                logger.exception("periodic task %s (%s) failed", entry.name, entry.task)
            entry.next_at = self.clock() + entry.interval
            ran.append(entry.name)
        return ran

    def seconds_to_next(self) -> float:
        return max(0.0, min((e.next_at for e in self.entries), default=60.0) - self.clock())
