"""The eligibility test for a deferred payment agreement: a pure function, no database.

Care and Support (Deferred Payment) Regulations 2014 (SI 2014/2671) reg 2 — the council must offer an
agreement where (https://www.legislation.gov.uk/uksi/2014/2671/regulation/2):

- the person's needs are to be met by the provision of care in a care home;
- they have a legal or beneficial interest in a property that is their main or only home, and its value
  is not disregarded under the charging regulations;
- their capital other than the home does not exceed the upper capital limit, £23,250 (Care and Support
  (Charging and Assessment of Resources) Regulations 2014 (SI 2014/2672) reg 12,
  https://www.legislation.gov.uk/uksi/2014/2672/regulation/12);
- the council is able to secure a first legal charge on the property (reg 2 and Statutory Guidance 9.14);
- the person agrees to the terms and conditions of the agreement.

Each test says whether it passes and why; an answer not yet given is "not known", which is not a pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Test:
    key: str
    question: str
    passed: bool | None  # None: not known yet
    why: str

    @property
    def outcome(self) -> str:
        return {True: "Pass", False: "Fail", None: "Not known"}[self.passed]


@dataclass(frozen=True)
class Eligibility:
    tests: list[Test]

    @property
    def eligible(self) -> bool:
        return all(t.passed is True for t in self.tests)

    @property
    def failed(self) -> list[Test]:
        return [t for t in self.tests if t.passed is False]

    @property
    def unknown(self) -> list[Test]:
        return [t for t in self.tests if t.passed is None]

    @property
    def summary(self) -> str:
        if self.eligible:
            return "Eligible: every test in regulation 2 is met."
        if self.failed:
            return "Not eligible: " + "; ".join(t.why for t in self.failed)
        return "Not yet known: " + "; ".join(t.question for t in self.unknown)


def _pounds(value: Decimal) -> str:
    return f"£{Decimal(value):,.2f}"


def eligibility(*, needs_met_in_care_home: bool | None, owns_main_or_only_home: bool | None,
                home_value_disregarded: bool | None, other_capital: Decimal | None, upper_capital_limit: Decimal,
                first_charge_possible: bool | None, agrees_to_terms: bool | None) -> Eligibility:
    """Each of regulation 2's tests, passed or failed (or not known yet), with the reason."""
    tests = []

    def add(key, question, answer, yes, no, unknown="Not answered yet."):
        tests.append(Test(key, question, answer, {True: yes, False: no, None: unknown}[answer]))

    add("care_home", "Are the person's needs to be met in a care home?", needs_met_in_care_home,
        "Their needs are to be met in a care home.",
        "Their needs are not to be met in a care home (reg 2: care home placements only).")
    if owns_main_or_only_home is False:
        home_answer, home_why = False, "They do not own (legally or beneficially) their main or only home."
    elif home_value_disregarded is True:
        home_answer, home_why = False, ("The home's value is disregarded in the financial assessment (for example a "
                                        "partner still lives there), so there is nothing to defer against.")
    elif owns_main_or_only_home is None or home_value_disregarded is None:
        home_answer, home_why = None, "Not answered yet."
    else:
        home_answer, home_why = True, "They own their main or only home and its value is not disregarded."
    tests.append(Test("home", "Do they own their main or only home, with its value not disregarded?", home_answer,
                      home_why))
    if other_capital is None:
        tests.append(Test("capital", f"Is their capital, not counting the home, no more than "
                          f"{_pounds(upper_capital_limit)}?", None, "Not answered yet."))
    else:
        within = Decimal(other_capital) <= Decimal(upper_capital_limit)
        tests.append(Test(
            "capital", f"Is their capital, not counting the home, no more than {_pounds(upper_capital_limit)}?", within,
            (f"Capital other than the home, {_pounds(other_capital)}, is not over the upper capital limit of "
             f"{_pounds(upper_capital_limit)}.") if within else
            (f"Capital other than the home, {_pounds(other_capital)}, is over the upper capital limit of "
             f"{_pounds(upper_capital_limit)}.")))
    add("first_charge", "Can the council secure a first legal charge on the home?", first_charge_possible,
        "The council can secure a first legal charge on the home.",
        "The council cannot secure a first legal charge on the home (for example a mortgage comes first, or a "
        "co-owner does not agree).")
    add("terms", "Does the person (or their representative) agree to the terms?", agrees_to_terms,
        "They agree to the agreement's terms and conditions.", "They do not agree to the terms and conditions.")
    return Eligibility(tests)
