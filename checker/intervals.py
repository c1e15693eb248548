"""Interval arithmetic on stated figures: agreement is intersection, growth is division."""

from __future__ import annotations

import math

import attrs

from checker.model import Quantity

INF = math.inf


@attrs.frozen
class Interval:
    """A closed interval of reals; infinite ends stand for open bounds (超X, 不到X)."""

    low: float
    high: float

    @classmethod
    def of(cls, quantity: Quantity) -> "Interval":
        """The interval a stated figure allows; a figure without bounds is its own point."""
        low = quantity.low if quantity.low is not None else (-INF if quantity.qualifier != "over" else quantity.value)
        high = quantity.high if quantity.high is not None else (INF if quantity.qualifier == "over" else quantity.value)
        if quantity.low is None and quantity.high is None and quantity.qualifier != "over":
            # Fractions and 翻番 state no precision: treat them as exact points.
            return cls(quantity.value, quantity.value)
        return cls(low, high)

    def intersects(self, other: "Interval") -> bool:
        """True when the two intervals share at least one value."""
        return self.low <= other.high and other.low <= self.high

    def divide(self, other: "Interval") -> "Interval":
        """self / other for positive intervals (B/A of two levels)."""
        if other.low <= 0:
            # Division by an interval that reaches zero has no finite bounds.
            return Interval(-INF, INF)
        return Interval(self.low / other.high, self.high / other.low if self.high != INF else INF)

    def shift(self, amount: float) -> "Interval":
        """self + amount."""
        return Interval(self.low + amount, self.high + amount)

    def scale(self, factor: float) -> "Interval":
        """self × factor for factor > 0."""
        return Interval(self.low * factor, self.high * factor)

    def negate(self) -> "Interval":
        """−self."""
        return Interval(-self.high, -self.low)

    @property
    def mid(self) -> float:
        """The midpoint (or the finite end when one end is open)."""
        if math.isinf(self.high):
            return self.low
        if math.isinf(self.low):
            return self.high
        return (self.low + self.high) / 2


def relative_change(base: Interval, later: Interval) -> Interval:
    """(B − A) / A as an interval, for positive A."""
    return later.divide(base).shift(-1.0)
