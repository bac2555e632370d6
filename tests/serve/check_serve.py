#!/usr/bin/env python3
"""samverkan serve over HTTP: starts `serve --port 0 --no-open` on a copy of
the Umeå model, reads its address from the first line of standard output
and checks the token, the Origin and CSRF checks, the bounds, the routes,
the model's scenarios and the simulation of one, the save with its backup
and conflict, and a clean stop on SIGTERM.

usage: check_serve.py SAMVERKAN SOURCE_DIR
"""
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def request(port, method, path, body=None, headers=None, timeout=10):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r, data


def main():
    samverkan, src = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp()
    model = os.path.join(work, "umea-2024.yaml")
    shutil.copy(os.path.join(src, "models", "umea-2024.yaml"), model)
    shutil.copytree(os.path.join(src, "models", "scenarios"), os.path.join(work, "scenarios"))
    os.mkdir(os.path.join(work, ".git"))  # marks the project folder the scenarios' bases lie in
    # a scenario of another model beside it: not one of this model's
    with open(os.path.join(work, "other.yaml"), "w") as f:
        f.write("samverkan: 1\nscenario:\n  id: other\n  name: Another\n  base: elsewhere.yaml\n")
    # two scenarios that are each other's base: listed neither, and the list ends
    for me, other in (("cycle-a", "cycle-b"), ("cycle-b", "cycle-a")):
        with open(os.path.join(work, me + ".yaml"), "w") as f:
            f.write(f"samverkan: 1\nscenario:\n  id: {me}\n  name: {me}\n  base: {other}.yaml\n")
    # a scenario named *.yml, as check takes in a folder: listed too
    with open(os.path.join(work, "scenarios", "yml-kopia.yml"), "w") as f:
        f.write("samverkan: 1\nscenario:\n  id: yml\n  name: Som .yml\n  base: ../umea-2024.yaml\n")
    # a FIFO among the files: told apart without a read that would wait for a writer
    os.mkfifo(os.path.join(work, "scenarios", "pipe.yaml"))
    server = subprocess.Popen([samverkan, "--lang", "en", "serve", model, "--port", "0", "--no-open"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline().strip()
        url = urllib.parse.urlsplit(first)
        check(url.scheme == "http" and url.hostname == "127.0.0.1", f"first line is the address: {first!r}")
        port = url.port
        token = urllib.parse.parse_qs(url.query)["token"][0]
        check(len(token) == 32 and all(c in "0123456789abcdef" for c in token), "the token is 128 bits in hex")
        cookie = {"Cookie": f"samverkan_token={token}"}
        origin = f"http://127.0.0.1:{port}"

        # the token: none, a wrong one, then the query and the cookie
        for path in ["/", "/api/model", "/api/check", "/report.html", "/api/view/governance.svg",
                     "/api/scenarios", "/api/simulate?scenario=scenarios/merged-torg-2025.yaml"]:
            r, body = request(port, "GET", path)
            check(r.status == 403, f"GET {path} without the token: 403, not {r.status}")
            check(r.getheader("Content-Type", "").startswith("text/plain"), "403 is plain text")
        r, _ = request(port, "GET", "/?token=" + "0" * 32)
        check(r.status == 403, f"a wrong token: 403, not {r.status}")
        r, page = request(port, "GET", "/?token=" + token)
        check(r.status == 200, f"the page with the token: 200, not {r.status}")
        set_cookie = r.getheader("Set-Cookie", "")
        check(f"samverkan_token={token}" in set_cookie and "HttpOnly" in set_cookie
              and "SameSite=Strict" in set_cookie, f"the page sets the cookie: {set_cookie!r}")
        check(r.getheader("Access-Control-Allow-Origin") is None, "no CORS header")
        check("script-src 'nonce-" in r.getheader("Content-Security-Policy", ""), "the page has a CSP")
        csrf = json.loads(page.decode().split('id="config">', 1)[1].split("</script>", 1)[0])["csrf"]
        check(len(csrf) == 32 and csrf != token, "the page holds a CSRF token of its own")
        check(b"http://" not in page.split(b"<html", 1)[1].replace(b"http://www.w3.org", b""),
              "the page fetches nothing from elsewhere")

        # routes: exact names only; no echo of the request in error pages
        for path in ["/../../etc/passwd", "/api/view/../../../etc/passwd.svg", "/%2e%2e/%2e%2e/etc/passwd",
                     "/api/view/..%2f..%2fumea-2024.yaml.svg", "/umea-2024.yaml", "/api/view/nosuch.svg",
                     "/api/nothing-<script>"]:
            r, body = request(port, "GET", path, headers=cookie)
            check(r.status == 404, f"GET {path}: 404, not {r.status}")
            check(b"script" not in body and b"passwd" not in body and b"umea" not in body,
                  f"the 404 of {path} echoes nothing")

        # the findings and the diagrams
        r, body = request(port, "GET", "/api/check", headers=cookie)
        doc = json.loads(body)
        rules = {f["rule"] for f in doc["findings"]}
        check(r.status == 200 and "single-point-of-failure" in rules, "the Umeå findings")
        check(doc["findings"][0]["line"] == 226 and doc["findings"][0]["column"] == 5,
              "the first finding at 226:5")
        expected = subprocess.run([samverkan, "--lang", "en", "check", "--format", "json", model],
                                  capture_output=True).stdout
        check(body == expected, "/api/check is check --format json")
        check(doc["audit"] and doc["audit"][0]["answer"], "the audit's answers")
        r, body = request(port, "GET", "/api/views", headers=cookie)
        views = json.loads(body)["views"]
        check("governance" in views and "process:torgprocessen" in views, f"the views: {views}")
        for v in views:
            r, svg = request(port, "GET", f"/api/view/{v}.svg", headers=cookie)
            check(r.status == 200 and r.getheader("Content-Type") == "image/svg+xml" and b"<svg" in svg,
                  f"view {v}: {r.status}")
        r, body = request(port, "GET", "/report.html", headers=cookie, timeout=60)
        check(r.status == 200 and b"<!DOCTYPE html>" in body[:200] and
              "attachment" in r.getheader("Content-Disposition", ""), "the HTML report downloads")

        # the model's scenarios, and the simulation of one on request
        r, body = request(port, "GET", "/api/scenarios", headers=cookie)
        scenarios = json.loads(body)
        check(r.status == 200 and {"file": "scenarios/merged-torg-2025.yaml",
                                   "name": "Ett sammanslaget torg från 2025"} in scenarios,
              f"the scenarios: {scenarios}")
        check({"file": "scenarios/yml-kopia.yml", "name": "Som .yml"} in scenarios,
              f"a *.yml scenario is listed: {scenarios}")
        check([e["file"] for e in scenarios] ==
              ["scenarios/merged-torg-2025.yaml", "scenarios/merged-torg-fewer-slots.yaml",
               "scenarios/merged-torg-weekly.yaml", "scenarios/yml-kopia.yml"],
              f"the scenarios built on this model, directly or on one of its scenarios, "
              f"and no other: {scenarios}")
        # the simulation pairs the merged torg with both torg over the runs
        # the most precise needs (about 12 s of CPU): minutes on a busy machine
        r, body = request(port, "GET", "/api/simulate?scenario=scenarios/merged-torg-2025.yaml",
                          headers=cookie, timeout=240)
        text = body.decode()
        check(r.status == 200 and r.getheader("Content-Type") == "text/plain; charset=utf-8" and
              "torget" in text and "conclusion: Ett sammanslaget torg från 2025 against today" in text,
              f"the simulation of the merged torg: {r.status} {text[:200]!r}")
        r, body = request(port, "GET", "/api/simulate?scenario=scenarios/merged-torg-fewer-slots.yaml",
                          headers=cookie, timeout=240)
        text = body.decode()
        check(r.status == 200 and
              "conclusion: Sammanslaget torg med tio procent färre platser against today" in text,
              f"the simulation of a scenario built on a scenario: {r.status} {text[:200]!r}")
        for path in ["/api/simulate?scenario=../../etc/passwd", "/api/simulate?scenario=other.yaml",
                     "/api/simulate?scenario=cycle-a.yaml",
                     "/api/simulate?scenario=scenarios/../scenarios/merged-torg-2025.yaml",
                     "/api/simulate?scenario=" + os.path.join(work, "scenarios", "merged-torg-2025.yaml"),
                     "/api/simulate"]:
            r, body = request(port, "GET", path, headers=cookie)
            check(r.status == 404 and b"passwd" not in body, f"GET {path}: 404, not {r.status}")

        # saving: Origin and CSRF, then the version, a backup, a conflict
        r, text = request(port, "GET", "/api/model", headers=cookie)
        base = r.getheader("X-Samverkan-Version")
        good = dict(cookie, **{"Origin": origin, "X-CSRF-Token": csrf, "X-Samverkan-Base": base})
        for name, headers in [
                ("no Origin", {k: v for k, v in good.items() if k != "Origin"}),
                ("a wrong Origin", dict(good, Origin="http://evil.example")),
                ("the Origin of another port", dict(good, Origin=f"http://127.0.0.1:{port + 1}")),
                ("no CSRF token", {k: v for k, v in good.items() if k != "X-CSRF-Token"}),
                ("a wrong CSRF token", dict(good, **{"X-CSRF-Token": "0" * 32})),
                ("no token", {k: v for k, v in good.items() if k != "Cookie"})]:
            r, _ = request(port, "POST", "/api/model", body=b"x: 1\n", headers=headers)
            check(r.status == 403, f"save with {name}: 403, not {r.status}")
        with open(model, "rb") as f:
            check(f.read() == text, "a refused save changed nothing")
        edited = text.replace(b"name: ", b"nmae: ", 1)
        r, body = request(port, "POST", "/api/model", body=edited, headers=good)
        check(r.status == 200, f"save: 200, not {r.status}")
        second = json.loads(body)["version"]
        with open(model, "rb") as f:
            check(f.read() == edited, "the file holds the saved text")
        with open(model + ".bak", "rb") as f:
            check(f.read() == text, "MODEL.bak holds the text before")
        r, body = request(port, "GET", "/api/check", headers=cookie)
        errors = json.loads(body).get("errors", [])
        line = edited[:edited.index(b"nmae: ")].count(b"\n") + 1
        check(any(e["code"] == "unknown-key" and e["line"] == line and "nmae" in e["message"]
                  for e in errors), f"the misspelt key is an error at line {line}: {errors}")
        # a second tab still at the first version: refused, shown the text on disk
        r, body = request(port, "POST", "/api/model", body=text, headers=good)
        check(r.status == 409, f"a save from an older version: 409, not {r.status}")
        conflict = json.loads(body)
        check(conflict["version"] == second and conflict["text"].encode() == edited,
              "the conflict gives the text on disk")
        # a change on disk is a new version
        with open(model, "ab") as f:
            f.write(b"# edited elsewhere\n")
        r, body = request(port, "GET", "/api/version", headers=cookie)
        check(json.loads(body)["version"] not in (second, base), "the version follows the file on disk")
        r, _ = request(port, "POST", "/api/model", body=text, headers=dict(good, **{"X-Samverkan-Base": second}))
        check(r.status == 409, f"a save over a change on disk: 409, not {r.status}")
        r, body = request(port, "GET", "/api/version", headers=cookie)
        r, _ = request(port, "POST", "/api/model", body=text,
                       headers=dict(good, **{"X-Samverkan-Base": json.loads(body)["version"]}))
        check(r.status == 200, "a save from the current version")
        r, body = request(port, "GET", "/api/check", headers=cookie)
        check("findings" in json.loads(body), "the fixed model checks again")

        # a 100 MB body: 413 at once, without it being sent
        start = time.monotonic()
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        head = (f"POST /api/model HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: samverkan_token={token}\r\n"
                f"Origin: {origin}\r\nX-CSRF-Token: {csrf}\r\nX-Samverkan-Base: x\r\n"
                f"Content-Length: {100 * 1024 * 1024}\r\n\r\n")
        s.sendall(head.encode() + b"a" * 65536)
        answer = s.recv(4096)
        s.close()
        check(answer.startswith(b"HTTP/1.1 413"), f"a 100 MB body: 413, not {answer[:40]!r}")
        check(time.monotonic() - start < 2, "the 413 comes at once")
        # a header past the bound is refused too
        r, _ = request(port, "GET", "/api/version", headers=dict(cookie, **{"X-Big": "a" * 100000}))
        check(r.status in (413, 431), f"a 100 kB header: 413 or 431, not {r.status}")

        # 200 idle connections do not keep a real request waiting
        idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(200)]
        for s in idle[:100]:
            s.sendall(b"GET / HTTP/1.1\r\n")  # half a request, then nothing
        start = time.monotonic()
        r, body = request(port, "GET", "/api/version", headers=cookie, timeout=5)
        check(r.status == 200 and time.monotonic() - start < 2, "answered beside 200 idle connections")
        for s in idle:
            s.close()

        # SIGTERM stops it cleanly
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=10)
        check(code == 0, f"SIGTERM: exit 0, not {code}")

        # --listen widens it, with a warning; a bad port or address is a usage error
        wide = subprocess.Popen([samverkan, "--lang", "en", "serve", model, "--port", "0", "--no-open",
                                 "--listen", "127.0.0.1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        check(wide.stdout.readline().startswith("http://127.0.0.1:"), "--listen prints the address")
        wide.send_signal(signal.SIGINT)
        _, err = wide.communicate(timeout=10)
        check(wide.returncode == 0, f"SIGINT: exit 0, not {wide.returncode}")
        check("warning: listening on 127.0.0.1" in err, f"--listen warns: {err!r}")
        # --time-limit: a simulation that would take minutes is stopped, with 504
        slow = os.path.join(work, "slow")
        os.makedirs(os.path.join(slow, "scenarios"))
        os.mkdir(os.path.join(slow, ".git"))
        shutil.copy(model, os.path.join(slow, "umea-2024.yaml"))
        with open(os.path.join(slow, "scenarios", "huge.yaml"), "w") as f:
            f.write("samverkan: 1\nscenario:\n  id: huge\n  name: Huge\n  base: ../umea-2024.yaml\n"
                    "  changes:\n"
                    "    - set: {id: ungdomstorget, key: arrivals_per_month, value: 30000}\n"
                    "    - set: {id: ungdomstorget, key: slots, value: 400000}\n")
        limited = subprocess.Popen([samverkan, "--lang", "en", "serve", os.path.join(slow, "umea-2024.yaml"),
                                    "--port", "0", "--no-open", "--time-limit", "1"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            first = urllib.parse.urlsplit(limited.stdout.readline().strip())
            slow_cookie = {"Cookie": "samverkan_token=" + urllib.parse.parse_qs(first.query)["token"][0]}
            start = time.monotonic()
            r, body = request(first.port, "GET", "/api/simulate?scenario=scenarios/huge.yaml",
                              headers=slow_cookie, timeout=60)
            took = time.monotonic() - start
            check(r.status == 504 and b"took longer than 1 seconds and was stopped" in body,
                  f"--time-limit 1 stops the simulation: {r.status} {body[:200]!r}")
            check(took < 30, f"--time-limit 1 answered after {took:.1f} s")
            children = subprocess.run(["pgrep", "-P", str(limited.pid)], capture_output=True, text=True)
            check(children.stdout.strip() == "", f"the stopped child is gone: {children.stdout!r}")
        finally:
            limited.send_signal(signal.SIGTERM)
            limited.wait(timeout=10)

        for bad in (["--port", "70000"], ["--listen", "example.org"], ["--time-limit", "0"],
                    ["--time-limit", "soon"], []):
            args = [samverkan, "--lang", "en", "serve"] + ([model] if bad else []) + bad
            r = subprocess.run(args, capture_output=True, text=True, timeout=10)
            check(r.returncode == 2 and r.stdout == "", f"serve {bad}: exit 2, not {r.returncode}")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        shutil.rmtree(work)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("serve over HTTP: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
