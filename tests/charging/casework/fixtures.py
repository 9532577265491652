"""Fixtures for the top-up, appeal and referral tests: the charging client's daughter as a contact,
a top-up agreement signed and active, and row counts of every table the casework services write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from charging.casework.services import topups
from charging.casework.models import Appeal, DeprivationDecision, Referral, TopUpAgreement, TopUpInvoice
from people.models import Note, Task
from people.selectors import today
from tests.factories import ClientContactFactory, ContactFactory

D = Decimal
AUDITED = [TopUpAgreement, TopUpInvoice, Appeal, DeprivationDecision, Referral, Task, Note]


def row_counts() -> dict[str, tuple[int, int]]:
    """(rows, history rows) of every table the casework services write."""
    return {m.__name__: (m.objects.count(), m.history.count()) for m in AUDITED}


@pytest.fixture
def daughter(charging_client):
    contact = ContactFactory(name="Helen Pemberton")
    ClientContactFactory(client=charging_client, contact=contact, description="Daughter")
    return contact


@pytest.fixture
def agreement(charging_client, daughter, other_officer):
    """Helen pays a £75.50 weekly top-up at Beech House from 8 weeks ago; the agreement is signed."""
    start = today() - dt.timedelta(weeks=8)
    made = topups.topup_agreement_create(
        acting_user=other_officer, client=charging_client, payer_kind="third_party", payer=daughter,
        weekly_amount="75.50", start_date=start, provider_name="Beech House Care Home",
    )
    return topups.topup_agreement_sign(acting_user=other_officer, agreement=made, signed_on=start)
