"""Writes the campaign's result records (one JSON file per fault kind) as a Markdown table into a
document, between the <!-- campaign:begin --> and <!-- campaign:end --> markers."""
import datetime
import json
import pathlib
import sys

BEGIN, END = "<!-- campaign:begin -->", "<!-- campaign:end -->"


def table(directory: pathlib.Path) -> str:
    records = [json.loads(p.read_text()) for p in sorted(directory.glob("*.json"))]
    if not records:
        raise SystemExit(f"no result records in {directory}")
    sizes = sorted({r["size"] for r in records})
    lines = [
        f"Campaign size: {', '.join(sizes)}; run {datetime.date.today().isoformat()}.",
        "",
        "| Fault | Store | Tried | Lost | Duplicated | Corrupt-returned | Other outcomes | Seconds | Seed |",
        "|---|---|--:|--:|--:|--:|---|--:|--:|",
    ]
    for r in records:
        other = ", ".join(outcome(k, v) for k, v in r["other"].items()) or "-"
        lines.append(
            f"| {r['kind']} | {r['store']} | {r['tried']} | {r['lost']} | {r['duplicated']} | "
            f"{r['corrupt-returned']} | {other} | {r['seconds']} | {r['seed']} |")
    return "\n".join(lines)


def outcome(name: str, value: int) -> str:
    """One other outcome: a count as `name n`; a time (a name ending in -ms, such as the load's
    status-p99-ms) as `status-p99 1,300 ms`, so that it does not read as a count."""
    if name.endswith("-ms"):
        return f"{name[:-3]} {value:,} ms"
    return f"{name} {value}"


def main() -> None:
    directory, document = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    text = document.read_text()
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    document.write_text(text[:start] + "\n" + table(directory) + "\n" + text[end:])


if __name__ == "__main__":
    main()
