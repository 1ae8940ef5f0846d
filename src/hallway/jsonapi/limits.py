"""How much one request's query may ask for. Each limit is checked before the work it bounds
(the raw text first, then the parsed value) and a request past it is a 400 naming the parameter.

The Open Event frontend stays well inside them: its largest include lists 12 paths, its deepest
path has 3 segments (`group.followers.user`), its largest filter has about 25 filter objects
nested 4 deep and about 1,100 characters, it sorts by one key and its sparse fieldsets name one
or a few fields (the event type, the widest, has 115 fields).
"""

from __future__ import annotations

MAX_INCLUDE_PATHS = 20  # comma-separated paths in `include`
MAX_INCLUDE_DEPTH = 4  # relationship segments in one include path
MAX_SORT_KEYS = 10  # comma-separated keys in `sort`
MAX_FILTER_LENGTH = 10_000  # characters of the `filter` JSON text
MAX_FILTER_NODES = 100  # filter objects in the whole filter
MAX_FILTER_DEPTH = 10  # filter objects nested in one another (and / or / not / has / any)
MAX_FIELDS = 200  # names in one `fields[type]`
