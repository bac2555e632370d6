#!/usr/bin/env python3
"""Interrupts during the layout and during the final write (docs/limits.md,
"Writing"; docs/cli.md, "Exit status").

During the layout, SIGTERM, SIGHUP or SIGINT to samverkan (render, report)
must end it as killed by that signal (status 128 + the signal's number in a
shell), kill the Graphviz child with it (the child is recorded with pgrep -P
before the signal and must be gone within CHILD_GONE seconds), and leave no
output or temporary file. A SIGKILL to the parent takes the child with it
too (PR_SET_PDEATHSIG). A signal ignored at the start (nohup) stays ignored.

During the final write, SIGTERM or SIGINT waits until the output is
complete and then ends samverkan by that signal: through a FIFO read slowly
(the reader gets the whole diagram or report, byte for byte), a FIFO whose
reader stops (samverkan gives up after about five seconds and ends), and a
regular file, where the process is stopped (SIGSTOP) while its temporary
file exists, sent SIGTERM and continued: the complete new file is there,
no temporary file is left.

A report lays out all its figures in one child (a render session); with
LAYOUT_FAULT (tests/fault/layout_fault.c) its 2nd figure spins, so that the
signal comes in the middle of the session, after a figure has been drawn.

Every wait is bounded. Usage: check_signals.py SAMVERKAN SOURCE_ROOT [LAYOUT_FAULT]
"""
import ctypes
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

CHILD_GONE = 2.0  # seconds for the layout child to die after the signal
INTERRUPTS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)

binary, root = sys.argv[1], sys.argv[2]
layout_fault = sys.argv[3] if len(sys.argv) > 3 else None
work = tempfile.mkdtemp(prefix="samverkan-signals.")
failures = 0
passed = 0


def check(name, ok, detail=""):
    global failures, passed
    if ok:
        passed += 1
    else:
        failures += 1
        print(f"FAIL {name}: {detail}", flush=True)


def default_signals(ignore=()):
    """For preexec_fn: the interrupts as a terminal would give them, whatever
    ctest inherited (a background job of a script ignores SIGINT)."""
    def setup():
        for s in INTERRUPTS:
            signal.signal(s, signal.SIG_IGN if s in ignore else signal.SIG_DFL)
    return setup


def start(args, ignore=(), fault=None):
    env = None
    if fault:
        env = dict(os.environ, LD_PRELOAD=layout_fault, SAMVERKAN_TEST_LAYOUT_FAULT=fault,
                   ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0")
    return subprocess.Popen([binary, "--lang", "en"] + args, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(work, "stderr"), "wb"),
                            preexec_fn=default_signals(ignore), env=env)


def stderr_text():
    with open(os.path.join(work, "stderr"), "rb") as f:
        return f.read(300).decode(errors="replace")


def proc_identity(pid):
    """(state, start time) of a process, or None when it no longer exists."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return fields[0], fields[19]
    except (OSError, IndexError):
        return None


def children(pid):
    r = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in r.stdout.split()]


def wait_for_children(proc, nth=1, timeout=60):
    """The children of proc once its nth child (counting every one seen)
    runs; [] if it ends or time runs out."""
    deadline = time.monotonic() + timeout
    seen = set()
    while time.monotonic() < deadline and proc.poll() is None:
        kids = children(proc.pid)
        seen.update(kids)
        if kids and len(seen) >= nth:
            return kids
        time.sleep(0.01)
    return []


def gone_within(kids, identities, seconds):
    """Seconds until every recorded child is gone (or a zombie), else None."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        alive = [k for k in kids
                 if (lambda now: now is not None and now[0] != "Z" and now[1] == identities[k][1])(
                     proc_identity(k))]
        if not alive:
            return time.monotonic() - t0
        time.sleep(0.005)
    return None


def leftovers(directory, keep=()):
    return sorted(n for n in os.listdir(directory) if n not in keep)


def finish(proc, seconds=20):
    try:
        return proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return "still running"


def status_text(code):
    if isinstance(code, int) and code < 0:
        return f"killed by signal {-code} (status {128 - code})"
    return f"exit {code}"


subprocess.run([sys.executable, os.path.join(root, "tools/gen-model.py"), "--bodies", "4000",
                "--steps", "0", "-o", os.path.join(work, "big.yaml")], check=True)
subprocess.run([sys.executable, os.path.join(root, "tools/gen-model.py"), "--bodies", "400",
                "--seed", "3", "-o", os.path.join(work, "mid.yaml")], check=True)
big = os.path.join(work, "big.yaml")
mid = os.path.join(work, "mid.yaml")


# ---- a signal during the layout ----

