"""OpenAPI details that hold for every operation, added after drf-spectacular
has described each one: the error shapes and the statuses any call can get."""

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
