"""ETag and If-None-Match for detail responses.

The tag is a hash of the response body, so it changes with anything that
changes what a client sees: the claim's version, an edited verdict, a new
piece of evidence, a renamed speaker.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response


def etag_for(data) -> str:
    body = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return f'"{hashlib.sha256(body.encode()).hexdigest()[:32]}"'


def client_holds(request, etag: str) -> bool:
    # Weak comparison, as RFC 9110 asks for If-None-Match.
    held = {tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))}
    return etag in held or "*" in held


def conditional_response(request, data) -> Response:
    """200 with an ETag, or 304 when the client already holds this body."""
    etag = etag_for(data)
    if client_holds(request, etag):
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    return Response(data, headers={"ETag": etag})


def rendered(data) -> tuple[str, bytes]:
    """(ETag, JSON body) of `data`, as conditional_response() would answer it, for the cache."""
    return etag_for(data), JSONRenderer().render(data)


def conditional_rendered_response(request, etag: str, body: bytes) -> HttpResponse:
    """conditional_response() for a body rendered earlier (by rendered())."""
    if client_holds(request, etag):
        return HttpResponse(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    return HttpResponse(body, content_type="application/json", headers={"ETag": etag})
