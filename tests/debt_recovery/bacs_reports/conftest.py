"""A debtor paying by direct debit: a live mandate, a collection sent to Bacs and collected as a payment
against a care charge, and builders for Bacs report files in the published XML structure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from debt_recovery.directdebits.choices import CollectionStatus, MandateStatus
from debt_recovery.directdebits.models import Collection
from debt_recovery.directdebits.services import mandate_create
from debt_recovery.directdebits.workingdays import add_working_days, next_working_day_on_or_after
from debt_recovery.payments.services import payment_record
from debt_recovery.services import debtor_account_open
from people.models import Address

SUN = settings.DIRECT_DEBITS["SERVICE_USER_NUMBER"]
#: Ten days ago or the working day after: the Bacs processing day of the collection; the money left
#: the payer's account the next working day; the ARUDD report came the working day after that.
PROCESSED = next_working_day_on_or_after(timezone.localdate() - dt.timedelta(days=10))
DUE = add_working_days(PROCESSED, 1)
REPORTED = add_working_days(DUE, 1)


@pytest.fixture
def debtor(debtor_client, debt_officer, ledger):
    Address.objects.create(client=debtor_client, line_1="4 Mill Lane", town="Anytown", postcode="AN1 4ML",
                           start_date=dt.date(2020, 1, 1))
    account = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Charges due")
    ledger.charge(account.ledger_account, "85.40", PROCESSED - dt.timedelta(days=28))
    return account


@pytest.fixture
def mandate(debtor, debt_officer):
    m = mandate_create(acting_user=debt_officer, debtor=debtor, payer_name="Norman Haworth", sort_code="30-94-57",
                       account_number="31926819", frequency="four_weekly", amount_basis="fixed",
                       regular_amount=Decimal("85.40"), signed_on=PROCESSED - dt.timedelta(days=40),
                       first_collection_on=DUE, reference="HAWORTH0001")
    # As the daily run leaves it once the AUDDIS file has lodged the instruction.
    type(m).objects.filter(pk=m.pk).update(status=MandateStatus.LIVE, auddis_state="new_lodged",
                                           lodged_on=PROCESSED - dt.timedelta(days=30))
    m.refresh_from_db()
    return m


@pytest.fixture
def collected(mandate, debt_officer):
    """The collection of £85.40 due on ``DUE``, recorded as a payment on its date."""
    payment = payment_record(acting_user=debt_officer, debtor=mandate.debtor, amount=Decimal("85.40"),
                             method="direct_debit", received_on=DUE, reference=mandate.reference,
                             idempotency_key="dd-collection-test")
    return Collection.objects.create(mandate=mandate, due_on=DUE, amount=Decimal("85.40"), transaction_code="17",
                                     status=CollectionStatus.COLLECTED, payment=payment)


def arudd(items, *, sun=SUN, on=REPORTED, totals=True) -> bytes:
    """An ARUDD advice: ``items`` are (reference, amount, returnCode, returnDescription, original date)."""
    rows = "".join(
        f'<ReturnedDebitItem ref="{ref}" transCode="17" returnCode="{code}" returnDescription="{words}" '
        f'originalProcessingDate="{orig}" valueOf="{amount}" currency="GBP">'
        f'<PayerAccount number="31926819" ref="{ref}" name="NORMAN HAWORTH" sortCode="30-94-57" '
        f'bankName="A BANK" branchName="ANYTOWN"/></ReturnedDebitItem>'
        for ref, amount, code, words, orig in items)
    total = sum((Decimal(str(i[1])) for i in items if str(i[1]).replace(".", "").isdigit()), Decimal("0"))
    totals_el = f'<Totals numberOf="{len(items)}" valueOf="{total:.2f}" currency="GBP"/>' if totals else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<BACSDocument xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            f'xsi:noNamespaceSchemaLocation="newbacs-advices.xsd"><Data><ARUDD>'
            f'<Header reportType="REFT1234" adviceNumber="001" currentProcessingDate="{on}"/>'
            f'<AddresseeInformation name="YOUR COUNCIL ASC"/>'
            f'<ServiceLicenseInformation userName="YOUR COUNCIL ASC" userNumber="{sun}"/>'
            f'<Advice><OriginatingAccountRecords><OriginatingAccountRecord>'
            f'<OriginatingAccount name="YOUR COUNCIL ASC" number="12345678" sortCode="20-00-00" type="0" '
            f'bankName="COUNCIL BANK" branchName="TOWN HALL"/>{rows}{totals_el}'
            f'</OriginatingAccountRecord></OriginatingAccountRecords></Advice></ARUDD></Data>'
            f'<SignatureMethod>Vanilla</SignatureMethod><Signature/></BACSDocument>').encode()


def messaging(advices, *, sun=SUN) -> bytes:
    """An ADDACS or AUDDIS report: ``advices`` are dicts of MessagingAdvice attributes."""
    rows = "".join("<MessagingAdvice " + " ".join(f'{k}="{v}"' for k, v in {"user-number": sun, **a}.items()) + "/>"
                   for a in advices)
    return (f'<?xml version="1.0" encoding="UTF-8"?><BACSDocument><Data><MessagingAdvices>'
            f'<MessagingHeader user-number="{sun}"/>{rows}</MessagingAdvices></Data></BACSDocument>').encode()


def input_report(errors, *, sun=SUN, on=PROCESSED, accepted="0.00") -> bytes:
    rows = "".join(f'<Error><ErrorItem reference="{ref}" valueOf="{amount}" transactionCode="17"/>'
                   f'<ErrorMessage type="{kind}">{text}</ErrorMessage></Error>' for ref, amount, kind, text in errors)
    return (f'<?xml version="1.0" encoding="UTF-8"?><BACSDocument><Data><InputReport>'
            f'<Header><ProcessingDate date="{on}"/></Header><Submission>'
            f'<SubmissionInformation volumeSerialNumber="263071"/><UserFile><InputUserFile>'
            f'<UserFileInformation userNumber="{sun}" userFileNumber="0001"/><Errors>{rows}</Errors>'
            f'<InputReportSummary><AccountTotals><AccountTotal><DebitEntry>'
            f'<AcceptedRecords numberOf="1" valueOf="{accepted}"/></DebitEntry></AccountTotal></AccountTotals>'
            f'</InputReportSummary></InputUserFile></UserFile></Submission></InputReport></Data></BACSDocument>').encode()
