"""Command line: ``python -m timeline validate [PATH]``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from timeline.dataset import default_data_dir, load_dataset
from timeline.problems import DataError

logger = logging.getLogger(__name__)


def validate(path: Path) -> int:
    """Print a one-line summary (exit 0) or one line per problem (exit 1)."""
    try:
        dataset = load_dataset(path)
    except DataError as error:
        for problem in error.problems:
            print(problem)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found in {path}", file=sys.stderr)
        return 1
    counts = [(len(dataset.events), "events"), (len(dataset.eras), "eras"), (len(dataset.sources), "sources"),
              (len(dataset.themes), "themes")]
    counts += [(len(table), name) for table, name in ((dataset.documents, "documents"),
               (dataset.document_parts, "document parts"), (dataset.tours, "tours"), (dataset.links, "links"))
               if len(table)]
    print(f"{path}: valid — " + ", ".join(f"{count} {name if count != 1 else name[:-1]}" for count, name in counts))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command."""
    parser = argparse.ArgumentParser(prog="python -m timeline", description="US–Japan alliance timeline tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a data folder or an events CSV against the data contract")
    check.add_argument("path", nargs="?", type=Path, default=None,
                       help="a data folder or an events CSV (default: $TIMELINE_DATA_DIR or data/)")
    check.add_argument("--debug", action="store_true", help="on a fault in the program, log its traceback too")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s")
    path = args.path or default_data_dir()
    try:
        return validate(path)
    except Exception as error:  # the contract: never a traceback, whatever the input (unless asked for)
        logger.error("%s could not be validated: the checker itself failed (%s: %s). This is a fault in the "
                     "program, not in the data; rerun with --debug for the details.",
                     path, error.__class__.__name__, error, exc_info=args.debug)
        return 1


if __name__ == "__main__":
    sys.exit(main())
