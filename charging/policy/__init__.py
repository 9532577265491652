"""Council policy: the council's own charging choices above the Care Act's minimums, effective-dated
like the rates (models, services, selectors, forms, views, urls); :mod:`charging.policy.terms` is the
pure-Python form the calculator reads."""
