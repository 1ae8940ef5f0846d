"""What a fuzz pass found and did: failed checks with the server's traceback for each 5xx,
grouped by cause for the assertion message, and written out in full to a report file."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

OUR_FRAME = re.compile(r'/src/(hallway/[^"]+)", line \d+, in (\S+)')
EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit)\b")
NUMBERS = re.compile(r"[0-9]{6,}|\$[0-9]+")
# The values a check's message quotes: left out so that one mistake is one cause.
QUOTED = re.compile(r"\{.*\}|\[.*\]|'[^']*'|\"[^\"]*\"")


@dataclass
class Problem:
    operation: str
    check: str
    message: str
    request: str
    status: int | None
    server_log: str = ""

    @property
    def cause(self) -> str:
        """The same for every request that hit the same bug: the exception and the innermost
        function of ours it went through, or the failed check's first line."""
        if not self.server_log:
            return f"{self.check}: {QUOTED.sub('...', self.message.strip().splitlines()[0])}"
        lines = [line.strip() for line in self.server_log.splitlines() if line.strip()]
        ours = [m.groups() for line in lines if (m := OUR_FRAME.search(line))]
        where = f"{ours[-1][0]}:{ours[-1][1]}" if ours else "?"
        raised = [line for line in lines if EXCEPTION_LINE.match(line)] or lines
        return f"{NUMBERS.sub('N', raised[-1])}  [{where}]"

    def short_log(self) -> str:
        """The traceback through our code: library frames left out."""
        kept, library = [], False
        for line in self.server_log.strip().splitlines():
            if line.startswith("  File "):
                library = OUR_FRAME.search(line) is None
            if line.strip().startswith(("^", "~")):
                continue
            if library and line.startswith(("  File ", "    ")):
                continue
            kept.append(line)
        return "\n".join(kept)

    def render(self) -> str:
        text = f"[{self.check}] {self.operation} -> {self.status}\n  {self.message.strip()}\n"
        text += f"  request: {self.request}\n"
        if self.server_log:
            text += "  server log:\n    " + self.server_log.strip().replace("\n", "\n    ") + "\n"
        return text


@dataclass
class PassResult:
    """One pass: `requests` counts the calls per "operation (phase)"."""

    name: str
    problems: list[Problem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    stop_reason: str = ""

    @property
    def operations(self) -> set[str]:
        return {key.rsplit(" (", 1)[0] for key in self.requests}

    @property
    def total(self) -> int:
        return sum(self.requests.values())

    def line(self) -> str:
        return (
            f"{self.name}: {len(self.operations)} operations, {self.total} requests, "
            f"{self.seconds:.0f} s, {len(self.problems)} problems ({self.stop_reason})"
        )


def error_part(log: str, limit: int = 12_000) -> str:
    """The errors in a stretch of the server log, without the e-mails printed before them."""
    lines = log.splitlines()
    starts = (i for i, line in enumerate(lines) if line.startswith(("ERROR", "Traceback")))
    start = next(starts, None)
    if start is None:
        return log[-limit:]
    return "\n".join(lines[start:])[:limit]


def summarize(problems: list[Problem], *, per_cause: int = 3) -> str:
    """The problems grouped by cause: a few requests and one traceback for each."""
    causes: dict[str, list[Problem]] = {}
    for problem in problems:
        causes.setdefault(problem.cause, []).append(problem)
    parts = []
    for cause, group in causes.items():
        parts.append(f"== {cause}  ({len(group)} operations and callers)")
        parts += [f"   {p.operation} -> {p.status}: {p.request}" for p in group[:per_cause]]
        if len(group) > per_cause:
            parts.append(f"   ... {len(group) - per_cause} more in the report")
        if group[0].server_log:
            parts.append("   " + group[0].short_log().replace("\n", "\n   "))
    return "\n".join(parts)


def write_report(path: Path, results: list[PassResult]) -> None:
    lines = []
    for result in results:
        summary = {
            "pass": result.name,
            "seconds": round(result.seconds, 1),
            "requests": result.total,
            "operations": len(result.operations),
            "problems": len(result.problems),
            "errors": result.errors,
            "stop": result.stop_reason,
        }
        lines.append(json.dumps(summary))
        lines += [problem.render() for problem in result.problems]
        busiest = ", ".join(f"{key}: {n}" for key, n in result.requests.most_common(15))
        lines.append(f"busiest: {busiest}\n")
    path.write_text("\n".join(lines) + "\n")
