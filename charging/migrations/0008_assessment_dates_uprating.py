"""In force by dates: ``Assessment.replaced_from`` (the day the next approved assessment takes effect),
filled in for the assessments already superseded (``sql/0008_replaced_from.up.sql``), and an exclusion
constraint (btree_gist) allowing at most one assessment in force per client and setting on any day; the
trigger of 0004 learns the new column (``sql/0008_assessment_frozen.up.sql``). Also the benefit rate
codes for the April uprating, the uplift's uprated income lines, and its second team leader."""

from pathlib import Path

import charging.models
import django.contrib.postgres.constraints
from django.contrib.postgres.operations import BtreeGistExtension
import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


SQL = Path(__file__).resolve().parent / "sql"


def _read(name: str) -> str:
    return (SQL / name).read_text(encoding="utf-8")


class Migration(migrations.Migration):

    dependencies = [
        ('charging', '0007_topups_appeals'),
        ('documents', '0003_charge_invoice_kind'),
        ('people', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        BtreeGistExtension(),
        migrations.RemoveConstraint(
            model_name='assessment',
            name='charging_assessment_superseded_by_another',
        ),
        migrations.RemoveConstraint(
            model_name='assessment',
            name='charging_assessment_one_approved_per_setting',
        ),
        migrations.RemoveConstraint(
            model_name='rate',
            name='charging_rate_code_valid',
        ),
        migrations.RemoveConstraint(
            model_name='upliftrun',
            name='charging_upliftrun_status_valid',
        ),
        migrations.AddField(
            model_name='assessment',
            name='replaced_from',
            field=models.DateField(blank=True, help_text='The day the next approved assessment takes effect: this one is in force up to the day before.', null=True),
        ),
        migrations.AddField(
            model_name='historicalassessment',
            name='replaced_from',
            field=models.DateField(blank=True, help_text='The day the next approved assessment takes effect: this one is in force up to the day before.', null=True),
        ),
        migrations.AddField(
            model_name='historicalupliftitem',
            name='check_task',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="The officer's task to check them, set on commit.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.task'),
        ),
        migrations.AddField(
            model_name='historicalupliftitem',
            name='income_lines',
            field=models.JSONField(blank=True, default=list, encoder=django.core.serializers.json.DjangoJSONEncoder, help_text='Each income line before and after the uprating, with how (charging.uprating.UpratedLine).'),
        ),
        migrations.AddField(
            model_name='historicalupliftitem',
            name='lines_to_check',
            field=models.PositiveSmallIntegerField(default=0, help_text='Income lines carried over unchanged for an officer to check.'),
        ),
        migrations.AddField(
            model_name='historicalupliftrun',
            name='commit_correlation_id',
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name='historicalupliftrun',
            name='commit_requested_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicalupliftrun',
            name='commit_requested_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalupliftrun',
            name='needs_second_approval',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='historicalupliftrun',
            name='other_income_basis',
            field=models.CharField(blank=True, help_text='What the percentage for other income is based on.', max_length=300),
        ),
        migrations.AddField(
            model_name='historicalupliftrun',
            name='other_income_percent',
            field=models.DecimalField(blank=True, decimal_places=4, help_text='The percentage other income (occupational and private pensions, annuities) rises by.', max_digits=7, null=True),
        ),
        migrations.AddField(
            model_name='upliftitem',
            name='check_task',
            field=models.OneToOneField(blank=True, help_text="The officer's task to check them, set on commit.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.task'),
        ),
        migrations.AddField(
            model_name='upliftitem',
            name='income_lines',
            field=models.JSONField(blank=True, default=list, encoder=django.core.serializers.json.DjangoJSONEncoder, help_text='Each income line before and after the uprating, with how (charging.uprating.UpratedLine).'),
        ),
        migrations.AddField(
            model_name='upliftitem',
            name='lines_to_check',
            field=models.PositiveSmallIntegerField(default=0, help_text='Income lines carried over unchanged for an officer to check.'),
        ),
        migrations.AddField(
            model_name='upliftrun',
            name='commit_correlation_id',
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name='upliftrun',
            name='commit_requested_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='upliftrun',
            name='commit_requested_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='upliftrun',
            name='needs_second_approval',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='upliftrun',
            name='other_income_basis',
            field=models.CharField(blank=True, help_text='What the percentage for other income is based on.', max_length=300),
        ),
        migrations.AddField(
            model_name='upliftrun',
            name='other_income_percent',
            field=models.DecimalField(blank=True, decimal_places=4, help_text='The percentage other income (occupational and private pensions, annuities) rises by.', max_digits=7, null=True),
        ),
        migrations.AlterField(
            model_name='historicalrate',
            name='code',
            field=models.CharField(choices=[('UCL', 'Upper capital limit'), ('LCL', 'Lower capital limit'), ('TARIFF_STEP', 'Tariff income step (£1 a week for every step or part of a step)'), ('PEA', 'Personal expenses allowance (care home), a week'), ('SAVINGS_CREDIT_DISREGARD_SINGLE', 'Savings credit disregard, single, a week'), ('SAVINGS_CREDIT_DISREGARD_COUPLE', 'Savings credit disregard, couple, a week'), ('MIG_SINGLE_18_24', 'Minimum Income Guarantee, single, aged 18 to 24'), ('MIG_SINGLE_25_TO_PCA', 'Minimum Income Guarantee, single, aged 25 to pension credit age'), ('MIG_SINGLE_PCA', 'Minimum Income Guarantee, single, pension credit age'), ('MIG_COUPLE_18_PLUS', 'Minimum Income Guarantee, member of a couple aged 18 or over (each)'), ('MIG_COUPLE_PCA', 'Minimum Income Guarantee, member of a couple, pension credit age (each)'), ('MIG_DISABILITY_PREMIUM_SINGLE', 'Disability premium (single)'), ('MIG_DISABILITY_PREMIUM_COUPLE', 'Disability premium (member of a couple)'), ('MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE', 'Enhanced disability premium (single)'), ('MIG_ENHANCED_DISABILITY_PREMIUM_COUPLE', 'Enhanced disability premium (member of a couple)'), ('MIG_CARER_PREMIUM', 'Carer premium'), ('MIG_DEPENDENT_CHILD', 'Dependent child allowance (each child)'), ('DRE_FLAT', 'Disability related expenditure, flat rate, a week'), ('MIN_CHARGE', 'Minimum weekly charge (below this nothing is charged)'), ('WAR_WIDOW_DISREGARD', "War widow's pension disregard, a week"), ('AA_HIGHER', 'Attendance Allowance higher rate / DLA care highest rate, a week'), ('AA_LOWER', 'Attendance Allowance lower rate / DLA care middle rate, a week'), ('SP_NEW_FULL', 'New State Pension, full rate, a week'), ('SP_BASIC_FULL', 'Basic State Pension (Category A or B), full rate, a week'), ('PC_GUARANTEE_SINGLE', 'Pension Credit standard minimum guarantee, single, a week'), ('PC_GUARANTEE_COUPLE', 'Pension Credit standard minimum guarantee, couple, a week'), ('PIP_DAILY_LIVING_ENHANCED', 'PIP daily living component, enhanced rate, a week'), ('PIP_DAILY_LIVING_STANDARD', 'PIP daily living component, standard rate, a week'), ('PIP_MOBILITY_ENHANCED', 'PIP mobility component, enhanced rate, a week'), ('PIP_MOBILITY_STANDARD', 'PIP mobility component, standard rate, a week'), ('DLA_CARE_LOWEST', 'DLA care component, lowest rate, a week'), ('DLA_MOBILITY_HIGHER', 'DLA mobility component, higher rate, a week'), ('DLA_MOBILITY_LOWER', 'DLA mobility component, lower rate, a week'), ('CARERS_ALLOWANCE', "Carer's Allowance, a week"), ('UPRATING_CPI', 'Uprating by prices (CPI): additional State Pension, protected payments and the benefits that rise with prices'), ('DPA_MAX_INTEREST', 'Deferred payment maximum interest rate'), ('DPA_DISPOSABLE_INCOME', 'Deferred payment disposable income allowance, a week'), ('BOE_BASE_RATE', 'Bank of England base rate'), ('LATE_PAYMENT_UPLIFT', 'Late payment interest over base rate'), ('LATE_PAYMENT_COMPENSATION_LOW', 'Late payment compensation, debt below £1,000'), ('LATE_PAYMENT_COMPENSATION_MID', 'Late payment compensation, debt £1,000 to below £10,000'), ('LATE_PAYMENT_COMPENSATION_HIGH', 'Late payment compensation, debt £10,000 or more'), ('DEPUTY_FEE_ORDER', 'Deputyship: work up to and including the order'), ('DEPUTY_FEE_ANNUAL_YEAR_1', 'Deputyship: annual management fee, first year'), ('DEPUTY_FEE_ANNUAL_YEAR_2_ON', 'Deputyship: annual management fee, second year onwards'), ('DEPUTY_FEE_PROPERTY_MANAGEMENT', 'Deputyship: annual property management fee'), ('DEPUTY_FEE_OPG_REPORT', 'Deputyship: preparing the annual OPG report'), ('DEPUTY_LOW_ASSET_THRESHOLD', 'Deputyship: net assets below which the annual fee is capped'), ('DEPUTY_LOW_ASSET_CAP', 'Deputyship: annual fee cap as a percentage of net assets'), ('OPG_ASSESSMENT_FEE', 'Office of the Public Guardian: assessment fee'), ('OPG_GENERAL_SUPERVISION_FEE', 'Office of the Public Guardian: general supervision fee, a year'), ('OPG_MINIMAL_SUPERVISION_FEE', 'Office of the Public Guardian: minimal supervision fee, a year'), ('OPG_MINIMAL_SUPERVISION_THRESHOLD', 'Office of the Public Guardian: assets below which supervision is minimal')], max_length=60),
        ),
        migrations.AlterField(
            model_name='historicalupliftrun',
            name='status',
            field=models.CharField(choices=[('previewing', 'Working out the new charges'), ('previewed', 'Ready to commit'), ('awaiting_second', 'Waiting for a second team leader to confirm'), ('committing', 'Making the new assessments'), ('committed', 'Committed'), ('failed', 'Failed')], default='previewing', max_length=20),
        ),
        migrations.AlterField(
            model_name='rate',
            name='code',
            field=models.CharField(choices=[('UCL', 'Upper capital limit'), ('LCL', 'Lower capital limit'), ('TARIFF_STEP', 'Tariff income step (£1 a week for every step or part of a step)'), ('PEA', 'Personal expenses allowance (care home), a week'), ('SAVINGS_CREDIT_DISREGARD_SINGLE', 'Savings credit disregard, single, a week'), ('SAVINGS_CREDIT_DISREGARD_COUPLE', 'Savings credit disregard, couple, a week'), ('MIG_SINGLE_18_24', 'Minimum Income Guarantee, single, aged 18 to 24'), ('MIG_SINGLE_25_TO_PCA', 'Minimum Income Guarantee, single, aged 25 to pension credit age'), ('MIG_SINGLE_PCA', 'Minimum Income Guarantee, single, pension credit age'), ('MIG_COUPLE_18_PLUS', 'Minimum Income Guarantee, member of a couple aged 18 or over (each)'), ('MIG_COUPLE_PCA', 'Minimum Income Guarantee, member of a couple, pension credit age (each)'), ('MIG_DISABILITY_PREMIUM_SINGLE', 'Disability premium (single)'), ('MIG_DISABILITY_PREMIUM_COUPLE', 'Disability premium (member of a couple)'), ('MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE', 'Enhanced disability premium (single)'), ('MIG_ENHANCED_DISABILITY_PREMIUM_COUPLE', 'Enhanced disability premium (member of a couple)'), ('MIG_CARER_PREMIUM', 'Carer premium'), ('MIG_DEPENDENT_CHILD', 'Dependent child allowance (each child)'), ('DRE_FLAT', 'Disability related expenditure, flat rate, a week'), ('MIN_CHARGE', 'Minimum weekly charge (below this nothing is charged)'), ('WAR_WIDOW_DISREGARD', "War widow's pension disregard, a week"), ('AA_HIGHER', 'Attendance Allowance higher rate / DLA care highest rate, a week'), ('AA_LOWER', 'Attendance Allowance lower rate / DLA care middle rate, a week'), ('SP_NEW_FULL', 'New State Pension, full rate, a week'), ('SP_BASIC_FULL', 'Basic State Pension (Category A or B), full rate, a week'), ('PC_GUARANTEE_SINGLE', 'Pension Credit standard minimum guarantee, single, a week'), ('PC_GUARANTEE_COUPLE', 'Pension Credit standard minimum guarantee, couple, a week'), ('PIP_DAILY_LIVING_ENHANCED', 'PIP daily living component, enhanced rate, a week'), ('PIP_DAILY_LIVING_STANDARD', 'PIP daily living component, standard rate, a week'), ('PIP_MOBILITY_ENHANCED', 'PIP mobility component, enhanced rate, a week'), ('PIP_MOBILITY_STANDARD', 'PIP mobility component, standard rate, a week'), ('DLA_CARE_LOWEST', 'DLA care component, lowest rate, a week'), ('DLA_MOBILITY_HIGHER', 'DLA mobility component, higher rate, a week'), ('DLA_MOBILITY_LOWER', 'DLA mobility component, lower rate, a week'), ('CARERS_ALLOWANCE', "Carer's Allowance, a week"), ('UPRATING_CPI', 'Uprating by prices (CPI): additional State Pension, protected payments and the benefits that rise with prices'), ('DPA_MAX_INTEREST', 'Deferred payment maximum interest rate'), ('DPA_DISPOSABLE_INCOME', 'Deferred payment disposable income allowance, a week'), ('BOE_BASE_RATE', 'Bank of England base rate'), ('LATE_PAYMENT_UPLIFT', 'Late payment interest over base rate'), ('LATE_PAYMENT_COMPENSATION_LOW', 'Late payment compensation, debt below £1,000'), ('LATE_PAYMENT_COMPENSATION_MID', 'Late payment compensation, debt £1,000 to below £10,000'), ('LATE_PAYMENT_COMPENSATION_HIGH', 'Late payment compensation, debt £10,000 or more'), ('DEPUTY_FEE_ORDER', 'Deputyship: work up to and including the order'), ('DEPUTY_FEE_ANNUAL_YEAR_1', 'Deputyship: annual management fee, first year'), ('DEPUTY_FEE_ANNUAL_YEAR_2_ON', 'Deputyship: annual management fee, second year onwards'), ('DEPUTY_FEE_PROPERTY_MANAGEMENT', 'Deputyship: annual property management fee'), ('DEPUTY_FEE_OPG_REPORT', 'Deputyship: preparing the annual OPG report'), ('DEPUTY_LOW_ASSET_THRESHOLD', 'Deputyship: net assets below which the annual fee is capped'), ('DEPUTY_LOW_ASSET_CAP', 'Deputyship: annual fee cap as a percentage of net assets'), ('OPG_ASSESSMENT_FEE', 'Office of the Public Guardian: assessment fee'), ('OPG_GENERAL_SUPERVISION_FEE', 'Office of the Public Guardian: general supervision fee, a year'), ('OPG_MINIMAL_SUPERVISION_FEE', 'Office of the Public Guardian: minimal supervision fee, a year'), ('OPG_MINIMAL_SUPERVISION_THRESHOLD', 'Office of the Public Guardian: assets below which supervision is minimal')], max_length=60),
        ),
        migrations.AlterField(
            model_name='upliftrun',
            name='status',
            field=models.CharField(choices=[('previewing', 'Working out the new charges'), ('previewed', 'Ready to commit'), ('awaiting_second', 'Waiting for a second team leader to confirm'), ('committing', 'Making the new assessments'), ('committed', 'Committed'), ('failed', 'Failed')], default='previewing', max_length=20),
        ),
        migrations.RunSQL(sql=_read("0008_replaced_from.up.sql"), reverse_sql=_read("0008_replaced_from.down.sql")),
        migrations.RunSQL(sql=_read("0008_assessment_frozen.up.sql"),
                          reverse_sql=_read("0008_assessment_frozen.down.sql")),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'superseded'), ('replaced_from__isnull', False), ('superseded_at__isnull', False), ('superseded_by__isnull', False)), models.Q(('status', 'approved'), ('superseded_at__isnull', True), models.Q(models.Q(('replaced_from__isnull', True), ('superseded_by__isnull', True)), models.Q(('replaced_from__isnull', False), ('superseded_by__isnull', False)), _connector='OR')), models.Q(('status__in', ['draft', 'submitted']), ('replaced_from__isnull', True), ('superseded_at__isnull', True), ('superseded_by__isnull', True)), _connector='OR'), name='charging_assessment_superseded_by_another'),
        ),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.CheckConstraint(condition=models.Q(('replaced_from__isnull', True), ('replaced_from__gte', models.F('effective_from')), _connector='OR'), name='charging_assessment_replaced_after_start'),
        ),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.UniqueConstraint(condition=models.Q(('replaced_from__isnull', True), ('status', 'approved')), fields=('client', 'setting'), name='charging_assessment_one_open_per_setting'),
        ),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=django.contrib.postgres.constraints.ExclusionConstraint(condition=models.Q(('status__in', ['approved', 'superseded'])), expressions=[('client', '='), ('setting', '='), (charging.models.DateRange('effective_from', 'replaced_from'), '&&')], name='charging_assessment_one_in_force_per_day'),
        ),
        migrations.AddConstraint(
            model_name='rate',
            constraint=models.CheckConstraint(condition=models.Q(('code__in', ['UCL', 'LCL', 'TARIFF_STEP', 'PEA', 'SAVINGS_CREDIT_DISREGARD_SINGLE', 'SAVINGS_CREDIT_DISREGARD_COUPLE', 'MIG_SINGLE_18_24', 'MIG_SINGLE_25_TO_PCA', 'MIG_SINGLE_PCA', 'MIG_COUPLE_18_PLUS', 'MIG_COUPLE_PCA', 'MIG_DISABILITY_PREMIUM_SINGLE', 'MIG_DISABILITY_PREMIUM_COUPLE', 'MIG_ENHANCED_DISABILITY_PREMIUM_SINGLE', 'MIG_ENHANCED_DISABILITY_PREMIUM_COUPLE', 'MIG_CARER_PREMIUM', 'MIG_DEPENDENT_CHILD', 'DRE_FLAT', 'MIN_CHARGE', 'WAR_WIDOW_DISREGARD', 'AA_HIGHER', 'AA_LOWER', 'SP_NEW_FULL', 'SP_BASIC_FULL', 'PC_GUARANTEE_SINGLE', 'PC_GUARANTEE_COUPLE', 'PIP_DAILY_LIVING_ENHANCED', 'PIP_DAILY_LIVING_STANDARD', 'PIP_MOBILITY_ENHANCED', 'PIP_MOBILITY_STANDARD', 'DLA_CARE_LOWEST', 'DLA_MOBILITY_HIGHER', 'DLA_MOBILITY_LOWER', 'CARERS_ALLOWANCE', 'UPRATING_CPI', 'DPA_MAX_INTEREST', 'DPA_DISPOSABLE_INCOME', 'BOE_BASE_RATE', 'LATE_PAYMENT_UPLIFT', 'LATE_PAYMENT_COMPENSATION_LOW', 'LATE_PAYMENT_COMPENSATION_MID', 'LATE_PAYMENT_COMPENSATION_HIGH', 'DEPUTY_FEE_ORDER', 'DEPUTY_FEE_ANNUAL_YEAR_1', 'DEPUTY_FEE_ANNUAL_YEAR_2_ON', 'DEPUTY_FEE_PROPERTY_MANAGEMENT', 'DEPUTY_FEE_OPG_REPORT', 'DEPUTY_LOW_ASSET_THRESHOLD', 'DEPUTY_LOW_ASSET_CAP', 'OPG_ASSESSMENT_FEE', 'OPG_GENERAL_SUPERVISION_FEE', 'OPG_MINIMAL_SUPERVISION_FEE', 'OPG_MINIMAL_SUPERVISION_THRESHOLD'])), name='charging_rate_code_valid'),
        ),
        migrations.AddConstraint(
            model_name='upliftrun',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['previewing', 'previewed', 'awaiting_second', 'committing', 'committed', 'failed'])), name='charging_upliftrun_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='upliftrun',
            constraint=models.CheckConstraint(condition=models.Q(('committed_by__isnull', True), ('commit_requested_by__isnull', False), _connector='OR'), name='charging_upliftrun_commit_requested_first'),
        ),
        migrations.AddConstraint(
            model_name='upliftrun',
            constraint=models.CheckConstraint(condition=models.Q(('needs_second_approval', False), ('committed_by__isnull', True), models.Q(('committed_by', models.F('commit_requested_by')), _negated=True), _connector='OR'), name='charging_upliftrun_second_leader_confirms'),
        ),
        migrations.AddConstraint(
            model_name='upliftrun',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'awaiting_second'), _negated=True), models.Q(('commit_requested_by__isnull', False), ('committed_by__isnull', True), ('needs_second_approval', True)), _connector='OR'), name='charging_upliftrun_awaiting_second_leader'),
        ),
        migrations.AddConstraint(
            model_name='upliftrun',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('other_income_basis', ''), ('other_income_percent__isnull', True)), models.Q(('other_income_percent__gte', 0), ('other_income_percent__lte', 100), models.Q(('other_income_basis', ''), _negated=True)), _connector='OR'), name='charging_upliftrun_other_income_percent_with_basis'),
        ),
    ]
