"""Opens a report whose prose holds injected markup in headless Chromium and checks that the
Content-Security-Policy stops all of it while nb's own inline script still runs.

The report (written by ReportTests.theReportOfHostileProseIsWrittenForTheBrowserCheck) has a
<script>, an <img onerror=…>, an onmouseover= and a javascript: link, each of which would append
to window.nbInjected if it ran; the prose's sanitizer removes them, and the fixture puts them back
as a sanitizer bug would, so that this checks the policy on its own. The check fails if any did (the link is clicked and
the element hovered), if the browser reported no policy violation for them, if nb's script did
not run (the legend entries it makes keyboard buttons, the full-size view it opens), or if the
page requested anything but file: and data: URLs.

Usage: python3 Scripts/check_report_csp.py REPORT.html   (see Scripts/check-report)
"""

import os
import pathlib
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_report import Browser, finish  # noqa: E402  (the DevTools client, shared)

# Collects violations from the moment the page starts; the injected markup is then provoked.
RECORD_VIOLATIONS = r"""
window.nbViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.nbViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""

PROVOKE = r"""
(async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  for (const element of document.querySelectorAll("[onmouseover]")) {
    element.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
  }
  for (const link of document.querySelectorAll("a[href^='javascript:']")) link.click();
  await frame();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const entry = document.querySelector(".legend-entry[data-series]");
  const zoom = document.querySelector("button.zoom");
  let zoomOpened = false;
  if (zoom) {
    zoom.click();
    await frame();
    zoomOpened = document.querySelector("dialog.zoom-view").open;
  }
  return {
    injected: window.nbInjected || [],
    violations: window.nbViolations || [],
    scriptRan: !!entry && entry.getAttribute("role") === "button" && zoomOpened,
    policy: (document.querySelector("meta[http-equiv='Content-Security-Policy']") || {}).content || "",
    present: {
      script: [...document.scripts].some((script) => script.textContent.includes("nbInjected")),
      handlers: document.querySelectorAll("[onerror], [onmouseover]").length === 2,
      link: document.querySelectorAll("a[href^='javascript:']").length === 1,
    },
  };
})()
"""


def main():
    report = pathlib.Path(sys.argv[1]).resolve()
    browser = Browser()
    problems = []
    try:
        browser.open(report.as_uri(), before=RECORD_VIOLATIONS)
        result = browser.evaluate(PROVOKE)
        time.sleep(0.2)
        browser.evaluate("0")
        problems += [f"network request: {url}" for url in browser.requests_away()]
    finally:
        browser.close()
    if not result["policy"].startswith("default-src 'none'"):
        problems.append(f"no Content-Security-Policy meta, or another one: {result['policy']!r}")
    missing = [name for name, found in result["present"].items() if not found]
    if missing:
        problems.append(f"the report lacks the injected {', '.join(missing)}, so the check proves nothing")
    if result["injected"]:
        problems.append(f"injected script ran: {result['injected']}")
    if len(result["violations"]) < 2:
        problems.append(f"expected the policy to block the injected script and handler, saw {result['violations']}")
    if not result["scriptRan"]:
        problems.append("nb's own script did not run (legend entries not made buttons or the full-size view not opened)")
    print(f"check-report: {report.name}: {len(result['violations'])} policy violations "
          f"({', '.join(sorted(set(result['violations'])))})")
    finish(problems, "injected <script>, on…= handlers and javascript: links did not run; nb's script did")


if __name__ == "__main__":
    main()
