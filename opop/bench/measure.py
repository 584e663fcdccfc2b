"""Timing helpers: server time of a page through Django's test client (middleware, view, template; no
network), median and p95 over warm repeats, and the SQL query count of one request."""

import os
import statistics
import subprocess
import time
import urllib.request

from django.db import connection
from django.test import Client


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def time_page(user, url, *, repeats=30, warmup=3):
    client = Client(HTTP_HOST="localhost")  # an allowed host; secure=True below skips the HTTPS redirect
    if user is not None:
        client.force_login(user)
    for _ in range(min(warmup, repeats)):  # a toy run (the test's --repeats 1) warms once
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    # Count with an execute wrapper: with DEBUG=False the query log that CaptureQueriesContext reads is reset by
    # the request itself (request_started), which made every page report 0 queries.
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url, secure=True)
    query_count = len(queries)
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


def high_water_mb(pid):
    """VmHWM: the peak resident set of the process since its exec (ru_maxrss of a child would report the
    bench's own, larger, peak inherited at fork)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_watched(argv, *, cwd):
    """Run `argv` in a fresh process to its end; returns (seconds, peak RSS in MB, CPU seconds user + system:
    what the process itself spent, whatever the load — wait4's rusage). Raises if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd)
    peak = 0.0
    while True:
        peak = max(peak, high_water_mb(process.pid))
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.1)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    if process.returncode:
        raise RuntimeError(f"{argv[1:4]} exited with {process.returncode}")
    return time.perf_counter() - started, peak, usage.ru_utime + usage.ru_stime


def wait_http(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")
