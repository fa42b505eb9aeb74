"""Bad inputs from the hardening audit (issue 11), written for these tests, beside good articles."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

GOOD = {
    "good_shelling.txt": "Shelling hit Martuni overnight\n\nArtillery fire struck the town of Martuni on the night "
                         "of 4 October, the regional administration said on Monday. Two houses were damaged.\n",
    "good_protest.txt": "Rally in Yerevan\n\nSeveral hundred people marched to the government building in Yerevan "
                        "on Tuesday to protest against the border agreement, local media reported.\n",
}
HUGE_FIGURE = ("Huge toll claimed\n\nA spokesman claimed on 3 October that the strike on Tartar ended by killing "
               "9999999999 civilians, a figure nobody else gave.\n")
GOOD_ROW = {"text": "Police detained twelve protesters outside parliament in Yerevan on 10 November, "
                    "an opposition party said.", "title": "Arrests in Yerevan", "outlet": "Example AM"}


def deep_json(depth: int = 100_000) -> str:
    return "[" * depth + "]" * depth


def jsonl_mixed() -> str:
    """One good row among a row nested 100k deep, a NUL byte and wrongly typed metadata."""
    rows = [json.dumps(GOOD_ROW), deep_json(),
            json.dumps({"text": "A row with a NUL \u0000 byte inside it about shelling."}),
            json.dumps({"text": "Typed badly: a list where a title string belongs.", "title": ["a", "b"]}),
            json.dumps({**GOOD_ROW, "text": GOOD_ROW["text"].replace("twelve", "eleven")})]
    return "\n".join(rows) + "\n"


def csv_big_field() -> str:
    big = ("Shells fell near the road. " * 7000)[:185_000]
    return f'text,outlet\n"{GOOD_ROW["text"]}",A\n"{big}",B\n"Troops withdrew from the village on Friday.",C\n'


def csv_unbalanced() -> str:
    return ('text,outlet\n"Drones struck a depot near Aghdam on Sunday.",A\n'
            '"An opening quote that never closes, Khojavend,B\nmore text,C\n')


def random_high_bytes(n: int = 4096, seed: int = 11) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(n))


def write_mixed_folder(root: Path) -> tuple[set[str], set[str]]:
    """A folder of good and bad inputs; returns (good sources, bad sources) as the store names them."""
    root.mkdir(parents=True, exist_ok=True)
    good, bad = set(), set()
    for name, text in GOOD.items():
        (root / name).write_text(text, encoding="utf-8")
        good.add(str(root / name))
    (root / "huge_figure.txt").write_text(HUGE_FIGURE, encoding="utf-8")
    good.add(str(root / "huge_figure.txt"))  # stored: the implausible figure is dropped, not the article
    named = os.fsencode(root) + b"/caf\xe9 report.txt"  # a file name that is not UTF-8
    with open(named, "wb") as fh:
        fh.write(GOOD["good_protest.txt"].replace("Tuesday", "Wednesday").encode())
    good.add(str(root) + "/caf\\xe9 report.txt")
    (root / "noise.txt").write_bytes(random_high_bytes())
    bad.add(str(root / "noise.txt"))
    (root / "[").mkdir()
    (root / "[" / "]oops[bold].txt").write_bytes(b"")  # its path holds "[/]", Rich's closing tag
    bad.add(str(root / "[" / "]oops[bold].txt"))
    (root / "rows.jsonl").write_text(jsonl_mixed(), encoding="utf-8")
    good |= {f"{root / 'rows.jsonl'}#1", f"{root / 'rows.jsonl'}#5"}
    bad |= {f"{root / 'rows.jsonl'}#{n}" for n in (2, 3, 4)}
    (root / "quotes.csv").write_text(csv_unbalanced(), encoding="utf-8")
    good.add(f"{root / 'quotes.csv'}#2")
    bad.add(f"{root / 'quotes.csv'}#3")
    (root / "explode.txt").write_text("EXPLODE\n\nThis article makes a stage raise on purpose.\n", encoding="utf-8")
    bad.add(str(root / "explode.txt"))
    return good, bad
