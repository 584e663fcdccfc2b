"""Timing helpers: server time of a page through Django's test client (middleware, view, template; no
network), median and p95 over warm repeats, and the SQL query count of one request."""

import statistics
import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def time_page(user, url, *, repeats=30, warmup=3):
    client = Client(HTTP_HOST="localhost")  # an allowed host; secure=True below skips the HTTPS redirect
    if user is not None:
        client.force_login(user)
    for _ in range(warmup):
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    reset_queries()  # each request resets the log; start the capture from an empty one
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    query_count = len(queries)  # now: the log is a view that later requests clear
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.get(url, secure=True)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 95),
        "queries": query_count,
    }
