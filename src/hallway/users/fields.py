"""The personal fields of an account, by who may read them."""

from __future__ import annotations

# What anyone may read of a host's account (see policy.py), in document order.
PUBLIC_PROFILE = (
    "first_name",
    "last_name",
    "public_name",
    "avatar_url",
    "original_image_url",
    "thumbnail_image_url",
    "small_image_url",
    "icon_image_url",
)
# Read only by the account's owner and admins.
PRIVATE_PROFILE = (
    "details",
    "contact",
    "company",
    "facebook_url",
    "twitter_url",
    "instagram_url",
    "google_plus_url",
    "facebook_id",
    "language_prefrence",
    "billing_contact_name",
    "billing_phone",
    "billing_state",
    "billing_country",
    "billing_tax_info",
    "billing_address",
    "billing_city",
    "billing_zip_code",
    "billing_additional_info",
)
# Everything that could identify a person; cleared when the account is deleted.
PERSONAL = (*PUBLIC_PROFILE, *PRIVATE_PROFILE)
