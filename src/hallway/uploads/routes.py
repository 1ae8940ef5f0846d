"""`POST /v1/upload/image` and `POST /v1/upload/files`: both need a JWT, both answer
`{"url": ...}` (a list of URLs when several files were sent as `files[]`).

Before the body is read, the upload is counted against the account's and the address's
limits (429) and takes one of the server's upload slots (503 when all are taken)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request

from hallway.auth.actor import Actor
from hallway.auth.tokens import TokenRefused
from hallway.images import ImageBudget
from hallway.uploads import service
from hallway.uploads.bodies import image_data
from hallway.uploads.limits import count_uploads
from hallway.uploads.parts import read_file_parts
from hallway.uploads.place import chosen_place, storage_row
from hallway.uploads.sizes import upload_budget
from hallway.uploads.storage import Storage, Uploads, uploads_of
from hallway.users.authentication import authenticate

router = APIRouter(tags=["upload"])


async def _uploader(request: Request) -> Actor:
    """The caller, from a session closed at once: an upload may take long to arrive and must
    not keep a database connection checked out meanwhile."""
    async with request.app.state.db.sessions() as session:
        actor = await authenticate(request, session)
    if actor is None:
        raise TokenRefused("Missing Authorization Header")
    return actor


async def _admin_choices(
    request: Request, uploads: Uploads, force_local: bool
) -> tuple[ImageBudget, Storage]:
    """The budget with the variant widths the admin set and the storage place the settings
    row names, read from one short session."""
    async with request.app.state.db.sessions() as session:
        budget = await upload_budget(session, uploads.options.budget)
        values = await storage_row(session)
    place = chosen_place(values, uploads.options.s3)
    return budget, uploads.storage(force_local=force_local, place=place)


Uploader = Annotated[Actor, Depends(_uploader)]
ForceLocal = Annotated[
    bool, Query(description="Store on this server's disk even when S3 is configured")
]


@router.post("/v1/upload/image")
async def upload_image(
    request: Request, actor: Uploader, force_local: ForceLocal = False
) -> dict[str, str]:
    """Body `{"data": "data:image/png;base64,..."}`; stores the image and its variants."""
    uploads = uploads_of(request)
    options = uploads.options
    await count_uploads(request, actor.id, options.limits, files=1)
    async with uploads.slots.slot():
        data = await image_data(request, options.max_bytes)
        budget, storage = await _admin_choices(request, uploads, force_local)
        url = await service.store_image(storage, data, budget, uploads.pool, uploads.origin)
    return {"url": url}


@router.post("/v1/upload/files")
async def upload_files(
    request: Request, actor: Uploader, force_local: ForceLocal = False
) -> dict[str, str | list[str]]:
    """Multipart `file` (answers one URL) or `files[]` (answers the list)."""
    uploads = uploads_of(request)
    options = uploads.options
    await count_uploads(request, actor.id, options.limits, files=1)
    async with uploads.slots.slot():
        parts = await read_file_parts(request, options.max_bytes, options.max_files)
        chosen, several = service.chosen_files(parts)
        await count_uploads(request, actor.id, options.limits, files=len(chosen) - 1)
        budget, storage = await _admin_choices(request, uploads, force_local)
        urls = await service.store_files(storage, chosen, budget, uploads.pool, uploads.origin)
    return {"url": urls if several else urls[0]}
