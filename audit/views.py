"""The auditors' pages: the change history of every record, its exports, and who viewed whom.

Auditors and administrators only; anyone else gets 403. Every page only reads.
"""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit import selectors
from audit.exports import FORMATS, export_chunks
from audit.forms import AccessFilterForm, HistoryFilterForm
from core.pagination import page_of
from core.rules import rule_required

PAGE_SIZE = 50


auditors_only = rule_required("audit.read_history")


def _filter_form(request) -> HistoryFilterForm:
    return HistoryFilterForm(request.GET or None)


def _export_query(request, fmt: str) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = fmt
    return query.urlencode()


@require_GET
@auditors_only
def history(request):
    """Every change to every audited record, newest first, filtered by the auditor."""
    form = _filter_form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/history.html", {"form": form, "page": None}, status=400)
    wanted = form.to_filter() if form.is_bound else selectors.HistoryFilter()
    page = page_of(request, selectors.history_rows(wanted=wanted), PAGE_SIZE)
    return render(request, "audit/history.html", {
        "form": form,
        "page": page,
        "entries": selectors.history_entries(page.object_list),
        "filtered": form.is_bound and any(form.cleaned_data.get(name) for name in form.fields),
        "csv_query": _export_query(request, "csv"),
        "jsonl_query": _export_query(request, "jsonl"),
    })


@require_GET
@auditors_only
def export(request):
    """The history as filtered on the page, as ``?format=csv`` or ``?format=jsonl``, streamed."""
    fmt = request.GET.get("format", "csv")
    form = _filter_form(request)
    if fmt not in FORMATS or (form.is_bound and not form.is_valid()):
        if fmt not in FORMATS:
            form.is_valid()
            form.add_error(None, "Choose CSV or JSON Lines for the export")
        return render(request, "audit/history.html", {"form": form, "page": None}, status=400)
    wanted = form.to_filter() if form.is_bound else selectors.HistoryFilter()
    content_type, extension = FORMATS[fmt]
    response = StreamingHttpResponse(
        export_chunks(selectors.history_rows(wanted=wanted), fmt), content_type=content_type
    )
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="change-history-{stamp}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@auditors_only
def record_access(request):
    """Who looked at which client's record, newest first."""
    form = AccessFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/record_access.html", {"form": form, "page": None}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    accesses = selectors.record_accesses(
        client=data.get("client"), user=data.get("user") or "", date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )
    page = page_of(request, accesses, PAGE_SIZE)
    return render(request, "audit/record_access.html", {"form": form, "page": page})
