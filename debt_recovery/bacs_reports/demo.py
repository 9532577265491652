"""Bacs reports' part of ``manage.py seed_demo``, after the direct debits (``debt-recovery-direct-debits``):

- the bureau's ARUDD report for the latest direct debit collected: it came back "REFER TO PAYER", so
  the payment is reversed, the collection re-presented once with an advance notice (it is within a
  month of its processing day), and Dev has a task to ring the payer;
- an ADDACS advice for the second payer, who moved her account to another bank: the new sort code and
  account number are recorded and collecting continues.

Both are imported by Dev through the same service as the page, so the reports' pages show what each
item did. Run again it adds nothing: the step does nothing once any report exists.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr


def _arudd(*, sun: str, on, collection) -> bytes:
    m = collection.mandate
    item = (f'<ReturnedDebitItem ref={quoteattr(m.reference)} transCode="{collection.transaction_code}" '
            f'returnCode="0128" returnDescription="REFER TO PAYER" '
            f'originalProcessingDate="{collection.bacs_file.processing_date if collection.bacs_file else collection.due_on}" '
            f'valueOf="{collection.amount:.2f}" currency="GBP"><PayerAccount number="{m.account_number}" '
            f'ref={quoteattr(m.reference)} name={quoteattr(m.payer_name.upper())} sortCode="{m.sort_code_display}"/>'
            f'</ReturnedDebitItem>')
    return (f'<?xml version="1.0" encoding="UTF-8"?><BACSDocument><Data><ARUDD>'
            f'<Header reportType="REFT1234" adviceNumber="001" currentProcessingDate="{on}"/>'
            f'<ServiceLicenseInformation userName="COUNCIL" userNumber="{sun}"/><Advice><OriginatingAccountRecords>'
            f'<OriginatingAccountRecord>{item}<Totals numberOf="1" valueOf="{collection.amount:.2f}" currency="GBP"/>'
            f'</OriginatingAccountRecord></OriginatingAccountRecords></Advice></ARUDD></Data></BACSDocument>').encode()


def _addacs(*, sun: str, on, mandate) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><BACSDocument><Data><MessagingAdvices>'
            f'<MessagingHeader user-number="{sun}"/><MessagingAdvice user-number="{sun}" record-type="A" '
            f'reason-code="3" reference={quoteattr(mandate.reference)} payer-name={quoteattr(mandate.payer_name.upper())} '
            f'payer-new-sort-code="090128" payer-new-account-number="44719203" effective-date="{on}" aosn="000001"/>'
            f'</MessagingAdvices></Data></BACSDocument>').encode()


def seed_demo_step(run) -> dict[str, int]:
    from django.conf import settings

    from core.exceptions import ApplicationError
    from debt_recovery.bacs_reports.models import BacsReport
    from debt_recovery.bacs_reports.services import bacs_report_import
    from debt_recovery.directdebits.models import Collection, Mandate
    from debt_recovery.directdebits.workingdays import add_working_days

    made = {"bacs_reports": 0}
    if BacsReport.objects.exists():
        return made
    officer = run.made["users"]["dev"]
    sun = settings.DIRECT_DEBITS["SERVICE_USER_NUMBER"]
    collected = (Collection.objects.filter(status="collected", payment__isnull=False, represents__isnull=True)
                 .select_related("mandate", "bacs_file").order_by("-due_on", "-pk").first())
    reports = []
    if collected is not None:
        reports.append(("ARUDD.xml", _arudd(sun=sun, on=add_working_days(collected.due_on, 1), collection=collected)))
    other = Mandate.objects.filter(status="live").exclude(pk=collected.mandate_id if collected else None).order_by("pk").first()
    if other is not None:
        reports.append(("ADDACS.xml", _addacs(sun=sun, on=run.on, mandate=other)))
    for name, content in reports:
        try:
            bacs_report_import(acting_user=officer, content=content, filename=name)
        except ApplicationError:  # e.g. the demonstration has no such collection: leave it out
            continue
        made["bacs_reports"] += 1
    return made
