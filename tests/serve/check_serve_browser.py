#!/usr/bin/env python3
"""samverkan serve in a real browser: headless Chromium driven through the
DevTools protocol (python3-websocket) opens the page of `serve` on a copy
of the Umeå model in Swedish, sees its findings and diagrams, simulates
the scenario beside it with the Simulate button, types a misspelt key and
saves with Ctrl-S, sees the positioned error at that line, fixes it and renames a body with the Save button, and sees the error
gone, the findings back and the governance diagram drawn with the new
name. Skipped (exit 77) with a message where Chromium or python3-websocket
is missing.

usage: check_serve_browser.py SAMVERKAN SOURCE_DIR [SCREENSHOT.png]
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

try:
    import websocket
except ImportError:
    # Debian's python3-websocket, when the python3 running this is another one
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import websocket
    except ImportError:
        print("SKIPPED: python3-websocket is not installed (apt-get install -y python3-websocket)")
        sys.exit(77)


class Page:
    def __init__(self, url):
        self.ws = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.next = 0

    def call(self, method, **params):
        self.next += 1
        self.ws.send(json.dumps({"id": self.next, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def eval(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True,
                           returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression, what, seconds=20):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            value = self.eval(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}")


def main():
    samverkan, src = sys.argv[1], sys.argv[2]
    screenshot = sys.argv[3] if len(sys.argv) > 3 else None
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        print("SKIPPED: chromium is not installed (apt-get install -y chromium)")
        return 77
    work = tempfile.mkdtemp()
    model = os.path.join(work, "umea-2024.yaml")
    shutil.copy(os.path.join(src, "models", "umea-2024.yaml"), model)
    shutil.copytree(os.path.join(src, "models", "scenarios"), os.path.join(work, "scenarios"))
    os.mkdir(os.path.join(work, ".git"))  # marks the project folder the scenarios' bases lie in
    server = subprocess.Popen([samverkan, "--lang", "sv", "serve", model, "--port", "0", "--no-open"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    browser = None
    try:
        address = server.stdout.readline().strip()
        browser = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + os.path.join(work, "profile"), "--remote-debugging-port=0",
             "--window-size=1400,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        devtools = None
        end = time.monotonic() + 30
        while time.monotonic() < end and devtools is None:
            line = browser.stderr.readline()
            m = re.search(r"DevTools listening on ws://([^/]+)/", line)
            if m:
                devtools = m.group(1)
        if devtools is None:
            raise AssertionError("Chromium did not say where DevTools listens")
        with urllib.request.urlopen(f"http://{devtools}/json/list", timeout=10) as r:
            targets = [t for t in json.load(r) if t["type"] == "page"]
        page = Page(targets[0]["webSocketDebuggerUrl"])
        page.call("Page.enable")
        page.call("Page.navigate", url=address)

        # the Umeå findings, in Swedish, and the diagrams
        page.wait("document.querySelectorAll('#findings li.warning').length > 0", "the findings")
        heading = page.eval("document.getElementById('h-findings').textContent")
        assert heading == "Iakttagelser", heading
        rules = page.eval("[...document.querySelectorAll('#findings li')].map(li => li.textContent).join('\\n')")
        assert "single-point-of-failure" in rules and "rad 226:5" in rules, rules[:500]
        assert page.eval("location.search") == "", "the token left the address bar"
        page.wait("[...document.querySelectorAll('#diagrams img')].some(i => i.alt === 'governance' && i.complete && i.naturalWidth > 0)",
                  "the governance diagram")
        if screenshot:
            shot = page.call("Page.captureScreenshot", format="png")
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))

        # the scenario beside the model, simulated with the button, in Swedish
        page.wait("document.getElementById('scenario').value === 'scenarios/merged-torg-2025.yaml'",
                  "the scenario in the list")
        assert page.eval("document.getElementById('simulate').textContent") == "Simulera"
        page.eval("document.getElementById('simulate').click()")
        page.wait("document.getElementById('simulation').textContent.includes("
                  "'slutsats: Ett sammanslaget torg från 2025 jämfört med i dag')",
                  "the simulation of the scenario", seconds=240)

        # a finding takes the editor to its line
        page.eval("document.querySelector('#findings li').click()")
        line = page.eval("document.getElementById('text').value.slice(0, document.getElementById('text').selectionStart).split('\\n').length")
        assert line == 226, f"the first finding selects line {line}"

        # a misspelt key, saved with Ctrl-S: the error at its line
        text = page.eval("document.getElementById('text').value")
        at = text.index("name: ")
        misspelt_line = text[:at].count("\n") + 1
        page.eval("(() => { const t = document.getElementById('text'); t.value = t.value.replace('name: ', 'nmae: '); t.dispatchEvent(new Event('input')); })()")
        page.eval("document.getElementById('text').focus()")
        for kind in ("keyDown", "keyUp"):
            page.call("Input.dispatchKeyEvent", type=kind, key="s", code="KeyS", modifiers=2,
                      windowsVirtualKeyCode=83)
        page.wait("document.getElementById('h-findings').textContent === 'Modellen kunde inte läsas in'",
                  "the load errors after the save")
        errors = page.eval("[...document.querySelectorAll('#findings li')].map(li => li.textContent).join('\\n')")
        assert f"rad {misspelt_line}:" in errors and "unknown-key" in errors and "nmae" in errors, errors
        with open(model, encoding="utf-8") as f:
            assert "nmae: " in f.read(), "the misspelt text is saved"

        # fixed, and a body renamed, with the Save button: the findings back, the diagram redrawn
        page.eval("(() => { const t = document.getElementById('text'); t.value = t.value.replace('nmae: ', 'name: ').replace('name: Samordningsförbundets styrelse', 'name: Förbundsstyrelsen i test'); t.dispatchEvent(new Event('input')); })()")
        page.eval("document.getElementById('save').click()")
        page.wait("document.getElementById('h-findings').textContent === 'Iakttagelser' && document.querySelectorAll('#findings li.warning').length > 0",
                  "the findings after the fix")
        svg = page.eval("fetch('/api/view/governance.svg').then(r => r.text())")
        assert "Förbundsstyrelsen i test" in svg, "the governance diagram shows the new name"
        assert os.path.exists(model + ".bak"), "the backup is kept"

        # a change made on disk by another program: the page loads it within a second or two
        with open(model, "a", encoding="utf-8") as f:
            f.write("# ändrad i ett annat program\n")
        page.wait("document.getElementById('text').value.includes('# ändrad i ett annat program')",
                  "the text changed on disk", seconds=10)
        print("serve in Chromium: findings, a scenario simulated, Ctrl-S, positioned error, fix, redrawn diagram: all passed")
        return 0
    finally:
        if browser:
            browser.kill()
            browser.wait()
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
