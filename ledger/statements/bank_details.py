"""The pooled client bank account's own identifiers (sort code, account number, IBAN), recorded by a client
affairs team leader or an administrator so that a statement of another account is refused
(:mod:`ledger.statements.account_checks`). Each change is kept in the account's history with its reason.

Validation:

- a sort code is six digits and an account number eight (Pay.UK's standard for UK accounts; banks whose
  numbers are shorter pad them with leading zeros, so a seven-digit number must be entered with its zero);
- an IBAN is checked with the ISO 13616 check digits (MOD 97-10: move the first four characters to the end,
  letters as numbers A=10 ... Z=35, the whole number modulo 97 must be 1); a UK IBAN is 22 characters,
  ``GB``, two check digits, four letters of the bank's code, then the sort code and account number, which
  must be the ones recorded.

A payee's sort code and account number (a client's payment, a payment run's line) are also modulus checked
(:mod:`ledger.modulus`, Pay.UK's method and weight table): a pair that fails cannot be a real account and is
refused with :data:`MODULUS_MISMATCH`. A sort code the table does not cover cannot be checked and passes;
:func:`modulus_unchecked` says so where it is shown.
"""

from __future__ import annotations

import re

from django.db import transaction

from core.history import save_attributed
from core.rules import require
from ledger import modulus
from ledger.client_money import _pooled_bank
from ledger.models import Account
from ledger.statements.lines import refuse

_UK_IBAN = re.compile(r"^GB\d{2}[A-Z]{4}(\d{6})(\d{8})$")
_IBAN_SHAPE = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")


def compact(text: str) -> str:
    """Spaces and hyphens (as sort codes and IBANs are often written) taken out."""
    return re.sub(r"[\s-]", "", text or "").upper()


def iban_is_valid(iban: str) -> bool:
    """The ISO 13616 MOD 97-10 check of an IBAN (spaces ignored)."""
    text = compact(iban)
    if not _IBAN_SHAPE.match(text):
        return False
    moved = text[4:] + text[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def bank_details_problems(*, sort_code: str, account_number: str, iban: str) -> dict[str, str]:
    """What is wrong with the identifiers, by field (empty if they are good)."""
    problems: dict[str, str] = {}
    sort, number, iban = compact(sort_code), compact(account_number), compact(iban)
    if not re.fullmatch(r"\d{6}", sort):
        problems["sort_code"] = "Enter the sort code as 6 digits, like 60-00-00"
    if not re.fullmatch(r"\d{8}", number):
        problems["account_number"] = ("Enter the account number as 8 digits, like 12345678 (put a 0 in front of "
                                      "a 7-digit number)")
    if iban:
        if not iban_is_valid(iban):
            problems["iban"] = "Enter a real IBAN, like GB29 NWBK 6016 1331 9268 19: this one's check digits are wrong"
        elif iban.startswith("GB"):
            match = _UK_IBAN.match(iban)
            if match is None:
                problems["iban"] = "A UK IBAN is GB, 2 check digits, 4 letters, then the sort code and account number"
            elif not problems and (match.group(1), match.group(2)) != (sort, number):
                problems["iban"] = ("The IBAN is of another account: its sort code and account number must be the "
                                    "ones entered above")
    return problems


MODULUS_MISMATCH = "The sort code and account number do not match: check them with the payee"
MODULUS_UNCHECKED = ("The sort code is not in Pay.UK's modulus checking table, so the account number could not be "
                     "checked against it")


def payee_bank_details_problems(*, sort_code: str, account_number: str) -> dict[str, str]:
    """What is wrong with a payee's sort code and account number, by field: the format, then (when the format
    is good) the modulus check, whose failure is put on the account number."""
    problems = bank_details_problems(sort_code=sort_code, account_number=account_number, iban="")
    if not problems and not modulus.check(compact(sort_code), compact(account_number)).valid:
        problems["account_number"] = MODULUS_MISMATCH
    return problems


def modulus_unchecked(sort_code: str, account_number: str) -> bool:
    """``True`` when well-formed details have a sort code the modulus table does not cover, so they could not
    be checked (``False`` for details that are badly formed: their format is what is wrong)."""
    sort, number = compact(sort_code), compact(account_number)
    if bank_details_problems(sort_code=sort, account_number=number, iban=""):
        return False
    return not modulus.check(sort, number).covered


def bank_details_set(*, acting_user, sort_code: str, account_number: str, iban: str = "", reason: str) -> Account:
    """Records (or changes) the pooled client bank account's sort code, account number and IBAN, with the
    reason in its history. Bad details are refused and nothing changes."""
    require(acting_user, "ledger.manage_bank_details")
    reason = " ".join((reason or "").split())
    problems = bank_details_problems(sort_code=sort_code, account_number=account_number, iban=iban)
    if not reason:
        problems["reason"] = "Say why the bank details are being recorded or changed"
    if problems:
        raise refuse("The bank details were not saved: " + "; ".join(problems.values()) + ".",
                     code="invalid_bank_details", errors=[{"field": k, "problem": v} for k, v in problems.items()])
    with transaction.atomic():
        bank = Account.objects.select_for_update().get(pk=_pooled_bank(acting_user=acting_user).pk)
        new = (compact(sort_code), compact(account_number), compact(iban))
        if (bank.bank_sort_code, bank.bank_account_number, bank.bank_iban) == new:
            return bank  # nothing to change: no history row
        bank.bank_sort_code, bank.bank_account_number, bank.bank_iban = new
        save_attributed(bank, user=acting_user, reason=f"Bank details recorded: {reason}",
                        update_fields=["bank_sort_code", "bank_account_number", "bank_iban"])
    return bank
