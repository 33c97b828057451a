"""Locate test data: the project's own copies here, and the workspace's shared/testdata beside the checkout."""

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
OWN_DATA = HERE / "data"
REPO_ROOT = HERE.parents[3]  # src/chushan/trace/tests -> repository root


def _roots() -> list[Path]:
    # CI clones the repository with shared/ beside it; a checkout may also hold it inside.
    roots = [REPO_ROOT.parent / "shared" / "testdata", REPO_ROOT / "shared" / "testdata"]
    if os.environ.get("CHUSHAN_SHARED_TESTDATA"):
        roots.insert(0, Path(os.environ["CHUSHAN_SHARED_TESTDATA"]))
    return roots


def find_shared_testdata(*parts: str) -> Path | None:
    """Path under shared/testdata, or None when it is not there."""
    return next((root.joinpath(*parts) for root in _roots() if root.joinpath(*parts).exists()), None)


def shared_testdata(*parts: str) -> Path:
    """Path under shared/testdata, or skip the test with the reason when it is not beside the checkout."""
    path = find_shared_testdata(*parts)
    if path is None:
        looked = ", ".join(map(str, _roots()))
        pytest.skip(f"shared test data {'/'.join(parts)} not found (looked in {looked}); CI clones shared/ beside it")
    return path


def shared_params(subdir: str, pattern: str) -> list:
    """Shared files as pytest params (ids = file names), or one skipped param saying why when shared/ is absent."""
    folder = find_shared_testdata(subdir)
    if folder is not None:
        return [pytest.param(path, id=path.name) for path in sorted(folder.glob(pattern))]
    reason = f"shared/testdata/{subdir} not found beside the checkout (CI clones shared/ beside the repo)"
    return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="shared-testdata-absent")]
