"""Clients' property's tables, gathered for Django from the parts that own them."""

from properties.register.models import *  # noqa: F403
from properties.insurance.models import *  # noqa: F403
from properties.inspections.models import *  # noqa: F403
from properties.lettings.models import *  # noqa: F403
from properties.repairs.models import *  # noqa: F403
from properties.clearance.models import *  # noqa: F403
from properties.sale.models import *  # noqa: F403
