"""Signals other apps listen to, so that `sources` never imports them."""

from django.dispatch import Signal

# Sent with `source` and `snapshot` after a snapshot is stored (in the same
# transaction); `claims` re-checks the quotes taken from that source.
snapshot_taken = Signal()
