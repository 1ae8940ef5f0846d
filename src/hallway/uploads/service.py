"""Use cases: store an image with its variants, store one or several files. Everything is
checked and prepared before the first byte is stored, so a bad file stores nothing.

An image is measured from its header here, in the server, and refused over budget before
any pixel is decoded; what passes is decoded and re-encoded by an image worker process."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from hallway.errors import BadRequest, ValidationFailed
from hallway.images import ImageBudget, ImagePool, ProcessedImage, check_budget, probe_image
from hallway.uploads.names import file_key, image_keys, random_name
from hallway.uploads.parts import FilePart
from hallway.uploads.sniff import sniff
from hallway.uploads.storage import Storage

SINGLE_FIELD = "file"
SEVERAL_FIELDS = ("files[]", "files")


@dataclass(frozen=True)
class StoredObject:
    key: str
    data: bytes
    content_type: str


Prepared = list[StoredObject]
"""The objects of one upload, the one whose URL is returned first."""


def image_objects(image: ProcessedImage) -> Prepared:
    """The re-encoded image and its variants under fresh random keys."""
    keys = image_keys(random_name(), image.extension)
    return [
        StoredObject(keys[name], content, image.content_type)
        for name, content in image.renditions.items()
    ]


async def prepare_image(data: bytes, budget: ImageBudget, pool: ImagePool) -> Prepared:
    """Refused from its header over budget (422) or not an accepted format (415/422);
    else processed by a worker, which may still refuse it as damaged."""
    await asyncio.to_thread(_check_header, data, budget)  # a GIF's blocks take a few ms
    return image_objects(await pool.process(data, budget))


def _check_header(data: bytes, budget: ImageBudget) -> None:
    check_budget(probe_image(data, budget.max_frames), budget)


async def prepare_file(part: FilePart, budget: ImageBudget, pool: ImagePool) -> Prepared:
    """An image goes through the image pipeline; any other file must pass `sniff`."""
    if not part.data:
        raise ValidationFailed(f"The file '{part.filename}' is empty")
    data = bytes(part.data)
    part.data.clear()  # one copy in memory, not two
    kind = await asyncio.to_thread(sniff, data, part.filename)
    if kind.is_image:
        return await prepare_image(data, budget, pool)
    key = file_key(random_name(), part.filename, kind.extension)
    return [StoredObject(key, data, kind.content_type)]


async def store(storage: Storage, prepared: Prepared, origin: str) -> str:
    """Save every object of one upload; the URL of the first."""
    await asyncio.gather(*(storage.save(o.key, o.data, o.content_type) for o in prepared))
    return storage.url(prepared[0].key, origin)


async def store_image(
    storage: Storage, data: bytes, budget: ImageBudget, pool: ImagePool, origin: str
) -> str:
    return await store(storage, await prepare_image(data, budget, pool), origin)


async def store_files(
    storage: Storage, parts: list[FilePart], budget: ImageBudget, pool: ImagePool, origin: str
) -> list[str]:
    """All files are checked before any is stored; their URLs in the order sent."""
    prepared = [await prepare_file(part, budget, pool) for part in parts]
    return [await store(storage, objects, origin) for objects in prepared]


def chosen_files(parts: list[FilePart]) -> tuple[list[FilePart], bool]:
    """The parts to store and whether several were sent: one `file`, or `files[]`
    (`files` accepted too). Mixing both, or none at all, is a 400."""
    single = [part for part in parts if part.field_name == SINGLE_FIELD]
    several = [part for part in parts if part.field_name in SEVERAL_FIELDS]
    if single and several:
        raise BadRequest("Send either one 'file' or several 'files[]', not both")
    if len(single) > 1:
        raise BadRequest("'file' takes one file; send several as 'files[]'")
    if not single and not several:
        raise BadRequest("No file: send it in the multipart field 'file' (several: 'files[]')")
    return (single, False) if single else (several, True)