def during_layout(name, args, outdir, sig, nth=1, settle=0.3, fault=None):
    """Starts samverkan, waits until its nth layout child runs, sends sig
    and checks the status, the child and the output directory."""
    proc = start(args, fault=fault)
    kids = wait_for_children(proc, nth)
    if not kids:
        check(name, False, f"no layout child appeared; {status_text(finish(proc))}: {stderr_text()}")
        return
    time.sleep(settle)  # well inside the layout, which takes seconds
    kids = children(proc.pid) or kids
    identities = {k: proc_identity(k) for k in kids}
    kids = [k for k in kids if identities[k] is not None]
    t0 = time.monotonic()
    proc.send_signal(sig)
    gone = gone_within(kids, identities, CHILD_GONE) if kids else 0.0
    code = finish(proc)
    elapsed = time.monotonic() - t0
    check(name, code == -sig, f"{status_text(code)}, expected killed by signal {int(sig)} "
          f"(status {128 + sig}); stderr: {stderr_text()}")
    check(name, gone is not None,
          f"the layout child {kids} still ran {CHILD_GONE} s after the signal")
    check(name, leftovers(outdir) == [], f"left behind: {leftovers(outdir)}")
    if gone is not None:
        print(f"{name}: {status_text(code)} after {elapsed:.3f} s; child {kids} gone after "
              f"{gone:.3f} s", flush=True)


for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
    out = os.path.join(work, f"layout-{sig.name}")
    os.mkdir(out)
    during_layout(f"render-layout-{sig.name}",
                  ["render", big, "--view", "reporting", "-o", os.path.join(out, "out.svg")],
                  out, sig)

# report lays out all its figures in one child; the 2nd figure spins, so
# that the signal comes after figure 1 is drawn, in the middle of the session
if layout_fault:
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGKILL):
        out = os.path.join(work, f"report-layout-{sig.name}")
        os.mkdir(out)
        during_layout(f"report-session-{sig.name}",
                      ["report", mid, "-o", os.path.join(out, "report.html")], out, sig,
                      fault="spin:2")
else:
    print("skip report-session: no layout fault library given", flush=True)

# SIGKILL cannot be caught: the child dies with its parent all the same
out = os.path.join(work, "layout-SIGKILL")
os.mkdir(out)
during_layout("render-layout-SIGKILL",
              ["render", big, "--view", "reporting", "-o", os.path.join(out, "out.svg")],
              out, signal.SIGKILL)

# nohup: an ignored SIGHUP stays ignored, and the diagram is drawn
out = os.path.join(work, "nohup")
os.mkdir(out)
proc = start(["render", big, "--view", "reporting", "-o", os.path.join(out, "out.svg")],
             ignore=(signal.SIGHUP,))
if wait_for_children(proc):
    time.sleep(0.3)
    proc.send_signal(signal.SIGHUP)
code = finish(proc, 120)
check("nohup", code == 0, f"{status_text(code)}, expected exit 0: {stderr_text()}")
check("nohup", leftovers(out) == ["out.svg"], f"in the directory: {leftovers(out)}")


# ---- a signal during the final write ----

reference = os.path.join(work, "reference.svg")
code = subprocess.run([binary, "render", mid, "--view", "reporting", "-o", reference]).returncode
check("reference", code == 0, f"exit {code}")
with open(reference, "rb") as f:
    reference_svg = f.read()
reference_report = os.path.join(work, "reference.html")
code = subprocess.run([binary, "report", mid, "-o", reference_report]).returncode
check("reference", code == 0, f"exit {code}")
with open(reference_report, "rb") as f:
    reference_html = f.read()


def open_fifo_reader(fifo, proc, seconds=60):
    """Opens the FIFO for reading once samverkan opens it for writing; None
    (and samverkan killed) if it does not within `seconds`."""
    got = []
    t = threading.Thread(target=lambda: got.append(os.open(fifo, os.O_RDONLY)), daemon=True)
    t.start()
    deadline = time.monotonic() + seconds
    while not got and time.monotonic() < deadline and proc.poll() is None:
        t.join(0.05)
    t.join(0.05)
    if not got:
        proc.kill()
        proc.wait()
        os.close(os.open(fifo, os.O_RDWR))  # releases the thread
        t.join(5)
        if got:
            os.close(got[0])
        return None
    return got[0]


def read_some(fd, seconds=10):
    ready, _, _ = select.select([fd], [], [], seconds)
    return os.read(fd, 65536) if ready else None


