"""OpenAPI details drf-spectacular cannot infer: which operations anonymous
clients may call, and, added after every operation is described, the error
shapes, the statuses any call can get and the text query parameters accept."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from drf_spectacular.openapi import AutoSchema
from rest_framework.request import Request

# Text query parameters are read by Django form fields, which refuse NUL with a 400.
NO_NUL = "^[^\\x00]*$"
NOT_BLANK = "^[^\\x00]*[^\\x00\\s][^\\x00]*$"


class FactcheckAutoSchema(AutoSchema):
    """Declares anonymous access (`security: [{}]`) wherever the view's own
    permission classes let an anonymous client in, so the schema cannot drift
    from claims.api.permissions."""

    def get_auth(self):
        auths = super().get_auth()
        if {} not in auths and self._anonymous_allowed():
            auths.append({})
        return auths

    def _anonymous_allowed(self) -> bool:
        http_request = HttpRequest()
        http_request.method = self.method
        request = Request(http_request)
        request.user = AnonymousUser()
        return all(p.has_permission(request, self.view) for p in self.view.get_permissions())


ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "Messages by field name; `non_field_errors` for the rest, `detail` when "
    "the request could not be read at all.",
    "properties": {
        "detail": {"type": "string"},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {"anyOf": [{"type": "array"}, {"type": "object"}]},
}


def _response(description: str, schema: str, headers: dict | None = None) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }
    if headers:
        response["headers"] = headers
    return response


def document_errors(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["ValidationError"] = VALIDATION_ERROR
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            responses = operation["responses"]
            parameters = operation.get("parameters", [])
            places = {p["in"] for p in parameters}
            for parameter in parameters:
                schema = parameter.get("schema", {})
                if parameter["in"] == "query" and schema.get("type") == "string":
                    if not {"enum", "format", "pattern"} & schema.keys():
                        # A required text is stripped first: spaces alone are blank.
                        schema["pattern"] = NOT_BLANK if schema.get("minLength") else NO_NUL
            if any(p["name"] == "If-None-Match" for p in parameters):
                responses.setdefault(
                    "304", {"description": "Not modified: the ETag given still matches."}
                )
            if "query" in places or "requestBody" in operation:
                responses.setdefault("400", _response("Invalid input.", "ValidationError"))
            if "path" in places or "query" in places:
                responses.setdefault(
                    "404", _response("No such object, or a page past the last.", "Error")
                )
                # Said by the web server (gunicorn) before the application runs.
                responses.setdefault(
                    "414", {"description": "The address is longer than the server reads (4 KB)."}
                )
            responses.setdefault(
                "401", _response("Credentials were given but are not valid.", "Error")
            )
            if method != "get":
                responses.setdefault("403", _response("This account may not do this.", "Error"))
            responses.setdefault(
                "429",
                _response(
                    "Too many requests from this client (per address, or per user with a token).",
                    "Error",
                    {
                        "Retry-After": {
                            "schema": {"type": "integer"},
                            "description": "Seconds to wait.",
                        }
                    },
                ),
            )
    return result


def require_expected_version(result, generator, request, public):
    """drf-spectacular marks no field of a PATCH body required (DRF's partial
    update does not check them); our edits need the version the client saw."""
    fixed = set()
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.startswith("Patched") and "expected_version" in schema.get("properties", {}):
            schema["required"] = sorted({*schema.get("required", []), "expected_version"})
            fixed.add(f"#/components/schemas/{name}")
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            body = operation.get("requestBody", {})
            if any(c["schema"].get("$ref") in fixed for c in body.get("content", {}).values()):
                body["required"] = True
    return result


def desk_only_fields(result, generator, request, public):
    """The fields only researchers and editors are shown (DeskOnlyFieldsMixin)
    are not in every answer: not required."""
    from claims.api.serializers import ClaimSerializer, VerdictSerializer

    schemas = result.get("components", {}).get("schemas", {})
    for component, serializer in (("Claim", ClaimSerializer), ("Verdict", VerdictSerializer)):
        schema = schemas.get(component, {})
        if "required" in schema:
            schema["required"] = [n for n in schema["required"] if n not in serializer.DESK_ONLY]
    return result
