"""Which site a document belongs to: the host of its URL (the WARC record's target URI, else the
page's canonical URL, ``og:url`` or front matter ``url``/``canonical``), else the first folder
level below a folder given on the command line (``--site-from auto|url|folder|none``)."""

from __future__ import annotations

from urllib.parse import urlsplit

SITE_FROM = ("auto", "url", "folder", "none")
# The metadata fields (see loaders) that may hold the document's own URL, in order of trust.
URL_FIELDS = ("canonical", "og-url", "url")


def host_of(url: str | None) -> str | None:
    """``https://www.Example.com:443/a`` -> ``example.com``; None when there is no host."""
    if not url:
        return None
    url = url.strip()
    if "://" not in url:
        if not url.startswith("//"):
            return None  # a relative canonical says nothing about the site
        url = "http:" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host


def folder_site(root_display: str, file_display: str) -> str | None:
    """The first folder level of ``file_display`` below ``root_display`` (both as reported)."""
    prefix = "" if root_display in (".", "") else root_display.rstrip("/") + "/"
    if not file_display.startswith(prefix):
        return None
    rest = file_display[len(prefix):]
    head, sep, _ = rest.partition("/")
    if not sep or not head:
        return None  # a file right in the folder: no site folder
    if "." in head:  # a folder named for a host reads as the host does: "www.Example.com" is "example.com"
        head = head.lower()
    return head[4:] if head.startswith("www.") and head.count(".") >= 2 else head


def resolve(site_from: str, record_site: str | None, folder: str | None, metadata=None) -> str | None:
    """The site under ``site_from``: the record's URL first, the page's own URL next, the folder last."""
    if site_from == "none":
        return None
    if site_from != "folder":
        if record_site:
            return record_site
        if metadata is not None:
            for key in URL_FIELDS:
                for value in metadata.get(key):
                    host = host_of(value)
                    if host:
                        return host
        if site_from == "url":
            return None
    return folder
