-- Who may approve a financial assessment, enforced by PostgreSQL as well as by the rules
-- (charging/rules.py), so that a script or a view that forgets the rule is still refused. Read by
-- migration 0010_approver.
--   23C01 CHARGING_APPROVER   an assessment approved by someone who does not lead a charging team
--
-- That the approver is not the assessor is a CHECK already (charging_assessment_approver_not_assessor).
-- The check is of who the person is when they approve; leaving the team later does not undo it.

CREATE OR REPLACE FUNCTION charging_assessment_approver_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.approved_by_id IS NOT NULL
       AND NEW.approved_by_id IS DISTINCT FROM (CASE WHEN TG_OP = 'UPDATE' THEN OLD.approved_by_id END)
       AND NOT EXISTS (
            SELECT 1 FROM people_teammembership m JOIN people_team t ON t.id = m.team_id
              JOIN auth_user u ON u.id = m.user_id
             WHERE m.user_id = NEW.approved_by_id AND m.is_leader AND u.is_active AND t.service = 'charging') THEN
        RAISE EXCEPTION 'CHARGING_APPROVER: user % does not lead a charging team, so cannot approve assessment %', NEW.approved_by_id, NEW.id
            USING ERRCODE = '23C01';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER charging_assessment_approver
    BEFORE INSERT OR UPDATE OF approved_by_id ON charging_assessment
    FOR EACH ROW EXECUTE FUNCTION charging_assessment_approver_trigger();
