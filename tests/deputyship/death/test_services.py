"""A client's death: the authority ends, notifications and the keys task are given, the account is frozen
except for funeral costs with the executor's consent and the estate's release on a grant, the final
account, and the Bona Vacantia rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from deputyship.authority.choices import AuthorityKind
from deputyship.authority.services import authority_in_force, authority_record
from deputyship.death import services
from deputyship.death.choices import ESTATE_RELEASE, FUNERAL_COSTS, GrantKind, NotificationTo, NotifiedHow, WillStatus
from deputyship.death.models import BonaVacantiaDecision, Death, DeathNotification, EstateRelease, Grant
from deputyship.services import payment_allowed_after_death
from ledger import client_money
from ledger.choices import MoneyOutCategory
from ledger.models import Payment
from ledger.selectors import available_funds
from people.models import Task

TODAY = dt.date.today()
DIED = TODAY - dt.timedelta(days=5)


@pytest.fixture
def deputy(officer, north_client):
    return authority_record(acting_user=officer, client=north_client, kind=AuthorityKind.DEPUTY, reference="COP-1",
                            made_on=TODAY - dt.timedelta(days=400), starts_on=TODAY - dt.timedelta(days=400),
                            reason="Order received")


@pytest.fixture
def death(officer, north_client, deputy, fund):
    fund(north_client, "3000.00", on=DIED - dt.timedelta(days=10))
    return services.death_record(acting_user=officer, client=north_client, died_on=DIED, notified_on=DIED,
                                 notified_how=NotifiedHow.CARE_HOME, will=WillStatus.VALID_WILL, executor="Ann Smith")


@pytest.mark.django_db
class TestRecord:
    def test_the_authority_ends_and_every_notification_and_the_keys_are_tasks(self, death, deputy, officer):
        deputy.refresh_from_db()
        assert deputy.ends_on == DIED and "died" in deputy.end_reason
        assert authority_in_force(client=death.client, on=TODAY) is None
        assert set(DeathNotification.objects.values_list("to", flat=True)) == set(NotificationTo.values)
        assert Task.objects.filter(client=death.client, assigned_to=officer).count() == len(NotificationTo.values) + 1
        assert "East Sussex 24 002 429" in death.keys_task.details

    def test_twice_is_refused(self, death, officer):
        with pytest.raises(ApplicationError, match="already recorded"):
            services.death_record(acting_user=officer, client=death.client, died_on=DIED, notified_on=DIED,
                                  notified_how=NotifiedHow.HOSPITAL)

    @pytest.mark.parametrize("bad, message", [
        ({"died_on": TODAY + dt.timedelta(days=1)}, "future"),
        ({"notified_on": DIED - dt.timedelta(days=1)}, "before the date of death"),
        ({"notified_how": "pigeon"}, "how the council was told"),
    ])
    def test_bad_input_changes_nothing(self, officer, north_client, deputy, bad, message):
        fields = {"died_on": DIED, "notified_on": DIED, "notified_how": NotifiedHow.CARE_HOME, **bad}
        with pytest.raises(ApplicationError, match=message):
            services.death_record(acting_user=officer, client=north_client, **fields)
        assert not Death.objects.exists() and not Task.objects.exists()
        deputy.refresh_from_db()
        assert deputy.ends_on is None


@pytest.mark.django_db
class TestFrozenAccount:
    def test_alive_every_payment_may_be_made(self, north_client):
        assert payment_allowed_after_death(client=north_client, category=MoneyOutCategory.CARE_FEES,
                                           amount=Decimal("10")).allowed

    def test_after_death_ordinary_payments_are_refused(self, death):
        decision = payment_allowed_after_death(client=death.client, category=MoneyOutCategory.CARE_FEES,
                                               amount=Decimal("10"))
        assert not decision.allowed and "frozen" in decision.reason

    def test_funeral_costs_need_a_consent_and_stay_within_it(self, death, officer):
        assert not payment_allowed_after_death(client=death.client, category=FUNERAL_COSTS, amount=Decimal("1")).allowed
        consent = services.funeral_consent_record(acting_user=officer, death=death, consented_by="Ann Smith",
                                                  consented_on=TODAY, funeral_director="Co-op Funeralcare",
                                                  amount=Decimal("900.00"))
        payment = services.funeral_cost_pay(acting_user=officer, consent=consent, amount=Decimal("600.00"),
                                            effective_date=TODAY, reference="INV-1", idempotency_key="funeral:1")
        assert payment.status == "posted" and payment.payee == "Co-op Funeralcare"
        assert services.funeral_cost_pay(acting_user=officer, consent=consent, amount=Decimal("600.00"),
                                         effective_date=TODAY, reference="INV-1",
                                         idempotency_key="funeral:1") == payment
        with pytest.raises(ApplicationError, match="£300.00 more"):
            services.funeral_cost_pay(acting_user=officer, consent=consent, amount=Decimal("300.01"),
                                      effective_date=TODAY, reference="INV-2", idempotency_key="funeral:2")
        assert Payment.objects.count() == 1
        assert available_funds(client=death.client) == Decimal("2400.00")

    def test_the_estate_is_released_once_on_a_grant(self, death, officer, team_leader):
        assert not payment_allowed_after_death(client=death.client, category=ESTATE_RELEASE,
                                               amount=Decimal("1")).allowed
        with pytest.raises(ApplicationError, match="grant"):
            services.estate_release(acting_user=officer, death=death, released_on=TODAY)
        grant = services.grant_record(acting_user=officer, death=death, kind=GrantKind.PROBATE, issued_on=TODAY,
                                      reference="PRB-123", granted_to="Ann Smith")
        with pytest.raises(ApplicationError, match="already recorded"):
            services.grant_record(acting_user=officer, death=death, kind=GrantKind.PROBATE, issued_on=TODAY,
                                  reference="PRB-124", granted_to="Ann Smith")
        release = services.estate_release(acting_user=officer, death=death, released_on=TODAY)
        assert release.amount == Decimal("3000.00") and release.paid_to == "Ann Smith" and release.grant == grant
        assert release.payment.category == MoneyOutCategory.TRANSFERS_OUT
        # Over the second-person limit, the payment waits for another officer.
        client_money.payment_hold_release(acting_user=team_leader, hold=release.payment)
        assert available_funds(client=death.client) == 0
        assert services.estate_release(acting_user=officer, death=death, released_on=TODAY) == release
        assert EstateRelease.objects.count() == 1 and Payment.objects.count() == 1

    def test_a_grant_dated_before_the_death_is_refused(self, death, officer):
        with pytest.raises(ApplicationError, match="between the death and today"):
            services.grant_record(acting_user=officer, death=death, kind=GrantKind.ADMINISTRATION,
                                  issued_on=DIED - dt.timedelta(days=1), reference="X", granted_to="Y")
        assert not Grant.objects.exists()


@pytest.mark.django_db
def test_the_final_account_balances_against_the_ledger(death, officer):
    consent = services.funeral_consent_record(acting_user=officer, death=death, consented_by="Ann Smith",
                                              consented_on=TODAY, funeral_director="Co-op", amount=Decimal("500"))
    services.funeral_cost_pay(acting_user=officer, consent=consent, amount=Decimal("450.00"), effective_date=TODAY,
                              reference="F1", idempotency_key="funeral:final")
    account = services.final_account_prepare(acting_user=officer, death=death)
    assert account.balance_at_death == Decimal("3000.00")
    assert account.money_out_since == Decimal("450.00") and account.money_in_since == 0
    assert account.balance_now == Decimal("2550.00") == available_funds(client=death.client)
    assert services.final_account_prepare(acting_user=officer, death=death) == account


@pytest.mark.django_db
class TestBonaVacantia:
    def _decide(self, officer, death, **kwargs):
        fields = dict(refer=True, valid_will=False, known_entitled_relatives=False, grant_issued=False,
                      gross_estate=Decimal("3000.00"), funeral_and_debts=Decimal("1200.00"))
        fields.update(kwargs)
        return services.bona_vacantia_decide(acting_user=officer, death=death, **fields)

    def test_referred_when_every_criterion_is_met(self, death, officer):
        decision = self._decide(officer, death)
        assert decision.refer and "BV1A" in decision.reasons

    @pytest.mark.parametrize("facts, message", [
        ({"valid_will": True}, "valid will"),
        ({"known_entitled_relatives": True}, "entitled relatives"),
        ({"grant_issued": True}, "already been issued"),
        ({"funeral_and_debts": Decimal("2500.01")}, "below the division's £500.00"),
        ({"funeral_and_debts": Decimal("3000.01")}, "insolvent"),
    ])
    def test_a_referral_the_division_would_refuse_is_refused(self, death, officer, facts, message):
        with pytest.raises(ApplicationError, match=message):
            self._decide(officer, death, **facts)
        assert not BonaVacantiaDecision.objects.exists()
        decision = self._decide(officer, death, refer=False, **facts)
        assert not decision.refer and message.split()[0] in decision.reasons

    def test_exactly_500_net_may_be_referred(self, death, officer):
        assert self._decide(officer, death, funeral_and_debts=Decimal("2500.00")).refer

    def test_not_referring_an_eligible_estate_needs_a_reason(self, death, officer):
        with pytest.raises(ApplicationError, match="say why"):
            self._decide(officer, death, refer=False)
        decision = self._decide(officer, death, refer=False, reason="A cousin has come forward.")
        assert decision.reasons == "Not referred: A cousin has come forward."
