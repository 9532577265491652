-- Each approved assessment is in force from its effective date up to the day before replaced_from.
-- For the assessments already superseded, replaced_from is the earliest effective date of any
-- assessment for the same client and setting approved after it: a later approval replaces it from
-- the day it starts (never before its own start: one replaced before it began was never in force).
-- This is the day the charging run already stopped charging it (the next assessment by effective
-- date), except where a later approval started earlier, which the run now follows too.
UPDATE charging_assessment AS a
SET replaced_from = GREATEST(a.effective_from, (
        SELECT MIN(b.effective_from)
        FROM charging_assessment AS b
        WHERE b.client_id = a.client_id
          AND b.setting = a.setting
          AND b.status IN ('approved', 'superseded')
          AND (b.approved_at, b.id) > (a.approved_at, a.id)))
WHERE a.status = 'superseded';
