DROP TRIGGER IF EXISTS deputyship_referral_parties_told ON deputyship_referral;
DROP FUNCTION IF EXISTS deputyship_referral_parties_told();
