-- A deputyship application may not be recorded as submitted to the Court of Protection until every
-- relative and interested party identified for it has been told (a notification recorded), and at least
-- one has been identified unless the referral records why none could be found. The service refuses with
-- a sentence first; this holds whatever path writes the row.
CREATE OR REPLACE FUNCTION deputyship_referral_parties_told() RETURNS trigger AS $$
BEGIN
    IF NEW.submitted_on IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.submitted_on IS NULL) THEN
        IF EXISTS (SELECT 1 FROM deputyship_interestedparty
                   WHERE referral_id = NEW.id AND notified_on IS NULL) THEN
            RAISE EXCEPTION 'deputyship referral %: interested parties not yet told of the application', NEW.id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'dep_referral_parties_told';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM deputyship_interestedparty WHERE referral_id = NEW.id)
           AND btrim(NEW.no_parties_reason) = '' THEN
            RAISE EXCEPTION 'deputyship referral %: no interested party identified and no reason recorded', NEW.id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'dep_referral_parties_told';
        END IF;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER deputyship_referral_parties_told
    BEFORE INSERT OR UPDATE OF submitted_on ON deputyship_referral
    FOR EACH ROW EXECUTE FUNCTION deputyship_referral_parties_told();
