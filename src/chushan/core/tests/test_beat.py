"""The periodic tasks without a broker: `chushan up` runs them beside the server (chushan run_schedule), each at
the start and then every interval; one that fails is logged and tried again at its turn, and the others go on."""

import datetime
import os
import sys

import pytest
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from chushan.core.beat import EmbeddedBeat
from chushan.core.management.commands import up

SCHEDULE = {
    "often": {"task": "t.often", "schedule": 30},
    "hourly": {"task": "t.hourly", "schedule": datetime.timedelta(hours=1), "kwargs": {"limit": 5}},
}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def beat_with(schedule, fail=()):
    clock, ran = Clock(), []

    def run_task(name, args, kwargs):
        ran.append((name, kwargs))
        if name in fail:
            raise RuntimeError("the task broke")

    return EmbeddedBeat(schedule, run_task, clock=clock), clock, ran


def test_every_task_runs_at_the_start_then_each_at_its_interval():
    beat, clock, ran = beat_with(SCHEDULE)
    assert beat.tick() == ["often", "hourly"]
    assert ran == [("t.often", {}), ("t.hourly", {"limit": 5})]
    clock.now += 29
    assert beat.tick() == [] and beat.seconds_to_next() == 1
    clock.now += 1
    assert beat.tick() == ["often"]
    clock.now += 3600
    assert beat.tick() == ["often", "hourly"]


def test_a_failing_task_is_logged_and_tried_again_at_its_turn_while_the_others_go_on(caplog):
    beat, clock, ran = beat_with(SCHEDULE, fail={"t.often"})
    assert beat.tick() == ["often", "hourly"]
    assert "periodic task often (t.often) failed" in caplog.text
    assert beat.tick() == []  # not retried at once
    clock.now += 30
    assert beat.tick() == ["often"]


@pytest.mark.parametrize("schedule", [0, -5, True, "60", crontab(minute=0)])
def test_only_intervals_can_be_scheduled_here(schedule):
    with pytest.raises(ImproperlyConfigured, match="intervals only"):
        EmbeddedBeat({"x": {"task": "t.x", "schedule": schedule}}, lambda *a: None)


@pytest.mark.django_db(transaction=True)
def test_every_periodic_task_of_the_platform_runs_here(settings, capsys):
    call_command("run_schedule", "--once")
    assert capsys.readouterr().out.strip() == f"ran {len(settings.CELERY_BEAT_SCHEDULE)} periodic tasks"


@pytest.fixture
def started(monkeypatch):
    """`chushan up` up to serving: what it starts beside the server, and that it then becomes the server."""
    spawned, served = [], []
    monkeypatch.setattr(up, "call_command", lambda *a, **k: None)
    monkeypatch.setattr(up.subprocess, "Popen", lambda argv, **k: spawned.append(argv))
    monkeypatch.setattr(up.Command, "_serve", lambda self, workers: served.append(workers))
    return spawned, served


def test_up_runs_the_periodic_tasks_beside_the_server_without_a_broker(settings, started):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    call_command("up", "--no-demo")
    spawned, served = started
    assert spawned == [[sys.executable, "-m", "chushan.cli", "run_schedule", "--parent", str(os.getpid())]]
    assert served == [None]


@pytest.mark.parametrize("eager,flags", [(False, []), (True, ["--no-schedule"])])
def test_up_leaves_them_to_celery_beat_with_a_broker_or_when_told(settings, started, eager, flags):
    settings.CELERY_TASK_ALWAYS_EAGER = eager
    call_command("up", "--no-demo", *flags)
    assert started == ([], [None])
