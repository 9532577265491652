"""Allocations never change: PostgreSQL refuses an UPDATE or DELETE of one (a correction is a new
allocation cancelling it), whatever the code path. TRUNCATE is not a row event and is left to the owner."""

from django.db import migrations

UP = """
CREATE OR REPLACE FUNCTION debt_recovery_allocation_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Allocations cannot be changed or deleted; cancel one with an allocation of the opposite sign'
        USING ERRCODE = '23D01';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER debt_recovery_allocation_append_only
    BEFORE UPDATE OR DELETE ON debt_recovery_allocation
    FOR EACH ROW EXECUTE FUNCTION debt_recovery_allocation_append_only();
"""

DOWN = """
DROP TRIGGER IF EXISTS debt_recovery_allocation_append_only ON debt_recovery_allocation;
DROP FUNCTION IF EXISTS debt_recovery_allocation_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("debt_recovery", "0006_payment_files")]

    operations = [migrations.RunSQL(sql=UP, reverse_sql=DOWN)]
