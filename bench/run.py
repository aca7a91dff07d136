"""Run the benchmarks of one area (or all): `make bench AREA=foundation`.

Every benchmark prints one line per figure: `bench: <area>.<metric> <value> <unit>`.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# area -> scripts, run in order; each prints its own `bench:` lines
AREAS = {
    "foundation": ["foundation.py", "make_run_time.py"],
    "portfolio": ["portfolio.py"],
    "servicedesk": ["servicedesk.py"],
    "network": ["network.py"],
    "assets": ["assets.py"],
    "cmdb": ["cmdb.py"],
}


def main(argv: list[str]) -> int:
    chosen = argv[1:] or list(AREAS)
    status = 0
    for area in chosen:
        if area not in AREAS:
            print(f"unknown area {area!r}; known: {', '.join(AREAS)}", file=sys.stderr)
            return 2
        for script in AREAS[area]:
            status |= subprocess.call([sys.executable, str(HERE / script)])
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
