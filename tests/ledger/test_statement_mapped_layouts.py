"""A client affairs team leader maps a bank's layout from a sample file; it is checked against the sample
first, kept with its history, and recognised automatically afterwards."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.exceptions import ApplicationError, PermissionDeniedError
from ledger.imports import statement_import, statement_parse
from ledger.models import StatementLayout
from ledger.statements.custom import Mapping, layout_preview, statement_layout_create

# A made-up export no built-in layout knows: details above the headings, separate in and out columns.
SAMPLE = ("Account:,Council client account\n"
          "Posted,Narrative,Their ref,Money in,Money out,Running balance\n"
          "03 Nov 2026,DWP STATE PENSION ASC-100001,SP1,230.25,,242.70\n"
          "04 Nov 2026,ANGLIAN WATER ASC-100001,W55,,32.10,210.60\n")
MAPPING = Mapping(name="Test Mutual Bank", date="Posted", description="Narrative", reference="Their ref",
                  money_in="Money in", money_out="Money out", balance="Running balance")


def test_the_preview_reads_the_sample_with_the_mapping_before_anything_is_saved(db):
    preview = layout_preview(text=SAMPLE, mapping=MAPPING)
    assert [(line.line_number, line.amount) for line in preview.lines] == [(3, Decimal("230.25")), (4, Decimal("-32.10"))]
    assert StatementLayout.objects.count() == 0


def test_a_mapping_that_does_not_fit_its_sample_is_refused(db):
    with pytest.raises(ApplicationError) as caught:
        layout_preview(text=SAMPLE, mapping=Mapping(name="X", date="Narrative", description="Posted",
                                                    amount="Money in"))
    assert "Line 3: the date 'DWP STATE PENSION ASC-100001'" in caught.value.message
    with pytest.raises(ApplicationError) as caught:
        layout_preview(text=SAMPLE, mapping=Mapping(name="X", date="Posted", description="Narrative",
                                                    amount="Money in", money_out="Money out"))
    assert caught.value.code == "invalid_layout"


def test_a_saved_layout_is_recognised_afterwards_and_kept_in_history(team_leader, officer, clients, peggy,
                                                                   pooled_bank):
    with pytest.raises(ApplicationError):
        statement_parse(content=SAMPLE.encode())  # not known before
    record = statement_layout_create(acting_user=team_leader, text=SAMPLE, mapping=MAPPING)
    assert record.bank_account == pooled_bank
    history = record.history.get()
    assert history.history_user == team_leader and "mapped from a sample file" in history.history_change_reason

    result = statement_import(acting_user=officer, file_name="mutual.csv", content=SAMPLE.encode(), commit=True)
    assert result.layout == f"mapped-{record.pk}"
    assert result.layout_label == "Test Mutual Bank"
    assert len(result.matched) == 2


def test_only_a_client_affairs_team_leader_maps_a_layout(officer, pooled_bank):
    with pytest.raises(PermissionDeniedError):
        statement_layout_create(acting_user=officer, text=SAMPLE, mapping=MAPPING)
    assert StatementLayout.objects.count() == 0
