"""Static files that collectstatic's manifest storage (production) can process."""

import re
from pathlib import Path

from django.conf import settings

SOURCE_MAP = re.compile(r"sourceMappingURL=([^\s*]+)")


def test_every_source_map_a_static_file_names_is_there():
    """ManifestStaticFilesStorage follows sourceMappingURL comments and fails the
    whole collectstatic (make serve-prod, the benchmark, the fault run) on a missing
    map; vendored libraries must ship theirs or lose the comment."""
    missing = []
    for root in settings.STATICFILES_DIRS:
        for path in Path(root).rglob("*"):
            if path.suffix not in (".js", ".css") or not path.is_file():
                continue
            for name in SOURCE_MAP.findall(path.read_text(errors="ignore")):
                if not (path.parent / name).exists():
                    missing.append(f"{path.relative_to(root)} -> {name}")
    assert missing == []
