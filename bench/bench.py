#!/usr/bin/env python3
"""make bench: checksheet against the libyaml floor and a Python peer.

Run by bench/run.sh with TOP_SRCDIR and TOP_BUILDDIR set. For each N in
BENCH_SIZES (default "49 1000 10000 100000"):

  - bench/gen.py writes a synthetic template and answers with N items into
    $TOP_BUILDDIR/bench-data/nN/ (reused while gen.py is unchanged); the
    template is installed for the runs as $XDG_DATA_HOME/checksheet/
    templates/bench-N.yaml, and the answers name it by its id;
  - whole processes, pinned to one CPU (taskset -c CPU), several runs each:
    the floor (bench/floor over template + answers), check, export
    csv/json/html/md/xlsx, import of the exported CSV, the peer
    (bench/peer.py), `checksheet templates`; the median of user+sys CPU
    time and of peak RSS, from wait4's rusage of each child; every size's
    commands in the same rounds (measure_rounds);
  - the editor in a pseudo-terminal of 80x24 (bench/pty_editor.py): CPU
    time to the first quiet screen, to review mode's first screen (in the
    rounds), then, with a session of every size open side by side and the
    sizes in turn in each cycle, per key of Down, PageDown, ], n (a rare
    and a common term), per character typed at the / prompt, bytes
    written per Down, and ^S after one edit.

Then one table of N x figure with the growth from 10 000 to 100 000, and
the ratios of issue 12 with their targets, marked. Timings are printed,
never asserted: the exit status is 1 only when a measured command failed
(a crash, an unexpected exit status, an editor that does not answer).
The table is also written to $TOP_BUILDDIR/bench-results.md, and the figures
to bench-results.json.

Environment: BENCH_SIZES, BENCH_RUNS (runs per command, default 5),
BENCH_PYTHON (the peer's interpreter; default this one).
"""

import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True
from pty_editor import Editor, EditorError  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TOP_SRCDIR = os.environ.get("TOP_SRCDIR") or os.path.dirname(HERE)
TOP_BUILDDIR = os.environ.get("TOP_BUILDDIR") or os.getcwd()
CHECKSHEET = os.path.join(TOP_BUILDDIR, "checksheet")
FLOOR = os.path.join(TOP_BUILDDIR, "bench", "floor")
RUSAGE = os.path.join(TOP_BUILDDIR, "bench", "rusage")
PYTHON = os.environ.get("BENCH_PYTHON") or sys.executable
DATA = os.path.join(TOP_BUILDDIR, "bench-data")
SCRATCH = os.path.join(TOP_BUILDDIR, "bench-scratch")

RARE_TERM = "量子鍵配送"     # in one note (gen.py)
COMMON_TERM = "冗長化"       # in every third note
FIRST_SCREEN_END = b"Help"  # in the key bar, the last line drawn
REPEAT_BUDGET = 40.0         # seconds of one command's runs before we stop repeating
KEY_BUDGET = 3.0             # CPU seconds for one key figure before we stop early

failures = []


STARTED = time.monotonic()


def log(msg):
    """A progress line; measurements end in the time since the start."""
    if msg.startswith("  "):
        msg = "%-72s [%4.0f s]" % (msg, time.monotonic() - STARTED)
    print(msg, flush=True)


def fail(what, why):
    failures.append("%s: %s" % (what, why))
    log("bench: FAILED %s: %s" % (what, why))


# --- CPUs: the measured program on one, the driver on the others
ALLOWED = sorted(os.sched_getaffinity(0))
PIN = ALLOWED[0]
TASKSET = shutil.which("taskset")
if len(ALLOWED) > 1:
    os.sched_setaffinity(0, set(ALLOWED[1:]))


def base_env(n, home):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "XDG_", "CHECKSHEET_")) and k not in ("LANG", "LANGUAGE")}
    env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color", HOME=home,
               XDG_DATA_HOME=os.path.join(home, "data-%d" % n),
               XDG_STATE_HOME=os.path.join(home, "state"),
               XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_CACHE_HOME=os.path.join(home, "cache"))
    return env


