"""`python -m hallway.images <socket fd> <tasks> <memory limit in bytes>`: an image worker
(see `worker.py`), started by the pool of `pool.py`."""

from hallway.images.worker import main

main()
