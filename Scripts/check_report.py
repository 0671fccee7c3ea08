"""Opens an nb report in headless Chromium over the DevTools protocol and checks it.

Fails when a script throws or logs an error, an image does not decode, a resource fails to
load, the page requests anything but file: and data: URLs, or a table needs a sideways scroll at
1280 or 390 CSS pixels; clicks through the legend
toggles, the interpolation slider and the full-size view, checking that each does its job;
optionally saves screenshots at 1280 and 390 CSS pixels wide, light and dark.

Checks that each formula KaTeX rendered is a <math> element and each it could not read shows
its message; with FORMULAS,ERRORS the counts must be exactly those.

Checks that every image embedded in an SVG figure decodes, that every confusion matrix shows
n × n cells with a visible count each, and that every captioned image grid (a classifier's
mistakes) shows each image with its caption, that a sweep's comparison table stars one row and
its charts draw their bands; with FIGURES (`confusion=4,mistakes=4,accuracy=2`, `comparison=1,banded=4`)
the page must hold exactly that many confusion matrices, mistake grids, accuracy charts,
comparison tables and banded charts.

Checks that each value marked as changed since the last run has the old value as its hover text
(`title`) and each changed number shows its ▲/▼ difference; with CHANGES, at least that many
numbers must show one.

Usage: python3 Scripts/check_report.py REPORT.html [SCREENSHOT_DIR] [FORMULAS,ERRORS] [FIGURES] [CHANGES]   (see Scripts/check-report)
Python's standard library only: the WebSocket client below is the minimum the protocol needs.
"""

import base64
import json
import os
import pathlib
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

TIMEOUT = 60.0


