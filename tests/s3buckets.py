"""S3 buckets in moto's in-process S3 (offline), for the tests of uploads stored in a bucket."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from moto import mock_aws


@contextmanager
def buckets(region: str, *names: str) -> Iterator[Any]:
    """An S3 client of `region` in which the buckets `names` exist, for as long as it is open."""
    with mock_aws():
        client = boto3.client("s3", region_name=region)
        for name in names:
            client.create_bucket(
                Bucket=name, CreateBucketConfiguration={"LocationConstraint": region}
            )
        yield client
