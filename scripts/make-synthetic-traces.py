#!/usr/bin/python3
"""Writes the synthetic traces shipped in scenarios/traces (deterministic: fixed seed).

    scripts/make-synthetic-traces.py

api-invocations-5m.csv: a CloudWatch-style export (timestamp, Sum, period in
    seconds) of a mobile API's invocations per 5 minutes over 14 days from Monday
    2026-11-02 00:00 in Seoul (+09:00): an hourly profile, weekends at 60-70%,
    1% growth a day, a push notification at 16:00 on weekdays, and a gamma factor
    (cv 0.1) per interval, so it is burstier than Poisson.
checkout-requests.csv: per-request timestamps of 15 minutes of a checkout
    endpoint during a flash sale, at about 2/s rising to 8/s.
"""
import datetime as dt
import math
import pathlib
import random

OUT = pathlib.Path(__file__).resolve().parent.parent / "scenarios" / "traces"
SEOUL = dt.timezone(dt.timedelta(hours=9))
HOURLY = [3, 2, 1.5, 1.5, 1.5, 2, 4, 8, 12, 13, 13, 14, 16, 14, 13, 13, 14, 15, 14, 13, 11, 9, 6, 4]
WEEKLY = [1.0, 1.0, 1.02, 1.0, 1.05, 0.7, 0.6]


def poisson(rng, mean):
    """Knuth for small means, a rounded normal above 50 (ample for a test trace)."""
    if mean > 50:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def invocations(rng):
    start = dt.datetime(2026, 11, 2, tzinfo=SEOUL)
    lines = ["Timestamp,Sum,Period"]
    for i in range(14 * 288):
        t = start + dt.timedelta(minutes=5 * i)
        hour = t.hour + t.minute / 60
        rate = HOURLY[t.hour] * WEEKLY[t.weekday()] * math.exp(0.01 * i / 288)
        since_push = hour - 16
        if t.weekday() < 5 and 0 <= since_push < 1:
            rate *= 1 + 5 * math.exp(-since_push * 60 / 8)
        factor = rng.gammavariate(100, 0.01)
        lines.append(f"{t.isoformat()},{poisson(rng, rate * factor * 300)},300")
    (OUT / "api-invocations-5m.csv").write_text("\n".join(lines) + "\n")


def checkout(rng):
    start = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.timezone.utc)
    t, lines = 0.0, ["timestamp"]
    while True:
        rate = 2 + 6 * min(1.0, t / 450)
        t += rng.expovariate(rate)
        if t >= 900:
            break
        stamp = start + dt.timedelta(microseconds=round(t * 1e6 / 1000) * 1000)
        lines.append(stamp.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z")
    (OUT / "checkout-requests.csv").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    rng = random.Random(20261122)
    invocations(rng)
    checkout(rng)
