"""The production settings, with the bench's URLconf: the floor view and the
whole site served by one gunicorn, so their figures compare."""

from factcheck.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
