"""The CSV layouts built in: how each bank's export maps onto a statement line, as data.

A layout is recognised from a row of headings (case and surrounding spaces ignored; the order and any
extra columns do not matter, but every heading in ``columns`` must be there). The headings need not be
the first row: a few lines of account details above them are read as the statement's details.

Each definition names where its layout is documented. A bank whose export layout could not be found in
a published source is not built in (``docs/importing-a-bank-statement.md`` lists them): a team leader
can map it from a sample file instead.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """How one CSV export maps onto a statement line.

    The amount is either one signed column (``amount``; money in positive unless ``in_is_negative``) or
    two columns (``money_in`` and ``money_out``, each written as a positive number; a minus sign on the
    money-out column is allowed and ignored)."""

    code: str
    label: str
    columns: tuple[str, ...]  # the headings that identify the export (all required)
    date: str
    description: str
    amount: str | None = None
    money_in: str | None = None
    money_out: str | None = None
    in_is_negative: bool = False
    reference: str | None = None
    bank_type: str | None = None
    balance: str | None = None
    #: A column naming the account (sort code and number, or a card number on a card export).
    account: str | None = None
    #: A column giving the account's currency, where the export has one.
    currency: str | None = None
    #: The bank's documented order when the dates do not tell (all lines on one day): newest first?
    newest_first: bool = False
    #: Where the layout is documented.
    source: str = ""

    def headings_text(self) -> str:
        return ", ".join(self.columns)


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        code="natwest", label="NatWest (also RBS and Ulster Bank)",
        columns=("Date", "Type", "Description", "Value", "Balance", "Account Name", "Account Number"),
        date="Date", amount="Value", description="Description", bank_type="Type", balance="Balance",
        account="Account Number", newest_first=True,
        source="NatWest online banking 'Download transactions' (CSV); the headings as exported",
    ),
    Layout(
        code="barclays", label="Barclays (online banking)",
        columns=("Number", "Date", "Account", "Amount", "Subcategory", "Memo"),
        date="Date", amount="Amount", description="Memo", reference="Number", bank_type="Subcategory",
        account="Account", newest_first=True,
        source="Barclays online banking 'Export' (CSV); the headings as exported",
    ),
)


def layout_by_code(code: str) -> Layout | None:
    return next((layout for layout in LAYOUTS if layout.code == code), None)
