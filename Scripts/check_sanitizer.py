"""Parses each sanitizer output in a folder with html5lib, as a browser would, and fails if any holds
an element or attribute outside the allowlist or a URL attribute whose scheme is not allowed.

The lists are written here apart from Sources/Report/Markdown/HTMLAllowlist.swift on purpose:
this is the oracle the Swift code is checked against.

Usage: python3 Scripts/check_sanitizer.py DIR   (see Scripts/check-sanitizer)
"""

import pathlib
import re
import sys

import html5lib

ELEMENTS = set("""h1 h2 h3 h4 h5 h6 br b i strong em a pre code img tt div ins del sup sub p ol ul table thead
tbody tfoot blockquote dl dt dd kbd q samp var hr ruby rt rp li tr td th s strike summary details caption figure
figcaption abbr bdo cite dfn mark small span time wbr""".split())
ATTRIBUTES = set("""abbr align alt aria-describedby aria-hidden aria-label aria-labelledby axis border cellpadding
cellspacing char charoff clear colspan color compact datetime dir headers height hreflang hspace lang noshade nowrap
open reversed rowspan rules scope shape size span start summary title type valign value vspace width""".split())
URLS = {"a": {"href"}, "img": {"src", "longdesc"}, "blockquote": {"cite"}, "del": {"cite"}, "ins": {"cite"},
        "q": {"cite"}}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_problem(value, image):
    # As the URL parser reads it: tabs and newlines removed, C0 controls and spaces trimmed.
    url = re.sub(r"[\t\n\r]", "", value).lstrip("".join(chr(c) for c in range(0x21)))
    match = SCHEME.match(url)
    if not match:
        return None
    scheme = match.group(1).lower()
    if scheme in ("http", "https", "mailto"):
        return None
    if image and scheme == "data" and re.match(r"data:image/(png|gif|jpeg|webp)", url, re.I):
        return None
    return f"URL with scheme {scheme!r}: {value!r}"


def problems(html):
    found = []
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    for element in fragment.iter():
        if not isinstance(element.tag, str) or element.tag == "DOCUMENT_FRAGMENT":
            continue
        tag = element.tag.split("}")[-1]
        if tag not in ELEMENTS:
            found.append(f"element <{tag}>")
            continue
        for name, value in element.attrib.items():
            name = name.split("}")[-1] if isinstance(name, str) else name[1]
            if name in URLS.get(tag, ()):
                problem = url_problem(value, image=tag == "img" and name == "src")
                if problem:
                    found.append(problem)
            elif name not in ATTRIBUTES:
                found.append(f"attribute {name!r} on <{tag}>")
    return found


def main():
    files = sorted(pathlib.Path(sys.argv[1]).glob("*.html"))
    failures = 0
    for path in files:
        html = path.read_text(encoding="utf-8", errors="replace")
        for problem in problems(html):
            failures += 1
            print(f"check-sanitizer: {path.name}: {problem}: {html[:200]!r}", file=sys.stderr)
    if not files:
        print("check-sanitizer: no outputs to check", file=sys.stderr)
        sys.exit(1)
    if failures:
        sys.exit(1)
    print(f"check-sanitizer: {len(files)} sanitizer outputs re-parsed with html5lib: "
          "only allowed tags, attributes and URL schemes")


if __name__ == "__main__":
    main()
