"""The charging run: exact pro-rata charges, posted once per person per period however often the
run repeats, crashes or runs twice at once; invoices made; the real worker runs a period."""

from __future__ import annotations

import datetime as dt
import threading
import time
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection

from charging.run import services as charging_run
from charging.models import Invoice, PeriodCharge
from charging.run.periods import ANCHOR, Period, period_containing, period_from_label, periods_ended_by
from charging.run.services import (
    AssessedCharge,
    charge_spans,
    charging_run_clients,
    charging_run_period,
    period_due,
    period_pieces,
)
from core.context import acting_as_job
from core.jobs import job_run
from core.models import JobRun
from documents.choices import DocumentKind, DocumentStatus
from documents.models import Document
from ledger.choices import Purpose
from ledger.models import Account, Posting, Transaction
from people.models import Client
from people.selectors import today
from tests.charging.run_fixtures import DAILY, WEEKLY, reassess

D = Decimal
P1 = Period(0)  # 2026-P01: Monday 6 April to Sunday 3 May 2026
APPROVED = dt.datetime(2026, 4, 1, tzinfo=dt.timezone.utc)


def _charge(weekly, start, *, setting="residential", care_start=dt.date(2020, 1, 1), care_end=None, pk=1,
            approved=APPROVED):
    return AssessedCharge(pk, setting, D(weekly), start, approved, care_start, care_end)


def _due(charges, period=P1, death=None):
    return period_due(period_pieces(charge_spans(charges, date_of_death=death), period))


# --- the calendar ---------------------------------------------------------------------------------

def test_periods_are_28_days_from_monday_6_april_2026_13_a_year():
    assert (P1.label, P1.start, P1.end) == ("2026-P01", dt.date(2026, 4, 6), dt.date(2026, 5, 3))
    assert P1.start.weekday() == 0 and P1.end.weekday() == 6
    assert Period(12).label == "2026-P13" and Period(13).label == "2027-P01"
    assert Period(13).start == dt.date(2027, 4, 5)
    assert Period(-1).label == "2025-P13" and Period(-1).end == dt.date(2026, 4, 5)
    for index in range(-30, 60):
        assert period_from_label(Period(index).label) == Period(index)
        assert period_containing(Period(index).start) == Period(index)
    assert periods_ended_by(dt.date(2026, 5, 2), since=ANCHOR) == []
    assert periods_ended_by(dt.date(2026, 5, 3), since=ANCHOR) == [P1]
    with pytest.raises(ValueError):
        period_from_label("2026-P14")


# --- the calculation (pure) -----------------------------------------------------------------------

def test_a_whole_period_is_four_weeks():
    assert _due([_charge("143.85", dt.date(2026, 1, 1))]) == D("575.40")


def test_care_starting_mid_period_is_charged_by_the_day():
    # Thursday 16 April to Sunday 3 May: 18 days at £20.55
    charges = [_charge("143.85", dt.date(2026, 4, 16), care_start=dt.date(2026, 4, 16))]
    pieces = period_pieces(charge_spans(charges, date_of_death=None), P1)
    assert [p.text() for p in pieces] == ["16 Apr to 3 May: 2 weeks and 4 days at £143.85 a week"]
    assert period_due(pieces) == D("369.90") == 18 * DAILY


def test_care_ending_mid_period_stops_the_charge_after_its_last_day():
    charges = [_charge("143.85", dt.date(2026, 1, 1), care_end=dt.date(2026, 4, 19))]
    assert _due(charges) == 14 * DAILY


def test_no_charge_after_the_date_of_death():
    charges = [_charge("143.85", dt.date(2026, 1, 1))]
    assert _due(charges, death=dt.date(2026, 4, 8)) == 3 * DAILY  # 6, 7 and 8 April
    assert _due(charges, death=dt.date(2026, 4, 5)) == D("0.00")


