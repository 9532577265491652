"""Reading a Bacs report file (XML, as Bacs publishes it to the council's bureau) into plain records.

Pure: bytes in, a :class:`ParsedReport` out, or :class:`ReportUnreadable` listing every problem found,
each naming the item. No database: matching to mandates and collections is
:mod:`debt_recovery.bacs_reports.services`' work. Parsed with ``defusedxml``, which refuses entity
expansion and external references (a report is a file from outside the council).

The element and attribute names are those of the Bacs advice XML (``BACSDocument`` / ``Data`` / ...),
as read by open-source processors of the reports, e.g. so-sure's ``BacsService``
(github.com/cool725/so-sure-web, ``src/AppBundle/Service/BacsService.php``: ARUDD at
``BACSDocument/Data/ARUDD/Advice/OriginatingAccountRecords/OriginatingAccountRecord/ReturnedDebitItem``
with ``ref``, ``returnCode``, ``returnDescription``, ``originalProcessingDate``, ``valueOf``, the service
user number in ``ServiceLicenseInformation/@userNumber`` and the date in ``Header/@currentProcessingDate``;
ADDACS and AUDDIS at ``BACSDocument/Data/MessagingAdvices/MessagingAdvice`` with ``user-number``,
``record-type``, ``reason-code``, ``reference``, ``payer-new-sort-code``, ``payer-new-account-number``;
the input report at ``BACSDocument/Data/InputReport`` with ``Header/ProcessingDate/@date``,
``Submission/UserFile/InputUserFile/UserFileInformation/@userNumber``, ``Errors/Error/ErrorItem``
(``reference``, ``valueOf``) and ``ErrorMessage/@type``, and the accepted debits in
``InputReportSummary/AccountTotals/AccountTotal/DebitEntry/AcceptedRecords`` (``numberOf``, ``valueOf``)),
and a sample ARUDD advice from a published test (github.com, ``newbacs-advices.xsd`` sample with
``Totals/@numberOf`` and ``@valueOf``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from debt_recovery.bacs_reports.choices import ADDACS_REASONS, ARUDD_REASONS, AUDDIS_REASONS, ReportKind

_MONEY = re.compile(r"^[0-9]{1,10}(\.[0-9]{1,2})?$")
_SUN = re.compile(r"^[0-9]{6}$")
_SORT_CODE = re.compile(r"^[0-9]{2}-?[0-9]{2}-?[0-9]{2}$")
_ACCOUNT = re.compile(r"^[0-9]{8}$")

#: ARUDD reports give a numeric ``returnCode`` of the paying bank's system with the reason in words
#: (``returnDescription``); the reason code is read from the words, or taken as it is when the code
#: is already one of the published one-character codes.
_ARUDD_WORDS = [
    ("ADVANCE NOTICE DISPUTED", "4"), ("AMOUNT NOT YET DUE", "8"), ("AMOUNT DIFFERS", "7"),
    ("PRESENTATION OVERDUE", "9"), ("SERVICE USER DIFFERS", "A"), ("ORIGINATOR DIFFERS", "A"),
    ("INSTRUCTION CANCELLED", "1"), ("REFER TO PAYER", "0"), ("PAYER DECEASED", "2"),
    ("ACCOUNT TRANSFERRED", "3"), ("NO INSTRUCTION", "6"), ("NO ACCOUNT", "5"), ("ACCOUNT CLOSED", "B"),
]


class ReportUnreadable(Exception):
    """The file cannot be imported; ``problems`` says why, one sentence each, naming the item."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class ParsedItem:
    line: int
    reference: str
    reason_code: str = ""
    reason: str = ""
    amount: Decimal | None = None
    original_processing_date: dt.date | None = None
    transaction_code: str = ""
    payer_name: str = ""
    new_sort_code: str = ""
    new_account_number: str = ""
    effective_date: dt.date | None = None
    record_type: str = ""

    @property
    def label(self) -> str:
        return f"Item {self.line} (reference {self.reference or 'missing'})"


@dataclass
class ParsedReport:
    kind: str
    service_user_number: str
    processing_date: dt.date
    items: list[ParsedItem] = field(default_factory=list)
    total: Decimal = Decimal("0")
    accepted_debits: Decimal | None = None

    @property
    def label(self) -> str:
        return ReportKind(self.kind).label


