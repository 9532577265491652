"""User and team administration: staff accounts, their teams and roles, sign-in lock-outs, and the
teams themselves. For administrators only (the rule ``people.administer_users``).

Every change goes through :mod:`people.administration.services`, with a reason that goes into the
history of the account, the team or the membership it changes.
"""
