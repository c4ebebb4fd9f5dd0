"""ETag and If-None-Match for detail responses.

The tag is a hash of the response body, so it changes with anything that
changes what a client sees: the claim's version, an edited verdict, a new
piece of evidence, a renamed speaker.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.response import Response


def etag_for(data) -> str:
    body = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return f'"{hashlib.sha256(body.encode()).hexdigest()[:32]}"'


def conditional_response(request, data) -> Response:
    """200 with an ETag, or 304 when the client already holds this body."""
    etag = etag_for(data)
    # Weak comparison, as RFC 9110 asks for If-None-Match.
    held = {tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))}
    if etag in held or "*" in held:
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    return Response(data, headers={"ETag": etag})