def test_a_new_assessment_mid_period_charges_each_day_at_the_charge_in_force():
    charges = [_charge("143.85", dt.date(2026, 1, 1), pk=1),
               _charge("100.00", dt.date(2026, 4, 20), pk=2)]
    pieces = period_pieces(charge_spans(charges, date_of_death=None), P1)
    assert [(p.start, p.end, p.weekly_charge) for p in pieces] == [
        (dt.date(2026, 4, 6), dt.date(2026, 4, 19), D("143.85")),
        (dt.date(2026, 4, 20), dt.date(2026, 5, 3), D("100.00")),
    ]
    assert period_due(pieces) == D("487.70")
    # Part weeks at a charge that does not divide by 7: rounded once on the total, not per day.
    charges = [_charge("143.85", dt.date(2026, 1, 1), pk=1), _charge("100.00", dt.date(2026, 4, 24), pk=2)]
    assert _due(charges) == D("18") * DAILY + (D("100.00") * 10 / 7).quantize(D("0.01"))  # 369.90 + 142.86


def test_rounding_happens_once_per_person_per_period():
    # One day in a care home and one day at home, £100 a week each: 14.2857... twice is £28.57, not
    # £14.29 + £14.29.
    charges = [_charge("100.00", dt.date(2026, 5, 3), pk=1),
               _charge("100.00", dt.date(2026, 5, 3), setting="non_residential", pk=2)]
    assert _due(charges) == D("28.57")


def test_an_assessment_replaced_from_the_same_day_never_charges():
    later = APPROVED + dt.timedelta(days=1)
    charges = [_charge("143.85", dt.date(2026, 4, 6), pk=1), _charge("50.00", dt.date(2026, 4, 6), pk=2, approved=later)]
    assert _due(charges) == D("200.00")


# --- the service, in the test's transaction ------------------------------------------------------

def _receivable(client) -> Account:
    return Account.objects.get(client=client, purpose=Purpose.CARE_CHARGE_RECEIVABLE)


def _balance(account) -> Decimal:
    return sum(Posting.objects.filter(account=account).values_list("amount", flat=True), D("0.00"))


def _run(period, *clients):
    with acting_as_job(charging_run.JOB):
        return charging_run_clients(period=period, client_ids=[c.pk for c in clients])


@pytest.mark.django_db
def test_the_run_posts_the_period_to_the_ledger_and_makes_an_invoice(make_resident):
    client, package, assessment = make_resident(dt.date(2026, 4, 16))
    summary = _run(P1, client)

    assert summary["charges"] == 1 and summary["invoices"] == 1
    txn = Transaction.objects.get(idempotency_key=f"charge:{client.pk}:2026-P01")
    assert txn.effective_date == P1.end and txn.kind == "charge"
    postings = {p.account.purpose: p.amount for p in txn.postings.select_related("account")}
    assert postings == {Purpose.CARE_CHARGE_RECEIVABLE: D("369.90"), Purpose.CHARGING_INCOME: D("-369.90")}
    receivable = _receivable(client)
    assert receivable.owner_kind == "client" and receivable.kind == "asset"

    invoice = Invoice.objects.get(client=client, period_start=P1.start)
    assert invoice.amount == D("369.90")
    assert invoice.lines[0]["pieces"][0]["text"] == "16 Apr to 3 May: 2 weeks and 4 days at £143.85 a week"
    assert invoice.document.kind == DocumentKind.CHARGE_INVOICE
    assert invoice.document.data["total"] == "£369.90"
    assert invoice.document.data["recipient"]["address_lines"][0] == "Beech House Care Home"


@pytest.mark.django_db
def test_running_again_posts_nothing_more(make_resident):
    client, *_ = make_resident(dt.date(2026, 4, 16))
    _run(P1, client)
    before = (Transaction.objects.count(), PeriodCharge.objects.count(), Invoice.objects.count(),
              Document.objects.count())
    summary = _run(P1, client)
    assert summary["charges"] == summary["adjustments"] == summary["invoices"] == 0
    assert (Transaction.objects.count(), PeriodCharge.objects.count(), Invoice.objects.count(),
            Document.objects.count()) == before


@pytest.mark.django_db
def test_a_later_run_charges_earlier_periods_not_yet_charged_each_under_its_own_key(make_resident):
    client, *_ = make_resident(dt.date(2026, 4, 16))
    P3 = Period(2)
    _run(P3, client)
    keys = set(Transaction.objects.filter(idempotency_key__startswith=f"charge:{client.pk}:")
               .values_list("idempotency_key", flat=True))
    assert keys == {f"charge:{client.pk}:2026-P01", f"charge:{client.pk}:2026-P02", f"charge:{client.pk}:2026-P03"}
    invoice = Invoice.objects.get(client=client)
    assert invoice.period == "2026-P03"
    assert [line["amount"] for line in invoice.lines] == ["369.90", "575.40", "575.40"]
    assert invoice.amount == D("1520.70") == _balance(_receivable(client))


