"""Rules for a production build: the published site must know its own address.

Badge snippets, the sitemap and canonical links are made from ``site_url``. A production build (``HEART_PRODUCTION=1``,
set by the publishing workflow) refuses a missing or placeholder address, so a school can never copy a badge that
points at a site that does not exist. Everyday and test builds are not affected.
"""
from __future__ import annotations

from urllib.parse import urlparse

PLACEHOLDER_HOSTS = {"heart-award.example.org", "example.org", "example.com", "localhost", "127.0.0.1"}
FLAG = "HEART_PRODUCTION"


def is_production(environ) -> bool:
    return str(environ.get(FLAG, "")).strip().lower() in ("1", "true", "yes")


def site_url_problem(site_url: str | None) -> str | None:
    """Why ``site_url`` cannot be published, or None when it can."""
    if not site_url:
        return ("site_url is not set; set HEART_SITE_URL (or site_url in mkdocs.yml) to the address the site is "
                "published at, e.g. https://heart.example-virtual-school.org.uk/")
    parsed = urlparse(site_url)
    if parsed.scheme != "https" or not parsed.hostname:
        return f"site_url {site_url!r} must be a full https:// address"
    host = parsed.hostname.lower()
    if host in PLACEHOLDER_HOSTS or host.endswith((".example.org", ".example.com", ".example")):
        return (f"site_url is still the placeholder {site_url!r}: badge snippets would point at a site that does not "
                "exist; set HEART_SITE_URL to the address the site is published at")
    return None
