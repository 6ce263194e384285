"""The worker: each scheduled job queued once per period, whatever the number of workers;
`doorstep worker --once` runs what is due (a reminder owed today is sent and recorded); a
job that fails keeps its traceback; `--status` says what ran."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from doorstep.cases.models import Case
from doorstep.deadlines.models import KeptReplay
from doorstep.deadlines.selectors import clocks_of
from doorstep.deadlines.tests.conftest import complaint_received
from doorstep.policy.services import NATION
from doorstep.staff.roles import Role
from doorstep.testing.kept import keeps_replays
from doorstep.tests_browser.world import build_world
from doorstep.timeline.when import LONDON
from doorstep.workdays.calendar import calendar_for
from doorstep.worker.models import JobRun
from doorstep.worker.services import job_ran, jobs_enqueue_due
from doorstep.worker.tasks import sweep_run

pytestmark = pytest.mark.django_db
THREE_AM = dt.datetime(2026, 12, 7, 3, 0, tzinfo=LONDON)


def test_each_job_is_queued_once_for_its_period(settings):
    settings.DOORSTEP_SWEEP_HOUR = 2
    first = jobs_enqueue_due(now=THREE_AM)
    assert sorted(r.job for r in first) == ["reminders", "sweep"]
    assert jobs_enqueue_due(now=THREE_AM + dt.timedelta(minutes=30)) == []  # a second worker
    JobRun.objects.update(finished_at=THREE_AM + dt.timedelta(minutes=40))
    next_hour = jobs_enqueue_due(now=THREE_AM + dt.timedelta(hours=1))
    assert [r.job for r in next_hour] == ["reminders"]  # the sweep waits for tomorrow
    rows = DBTaskResult.objects.order_by("enqueued_at")
    assert sorted(r.task_path.rsplit(".", 1)[1] for r in rows) == [
        "reminders_run",
        "reminders_run",
        "sweep_run",
    ]
    assert {str(r.id) for r in rows} == set(JobRun.objects.values_list("task_id", flat=True))


def test_a_job_still_going_is_not_queued_again_until_it_is_taken_for_dead(settings):
    settings.DOORSTEP_SWEEP_HOUR = 2
    jobs_enqueue_due(now=THREE_AM)  # reminders for 03:00, never run: a slow worker
    assert jobs_enqueue_due(now=THREE_AM + dt.timedelta(hours=1)) == []
    JobRun.objects.filter(job="reminders").update(finished_at=THREE_AM + dt.timedelta(hours=1))
    assert [r.job for r in jobs_enqueue_due(now=THREE_AM + dt.timedelta(hours=1))] == ["reminders"]
    # A run queued four hours ago and never finished is taken for dead.
    assert [r.job for r in jobs_enqueue_due(now=THREE_AM + dt.timedelta(hours=5))] == ["reminders"]


def test_the_reminders_may_run_every_few_hours(settings):
    settings.DOORSTEP_REMINDERS_EVERY_HOURS = 4
    settings.DOORSTEP_SWEEP_HOUR = 4
    first = jobs_enqueue_due(now=THREE_AM)  # the 00:00 to 04:00 period
    assert [(r.job, r.period.hour) for r in first] == [("reminders", 0)]
    JobRun.objects.update(finished_at=THREE_AM)
    assert jobs_enqueue_due(now=THREE_AM + dt.timedelta(minutes=50)) == []


def test_a_worker_for_messages_alone_keeps_no_timetable(in_test_transaction):
    call_command("worker", "--once", "--queues", "default")
    assert not JobRun.objects.exists()
    with pytest.raises(CommandError, match="--queues names nightly"):
        call_command("worker", "--once", "--queues", "default,nightly")


def test_before_the_sweep_s_hour_only_the_reminders_are_due(settings):
    settings.DOORSTEP_SWEEP_HOUR = 4
    assert [r.job for r in jobs_enqueue_due(now=THREE_AM)] == ["reminders"]


def owed_a_reminder_today() -> Case:
    """Today's record (the worker reads the clock at its boundary): a complaint whose
    acknowledgement falls due on the next working day, its officer with an email address."""
    at = timezone.now()
    world = build_world(at=at)
    officer = world.users[Role.HOUSING_OFFICER]
    officer.email = "officer@landlord.example"
    officer.save()
    case = complaint_received(
        world, title="No reply", received=_received_for_ack_due_tomorrow(), at=at
    )
    Case.objects.filter(pk=case.pk).update(officer=officer)
    case.refresh_from_db()
    return case


def _received_for_ack_due_tomorrow() -> str:
    """A day whose stage 1 acknowledgement (five working days) falls due on the next working
    day after today: a clock the reminders owe today."""
    calendar = calendar_for(NATION)
    today = timezone.localdate()
    due = calendar.next_working_day(today)
    day = due
    while calendar.add_working_days(day, 5) > due:
        day -= dt.timedelta(days=1)
    return day.isoformat()


def test_once_runs_the_reminders_owed_today(in_test_transaction):
    case = owed_a_reminder_today()
    call_command("worker", "--once")
    reminder = case.events.get(kind="reminder.sent")
    assert reminder.data["sent"][0]["to"] == case.officer.username
    run = JobRun.objects.get(job="reminders")
    assert run.finished_at is not None and run.error == ""
    assert run.outcome["reminders"] == 1 and run.outcome["messages"] == 1
    assert not DBTaskResult.objects.ready().exists()
    # Run again within the hour: nothing queued, nothing sent twice.
    call_command("worker", "--once")
    assert case.events.filter(kind="reminder.sent").count() == 1


def test_a_failing_job_keeps_its_traceback_and_raises():
    period = THREE_AM.isoformat()
    with pytest.raises(RuntimeError), job_ran("sweep", period, clock=timezone.now):
        raise RuntimeError("the replica is down")
    run = JobRun.objects.get(job="sweep")
    assert "RuntimeError: the replica is down" in run.error and run.finished_at is not None


def test_status_says_what_ran_and_what_waits(settings):
    settings.DOORSTEP_SWEEP_HOUR = 2
    jobs_enqueue_due(now=THREE_AM)
    out = io.StringIO()
    call_command("worker", "--status", stdout=out)
    text = out.getvalue()
    assert "reminders" in text and "sweep" in text and "queued" in text
    assert "Deferred tasks by state: ready 2." in text


def test_the_health_check_is_stale_until_the_reminders_have_run(client, settings):
    settings.DOORSTEP_WORKER_STALE_MINUTES = 0  # hourly: 150 minutes
    never = client.get("/healthz/worker")
    assert never.status_code == 503
    assert never.json() == {
        "status": "stale",
        "reminders_finished_at": None,
        "failed_tasks_last_day": 0,
    }
    now = timezone.now()
    JobRun.objects.create(
        job="reminders", period=now, enqueued_at=now, started_at=now, finished_at=now
    )
    fresh = client.get("/healthz/worker")
    assert fresh.status_code == 200 and fresh.json()["status"] == "ok"
    assert fresh.json()["reminders_finished_at"] == now.isoformat()


def test_a_run_that_failed_or_finished_long_ago_is_stale(client):
    long_ago = timezone.now() - dt.timedelta(hours=3)
    JobRun.objects.create(
        job="reminders", period=long_ago, enqueued_at=long_ago, finished_at=long_ago
    )
    now = timezone.now()
    JobRun.objects.create(
        job="reminders",
        period=now,
        enqueued_at=now,
        finished_at=now,
        error="Traceback ... OperationalError",
    )
    answer = client.get("/healthz/worker")
    assert answer.status_code == 503
    assert answer.json()["reminders_finished_at"] == long_ago.isoformat()


def test_the_health_check_allows_for_the_reminders_cadence(client, settings):
    settings.DOORSTEP_REMINDERS_EVERY_HOURS = 4
    three_hours_ago = timezone.now() - dt.timedelta(hours=3)
    JobRun.objects.create(
        job="reminders",
        period=three_hours_ago,
        enqueued_at=three_hours_ago,
        finished_at=three_hours_ago,
    )
    assert client.get("/healthz/worker").status_code == 200  # within 4 h 30
    settings.DOORSTEP_WORKER_STALE_MINUTES = 120  # told otherwise
    assert client.get("/healthz/worker").status_code == 503


@keeps_replays
def test_the_nightly_sweep_keeps_the_day_s_replays_and_forgets_the_days_before_yesterday():
    """The sweep replays every home with an open case and keeps the replays for the day's pages
    and reminders (ADR 19); the days before yesterday are forgotten. The day's reminders then
    read the kept replays."""
    owed_a_reminder_today()
    today = timezone.localdate()
    period = dt.datetime.combine(today, dt.time(2), tzinfo=LONDON).isoformat()
    clocks_of(list(Case.objects.all()), as_of=today - dt.timedelta(days=3))  # an old day kept
    outcome = sweep_run.call(period)
    assert outcome["replays made"] >= 1 and outcome["replays forgotten"] >= 1
    assert set(KeptReplay.objects.values_list("as_of", flat=True)) == {today}
    timings: dict[str, float] = {}
    clocks_of(list(Case.objects.all()), as_of=today, timings=timings)
    assert timings["homes made"] == 0 and timings["homes kept"] == outcome["replays made"]
