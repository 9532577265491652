"""Prepaid cards: the agreement before a care provider holds a card, the weekly top-up (exactly once, to
the agreed level, through client money) and the card statement import (whole, all or nothing, once)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError
from core.models import JobRun
from deputyship.cards import services
from deputyship.cards.choices import CardHolder, TopUpStatus
from deputyship.cards.models import CardSpend, CardStatementImport, CardTopUp, PrepaidCard
from deputyship.cards.tasks import card_topups_for
from ledger.choices import MoneyOutCategory
from ledger.models import Payment
from ledger.selectors import available_funds
from people.models import Task

TODAY = dt.date.today()
MONDAY = services.week_of(TODAY)


@pytest.fixture
def agreement(officer, north_client):
    return services.money_management_agreement_record(
        acting_user=officer, client=north_client, third_party="Oakwood Care Home",
        signed_on=TODAY - dt.timedelta(days=10),
        review_on=TODAY + dt.timedelta(days=355))


def _card(officer, client, **kwargs):
    fields = dict(provider="Allpay", last_four="1234", holder=CardHolder.CLIENT, weekly_spend=Decimal("40.00"),
                  issued_on=TODAY - dt.timedelta(days=7))
    fields.update(kwargs)
    return services.prepaid_card_issue(acting_user=officer, client=client, **fields)


@pytest.mark.django_db
class TestIssue:
    def test_a_care_provider_holds_a_card_only_under_an_agreement(self, officer, north_client):
        with pytest.raises(ApplicationError, match="money management agreement"):
            _card(officer, north_client, holder=CardHolder.CARE_PROVIDER, holder_name="Oakwood Care Home")
        assert not PrepaidCard.objects.exists()

    def test_with_the_agreement_it_is_recorded(self, officer, north_client, agreement):
        card = _card(officer, north_client, holder=CardHolder.CARE_PROVIDER, holder_name="Oakwood Care Home",
                     agreement=agreement)
        assert card.agreement == agreement and card.weekly_spend == Decimal("40.00")
        assert card.history.first().history_change_reason.startswith("Prepaid card issued")

    def test_the_database_refuses_a_care_provider_card_without_an_agreement(self, officer, north_client):
        card = _card(officer, north_client)
        card.holder, card.holder_name = CardHolder.CARE_PROVIDER, "Oakwood"
        with pytest.raises(IntegrityError, match="prepaid_card_provider_has_agreement"), transaction.atomic():
            card.save()

    def test_an_agreement_signed_after_the_card_was_given_does_not_count(self, officer, north_client):
        late = services.money_management_agreement_record(
            acting_user=officer, client=north_client, third_party="Oakwood", signed_on=TODAY,
            review_on=TODAY + dt.timedelta(days=30))
        with pytest.raises(ApplicationError, match="not in force"):
            _card(officer, north_client, holder=CardHolder.CARE_PROVIDER, holder_name="Oakwood", agreement=late)

    @pytest.mark.parametrize("bad, message", [
        ({"last_four": "12a4"}, "last four digits"), ({"last_four": "12345"}, "last four digits"),
        ({"weekly_spend": Decimal("0")}, "more than £0.00"), ({"weekly_spend": 40.0}, "never a float"),
        ({"weekly_spend": "12.345"}, "pounds and pence"), ({"holder": CardHolder.CARER}, "name of the carer"),
        ({"issued_on": TODAY + dt.timedelta(days=1)}, "future"), ({"provider": " "}, "card provider"),
    ])
    def test_bad_input_changes_nothing(self, officer, north_client, bad, message):
        with pytest.raises(ApplicationError, match=message):
            _card(officer, north_client, **bad)
        assert not PrepaidCard.objects.exists()

    def test_one_card_in_use_at_a_time(self, officer, north_client):
        _card(officer, north_client)
        with pytest.raises(ApplicationError, match="already has a card"):
            _card(officer, north_client, last_four="9999")

    def test_the_agreement_review_must_follow_signing(self, officer, north_client):
        with pytest.raises(ApplicationError, match="review date"):
            services.money_management_agreement_record(acting_user=officer, client=north_client, third_party="X",
                                                       signed_on=TODAY, review_on=TODAY)

    def test_another_team_cannot_record_a_card(self, other_officer, north_client):
        with pytest.raises(ApplicationError):
            _card(other_officer, north_client)
        assert not PrepaidCard.objects.exists()


@pytest.mark.django_db
class TestWeeklyTopUp:
    def test_tops_up_to_the_agreed_level_once_a_week(self, officer, north_client, fund):
        fund(north_client, "500.00")
        card = _card(officer, north_client)
        services.card_balance_record(acting_user=officer, card=card, balance=Decimal("12.50"), on=TODAY)
        run = card_topups_for(TODAY)
        assert run.status == "succeeded" and run.summary["paid"] == 1
        topup = CardTopUp.objects.get(card=card)
        assert topup.amount == Decimal("27.50") and topup.status == TopUpStatus.PAID and topup.week_of == MONDAY
        payment = topup.payment
        assert payment.category == MoneyOutCategory.PERSONAL_ALLOWANCE and payment.amount == Decimal("27.50")
        assert payment.idempotency_key == f"card-topup:{card.pk}:{MONDAY.isoformat()}"
        assert available_funds(client=north_client) == Decimal("472.50")
        card.refresh_from_db()
        assert card.balance == Decimal("40.00")
        # The same week again, by the job or by the service directly: nothing more.
        assert card_topups_for(TODAY + dt.timedelta(days=(6 - TODAY.weekday()))).attempts == 1
        assert services.card_topups_run(on=TODAY) == {"paid": 0, "held": 0, "not_needed": 0, "refused": 0}
        assert CardTopUp.objects.count() == 1 and Payment.objects.count() == 1
        assert JobRun.objects.filter(job="deputyship-card-topups").count() == 1

    def test_a_card_at_the_level_needs_no_top_up(self, officer, north_client, fund):
        fund(north_client, "100.00")
        card = _card(officer, north_client)
        services.card_balance_record(acting_user=officer, card=card, balance=Decimal("45.00"), on=TODAY)
        assert services.card_topups_run(on=TODAY)["not_needed"] == 1
        assert CardTopUp.objects.get().amount == 0 and not Payment.objects.exists()

    def test_not_enough_money_is_refused_with_a_task_and_not_retried(self, officer, north_client, fund):
        fund(north_client, "10.00")
        card = _card(officer, north_client)
        assert services.card_topups_run(on=TODAY)["refused"] == 1
        topup = CardTopUp.objects.get(card=card)
        assert topup.status == TopUpStatus.REFUSED and "overdraw" in topup.note
        assert Task.objects.filter(pk=topup.task_id, assigned_to=officer).exists()
        assert not Payment.objects.exists() and available_funds(client=north_client) == Decimal("10.00")
        assert services.card_topups_run(on=TODAY)["refused"] == 0

    def test_next_week_tops_up_again_from_the_balance_recorded(self, officer, north_client, fund):
        fund(north_client, "500.00")
        card = _card(officer, north_client, issued_on=TODAY - dt.timedelta(days=14))
        services.card_topups_run(on=TODAY - dt.timedelta(days=7))
        services.card_balance_record(acting_user=officer, card=card, balance=Decimal("5.00"), on=TODAY)
        services.card_topups_run(on=TODAY)
        assert list(CardTopUp.objects.order_by("week_of").values_list("amount", flat=True)) == [
            Decimal("40.00"), Decimal("35.00")]

    def test_a_crash_half_way_leaves_the_rest_to_the_rerun(self, officer, north_client, fund, north_team):
        from tests.factories import ClientFactory

        second = ClientFactory(team=north_team, team__officer=officer)
        fund(north_client, "100.00")
        fund(second, "100.00")
        _card(officer, north_client)
        _card(officer, second, last_four="5678")
        first = PrepaidCard.objects.order_by("pk").first()
        services._topup_one(first, MONDAY, services.TopUpRun())  # the first card done before the crash
        assert services.card_topups_run(on=TODAY)["paid"] == 1
        assert CardTopUp.objects.count() == 2 and Payment.objects.count() == 2

    def test_an_ended_card_is_not_topped_up(self, officer, north_client, fund):
        fund(north_client, "100.00")
        card = _card(officer, north_client)
        services.prepaid_card_end(acting_user=officer, card=card, ended_on=TODAY, reason="Card lost")
        assert services.card_topups_run(on=TODAY)["paid"] == 0 and not CardTopUp.objects.exists()


STATEMENT = (b"Date,Description,Amount,Balance\n"
             + f"{(TODAY - dt.timedelta(days=3)):%d/%m/%Y},Opening,40.00,40.00\n".encode()
             + f"{(TODAY - dt.timedelta(days=2)):%d/%m/%Y},Corner shop,-12.40,27.60\n".encode()
             + f"{(TODAY - dt.timedelta(days=1)):%d/%m/%Y},Hairdresser,-15.00,12.60\n".encode())


@pytest.mark.django_db
class TestStatementImport:
    def test_records_the_spending_against_the_client_once(self, officer, north_client):
        card = _card(officer, north_client)
        statement = services.card_statement_import(acting_user=officer, card=card, filename="s.csv", content=STATEMENT)
        assert statement.lines == 3 and statement.spent == Decimal("27.40") and statement.loaded == Decimal("40.00")
        assert list(CardSpend.objects.filter(client=north_client).values_list("amount", flat=True)) == [
            Decimal("40.00"), Decimal("-12.40"), Decimal("-15.00")]
        card.refresh_from_db()
        assert card.balance == Decimal("12.60")
        again = services.card_statement_import(acting_user=officer, card=card, filename="s.csv", content=STATEMENT)
        assert again.pk == statement.pk and CardSpend.objects.count() == 3

    @pytest.mark.parametrize("content, message", [
        (b"", "empty"),
        (b"When,What,How much,Left\n01/01/2025,x,1.00,1.00\n", "headings"),
        (b"Date,Description,Amount,Balance\n", "no statement lines"),
        (STATEMENT + b"32/01/2025,Bad date,-1.00,11.60\n", "Line 5"),
        (STATEMENT.replace(b"12.60", b"12.00"), "not the previous balance"),
        (STATEMENT.replace(b"-15.00", b"-15.001"), "pounds and pence"),
        (STATEMENT + b"01/01/2020,Shop,-1.00\n", "expected 4 columns"),
        (b"\xff\xfe\x00", "not text"),
    ])
    def test_a_bad_file_is_refused_whole(self, officer, north_client, content, message):
        card = _card(officer, north_client)
        with pytest.raises(ApplicationError, match=message):
            services.card_statement_import(acting_user=officer, card=card, filename="s.csv", content=content)
        assert not CardStatementImport.objects.exists() and not CardSpend.objects.exists()
        card.refresh_from_db()
        assert card.balance == 0
