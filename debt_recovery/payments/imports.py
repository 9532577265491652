"""Importing the council's payment files: the card processor's and the cash-receipting networks'
(PayPoint, Post Office, AllPay) exports of what was paid to the council, read through the statement
layouts of :mod:`ledger.statements` (each file's columns mapped once by a team leader, as for a bank
whose export is not built in: see docs/decisions.md, "Payment files", for why none is built in).

The file is read and checked whole before anything is written; any bad line refuses the whole file
and nothing changes. The same file again (by its SHA-256) changes nothing. Each line is a payment by
the debtor its reference names (the debtor reference, D000123, in the reference or the description),
allocated by the rule in force; a line naming no debtor goes to suspense to be allocated later.
"""

from __future__ import annotations

import hashlib
import re

from django.db import transaction

from core.exceptions import ApplicationError
from core.history import save_attributed
from core.rules import require
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.payments.choices import Method
from debt_recovery.payments.models import PaymentFile
from debt_recovery.payments.services import _payment_post, suspense_receipt_record
from ledger.money import ZERO
from ledger.statements.csv_reader import read_csv
from ledger.statements.custom import saved_layouts

#: The most lines one file may hold, and the most bad lines listed when refusing one.
MAX_LINES = 20_000
MAX_ERRORS = 200
#: A debtor reference as the council issues it (debt_recovery.accounts.services: D and six digits).
DEBTOR_REFERENCE = re.compile(r"\bD\d{6}\b", re.IGNORECASE)


class PaymentFileError(ApplicationError):
    code = "invalid_payment_file"


def _debtor_reference(line) -> str | None:
    for text in (line.reference, line.description):
        found = DEBTOR_REFERENCE.search(text or "")
        if found:
            return found.group(0).upper()
    return None


def payment_file_import(*, acting_user, file_name: str, content: bytes, method: str, layouts=None) -> PaymentFile:
    """Import one payment file, all of it or none. ``layouts`` are the layouts to recognise it by (the
    mapped layouts by default)."""
    require(acting_user, "debt_recovery.payment_suspense")
    if method not in Method.values or method in (Method.DIRECT_DEBIT, Method.CHEQUE):
        raise PaymentFileError("Choose the kind of payments the file holds (card, or cash at an outlet).",
                               extra={"method": ["Choose card or outlet payments."]})
    sha = hashlib.sha256(content).hexdigest()
    existing = PaymentFile.objects.filter(sha256=sha).first()
    if existing is not None:
        return existing
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PaymentFileError("The file is not text in UTF-8: export it again as CSV.") from None
    parsed = read_csv(text, sha256=sha, max_lines=MAX_LINES, max_errors=MAX_ERRORS,
                      layouts=tuple(layouts) if layouts is not None else saved_layouts())
    refunds = [line.line_number for line in parsed.lines if line.amount <= 0]
    if refunds:
        raise PaymentFileError(
            "The file has lines that are not money received (refunds or reversals): reverse those payments one "
            "by one instead. Nothing has been imported.",
            extra={"errors": [{"line": n, "message": "Not money received."} for n in refunds[:MAX_ERRORS]]})
    references = {ref for ref in (_debtor_reference(line) for line in parsed.lines) if ref}
    debtors = {d.reference.upper(): d for d in DebtorAccount.objects.filter(reference__in=references, status="open")
               .select_related("ledger_account")}
    matched = suspense = 0
    total = ZERO
    with transaction.atomic():
        for line in parsed.lines:
            key = f"file:{sha}:{line.line_number}"
            debtor = debtors.get(_debtor_reference(line) or "")
            reference = (line.reference or line.description)[:100]
            if debtor is not None:
                _payment_post(acting_user=acting_user, debtor=debtor, amount=line.amount, method=method,
                              received_on=line.date, reference=reference, note=f"From {file_name}, line "
                              f"{line.line_number}", idempotency_key=key)
                matched += 1
            else:
                suspense_receipt_record(acting_user=acting_user, amount=line.amount, method=method,
                                        received_on=line.date, reference=reference, payer=line.description[:200],
                                        note=f"From {file_name}, line {line.line_number}", idempotency_key=key)
                suspense += 1
            total += line.amount
        record = PaymentFile(file_name=file_name[:255], sha256=sha, layout=str(parsed.layout.label)[:200],
                             method=method, lines_total=matched + suspense, lines_matched=matched,
                             lines_suspense=suspense, total=total, imported_by=acting_user)
        save_attributed(record, user=acting_user, reason=f"Payment file {file_name} imported")
    return record
