"""The whole sitemap as one text: the index at /sitemap.xml and every page it lists."""

import re
from urllib.parse import urlsplit


def sitemap_page_paths(client, **extra):
    """The site-relative addresses (with ?p=) of the pages the sitemap index lists."""
    index = client.get("/sitemap.xml", **extra)
    assert index.status_code == 200, index.status_code
    assert "<sitemapindex" in index.content.decode()
    paths = []
    for url in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
        parts = urlsplit(url.replace("&amp;", "&"))
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def sitemap_text(client, **extra):
    """Every sitemap page's XML, joined (what `/sitemap.xml` held before the index)."""
    texts = []
    for path in sitemap_page_paths(client, **extra):
        response = client.get(path, **extra)
        assert response.status_code == 200, (path, response.status_code)
        texts.append(response.content.decode())
    return "\n".join(texts)
