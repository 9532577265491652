"""Client affairs casework: the services other apps may call (the domain boundary; see
docs/architecture.md)."""

from deputyship.authority.choices import Action, AuthorityKind  # noqa: F401
from deputyship.authority.services import (  # noqa: F401
    AuthorityDecision, AuthorityError, authority_check, authority_in_force, authority_require,
)
from deputyship.authority.services import casework_officer_for  # noqa: F401,E402
