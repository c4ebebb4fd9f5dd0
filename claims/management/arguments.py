"""argparse types shared by the claims commands."""

import argparse
from datetime import date


def batch_size(maximum: int):
    """An argparse type: a whole number of rows per batch, from 1 to `maximum`."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            number = 0
        if not 1 <= number <= maximum:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from 1 to {maximum}, not {text!r}"
            )
        return number

    return parse


def passes(maximum: int):
    """An argparse type: a number of passes over training data, above 0 and
    at most `maximum` (a fraction stops part way through a pass)."""

    def parse(text: str) -> float:
        try:
            number = float(text)
        except ValueError:
            number = 0.0
        # Written so that NaN fails too.
        if not 0 < number <= maximum:
            raise argparse.ArgumentTypeError(
                f"expected a number of passes above 0 and at most {maximum}, not {text!r}"
            )
        return number

    return parse


def iso_date(text: str) -> date:
    """An argparse type: a calendar date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a date written YYYY-MM-DD, not {text!r}"
        ) from None
