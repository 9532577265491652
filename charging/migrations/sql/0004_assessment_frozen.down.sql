DROP TRIGGER IF EXISTS charging_assessment_frozen ON charging_assessment;
DROP FUNCTION IF EXISTS charging_assessment_frozen();
