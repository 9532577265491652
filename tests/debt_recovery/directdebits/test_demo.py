"""The demo: live direct debits and a collection run with its Standard 18 file."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from debt_recovery.directdebits.models import BacsFile, Collection, Mandate
from tests.debt_recovery.directdebits.bacs_reader import read, totals

pytestmark = pytest.mark.django_db


def test_the_demo_has_live_direct_debits_collected_through_a_standard_18_file():
    call_command("seed_demo", stdout=io.StringIO())
    assert Mandate.objects.filter(status="live").count() == 3
    assert Mandate.objects.filter(status="pending_lodgement").count() == 1
    files = BacsFile.objects.filter(kind="collections")
    assert files.exists()
    for bacs_file in files:
        t = totals(read(bacs_file.content))
        assert t["debit_total"] == t["contra_total"] == bacs_file.total
        assert t["debits"] == bacs_file.record_count == bacs_file.collections.count()
    assert Collection.objects.filter(status="collected", payment__isnull=False).exists()
    before = (Mandate.objects.count(), Collection.objects.count(), BacsFile.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Mandate.objects.count(), Collection.objects.count(), BacsFile.objects.count()) == before
