"""National figures the rates table does not hold yet because no primary document for them has been
read (``docs/national-rates.md``, "Not found"). An assessment that needs one is refused with a message
naming the figure, and the uplift page lists them.

This register exists so that the completeness test (tests/charging/rates/test_completeness.py) still
fails the build on any *new* gap, and fails again once a listed figure is entered, so that the entry is
removed here. Never add to it to make a test pass: add the figure, with its source.
"""

from __future__ import annotations

_MIG_PREMIUMS = (
    "MIG_DISABILITY_PREMIUM_SINGLE",
    "MIG_DISABILITY_PREMIUM_COUPLE",
    "MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE",
    "MIG_ENHANCED_DISABILITY_PREMIUM_COUPLE",
)

# Charging year (the year its uprating day falls in) -> the codes with no sourced figure in that year.
NOT_YET_SOURCED: dict[int, frozenset[str]] = {
    2023: frozenset({"MIG_COUPLE_18_PLUS", "MIG_COUPLE_PCA", *_MIG_PREMIUMS}),
    2024: frozenset({"MIG_COUPLE_18_PLUS", *_MIG_PREMIUMS}),
    2025: frozenset({
        "SAVINGS_CREDIT_DISREGARD_SINGLE", "SAVINGS_CREDIT_DISREGARD_COUPLE",
        "MIG_DISABILITY_PREMIUM_COUPLE", "MIG_ENHANCED_DISABILITY_PREMIUM_COUPLE",
        "MIG_CARER_PREMIUM", "MIG_DEPENDENT_CHILD",
    }),
    2026: frozenset({
        "SAVINGS_CREDIT_DISREGARD_SINGLE", "SAVINGS_CREDIT_DISREGARD_COUPLE",
        "MIG_COUPLE_18_PLUS", "MIG_COUPLE_PCA", *_MIG_PREMIUMS, "MIG_CARER_PREMIUM", "MIG_DEPENDENT_CHILD",
    }),
}
