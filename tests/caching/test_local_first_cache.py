"""caching.backends.LocalFirstCache: a worker's memory in front of the shared cache."""

from django.core.cache import caches


def test_a_write_reaches_both_and_a_read_is_served_from_memory():
    fragments, shared = caches["template_fragments"], caches["default"]
    fragments.set("card:1:v1", "<article>1</article>", 300)
    assert shared.get("card:1:v1") == "<article>1</article>"
    shared.delete("card:1:v1")  # gone from the shared cache...
    assert fragments.get("card:1:v1") == "<article>1</article>"  # ...not from memory


def test_another_workers_entry_is_read_from_the_shared_cache_and_kept():
    fragments, shared = caches["template_fragments"], caches["default"]
    shared.set("card:2:v1", "from another worker", 300)
    assert fragments.get("card:2:v1") == "from another worker"
    shared.delete("card:2:v1")
    assert fragments.get("card:2:v1") == "from another worker"
    assert fragments.get("card:3:v1", "none") == "none"


def test_get_many_reads_the_shared_cache_only_for_what_memory_lacks():
    fragments, shared = caches["template_fragments"], caches["default"]
    fragments.set_many({"a": 1, "b": 2}, 300)
    shared.set("c", 3, 300)
    shared.delete_many(["a", "b"])
    assert fragments.get_many(["a", "b", "c", "d"]) == {"a": 1, "b": 2, "c": 3}


def test_memory_keeps_an_entry_no_longer_than_its_own_timeout():
    fragments = caches["template_fragments"]
    assert fragments._local_timeout(5) == 5
    assert fragments._local_timeout(3600) == fragments.local_timeout == 60
