"""Casework around a charge: top-up agreements and their four-weekly invoices, appeals and complaints,
deprivation-of-assets decisions and referrals out (pages under the ``casework`` URL namespace)."""
