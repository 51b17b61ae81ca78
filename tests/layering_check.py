#!/usr/bin/env python3
"""Fails on any #include against the layering: app -> engine -> storage / output / mail, and the
engine's parts only downward. Run by ctest as `layering`; prints each offending include with its
file and line, and exits 1 when there is one."""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]

# What each folder may include besides itself. The pure parts (domain, base, calendar, workflow)
# see no storage; storage sees only the domain's types it implements; the mail adapter sees only
# the engine's mail port.
BELOW = {
    "engine/domain": [],
    "engine/base": [],
    "engine/letters": [],
    "engine/calendar": ["engine/base"],
    "engine/workflow": ["engine/calendar", "engine/domain"],
    "engine/definitions": ["engine/workflow", "storage"],
    "engine/workspace": ["engine/definitions"],
    "engine/access": ["engine/workspace"],
    "engine/documents": ["engine/workspace", "output"],
    "engine/reminders": ["engine/workspace", "engine/letters"],
    "engine/cases": ["engine/access", "engine/documents", "engine/reminders"],
    "storage": ["engine/domain"],
    "output": [],
    "mail": ["engine/letters"],
    "app": ["engine/cases", "mail"],
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def allowed(folder):
    """The folder itself and everything below it, transitively."""
    seen, todo = set(), [folder]
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        seen.add(f)
        todo.extend(BELOW.get(f, []))
    return seen


def folder_of(relative):
    parts = relative.parts
    if parts[0] == "engine" and len(parts) > 2:
        return "engine/" + parts[1]
    return parts[0]


def main():
    problems = []
    for path in sorted(ROOT.glob("**/*")):
        if path.suffix not in (".h", ".cpp") or not path.is_file():
            continue
        relative = path.relative_to(ROOT)
        if relative.parts[0] not in ("engine", "storage", "output", "mail", "app"):
            continue
        if relative.parts[0] == "engine" and len(relative.parts) == 2:
            problems.append(f"{relative}: engine file outside a part (engine/<part>/)")
            continue
        folder = folder_of(relative)
        if folder not in BELOW:
            problems.append(f"{relative}: folder {folder} has no place in the layering")
            continue
        may = allowed(folder)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            target = pathlib.PurePosixPath(match.group(1))
            if target.parts[0] not in ("engine", "storage", "output", "mail", "app", "tests",
                                       "bench"):
                continue  # a sibling header of a third-party library
            target_folder = folder_of(target)
            if target_folder not in may:
                problems.append(f"{relative}:{number}: {folder} may not include {target}")
    for problem in problems:
        print(problem)
    print(f"layering: {len(problems)} include(s) against the arrows")
    return 1 if problems else 0


def self_test():
    """The check itself can fail: a pure part that includes storage must be caught."""
    import tempfile
    global ROOT
    with tempfile.TemporaryDirectory() as tmp:
        ROOT = pathlib.Path(tmp)
        bad = ROOT / "engine" / "workflow" / "Bad.h"
        bad.parent.mkdir(parents=True)
        bad.write_text('#include "storage/Records.h"\n#include "engine/calendar/Date.h"\n')
        loose = ROOT / "engine" / "Loose.cpp"
        loose.write_text("\n")
        if main() != 1:
            print("self-test: a forbidden include was not caught")
            return 1
    print("self-test: forbidden includes are caught")
    return 0


if __name__ == "__main__":
    sys.exit(self_test() if sys.argv[1:] == ["--self-test"] else main())
