"""Gzip: large single-message answers are compressed for clients that accept it; everything
else passes unchanged."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from hallway.compression import Gzip
from tests.conftest import client_for

BIG = b'{"data": "' + b"x" * 5000 + b'"}'


async def _big(request):
    return Response(BIG, media_type="application/vnd.api+json", headers={"Vary": "Origin"})


async def _small(request):
    return Response(b'{"data": 1}', media_type="application/json")


async def _image(request):
    return Response(b"\x89PNG" + b"\x00" * 5000, media_type="image/png")


async def _stream(request):
    async def chunks():
        for _ in range(3):
            yield b"y" * 2000

    return StreamingResponse(chunks(), media_type="text/plain")


APP = Gzip(
    Starlette(
        routes=[
            Route("/big", _big),
            Route("/small", _small),
            Route("/image", _image),
            Route("/stream", _stream),
        ]
    )
)
GZIP = {"Accept-Encoding": "gzip, deflate"}


async def test_a_large_document_is_gzipped_and_keeps_its_vary():
    async with client_for(APP) as client:
        response = await client.get("/big", headers=GZIP)
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "Origin, Accept-Encoding"
    assert int(response.headers["content-length"]) < len(BIG)
    assert response.content == BIG  # httpx decodes it


async def test_without_accept_encoding_nothing_changes():
    async with client_for(APP) as client:
        response = await client.get("/big", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in response.headers
    assert response.headers["content-length"] == str(len(BIG))
    assert response.headers["vary"] == "Origin"


async def test_small_binary_and_streamed_answers_pass_unchanged():
    async with client_for(APP) as client:
        small = await client.get("/small", headers=GZIP)
        image = await client.get("/image", headers=GZIP)
        stream = await client.get("/stream", headers=GZIP)
    for response in (small, image, stream):
        assert "content-encoding" not in response.headers
    assert stream.content == b"y" * 6000
    assert image.content == b"\x89PNG" + b"\x00" * 5000
    assert small.content == b'{"data": 1}'
