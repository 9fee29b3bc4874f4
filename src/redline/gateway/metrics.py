"""Prometheus metrics, rendered in the text exposition format at `GET /metrics`.

A few counters and histograms with labels are all the gateway needs, so they are written here
in a page of code rather than pulled in as a dependency.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)

Labels = tuple[str, ...]


class Counter:
    """A monotonically increasing count per label combination."""

    kind = "counter"

    def __init__(self, name: str, help_text: str, labels: Sequence[str] = ()) -> None:
        self.name, self.help, self.labels = name, help_text, tuple(labels)
        self._values: dict[Labels, float] = {}
        self._lock = threading.Lock()

    def inc(self, *values: str, amount: float = 1.0) -> None:
        """Add `amount` to the count for these label values."""
        with self._lock:
            self._values[values] = self._values.get(values, 0.0) + amount

    def value(self, *values: str) -> float:
        """The current count for these label values."""
        return self._values.get(values, 0.0)

    def samples(self) -> list[str]:
        """Exposition lines."""
        with self._lock:
            items = sorted(self._values.items())
        return [f"{self.name}{_labels(self.labels, key)} {_number(v)}" for key, v in items]


class Histogram:
    """Observations counted into cumulative buckets, with their sum and count."""

    kind = "histogram"

    def __init__(
        self,
        name: str,
        help_text: str,
        labels: Sequence[str] = (),
        buckets: Sequence[float] = LATENCY_BUCKETS,
    ) -> None:
        self.name, self.help, self.labels = name, help_text, tuple(labels)
        self.buckets = tuple(buckets)
        self._series: dict[Labels, list[float]] = {}  # bucket counts, then sum, then count
        self._lock = threading.Lock()

    def observe(self, value: float, *values: str) -> None:
        """Record one observation for these label values."""
        with self._lock:
            series = self._series.setdefault(values, [0.0] * (len(self.buckets) + 2))
            for index, bound in enumerate(self.buckets):
                if value <= bound:
                    series[index] += 1
            series[-2] += value
            series[-1] += 1

    def samples(self) -> list[str]:
        """Exposition lines."""
        lines = []
        with self._lock:
            items = sorted((key, list(series)) for key, series in self._series.items())
        for key, series in items:
            for bound, count in zip(
                (*self.buckets, math.inf), (*series[:-2], series[-1]), strict=True
            ):
                le = "+Inf" if bound == math.inf else _number(bound)
                names, values = (*self.labels, "le"), (*key, le)
                lines.append(f"{self.name}_bucket{_labels(names, values)} {_number(count)}")
            lines.append(f"{self.name}_sum{_labels(self.labels, key)} {series[-2]!r}")
            lines.append(f"{self.name}_count{_labels(self.labels, key)} {_number(series[-1])}")
        return lines


class Gauge:
    """A value read at scrape time from a callback."""

    kind = "gauge"

    def __init__(self, name: str, help_text: str, read: Callable[[], float]) -> None:
        self.name, self.help, self.labels, self.read = name, help_text, (), read

    def samples(self) -> list[str]:
        """Exposition lines."""
        return [f"{self.name} {_number(self.read())}"]


class GatewayMetrics:
    """Every metric the gateway exports."""

    def __init__(self) -> None:
        self.requests = Counter(
            "redline_requests_total", "Chat requests by model and decision.", ("model", "decision")
        )
        self.refusals = Counter(
            "redline_refusals_total", "Requests refused, by redline.", ("redline",)
        )
        self.halts = Counter("redline_halts_total", "Answers halted, by redline.", ("redline",))
        self.upstream_errors = Counter(
            "redline_upstream_errors_total", "Upstream failures by HTTP status.", ("status",)
        )
        self.guard_failures = Counter(
            "redline_guard_failures_total", "Guard or monitor failures, by handling.", ("mode",)
        )
        self.guard_checks = Counter(
            "redline_guard_checks_total", "Calls to /v1/guard/check by decision.", ("decision",)
        )
        self.latency = Histogram(
            "redline_request_seconds", "Whole-request latency by endpoint.", ("endpoint",)
        )
        self.guard_latency = Histogram(
            "redline_guard_seconds", "Time the guard took to judge one request (its own work)."
        )
        self.first_token = Histogram(
            "redline_first_token_seconds", "Time from request to first released token."
        )
        self._all: list[Counter | Histogram | Gauge] = [
            self.requests,
            self.refusals,
            self.halts,
            self.upstream_errors,
            self.guard_failures,
            self.guard_checks,
            self.latency,
            self.guard_latency,
            self.first_token,
        ]

    def gauge(self, name: str, help_text: str, read: Callable[[], float]) -> None:
        """Export a value read at scrape time."""
        self._all.append(Gauge(name, help_text, read))

    def render(self) -> str:
        """All metrics in the Prometheus text exposition format."""
        lines: list[str] = []
        for metric in self._all:
            lines.append(f"# HELP {metric.name} {metric.help}")
            lines.append(f"# TYPE {metric.name} {metric.kind}")
            lines.extend(metric.samples())
        return "\n".join(lines) + "\n"


def _labels(names: Sequence[str], values: Sequence[str]) -> str:
    if not names:
        return ""
    escaped = (v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") for v in values)
    return "{" + ",".join(f'{n}="{v}"' for n, v in zip(names, escaped, strict=True)) + "}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))
