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
    #: A separate sort-code column, where the account column holds the account number only.
    sort_code: str | None = None
    #: A column giving the account's currency, where the export has one.
    currency: str | None = None
    #: The account column ends with the account's currency ("300000-12345678 GBP").
    account_has_currency: bool = False
    #: Further columns whose text is added to the description (a payee's name and the bank's narrative).
    description_extra: tuple[str, ...] = ()
    #: The bank's documented order when the dates do not tell (all lines on one day): newest first?
    newest_first: bool = False
    #: Where the layout is documented.
    source: str = ""
    #: A file with no headings row, read by field position: each column name's place (0 for the first
    #: field). Such a layout is recognised from its first line of data by ``fingerprint``: (place, pattern)
    #: pairs every field named must match (``re.fullmatch``), and at least as many fields as the last place.
    positions: tuple[tuple[str, int], ...] = ()
    fingerprint: tuple[tuple[int, str], ...] = ()

    def headings_text(self) -> str:
        if self.positions:
            return "no headings; " + ", ".join(f"field {place + 1} {name}" for name, place in self.positions)
        return ", ".join(self.columns)


LAYOUTS: tuple[Layout, ...] = (
    # NatWest's online banking "Download or export transactions" (CSV): the headings are those quoted by
    # open-source importers: https://github.com/Joshibbotson/bank-statement-parse (src/types/NatwestStatement.ts,
    # the seven headings) and https://github.com/joesingo/bank-statements (bank.py, NatwestReader: the fields
    # in this order, apostrophes before descriptions and account numbers). NatWest does not publish them.
    # RBS and Ulster Bank use NatWest Group's online banking; no source names their headings separately.
    Layout(
        code="natwest", label="NatWest (also RBS and Ulster Bank)",
        columns=("Date", "Type", "Description", "Value", "Balance", "Account Name", "Account Number"),
        date="Date", amount="Value", description="Description", bank_type="Type", balance="Balance",
        account="Account Number", newest_first=True,
        source="https://github.com/Joshibbotson/bank-statement-parse; "
               "https://github.com/joesingo/bank-statements",
    ),
    # Lloyds Banking Group's personal and business online banking share one export: Lloyds, Halifax,
    # Bank of Scotland (and TSB, whose export kept the layout after it left the group).
    # Sources: https://github.com/jakubka/transactions-mapper/blob/master/mapper.py (Lloyds and TSB exports,
    # headings quoted) and https://github.com/MatthewJohn/Firefly-iii-CSV-Converter (Lloyds, Halifax, TSB).
    # No page of the banks' own describes it.
    Layout(
        code="lloyds", label="Lloyds (also Halifax, Bank of Scotland and TSB)",
        columns=("Transaction Date", "Transaction Type", "Sort Code", "Account Number", "Transaction Description",
                 "Debit Amount", "Credit Amount", "Balance"),
        date="Transaction Date", description="Transaction Description", money_in="Credit Amount",
        money_out="Debit Amount", bank_type="Transaction Type", balance="Balance", account="Account Number",
        sort_code="Sort Code", source="https://github.com/jakubka/transactions-mapper/blob/master/mapper.py; "
               "https://github.com/MatthewJohn/Firefly-iii-CSV-Converter",
    ),
    # Lloyds Commercial Banking Online, "Balance and Transaction" data export, documented by the bank:
    # http://resources.lloydsbank.com/cbonlinesupport/payments/importing/what-is-a-csv-export/
    # Post Date DD/MM/YYYY; Account Number "300000-12345678 GBP" (sort code, hyphen, number, space, currency);
    # Amount signed ("-" for money out); Customer Reference up to 18 characters.
    Layout(
        code="lloyds_commercial", label="Lloyds Commercial Banking Online (Balances and Transactions)",
        columns=("Post Date", "Account Number", "Account Name", "Type", "Amount", "Customer Reference",
                 "Transaction Detail", "Balance"),
        date="Post Date", amount="Amount", description="Transaction Detail", reference="Customer Reference",
        bank_type="Type", balance="Balance", account="Account Number", account_has_currency=True,
        source="http://resources.lloydsbank.com/cbonlinesupport/payments/importing/what-is-a-csv-export/",
    ),
    # Nationwide's statement download: account details (Account Name, Account Balance, Available Balance)
    # and a blank line above the headings; dates "01 Mar 2026"; amounts with a £ sign; ISO-8859-1.
    # Source: https://github.com/WillOnGit/nationwide-transaction-parser (describes the statement CSV and its
    # account header); headings as quoted by several public importers. No Nationwide page describes it.
    Layout(
        code="nationwide", label="Nationwide",
        columns=("Date", "Transaction type", "Description", "Paid out", "Paid in", "Balance"),
        date="Date", description="Description", money_in="Paid in", money_out="Paid out",
        bank_type="Transaction type", balance="Balance",
        source="https://github.com/WillOnGit/nationwide-transaction-parser",
    ),
    # Starling's statement export (app and web): one signed amount, the currency in the headings.
    # Source: headings as quoted by public importers (for example
    # https://github.com/carderne/starling-beancount works from the API instead); Starling's own help pages
    # do not list the columns.
    Layout(
        code="starling", label="Starling",
        columns=("Date", "Counter Party", "Reference", "Type", "Amount (GBP)", "Balance (GBP)"),
        date="Date", amount="Amount (GBP)", description="Counter Party", reference="Reference", bank_type="Type",
        balance="Balance (GBP)",
        source="public importers' quotations of the export's headings; not published by Starling",
    ),
    # Monzo's "Export transactions" CSV (personal and business). "Amount" is in the account's currency
    # ("Currency"); "Local amount" is what a card spend abroad was in, and is not read.
    # Source: headings as quoted by public importers; not published by Monzo.
    Layout(
        code="monzo", label="Monzo",
        columns=("Transaction ID", "Date", "Type", "Name", "Amount", "Currency", "Description"),
        date="Date", amount="Amount", description="Name", description_extra=("Description",),
        reference="Transaction ID", bank_type="Type", currency="Currency", balance="Balance",
        source="public importers' quotations of the export's headings; not published by Monzo",
    ),
    # Barclays.Net (Barclays' corporate online banking), "CSV Transactions" file format: a title line
    # ("Barclays.Net Transaction exported at 09:00 11/08/20") above the headings; ENTRY DATE dd/mm/yy; AMOUNT
    # signed (money out negative); ACCOUNT NO the account number and BANK CODE its sort code ("12-34-56");
    # CURR the currency; TLA CODE the bank's three-letter transaction code; CHEQUE NO where there is one.
    # Source: iplicit's import guide, which publishes the headings and an example file:
    # https://docs.iplicit.com/guide/settings/data_upload/interfaces/bank_statement_import/banks/barclays/barclays_net_transactions_csv.html
    Layout(
        code="barclays_net", label="Barclays.Net (corporate online banking, CSV Transactions)",
        columns=("GROUP", "ACC ID", "ACCOUNT NO", "TYPE", "BANK CODE", "CURR", "ENTRY DATE", "AS AT", "AMOUNT",
                 "TLA CODE", "CHEQUE NO", "STATUS", "DESCRIPTION"),
        date="ENTRY DATE", amount="AMOUNT", description="DESCRIPTION", reference="CHEQUE NO", bank_type="TLA CODE",
        account="ACCOUNT NO", sort_code="BANK CODE", currency="CURR",
        source="https://docs.iplicit.com/guide/settings/data_upload/interfaces/bank_statement_import/banks/"
               "barclays/barclays_net_transactions_csv.html",
    ),
    # NatWest Bankline (NatWest's and RBS's corporate online banking), CSV export, read by field position: the
    # published description gives the fields' places, not their headings. 1 sort code, 2 account number,
    # 5 currency, 10 transaction date DD/MM/YY, 11 description, 16 transaction type, 17 debit amount,
    # 18 credit amount; the other fields are not read. Lines above the first line of data (the export's own
    # headings) are read past. Source: the Access Group's COINS import guide, "Format S (RBS/NatWest Bankline)":
    # https://help-coins.theaccessgroup.com/en/articles/14752658-format-s-rbs-natwest-bankline
    Layout(
        code="bankline", label="NatWest Bankline (also RBS Bankline), CSV by field position",
        columns=("Sort code", "Account number", "Currency", "Transaction date", "Description", "Transaction type",
                 "Debit amount", "Credit amount"),
        positions=(("Sort code", 0), ("Account number", 1), ("Currency", 4), ("Transaction date", 9),
                   ("Description", 10), ("Transaction type", 15), ("Debit amount", 16), ("Credit amount", 17)),
        fingerprint=((0, r"'?\d{2}-?\d{2}-?\d{2}"), (1, r"'?\d{8}"), (4, r"[A-Z]{3}"),
                     (9, r"\d{2}/\d{2}/\d{2}"), (16, r"[\d,]*\.?\d*"), (17, r"[\d,]*\.?\d*")),
        date="Transaction date", description="Description", money_in="Credit amount", money_out="Debit amount",
        bank_type="Transaction type", account="Account number", sort_code="Sort code", currency="Currency",
        source="https://help-coins.theaccessgroup.com/en/articles/14752658-format-s-rbs-natwest-bankline",
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
