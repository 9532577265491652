"""Repairs: reported, quoted, approved by a second person above the threshold (service and database),
completed, the invoice paid once from the client's money; overdue repairs raise a task."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings

from core.exceptions import ApplicationError, PermissionDeniedError
from ledger.choices import MoneyOutCategory, PaymentStatus
from ledger.models import Payment
from ledger.selectors import available_funds
from people.models import Task
from properties.repairs import services
from properties.repairs.choices import RepairStatus
from properties.repairs.models import Repair, RepairQuote

TODAY = dt.date.today()


def _repair(pat, home, **kwargs):
    given = {"what": "Burst pipe under the kitchen sink", "reported_on": TODAY, "urgency": "urgent",
             "reported_by": "Neighbour at number 6"} | kwargs
    return services.repair_report(acting_user=pat, home=home, **given)


def _quoted(pat, home, amount="450.00"):
    repair = _repair(pat, home)
    quote = services.quote_add(acting_user=pat, repair=repair, trades_person="Ace Plumbing", amount=Decimal(amount),
                               quoted_on=TODAY)
    return repair, quote


def test_a_repair_is_due_by_its_urgency(pat, home):
    repair = _repair(pat, home, urgency="emergency")
    assert repair.due_by == TODAY + dt.timedelta(days=1)
    assert _repair(pat, home, urgency="routine").due_by == TODAY + dt.timedelta(days=28)


@pytest.mark.parametrize("bad", [{"what": " "}, {"urgency": "whenever"}, {"reported_by": ""},
                                 {"reported_on": TODAY + dt.timedelta(days=1)}])
def test_bad_input_is_refused_and_nothing_is_written(pat, home, bad):
    with pytest.raises(ApplicationError):
        _repair(pat, home, **bad)
    assert not Repair.objects.exists()


@pytest.mark.parametrize("amount", ["0", "-5", "abc"])
def test_a_quote_must_be_more_than_nothing(pat, home, amount):
    repair = _repair(pat, home)
    with pytest.raises(ApplicationError):
        services.quote_add(acting_user=pat, repair=repair, trades_person="Ace", amount=amount, quoted_on=TODAY)
    with pytest.raises(ApplicationError):
        services.quote_add(acting_user=pat, repair=repair, trades_person="Ace", amount=12.5, quoted_on=TODAY)
    assert not RepairQuote.objects.exists()


def test_someone_outside_the_property_team_cannot_report_a_repair(officer, home):
    with pytest.raises(PermissionDeniedError):
        _repair(officer, home)
    assert not Repair.objects.exists()


@override_settings(PROPERTY_REPAIR_SECOND_APPROVAL_ABOVE="500.00")
def test_at_or_below_the_threshold_the_officer_approves(pat, home):
    repair, quote = _quoted(pat, home, "500.00")
    repair = services.repair_approval_request(acting_user=pat, repair=repair, quote=quote)
    assert repair.status == RepairStatus.APPROVED and repair.approved_by == pat
    assert repair.approval_threshold == Decimal("500.00")


@override_settings(PROPERTY_REPAIR_SECOND_APPROVAL_ABOVE="500.00")
def test_above_the_threshold_a_second_person_approves_never_the_one_who_asked(pat, quinn, home):
    repair, quote = _quoted(pat, home, "500.01")
    repair = services.repair_approval_request(acting_user=pat, repair=repair, quote=quote)
    assert repair.status == RepairStatus.AWAITING_APPROVAL
    with pytest.raises(PermissionDeniedError):
        services.repair_approve(acting_user=pat, repair=repair)
    repair.refresh_from_db()
    assert repair.status == RepairStatus.AWAITING_APPROVAL and repair.approved_by is None
    repair = services.repair_approve(acting_user=quinn, repair=repair)
    assert repair.status == RepairStatus.APPROVED and repair.approved_by == quinn


@override_settings(PROPERTY_REPAIR_SECOND_APPROVAL_ABOVE="500.00")
def test_the_database_refuses_self_approval_above_the_threshold(pat, home):
    repair, quote = _quoted(pat, home, "900.00")
    services.repair_approval_request(acting_user=pat, repair=repair, quote=quote)
    with pytest.raises(IntegrityError), transaction.atomic():
        Repair.objects.filter(pk=repair.pk).update(approved_by=pat, status=RepairStatus.APPROVED)


def test_the_default_threshold_is_the_client_money_second_person_threshold(settings):
    settings.CLIENT_MONEY_SECOND_PERSON_ABOVE = "750.00"
    assert services.second_approval_above() == Decimal("750.00")


def _completed(pat, home, amount="450.00"):
    repair, quote = _quoted(pat, home, amount)
    services.repair_approval_request(acting_user=pat, repair=repair, quote=quote)
    return services.repair_complete(acting_user=pat, repair=repair, completed_on=TODAY, notes="Pipe replaced")


def test_completion_needs_approval_and_a_date_not_before_the_report(pat, home):
    repair, _quote = _quoted(pat, home)
    with pytest.raises(ApplicationError):
        services.repair_complete(acting_user=pat, repair=repair, completed_on=TODAY)
    repair.refresh_from_db()
    assert repair.status == RepairStatus.REPORTED and repair.completed_on is None


def test_the_invoice_is_paid_once_from_the_clients_money_as_home_maintenance(pat, home, funds, owner):
    repair = _completed(pat, home)
    before = available_funds(client=owner)
    repair = services.repair_invoice_pay(acting_user=pat, repair=repair, invoice_reference="INV-881",
                                         amount=Decimal("450.00"), paid_on=TODAY)
    assert repair.status == RepairStatus.PAID
    assert repair.payment.category == MoneyOutCategory.HOME_MAINTENANCE
    assert repair.payment.payee == "Ace Plumbing" and repair.payment.status == PaymentStatus.POSTED
    assert available_funds(client=owner) == before - Decimal("450.00")
    again = services.repair_invoice_pay(acting_user=pat, repair=repair, invoice_reference="INV-881",
                                        amount=Decimal("450.00"), paid_on=TODAY)
    assert again.payment_id == repair.payment_id
    assert Payment.objects.filter(client=owner).count() == 1
    assert available_funds(client=owner) == before - Decimal("450.00")


def test_the_invoice_cannot_be_more_than_was_approved(pat, home, funds, owner):
    repair = _completed(pat, home)
    with pytest.raises(ApplicationError):
        services.repair_invoice_pay(acting_user=pat, repair=repair, invoice_reference="INV-1",
                                    amount=Decimal("450.01"), paid_on=TODAY)
    repair.refresh_from_db()
    assert repair.payment is None and not Payment.objects.exists()


def test_a_duplicate_invoice_is_held_by_the_ledgers_check(pat, home, funds, owner):
    first = _completed(pat, home)
    services.repair_invoice_pay(acting_user=pat, repair=first, invoice_reference="INV-9", amount=Decimal("450.00"),
                                paid_on=TODAY)
    second = _completed(pat, home)
    second = services.repair_invoice_pay(acting_user=pat, repair=second, invoice_reference="INV-9",
                                         amount=Decimal("450.00"), paid_on=TODAY)
    assert second.payment.status == PaymentStatus.HELD


def test_not_enough_money_refuses_the_payment_and_writes_nothing(pat, home, owner):
    repair = _completed(pat, home)
    with pytest.raises(ApplicationError):
        services.repair_invoice_pay(acting_user=pat, repair=repair, invoice_reference="INV-2",
                                    amount=Decimal("450.00"), paid_on=TODAY)
    repair.refresh_from_db()
    assert repair.status == RepairStatus.COMPLETED and not Payment.objects.exists()


def test_an_overdue_repair_raises_one_task_for_the_officer(pat, home):
    repair = _repair(pat, home, urgency="emergency", reported_on=TODAY - dt.timedelta(days=5))
    assert services.overdue_repair_tasks_create(on=TODAY) == {"tasks": 1}
    assert services.overdue_repair_tasks_create(on=TODAY) == {"tasks": 0}
    task = Task.objects.get(object_id=repair.pk)
    assert task.assigned_to == pat and "overdue" in task.title
    done = _repair(pat, home, urgency="emergency", reported_on=TODAY - dt.timedelta(days=5))
    services.repair_cancel(acting_user=pat, repair=done, reason="Neighbour fixed it")
    assert services.overdue_repair_tasks_create(on=TODAY) == {"tasks": 0}
