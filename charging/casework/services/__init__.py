"""The only code that writes casework records, one module per kind of record: :mod:`.topups`,
:mod:`.appeals` (appeals, complaints and deprivation decisions) and :mod:`.referrals`."""
