"""Every operation of `/openapi.json`, fuzzed against the real server on a seeded database,
anonymously, as an organizer and as an admin: no request may end in a 5xx, and every 4xx is a
well-formed error document (checks.py).

    HALLWAY_FUZZ=1 ./manage test tests/fuzz -s

The passes, in order (deletes last, so that reads and updates meet the seeded rows):
- reads as anonymous: the coverage phase (every parameter's boundaries) and fuzzing;
- writes as anonymous: fuzzing;
- reads and writes as admin: the coverage phase on the writes, and fuzzing;
- reads and writes as the organizer of some events: fuzzing;
- deletes, anonymous, as the organizer, then as admin: fuzzing, and the coverage phase except
  as the organizer.
A query or a body is parsed the same way whoever sends it, so reads and writes get the
coverage phase once; fuzzing runs for every caller, whose answers differ past parsing.

Each 5xx is reported with its request and the server's traceback; the full report is written
to `fuzz-report.txt` in the run's temporary directory (its path is printed).

Knobs: HALLWAY_FUZZ_SECONDS (default 300) bounds the passes together: past it they stop and
the run fails as incomplete. HALLWAY_FUZZ_EXAMPLES (default 5) is the number of generated cases
per operation in the fuzzing phase; HALLWAY_FUZZ_SEED another repeatable run. Where the server
runs: server.py.
"""

from __future__ import annotations

import os
import time
from typing import Any

from tests.fuzz.engine import METHODS, Pass, run_pass
from tests.fuzz.report import summarize, write_report
from tests.fuzz.server import FuzzServer

SECONDS = float(os.environ.get("HALLWAY_FUZZ_SECONDS", "300"))
READS = frozenset({"get"})
WRITES = frozenset({"post", "patch", "put"})
DELETES = frozenset({"delete"})
NONE: frozenset[str] = frozenset()
PASSES = (
    Pass("reads as anonymous", READS, None, coverage=READS),
    Pass("writes as anonymous", WRITES, None, coverage=NONE),
    Pass("reads and writes as admin", READS | WRITES, "admin", coverage=WRITES),
    Pass("reads and writes as organizer", READS | WRITES, "organizer", coverage=NONE),
    Pass("deletes as anonymous", DELETES, None, coverage=DELETES),
    Pass("deletes as organizer", DELETES, "organizer", coverage=NONE),
    Pass("deletes as admin", DELETES, "admin", coverage=DELETES),
)


def declared_operations(document: dict[str, Any]) -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method in item
        if method in METHODS
    }


def test_no_server_error_and_well_formed_client_errors(
    fuzz_server: FuzzServer, fuzz_document_dict: dict[str, Any]
) -> None:
    deadline = time.monotonic() + SECONDS
    results = [run_pass(fuzz_server, fuzz_document_dict, spec, deadline) for spec in PASSES]
    report = fuzz_server.workdir / "fuzz-report.txt"
    write_report(report, results)
    declared = declared_operations(fuzz_document_dict)
    reached = set().union(*(r.operations for r in results))
    summary = "\n".join(r.line() for r in results)
    print(f"\nfuzz: {len(reached)}/{len(declared)} operations reached\n{summary}\nreport: {report}")

    problems = [p for r in results for p in r.problems]
    errors = [f"{r.name}: {e}" for r in results for e in r.errors]
    assert not problems, f"{len(problems)} problems (details: {report}):\n" + summarize(problems)
    assert not errors, "the fuzzer could not run some operations:\n" + "\n".join(errors)
    assert fuzz_server.alive(), "the server died:\n" + fuzz_server.log_since(0)[-5000:]
    assert all(r.stop_reason == "completed" for r in results), (
        f"incomplete (HALLWAY_FUZZ_SECONDS={SECONDS:.0f}):\n{summary}"
    )
    assert reached == declared, f"never called: {sorted(declared - reached)}"
