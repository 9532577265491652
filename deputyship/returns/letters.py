"""The annual deputy report as a PDF, made through ``documents`` (stored with the data it was made from).

Its data is the report's figures from :func:`deputyship.returns.selectors.return_figures`, the same
calculation the report's page and the API show, plus what the officer entered on the draft."""

from __future__ import annotations

import datetime as dt

from documents.choices import DocumentKind
from documents.letters import LetterSpec, letterhead

KIND = DocumentKind.DEPUTY_REPORT
TEMPLATE = "deputyship/returns/report.html"


def report_data(*, client, on: dt.date, court_return_id: int) -> dict:
    from deputyship.returns.choices import EntryKind
    from deputyship.returns.models import CourtReturn
    from deputyship.returns.selectors import entries_by_kind, return_figures

    court_return = CourtReturn.objects.select_related("authority").get(pk=court_return_id, client=client)
    figures = return_figures(court_return)
    entries = entries_by_kind(court_return)

    def rows(kind):
        return [{"on": e.on.isoformat() if e.on else "", "summary": e.summary, "reason": e.reason,
                 "client_involved": e.client_involved, "value": str(e.value) if e.value is not None else ""}
                for e in entries[kind]]

    return {
        "letterhead": letterhead(),
        "letter": {"title": ("Final report" if court_return.final else "Annual report")
                   + " to the Office of the Public Guardian", "date": on.isoformat(),
                   "reference": court_return.authority.reference},
        "client": {"full_name": client.full_name, "reference": client.council_reference,
                   "date_of_birth": client.date_of_birth.isoformat()},
        "report": {"number": court_return.number, "final": court_return.final, "status": court_return.status,
                   "due_on": court_return.due_on.isoformat(), "order_reference": court_return.authority.reference,
                   "order_made_on": court_return.authority.made_on.isoformat()},
        "figures": figures.as_data(),
        "decisions": rows(EntryKind.DECISION), "contacts": rows(EntryKind.CONTACT), "visits": rows(EntryKind.VISIT),
        "actions": rows(EntryKind.ACTION),
    }


DEPUTY_REPORT = LetterSpec(kind=KIND, title=KIND.label, template_name=TEMPLATE, template_version="1",
                           build=report_data)
