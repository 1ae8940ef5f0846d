"""Fire bursts of image uploads at a running Hallway and report the server process's memory.

uv run python bench/upload_bombs.py BASE_URL SERVER_PID EMAIL PASSWORD

Bursts, each of BURST (20) concurrent `POST /v1/upload/image`:
- bombs: the security review's 6300x6300 one-colour PNG (131 KB, 119 MB decoded), which
  must be refused from its header (422) at next to no cost;
- photos: 6000x4000 JPEG camera photos (about 5.6 MB each, 7.5 MB as a data URL), the real
  memory test: accepted up to the workers and their queue, the rest answered 503;
- photos again, each retried on 503 after its Retry-After until stored, so that every one
  of them is decoded.
The server's RSS (VmRSS of SERVER_PID) is read when idle (after one small upload has loaded
the upload path's code), sampled every 10 ms during each burst (peak), and read again once
the burst is over and the server idle (after), with the server's CPU per request sent
(retries included; the workers' CPU is not the server's). The image workers' RSS is
reported apart, and whether the server process ever mapped Pillow's decoder library.
"""

from __future__ import annotations

import asyncio
import base64
import os
import sys
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import httpx
from PIL import Image

BURST = int(os.environ.get("BURST", "20"))
SETTLE_SECONDS = 2.0


def data_url(data: bytes, media_type: str) -> dict[str, str]:
    return {"data": f"data:{media_type};base64,{base64.b64encode(data).decode()}"}


def bomb_png(width: int = 6300, height: int = 6300) -> bytes:
    row = b"\x00" + bytes((200, 40, 40)) * width
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body).to_bytes(4, "big")
        return len(body).to_bytes(4, "big") + kind + body + crc

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes((8, 2, 0, 0, 0))
    ihdr, idat_chunk, end = chunk(b"IHDR", header), chunk(b"IDAT", idat), chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat_chunk + end


def camera_photo(width: int = 6000, height: int = 4000) -> bytes:
    """Noise blown up 8x: about as costly to decode, and as large, as a real photo."""
    noise = Image.effect_noise((width // 8, height // 8), 60).convert("RGB")
    buffer = BytesIO()
    noise.resize((width, height), Image.Resampling.BICUBIC).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process (its own threads, not its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """Child processes, whichever thread started them."""
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return [int(child) for task in tasks for child in (task / "children").read_text().split()]


def maps_pillow(pid: int) -> bool:
    return "PIL/_imaging" in Path(f"/proc/{pid}/maps").read_text()


@dataclass
class Sampler:
    """VmRSS of a process every 10 ms, in a thread, while in the `with` block."""

    pid: int
    peak: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)

    def _run(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, rss_mb(self.pid))

    def __enter__(self) -> Sampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


SENT = Counter[str]()


async def post(http: httpx.AsyncClient, body: dict[str, str], retry: bool) -> int:
    while True:
        SENT["requests"] += 1
        response = await http.post("/v1/upload/image", json=body)
        if response.status_code != 503 or not retry:
            return response.status_code
        await asyncio.sleep(float(response.headers.get("Retry-After", "1")))


async def burst(http: httpx.AsyncClient, body: dict[str, str], retry: bool = False) -> Counter[int]:
    statuses = await asyncio.gather(*(post(http, body, retry) for _ in range(BURST)))
    return Counter(statuses)


async def warm_up(http: httpx.AsyncClient, pid: int) -> float:
    """The idle RSS, once one small upload has loaded the upload path's code."""
    started = rss_mb(pid)
    buffer = BytesIO()
    Image.new("RGB", (64, 64), (10, 20, 30)).save(buffer, "PNG")
    assert await post(http, data_url(buffer.getvalue(), "image/png"), False) == 200
    await asyncio.sleep(SETTLE_SECONDS)
    idle = rss_mb(pid)
    print(f"server pid {pid}: RSS {started:.1f} MB at start, {idle:.1f} MB idle")
    return idle


async def measure(
    http: httpx.AsyncClient, pid: int, idle: float, label: str, body: dict[str, str], retry: bool
) -> float:
    """One burst as a table row; the RSS after it, above idle."""
    SENT.clear()
    cpu = cpu_seconds(pid)
    with Sampler(pid) as sampler:
        began = time.perf_counter()
        statuses = await burst(http, body, retry)
        wall = time.perf_counter() - began
    cpu_ms = (cpu_seconds(pid) - cpu) * 1000 / SENT["requests"]
    await asyncio.sleep(SETTLE_SECONDS)
    after = rss_mb(pid)
    answers = ", ".join(f"{n}x {status}" for status, n in sorted(statuses.items()))
    print(
        f"| {label} | {answers} | {wall:.1f} s | {cpu_ms:.1f} | {sampler.peak:.1f} MB "
        f"| {after:.1f} MB | {after - idle:+.1f} MB |"
    )
    return after - idle


async def main(base: str, pid: int, email: str, password: str) -> None:
    limits = httpx.Limits(max_connections=BURST * 2)
    async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as http:
        login = await http.post("/auth/session", json={"email": email, "password": password})
        http.headers["Authorization"] = f"JWT {login.json()['access_token']}"
        idle = await warm_up(http, pid)
        bomb, photo = bomb_png(), camera_photo()
        print(f"bomb: {len(bomb) / 1e3:.0f} KB PNG; photo: {len(photo) / 1e6:.1f} MB JPEG")
        print(
            "\n| burst | answers | wall | server CPU-ms/request | server RSS peak | after "
            "| after - idle |"
        )
        print("|---|---|---:|---:|---:|---:|---:|")
        runs = [
            (f"{BURST} bombs (6300x6300 PNG)", data_url(bomb, "image/png"), False),
            (f"{BURST} photos (6000x4000 JPEG)", data_url(photo, "image/jpeg"), False),
            (f"{BURST} photos, retried on 503", data_url(photo, "image/jpeg"), True),
        ]
        growth = [await measure(http, pid, idle, *run) for run in runs]
    workers = children(pid)
    print(f"\nimage workers: {', '.join(f'{rss_mb(w):.0f} MB' for w in workers) or 'none'}")
    print(f"server process mapped Pillow's decoder: {maps_pillow(pid)}")
    print(f"RESULT largest growth over idle after a burst: {max(growth):.1f} MB")


if __name__ == "__main__":
    base_url, server_pid, account_email, account_password = sys.argv[1:5]
    asyncio.run(main(base_url, int(server_pid), account_email, account_password))
