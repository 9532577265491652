"""Layouts a client affairs team leader maps from a sample file (:class:`ledger.models.StatementLayout`):
checked by reading the sample with the new layout (the preview shown before saving), then recognised
from their headings like the built-in layouts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.history import set_reason
from core.rules import require
from ledger.client_money import _pooled_bank
from ledger.models import StatementLayout
from ledger.statements.csv_reader import read_csv
from ledger.statements.layouts import Layout
from ledger.statements.lines import ParsedFile, refuse

#: A sample file is read up to this many lines for the preview.
SAMPLE_LINES = 10_000


@dataclass(frozen=True)
class Mapping:
    name: str
    date: str
    description: str
    amount: str = ""
    money_in: str = ""
    money_out: str = ""
    money_in_is_negative: bool = False
    reference: str = ""
    bank_type: str = ""
    balance: str = ""
    newest_first: bool = False


def layout_of(mapping: Mapping, *, code: str = "new", source: str = "") -> Layout:
    used = [mapping.date, mapping.description, mapping.amount, mapping.money_in, mapping.money_out,
            mapping.reference, mapping.bank_type, mapping.balance]
    columns = tuple(dict.fromkeys(column.strip() for column in used if column and column.strip()))
    return Layout(
        code=code, label=mapping.name, columns=columns, date=mapping.date.strip(),
        description=mapping.description.strip(), amount=mapping.amount.strip() or None,
        money_in=mapping.money_in.strip() or None, money_out=mapping.money_out.strip() or None,
        in_is_negative=mapping.money_in_is_negative, reference=mapping.reference.strip() or None,
        bank_type=mapping.bank_type.strip() or None, balance=mapping.balance.strip() or None,
        newest_first=mapping.newest_first, source=source or "mapped by a team leader from a sample file",
    )


def _check(mapping: Mapping) -> None:
    if not mapping.name.strip():
        raise refuse("Give the layout a name (the bank and its export).", code="invalid_layout")
    if not mapping.date.strip() or not mapping.description.strip():
        raise refuse("Choose the column that holds the date and the one that holds the description.",
                     code="invalid_layout")
    one = bool(mapping.amount.strip())
    either = bool(mapping.money_in.strip()) or bool(mapping.money_out.strip())
    both = bool(mapping.money_in.strip()) and bool(mapping.money_out.strip())
    if (one and either) or (not one and not both):
        raise refuse("Choose either one signed amount column, or both a money-in and a money-out column.",
                     code="invalid_layout")


def layout_preview(*, text: str, mapping: Mapping) -> ParsedFile:
    """The sample read with the mapped layout (nothing is saved). Raises what is wrong with either."""
    _check(mapping)
    return read_csv(text, sha256="", max_lines=SAMPLE_LINES, max_errors=200, layouts=(layout_of(mapping),))


def _fields(mapping: Mapping) -> dict:
    return dict(
        name=mapping.name.strip()[:100], headings=list(layout_of(mapping).columns),
        date_column=mapping.date.strip(), description_column=mapping.description.strip(),
        amount_column=mapping.amount.strip(), money_in_column=mapping.money_in.strip(),
        money_out_column=mapping.money_out.strip(), money_in_is_negative=mapping.money_in_is_negative,
        reference_column=mapping.reference.strip(), type_column=mapping.bank_type.strip(),
        balance_column=mapping.balance.strip(), newest_first=mapping.newest_first,
    )


def mapping_of(record: StatementLayout) -> Mapping:
    return Mapping(
        name=record.name, date=record.date_column, description=record.description_column,
        amount=record.amount_column, money_in=record.money_in_column, money_out=record.money_out_column,
        money_in_is_negative=record.money_in_is_negative, reference=record.reference_column,
        bank_type=record.type_column, balance=record.balance_column, newest_first=record.newest_first,
    )


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise refuse("Say why the layout is being changed or retired.", code="invalid_layout")
    return reason


def statement_layout_create(*, acting_user, text: str, mapping: Mapping) -> StatementLayout:
    """Saves a mapped layout for the pooled client bank account, once its sample reads without a problem."""
    require(acting_user, "ledger.manage_statement_layouts")
    layout_preview(text=text, mapping=mapping)
    with transaction.atomic():
        bank = _pooled_bank(acting_user=acting_user)  # opened if no statement has been imported yet
        record = StatementLayout(bank_account=bank, created_by=acting_user, **_fields(mapping))
        record._history_user = acting_user
        set_reason(record, f"Statement layout {record.name} mapped from a sample file")
        record.save()
    return record


def statement_layout_update(*, acting_user, layout: StatementLayout, text: str, mapping: Mapping,
                            reason: str) -> StatementLayout:
    """Changes a mapped layout, once a sample reads with the new mapping. The layout keeps its code
    (``mapped-<id>``), so imports made with it still name it; its history keeps every earlier mapping (what
    each past import read with is the version in force when it was imported)."""
    require(acting_user, "ledger.manage_statement_layouts")
    reason = _reason(reason)
    layout_preview(text=text, mapping=mapping)
    with transaction.atomic():
        record = StatementLayout.objects.select_for_update().get(pk=layout.pk)
        if record.retired_at is not None:
            raise refuse(f"The layout {record.name} is retired: it cannot be changed.", code="layout_retired")
        fields = _fields(mapping)
        if all(getattr(record, name) == value for name, value in fields.items()):
            return record  # nothing changed: no history row
        for name, value in fields.items():
            setattr(record, name, value)
        record._history_user = acting_user
        set_reason(record, f"Statement layout changed: {reason}")
        record.save()
    return record


def statement_layout_retire(*, acting_user, layout: StatementLayout, reason: str) -> StatementLayout:
    """Retires a mapped layout: statements in it are no longer recognised. It is never deleted, so the
    imports made with it and its history still say what it read."""
    require(acting_user, "ledger.manage_statement_layouts")
    reason = _reason(reason)
    with transaction.atomic():
        record = StatementLayout.objects.select_for_update().get(pk=layout.pk)
        if record.retired_at is not None:
            raise refuse(f"The layout {record.name} is already retired.", code="layout_retired")
        record.retired_at, record.retired_by = timezone.now(), acting_user
        record._history_user = acting_user
        set_reason(record, f"Statement layout retired: {reason}")
        record.save()
    return record


def layout_code(record: StatementLayout) -> str:
    """The code an import made with this layout records."""
    return f"mapped-{record.pk}"


def saved_layouts() -> tuple[Layout, ...]:
    """Every mapped layout in use (not retired), as a :class:`Layout` recognised like the built-in ones."""
    return tuple(
        layout_of(mapping_of(record), code=layout_code(record),
                  source=f"mapped by {record.created_by} on {record.created_at:%d/%m/%Y}")
        for record in StatementLayout.objects.filter(retired_at__isnull=True).select_related("created_by")
        .order_by("id")
    )