def fifo_write(name, args, expected, sig, reader_stops=False):
    fifo = os.path.join(work, name + (".html" if args[0] == "report" else ".svg"))
    os.mkfifo(fifo)
    proc = start(args + ["-o", fifo])
    fd = open_fifo_reader(fifo, proc)
    if fd is None:
        check(name, False, f"samverkan never opened the FIFO: {stderr_text()}")
        return
    data = read_some(fd)
    if not data:
        check(name, False, "nothing came through the FIFO")
        os.close(fd)
        finish(proc)
        return
    # samverkan is inside the write now, the pipe full behind this chunk
    proc.send_signal(sig)
    t0 = time.monotonic()
    time.sleep(0.5)
    check(name, proc.poll() is None,
          f"samverkan ended ({status_text(proc.returncode)}) before the reader had it all")
    if reader_stops:
        code = finish(proc, 15)
        elapsed = time.monotonic() - t0
        os.close(fd)
        check(name, code == -sig, f"{status_text(code)}, expected killed by signal {int(sig)}")
        check(name, 4 <= elapsed <= 10,
              f"ended {elapsed:.1f} s after the signal, expected about 5 s")
        print(f"{name}: the reader stopped; {status_text(code)} {elapsed:.2f} s after the signal",
              flush=True)
        return
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        chunk = read_some(fd)
        if not chunk:
            break
        data += chunk
        time.sleep(0.002)  # a slow reader
    os.close(fd)
    code = finish(proc)
    check(name, code == -sig, f"{status_text(code)}, expected killed by signal {int(sig)}")
    check(name, data == expected,
          f"the reader got {len(data)} bytes, expected the complete {len(expected)}")
    print(f"{name}: {len(data)} bytes complete, then {status_text(code)}", flush=True)


for sig in (signal.SIGTERM, signal.SIGINT):
    fifo_write(f"fifo-write-{sig.name}", ["render", mid, "--view", "reporting"], reference_svg, sig)
fifo_write("report-fifo-write-SIGTERM", ["report", mid], reference_html, signal.SIGTERM)
fifo_write("fifo-reader-stops", ["render", mid, "--view", "reporting"], reference_svg,
           signal.SIGTERM, reader_stops=True)


# ---- a regular file: stopped while its temporary file exists ----

libc = ctypes.CDLL(None, use_errno=True)
IN_CREATE = 0x100
IN_NONBLOCK = os.O_NONBLOCK


def regular_write(name, sig, attempts=20):
    """Stops samverkan the moment its temporary file appears, sends sig and
    continues it; tries again when the rename came first."""
    out = os.path.join(work, name)
    os.mkdir(out)
    target = os.path.join(out, "out.svg")
    for attempt in range(attempts):
        with open(target, "wb") as f:
            f.write(b"old\n")
        ino = libc.inotify_init1(IN_NONBLOCK)
        if ino < 0 or libc.inotify_add_watch(ino, out.encode(), IN_CREATE) < 0:
            check(name, False, "inotify is not available")
            return
        proc = start(["render", mid, "--view", "reporting", "-o", target])
        stopped = False
        deadline = time.monotonic() + 30
        while not stopped and time.monotonic() < deadline and proc.poll() is None:
            ready, _, _ = select.select([ino], [], [], 0.5)
            if not ready:
                continue
            buf = os.read(ino, 4096)
            pos = 0
            while pos + 16 <= len(buf):
                _, _, _, length = struct.unpack_from("iIII", buf, pos)
                entry = buf[pos + 16:pos + 16 + length].rstrip(b"\0").decode()
                pos += 16 + length
                if entry.startswith(".out.svg."):
                    os.kill(proc.pid, signal.SIGSTOP)
                    stopped = True
                    break
        os.close(ino)
        # the stop takes effect asynchronously: look only once it has
        t0 = time.monotonic()
        while stopped and time.monotonic() - t0 < 2 and (proc_identity(proc.pid) or "T")[0] != "T":
            time.sleep(0.001)
        in_window = stopped and any(n.startswith(".out.svg.") for n in os.listdir(out))
        if stopped and proc.poll() is not None:
            # it ended before the stop reached it (poll has reaped it, so
            # its pid may be gone): not in the window, try again
            in_window = False
        elif stopped:
            proc.send_signal(sig)
            os.kill(proc.pid, signal.SIGCONT)
        code = finish(proc)
        if not in_window:
            continue  # the rename came before the stop: try again
        with open(target, "rb") as f:
            content = f.read()
        check(name, code == -sig, f"{status_text(code)}, expected killed by signal {int(sig)}")
        check(name, content == reference_svg,
              f"out.svg has {len(content)} bytes, expected the complete {len(reference_svg)}")
        check(name, leftovers(out) == ["out.svg"], f"in the directory: {leftovers(out)}")
        print(f"{name}: stopped with the temporary file there (attempt {attempt + 1}); "
              f"the complete file, then {status_text(code)}", flush=True)
        return
    print(f"skip {name}: the temporary file never lasted long enough to stop samverkan in "
          f"{attempts} attempts", flush=True)


regular_write("file-write-SIGTERM", signal.SIGTERM)
regular_write("file-write-SIGINT", signal.SIGINT)

shutil.rmtree(work, ignore_errors=True)
print(f"{passed} passed, {failures} failed")
sys.exit(1 if failures else 0)
