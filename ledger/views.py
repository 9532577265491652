"""The money pages: a client's money (balance, available funds, statement, receipts and payments, held
payments), and the council's client money work (the pooled bank account, suspense and its allocation,
bank statement import with a preview step, monthly reconciliation and its PDF).

Every view is thin: a form checks the input, one service in :mod:`ledger.client_money`,
:mod:`ledger.imports` or :mod:`ledger.reconciliation` does the work (and checks again), and the view
redirects with a message. A client fetched by id goes through ``access_client``, so another team's
client is a 404. The council's pages are for :func:`works_client_money` users; auditors read them and
see no control that writes.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.access import note_client_reads
from core.exceptions import ApplicationError, PermissionDeniedError
from core.pagination import no_such_page, page_number, page_of
from core.rules import can, rule_required
from ledger import client_money, closing, imports, pending, reconciliation, selectors
from ledger.choices import PaymentStatus, Purpose
from ledger.forms import (
    AllocateForm,
    CancelHoldForm,
    ClientPickerSearchForm,
    PaymentForm,
    ReceiptForm,
    ReconciliationPrepareForm,
    ReopenMonthForm,
    StatementFilterForm,
    StatementUploadForm,
)
from ledger.models import (
    BankBalanceSource,
    ClosedMonth,
    ManualReceipt,
    Payment,
    Reconciliation,
    ReconciliationStatus,
    StatementImport,
    StatementLayout,
    StatementLine,
)
from people.selectors import clients_visible_to, today
from people.views import client_in_url

STATEMENT_PAGE_SIZE = 100
DEFAULT_STATEMENT_MONTHS = 3
#: The suspense allocation picker lists at most this many clients; a longer list asks for a closer search.
PICKER_SIZE = 20


def _refused(form, exc: ApplicationError, field: str | None = None) -> None:
    """Put a service's refusal on the form, at ``field`` or at the top. (The ledger's errors carry
    figures in ``extra``, not field errors, so they are not spread over the fields.)"""
    if isinstance(exc, PermissionDeniedError) and exc.code != "same_officer":
        raise PermissionDenied(exc.message)
    form.add_error(field, exc.message)


def _statement_range(form: StatementFilterForm, *, default_start: dt.date, default_end: dt.date):
    data = form.cleaned_data if form.is_valid() else {}
    return data.get("start") or default_start, data.get("end") or default_end, data.get("direction") or ""


def _months_back(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    return dt.date(month_index // 12, month_index % 12 + 1, 1)


def _page(request, *, account, start, end, direction=""):
    """One page of the account's statement, as the ``Paginator`` the pagination component expects."""
    number = page_number(request)
    statement = selectors.account_statement_page(
        account=account, start=start, end=end, offset=(number - 1) * STATEMENT_PAGE_SIZE, limit=STATEMENT_PAGE_SIZE)
    if number > 1 and not statement.lines:
        raise BadRequest(no_such_page(number, max(1, -(-statement.line_count // STATEMENT_PAGE_SIZE))))
    lines = statement.lines
    if direction == "in":
        lines = [line for line in lines if line.amount > 0]
    elif direction == "out":
        lines = [line for line in lines if line.amount < 0]
    paginator = Paginator(range(statement.line_count), STATEMENT_PAGE_SIZE)
    return statement, lines, paginator.page(number)


# --- a client's money -----------------------------------------------------------------------------

@require_safe
@rule_required("ledger.view_client_money", obj=client_in_url)
def client_money_view(request, pk):
    client = request.rule_object
    day = today()
    form = StatementFilterForm(request.GET or None)
    start, end, direction = _statement_range(form, default_start=_months_back(day, DEFAULT_STATEMENT_MONTHS),
                                             default_end=day)
    account = selectors.client_funds_account(client=client)
    statement = lines = page = None
    if account is not None:
        statement, lines, page = _page(request, account=account, start=start, end=end, direction=direction)
    return render(request, "ledger/client_money.html", {
        "client": client, "account": account, "form": form, "start": start, "end": end, "direction": direction,
        "balance": selectors.account_balance(account=account) if account else None,
        "available": selectors.available_funds(client=client),
        "statement": statement, "lines": lines, "page": page,
        "held": selectors.held_payments(client=client),
        "to_confirm": selectors.receipts_to_confirm(client=client),
        "recent_payments": Payment.objects.filter(client=client).exclude(status=PaymentStatus.HELD)
        .select_related("requested_by", "released_by")[:10],
    })


@require_http_methods(["GET", "POST"])
@rule_required("ledger.record_client_money", obj=client_in_url)
def receipt_add(request, pk):
    client = request.rule_object
    form = ReceiptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            receipt = client_money.client_receipt_record(
                acting_user=request.user, client=client, amount=data["amount"], effective_date=data["effective_date"],
                category=data["category"], memo=data["memo"], idempotency_key=f"page:receipt:{data['request_key']}",
            )
        except ApplicationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"Receipt of {client_money.pounds(data['amount'])} recorded{_late_note(receipt)}. "
                                      "It is available to spend once a bank statement line matches it or another "
                                      "officer confirms it.")
            return redirect("ledger:client-money", pk=client.pk)
    return render(request, "ledger/receipt_form.html", {"client": client, "form": form,
                                                         "available": selectors.available_funds(client=client)})


@require_http_methods(["GET", "POST"])
@rule_required("ledger.record_client_money", obj=client_in_url)
def payment_add(request, pk):
    client = request.rule_object
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            payment = client_money.client_payment_make(
                acting_user=request.user, client=client, amount=data["amount"],
                effective_date=data["effective_date"], category=data["category"], payee=data["payee"],
                reference=data["reference"], memo=data["memo"], idempotency_key=f"page:payment:{data['request_key']}",
            )
        except ApplicationError as exc:
            _refused(form, exc, "amount" if exc.code == "insufficient_funds" else None)
        else:
            if payment.status == PaymentStatus.HELD:
                messages.warning(request, f"Payment not made. {payment.hold_reason}")
            else:
                messages.success(request, f"Payment of {client_money.pounds(payment.amount)} to {payment.payee} made"
                                          f"{_late_note(payment.transaction)}")
            return redirect("ledger:client-money", pk=client.pk)
    return render(request, "ledger/payment_form.html", {
        "client": client, "form": form, "available": selectors.available_funds(client=client),
        "duplicate_window_days": client_money.DUPLICATE_WINDOW_DAYS})


def _late_note(txn) -> str:
    """", posted on 1 December 2026 ...", for money that belongs to a closed month (see ledger.closing)."""
    if txn is None or txn.relates_to_date is None:
        return ""
    return (f", posted on {closing.long_date(txn.effective_date)}: it belongs to "
            f"{closing.long_date(txn.relates_to_date)}, in a month already closed")


def held_payment_in_url(request, pk, **kwargs) -> Payment:
    """A payment of a client the user may see (404 otherwise)."""
    return get_object_or_404(Payment.objects.select_related("client"), pk=pk,
                             client__in=clients_visible_to(user=request.user))


@require_POST
@rule_required("ledger.record_client_money", obj=held_payment_in_url)
def payment_release(request, pk):
    payment = request.rule_object
    try:
        payment = client_money.payment_hold_release(acting_user=request.user, hold=payment)
    except PermissionDeniedError as exc:
        if exc.code != "same_officer":
            raise PermissionDenied(exc.message) from None
        messages.error(request, exc.message)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Payment of {client_money.pounds(payment.amount)} to {payment.payee} released "
                                  f"and paid{_late_note(payment.transaction)}")
    return redirect("ledger:client-money", pk=payment.client_id)


def manual_receipt_in_url(request, pk, **kwargs) -> ManualReceipt:
    """A hand-recorded receipt of a client the user may see (404 otherwise)."""
    return get_object_or_404(ManualReceipt.objects.select_related("client"), pk=pk,
                             client__in=clients_visible_to(user=request.user))


@require_POST
@rule_required("ledger.record_client_money", obj=manual_receipt_in_url)
def receipt_confirm(request, pk):
    receipt = request.rule_object
    try:
        receipt = client_money.receipt_confirm(acting_user=request.user, receipt=receipt)
    except PermissionDeniedError as exc:
        if exc.code != "same_officer":
            raise PermissionDenied(exc.message) from None
        messages.error(request, exc.message)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Receipt of {client_money.pounds(receipt.amount)} confirmed: it is available to spend")
    return redirect("ledger:client-money", pk=receipt.client_id)


@require_http_methods(["GET", "POST"])
@rule_required("ledger.record_client_money", obj=held_payment_in_url)
def payment_cancel(request, pk):
    payment = request.rule_object
    if payment.status != PaymentStatus.HELD:
        messages.error(request, f"This payment is {payment.get_status_display().lower()}; only a held payment can "
                                "be cancelled.")
        return redirect("ledger:client-money", pk=payment.client_id)
    form = CancelHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client_money.payment_hold_cancel(acting_user=request.user, hold=payment,
                                             reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, f"Held payment of {client_money.pounds(payment.amount)} to {payment.payee} "
                                      "cancelled")
            return redirect("ledger:client-money", pk=payment.client_id)
    return render(request, "ledger/payment_cancel.html", {"payment": payment, "client": payment.client,
                                                           "form": form})


# --- the council's client money -------------------------------------------------------------------

@require_safe
@rule_required("ledger.view_council_money")
def overview(request):
    bank = selectors.council_account(purpose=Purpose.POOLED_BANK)
    suspense = selectors.suspense_lines()
    return render(request, "ledger/overview.html", {
        "bank": bank,
        "bank_balance": selectors.account_balance(account=bank) if bank else None,
        "suspense_count": suspense.count(),
        "suspense_total": suspense.aggregate(total=Sum("amount"))["total"],
        "imports": StatementImport.objects.select_related("uploaded_by")[:5],
        "reconciliations": _with_reopenings(Reconciliation.objects.select_related("prepared_by", "signed_off_by")[:6]),
        "held": selectors.held_payments().filter(client__in=clients_visible_to(user=request.user))[:20],
        "to_confirm": selectors.receipts_to_confirm().filter(client__in=clients_visible_to(user=request.user))[:20],
    })


@require_safe
@rule_required("ledger.view_council_money")
def pooled_account(request):
    bank = selectors.council_account(purpose=Purpose.POOLED_BANK)
    day = today()
    form = StatementFilterForm(request.GET or None)
    start, end, direction = _statement_range(form, default_start=day.replace(day=1), default_end=day)
    statement = lines = page = None
    if bank is not None:
        statement, lines, page = _page(request, account=bank, start=start, end=end, direction=direction)
    return render(request, "ledger/pooled_account.html", {
        "bank": bank, "form": form, "start": start, "end": end, "direction": direction,
        "statement": statement, "lines": lines, "page": page,
        "balance": selectors.account_balance(account=bank) if bank else None,
    })


@require_safe
@rule_required("ledger.view_council_money")
def suspense_list(request):
    page = page_of(request, selectors.suspense_lines(), 50)
    return render(request, "ledger/suspense_list.html", {"page": page, "lines": page.object_list})


@require_http_methods(["GET", "POST"])
@rule_required("ledger.work_council_money")
def suspense_allocate(request, pk):
    """Allocate a bank line in suspense to a client, chosen with a picker that needs no JavaScript:
    the search (a GET form to this page) lists the matching clients whose money the officer may move,
    each with a radio button, and the allocation form posts back to the same search. The service
    checks again and allocates once, all or nothing."""
    line = get_object_or_404(StatementLine.objects.select_related("statement_import"), pk=pk)
    if line.status != "suspense":
        messages.error(request, f"Line {line.line_number} of {line.statement_import.file_name} is already "
                                f"{line.get_status_display().lower()}.")
        return redirect("ledger:suspense")
    money_in = line.amount > 0
    search = ClientPickerSearchForm(request.GET)
    searched = search.searched()
    clients, more = [], False
    if searched and search.is_valid():
        found = list(selectors.client_money_clients(user=request.user, query=search.cleaned_data["q"],
                                                    date_of_birth=search.cleaned_data["dob"])[:PICKER_SIZE + 1])
        clients, more = found[:PICKER_SIZE], len(found) > PICKER_SIZE
        note_client_reads(request, clients)
    form = AllocateForm(request.POST or None, money_in=money_in, clients=clients,
                        initial={"category": imports.money_in_category(f"{line.description} {line.reference}")
                                 if money_in else ""})
    if request.method == "POST" and form.is_valid():
        client = next(c for c in clients if c.pk == form.cleaned_data["client"])
        try:
            imports.suspense_allocate(acting_user=request.user, line=line, client=client,
                                      category=form.cleaned_data["category"])
        except ApplicationError as exc:
            _refused(form, exc, "client" if exc.code == "insufficient_funds" else None)
        else:
            messages.success(request, f"{client_money.pounds(abs(line.amount))} allocated to {client.full_name} "
                                      f"({client.council_reference})")
            return redirect("ledger:suspense")
    return render(request, "ledger/suspense_allocate.html", {
        "line": line, "money_in": money_in, "search": search, "searched": searched, "clients": clients,
        "more": more, "picker_size": PICKER_SIZE, "form": form,
    })


@require_http_methods(["GET", "POST"])
@rule_required("ledger.view_council_money", write="ledger.work_council_money")
def import_list(request):
    """The imported statements, and the upload form (writers only) whose POST makes a preview."""
    may_import = can(request.user, "ledger.work_council_money")
    form = StatementUploadForm(request.POST or None, request.FILES or None) if may_import else None
    errors = []
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            try:
                imports.statement_import(acting_user=request.user, file_name=upload.name, content=content,
                                         commit=False)
            except ApplicationError as exc:
                errors = (exc.extra or {}).get("errors") or []
                form.add_error("file", exc.message.split(" Line ")[0] if errors else exc.message)
            else:
                kept = pending.pending_statement_keep(acting_user=request.user, upload=upload)
                return redirect("ledger:import-preview", token=kept.token)
    page = page_of(request, StatementImport.objects.select_related("uploaded_by"), 25)
    return render(request, "ledger/import_list.html", {"form": form, "errors": errors[:200],
                                                        "may_map_layouts": can(request.user,
                                                                               "ledger.manage_statement_layouts"),
                                                        "more_errors": max(len(errors) - 200, 0),
                                                        "page": page, "imports": page.object_list})


@require_http_methods(["GET", "POST"])
@rule_required("ledger.work_council_money")
def import_preview(request, token):
    """What the uploaded file would do; confirming it imports it (checked and planned again)."""
    waiting = pending.pending_statement_get(acting_user=request.user, token=token)
    if waiting is None:
        messages.error(request, "That upload has expired or was already imported: upload the file again.")
        return redirect("ledger:imports")
    content = pending.pending_statement_content(waiting)
    if request.method == "POST":
        try:
            result = imports.statement_import(acting_user=request.user, file_name=waiting.file_name,
                                              content=content, commit=True)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("ledger:imports")
        pending.pending_statement_discard(waiting)
        record = result.statement_import
        messages.success(request, f"{record.file_name} imported: {record.lines_matched} matched to clients, "
                                  f"{record.lines_suspense} to suspense, {record.lines_skipped} already imported")
        return redirect("ledger:import-detail", pk=record.pk)
    try:
        preview = imports.statement_import(acting_user=request.user, file_name=waiting.file_name,
                                           content=content, commit=False)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("ledger:imports")
    return render(request, "ledger/import_preview.html", {"preview": preview, "token": token})


@require_http_methods(["GET", "POST"])
@rule_required("ledger.manage_statement_layouts")
def statement_layout_new(request):
    """A team leader maps a bank's CSV export from a sample file: the sample's headings become the choices,
    "Preview" shows the first lines as they will be read, "Save" keeps the layout (checked again)."""
    return _statement_layout_form(request, record=None)


@require_http_methods(["GET", "POST"])
@rule_required("ledger.manage_statement_layouts")
def statement_layout_change(request, pk):
    """A team leader changes a mapped layout, from a sample in the new layout, with a reason."""
    record = get_object_or_404(StatementLayout, pk=pk)
    if record.retired_at is not None:
        messages.error(request, f"The layout {record.name} is retired: it cannot be changed.")
        return redirect("ledger:statement-layout", pk=record.pk)
    return _statement_layout_form(request, record=record)


def _statement_layout_form(request, *, record):
    from ledger.forms import StatementLayoutChangeForm, StatementLayoutForm
    from ledger.statements import custom, sample

    form_class = StatementLayoutForm if record is None else StatementLayoutChangeForm
    text, preview, problem, read_error = "", None, "", ""
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None:
        upload = request.FILES.get("sample")
        try:
            text = imports._decode(upload.read()) if upload and upload.size <= 2 * 1024 * 1024 else \
                data.get("sample_text", "")
        except ApplicationError as exc:
            read_error = exc.message
        data["sample_text"] = text
        if record is not None and data.get("action") == "read":
            # The new sample's headings are the choices; the layout's current mapping is chosen in them.
            current = custom.mapping_of(record)
            for name in ("name", "date", "description", "amount", "money_in", "money_out", "reference",
                         "bank_type", "balance"):
                data.setdefault(name, getattr(current, name))
            if current.money_in_is_negative:
                data.setdefault("money_in_is_negative", "on")
            if current.newest_first:
                data.setdefault("newest_first", "on")
    form = form_class(data, request.FILES or None)
    if text:
        try:
            row = max(1, min(int(data.get("heading_row") or 1), 21))
        except ValueError:
            row = 1
        form.set_headings(sample.headings(text, row=row))
    if data is not None and form.is_valid():
        if read_error:
            form.add_error("sample", read_error)
        elif not text:
            form.add_error("sample", "Choose a sample statement file")
        elif data.get("action") in ("preview", "save"):
            mapping = custom.Mapping(
                name=data.get("name", ""), date=data.get("date", ""), description=data.get("description", ""),
                amount=data.get("amount", ""), money_in=data.get("money_in", ""), money_out=data.get("money_out", ""),
                money_in_is_negative=bool(data.get("money_in_is_negative")), reference=data.get("reference", ""),
                bank_type=data.get("bank_type", ""), balance=data.get("balance", ""),
                newest_first=bool(data.get("newest_first")))
            try:
                if data.get("action") == "save" and record is None:
                    saved = custom.statement_layout_create(acting_user=request.user, text=text, mapping=mapping)
                    messages.success(request, f"Layout {saved.name} saved: statements in it are now recognised.")
                    return redirect("ledger:imports")
                if data.get("action") == "save":
                    saved = custom.statement_layout_update(acting_user=request.user, layout=record, text=text,
                                                           mapping=mapping, reason=data.get("reason", ""))
                    messages.success(request, f"Layout {saved.name} changed.")
                    return redirect("ledger:statement-layout", pk=saved.pk)
                preview = custom.layout_preview(text=text, mapping=mapping)
            except ApplicationError as exc:
                problem = exc.message
    return render(request, "ledger/statement_layout_new.html", {
        "form": form, "record": record, "has_sample": bool(text) and not form.errors.get("sample"),
        "preview": preview, "preview_lines": preview.lines[:10] if preview else [], "problem": problem})


@require_safe
@rule_required("ledger.view_council_money")
def statement_layout_list(request):
    """The layouts team leaders mapped, in use and retired, with how many imports each read."""
    from ledger.statements import layouts

    records = list(StatementLayout.objects.select_related("created_by", "retired_by").order_by("retired_at", "name"))
    used = _imports_by_layout(records)
    return render(request, "ledger/statement_layout_list.html", {
        "records": [(record, used.get(record.pk, 0)) for record in records], "built_in": layouts.LAYOUTS,
        "may_map_layouts": can(request.user, "ledger.manage_statement_layouts")})


def _imports_by_layout(records) -> dict[int, int]:
    from ledger.statements import custom

    codes = {custom.layout_code(record): record.pk for record in records}
    counts = StatementImport.objects.filter(layout__in=codes).values("layout").annotate(n=Count("id"))
    return {codes[row["layout"]]: row["n"] for row in counts}


@require_http_methods(["GET", "POST"])
@rule_required("ledger.view_council_money", write="ledger.manage_statement_layouts")
def statement_layout_detail(request, pk):
    """A mapped layout: its columns, every version in its history (who, when, why), the imports it read;
    a team leader changes or retires it here (retiring is a POST with a reason)."""
    from ledger.forms import StatementLayoutRetireForm
    from ledger.statements import custom

    record = get_object_or_404(StatementLayout.objects.select_related("created_by", "retired_by"), pk=pk)
    may_manage = can(request.user, "ledger.manage_statement_layouts")
    retire_form = StatementLayoutRetireForm(request.POST or None) if may_manage and record.retired_at is None \
        else None
    if request.method == "POST":
        if retire_form is None:
            messages.error(request, f"The layout {record.name} is already retired.")
            return redirect("ledger:statement-layout", pk=record.pk)
        if retire_form.is_valid():
            try:
                custom.statement_layout_retire(acting_user=request.user, layout=record,
                                               reason=retire_form.cleaned_data["reason"])
            except ApplicationError as exc:
                retire_form.add_error("reason", exc.message)
            else:
                messages.success(request, f"Layout {record.name} retired: statements in it are no longer recognised.")
                return redirect("ledger:statement-layout", pk=record.pk)
    history = list(record.history.select_related("history_user").order_by("-history_date", "-history_id"))
    imports_made = StatementImport.objects.filter(layout=custom.layout_code(record)).select_related(
        "uploaded_by").order_by("-uploaded_at")[:50]
    return render(request, "ledger/statement_layout_detail.html", {
        "record": record, "history": history, "imports": imports_made, "retire_form": retire_form,
        "may_manage": may_manage})


@require_http_methods(["GET", "POST"])
@rule_required("ledger.view_council_money", write="ledger.manage_bank_details")
def bank_details(request):
    """The pooled client bank account's sort code, account number and IBAN, which a statement's account is
    checked against; a team leader or administrator records or changes them with a reason. History below."""
    from ledger.forms import BankDetailsForm
    from ledger.statements.bank_details import bank_details_set

    bank = selectors.council_account(purpose=Purpose.POOLED_BANK)
    may_change = can(request.user, "ledger.manage_bank_details")
    initial = {"sort_code": bank.bank_sort_code, "account_number": bank.bank_account_number,
               "iban": bank.bank_iban} if bank else {}
    form = BankDetailsForm(request.POST or None, initial=initial) if may_change else None
    if request.method == "POST" and form.is_valid():
        try:
            bank_details_set(acting_user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            for error in (exc.extra or {}).get("errors") or [{"field": None, "problem": exc.message}]:
                form.add_error(error.get("field") if error.get("field") in form.fields else None, error["problem"])
        else:
            messages.success(request, "The client bank account's details are saved. Statements of another account "
                                      "will be refused.")
            return redirect("ledger:bank-details")
    history = []
    if bank is not None:
        rows = list(bank.history.select_related("history_user").order_by("history_date", "history_id"))
        before = None
        for row in rows:  # only the rows where the bank details changed
            details = (row.bank_sort_code, row.bank_account_number, row.bank_iban)
            if details != before and (before is not None or any(details)):
                history.append(row)
            before = details
        history.reverse()
    return render(request, "ledger/bank_details.html", {"bank": bank, "form": form, "history": history,
                                                         "may_change": may_change})


@require_safe
@rule_required("ledger.view_council_money")
def import_detail(request, pk):
    record = get_object_or_404(StatementImport.objects.select_related("uploaded_by"), pk=pk)
    page = page_of(request, record.lines.select_related("client", "transaction").order_by("line_number"), 100)
    lines = list(page.object_list)
    # A statement carries every team's clients; a line names only the clients this user may see.
    visible = set(clients_visible_to(user=request.user).filter(
        pk__in={line.client_id for line in lines if line.client_id}).values_list("pk", flat=True))
    return render(request, "ledger/import_detail.html", {"record": record, "page": page, "lines": lines,
                                                          "visible_clients": visible})


@require_http_methods(["GET", "POST"])
@rule_required("ledger.view_council_money", write="ledger.work_council_money")
def reconciliation_list(request):
    may_prepare = can(request.user, "ledger.work_council_money")
    form = ReconciliationPrepareForm(request.POST or None, initial=_last_month_initial()) if may_prepare else None
    if request.method == "POST":
        if form.is_valid():
            try:
                record = reconciliation.reconciliation_prepare(
                    acting_user=request.user, month=form.cleaned_data["first_day"],
                    bank_closing_balance=form.cleaned_data["bank_closing_balance"])
            except ApplicationError as exc:
                _refused(form, exc, "bank_closing_balance" if exc.code == "no_bank_balance" else None)
            else:
                messages.success(request, f"Reconciliation for {record.month:%B %Y} prepared")
                return redirect("ledger:reconciliation-detail", pk=record.pk)
    return render(request, "ledger/reconciliation_list.html", {
        "form": form, "closed_up_to": closing.closed_up_to(),
        "reconciliations": _with_reopenings(Reconciliation.objects.select_related("prepared_by", "signed_off_by")),
    })


def _with_reopenings(reconciliations) -> list[Reconciliation]:
    """The reconciliations, each with ``reopening``: the latest time its month was reopened, if ever (who,
    when and why), so that every page showing a month's reconciliation says so."""
    rows = list(reconciliations)
    latest: dict = {}
    for closure in ClosedMonth.objects.filter(reopened_at__isnull=False, month__in={r.month for r in rows}
                                              ).select_related("reopened_by").order_by("month", "reopened_at"):
        latest[closure.month] = closure
    for row in rows:
        row.reopening = latest.get(row.month)
    return rows


def _last_month_initial() -> dict:
    first = _months_back(today(), 1)
    return {"month": first.month, "year": first.year}


def _entered_balance(record: Reconciliation):
    """The bank balance the preparer typed in, if they did; otherwise the statement's is used again."""
    return record.bank_closing_balance if record.bank_balance_source == BankBalanceSource.ENTERED else None


@require_safe
@rule_required("ledger.view_council_money")
def reconciliation_detail(request, pk):
    record = get_object_or_404(Reconciliation.objects.select_related("prepared_by", "signed_off_by"), pk=pk)
    entered = _entered_balance(record)
    figures = reconciliation.reconciliation_figures(month=record.month, bank_closing_balance=entered,
                                                    acting_user=request.user)
    # The figures as the ledger has them now, against those recorded. For a signed-off month they cannot
    # differ while it is closed (the database refuses postings into it); the page checks all the same.
    changed = figures.bank_closing_balance is None or any(
        getattr(record, name) != value for name, value in figures.as_fields().items())
    closure = record.closures.filter(reopened_at__isnull=True).first()
    return render(request, "ledger/reconciliation_detail.html", {
        "record": record, "figures": figures,
        "stale": changed and record.status == ReconciliationStatus.PREPARED,
        "changed_since_sign_off": changed and record.status == ReconciliationStatus.SIGNED_OFF,
        "explained": record.difference == record.uncleared_total,
        "closure": closure, "reopenings": list(reconciliation.reopenings(record.month)),
        "standing": reconciliation.standing(record.month) if record.status == ReconciliationStatus.REOPENED else None,
        "can_sign": (record.status == ReconciliationStatus.PREPARED and record.prepared_by_id != request.user.pk
                     and can(request.user, "ledger.sign_off_reconciliation", record)),
        "can_reopen": closure is not None and can(request.user, "ledger.reopen_month", record),
    })


def _reconciliation_to_reopen(request, pk) -> Reconciliation:
    return get_object_or_404(Reconciliation.objects.select_related("prepared_by", "signed_off_by"), pk=pk)


@require_http_methods(["GET", "POST"])
@rule_required("ledger.reopen_month", obj=_reconciliation_to_reopen)
def reconciliation_reopen(request, pk):
    """Reopen the month a signed-off reconciliation closed: a client affairs team leader, with a reason."""
    record = request.rule_object
    form = ReopenMonthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reconciliation.month_reopen(acting_user=request.user, reconciliation=record,
                                        reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            _refused(form, exc, "reason" if exc.code in ("no_reason", "reason_too_long") else None)
        else:
            messages.success(request, f"{record.month:%B %Y} reopened: prepare its reconciliation again and have it "
                                      "signed off to close it again")
            return redirect("ledger:reconciliations")
    return render(request, "ledger/reconciliation_reopen.html", {
        "record": record, "form": form,
        "closure": record.closures.filter(reopened_at__isnull=True).first(),
    })


@require_POST
@rule_required("ledger.sign_off_reconciliation")
def reconciliation_sign_off(request, pk):
    record = get_object_or_404(Reconciliation, pk=pk)
    try:
        reconciliation.reconciliation_sign_off(acting_user=request.user, reconciliation=record)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Reconciliation for {record.month:%B %Y} signed off")
    return redirect("ledger:reconciliation-detail", pk=record.pk)


@require_POST
@rule_required("ledger.work_council_money")
def reconciliation_prepare_again(request, pk):
    record = get_object_or_404(Reconciliation, pk=pk)
    entered = _entered_balance(record)
    try:
        reconciliation.reconciliation_prepare(acting_user=request.user, month=record.month,
                                              bank_closing_balance=entered)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Reconciliation for {record.month:%B %Y} prepared again")
    return redirect("ledger:reconciliation-detail", pk=record.pk)


@require_safe
@rule_required("ledger.view_council_money")
def reconciliation_pdf(request, pk):
    record = get_object_or_404(Reconciliation, pk=pk)
    if not record.pdf:
        raise Http404("This reconciliation has not been signed off, so it has no statement yet")
    response = FileResponse(record.pdf.open("rb"), as_attachment=True, content_type="application/pdf",
                            filename=f"client-account-reconciliation-{record.month:%Y-%m}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response
