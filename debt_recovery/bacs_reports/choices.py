"""The fixed lists of Bacs report import (each backed by a CHECK constraint), and the reason codes the
bank's reports carry, with what each means to the council.

Sources for the reason codes (the published lists agree):
- ``../shared/domain/debt_recovery.md`` (ARUDD and ADDACS codes and the actions the council takes);
- Access PaySuite, "ARUDD Reason Codes" (https://accesspaysuite.com/blog/arudd-reason-codes): 0 refer to
  payer, may re-present within one month of the original processing day with 5 working days' notice;
  4 advance notice disputed, collect nothing more until resolved;
- Numeral, "Bacs reason codes" (https://docs.numeral.io/reference/bacs-reason-codes): the AUDDIS, ADDACS
  and ARUDD codes and which report uses each;
- SlimPay, "BACS Payment Error Codes" (https://support.slimpay.com/hc/en-us/articles/360000269049).
"""

from django.db import models


class ReportKind(models.TextChoices):
    ARUDD = "arudd", "ARUDD (unpaid direct debits)"
    ADDACS = "addacs", "ADDACS (amendments and cancellations)"
    AUDDIS = "auddis", "AUDDIS (instructions rejected)"
    INPUT = "input", "Input report (file accepted or rejected by Bacs)"


class ItemOutcome(models.TextChoices):
    APPLIED = "applied", "Applied"
    ALREADY_DONE = "already_done", "Already processed: nothing changed"
    RECORDED = "recorded", "Recorded (nothing to change)"


#: ARUDD (Automated Return of Unpaid Direct Debit) reason codes.
ARUDD_REASONS = {
    "0": "Refer to payer",
    "1": "Instruction cancelled",
    "2": "Payer deceased",
    "3": "Account transferred",
    "4": "Advance notice disputed",
    "5": "No account (or wrong account type)",
    "6": "No instruction",
    "7": "Amount differs",
    "8": "Amount not yet due",
    "9": "Presentation overdue",
    "A": "Service user differs",
    "B": "Account closed",
}

#: ADDACS (Automated Direct Debit Amendment and Cancellation Service) reason codes.
ADDACS_REASONS = {
    "0": "Instruction cancelled: refer to payer",
    "1": "Instruction cancelled by payer",
    "2": "Payer deceased",
    "3": "Account transferred to another bank or building society",
    "B": "Account closed",
    "C": "Account transferred to another branch",
    "D": "Advance notice disputed",
    "E": "Instruction amended",
    "R": "Instruction reinstated",
}

#: AUDDIS (Automated Direct Debit Instruction Service) rejection reason codes.
AUDDIS_REASONS = {
    "1": "Instruction cancelled by payer",
    "2": "Payer deceased",
    "3": "Account transferred",
    "5": "No account",
    "6": "No instruction",
    "B": "Account closed",
    "C": "Account transferred to a different branch",
    "F": "Invalid account type",
    "G": "Bank will not accept direct debits on the account",
    "H": "Instruction has expired",
    "I": "Payer reference is not unique",
    "K": "Instruction cancelled by bank",
    "L": "Incorrect payer's account details",
    "M": "Transaction code / user status incompatible",
    "N": "Transaction disallowed at payer's branch",
    "O": "Invalid reference",
    "P": "Payer's name not present",
    "Q": "Service user name is blank",
}
