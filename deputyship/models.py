"""Client affairs casework's tables, gathered for Django from the parts that own them."""

from deputyship.referrals.models import *  # noqa: F403
from deputyship.authority.models import *  # noqa: F403
from deputyship.appointment.models import *  # noqa: F403
from deputyship.safeguarding.models import *  # noqa: F403
from deputyship.schedule.models import *  # noqa: F403
from deputyship.payruns.models import *  # noqa: F403
from deputyship.cards.models import *  # noqa: F403
from deputyship.lifeevents.models import *  # noqa: F403
from deputyship.death.models import *  # noqa: F403
from deputyship.fees.models import *  # noqa: F403
from deputyship.returns.models import *  # noqa: F403
