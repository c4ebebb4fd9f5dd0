"""The anonymous API throttle, counting requests in fixed windows.

DRF's AnonRateThrottle keeps the time of every request in the window as one
list in the cache, read and rewritten whole on each request: at a high rate
that is thousands of floats per client and request. This keeps a count per
client and window instead (claims.ratelimit), one atomic increment. A fixed
window lets a client spend up to twice the rate across a window boundary.
"""

import time

from rest_framework.throttling import AnonRateThrottle

from claims.ratelimit import allow


class AnonCountThrottle(AnonRateThrottle):
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:  # signed in or holding a token
            return True
        self.window_ends = (time.time() // self.duration + 1) * self.duration
        return allow("api", key, limit=self.num_requests, period=self.duration)

    def wait(self):
        return max(1.0, self.window_ends - time.time())
