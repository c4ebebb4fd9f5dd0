import pytest

from bench.views import FLOOR_BODY


@pytest.mark.urls("bench.urls")
def test_the_floor_answers_constant_json(client):
    for _ in range(2):
        response = client.get("/bench/floor/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"floor": True} == FLOOR_BODY


@pytest.mark.urls("bench.urls")
@pytest.mark.django_db
def test_the_bench_urls_serve_the_whole_site_beside_the_floor(client):
    assert client.get("/api/v1/claims/").json()["count"] == 0
    assert client.get("/").status_code == 200


def test_the_floor_is_not_part_of_the_product(client):
    assert client.get("/bench/floor/").status_code == 404
