"""Pages of claim lists that stay fast however deep the page.

A page is read in two steps: the primary keys of the page first, through the
narrowest query the ordering allows (an index-only scan where an index
matches), then the rows of those keys with everything they show. Counts are
kept in the cache under the list token that any claim write replaces
(claims.caching), so a count is made once per change, not once per page.
"""

import hashlib

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models.query import ModelIterable
from django.utils.functional import cached_property

from claims.caching import LISTS, SITE, cached


def query_digest(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    # Not the database alias: a replica is picked per query, the count is the same.
    return hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]


class ClaimPaginator(Paginator):
    """`most`, when given, caps what is counted and listed: a search matching
    tens of thousands of claims is counted to `most` and no further. `count`,
    when given, is the count already known (the same rows in another order)."""

    def __init__(self, object_list, per_page, *, most: int | None = None, count=None, **options):
        super().__init__(object_list, per_page, **options)
        self.most = most
        if count is not None:
            self.counted = count

    @cached_property
    def counted(self) -> int:
        """The count, or `most` + 1 when there are more."""
        rows = self.object_list if self.most is None else self.object_list[: self.most + 1]
        try:
            key = f"count:{self.most}:" + query_digest(self.object_list)
        except EmptyResultSet:
            return 0
        return cached(key, [SITE, LISTS], rows.count)

    @cached_property
    def count(self) -> int:
        return self.counted if self.most is None else min(self.counted, self.most)

    @property
    def more(self) -> bool:
        """Whether more match than are counted and listed."""
        return self.most is not None and self.counted > self.most

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        if self.object_list._iterable_class is not ModelIterable:
            # A list of keys to begin with (the ClaimReview feed's): that is the page.
            return self._get_page(keys, number, self)
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)
