"""gunicorn bench.wsgi: the site as in production, plus the floor view (bench/urls.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
application = get_wsgi_application()
