#!/usr/bin/env python3
"""Reproduce contentcheck's performance numbers on a corpus this script generates.

    python benchmarks/bench.py                 # everything, prints a Markdown table
    python benchmarks/bench.py --quick         # smaller corpora, one round

Measures, each as the median wall time of whole `contentcheck check` processes:
throughput (1,000 documents, --jobs 1 and 2), rule-count scaling (10 -> 1,000
phrase rules), corpus scaling (100 -> 1,000 -> 10,000 documents, with peak
memory), start-up on one small file, and the cache (second run over an
unchanged tree). Not part of the test suite: timings belong here, not in tests.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

WORDS = ("council budget harbour river station school hospital market bridge library festival "
         "residents officials members plan project vote report city county district water road "
         "park housing transit energy farmers workers teachers students week year month spring").split()
LEFTOVERS = ["You May Also Like", "No results found.", "Views: 218", "As an AI language model, I cannot",
             "[Insert quote here]", "Experts say the plan will fail.", "Lorem ipsum dolor sit amet."]
DISCLAIMER = ("Please note that this edited version is based on the given information and is fictional. "
              "It does not represent any actual events.")


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    words[0] = words[0].capitalize()
    tail = rng.choice([" the mayor said.", " according to the clerk.", ".", " officials said."])
    return " ".join(words) + tail


def article(rng: random.Random) -> list[str]:
    # About the size of a real article: 15-40 paragraphs of 3-7 sentences.
    paras = [" ".join(sentence(rng) for _ in range(rng.randint(3, 7))) for _ in range(rng.randint(15, 40))]
    if rng.random() < 0.3:
        paras.insert(rng.randrange(len(paras)), rng.choice(LEFTOVERS))
    if rng.random() < 0.08:
        paras.append(DISCLAIMER)
    return paras


def write_corpus(folder: str, n: int, seed: int = 1) -> None:
    os.makedirs(folder, exist_ok=True)
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        paras = article(rng)
        title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
        kind = i % 10
        if kind < 6:
            nav = "".join(f"<li><a href='/s{j}'>{rng.choice(WORDS)}</a></li>" for j in range(30))
            side = "<aside class='related'><h3>You May Also Like</h3><ul>" + "".join(
                f"<li>{sentence(rng)}</li>" for _ in range(6)) + "</ul></aside>"
            script = "<script>window.cfg = {" + ",".join(f'"k{j}": {j}' for j in range(600)) + "};</script>"
            body = "\n".join(f"<p>{p}</p>" for p in paras)
            author = "" if rng.random() < 0.1 else "<meta name='author' content='Jane Doe'>"
            text = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{author}{script}"
                    f"</head><body><header><nav><ul>{nav}</ul></nav></header><main><article><h1>{title}</h1>\n"
                    f"{body}\n</article>{side}</main><footer><p>Share this:</p></footer></body></html>\n")
            name = f"doc-{i:06d}.html"
        elif kind < 9:
            text = f"---\ntitle: {title}\nauthor: Jane Doe\ntags: [news]\n---\n\n# {title}\n\n" + "\n\n".join(paras) + "\n"
            name = f"doc-{i:06d}.md"
        else:
            text = f"{title}\n\nBy Jane Doe\n\n" + "\n\n".join(paras) + "\n"
            name = f"doc-{i:06d}.txt"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
            fh.write(text)


def write_rules(path: str, count: int) -> None:
    rng = random.Random(7)
    a = ["synergistic", "hyperlocal", "disruptive", "frictionless", "gamified", "omnichannel", "holistic",
         "turnkey", "scalable", "seamless", "agile", "robust", "viral", "bespoke", "curated"]
    b = ["wellness", "ecosystem", "mindset", "journey", "storytelling", "deliverable", "bandwidth",
         "touchpoint", "flywheel", "moonshot", "playbook", "roadmap", "pivot", "paradigm", "framework"]
    c = ["unlocked", "reimagined", "at scale", "going forward", "redefined", "explained", "revisited",
         "made simple", "done right", "on a budget"]
    combos = [f"{x} {y} {z}" for x in a for y in b for z in c]
    rng.shuffle(combos)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("rules:\n")
        for i, phrase in enumerate(combos[:count]):
            fh.write(f"  - id: buzz-{i:04d}\n    category: template-leftover\n    severity: info\n"
                     f"    message: Buzzword\n    kind: phrase\n    phrases: [\"{phrase}\"]\n")


def run(args: list[str], repeat: int) -> tuple[float, float]:
    """(median wall seconds, peak RSS MB of the largest child) over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "contentcheck", *args], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), rss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default=None, help="folder for corpora (default: a temporary folder)")
    ap.add_argument("--corpus", default=None,
                    help="an existing folder of documents to use for the 1,000-document measures")
    args = ap.parse_args()
    repeat = 1 if args.quick else args.repeat
    work = args.work or tempfile.mkdtemp(prefix="contentcheck-bench-")
    sizes = [100, 1000] if args.quick else [100, 1000, 10000]
    big = os.path.join(work, f"corpus-{sizes[-1]}")
    if not os.path.isdir(big):
        write_corpus(big, sizes[-1])
    files = sorted(os.listdir(big))
    corpora = {}
    for n in sizes:
        folder = os.path.join(work, f"link-{n}")
        if not os.path.isdir(folder):
            os.makedirs(folder)
            for name in files[:n]:
                os.link(os.path.join(big, name), os.path.join(folder, name))
        corpora[n] = folder
    base = ["check", "--format", "json", "--no-progress", "-o", os.devnull]
    rows = []
    c1000 = args.corpus or corpora[1000]
    # Alternated, so that a slow spell of the machine hits both job counts.
    pairs = [(run(base + [c1000, "--jobs", "1"], 1)[0], run(base + [c1000, "--jobs", "2"], 1)[0])
             for _ in range(max(repeat, 5) if not args.quick else 1)]
    t1 = statistics.median(a for a, _ in pairs)
    t2 = statistics.median(b for _, b in pairs)
    ratio = statistics.median(a / b for a, b in pairs)
    rows.append(("throughput, 1,000 docs, --jobs 2", f"{t2:.2f} s", f"{1000 / t2:.0f} docs/s"))
    rows.append(("throughput, 1,000 docs, --jobs 1", f"{t1:.2f} s",
                 f"--jobs 2 is {ratio:.2f}x faster (median of {len(pairs)} alternated pairs)"))
    r10, r1000 = os.path.join(work, "rules-10.yaml"), os.path.join(work, "rules-1000.yaml")
    write_rules(r10, 10)
    write_rules(r1000, 1000)
    tr10, _ = run(base + [c1000, "--rules", r10], repeat)
    tr1000, _ = run(base + [c1000, "--rules", r1000], repeat)
    rows.append(("10 -> 1,000 phrase rules (1,000 docs)", f"{tr10:.2f} s -> {tr1000:.2f} s",
                 f"{tr1000 / tr10:.2f}x"))
    times = {}
    for n in sizes:
        t, rss = run(base + [corpora[n]], 1 if n >= 10000 else repeat)
        times[n] = t
        rows.append((f"corpus of {n:,} docs", f"{t:.2f} s", f"peak RSS so far {rss:.0f} MB"))
    xs = [math.log(n) for n in sizes]
    ys = [math.log(times[n]) for n in sizes]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    k = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    local = math.log(times[sizes[-1]] / times[sizes[-2]]) / math.log(sizes[-1] / sizes[-2])
    rows.append(("growth exponent (fit / last step)", f"{k:.2f} / {local:.2f}", "1.0 = linear"))
    one = os.path.join(corpora[100], files[1])
    ts, _ = run(["check", "--no-progress", one], max(repeat, 5))
    rows.append(("start-up: one small file", f"{ts:.2f} s", ""))
    cache = os.path.join(work, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    tc1, _ = run(base + [c1000, "--cache", cache], 1)
    tc2, _ = run(base + [c1000, "--cache", cache], repeat)
    rows.append(("--cache: first run -> unchanged second run", f"{tc1:.2f} s -> {tc2:.2f} s", f"{tc1 / tc2:.1f}x"))
    print(f"contentcheck benchmark ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})\n")
    print("| measure | time | note |\n|---|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
