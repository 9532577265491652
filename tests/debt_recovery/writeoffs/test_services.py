"""Write-offs: recommend, approve by authority level (not by the recommender), post to the ledger,
reject, reinstate by reversal, and small balances in bulk."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError, PermissionDeniedError
from debt_recovery.accounts.selectors import aged_balances
from debt_recovery.accounts.services import debtor_account_open
from debt_recovery.writeoffs import services
from debt_recovery.writeoffs.choices import AuthorityLevel, WriteOffStatus
from debt_recovery.writeoffs.models import WriteOff
from ledger.choices import Purpose
from ledger.models import Account, Posting
from tests.factories import ClientFactory, UserFactory

pytestmark = pytest.mark.django_db


def owed(debtor) -> Decimal:
    return aged_balances(ledger_account_ids=[debtor.ledger_account_id])[debtor.ledger_account_id].owed


def recommend(user, debtor, amount, reason="uneconomic"):
    return services.writeoff_recommend(acting_user=user, debtor=debtor, amount=Decimal(amount), reason=reason,
                                       note="Tried everything")


def test_the_level_needed_follows_wokings_bands(bands):
    assert services.level_for(Decimal("100.00")) == AuthorityLevel.OFFICER
    assert services.level_for(Decimal("100.01")) == AuthorityLevel.TEAM_LEADER
    assert services.level_for(Decimal("5000.00")) == AuthorityLevel.TEAM_LEADER
    assert services.level_for(Decimal("9999.99")) == AuthorityLevel.SENIOR_MANAGER
    assert services.level_for(Decimal("10000.01")) == AuthorityLevel.EXECUTIVE


def test_approval_posts_the_write_off_to_the_ledger(bands, owing, debt_officer, debt_leader):
    writeoff = recommend(debt_officer, owing, "1200.00")
    assert writeoff.level_required == AuthorityLevel.TEAM_LEADER
    assert owed(owing) == Decimal("6200.00")  # nothing moves until it is approved
    done = services.writeoff_approve(acting_user=debt_leader, writeoff=writeoff, note="Agreed")
    assert done.status == WriteOffStatus.APPROVED
    assert owed(owing) == Decimal("5000.00")
    lines = {(p.account.purpose, p.amount) for p in Posting.objects.filter(transaction=done.transaction)
             .select_related("account")}
    assert lines == {(Purpose.WRITE_OFF, Decimal("1200.00")), (Purpose.CARE_CHARGE_RECEIVABLE, Decimal("-1200.00"))}
    assert Account.objects.get(purpose=Purpose.WRITE_OFF).kind == "expense"
    assert done.history.first().history_user == debt_leader


def test_the_recommender_cannot_approve_or_reject_even_with_authority(bands, owing, debt_leader, debt_officer):
    writeoff = recommend(debt_leader, owing, "50.00")
    with pytest.raises(PermissionDeniedError):
        services.writeoff_approve(acting_user=debt_leader, writeoff=writeoff)
    with pytest.raises(PermissionDeniedError):
        services.writeoff_reject(acting_user=debt_leader, writeoff=writeoff, note="No")
    writeoff.refresh_from_db()
    assert writeoff.status == WriteOffStatus.RECOMMENDED and writeoff.transaction is None


def test_the_database_refuses_a_decision_by_the_recommender(bands, owing, debt_officer):
    writeoff = recommend(debt_officer, owing, "50.00")
    writeoff.decided_by = debt_officer
    with pytest.raises(IntegrityError), transaction.atomic():
        writeoff.save()


def test_an_officer_may_approve_only_up_to_their_level(bands, owing, debt_leader, second_officer):
    big = recommend(debt_leader, owing, "150.00")
    with pytest.raises(PermissionDeniedError) as refused:
        services.writeoff_approve(acting_user=second_officer, writeoff=big)
    assert refused.value.code == "no_authority"
    assert owed(owing) == Decimal("6200.00")
    services.writeoff_reject(acting_user=second_officer, writeoff=big, note="Try a payment plan first")
    small = recommend(debt_leader, owing, "100.00")
    services.writeoff_approve(acting_user=second_officer, writeoff=small)
    assert owed(owing) == Decimal("6100.00")


def test_a_delegated_senior_manager_approves_above_the_managers_limit(bands, owing, debt_officer, debt_leader,
                                                                       administrator):
    writeoff = recommend(debt_officer, owing, "6000.00")
    assert writeoff.level_required == AuthorityLevel.SENIOR_MANAGER
    with pytest.raises(PermissionDeniedError):
        services.writeoff_approve(acting_user=debt_leader, writeoff=writeoff)
    services.delegated_authority_grant(acting_user=administrator, user=debt_leader,
                                       level=AuthorityLevel.SENIOR_MANAGER, reason="Acting head of income")
    services.writeoff_approve(acting_user=debt_leader, writeoff=writeoff)
    assert owed(owing) == Decimal("200.00")


def test_bad_recommendations_are_refused_and_write_nothing(bands, owing, debt_officer):
    with pytest.raises(ApplicationError) as more:
        recommend(debt_officer, owing, "6200.01")
    assert more.value.extra["amount"]
    with pytest.raises(ApplicationError) as blank:
        services.writeoff_recommend(acting_user=debt_officer, debtor=owing, amount=Decimal("10"), reason="nonsense",
                                    note=" ")
    assert set(blank.value.extra) == {"reason", "note"}
    recommend(debt_officer, owing, "10.00")
    with pytest.raises(ApplicationError):
        recommend(debt_officer, owing, "20.00")
    assert WriteOff.objects.count() == 1


def test_approval_is_refused_when_money_has_come_in_since(bands, owing, debt_officer, debt_leader, ledger):
    writeoff = recommend(debt_officer, owing, "5000.00")
    ledger.pay(owing.ledger_account, "1500.00", dt.date(2026, 9, 1))
    with pytest.raises(ApplicationError) as refused:
        services.writeoff_approve(acting_user=debt_leader, writeoff=writeoff)
    assert refused.value.code == "more_than_owed"
    assert owed(owing) == Decimal("4700.00")


def test_reinstating_reverses_the_write_off(bands, owing, debt_officer, debt_leader, ledger):
    from debt_recovery.writeoffs.selectors import written_off_with_money_since

    ledger.pay(owing.ledger_account, "1200.00", dt.date(2026, 8, 21))
    writeoff = services.writeoff_approve(acting_user=debt_leader, writeoff=recommend(debt_officer, owing, "5000.00"))
    assert owed(owing) == 0
    assert not written_off_with_money_since(user=debt_officer).exists()
    ledger.pay(owing.ledger_account, "300.00", dt.date.today())
    assert list(written_off_with_money_since(user=debt_officer)) == [writeoff]
    done = services.writeoff_reinstate(acting_user=debt_officer, writeoff=writeoff, reason="The son paid £300")
    assert done.status == WriteOffStatus.REINSTATED and done.reversal.reverses_id == done.transaction_id
    assert owed(owing) == Decimal("4700.00")
    with pytest.raises(ApplicationError):
        services.writeoff_reinstate(acting_user=debt_officer, writeoff=done, reason="Again")


def test_small_balances_are_recommended_in_bulk_and_approved_together(bands, debt_team, debt_officer,
                                                                     second_officer, ledger):
    debtors = []
    for n, amount in enumerate(["12.50", "49.99", "50.00", "400.00"]):
        client = ClientFactory(last_name=f"Small{n}", team=debt_team, team__officer=debt_officer)
        debtor = debtor_account_open(acting_user=debt_officer, client=client, kind="person", reason="Test")
        ledger.charge(debtor.ledger_account, amount, dt.date(2026, 5, 1))
        debtors.append(debtor)
    batch, made = services.writeoffs_bulk_recommend(acting_user=debt_officer, threshold=Decimal("50.00"),
                                                    note="Uneconomic")
    assert sorted(w.amount for w in made) == [Decimal("12.50"), Decimal("49.99")]
    with pytest.raises(PermissionDeniedError):
        services.writeoffs_batch_approve(acting_user=debt_officer, batch=batch)
    assert WriteOff.objects.filter(status=WriteOffStatus.APPROVED).count() == 0
    services.writeoffs_batch_approve(acting_user=second_officer, batch=batch)
    assert [owed(d) for d in debtors] == [0, 0, Decimal("50.00"), Decimal("400.00")]
    with pytest.raises(ApplicationError):  # nothing left under the threshold
        services.writeoffs_bulk_recommend(acting_user=debt_officer, threshold=Decimal("50.00"), note="Again")


def test_bands_are_kept_in_order_by_an_administrator_with_history(bands, administrator, debt_leader):
    from debt_recovery.writeoffs.models import AuthorityBand

    with pytest.raises(PermissionDeniedError):
        services.authority_band_save(acting_user=debt_leader, level="officer", up_to=Decimal("200"), reason="x")
    with pytest.raises(ApplicationError) as disorder:
        services.authority_band_save(acting_user=administrator, level=AuthorityLevel.EXECUTIVE,
                                     up_to=Decimal("50.00"), reason="Wrong")
    assert disorder.value.code == "bands_out_of_order"
    band = AuthorityBand.objects.get(up_to=Decimal("100.00"))
    services.authority_band_save(acting_user=administrator, band=band, level=AuthorityLevel.OFFICER,
                                 up_to=Decimal("250.00"), reason="Cabinet raised the officers' limit")
    assert services.level_for(Decimal("250.00")) == AuthorityLevel.OFFICER
    latest = band.history.first()
    assert latest.history_user == administrator and "Cabinet" in latest.history_change_reason


def test_no_authority_without_a_debt_recovery_role():
    assert services.authority_of(UserFactory(username="nobody")) is None
