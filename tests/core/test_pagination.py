"""The pagination component links a window of pages, however long the listing."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def render(number, pages=1668):
    page_obj = Paginator(range(pages * 12), 12).page(number)
    html = render_to_string(
        "components/pagination.html", {"page_obj": page_obj, "query_string": "tag=x"}
    )
    links = [int(n) for n in re.findall(r'page=(\d+)"><span', html)]
    return html, links


def test_a_deep_page_links_the_ends_and_its_neighbours_only():
    html, links = render(800)
    assert links == [1, 798, 799, 801, 802, 1668]
    assert 'aria-current="page"><span class="visually-hidden">Page </span>800' in html
    assert html.count("pagination__ellipsis") == 2
    assert 'href="?tag=x&amp;page=799" rel="prev"' in html
    assert 'href="?tag=x&amp;page=801" rel="next"' in html


def test_the_first_page_has_no_previous_link_and_one_gap():
    html, links = render(1)
    assert links == [2, 3, 1668]
    assert 'rel="prev"' not in html
    assert html.count("pagination__ellipsis") == 1


def test_a_short_listing_links_every_page():
    _html, links = render(2, pages=4)
    assert links == [1, 3, 4]
