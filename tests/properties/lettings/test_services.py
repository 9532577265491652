import datetime as dt
from decimal import Decimal

import pytest

from properties.lettings.choices import CertificateKind, ReminderKind, RentFrequency
from properties.lettings.models import CertificateReminder
from properties.lettings.selectors import rent_account
from properties.lettings.services import (
    certificate_record, certificate_reminders_create, deposit_unprotected, rent_receipt_record, rent_review_record,
    tenancy_start,
)
from properties.register.choices import Occupancy
from properties.register.services import PropertyError


def _certificates(home, user, today, *, gas_days_ago=30, epc="D"):
    certificate_record(acting_user=user, home=home, kind=CertificateKind.GAS,
                       checked_on=today - dt.timedelta(days=gas_days_ago), engineer="Gas Safe 123456")
    certificate_record(acting_user=user, home=home, kind=CertificateKind.EICR, checked_on=today - dt.timedelta(days=100))
    certificate_record(acting_user=user, home=home, kind=CertificateKind.EPC, checked_on=today - dt.timedelta(days=100),
                       rating=epc)


def _let(home, user, today, **kwargs):
    values = dict(tenant="Jo Bloggs", rent=Decimal("750"), rent_frequency=RentFrequency.MONTHLY,
                  starts_on=today - dt.timedelta(days=65), deposit=Decimal("865"),
                  deposit_received_on=today - dt.timedelta(days=65))
    values.update(kwargs)
    return tenancy_start(acting_user=user, home=home, **values)


def test_a_tenancy_is_refused_without_certificates_with_the_reasons(home, prop_officer, today):
    with pytest.raises(PropertyError) as refused:
        _let(home, prop_officer, today)
    assert "gas safety" in refused.value.message and "electrical" in refused.value.message
    assert not home.tenancies.exists()


def test_an_f_rated_home_cannot_be_let(home, prop_officer, today):
    _certificates(home, prop_officer, today, gas_days_ago=90, epc="F")
    with pytest.raises(PropertyError, match="F or G"):
        _let(home, prop_officer, today, starts_on=today)


def test_no_gas_check_is_needed_without_gas(home, prop_officer, today):
    home.has_gas_supply = False
    home.save()
    certificate_record(acting_user=prop_officer, home=home, kind=CertificateKind.EICR, checked_on=today)
    certificate_record(acting_user=prop_officer, home=home, kind=CertificateKind.EPC, checked_on=today, rating="E")
    assert _let(home, prop_officer, today, starts_on=today).home == home


def test_rent_arrears_against_receipts_into_the_clients_money(home, prop_officer, officer, today):
    _certificates(home, prop_officer, today, gas_days_ago=90)
    tenancy = _let(home, prop_officer, today)
    home.refresh_from_db()
    assert home.occupancy == Occupancy.LET
    account = rent_account(tenancy=tenancy)
    assert len(account.due) == 3 and account.arrears == Decimal("2250")
    # The client affairs officer who keeps the client's money records the rent; once per key.
    rent_receipt_record(acting_user=officer, tenancy=tenancy, amount=Decimal("750"), received_on=today, idempotency_key="a")
    rent_receipt_record(acting_user=officer, tenancy=tenancy, amount=Decimal("750"), received_on=today, idempotency_key="a")
    assert rent_account(tenancy=tenancy).arrears == Decimal("1500")
    assert tenancy.receipts.get().transaction.category == "rental_income"
    assert deposit_unprotected(tenancy, on=today)


def test_a_rent_below_market_needs_a_reason(home, prop_officer, today):
    _certificates(home, prop_officer, today, gas_days_ago=90)
    tenancy = _let(home, prop_officer, today)
    with pytest.raises(PropertyError, match="below the market"):
        rent_review_record(acting_user=prop_officer, tenancy=tenancy, reviewed_on=today, market_rent=Decimal("800"),
                           new_rent=Decimal("760"))
    rent_review_record(acting_user=prop_officer, tenancy=tenancy, reviewed_on=today, market_rent=Decimal("800"),
                       new_rent=Decimal("800"))
    assert rent_account(tenancy=tenancy).due[-1][1] == Decimal("750")  # the review applies from its date


def test_reminders_for_expiry_and_copy_to_tenant_once(home, prop_officer, today):
    _certificates(home, prop_officer, today, gas_days_ago=350)  # gas runs out in about 15 days
    _let(home, prop_officer, today, starts_on=today - dt.timedelta(days=10))
    made = certificate_reminders_create(on=today)
    assert made[ReminderKind.EXPIRY] == 1 and made[ReminderKind.COPY] == 2
    assert certificate_reminders_create(on=today) == {"expiry": 0, "copy": 0, "remedial": 0}
    assert CertificateReminder.objects.get(kind="expiry").certificate.kind == CertificateKind.GAS
