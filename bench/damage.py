"""Damage bench: damaged copies of the reference plans, ingested and scored.

Each copy is one kind of damage, drawn from a seed (plan, variant, kind, copy number), so
the same command makes the same files:

- ``flip``      : 1–10 bytes XOR-ed with a random value at random offsets (a bad disk);
- ``truncate``  : the file cut at 30–99.9 % of its length (an interrupted download);
- ``zero``      : a block of 256 B – 8 KiB overwritten with zero bytes;
- ``duplicate`` : a chunk of 256 B – 8 KiB copied to another offset (a careless tool);
- ``fontmap``   : one font's or every font's ToUnicode CMap rewritten with pikepdf so
                  the Vietnamese (non-ASCII) letters map to nothing (U+FFFE: they vanish
                  from the text layer, "Mc tiu"), to private-use code points, or are
                  dropped from the map (PDFium then reports the raw glyph codes); the
                  glyphs still draw, so the page looks intact;
- ``pageobj``   : a page's object or its content stream's object blanked in the file
                  (the page is gone or draws nothing; the file needs repair);
- ``emptied``   : a page's content stream replaced by an empty one (a valid file with a
                  blank page).

Every copy is ingested (``pipeline.ingest.ingest_paths``, one fresh database per plan and
variant) and its rows scored against the plan's truth (``bench.score``). Outcomes:

- ``complete``  : every truth row found (recall 1.0), status ``ok``;
- ``flagged+``  : every truth row found, yet status ``partial`` (a false alarm, harmless);
- ``partial``   : rows missing, status ``partial`` (missing rows flagged);
- ``failed``    : status ``failed`` (a one-line reason);
- ``SHORT``     : rows missing and status ``ok`` — silently short, the number to drive to 0.

Usage: ``python -m bench.damage [--plan P] [--variant V] [--kind K] [--copies N]``;
results also go to build/bench/damage.json.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import render, score

KINDS = ("flip", "truncate", "zero", "duplicate", "fontmap", "pageobj", "emptied")
VARIANTS = ("digital", "fullplan", "wordproc")
COPIES = 4
OUT = render.ROOT / "build" / "damage"
RESULTS = render.ROOT / "build" / "bench" / "damage.json"
OUTCOMES = ("complete", "flagged+", "partial", "failed", "SHORT")


@dataclass
class Copy:
    path: Path
    plan: str
    variant: str
    kind: str
    what: str  # the damage in words


def _rng(*parts: object) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(":".join(map(str, parts)).encode()).digest()[:8], "big"))


# ----------------------------------------------------------------------- byte damage

def flip(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    out = bytearray(data)
    offsets = sorted(rng.randrange(len(out)) for _ in range(rng.randint(1, 10)))
    for at in offsets:
        out[at] ^= rng.randint(1, 255)
    return bytes(out), f"{len(offsets)} byte(s) flipped at {', '.join(map(str, offsets))}"


def truncate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    keep = int(len(data) * rng.uniform(0.3, 0.999))
    return data[:keep], f"cut at {keep} of {len(data)} bytes"


def zero(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    size = rng.randint(256, 8192)
    at = rng.randrange(max(1, len(data) - size))
    return data[:at] + bytes(size) + data[at + size:], f"{size} bytes zeroed at {at}"


def duplicate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    size = rng.randint(256, 8192)
    src = rng.randrange(max(1, len(data) - size))
    dst = rng.randrange(len(data))
    return data[:dst] + data[src:src + size] + data[dst:], f"{size} bytes from {src} copied in at {dst}"


# ------------------------------------------------------------------ structure damage

_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def parse_cmap(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's code → text (bfchar and bfrange sections)."""
    out: dict[int, str] = {}

    def text(hexa: bytes) -> str:
        raw = bytes.fromhex(hexa.decode())
        return raw.decode("utf-16-be", errors="replace")

    for section in re.finditer(rb"beginbfchar(.*?)endbfchar", data, re.S):
        pairs = _HEX.findall(section.group(1))
        for code, dst in zip(pairs[::2], pairs[1::2]):
            out[int(code, 16)] = text(dst)
    for section in re.finditer(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", section.group(1)):
            lo, hi, dst = int(line.group(1), 16), int(line.group(2), 16), line.group(3)
            if dst.startswith(b"["):
                for k, d in enumerate(_HEX.findall(dst)):
                    out[lo + k] = text(d)
            else:
                first = bytes.fromhex(dst[1:-1].decode())
                for k in range(hi - lo + 1):
                    last = int.from_bytes(first[-2:], "big") + k
                    out[lo + k] = (first[:-2] + last.to_bytes(2, "big")).decode("utf-16-be", errors="replace")
    return out


def write_cmap(mapping: dict[int, str | None], width: int) -> bytes:
    """A ToUnicode CMap (bfchar entries only); codes mapped to None are left out."""
    entries = [(code, dst) for code, dst in sorted(mapping.items()) if dst is not None]
    digits = 2 * width
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def", "1 begincodespacerange",
             f"<{'0' * digits}> <{'F' * digits}>", "endcodespacerange"]
    for start in range(0, len(entries), 100):
        chunk = entries[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{code:0{digits}X}> <{dst.encode('utf-16-be', errors='surrogatepass').hex().upper()}>"
                  for code, dst in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


#: How a damaged map shows Vietnamese letters: gone (PDFium drops U+FFFE), private-use
#: code points, or no entry at all (PDFium falls back to the raw glyph code).
FONTMAP_MODES = ("vanish", "private", "dropped")


def _font_maps(pdf) -> list:
    seen, fonts = set(), []
    for page in pdf.pages:
        for _, font in (page.Resources.get("/Font") or {}).items():
            if "/ToUnicode" in font and font.ToUnicode.objgen not in seen:
                seen.add(font.ToUnicode.objgen)
                fonts.append(font)
    return fonts


def damage_font_maps(data: bytes, mode: str, pick=None) -> tuple[bytes, str]:
    """Rewrite ToUnicode maps: Vietnamese letters of the fonts `pick(fonts)` returns (all
    by default) vanish, go to private use, or are dropped from the map (`FONTMAP_MODES`)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = _font_maps(pdf)
        if not fonts:
            return data, "no font with a ToUnicode map: unchanged"
        hit = pick(fonts) if pick else fonts
        for font in hit:
            raw = font.ToUnicode.read_bytes()
            space = re.search(rb"begincodespacerange\s*<([0-9A-Fa-f]+)>", raw)
            width = len(space.group(1)) // 2 if space else 1
            mapping: dict[int, str | None] = {}
            for code, text in parse_cmap(raw).items():
                if not any(ord(ch) > 127 and ch.isalpha() for ch in text):
                    mapping[code] = text
                elif mode == "vanish":
                    mapping[code] = "\ufffe"
                elif mode == "private":
                    mapping[code] = chr(0xE000 + code % 0x1000)
                else:
                    mapping[code] = None
            font.ToUnicode = pdf.make_stream(write_cmap(mapping, width))
        out = io.BytesIO()
        pdf.save(out)
    names = ", ".join(str(f.get("/BaseFont", "?")) for f in hit) if len(hit) < len(fonts) else "every font"
    return out.getvalue(), f"ToUnicode of {names}: Vietnamese letters {mode}"


def fontmap(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    mode = rng.choice(FONTMAP_MODES)
    every = rng.random() < 0.5
    return damage_font_maps(data, mode, None if every else (lambda fonts: [rng.choice(fonts)]))


def _blank_object(data: bytes, num: int, gen: int) -> bytes | None:
    """The bytes of object `num gen` (header to endobj) overwritten with spaces."""
    m = re.search(rb"(?<![0-9])%d %d obj" % (num, gen), data)
    if not m:
        return None
    end = data.find(b"endobj", m.end())
    if end < 0:
        return None
    end += len(b"endobj")
    return data[:m.start()] + b" " * (end - m.start()) + data[end:]


def pageobj(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        index = rng.randrange(len(pdf.pages))
        page = pdf.pages[index].obj
        contents = page.get("/Contents")
        targets = [("page object", page.objgen)]
        if isinstance(contents, pikepdf.Stream) and contents.is_indirect:
            targets.append(("content stream", contents.objgen))
        what, (num, gen) = rng.choice(targets)
    out = _blank_object(data, num, gen)
    if out is None:  # inside an object stream: empty the page instead
        return emptied(data, rng, index)
    return out, f"page {index + 1}: {what} (object {num}) blanked"


def emptied(data: bytes, rng: random.Random, index: int | None = None) -> tuple[bytes, str]:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        index = rng.randrange(len(pdf.pages)) if index is None else index
        pdf.pages[index].obj.Contents = pdf.make_stream(b"")
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue(), f"page {index + 1}: content stream emptied"


DAMAGE = {"flip": flip, "truncate": truncate, "zero": zero, "duplicate": duplicate, "fontmap": fontmap,
          "pageobj": pageobj, "emptied": emptied}


def make_copies(plan: str, variant: str, kinds: tuple[str, ...], copies: int, out_dir: Path = OUT) -> list[Copy]:
    """The damaged copies of one reference PDF (rebuilt each time: cheap, deterministic)."""
    data = render.build(plan, variant).read_bytes()
    folder = out_dir / plan / variant
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for kind in kinds:
        for n in range(copies):
            damaged, what = DAMAGE[kind](data, _rng(plan, variant, kind, n))
            path = folder / f"{kind}-{n}.pdf"
            path.write_bytes(damaged)
            out.append(Copy(path, plan, variant, kind, what))
    return out


# ------------------------------------------------------------------------- the bench

def _rows(db: Path, doc_id: str) -> list[dict]:
    import duckdb

    from schemas.records import ROW_FIELDS

    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(f"SELECT {', '.join(ROW_FIELDS)} FROM plan_rows WHERE doc_id = ? ORDER BY row_no", [doc_id])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        con.close()


def outcome(status: str, recall: float) -> str:
    if status == "failed":
        return "failed"
    if recall >= 1.0:
        return "complete" if status == "ok" else "flagged+"
    return "partial" if status == "partial" else "SHORT"


def run_batch(plan: str, variant: str, kinds: tuple[str, ...], copies: int, timeout: float, workers: int) -> list[dict]:
    from pipeline.ingest import ingest_paths

    truth = score.load_truth(render.CORPUS / plan / "truth.json")
    batch = make_copies(plan, variant, kinds, copies)
    db = OUT / f"{plan}.{variant}.duckdb"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    results = ingest_paths([c.path for c in batch], db, workers=workers, timeout=timeout)
    seconds = time.perf_counter() - start
    out = []
    for copy, result in zip(batch, results):
        rows = _rows(db, result.doc_id) if result.doc_id and result.status != "failed" else []
        s = score.score_rows(truth, rows)
        events = [e.message for e in result.events if e.level != "info"]
        out.append({"plan": plan, "variant": variant, "kind": copy.kind, "file": copy.path.name, "damage": copy.what,
                    "status": result.doc_status, "rows": len(rows), "truth_rows": len(truth),
                    "recall": round(s.recall, 4), "outcome": outcome(result.doc_status, s.recall),
                    "error": result.error, "events": events[:6]})
    print(f"  {plan} {variant}: {len(batch)} copies in {seconds:.0f} s", flush=True)
    return out


def table(results: list[dict]) -> str:
    head = f"| kind | plan | copies | {' | '.join(OUTCOMES)} |"
    lines = [head, "|" + "---|" * (3 + len(OUTCOMES))]
    keys = sorted({(r["kind"], r["plan"]) for r in results}, key=lambda k: (KINDS.index(k[0]), render.PLANS.index(k[1])))
    totals = {o: 0 for o in OUTCOMES}
    for kind, plan in keys:
        group = [r for r in results if (r["kind"], r["plan"]) == (kind, plan)]
        counts = {o: sum(r["outcome"] == o for r in group) for o in OUTCOMES}
        for o in OUTCOMES:
            totals[o] += counts[o]
        lines.append(f"| {kind} | {plan} | {len(group)} | {' | '.join(str(counts[o]) for o in OUTCOMES)} |")
    lines.append(f"| **all** | | {len(results)} | {' | '.join(f'**{totals[o]}**' for o in OUTCOMES)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Damaged copies of the reference plans: complete, flagged, failed, "
                                             "silently short.")
    ap.add_argument("--plan", action="append", choices=render.PLANS)
    ap.add_argument("--variant", action="append", choices=render.VARIANTS)
    ap.add_argument("--kind", action="append", choices=KINDS)
    ap.add_argument("--copies", type=int, default=COPIES, help=f"copies per kind, plan and variant (default {COPIES})")
    ap.add_argument("--timeout", type=float, default=600.0, help="per-document time limit, seconds")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    kinds = tuple(args.kind or KINDS)
    results = []
    for plan in args.plan or render.PLANS:
        for variant in args.variant or VARIANTS:
            results += run_batch(plan, variant, kinds, args.copies, args.timeout, args.workers)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(table(results))
    short = [r for r in results if r["outcome"] == "SHORT"]
    for r in short:
        print(f"SHORT {r['plan']}/{r['variant']}/{r['file']}: {r['rows']}/{r['truth_rows']} rows, recall "
              f"{r['recall']:.3f} ({r['damage']})")
    return 1 if short else 0


if __name__ == "__main__":
    raise SystemExit(main())
