"""The figures a county court claim and its enforcement are checked and costed against. Pure: no ORM.

Money Claim Online (HMCTS), as ``debt_recovery.md`` gives it: a claim for a fixed amount under £100,000,
against at most two defendants, with particulars of claim of at most 1,080 characters. HMCTS's own
guidance: "Money Claim Online (MCOL) - User Guide for Claimants" (version 12.18, www.moneyclaim.gov.uk;
"a relatively simple way to commence a county court claim for a fixed amount of money"), and the
government's "Making an online court claim for money" (Directgov, now gov.uk "Make a court claim for
money"): "for a fixed amount less than £100,000" and "against no more than two people or organisations".
The 1,080-character limit on the particulars was not found in the HMCTS text reached by the reference
search; it is stated by svlegal.co.uk, "Moneyclaim Online" (January 2023: "a maximum 1080 characters,
including spaces") and AboutSmallClaims.co.uk ("a maximum of 1080 characters over 24 lines").

Enforcement agents' fees: the Taking Control of Goods (Fees) Regulations 2014 (SI 2014/1,
legislation.gov.uk/uksi/2014/1: regulation 4 and the Schedule, the percentage fee by regulation 7), as
``debt_recovery.md`` gives them and Swale Borough Council's "Taking control of goods regulations" page sets
them out: compliance stage £75; enforcement stage £235 plus 7.5% of the sum to be recovered over £1,500;
sale or disposal stage £110 plus 7.5% of the sum to be recovered over £1,500. The sum equivalent to VAT that
the 2021 amendment (SI 2021/1288) lets an agent add where the creditor is not VAT-registered is not shown.

Limitation: Care Act 2014 s.69(1), a sum is recoverable as a debt within six years of the date it
became due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MCOL_AMOUNT_BELOW = Decimal("100000.00")
MCOL_MAX_DEFENDANTS = 2
MCOL_PARTICULARS_MAX = 1080

COMPLIANCE_FEE = Decimal("75.00")
ENFORCEMENT_FEE = Decimal("235.00")
SALE_FEE = Decimal("110.00")
PERCENTAGE_OVER = Decimal("1500.00")
PERCENTAGE = Decimal("0.075")

LIMITATION_YEARS = 6


def mcol_problems(*, amount: Decimal, defendants: list[str], particulars: str) -> dict[str, list[str]]:
    """What stops the claim going through Money Claim Online, by field; empty when it fits."""
    problems: dict[str, list[str]] = {}
    if amount <= 0:
        problems["amount"] = ["There is nothing to claim."]
    elif amount >= MCOL_AMOUNT_BELOW:
        problems["amount"] = [f"Money Claim Online takes claims under £{MCOL_AMOUNT_BELOW:,.0f}: this is "
                              f"£{amount:,}."]
    named = [d for d in defendants if d.strip()]
    if not named:
        problems["defendants"] = ["Name the defendant."]
    elif len(named) > MCOL_MAX_DEFENDANTS:
        problems["defendants"] = [f"Money Claim Online takes at most {MCOL_MAX_DEFENDANTS} defendants."]
    text = particulars.strip()
    if not text:
        problems["particulars"] = ["Write the particulars of claim."]
    elif len(text) > MCOL_PARTICULARS_MAX:
        problems["particulars"] = [f"Particulars of claim must be {MCOL_PARTICULARS_MAX:,} characters or fewer "
                                   f"(including spaces) for Money Claim Online: these are {len(text):,}."]
    return problems


@dataclass(frozen=True)
class FeeLine:
    stage: str
    fee: Decimal
    working: str


def _pence(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def enforcement_agent_fees(sum_to_recover: Decimal) -> list[FeeLine]:
    """Each stage's fee for a sum to be recovered, with its working (the Taking Control of Goods (Fees)
    Regulations 2014, Schedule)."""
    over = max(sum_to_recover - PERCENTAGE_OVER, Decimal("0"))
    extra = _pence(over * PERCENTAGE)
    tail = f" + 7.5% of £{over:,} over £{PERCENTAGE_OVER:,.0f} (£{extra:,})" if over else ""
    return [
        FeeLine("Compliance stage", COMPLIANCE_FEE, f"£{COMPLIANCE_FEE:,} fixed"),
        FeeLine("Enforcement stage", ENFORCEMENT_FEE + extra, f"£{ENFORCEMENT_FEE:,}{tail}"),
        FeeLine("Sale or disposal stage", SALE_FEE + extra, f"£{SALE_FEE:,}{tail}"),
    ]


def limitation_date(fell_due: dt.date) -> dt.date:
    """The last day a sum that fell due on ``fell_due`` may be recovered as a debt: six years on
    (29 February falls back to 28 February)."""
    try:
        return fell_due.replace(year=fell_due.year + LIMITATION_YEARS)
    except ValueError:
        return fell_due.replace(year=fell_due.year + LIMITATION_YEARS, day=28)
