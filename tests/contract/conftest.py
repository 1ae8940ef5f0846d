"""Fixtures of the real app, and the per-group tally of the Blueprint contract check printed at
the end of the run: `group  passed/total`, then each action that did not pass and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.appfixtures import app, client, mailbox, settings, smtp  # noqa: F401
from tests.conftest import test_database_url
from tests.contract.blueprint import Transaction


@dataclass
class Outcome:
    group: str
    action: str
    result: str  # passed / failed / skipped
    reason: str = ""


OUTCOMES: dict[str, Outcome] = {}


def _reason(call: pytest.CallInfo[Any]) -> str:
    if call.excinfo is None:
        return ""
    value = call.excinfo.value
    text = str(getattr(value, "msg", None) or value) or call.excinfo.typename
    return text.strip().splitlines()[0] if text.strip() else call.excinfo.typename


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Any:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    callspec = getattr(item, "callspec", None)
    transaction = callspec.params.get("transaction") if callspec else None
    if not isinstance(transaction, Transaction) or (report.when != "call" and report.passed):
        return
    if report.when == "teardown" and transaction.id in OUTCOMES:
        if report.failed:  # a failing teardown spoils a passed call
            OUTCOMES[transaction.id].result = "failed"
            OUTCOMES[transaction.id].reason = "teardown: " + _reason(call)
        return
    OUTCOMES[transaction.id] = Outcome(
        group=transaction.group,
        action=transaction.id.split("::", 1)[1],
        result=report.outcome,
        reason=_reason(call),
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not OUTCOMES:
        return
    engine = test_database_url().split(":", 1)[0].split("+", 1)[0]
    write = terminalreporter.write_line
    terminalreporter.section(f"Open Event Blueprint contract ({engine})")
    groups: dict[str, list[Outcome]] = {}
    for outcome in OUTCOMES.values():
        groups.setdefault(outcome.group, []).append(outcome)
    width = max(len(g) for g in groups)
    total = [0, 0]
    for group, outcomes in groups.items():
        passed = sum(o.result == "passed" for o in outcomes)
        skipped = sum(o.result == "skipped" for o in outcomes)
        total[0], total[1] = total[0] + passed, total[1] + len(outcomes)
        extra = f"  ({skipped} skipped)" if skipped else ""
        write(f"{group:<{width}}  {passed:>3}/{len(outcomes):<3}{extra}")
    write(f"{'total':<{width}}  {total[0]:>3}/{total[1]:<3}")
    for outcome in OUTCOMES.values():
        if outcome.result != "passed":
            write(
                f"  {outcome.result.upper():7} {outcome.group}::{outcome.action}: {outcome.reason}"
            )
