from django.core.paginator import InvalidPage
from django.http import HttpResponse
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims.paging import ClaimPaginator

MAX_PAGE_SIZE = 100


def positive_int(request, name: str, *, default: int, maximum: int | None = None) -> int:
    """A query parameter that must be a whole number from 1 (to `maximum`)."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if raw == "":
        raise ValidationError({name: [f"“{name}” is empty: give a number or leave it out."]})
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1 or (maximum is not None and value > maximum):
        bound = f" up to {maximum}" if maximum else ""
        raise ValidationError({name: [f"Must be a whole number from 1{bound}, not “{raw}”."]})
    return value


class PagePagination(PageNumberPagination):
    """`page` and `page_size` (at most 100); a bad value is a 400, a page past
    the last a 404, never a silent fallback."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return positive_int(
            request, self.page_size_query_param, default=self.page_size, maximum=MAX_PAGE_SIZE
        )

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        number = positive_int(request, self.page_query_param, default=1)
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise NotFound(
                f"There is no page {number}; the last page is {paginator.num_pages}."
            ) from None
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results per page, 1 to {MAX_PAGE_SIZE}; {self.page_size} "
                "when left out.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


class ClaimPagePagination(PagePagination):
    """Claim lists: counted once per change, read key first (claims.paging)."""

    django_paginator_class = ClaimPaginator

    def get_rendered_paginated_response(self, bodies: list[bytes]) -> HttpResponse:
        """get_paginated_response() for results rendered earlier (cached JSON
        bodies), spliced into the same page without parsing them again."""
        head = JSONRenderer().render(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
            }
        )
        body = head[:-1] + b',"results":[' + b",".join(bodies) + b"]}"
        return HttpResponse(body, content_type="application/json")


class LinkHeaderPagination(PagePagination):
    """The same pages, with next and previous in a `Link` header (RFC 8288) so
    that the body can stay a pure schema.org document. Claim pages, counted
    once per change."""

    django_paginator_class = ClaimPaginator

    def get_paginated_response(self, data):
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        headers = {"Link": ", ".join(links)} if links else {}
        return Response(data, headers=headers)
