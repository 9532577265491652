"""Months whose reconciliation was signed off before closing existed are closed now, as signing off closes
a month from now on: one ``ClosedMonth`` for each, closed by whoever signed it off, when they did, with a
history row saying why. Nothing else changes; a team leader can reopen the latest of them as usual."""

from django.db import migrations

REASON = "Closed because its reconciliation had been signed off before months were closed on sign-off"


def close_signed_off(apps, schema_editor):
    Account = apps.get_model("ledger", "Account")
    Reconciliation = apps.get_model("ledger", "Reconciliation")
    ClosedMonth = apps.get_model("ledger", "ClosedMonth")
    HistoricalClosedMonth = apps.get_model("ledger", "HistoricalClosedMonth")
    bank = Account.objects.filter(purpose="POOLED_BANK").first()
    if bank is None:
        return
    for record in Reconciliation.objects.filter(status="signed_off").select_related("signed_off_by"):
        if ClosedMonth.objects.filter(month=record.month, reopened_at__isnull=True).exists():
            continue
        closed = ClosedMonth.objects.create(account=bank, month=record.month, reconciliation=record,
                                            closed_by=record.signed_off_by, closed_at=record.signed_off_at)
        signer = record.signed_off_by
        HistoricalClosedMonth.objects.create(
            id=closed.pk, account=bank, month=closed.month, reconciliation=record, closed_by=signer,
            closed_at=closed.closed_at, reopened_at=None, reopen_reason="", history_date=closed.closed_at,
            history_type="+", history_change_reason=REASON, history_user=signer,
            history_user_name=(f"{signer.first_name} {signer.last_name}".strip() or signer.username),
        )


class Migration(migrations.Migration):
    dependencies = [("ledger", "0010_closed_months")]

    # Back: nothing to undo here; going back past 0009 drops the closed months altogether.
    operations = [migrations.RunPython(close_signed_off, migrations.RunPython.noop)]
