"""The API throttles, counting requests in fixed windows: anonymous clients
by address at API_ANON_THROTTLE_RATE, signed-in and token clients by user at
API_USER_THROTTLE_RATE.

DRF's own throttles keep the time of every request in the window as one list
in the cache, read and rewritten whole on each request: at a high rate that
is thousands of floats per client and request. These keep a count per client
and window instead (claims.ratelimit), one atomic increment. A fixed window
lets a client spend up to twice the rate across a window boundary.
"""

import time

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from claims.ratelimit import allow


class CountThrottleMixin:
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:  # a client the other throttle counts
            return True
        self.window_ends = (time.time() // self.duration + 1) * self.duration
        return allow("api", key, limit=self.num_requests, period=self.duration)

    def wait(self):
        return max(1.0, self.window_ends - time.time())


class AnonCountThrottle(CountThrottleMixin, AnonRateThrottle):
    pass


class UserCountThrottle(CountThrottleMixin, UserRateThrottle):
    def get_cache_key(self, request, view):
        # DRF's user throttle also counts anonymous clients by address: they
        # have a throttle of their own.
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)
