"""Checks nb's live preview in headless Chromium: `nb FILE --watch --serve` on a small real notebook.

Opens the served page, edits the notebook on disk and checks that the page's content changes
without a reload command; then edits the training so that it runs again and checks, while it
trains, that the live panel's progress text changes and its loss curve gains points; fails on any
script error. Prints the latency from a one-statement save to the updated page, and saves a
screenshot of the page mid-training if a directory is given.

Usage: python3 Scripts/check_preview.py NB_EXECUTABLE [SCREENSHOT_DIR]   (see Scripts/check-preview)
"""

import base64
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_report import Browser  # noqa: E402

NOTEBOOK = """---
params:
  count: 3
---
# Live preview check

```nb
data = mnist(split: "train", limit: 6000)
test = mnist(split: "test", limit: 300)
model = cnn_vae(channels: [32, 64, 64], latent: 4)
fit = train(model, on: data, validate: test, epochs: 1, batch: 32, lr: LR)
samples(fit, count: count)
```
"""


def fail(message):
    print(f"check-preview: error: {message}", file=sys.stderr)
    sys.exit(1)


def wait(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    fail(f"timed out waiting for {what}")


def main():
    executable = pathlib.Path(sys.argv[1]).resolve()
    shots = sys.argv[2] if len(sys.argv) > 2 else ""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="nb-check-preview-"))
    notebook = folder / "live.md"
    notebook.write_text(NOTEBOOK.replace("LR", "0.001"))
    process = subprocess.Popen([str(executable), "live.md", "--watch", "--serve", "--port", "8700", "--output", "out"],
                               cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    printed = []
    threading.Thread(target=lambda: [printed.append(line) for line in process.stdout], daemon=True).start()
    output = lambda: "".join(printed)  # noqa: E731
    browser = None
    problems = []
    try:
        match = wait(lambda: re.search(r"serving the report at (http://127\.0\.0\.1:\d+/)", output()), 60, "the server")
        url = match.group(1)
        wait(lambda: "watching live.md" in output(), 300, "the first run")
        browser = Browser()
        for domain in ("Runtime", "Log", "Page"):
            browser.page(f"{domain}.enable")
        browser.page("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 500, "deviceScaleFactor": 1, "mobile": False})
        browser.page("Page.navigate", {"url": url})
        browser.wait_for("Page.loadEventFired")
        wait(lambda: "watching" in (browser.evaluate("document.getElementById('nb-live-status')?.textContent") or ""),
             10, "the event stream to connect")
        browser.evaluate("window.scrollTo(0, 300); document.documentElement.dataset.marker = 'not reloaded'")
        scrolled = browser.evaluate("scrollY")

        # A one-statement edit: the samples figure shows 5 images instead of 3.
        updates = lambda: int(browser.evaluate("document.documentElement.dataset.nbUpdates || '0'"))  # noqa: E731
        before = updates()
        saved = time.monotonic()
        notebook.write_text(NOTEBOOK.replace("LR", "0.001").replace("count: 3", "count: 5"))
        wait(lambda: updates() > before, 30, "the page to update after an edit")
        latency = time.monotonic() - saved
        if browser.evaluate("document.documentElement.dataset.marker") != "not reloaded":
            problems.append("the page reloaded instead of updating in place")
        if not browser.evaluate("document.body.innerHTML.includes('changed (3 → 5)')"):
            problems.append("the updated page does not say what changed")
        scroll = browser.evaluate("scrollY")
        if scrolled < 100 or scroll != scrolled:
            problems.append(f"the scroll position was {scrolled} before the update and {scroll} after")
        print(f"check-preview: a one-statement edit reached the page in {latency:.2f} s (save to updated DOM)")

        # An edit that retrains: watch progress and the curve while it runs.
        notebook.write_text(NOTEBOOK.replace("LR", "0.002").replace("count: 3", "count: 5"))
        texts, points = [], []
        deadline = time.monotonic() + 300
        shot_taken = False
        while time.monotonic() < deadline:
            state = browser.evaluate(
                "({text: document.getElementById('nb-live-status').textContent,"
                " points: Number(document.getElementById('nb-live-curve').dataset.points || 0),"
                " updates: Number(document.documentElement.dataset.nbUpdates || 0)})")
            if "batch" in state["text"]:
                texts.append(state["text"])
                points.append(state["points"])
                if shots and not shot_taken and state["points"] >= 3:
                    os.makedirs(shots, exist_ok=True)
                    browser.page("Emulation.setDeviceMetricsOverride",
                                 {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
                    shot = browser.page("Page.captureScreenshot", {"format": "png"})
                    path = pathlib.Path(shots) / "preview-mid-training.png"
                    path.write_bytes(base64.b64decode(shot["data"]))
                    print(f"check-preview: screenshot {path}")
                    shot_taken = True
            if state["updates"] > before + 1:
                break
            time.sleep(0.1)
        else:
            fail("the retraining's report never reached the page")
        distinct = sorted(set(points))
        if len(set(texts)) < 3:
            problems.append(f"the progress text changed only {len(set(texts))} times during training")
        if len(distinct) < 3:
            problems.append(f"the live curve's point count took only the values {distinct}")
        print(f"check-preview: during training the progress text took {len(set(texts))} values and the curve "
              f"{len(distinct)} point counts (up to {max(distinct, default=0)})")

        browser.evaluate("0")
        for event in browser.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                problems.append("uncaught exception: " + (details.get("exception", {}).get("description") or details.get("text", "")))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                problems.append("console error: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                problems.append("browser error: " + params["entry"].get("text", ""))
    finally:
        if browser:
            browser.close()
        process.send_signal(signal.SIGINT)
        try:
            status = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            status = "hung"
        shutil.rmtree(folder, ignore_errors=True)
    if status != 130:
        problems.append(f"nb --watch exited {status} on Ctrl-C, not 130")
    for problem in problems:
        print(f"check-preview: error: {problem}", file=sys.stderr)
    if problems:
        print(output(), file=sys.stderr)
        sys.exit(1)
    print("check-preview: the page updated in place, showed training live, and no script failed")


if __name__ == "__main__":
    main()
