#!/usr/bin/env python3
"""Opens a samverkan HTML report in headless Chromium, as an auditor would.

  check_report.py CHROMIUM REPORT.html SCREENSHOT.png [--hostile TEXT...]

Checks the rendered DOM (Chromium's own serialisation after parsing): the
headings (summary, recommendations, observations per audit question,
figures, appendix A), the finding counts, the four audit answers, the
figures with their captions; that
the page made no network request (Chromium runs behind a proxy on a
loopback port that records every connection, and no request may reach it);
and takes a screenshot. With --hostile, each TEXT must appear literally
and nothing active may exist: no <script>, no on* attribute, no
javascript: URL. Exit 0 when all holds, 1 otherwise.
"""
import html.parser
import os
import socket
import subprocess
import sys
import tempfile
import threading

# Attributes whose value a browser follows or loads as a URL.
URL_ATTRIBUTES = {"href", "xlink:href", "src", "action", "formaction", "data", "poster",
                  "background", "srcset", "ping", "cite", "longdesc", "style"}


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []          # (tag, attrs)
        self.text = []
        self.stack = []
        self.headings = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        self.text.append(data)
        if self.stack and self.stack[-1] in ("h1", "h2", "h3"):
            self.headings.append(data.strip())


def proxy(counter, ready):
    """A loopback 'proxy' that only counts connections and answers 502."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.5)
    ready.append(server.getsockname()[1])
    while True:
        try:
            conn, _ = server.accept()
        except socket.timeout:
            # Stop only once no connection waits in the backlog: one made
            # just before Chromium exited must still be seen.
            if counter.get("stop"):
                break
            continue
        counter["connections"] = counter.get("connections", 0) + 1
        try:
            first = conn.recv(200).split(b"\r\n")[0].decode("latin-1")
            if first:
                counter.setdefault("requests", []).append(first)
                conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            else:
                # Chromium opens spare connections to its proxy ahead of need
                # and closes them unused when it exits. One from the control
                # page can be accepted after its run has ended: no byte
                # crossed it, so it is no request of any page.
                counter["unused"] = counter.get("unused", 0) + 1
        except OSError:
            pass
        conn.close()
    server.close()


# Chromium's own service traffic (component updates, sign-in), which it sends
# whatever page is open and whatever flags say: not the page's requests.
BROWSER_HOSTS = ("update.googleapis.com", "accounts.google.com", "clients2.google.com",
                 "clientservices.googleapis.com", "safebrowsingohttpgateway.googleapis.com")


def page_requests(requests):
    """The recorded requests that are not Chromium's own service traffic."""
    page = []
    for line in requests:
        parts = line.split(" ")
        target = parts[1] if len(parts) > 1 else ""
        host = target.split("//")[-1].split("/")[0].split(":")[0]
        if host not in BROWSER_HOSTS:
            page.append(line)
    return page


