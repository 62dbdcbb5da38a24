"""`{% versioned_cache %}`: Django's `{% cache %}` keyed by the content version
and skipped in previews, so a template never names the version or branches on
`request.is_preview` itself.

    {% load caching_tags %}
    {% versioned_cache 86400 module-text page.pk %}...{% endversioned_cache %}

The timeout (seconds, or None for no expiry) bounds what depends on the clock; any
content change starts a new key sooner. A fragment must show nothing that depends
on who is looking, unless it varies on it (`request.user.is_authenticated`).
"""

from django import template
from django.template import Context, TemplateSyntaxError
from django.template.base import Parser, Token
from django.templatetags.cache import CacheNode
from django.utils.safestring import SafeString

from caching.version import content_version

register = template.Library()


class VersionedCacheNode(CacheNode):
    """Django's CacheNode (django/templatetags/cache.py) with the content version
    added to what it varies on, rendering uncached in a Wagtail preview."""

    def render(self, context: Context) -> SafeString | str:
        request = context.get("request")
        if getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        return super().render(context)


class _Version:
    """A template variable that resolves to the content version."""

    def resolve(self, context: Context) -> int:
        return content_version()


@register.tag("versioned_cache")
def do_versioned_cache(parser: Parser, token: Token) -> VersionedCacheNode:
    nodelist = parser.parse(("endversioned_cache",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 3:
        raise TemplateSyntaxError(
            f"'{tokens[0]}' needs a timeout and a fragment name at least."
        )
    return VersionedCacheNode(
        nodelist,
        parser.compile_filter(tokens[1]),
        tokens[2],  # the fragment's name, never a variable
        [*(parser.compile_filter(t) for t in tokens[3:]), _Version()],  # type: ignore[list-item]  # resolve() is all CacheNode asks of it
        None,  # the fragments' cache: the worker's memory first
    )