def run_once(argv, env, cwd, ok_codes):
    """One whole process, pinned, through bench/rusage: (cpu s, peak rss
    KiB, wall s, exit code)."""
    full = [RUSAGE, os.path.join(SCRATCH, "rusage.txt")] + ([TASKSET, "-c", str(PIN)] if TASKSET else []) + argv
    errpath = os.path.join(SCRATCH, "stderr.txt")
    with open(errpath, "wb") as err:
        t = time.monotonic()
        subprocess.run(full, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        wall = time.monotonic() - t
    try:
        with open(os.path.join(SCRATCH, "rusage.txt")) as f:
            code, user, system, rss = f.read().split()
        os.unlink(os.path.join(SCRATCH, "rusage.txt"))
    except (OSError, ValueError):
        code = user = system = rss = None
    if code is None or int(code) not in ok_codes:
        with open(errpath, "rb") as f:
            tail = f.read()[-600:].decode("utf-8", "replace").strip()
        raise RuntimeError("exit %s%s" % (code, (": " + tail) if tail else ""))
    return float(user) + float(system), int(rss), wall, int(code)


def measure_cmd(name, argv, env, cwd, runs, ok_codes=(0,)):
    """Median CPU ms and median peak RSS MiB over the runs (fewer when one
    run is long); None when the command failed."""
    cpus, rsss = [], []
    spent = 0.0
    codes = set()
    for _ in range(runs):
        try:
            cpu, rss, wall, code = run_once(argv, env, cwd, ok_codes)
        except (RuntimeError, OSError) as e:
            fail(name, e)
            return None, None
        codes.add(code)
        cpus.append(cpu)
        rsss.append(rss)
        spent += wall
        if spent > REPEAT_BUDGET:
            break
    cpu_ms = statistics.median(cpus) * 1000
    rss_mib = statistics.median(rsss) / 1024
    log("  %-12s %10.1f ms  %8.1f MiB  (%d run%s%s)" % (
        name, cpu_ms, rss_mib, len(cpus), "" if len(cpus) == 1 else "s",
        ", exit %s" % "/".join(map(str, sorted(codes))) if codes != {0} else ""))
    return cpu_ms, rss_mib


def measure_rounds(jobs, runs):
    """The commands of every size in rounds: one run of each in turn, so
    that a slow moment of a shared machine falls on all of them alike and
    the ratios between them stay true, both within a size (check / floor,
    first screen / check: a size's commands run one after the other) and
    across sizes (the growth from 10 000 to 100 000: every size in every
    round). Each round takes the sizes, and the commands of each, in its
    own order (shuffled, the same in every run of the bench), so that no
    command always runs right after the same one: the kernel gives a process
    the pages the one before it freed, which on this virtual machine are
    cheaper to fault in than pages the host took back (seen: 40-90 ms more
    system time for a check that follows the floor, which frees almost
    nothing; in a fixed order check always followed the floor). The csv
    that import reads is written before the rounds (prepare_size).

    jobs: {n: (env, cwd, cmds)}, cmds: (key, name, argv, ok_codes), or
    (key, name, fn, None) where fn(round) is one run that returns (cpu s,
    peak RSS KiB or None, wall s, exit code). A size's commands stop
    repeating once their runs have taken REPEAT_BUDGET * 3 s of wall time.
    {n: {key: (median CPU ms, median peak RSS MiB or None, {round: CPU ms})}},
    (None, None, {}) for one that failed (it is left out of the later
    rounds). The CPU time of each round lets a ratio be taken round by round
    (paired_ratio)."""
    flat = [(n, c) for n, (_, _, cmds) in jobs.items() for c in cmds]
    got = {(n, c[0]): ([], [], set(), {}) for n, c in flat}
    failed = set()
    spent = {n: 0.0 for n in jobs}
    for r in range(runs):
        sizes = list(jobs)
        order = []
        random.Random(r).shuffle(sizes)
        for n in sizes:
            cmds = list(jobs[n][2])
            random.Random(r * 1000 + n).shuffle(cmds)
            order += [(n, c) for c in cmds]
        for n, (key, name, argv, ok_codes) in order:
            if (n, key) in failed or (r and spent[n] > REPEAT_BUDGET * 3):
                continue
            env, cwd, _ = jobs[n]
            try:
                if callable(argv):
                    cpu, rss, wall, code = argv(r)
                else:
                    cpu, rss, wall, code = run_once(argv, env, cwd, ok_codes)
            except (RuntimeError, OSError, EditorError) as e:
                fail("%s (N = %d)" % (name, n), e)
                failed.add((n, key))
                continue
            g = got[(n, key)]
            g[0].append(cpu)
            g[3][r] = cpu * 1000
            if rss is not None:
                g[1].append(rss)
            g[2].add(code)
            spent[n] += wall
    out = {n: {} for n in jobs}
    for n, (key, name, argv, _) in flat:
        cpus, rsss, codes, by_round = got[(n, key)]
        if (n, key) in failed or not cpus:
            out[n][key] = (None, None, {})
            continue
        out[n][key] = (statistics.median(cpus) * 1000, statistics.median(rsss) / 1024 if rsss else None, by_round)
        runs_said = "%d run%s%s: %s" % (len(cpus), "" if len(cpus) == 1 else "s",
                                         ", exit %s" % "/".join(map(str, sorted(codes))) if codes != {0} else "",
                                         " ".join("%.0f" % (c * 1000) for c in cpus))
        if callable(argv):
            log("  N = %-7d %-12s %10.1f ms CPU to the first screen (%s)" % (n, name, out[n][key][0], runs_said))
        else:
            log("  N = %-7d %-12s %10.1f ms  %8.1f MiB  (%s)" % (n, name, out[n][key][0], out[n][key][1],
                                                              runs_said))
    return out


# --- the editor
def editor(argv, env, cwd):
    return Editor(argv, env, cwd, cpu=PIN)


def fresh_state(env, tag):
    state = os.path.join(env["HOME"], "state-" + tag)
    shutil.rmtree(state, ignore_errors=True)
    os.makedirs(state)
    e = dict(env)
    e["XDG_STATE_HOME"] = state
    return e


def first_screen_once(name, argv, env, cwd):
    """One run for measure_rounds: the editor's CPU time until its first
    quiet screen, then ^Q."""
    def once(r):
        e = fresh_state(env, "%s-%d" % (name, r))
        t = time.monotonic()
        ed = editor(argv, e, cwd)
        try:
            ed.settle(until=FIRST_SCREEN_END)
            cpu = ed.cpu()
            code = ed.quit()
        except EditorError:
            ed.kill()
            raise
        if code != 0:
            raise RuntimeError("exit %s" % code)
        return cpu, None, time.monotonic() - t, code
    return once


def jump(ed, no):
    ed.keys(":", *str(no), "Enter")


def editor_keys(sessions, runs, results):
    """The keys of the editor at every size, in one editing session per size
    open side by side: each figure is measured in cycles that go round the
    sizes in turn (as the whole-process figures go in rounds), so that a
    slow or fast moment of the host falls on every size alike and the ratio
    of a figure at 100 000 to the same figure at 49 (or 1 000) stays true.
    Then a search, an edit and ^S; quit. sessions: {n: (env, work dir)}."""
    eds = {}
    try:
        for n, (env, cwd) in sessions.items():
            eds[n] = editor([CHECKSHEET, "answers.yaml"], fresh_state(env, "keys"), cwd)
            eds[n].settle(until=FIRST_SCREEN_END)
        sizes = list(eds)

        def per_key(name, plans):
            """plans: {n: [(jump target, [keys]), ...]} cycles. Per size: CPU ms
            per key, the median of its cycles' figures, and bytes per key
            over all its keys."""
            acc = {n: [0.0, 0, 0, []] for n in sizes}  # cpu, bytes, keys, cycle figures
            for c in range(max(len(p) for p in plans.values())):
                for n in sizes:
                    a = acc[n]
                    if c >= len(plans[n]) or a[0] >= KEY_BUDGET:
                        continue
                    start, keys = plans[n][c]
                    if start is not None:
                        jump(eds[n], start)
                    cpu, nbytes, k = eds[n].measure(keys, budget=max(KEY_BUDGET - a[0], 0),
                                                    min_keys=min(5, len(keys)))
                    a[0], a[1], a[2] = a[0] + cpu, a[1] + nbytes, a[2] + k
                    a[3].append(cpu / k * 1000)
            out = {}
            for n in sizes:
                cpu, nbytes, count, cycles = acc[n]
                out[n] = (statistics.median(cycles), nbytes / count)
                log("  N = %-7d %-10s %8.3f ms CPU per key (median of %d cycles; %.3f over all), "
                    "%4.0f bytes per key (%d keys)" % (n, name, out[n][0], len(cycles), cpu / count * 1000,
                                                      nbytes / count, count))
            return out

        def sections(n):
            return (n + 49) // 50

        got = per_key("Down", {n: [((c % sections(n)) * 50 + 1, ["Down"] * min(45, min(50, n) - 1))
                                   for c in range(5)] for n in sizes})
        for n in sizes:
            results[n]["key_down"], results[n]["bytes_down"] = got[n]
        got = per_key("PageDown", {n: [((c % sections(n)) * 50 + 1, ["NPage"] * 4) for c in range(10)]
                                   for n in sizes})
        for n in sizes:
            results[n]["key_npage"] = got[n][0]
        # ] from No.1: at least 200 presses in at least 5 cycles at every
        # size (a cycle is 19 presses at N = 1 000); at N = 49 there is one
        # section and ] does not move
        plans = {}
        for n in sizes:
            presses = min(40, sections(n) - 1)
            plans[n] = ([(1, ["]"] * presses) for _ in range(max(5, 200 // presses))] if presses
                        else [(1, ["]"] * 20) for _ in range(5)])
        got = per_key("]", plans)
        for n in sizes:
            results[n]["key_section"] = got[n][0]

        # typing at the / prompt, then n
        typed = {n: [0.0, 0] for n in sizes}
        for term in (RARE_TERM, COMMON_TERM, "暗号化して保存"):
            marks = {}
            for n in sizes:
                ed = eds[n]
                jump(ed, 1)
                ed.key("/")
                c, _, k = ed.measure(list(term))
                typed[n][0] += c
                typed[n][1] += k
                if term == "暗号化して保存":
                    ed.key("Esc")
                    continue
                marks[n] = len(ed.out)
                ed.key("Enter")
                if term == RARE_TERM and not ed.screen_has("No.%d " % (n // 2), marks[n]):
                    log("  (N = %d: the rare term's item No.%d was not seen on the screen)" % (n, n // 2))
            if term == "暗号化して保存":
                continue
            key = "key_n_rare" if term == RARE_TERM else "key_n_common"
            got = per_key("n rare" if term == RARE_TERM else "n common",
                          {n: [(None, ["n"] * 20) for _ in range(5)] for n in sizes})
            for n in sizes:
                results[n][key] = got[n][0]
        for n in sizes:
            results[n]["search_char"] = typed[n][0] / typed[n][1] * 1000
            log("  N = %-7d %-10s %8.3f ms CPU per character (%d characters)" % (
                n, "/ typing", results[n]["search_char"], typed[n][1]))

        # ^S after one edit (No.5 is a percent item), the sizes in turn
        saves = {n: [] for n in sizes}
        walls = {n: [] for n in sizes}
        for r in range(runs):
            for n in sizes:
                if sum(saves[n]) > REPEAT_BUDGET * 1000 or n in failed_saves:
                    continue
                ed = eds[n]
                value = "99.%d%%" % (5 + r % 4)
                jump(ed, 5)
                ed.keys("Enter", "C-u")
                ed.type(value)
                ed.key("Enter")
                path = os.path.join(sessions[n][1], "answers.yaml")
                before = os.stat(path).st_mtime_ns
                t = time.monotonic()
                c, _, _ = ed.measure(["C-s"])
                walls[n].append(time.monotonic() - t)
                with open(path, encoding="utf-8") as f:
                    saved = "value: %s\n" % value in f.read()
                if os.stat(path).st_mtime_ns == before or not saved:
                    fail("^S", "N = %d: the answers file was not saved with the edit; the screen ends: %s" % (
                        n, ed.text_tail()))
                    failed_saves.add(n)
                    continue
                saves[n].append(c * 1000)
        for n in sizes:
            if saves[n]:
                results[n]["save"] = statistics.median(saves[n])
                log("  N = %-7d %-10s %8.1f ms CPU, %.0f ms wall with the fsyncs (%d run%s)" % (
                    n, "^S", results[n]["save"], statistics.median(walls[n]) * 1000, len(saves[n]),
                    "" if len(saves[n]) == 1 else "s"))
        for n in sizes:
            code = eds[n].quit()
            if code != 0:
                fail("editor", "N = %d: exit %s" % (n, code))
    except EditorError as ex:
        for ed in eds.values():
            ed.kill()
        fail("editor", ex)


failed_saves = set()


# --- one size
def prepare_size(n, res):
    """Writes the sheets of N items (once), a scratch home with the template
    installed and a work directory; the whole-process commands of this size
    for measure_rounds. None when the sheets cannot be made."""
    log("bench: N = %d" % n)
    ndir = os.path.join(DATA, "n%d" % n)
    t = time.monotonic()
    try:
        subprocess.run([PYTHON, os.path.join(HERE, "gen.py"), str(n), ndir], check=True)
    except (subprocess.CalledProcessError, OSError) as e:
        fail("gen.py %d" % n, e)
        return None
    tpl = os.path.join(ndir, "templates", "bench-%d.yaml" % n)
    ans = os.path.join(ndir, "answers.yaml")
    insize = os.path.getsize(tpl) + os.path.getsize(ans)
    log("  %-12s %10.1f MB  (template %.1f MB, answers %.1f MB; %.1f s)" % (
        "input", insize / 1e6, os.path.getsize(tpl) / 1e6, os.path.getsize(ans) / 1e6, time.monotonic() - t))
    res["input"] = insize / 1048576

    home = os.path.join(SCRATCH, "home-%d" % n)
    env = base_env(n, home)
    tdir = os.path.join(env["XDG_DATA_HOME"], "checksheet")
    os.makedirs(tdir, exist_ok=True)
    os.symlink(os.path.join(ndir, "templates"), os.path.join(tdir, "templates"))
    work = os.path.join(SCRATCH, "n%d" % n)
    os.makedirs(work)

    cmds = [("floor", "floor", [FLOOR, tpl, ans], (0,)),
            ("check", "check", [CHECKSHEET, "check", ans], (0, 1))]
    for f in ("csv", "json", "html", "md", "xlsx"):
        cmds.append(("export_" + f, "export " + f, [CHECKSHEET, "export", "-f", f, ans, "-o", "out." + f], (0,)))
    # import reads a csv that export csv wrote: one is written before the
    # rounds (not measured), and each round's export csv writes it again
    try:
        run_once([CHECKSHEET, "export", "-f", "csv", ans, "-o", "out.csv"], env, work, (0,))
    except (RuntimeError, OSError) as e:
        fail("export csv (N = %d, before the rounds)" % n, e)
    cmds.append(("import", "import", [CHECKSHEET, "import", "-t", "bench-%d" % n, "out.csv",
                                      "-o", "imported.yaml", "--force"], (0, 1)))
    # the editor on a copy of the answers, its first screens in the same
    # rounds (their ratio is to check)
    shutil.copy(ans, os.path.join(work, "answers.yaml"))
    cmds.append(("first_screen", "first screen",
                 first_screen_once("first-screen-%d" % n, [CHECKSHEET, "answers.yaml"], env, work), None))
    cmds.append(("review_open", "review open",
                 first_screen_once("review-open-%d" % n, [CHECKSHEET, "review", "answers.yaml"], env, work), None))
    sessions[n] = (env, work)
    return env, work, cmds, tpl, ans


def finish_size(n, res, env, work, tpl, ans, runs):
    """What is not judged against the other commands: the peer (a minute
    a run at 100 000) and `checksheet templates`."""
    if peer_ok:
        res["peer"], res["peer_rss"] = measure_cmd(
            "peer", [PYTHON, os.path.join(HERE, "peer.py"), tpl, ans, "peer.csv"], env, work, runs)
    res["templates"], _ = measure_cmd("templates", [CHECKSHEET, "templates"], env, work, runs)


# --- the report
FIGURES = [
    ("input", "input: template + answers", "MiB"),
    ("floor", "floor (libyaml events)", "ms"),
    ("check", "check", "ms"),
    ("export_csv", "export csv", "ms"),
    ("export_json", "export json", "ms"),
    ("export_html", "export html", "ms"),
    ("export_md", "export md", "ms"),
    ("export_xlsx", "export xlsx", "ms"),
    ("import", "import of the exported csv", "ms"),
    ("peer", "peer (PyYAML C + csv)", "ms"),
    ("templates", "checksheet templates", "ms"),
    ("floor_rss", "floor peak RSS", "MiB"),
    ("check_rss", "check peak RSS", "MiB"),
    ("export_csv_rss", "export csv peak RSS", "MiB"),
    ("export_json_rss", "export json peak RSS", "MiB"),
    ("export_html_rss", "export html peak RSS", "MiB"),
    ("export_md_rss", "export md peak RSS", "MiB"),
    ("export_xlsx_rss", "export xlsx peak RSS", "MiB"),
    ("import_rss", "import peak RSS", "MiB"),
    ("peer_rss", "peer peak RSS", "MiB"),
    ("first_screen", "editor: first screen", "ms"),
    ("review_open", "review: first screen", "ms"),
    ("key_down", "editor: Down", "ms/key"),
    ("key_npage", "editor: PageDown", "ms/key"),
    ("key_section", "editor: ]", "ms/key"),
    ("key_n_rare", "editor: n, rare term", "ms/key"),
    ("key_n_common", "editor: n, common term", "ms/key"),
    ("search_char", "editor: typing in /", "ms/char"),
    ("bytes_down", "editor: bytes per Down", "bytes"),
    ("save", "editor: ^S after one edit", "ms"),
]


def fmt(v):
    if v is None:
        return "—"
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    if v >= 1:
        return "%.2f" % v
    return "%.3f" % v


def get(results, n, key):
    return results.get(n, {}).get(key)


def paired_ratio(results, na, a, nb, b):
    """a at size na over b at size nb. For two commands measured in the same
    rounds: the median of the rounds' ratios (each taken seconds or, across
    sizes, a minute apart, so that a slow spell of the host that falls on
    one round cancels out); otherwise the ratio of the medians."""
    ra = results.get(na, {}).get(a + "_rounds")
    rb = results.get(nb, {}).get(b + "_rounds")
    if ra and rb:
        both = [ra[r] / rb[r] for r in ra if r in rb and rb[r] > 0]
        if both:
            return statistics.median(both)
    return ratio(get(results, na, a), get(results, nb, b))


def ratio(a, b):
    return a / b if a is not None and b else None


def report(results, sizes):
    lines = []
    out = lines.append
    have_growth = 10000 in sizes and 100000 in sizes
    out("| figure | unit | " + " | ".join("N = %d" % n for n in sizes) +
        (" | 10 000→100 000 |" if have_growth else " |"))
    out("|---|---|" + "---:|" * len(sizes) + ("---:|" if have_growth else ""))
    growth = {}
    for key, label, unit in FIGURES:
        row = "| %s | %s | " % (label, unit) + " | ".join(fmt(get(results, n, key)) for n in sizes)
        if have_growth:
            g = paired_ratio(results, 100000, key, 10000, key)
            if key not in ("input", "floor", "floor_rss", "peer", "peer_rss") and g is not None:
                growth[label] = g  # the floor and the peer are references, not judged
            row += " | %s" % ("%.1fx" % g if g is not None else "—")
        out(row + " |")

    top = sizes[-1]
    base = sizes[0]
    out("")
    out("Ratios (within this run), judged at N = %d%s. Between two commands of the"
        " rounds, the median of the rounds' ratios:" % (
            top, "" if top == 100000 else " (the targets are for N = 100 000)"))
    out("")
    out("| ratio | target | " + " | ".join("N = %d" % n for n in sizes) + " | |")
    out("|---|---|" + "---:|" * len(sizes) + "---|")

    def line(label, target_text, f, ok, unit="x"):
        vals = [f(n) for n in sizes]
        v = vals[-1]
        mark = "—" if v is None else ("✓" if ok(v) else "✗")
        cells = " | ".join("—" if x is None else (fmt(x) + unit) for x in vals)
        out("| %s | %s | %s | %s |" % (label, target_text, cells, mark))

    r = lambda a, b: (lambda n: paired_ratio(results, n, a, n, b))
    mib = lambda key: (lambda n: get(results, n, key))
    line("check / floor", "≤ 1.5", r("check", "floor"), lambda v: v <= 1.5)
    line("export csv / floor", "≤ 2", r("export_csv", "floor"), lambda v: v <= 2)
    line("peer / export csv", "≥ 30", r("peer", "export_csv"), lambda v: v >= 30)
    line("import / floor", "≤ 3", r("import", "floor"), lambda v: v <= 3)
    for key, label in (("check_rss", "check"), ("export_csv_rss", "export csv"), ("export_json_rss", "export json"),
                       ("export_html_rss", "export html"), ("export_md_rss", "export md")):
        line("peak RSS of %s / input" % label, "≤ 2", r(key, "input"), lambda v: v <= 2)
    line("peak RSS of export xlsx", "≤ 100 MiB", mib("export_xlsx_rss"), lambda v: v <= 100, " MiB")
    for key, label in (("key_down", "Down"), ("key_npage", "PageDown"), ("key_section", "]"),
                       ("key_n_rare", "n, rare term"), ("key_n_common", "n, common term")):
        line("editor: %s, CPU per key" % label, "≤ 1 ms", mib(key), lambda v: v <= 1, " ms")
        if len(sizes) > 1:
            b = base
            if key == "key_section" and base < 100 and len(sizes) > 1:
                b = sizes[1]  # at N = 49 there is one section: ] does not move
            line("editor: %s / its N = %d figure" % (label, b), "≤ 1.5",
                 lambda n, key=key, b=b: ratio(get(results, n, key), get(results, b, key)), lambda v: v <= 1.5)
    line("editor: per character typed in /", "≤ 5 ms", mib("search_char"), lambda v: v <= 5, " ms")
    line("editor: bytes per Down", "≤ 450", mib("bytes_down"), lambda v: v <= 450, " B")
    line("editor: first screen / check", "≤ 1.5", r("first_screen", "check"), lambda v: v <= 1.5)
    line("editor: ^S / export csv", "≤ 1.5", r("save", "export_csv"), lambda v: v <= 1.5)
    line("checksheet templates", "≤ 100 ms", mib("templates"), lambda v: v <= 100, " ms")
    if have_growth and growth:
        worst = sorted(growth.items(), key=lambda kv: -kv[1])
        over = [kv for kv in worst if kv[1] > 11]
        out("| every figure of checksheet grows ≤ 11x from 10 000 to 100 000 | ≤ 11 | %s | %s |" % (
            " | ".join([""] * (len(sizes) - 1) + ["max %.1fx" % worst[0][1]]), "✓" if not over else "✗"))
        if over:
            out("")
            out("Grows more than 11x: " + ", ".join("%s %.0fx" % kv for kv in over) + ".")
    return "\n".join(lines)


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for ln in f:
                if ln.startswith("model name"):
                    model = ln.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        mem = 0
    try:
        with open("/proc/loadavg") as f:
            load = "load average %s at the start" % " ".join(f.read().split()[:3])
    except OSError:
        load = "load unknown"
    return "%s, %d CPUs (nproc), %d MiB, %s %s, %s" % (model, os.cpu_count() or 0, mem, os.uname().sysname,
                                                       os.uname().release, load)


def main():
    global peer_ok
    sizes = [int(s) for s in (os.environ.get("BENCH_SIZES") or "49 1000 10000 100000").split()]
    for prog in (CHECKSHEET, FLOOR, RUSAGE):
        if not os.access(prog, os.X_OK):
            log("bench: %s is missing (make bench builds it)" % prog)
            return 1
    peer_ok = subprocess.run([PYTHON, "-c", "import yaml; yaml.CSafeLoader"],
                             stderr=subprocess.DEVNULL).returncode == 0
    if not peer_ok:
        log("bench: no PyYAML with its C loader for %s: the peer is skipped (apt-get install python3-yaml)" % PYTHON)
    shutil.rmtree(SCRATCH, ignore_errors=True)
    os.makedirs(SCRATCH)
    try:
        rev = subprocess.run(["git", "-C", TOP_SRCDIR, "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", TOP_SRCDIR, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        rev = (rev + (" + uncommitted changes" if dirty else "")) if rev else "unknown"
    except OSError:
        rev = "unknown"
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = "%s, commit %s; %s; pinned to CPU %d%s" % (stamp, rev, machine(), PIN,
                                                      " with taskset" if TASKSET else "")
    log("bench: " + head)
    start = time.monotonic()
    results = {}
    runs = int(os.environ.get("BENCH_RUNS") or 5)
    jobs, more = {}, {}
    for n in sizes:
        results[n] = {}
        got = prepare_size(n, results[n])
        if got:
            env, work, cmds, tpl, ans = got
            jobs[n] = (env, work, cmds)
            more[n] = (env, work, tpl, ans)
    log("bench: the commands of every size, in rounds")
    for n, figures in measure_rounds(jobs, runs).items():
        for key, (cpu, rss, by_round) in figures.items():
            results[n][key] = cpu
            results[n][key + "_rounds"] = by_round
            if rss is not None:
                results[n][key + "_rss"] = rss
    for n, (env, work, tpl, ans) in more.items():
        log("bench: N = %d, the peer and templates" % n)
        finish_size(n, results[n], env, work, tpl, ans, runs)
    log("bench: the editor's keys, every size in turn")
    editor_keys({n: sessions[n] for n in sizes if n in sessions}, runs, results)
    shutil.rmtree(SCRATCH, ignore_errors=True)
    table = report(results, sizes)
    took = time.monotonic() - start
    log("")
    log(table)
    log("")
    log("bench: %.0f s%s" % (took, "; FAILED: " + "; ".join(failures) if failures else ""))
    with open(os.path.join(TOP_BUILDDIR, "bench-results.json"), "w") as f:
        json.dump({"run": head, "seconds": round(took), "failures": failures,
                   "results": {str(n): r for n, r in results.items()}}, f, indent=1)
    with open(os.path.join(TOP_BUILDDIR, "bench-results.md"), "w") as f:
        f.write("Run: %s; %.0f s.\n\n%s\n" % (head, took, table))
        if failures:
            f.write("\nFailed: %s\n" % "; ".join(failures))
    return 1 if failures else 0


peer_ok = False
sessions = {}  # n: (env, work dir) for the editor's keys
if __name__ == "__main__":
    sys.exit(main())