def chromium(binary, port, profile, *args):
    base = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--user-data-dir=" + profile,
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,"
            "MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
            "--disable-client-side-phishing-detection", "--disable-domain-reliability",
            "--no-pings", "--disable-breakpad", "--metrics-recording-only",
            "--disable-component-extensions-with-background-pages", "--no-service-autorun",
            "--password-store=basic", "--use-mock-keychain", "--disable-signin-promo",
            "--allow-pre-commit-input",
            "--proxy-server=http://127.0.0.1:%d" % port, "--proxy-bypass-list=<-loopback>"]
    return subprocess.run(base + list(args), capture_output=True, timeout=120)


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    binary, report, screenshot = sys.argv[1:4]
    hostile = sys.argv[sys.argv.index("--hostile") + 1:] if "--hostile" in sys.argv else []
    url = "file://" + os.path.abspath(report)
    counter, ready = {}, []
    thread = threading.Thread(target=proxy, args=(counter, ready), daemon=True)
    thread.start()
    while not ready:
        pass
    problems = []
    with tempfile.TemporaryDirectory() as profile:
        # A control page that does make a request: the proxy must see it,
        # or the check below would prove nothing.
        canary = os.path.join(profile, "canary.html")
        with open(canary, "w") as f:
            f.write('<img src="http://canary.invalid/pixel.png">')
        chromium(binary, ready[0], profile, "--dump-dom", "file://" + canary)
        seen = page_requests(counter.get("requests", []))
        if not any("canary.invalid" in r for r in seen):
            problems.append("the proxy did not see the control page's request: the network check is blind")
        counter["requests"] = []
        dump = chromium(binary, ready[0], profile, "--dump-dom", url)
        shot = chromium(binary, ready[0], profile, "--screenshot=" + os.path.abspath(screenshot),
                        "--window-size=1240,1754", "--hide-scrollbars", url)
    counter["stop"] = True
    thread.join()
    if dump.returncode != 0 or not dump.stdout:
        print("chromium --dump-dom failed:", dump.stderr.decode()[-2000:])
        return 1
    if shot.returncode != 0 or not os.path.exists(screenshot):
        problems.append("no screenshot: " + shot.stderr.decode()[-500:])
    dom = Dom()
    dom.feed(dump.stdout.decode("utf-8"))
    text = " ".join(dom.text)
    made = page_requests(counter.get("requests", []))
    if made:
        problems.append("the page made %d network request(s): %s" % (len(made), made))
    tags = [t for t, _ in dom.tags]
    if "script" in tags:
        problems.append("a <script> element exists")
    for tag, attrs in dom.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append("an event handler attribute %s on <%s>" % (name, tag))
            # a javascript: URL: in an attribute that is followed as a URL,
            # or any attribute that is one. A tooltip (title, xlink:title)
            # is text: a finding's message may quote a hostile name in it.
            squeezed = value.replace(" ", "").lower() if value else ""
            if (name in URL_ATTRIBUTES and "javascript:" in squeezed) or \
                    squeezed.startswith("javascript:"):
                problems.append("a javascript: URL in %s of <%s>" % (name, tag))
    if not hostile:
        swedish = {"Summary": "Sammanfattning", "Recommendations": "Rekommendationer",
                   "Observations per audit question": "Iakttagelser per revisionsfråga",
                   "Figures": "Figurer", "Appendix A. Findings by rule": "Bilaga A. Iakttagelser per regel"}
        for heading, sv in swedish.items():
            if not any(h in (heading, sv) for h in dom.headings):
                problems.append("no heading '%s' ('%s')" % (heading, sv))
        captions = [t for t, _ in dom.tags if t == "figcaption"]
        if len(captions) < 3:
            problems.append("fewer than three figures with a caption (%d)" % len(captions))
        answers = [a.get("class", "") for t, a in dom.tags if t == "span" and "answer" in a.get("class", "")]
        if len(answers) < 4:
            problems.append("fewer than four audit answers (%d)" % len(answers))
        if tags.count("svg") < 3:
            problems.append("fewer than three diagrams (%d svg)" % tags.count("svg"))
        ids = {a.get("id") for _, a in dom.tags}
        # findings link to the very box of their element in a diagram
        groups = {a.get("id") for t, a in dom.tags if t == "g"}
        element_links = [a["href"][1:] for t, a in dom.tags
                         if t == "a" and a.get("href", "").startswith("#") and "--" in a.get("href", "")]
        if len(element_links) < 3:
            problems.append("fewer than three findings link to a diagram element (%d)" % len(element_links))
        for target in element_links:
            if target not in groups:
                problems.append("a finding links to #%s, which is no element of a diagram" % target)
        all_ids = [a["id"] for _, a in dom.tags if a.get("id")]
        if len(all_ids) != len(set(all_ids)):
            problems.append("ids used twice: %s" % sorted({i for i in all_ids if all_ids.count(i) > 1})[:5])
        for needed in ("count-error", "question-1", "question-4", "diagram-governance"):
            if needed not in ids:
                problems.append("no element #%s" % needed)
    for needle in hostile:
        if needle not in text:
            problems.append("the name %r does not appear as text" % needle)
    for p in problems:
        print("report:", p)
    if not problems:
        print("report ok: %d elements, %d svg, %d headings, 0 network requests (the control page's was seen), screenshot %s"
              % (len(dom.tags), tags.count("svg"), len(dom.headings), screenshot))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