@pytest.mark.django_db
def test_a_backdated_first_assessment_reconciles_with_its_backdated_amount(care_home, make_assessment):
    """Approved today, charged from the day care started 16 weeks ago: the first invoice carries every
    earlier period, and the charge for the days before approval is the letter's backdated amount."""
    assessment = make_assessment("approved", pension="125.65")
    assert assessment.weekly_charge == WEEKLY and assessment.effective_from == care_home.start_date
    approved_on = today()
    current = period_containing(approved_on)
    _run(current, care_home.client)

    charged = _balance(_receivable(care_home.client))
    assert charged == DAILY * ((current.end - assessment.effective_from).days + 1)
    after_approval = DAILY * ((current.end - approved_on).days + 1)
    assert charged - after_approval == assessment.backdated_amount
    keys = Transaction.objects.filter(idempotency_key__startswith=f"charge:{care_home.client.pk}:").count()
    assert keys == current.index - period_containing(assessment.effective_from).index + 1


@pytest.mark.django_db
def test_mid_period_changes_through_the_services(make_resident, other_officer, charging_leader):
    # A lower charge from Monday 27 April (State Pension now £85.65: £103.85 a week).
    client, package, first = make_resident(dt.date(2026, 4, 16))
    second = reassess(client=client, package=package, on=dt.date(2026, 4, 27), pension="85.65",
                      officer=other_officer, leader=charging_leader)
    assert second.effective_from == dt.date(2026, 4, 27)
    _run(P1, client)
    assert _balance(_receivable(client)) == 11 * DAILY + D("103.85")  # 16-26 April, then a week


@pytest.mark.django_db
def test_a_lower_charge_backdated_into_charged_periods_is_credited_by_adjustments(
        make_resident, other_officer, charging_leader):
    client, package, first = make_resident(dt.date(2026, 4, 16))
    _run(Period(1), client)  # P01 and P02 charged at £143.85
    assert _balance(_receivable(client)) == D("369.90") + D("575.40")
    reassess(client=client, package=package, on=dt.date(2026, 4, 27), pension="85.65",
             officer=other_officer, leader=charging_leader)
    summary = _run(Period(2), client)
    assert summary["adjustments"] == 2
    adjustments = dict(Posting.objects.filter(transaction__idempotency_key__endswith=":1",
                                              account__purpose=Purpose.CARE_CHARGE_RECEIVABLE)
                       .values_list("transaction__idempotency_key", "amount"))
    assert adjustments == {f"charge:{client.pk}:2026-P01:1": D("-40.00"), f"charge:{client.pk}:2026-P02:1": D("-160.00")}
    assert _balance(_receivable(client)) == 11 * DAILY + 9 * D("103.85")  # 16 April to 28 June, exactly


@pytest.mark.django_db
def test_death_and_the_end_of_care_through_the_services(make_resident, other_officer):
    from charging.services import care_package_end

    died, *_ = make_resident(dt.date(2026, 4, 16), first_name="Dora")
    Client.objects.filter(pk=died.pk).update(date_of_death=dt.date(2026, 4, 20))
    moved, package, _ = make_resident(dt.date(2026, 4, 16), first_name="Mabel")
    care_package_end(acting_user=other_officer, care_package=package, end_date=dt.date(2026, 4, 25),
                     reason="Moved to live with her daughter")
    _run(P1, died, moved)
    assert _balance(_receivable(died)) == 5 * DAILY
    assert _balance(_receivable(moved)) == 10 * DAILY
    died_invoice = Invoice.objects.get(client=died)
    assert died_invoice.document.data["recipient"]["name"].startswith("The personal representatives of")


# --- the job: crash half way, concurrent runs -----------------------------------------------------

