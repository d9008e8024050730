"""The CDK CLI's entry (`infra/cdk.json`): puts the repository and the kit on the path, then builds the app."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "kit")]

from infra.cdk.app import main  # noqa: E402

main()
