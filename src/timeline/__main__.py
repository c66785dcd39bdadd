"""Command line: ``python -m timeline validate [PATH]``, and ``cite``, ``handout``, ``flashcards`` [filters]."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import pandas as pd

from timeline.dataset import Dataset, default_data_dir, load_dataset
from timeline.filters import FilterState, apply_filters
from timeline.flashcards import flashcards_text
from timeline.handout import HandoutError, build_handout
from timeline.problems import DataError
from timeline.references import REFERENCE_FORMATS, references_of, references_text
from timeline.urlstate import view_from_params

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


# The take-away verbs (H11): cite, handout, flashcards, filtered as the URL names its filters.
FILTER_OPTIONS = {
    "era": "era ids, comma-separated (an era includes its phases)",
    "cat": "category ids, comma-separated",
    "imp": "importance levels 1-3, comma-separated",
    "years": "a year range such as 1951-1960",
    "q": "words that must all occur in an event, in either language",
}


def filtered_events(args: argparse.Namespace) -> tuple[Dataset, FilterState, pd.DataFrame]:
    """The dataset of ``--data`` and the events its filter options select; a clear error for unknown values."""
    dataset = load_dataset(args.data or default_data_dir())
    params = {name: getattr(args, name) for name in FILTER_OPTIONS if getattr(args, name)}
    view, ignored = view_from_params(params, dataset)
    if ignored:
        raise TakeawayError("; ".join(f"--{item.name}: {item.value!r} is not known in {dataset.origin}"
                                      for item in ignored))
    return dataset, view.filters, apply_filters(dataset, view.filters)


class TakeawayError(Exception):
    """A take-away command that cannot do what was asked, with the reason in words."""


def cite(args: argparse.Namespace) -> int:
    """Write the sources of the filtered events as RIS, BibTeX or CSL-JSON."""
    dataset, _, events = filtered_events(args)
    _write(references_text(references_of(dataset, events, args.lang), args.format).encode("utf-8"), args.output)
    return 0


def handout(args: argparse.Namespace) -> int:
    """Write the handout PDF of the filtered events, a tour or the Compare grid."""
    dataset, filters, events = filtered_events(args)
    compare = None if args.compare is None else [item for item in args.compare.split(",") if item]
    if compare:
        unknown = sorted(set(compare) - set(dataset.adjustments.get("id", [])))
        if unknown:
            raise TakeawayError(f"--compare: {', '.join(unknown)} not in adjustments.csv")
    _write(build_handout(dataset, events, args.lang, filters=filters, tour=args.tour, compare=compare), args.output)
    return 0


def flashcards(args: argparse.Namespace) -> int:
    """Write Anki flashcards of the filtered events."""
    _, _, events = filtered_events(args)
    _write(flashcards_text(events, args.lang).encode("utf-8"), args.output)
    return 0


def _write(data: bytes, output: Path | None) -> None:
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(data)
        print(f"wrote {output} ({len(data):,} bytes)", file=sys.stderr)


def _add_takeaway_parser(commands, name: str, help_text: str, *, output_required: bool = False):
    parser = commands.add_parser(name, help=help_text, description=help_text + ". No filter: all events.")
    for option, help_option in FILTER_OPTIONS.items():
        parser.add_argument(f"--{option}", default="", help=help_option)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the output (default zh)")
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: $TIMELINE_DATA_DIR or data/)")
    parser.add_argument("-o", "--output", type=Path, required=output_required,
                        default=None, help="file to write" + ("" if output_required else " (default: standard output)"))
    parser.add_argument("--debug", action="store_true", help="on a fault in the program, log its traceback too")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command."""
    parser = argparse.ArgumentParser(prog="python -m timeline", description="US–Japan alliance timeline tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a data folder or an events CSV against the data contract")
    check.add_argument("path", nargs="?", type=Path, default=None,
                       help="a data folder or an events CSV (default: $TIMELINE_DATA_DIR or data/)")
    check.add_argument("--debug", action="store_true", help="on a fault in the program, log its traceback too")
    references = _add_takeaway_parser(commands, "cite", "the sources of the filtered events for Zotero or EndNote")
    references.add_argument("--format", choices=tuple(REFERENCE_FORMATS), default="ris", help="default ris")
    sheet = _add_takeaway_parser(commands, "handout", "an A4 PDF handout of the filtered events", output_required=True)
    sheet.add_argument("--tour", default=None, help="print this tour's stops (from tours.csv) instead")
    sheet.add_argument("--compare", nargs="?", const="", default=None,
                       help="print the Compare grid instead: adjustment ids, comma-separated (none: all)")
    _add_takeaway_parser(commands, "flashcards", "Anki flashcards (tab-separated import file) of the filtered events")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s")
    if args.command != "validate":
        return _run_takeaway({"cite": cite, "handout": handout, "flashcards": flashcards}[args.command], args)
    path = args.path or default_data_dir()
    try:
        return validate(path)
    except Exception as error:  # the contract: never a traceback, whatever the input (unless asked for)
        logger.error("%s could not be validated: the checker itself failed (%s: %s). This is a fault in the "
                     "program, not in the data; rerun with --debug for the details.",
                     path, error.__class__.__name__, error, exc_info=args.debug)
        return 1


def _run_takeaway(command, args: argparse.Namespace) -> int:
    """Run a take-away verb: a one-line reason on a known failure, never a traceback (unless --debug)."""
    try:
        return command(args)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in the data; nothing written", file=sys.stderr)
    except (TakeawayError, HandoutError) as error:
        print(f"error: {error}", file=sys.stderr)
    except OSError as error:
        print(f"error: cannot write {args.output}: {error.strerror}", file=sys.stderr)
    except Exception as error:  # the contract: never a traceback, whatever the input (unless asked for)
        logger.error("%s failed: the program itself failed (%s: %s); rerun with --debug for the details.",
                     args.command, error.__class__.__name__, error, exc_info=args.debug)
    return 1


if __name__ == "__main__":
    sys.exit(main())
