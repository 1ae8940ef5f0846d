"""Images: measured from their header against a budget, then decoded, stripped of metadata
and resized in worker processes. Kept apart from the application (it imports only
`hallway.errors` and, inside the functions that decode, Pillow) so that a worker process
that imports it starts in a fraction of a second and a few tens of MB.

Public API:
- `ImageBudget`: pixels of one image, frames and pixels of an animation.
- `probe_image(data, max_frames)` and `check_budget(probe, budget)`: the header's account
  of an image and the 4xx refusal of one over budget; no pixel is decoded.
- `image_pool(PoolOptions)`: the process's bounded pool of workers, whose
  `await pool.process(data, budget)` answers a `ProcessedImage` or raises the 4xx error the
  worker refused the image with; `close_image_pools()` stops every worker;
  `worker_count(configured)` is how many workers a pool runs.
- `process_image(data, budget)`: the same work in this process (for images we made).
"""

from hallway.images.budget import VARIANT_WIDTHS, ImageBudget, Probe, check_budget
from hallway.images.errors import (
    ImageDimensionsTooLarge,
    ImageFormatRefused,
    ImageTooComplex,
    ImageUnreadable,
    ImageWorkerFailed,
)
from hallway.images.pool import (
    ImagePool,
    PoolOptions,
    close_image_pools,
    image_pool,
    worker_count,
)
from hallway.images.probe import probe_image
from hallway.images.process import ProcessedImage, process_image

__all__ = [
    "VARIANT_WIDTHS",
    "ImageBudget",
    "ImageDimensionsTooLarge",
    "ImageFormatRefused",
    "ImagePool",
    "ImageTooComplex",
    "ImageUnreadable",
    "ImageWorkerFailed",
    "PoolOptions",
    "Probe",
    "ProcessedImage",
    "check_budget",
    "close_image_pools",
    "image_pool",
    "probe_image",
    "process_image",
    "worker_count",
]
