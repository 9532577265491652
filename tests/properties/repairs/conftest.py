from tests.properties.repairs.world import *  # noqa: F403
