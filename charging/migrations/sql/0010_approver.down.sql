DROP TRIGGER IF EXISTS charging_assessment_approver ON charging_assessment;
DROP FUNCTION IF EXISTS charging_assessment_approver_trigger();
