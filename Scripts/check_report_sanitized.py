"""Opens the report whose prose holds issue 25's sanitizer bypasses in headless Chromium and checks
that the sanitizer alone stopped them: the page does not navigate away, requests nothing but file:
and data: URLs, and its DOM holds none of the elements or attributes the payloads tried to plant.

The report is written by ReportTests.theReportOfSanitizedProseIsWrittenForTheBrowserCheck; unlike
check_report_csp.py's fixture, nothing is put back, so this checks the sanitizer, not the policy.

Usage: python3 Scripts/check_report_sanitized.py REPORT.html   (see Scripts/check-report)
"""

import os
import pathlib
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_report import Browser, finish  # noqa: E402  (the DevTools client, shared)

INSPECT = r"""
(() => {
  const prose = [...document.querySelectorAll("div.prose")];
  const all = (selector) => prose.flatMap((block) => [...block.querySelectorAll(selector)]);
  const planted = "noscript, meta, base, link, style, form, iframe, object, embed, svg, math, script";
  const handlers = all("*").filter((element) =>
    [...element.attributes].some((attribute) => attribute.name.startsWith("on") || attribute.name === "style"));
  return {
    url: location.href,
    planted: all(planted).map((element) => element.outerHTML.slice(0, 80)),
    handlers: handlers.map((element) => element.outerHTML.slice(0, 80)),
    scriptLinks: all("a[href]").filter((a) => /^\s*javascript:/i.test(a.href)).length,
    injected: window.nbInjected || null,
    shownAsText: prose.some((block) => block.textContent.includes("<noscript>")),
  };
})()
"""


def main():
    report = pathlib.Path(sys.argv[1]).resolve()
    browser = Browser()
    problems = []
    try:
        browser.open(report.as_uri())
        # A meta refresh of 0 s would have left the page by now.
        time.sleep(1.5)
        result = browser.evaluate(INSPECT)
        problems += [f"network request: {url}" for url in browser.requests_away()]
    finally:
        browser.close()
    if result["url"] != report.as_uri():
        problems.append(f"the page navigated to {result['url']}")
    if result["planted"]:
        problems.append(f"planted elements in the prose: {result['planted']}")
    if result["handlers"]:
        problems.append(f"event-handler or style attributes in the prose: {result['handlers']}")
    if result["scriptLinks"]:
        problems.append(f"{result['scriptLinks']} javascript: links in the prose")
    if result["injected"] is not None:
        problems.append("injected script ran")
    if not result["shownAsText"]:
        problems.append("the payload is not shown as text, so the check proves nothing")
    finish(problems, f"{report.name}: the sanitizer kept every bypass out of the DOM; no navigation, no request")


if __name__ == "__main__":
    main()
