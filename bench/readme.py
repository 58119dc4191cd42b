"""README.md blocks that scripts write: ``<!-- NAME -->`` ... ``<!-- /NAME -->``, replaced from result files."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def replace_blocks(blocks: dict[str, str], path: Path = README) -> None:
    """Replace the body of each named block (e.g. "quality:gan") with its text; every block must exist."""
    text = path.read_text()
    for name, body in blocks.items():
        pattern = re.compile(rf"(<!-- {re.escape(name)} -->\n)(?:.*?\n)?(<!-- /{re.escape(name)} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"{path.name} has no <!-- {name} --> ... <!-- /{name} --> block")
        text = pattern.sub(lambda match: match.group(1) + body + "\n" + match.group(2), text)
    path.write_text(text)