class WebSocket:
    """A client WebSocket (RFC 6455) over a plain socket: masked text frames out, any frames in."""

    def __init__(self, url):
        match = re.match(r"ws://([^:/]+):(\d+)(/.*)", url)
        if not match:
            raise RuntimeError(f"unexpected DevTools address {url}")
        host, port, path = match.group(1), int(match.group(2)), match.group(3)
        self.sock = socket.create_connection((host, port), timeout=TIMEOUT)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("DevTools closed the connection during the handshake")
            response += chunk
        head, self.buffer = response.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(f"WebSocket handshake refused: {head[:200]!r}")

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise RuntimeError("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def send(self, text):
        payload = text.encode()
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
        mask = os.urandom(4)
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(length)
            opcode = first & 0x0F
            if opcode == 0x8:
                raise RuntimeError("DevTools closed the WebSocket")
            if opcode in (0x9, 0xA):  # ping and pong carry no protocol message
                continue
            message += payload
            if first & 0x80:
                return message.decode()


class Browser:
    """Headless Chromium with one page, driven through a flattened DevTools session."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="nb-check-report-")
        self.process = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", "--mute-audio", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        address = None
        deadline = time.monotonic() + TIMEOUT
        while address is None and time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                address = match.group(1)
        if address is None:
            self.close()
            raise RuntimeError("chromium did not start its DevTools server")
        self.socket = WebSocket(address)
        self.next_id = 0
        self.events = []
        target = self.command("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.command("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

    def command(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.receive())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def page(self, method, params=None):
        return self.command(method, params, self.session)

    def wait_for(self, method, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        self.socket.sock.settimeout(timeout)
        while time.monotonic() < deadline:
            for event in self.events:
                if event.get("method") == method:
                    return event
            self.events.append(json.loads(self.socket.receive()))
        raise RuntimeError(f"timed out waiting for {method}")

    def evaluate(self, expression):
        result = self.page("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError("check script threw: " + result["exceptionDetails"].get("text", ""))
        return result["result"].get("value")

    def open(self, uri, before=None):
        """Loads `uri` with the runtime, network and page events on, running `before` first in the page."""
        for domain in ("Runtime", "Network", "Page"):
            self.page(f"{domain}.enable")
        if before:
            self.page("Page.addScriptToEvaluateOnNewDocument", {"source": before})
        self.page("Page.navigate", {"url": uri})
        self.wait_for("Page.loadEventFired")

    def requests_away(self):
        """Every URL the page asked for so far that is not its own file, data or about:blank."""
        urls = [event["params"]["request"]["url"] for event in self.events
                if event.get("method") == "Network.requestWillBeSent"]
        return [url for url in urls if not (url.startswith(("file:", "data:")) or url == "about:blank")]

    def close(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


# Runs in the page after it loads: images that did not decode, resources from elsewhere.
STATIC_CHECKS = r"""
(() => {
  const problems = [];
  for (const image of document.images) {
    if (!image.getAttribute("src")) continue;  // the full-size view's image, empty until used
    if (!image.complete || image.naturalWidth === 0) problems.push("image did not decode: " + (image.alt || image.src.slice(0, 60)));
  }
  for (const entry of performance.getEntriesByType("resource")) {
    if (!/^(file|data):/.test(entry.name)) problems.push("requested " + entry.name);
  }
  let formulas = 0, mathErrors = 0;
  for (const element of document.querySelectorAll(".math")) {
    if (element.classList.contains("math-error")) {
      mathErrors += 1;
      const message = element.querySelector(".math-error-message");
      if (!message || !/KaTeX/.test(message.textContent)) problems.push("a formula's error shows no KaTeX message");
    } else if (element.querySelector("math") && element.querySelector("math").getBoundingClientRect().width > 0) {
      formulas += 1;
    } else {
      problems.push("a formula was not rendered as MathML: " + element.textContent.slice(0, 60));
    }
  }
  // A computed value in a prose table once rendered as an empty cell (issue 25, item 2).
  for (const cell of document.querySelectorAll(".prose td, .prose th")) {
    if (!cell.textContent.trim()) problems.push("an empty table cell in the prose, in row: " + cell.parentElement.textContent.slice(0, 60));
  }
  for (const value of document.querySelectorAll(".inline-value")) {
    if (!value.textContent.trim()) problems.push("an inline value shows nothing: " + value.title);
  }
  return {problems, formulas, mathErrors, images: document.images.length - 1,
          charts: document.querySelectorAll("[data-chart]").length};
})()
"""

# Classifier and sweep figures drawn as they should be: every image inside an SVG decodes, every confusion
# matrix has n × n cells each showing its count, every mistake has its image and caption lines.
FIGURE_CHECKS = r"""
(async () => {
  const problems = [];
  const visible = (element) => { const box = element.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
  for (const image of document.querySelectorAll("svg image")) {
    const href = image.getAttribute("href") || "";
    const probe = new Image();
    probe.src = href;
    try { await probe.decode(); } catch (error) { problems.push("an SVG figure's image did not decode: " + href.slice(0, 40)); }
    if (!visible(image)) problems.push("an SVG figure's image is not shown");
  }
  const matrices = document.querySelectorAll("svg .confusion-matrix");
  for (const matrix of matrices) {
    const classes = matrix.querySelectorAll(".y-axis text").length - 1;
    const cells = matrix.querySelectorAll(".cell");
    if (classes < 2 || cells.length !== classes * classes) problems.push("a confusion matrix has " + cells.length + " cells for " + classes + " classes");
    for (const cell of cells) {
      const text = cell.querySelector("text");
      if (!text || !/^[0-9]+$/.test(text.textContent) || !visible(text) || !visible(cell.querySelector("rect"))) {
        problems.push("a confusion matrix cell shows no count: " + cell.textContent.slice(0, 60));
        break;
      }
    }
  }
  const grids = document.querySelectorAll("svg .captioned-images");
  for (const grid of grids) {
    for (const item of grid.querySelectorAll(".captioned-image")) {
      const captions = [...item.querySelectorAll(".caption")];
      if (!item.querySelector("image") || captions.length === 0 || !captions.every((line) => visible(line) && line.textContent.trim())) {
        problems.push("a captioned image shows no image or caption: " + item.textContent.slice(0, 60));
        break;
      }
    }
  }
  const accuracy = [...document.querySelectorAll("figure.chart svg > title")].filter((title) => title.textContent === "Accuracy per epoch");
  for (const title of accuracy) {
    if (!title.parentElement.querySelector("g.series path") || !visible(title.parentElement)) problems.push("an accuracy chart draws no line");
  }
  // A sweep's comparison table (`compare_fits`): n, mean ± std columns and exactly one starred row.
  const comparisons = [...document.querySelectorAll("table.data")].filter((table) => {
    const heads = [...table.querySelectorAll("th")].map((head) => head.textContent.trim());
    return heads.includes("n") && heads.includes("best") && heads.some((head) => head.endsWith("± std"));
  });
  for (const table of comparisons) {
    const stars = [...table.querySelectorAll("td")].filter((cell) => cell.textContent.trim() === "★");
    if (stars.length !== 1) problems.push("a comparison table stars " + stars.length + " rows");
    if (!visible(table)) problems.push("a comparison table is not shown");
  }
  // A sweep's curves: each banded chart's bands are drawn, under a line of their own colour.
  const banded = [...document.querySelectorAll("figure.chart svg")].filter((svg) => svg.querySelector("g.series path.band"));
  for (const svg of banded) {
    for (const band of svg.querySelectorAll("g.series path.band")) {
      const line = band.parentElement.querySelector("path.line");
      if (!visible(band) || band.getBBox().height <= 0 || !line) { problems.push("a chart's band is not drawn"); break; }
    }
  }
  return {problems, confusion: matrices.length, mistakes: grids.length, accuracy: accuracy.length,
          comparison: comparisons.length, banded: banded.length};
})()
"""

# Every table fits its column at the current width, without a sideways scroll.
TABLES_FIT = r"""
(() => [...document.querySelectorAll(".table-scroll")]
  .filter((box) => box.scrollWidth > box.clientWidth + 1)
  .map((box) => "a table is " + box.scrollWidth + " px wide in a " + box.clientWidth + " px column at "
       + innerWidth + " px: " + box.querySelector("tr").textContent.trim().slice(0, 60)))()
"""

# Uses each interactive part the way a reader would and checks it did what it should.
INTERACTIONS = r"""
(async () => {
  const problems = [];
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  let legends = 0;
  for (const chart of document.querySelectorAll("[data-chart]")) {
    const entry = chart.querySelector(".legend-entry[data-series]");
    if (!entry) continue;
    legends += 1;
    const name = entry.getAttribute("data-series");
    const series = [...chart.querySelectorAll("g.series[data-series]")].filter((g) => g.getAttribute("data-series") === name);
    entry.dispatchEvent(new MouseEvent("click", {bubbles: true}));
    if (series.length === 0 || !series.every((g) => getComputedStyle(g).display === "none")) problems.push("legend entry '" + name + "' did not hide its series");
    entry.dispatchEvent(new MouseEvent("click", {bubbles: true}));
    if (!series.every((g) => getComputedStyle(g).display !== "none")) problems.push("legend entry '" + name + "' did not show its series again");
  }
  let sliders = 0;
  for (const stepper of document.querySelectorAll(".stepper")) {
    sliders += 1;
    const input = stepper.querySelector("input");
    input.value = input.max;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    await frame();
    const steps = stepper.querySelectorAll(".step-view .step");
    if (steps.length === 0 || [...steps].some((step) => step.offsetWidth === 0)) problems.push("the interpolation slider shows no step");
    const last = input.dataset.labels.split(" ").pop();
    if (stepper.querySelector("output").textContent !== "t = " + last) problems.push("the slider's output does not follow it");
  }
  const zoom = document.querySelector("button.zoom");
  const dialog = document.querySelector("dialog.zoom-view");
  if (zoom) {
    zoom.click();
    await frame();
    const large = dialog.querySelector("img");
    if (!dialog.open) problems.push("clicking an image grid did not open the full-size view");
    else if (large.width < zoom.querySelector("img").naturalWidth) problems.push("the full-size view is smaller than the image");
    dialog.querySelector(".close").click();
    if (dialog.open) problems.push("the full-size view's close button did not close it");
  }
  return {problems, legends, sliders, zoomable: document.querySelectorAll("button.zoom").length};
})()
"""


# Values that differ from the last run: each has the old value in its title (the hover text, no
# script needed), and each number's ▲/▼ difference is laid out; a header that counts changed
# results has values marked.
CHANGE_CHECKS = r"""
(() => {
  const problems = [];
  const changed = [...document.querySelectorAll(".changed")];
  for (const element of changed) {
    const title = element.getAttribute("title") || "";
    if (!/(^| · )last run: \S/.test(title)) problems.push("a changed value has no old value on hover: " + element.textContent.slice(0, 40));
    const delta = element.querySelector(":scope > .delta");
    if (delta && (!/^[▲▼] \S/.test(delta.textContent) || delta.getBoundingClientRect().width === 0)) {
      problems.push("a changed number does not show its difference: " + element.textContent.slice(0, 40));
    }
  }
  const summary = document.querySelector("details.run-changes summary");
  const counted = summary && summary.textContent.match(/\d+ results? changed/);
  if (counted && changed.length === 0) problems.push("the header says " + counted[0] + " but no value is marked");
  return {problems, changed: changed.length, deltas: document.querySelectorAll(".changed > .delta").length};
})()
"""


def screenshot(browser, path, width, dark, mobile):
    browser.page("Emulation.setEmulatedMedia",
                 {"features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})
    browser.page("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile})
    time.sleep(0.3)
    size = browser.page("Page.getLayoutMetrics")["cssContentSize"]
    height = min(int(size["height"]) + 1, 16000)
    shot = browser.page("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    pathlib.Path(path).write_bytes(base64.b64decode(shot["data"]))
    print(f"check-report: screenshot {path} ({width}×{height})")


def main():
    report = pathlib.Path(sys.argv[1]).resolve()
    shots = sys.argv[2] if len(sys.argv) > 2 else ""
    expected_math = sys.argv[3] if len(sys.argv) > 3 else ""
    expected_figures = sys.argv[4] if len(sys.argv) > 4 else ""
    expected_changes = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[5] else 0
    browser = Browser()
    problems = []
    try:
        for domain in ("Runtime", "Log", "Network", "Page"):
            browser.page(f"{domain}.enable")
        browser.page("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        browser.page("Page.navigate", {"url": report.as_uri()})
        browser.wait_for("Page.loadEventFired")
        static = browser.evaluate(STATIC_CHECKS)
        interactive = browser.evaluate(INTERACTIONS)
        figures = browser.evaluate(FIGURE_CHECKS)
        changes = browser.evaluate(CHANGE_CHECKS)
        problems += static["problems"] + interactive["problems"] + figures["problems"] + changes["problems"]
        problems += browser.evaluate(TABLES_FIT)
        if changes["deltas"] < expected_changes:
            problems.append(f"expected at least {expected_changes} numbers marked as changed since the last run, "
                            f"found {changes['deltas']}")
        for expectation in filter(None, expected_figures.split(",")):
            kind, count = expectation.split("=")
            if figures.get(kind) != int(count):
                problems.append(f"expected {count} {kind} figures, found {figures.get(kind)}")
        browser.page("Emulation.setDeviceMetricsOverride",
                     {"width": 390, "height": 900, "deviceScaleFactor": 1, "mobile": True})
        time.sleep(0.3)
        problems += browser.evaluate(TABLES_FIT)
        if expected_math:
            formulas, errors = (int(part) for part in expected_math.split(","))
            if (static["formulas"], static["mathErrors"]) != (formulas, errors):
                problems.append(f"expected {formulas} formulas as MathML and {errors} errors in place, found "
                                f"{static['formulas']} and {static['mathErrors']}")
        if shots:
            os.makedirs(shots, exist_ok=True)
            for name, width, dark, mobile in [("wide", 1280, False, False), ("narrow", 390, False, True),
                                              ("wide-dark", 1280, True, False), ("narrow-dark", 390, True, True)]:
                screenshot(browser, os.path.join(shots, f"{report.stem}-{name}.png"), width, dark, mobile)
        time.sleep(0.2)
        browser.evaluate("0")  # collects any events still in flight
        for event in browser.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                text = details.get("exception", {}).get("description") or details.get("text")
                problems.append(f"uncaught exception: {text}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                args = " ".join(str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", []))
                problems.append(f"console.{params['type']}: {args}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                problems.append(f"browser error: {params['entry'].get('text')} {params['entry'].get('url', '')}".strip())
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not (url.startswith("file:") or url.startswith("data:") or url == "about:blank"):
                    problems.append(f"network request: {url}")
            elif method == "Network.loadingFailed":
                problems.append(f"a resource failed to load: {params.get('errorText')}")
    finally:
        browser.close()
    print(f"check-report: {report.name}: {static['images']} images, {static['charts']} charts, "
          f"{interactive['legends']} legends toggled, {interactive['sliders']} sliders moved, "
          f"{interactive['zoomable']} zoomable grids, {static['formulas']} formulas as MathML, "
          f"{static['mathErrors']} formula errors in place, {figures['confusion']} confusion matrices, "
          f"{figures['mistakes']} mistake grids, {figures['accuracy']} accuracy charts, "
          f"{figures['comparison']} comparison tables, {figures['banded']} banded charts, "
          f"{changes['changed']} values changed since the last run ({changes['deltas']} numbers with ▲/▼), "
          f"{report.stat().st_size:,} bytes")
    finish(problems, "no script errors, every image decoded, no network requests")


def finish(problems, success):
    """Prints each problem and exits 1, or prints `success`."""
    for problem in problems:
        print(f"check-report: error: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"check-report: {success}")


if __name__ == "__main__":
    main()
