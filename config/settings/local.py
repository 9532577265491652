"""Settings for running the application on a developer's or a demonstrator's machine."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
