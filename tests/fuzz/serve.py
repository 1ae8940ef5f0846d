"""Serve the real application for the fuzzer: `python serve.py PORT`, on 127.0.0.1 only.

Settings come from the environment, as with `hallway run`; unexpected errors are logged with
their tracebacks to stderr, which the fuzzer reads back to explain a 5xx."""

from __future__ import annotations

import logging
import sys

import uvicorn


def main() -> None:
    port = int(sys.argv[1])
    logging.basicConfig(
        level=logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    uvicorn.run(
        "hallway.main:create_app",
        factory=True,
        host="127.0.0.1",
        port=port,
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_level="warning",
        proxy_headers=False,
    )


if __name__ == "__main__":
    main()