@pytest.mark.django_db
def test_a_run_that_crashes_half_way_then_runs_again_charges_each_person_once(make_resident):
    a, *_ = make_resident(dt.date(2026, 4, 16), first_name="Ann")
    b, *_ = make_resident(dt.date(2026, 4, 16), first_name="Bea")
    c, *_ = make_resident(dt.date(2026, 4, 16), first_name="Cat")
    real = charging_run.charging_run_clients
    calls = []

    def crash_on_second_chunk(**kwargs):
        calls.append(kwargs["client_ids"])
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real(**kwargs)

    with mock.patch.object(charging_run, "charging_run_clients", side_effect=crash_on_second_chunk):
        with pytest.raises(RuntimeError):
            job_run(job=charging_run.JOB, period=P1.label,
                    work=lambda run: charging_run_period(period=P1, run=run, chunk_size=1))
    run = JobRun.objects.get(job=charging_run.JOB, period=P1.label)
    assert run.status == JobRun.Status.FAILED and run.done == 1 and run.total == 3
    assert Transaction.objects.filter(idempotency_key__startswith="charge:").count() == 1

    run = job_run(job=charging_run.JOB, period=P1.label,
                  work=lambda run: charging_run_period(period=P1, run=run, chunk_size=1))
    assert run.status == JobRun.Status.SUCCEEDED and run.attempts == 2 and run.done == run.total == 3
    for client in (a, b, c):
        assert Transaction.objects.filter(idempotency_key=f"charge:{client.pk}:2026-P01").count() == 1
        assert Invoice.objects.filter(client=client).count() == 1
        assert _balance(_receivable(client)) == D("369.90")
    assert run.summary["charges"] == 2  # the first attempt's client was not charged again


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_post_once(make_resident, django_db_blocker):
    client, *_ = make_resident(dt.date(2026, 4, 16))
    results, errors = [], []
    barrier = threading.Barrier(2)
    real = charging_run.transactions_post

    def slow_post(**kwargs):  # hold the lock a moment so that the runs really overlap
        time.sleep(0.3)
        return real(**kwargs)

    def run():
        try:
            barrier.wait()
            results.append(_run(P1, client))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    with mock.patch.object(charging_run, "transactions_post", side_effect=slow_post):
        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    assert not errors
    assert sorted(r["charges"] for r in results) == [0, 1]
    assert Transaction.objects.filter(idempotency_key__startswith=f"charge:{client.pk}:").count() == 1
    assert PeriodCharge.objects.filter(client=client).count() == 1
    assert Invoice.objects.filter(client=client).count() == 1


# --- the real worker ------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_period_and_renders_the_invoices(make_resident, charging_worker):
    from charging.run.tasks import run_period

    a, *_ = make_resident(dt.date(2026, 4, 16), first_name="Ann")
    b, *_ = make_resident(dt.date(2026, 4, 20), first_name="Bea")
    result = run_period.apply_async(args=[P1.end.isoformat()], queue=charging_worker.queue)
    assert charging_worker.wait_for(result.id) == "succeeded", charging_worker.log()

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        documents = Document.objects.filter(kind=DocumentKind.CHARGE_INVOICE)
        if documents.count() == 2 and all(d.status == DocumentStatus.READY for d in documents):
            break
        time.sleep(0.3)
    else:
        pytest.fail(f"The invoices were not made:\n{charging_worker.log()}")
    run = JobRun.objects.get(job=charging_run.JOB, period=P1.label)
    assert run.status == JobRun.Status.SUCCEEDED and run.total == 2 and run.done == 2
    assert _balance(_receivable(a)) == D("369.90") and _balance(_receivable(b)) == 14 * DAILY
    for document in Document.objects.filter(kind=DocumentKind.CHARGE_INVOICE):
        assert document.file.read().startswith(b"%PDF")
        assert document.sha256

    # Sent again for the same day: the period has succeeded, so nothing more.
    again = run_period.apply_async(args=[P1.end.isoformat()], queue=charging_worker.queue)
    assert charging_worker.wait_for(again.id) == "succeeded"
    run.refresh_from_db()
    assert run.attempts == 1
    assert Transaction.objects.filter(idempotency_key__startswith="charge:").count() == 2


def test_beat_sends_the_run_every_day():
    from config.celery import app

    app.finalize()  # as beat does before it reads the schedule the apps declared
    entry = app.conf.beat_schedule["charging-run-daily"]
    assert entry["task"] == "charging.run_period"
