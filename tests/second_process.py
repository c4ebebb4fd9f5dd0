"""Another web process for tests: `python -m tests.second_process <config JSON>`.

It serves the test's database and shared cache, as a second gunicorn worker
would, through Django's test client: each line on stdin is a path to GET
(optionally followed by a tab and a JSON object of request headers); each
answer is one line of JSON on stdout with the status, headers, body and the
number of database queries it made.
"""

import json
import os
import sys


def main(config: dict) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    from django.conf import settings

    settings.DATABASES["default"] = config["database"]
    settings.CACHES = config["caches"]

    import django

    django.setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    client = Client()
    print("ready", flush=True)
    for line in sys.stdin:
        path, _, headers = line.rstrip("\n").partition("\t")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, headers=json.loads(headers or "{}"))
        answer = {
            "status": response.status_code,
            "headers": dict(response.headers),
            "body": response.content.decode(),
            "queries": len(queries),
            "sql": [q["sql"] for q in queries.captured_queries],
        }
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
