-- As 0004, and: the day an approved assessment stops being in force (replaced_from) can be set, or
-- moved earlier by a later approval, but never cleared or moved later; its replacement (superseded_by)
-- changes only with it. A superseded assessment stays superseded, and keeps when it was superseded.

CREATE OR REPLACE FUNCTION charging_assessment_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'charging_assessment_frozen: assessment % is %; only a draft can be deleted',
                OLD.id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'draft' AND (
        NEW.inputs IS DISTINCT FROM OLD.inputs
        OR NEW.result IS DISTINCT FROM OLD.result
        OR NEW.weekly_charge IS DISTINCT FROM OLD.weekly_charge
        OR NEW.council_share IS DISTINCT FROM OLD.council_share
        OR NEW.weekly_cost_of_care IS DISTINCT FROM OLD.weekly_cost_of_care
        OR NEW.assessment_date IS DISTINCT FROM OLD.assessment_date
        OR NEW.setting IS DISTINCT FROM OLD.setting
        OR NEW.client_id IS DISTINCT FROM OLD.client_id
        OR NEW.care_package_id IS DISTINCT FROM OLD.care_package_id
        OR NEW.assessed_by_id IS DISTINCT FROM OLD.assessed_by_id
    ) THEN
        RAISE EXCEPTION 'charging_assessment_frozen: assessment % is %; its figures cannot be changed',
            OLD.id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status IN ('approved', 'superseded') AND (
        NEW.approved_by_id IS DISTINCT FROM OLD.approved_by_id
        OR NEW.approved_at IS DISTINCT FROM OLD.approved_at
        OR NEW.effective_from IS DISTINCT FROM OLD.effective_from
        OR NEW.backdating_rule IS DISTINCT FROM OLD.backdating_rule
        OR NEW.backdated_weeks IS DISTINCT FROM OLD.backdated_weeks
        OR NEW.backdated_amount IS DISTINCT FROM OLD.backdated_amount
        OR NEW.backdating_explanation IS DISTINCT FROM OLD.backdating_explanation
        OR (OLD.letter_id IS NOT NULL AND NEW.letter_id IS DISTINCT FROM OLD.letter_id)
        OR (OLD.status = 'approved' AND NEW.status NOT IN ('approved', 'superseded'))
        OR (OLD.status = 'superseded' AND (NEW.status <> 'superseded'
            OR NEW.superseded_at IS DISTINCT FROM OLD.superseded_at))
        OR (OLD.replaced_from IS NOT NULL AND (NEW.replaced_from IS NULL OR NEW.replaced_from > OLD.replaced_from))
        OR (NEW.superseded_by_id IS DISTINCT FROM OLD.superseded_by_id
            AND OLD.superseded_by_id IS NOT NULL
            AND NEW.replaced_from IS NOT DISTINCT FROM OLD.replaced_from)
    ) THEN
        RAISE EXCEPTION 'charging_assessment_frozen: assessment % is %; its approval cannot be changed',
            OLD.id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;
