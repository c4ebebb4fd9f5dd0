import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.throttling import AnonRateThrottle

from claims.workflow import TRANSITIONS

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/claims/": {"get", "post"},
    "/api/v1/claims/{id}/": {"get", "patch"},
    "/api/v1/claims/{id}/verdict/": {"put", "patch"},
    "/api/v1/claims/{id}/{transition}/": {"post"},
    "/api/v1/claims/{id}/evidence/": {"post"},
    "/api/v1/claims/{id}/claimreview/": {"get"},
    "/api/v1/claims/match/": {"get"},
    "/api/v1/claims:search": {"get"},
    "/api/v1/claimreview/": {"get"},
    "/api/v1/speakers/": {"get"},
    "/api/v1/speakers/{id}/": {"get"},
    "/api/v1/sources/": {"get"},
    "/api/v1/sources/{id}/": {"get"},
    "/api/v1/outlets/": {"get"},
    "/api/v1/outlets/{id}/": {"get"},
    "/api/v1/ratings/": {"get"},
    "/api/v1/ratings/{id}/": {"get"},
}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_is_valid_openapi_3_and_lists_every_endpoint(schema):
    validate_schema(schema)
    assert {path: set(ops) for path, ops in schema["paths"].items()} == PATHS


def test_the_schema_serves_as_json_and_the_docs_page_uses_local_assets(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Factcheck API"
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs.content
    assert b"cdn." not in docs.content


def test_every_operation_documents_its_errors(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "429"} <= codes, (path, method)
            if method in ("post", "put", "patch"):
                assert {"400", "403"} <= codes, (path, method)
            if "{id}" in path or any(p["in"] == "query" for p in operation.get("parameters", [])):
                assert {"404", "414"} <= codes, (path, method)


def test_anonymous_access_is_declared_exactly_where_it_is_allowed(schema, api, published):
    """`security: [{}]` on every read, which anonymous clients may make, and on
    no write, which they may not: a client generator must believe both."""
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            anonymous = {} in operation["security"]
            assert anonymous == (method == "get"), (path, method)
            assert {"tokenAuth": []} in operation["security"], (path, method)
    assert api.get("/api/v1/claims/").status_code == 200
    assert api.post("/api/v1/claims/", {"text": "x"}, format="json").status_code == 401


def test_text_query_parameters_say_they_refuse_nul(schema):
    search = schema["paths"]["/api/v1/claims:search"]["get"]["parameters"]
    token = next(p for p in search if p["name"] == "pageToken")
    assert token["schema"]["pattern"] == "^[0-9]{1,9}$"
    listing = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]
    }
    assert listing["rating"]["pattern"] == "^[^\\x00]*$"
    assert "pattern" not in listing["said_on_before"]  # a date says what it is by its format


def test_the_transitions_and_filters_are_enumerated(schema):
    transition = schema["paths"]["/api/v1/claims/{id}/{transition}/"]["post"]
    names = next(p for p in transition["parameters"] if p["name"] == "transition")
    assert set(names["schema"]["enum"]) == set(TRANSITIONS)
    params = {p["name"] for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    assert {
        "search",
        "rating",
        "speaker",
        "topic",
        "language",
        "outlet",
        "said_on_after",
        "said_on_before",
        "published_after",
        "published_before",
        "ordering",
        "page",
        "page_size",
    } <= params
    retrieve = schema["paths"]["/api/v1/claims/{id}/"]["get"]
    assert "304" in retrieve["responses"]
    assert "ETag" in retrieve["responses"]["200"]["headers"]
    assert "410" in schema["paths"]["/api/v1/claims/{id}/claimreview/"]["get"]["responses"]


def test_what_only_the_desk_reads_is_documented_but_not_required(schema):
    components = schema["components"]["schemas"]
    for component, name in (("Claim", "assignee"), ("Verdict", "authors")):
        assert (
            "Researchers and editors only"
            in components[component]["properties"][name]["description"]
        )
        assert name not in components[component]["required"]
        assert "text" in components["Claim"]["required"]  # the others stay required


def test_cors_lets_other_sites_read_but_not_write(api, published):
    origin = {"HTTP_ORIGIN": "https://news.example.com"}
    read = api.get(f"/api/v1/claims/{published.pk}/", **origin)
    assert read["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in read["Access-Control-Expose-Headers"]
    preflight = api.options("/api/v1/claims/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST", **origin)
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight["Access-Control-Allow-Headers"] == "if-none-match"
    assert "Access-Control-Allow-Origin" not in api.get("/admin/login/", **origin)


def test_anonymous_clients_are_throttled(api, published, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    statuses = [api.get("/api/v1/claims/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/claims/")
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"].startswith("Request was throttled.")


def test_token_holders_are_not_throttled_as_anonymous(client_for, researcher, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    client = client_for(researcher)
    assert [client.get("/api/v1/claims/").status_code for _ in range(3)] == [200, 200, 200]


@pytest.mark.parametrize(
    "path, method",
    [
        ("/api/v1/claims/{id}/", "patch"),
        ("/api/v1/claims/{id}/verdict/", "put"),
        ("/api/v1/claims/{id}/verdict/", "patch"),
    ],
)
def test_edits_document_their_body_with_the_expected_version_required(schema, path, method):
    operation = schema["paths"][path][method]
    assert operation["requestBody"]["required"] is True
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert body["required"] == ["expected_version"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] == (
        "#/components/schemas/Claim"
    )