def _date(value: str | None, what: str, problems: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        problems.append(f"{what}: the date '{value or ''}' is not a date (YYYY-MM-DD).")
        return None


def _money(value: str | None, what: str, problems: list[str]) -> Decimal | None:
    text = (value or "").strip()
    if not _MONEY.match(text):
        problems.append(f"{what}: the amount '{text}' is not a sum of money in pounds and pence.")
        return None
    return Decimal(text).quantize(Decimal("0.01"))


def _attr(el: Element, *names: str) -> str:
    for name in names:
        value = el.get(name)
        if value is not None:
            return value.strip()
    return ""


def _sun(value: str, what: str, problems: list[str]) -> str:
    if not _SUN.match(value):
        problems.append(f"{what}: the service user number '{value}' is not six digits.")
    return value


def parse_report(content: bytes) -> ParsedReport:
    """Read a Bacs report. Every problem in the file is listed, not only the first."""
    try:
        root = fromstring(content)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise ReportUnreadable([f"The file is not a readable XML Bacs report ({exc})."]) from None
    if root.tag != "BACSDocument" or root.find("Data") is None:
        raise ReportUnreadable(["The file is not a Bacs report: it has no BACSDocument with Data."])
    data = root.find("Data")
    if data.find("ARUDD") is not None:
        return _arudd(data.find("ARUDD"))
    if data.find("MessagingAdvices") is not None:
        return _messaging(data.find("MessagingAdvices"))
    if data.find("InputReport") is not None:
        return _input(data.find("InputReport"))
    raise ReportUnreadable(["The report is not an ARUDD, ADDACS, AUDDIS or input report."])


def _arudd(arudd: Element) -> ParsedReport:
    problems: list[str] = []
    header = arudd.find("Header")
    licence = arudd.find("ServiceLicenseInformation")
    if header is None or licence is None:
        raise ReportUnreadable(["The ARUDD report has no Header or ServiceLicenseInformation."])
    processing = _date(header.get("currentProcessingDate"), "The report's processing date", problems)
    sun = _sun(_attr(licence, "userNumber"), "The report", problems)
    items: list[ParsedItem] = []
    declared_count, declared_value = 0, Decimal("0")
    records = arudd.findall("Advice/OriginatingAccountRecords/OriginatingAccountRecord")
    for record in records:
        for el in record.findall("ReturnedDebitItem"):
            item = ParsedItem(line=len(items) + 1, reference=_attr(el, "ref"))
            items.append(item)
            if not item.reference:
                problems.append(f"{item.label}: it has no reference.")
            item.amount = _money(el.get("valueOf"), item.label, problems)
            currency = _attr(el, "currency") or "GBP"
            if currency != "GBP":
                problems.append(f"{item.label}: the currency is {currency}, not GBP.")
            item.original_processing_date = _date(el.get("originalProcessingDate"),
                                                  f"{item.label}: original processing date", problems)
            item.transaction_code = _attr(el, "transCode")
            payer = el.find("PayerAccount")
            item.payer_name = _attr(payer, "name") if payer is not None else ""
            code, words = _attr(el, "returnCode"), _attr(el, "returnDescription").upper()
            reason = code if code in ARUDD_REASONS else next(
                (c for phrase, c in _ARUDD_WORDS if words.startswith(phrase)), None)
            if reason is None:
                shown = f"{code} {words}".strip()
                problems.append(f"{item.label}: the return reason '{shown}' is not an ARUDD reason.")
            else:
                item.reason_code, item.reason = reason, ARUDD_REASONS[reason]
        totals = record.find("Totals")
        if totals is not None:
            try:
                declared_count += int(_attr(totals, "numberOf") or "0")
            except ValueError:
                problems.append("The report's totals: the number of items is not a number.")
            declared_value += _money(totals.get("valueOf"), "The report's totals", problems) or Decimal("0")
            if totals.get("numberOf") is None:
                declared_count = -1
    total = sum((i.amount or Decimal("0") for i in items), Decimal("0"))
    if not items:
        problems.append("The ARUDD report has no returned debits.")
    elif declared_count >= 0 and any(r.find("Totals") is not None for r in records):
        if declared_count != len(items) or declared_value != total:
            problems.append(f"The report's totals ({declared_count} items, £{declared_value}) do not match its "
                            f"items ({len(items)} items, £{total}): the file may be incomplete.")
    if problems:
        raise ReportUnreadable(problems)
    return ParsedReport(kind=ReportKind.ARUDD, service_user_number=sun, processing_date=processing, items=items,
                        total=total)


def _messaging(advices: Element) -> ParsedReport:
    problems: list[str] = []
    header = advices.find("MessagingHeader")
    elements = advices.findall("MessagingAdvice")
    if not elements:
        raise ReportUnreadable(["The report has no MessagingAdvice."])
    kind = ReportKind.ADDACS if all(_attr(e, "record-type") == "A" for e in elements) else ReportKind.AUDDIS
    reasons = ADDACS_REASONS if kind == ReportKind.ADDACS else AUDDIS_REASONS
    suns = {_attr(header, "user-number")} if header is not None and header.get("user-number") else set()
    items: list[ParsedItem] = []
    for el in elements:
        record_type = _attr(el, "record-type")
        if el.get("user-number") is not None:
            suns.add(_attr(el, "user-number"))
        if kind == ReportKind.AUDDIS and record_type in ("V", "R"):
            continue  # the summary of the AUDDIS file the report is about, not an instruction
        item = ParsedItem(line=len(items) + 1, reference=_attr(el, "reference", "payer-reference"),
                          record_type=record_type)
        items.append(item)
        if kind == ReportKind.AUDDIS and record_type not in ("N", "D"):
            problems.append(f"{item.label}: the record type '{record_type}' is not an AUDDIS advice.")
        if not item.reference:
            problems.append(f"{item.label}: it has no reference.")
        code = _attr(el, "reason-code")
        if code not in reasons:
            problems.append(f"{item.label}: the reason code '{code}' is not an {kind.upper()} reason.")
        else:
            item.reason_code, item.reason = code, reasons[code]
        item.payer_name = _attr(el, "payer-name")
        if el.get("effective-date"):
            item.effective_date = _date(el.get("effective-date"), f"{item.label}: effective date", problems)
        item.new_sort_code = _attr(el, "payer-new-sort-code").replace("-", "")
        item.new_account_number = _attr(el, "payer-new-account-number")
        if item.new_sort_code and not _SORT_CODE.match(item.new_sort_code):
            problems.append(f"{item.label}: the new sort code '{item.new_sort_code}' is not six digits.")
        if item.new_account_number and not _ACCOUNT.match(item.new_account_number):
            problems.append(f"{item.label}: the new account number '{item.new_account_number}' is not eight digits.")
        if kind == ReportKind.ADDACS and code in ("3", "C") and not (item.new_sort_code and item.new_account_number):
            problems.append(f"{item.label}: a transfer (reason {code}) must give the new sort code and account number.")
    if len(suns) != 1:
        problems.append("The report must name one service user number "
                        f"(it names {', '.join(sorted(s for s in suns if s)) or 'none'}).")
    sun = next(iter(suns)) if suns else ""
    if len(suns) == 1:
        _sun(sun, "The report", problems)
    dates = [i.effective_date for i in items if i.effective_date]
    if problems:
        raise ReportUnreadable(problems)
    return ParsedReport(kind=kind, service_user_number=sun,
                        processing_date=max(dates) if dates else dt.date.today(), items=items)


def _input(report: Element) -> ParsedReport:
    problems: list[str] = []
    date_el = report.find("Header/ProcessingDate")
    processing = _date(date_el.get("date") if date_el is not None else None, "The report's processing date", problems)
    files = report.findall("Submission/UserFile/InputUserFile")
    if not files:
        raise ReportUnreadable(["The input report has no InputUserFile."])
    suns = {_attr(f.find("UserFileInformation"), "userNumber") for f in files if f.find("UserFileInformation") is not None}
    items: list[ParsedItem] = []
    accepted = Decimal("0")
    for user_file in files:
        for error in user_file.findall("Errors/Error"):
            item_el, message = error.find("ErrorItem"), error.find("ErrorMessage")
            item = ParsedItem(line=len(items) + 1, reference=_attr(item_el, "reference") if item_el is not None else "")
            items.append(item)
            if not item.reference:
                problems.append(f"{item.label}: it has no reference.")
            item.amount = _money(item_el.get("valueOf") if item_el is not None else None, item.label, problems)
            item.transaction_code = _attr(item_el, "transactionCode") if item_el is not None else ""
            kind = _attr(message, "type").upper() if message is not None else ""
            if kind not in ("REJECTED", "AMENDED", "RETURNED"):
                problems.append(f"{item.label}: the error type '{kind}' is not REJECTED, AMENDED or RETURNED.")
            item.reason_code = kind[:1]
            item.reason = (message.text or "").strip()[:200] if message is not None and message.text else kind.title()
        for rec in user_file.findall("InputReportSummary/AccountTotals/AccountTotal/DebitEntry/AcceptedRecords"):
            accepted += _money(rec.get("valueOf"), "The report's accepted debits", problems) or Decimal("0")
    if len(suns) != 1:
        problems.append("The input report must be for one service user number.")
    sun = next(iter(suns)) if suns else ""
    if len(suns) == 1:
        _sun(sun, "The report", problems)
    if problems:
        raise ReportUnreadable(problems)
    return ParsedReport(kind=ReportKind.INPUT, service_user_number=sun, processing_date=processing, items=items,
                        total=sum((i.amount or Decimal("0") for i in items), Decimal("0")), accepted_debits=accepted)
