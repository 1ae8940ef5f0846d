"""What every fuzzed response must satisfy: no 5xx (schemathesis' own check), and a 4xx that
explains itself: a JSON:API error document, or Open Event's flat `{"error": "..."}` where
clients expect it (any 401, which JWT failures answer, and the auth endpoints)."""

from __future__ import annotations

import json
from typing import Any

import schemathesis
from schemathesis import Case, CheckContext, Response

JSONAPI = "application/vnd.api+json"
FLAT_TAG = "auth"
NON_ENGINE_TAGS = {"auth", "users", "upload", "tasks", "system"}


def _media_type(response: Response) -> str:
    values = response.headers.get("content-type") or [""]
    return values[0].split(";", 1)[0].strip().lower()


def _tags(case: Case) -> set[str]:
    return set(case.operation.definition.raw.get("tags", []))


def _is_engine_route(case: Case) -> bool:
    """The engine's operations are tagged with their resource type; the others with a name
    of their own (auth, users, upload, tasks, system)."""
    return case.path.startswith("/v1/") and not _tags(case) & NON_ENGINE_TAGS


def check_error_document(document: Any, status: int) -> None:
    assert isinstance(document, dict), "a JSON:API error document is an object"
    errors = document.get("errors")
    assert isinstance(errors, list) and errors, "a JSON:API error document has a list `errors`"
    assert "data" not in document, "`errors` and `data` cannot both be present"
    for error in errors:
        assert isinstance(error, dict), f"an error object must be an object: {error!r}"
        # Open Event's dialect: a number, or a string in input-validation errors
        assert isinstance(error.get("status"), (int, str)), f"`status` is missing: {error!r}"
        assert isinstance(error.get("title"), str), f"`title` must be a string: {error!r}"
        detail, source = error.get("detail"), error.get("source")
        assert detail is None or isinstance(detail, str), f"`detail` must be a string: {error!r}"
        assert source is None or isinstance(source, dict), f"`source` must be an object: {error!r}"
    statuses = {str(error["status"]) for error in errors}
    assert str(status) in statuses, f"no error object carries the HTTP status {status}"


def check_flat_error(document: Any, status: int, case: Case) -> None:
    assert status == 401 or FLAT_TAG in _tags(case), (
        f"a flat error answers a 401 or comes from an auth endpoint, not a {status} of {case.path}"
    )
    assert isinstance(document, dict) and isinstance(document.get("error"), str), (
        f"a flat {status} error is {{'error': '...'}}, not {document!r}"
    )


@schemathesis.check
def well_formed_client_error(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    status = response.status_code
    if not 400 <= status < 500:
        return None
    try:
        document = json.loads(response.content)
    except ValueError:
        raise AssertionError(f"a {status} answer is not JSON: {response.content[:200]!r}") from None
    media = _media_type(response)
    if media != JSONAPI:
        assert not _is_engine_route(case), f"a {status} from the JSON:API engine is {media!r}"
        assert media == "application/json", f"a {status} answer is {media!r}"
    if isinstance(document, dict) and "errors" in document:
        check_error_document(document, status)
    else:
        assert media == "application/json", f"a {status} in {JSONAPI} has no `errors`"
        check_flat_error(document, status, case)
    return None


# Every other built-in check is off: the document is too loose for conformance checks to mean much.
CHECK_NAMES = ("not_a_server_error", well_formed_client_error.__name__)
