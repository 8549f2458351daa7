"""AppTest's entry to dashboard.py (see tests/test_app.py: run_page)."""

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
runpy.run_path(str(ROOT / "dashboard.py"), run_name="__main__")
