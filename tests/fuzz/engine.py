"""One fuzz pass: schemathesis' engine (examples, coverage and fuzzing phases) over the
operations of some methods, against the fuzz server, as one caller."""

from __future__ import annotations

import copy
import os
import time
from typing import Any, NamedTuple

import schemathesis
from schemathesis import Case, Response
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, from_schema
from schemathesis.engine.events import EngineFinished, FatalError, NonFatalError, ScenarioFinished
from schemathesis.hooks import HookContext

from tests.fuzz.checks import CHECK_NAMES
from tests.fuzz.report import PassResult, Problem, error_part
from tests.fuzz.schema import planned_paths
from tests.fuzz.server import FuzzServer

# Repeatable: the same seed sends the same requests on every run.
SEED = int(os.environ.get("HALLWAY_FUZZ_SEED", "20250101"))
EXAMPLES = int(os.environ.get("HALLWAY_FUZZ_EXAMPLES", "5"))
METHODS = ("get", "put", "post", "patch", "delete")
WRITES = ("POST", "PATCH", "PUT", "DELETE")
# Methods no route has: the coverage phase sends them to every path and expects 405. (Its
# default list has DELETE, which would remove the seeded rows during the other passes.)
UNROUTED_METHODS = ["put", "trace", "options"]


class Pass(NamedTuple):
    name: str
    methods: frozenset[str]  # the operations fuzzed, by method (lower case)
    caller: str | None  # an account of seed.py, or None: anonymous
    coverage: frozenset[str]  # the methods whose operations also get the coverage phase


def fuzz_config(
    base_url: str, headers: dict[str, str], spec: Pass, planned: list[str]
) -> SchemathesisConfig:
    """Every phase once, each operation bounded by its examples.

    The coverage phase (each parameter's boundaries and invalid values, deterministic) runs on
    the methods `spec.coverage` names only, and never on `planned` relationships, which answer
    the same empty document to any query."""
    without_coverage = {"phases": {"coverage": {"enabled": False}}}
    operations: list[dict[str, Any]] = []
    if planned:
        operations.append({"include-path": planned, **without_coverage})
    others = sorted(set(METHODS) - spec.coverage)
    if others:
        operations.append({"include-method": others, **without_coverage})
    return SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "suppress-health-check": ["all"],
            "base-url": base_url,
            "workers": 1,
            "headers": headers,
            "request-timeout": 30,
            "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECK_NAMES}},
            "generation": {
                "mode": "all",
                "max-examples": EXAMPLES,
                "deterministic": True,
                "database": "none",
                "no-shrink": True,
            },
            "phases": {
                "examples": {"enabled": True},
                "coverage": {
                    "enabled": bool(spec.coverage),
                    "unexpected-methods": UNROUTED_METHODS,
                },
                "fuzzing": {"enabled": True},
                "stateful": {"enabled": False},
            },
            "operations": operations,
        }
    )


def only_methods(document: dict[str, Any], keep: frozenset[str]) -> dict[str, Any]:
    """The document with the operations of the methods in `keep` only."""
    trimmed = copy.deepcopy(document)
    for path, item in list(trimmed["paths"].items()):
        for method in [m for m in item if m in METHODS and m not in keep]:
            del item[method]
        if not any(m in item for m in METHODS):
            del trimmed["paths"][path]
    return trimmed


class Observer:
    """After each call: counts it, keeps the server log of a 5xx, and puts the caller's account
    back after an accepted write, which may have changed it."""

    def __init__(self, server: FuzzServer, caller: str | None) -> None:
        self.server = server
        self.caller = caller
        self.offset = server.log_offset()
        self.logs: dict[str, str] = {}
        self.result = PassResult("")

    def after_call(self, context: HookContext, case: Case, response: Response) -> None:
        phase = case.meta.phase.name.value if case.meta is not None else "?"
        self.result.requests[f"{case.operation.label} ({phase})"] += 1
        if response.status_code >= 500:
            self.logs[case.id] = error_part(self.server.log_since(self.offset))
        self.offset = self.server.log_offset()
        # A refused write changes nothing (what the 4xx checks rely on too).
        if self.caller and case.method.upper() in WRITES and response.status_code < 400:
            self.server.restore(self.caller)

    def problems(self, event: ScenarioFinished) -> list[Problem]:
        recorder = event.recorder
        found = []
        for case_id, checks in recorder.checks.items():
            for node in checks:
                if node.status != Status.FAILURE or node.failure_info is None:
                    continue
                interaction = recorder.interactions.get(case_id)
                response = interaction.response if interaction else None
                failure = node.failure_info.failure
                found.append(
                    Problem(
                        operation=recorder.label,
                        check=node.name,
                        message=f"{failure.title}: {failure.message}",
                        request=_request_text(interaction, recorder.cases[case_id].value),
                        status=response.status_code if response is not None else None,
                        server_log=self.logs.get(case_id, ""),
                    )
                )
        return found


def _request_text(interaction: Any, case: Case) -> str:
    if interaction is None:
        return f"{case.method} {case.formatted_path}"
    request = interaction.request
    text = f"{request.method} {request.uri}"
    if request.body:
        text += f"  body={request.body.decode('utf-8', 'replace')[:2000]}"
    return text


def run_pass(
    server: FuzzServer, document: dict[str, Any], spec: Pass, deadline: float
) -> PassResult:
    """Fuzz the operations of `spec.methods`; stopped when `deadline` (monotonic) passes."""
    headers = {}
    if spec.caller:
        headers["Authorization"] = f"JWT {server.token(spec.caller)}"
        server.restore(spec.caller)
    document = only_methods(document, spec.methods)
    config = fuzz_config(server.base_url, headers, spec, planned_paths(document))
    schema = schemathesis.openapi.from_dict(document, config=config)
    observer = Observer(server, spec.caller)

    def after_call(context: HookContext, case: Case, response: Response) -> None:
        observer.after_call(context, case, response)

    schema.hook(after_call)  # registered by its name, as a plain function
    result = observer.result
    result.name = spec.name
    stream = from_schema(schema).execute()
    for event in stream:
        if time.monotonic() > deadline and result.stop_reason != "out of time":
            result.stop_reason = "out of time"
            stream.stop()
        if isinstance(event, ScenarioFinished):
            result.problems += observer.problems(event)
        elif isinstance(event, NonFatalError):
            result.errors.append(f"{event.label}: {event.info.title}: {event.info.message}")
        elif isinstance(event, FatalError):
            raise event.exception
        elif isinstance(event, EngineFinished):
            result.seconds = event.running_time
            result.stop_reason = result.stop_reason or str(event.stop_reason)
    return result
