"""Files that several processes of one run read while others write them."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_whole(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` whole or not at all (a temporary name, then
    renamed): a reader never sees half of it. What cannot be written (the
    folder gone, a full disk) is not: False. The caller has the data already,
    so keeping it for others is only ever a saving."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
        return True
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
