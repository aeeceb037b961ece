#!/usr/bin/python3
"""Checks that report files are well-formed, with parsers nobody here wrote.

Usage: check_markup.py FILE...   (.svg, .html, .md by extension)

SVG: parsed by xml.etree; the root is an SVG element with a viewBox and text labels.
HTML: parsed by html.parser; every element opened is closed in order, nothing runs a script or
fetches anything, and each inline <svg> is itself well-formed XML.
Markdown: no HTML tag passes through but <br> (data is escaped as character references).
Prints one line per problem and exits 1 if there was any.
"""
import html.parser
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def check_svg_text(text, where):
    problems = []
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        return [f"{where}: not well-formed XML: {error}"]
    if root.tag != SVG + "svg":
        problems.append(f"{where}: root element is {root.tag}, not svg")
    if not root.get("viewBox"):
        problems.append(f"{where}: the svg element has no viewBox")
    if not any(t.text and t.text.strip() for t in root.iter(SVG + "text")):
        problems.append(f"{where}: no text labels")
    return problems


class TagBalance(html.parser.HTMLParser):
    def __init__(self, where):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.stack = []
        self.problems = []

    def handle_starttag(self, tag, attrs):
        self.check_attributes(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.check_attributes(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.problems.append(f"{self.where}:{self.getpos()[0]}: </{tag}> closes nothing")
            return
        opened, pos = self.stack.pop()
        if opened != tag:
            self.problems.append(
                f"{self.where}:{self.getpos()[0]}: </{tag}> closes <{opened}> of line {pos[0]}")

    def check_attributes(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "img", "link"):
            self.problems.append(f"{self.where}:{self.getpos()[0]}: <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{self.where}:{self.getpos()[0]}: {name} attribute")
            if name in ("src", "href") and value and not value.startswith("#"):
                self.problems.append(f"{self.where}:{self.getpos()[0]}: external {name}={value}")

    def finish(self):
        self.close()
        for tag, pos in self.stack:
            self.problems.append(f"{self.where}:{pos[0]}: <{tag}> never closed")
        return self.problems


def check_html(text, where):
    problems = []
    if not text.startswith("<!DOCTYPE html>"):
        problems.append(f"{where}: does not start with <!DOCTYPE html>")
    checker = TagBalance(where)
    checker.feed(text)
    problems += checker.finish()
    for n, svg in enumerate(re.findall(r"<svg\b.*?</svg>", text, re.S), 1):
        problems += check_svg_text(svg, f"{where} (inline svg {n})")
    return problems


def check_markdown(text, where):
    problems = []
    for match in re.finditer(r"<(?!br>)[^\s]", text):
        line = text.count("\n", 0, match.start()) + 1
        problems.append(f"{where}:{line}: raw markup {text[match.start():match.start() + 20]!r}")
    return problems


def main(paths):
    problems = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if path.endswith(".svg"):
            problems += check_svg_text(text.encode("utf-8"), path)
        elif path.endswith(".html"):
            problems += check_html(text, path)
        elif path.endswith(".md"):
            problems += check_markdown(text, path)
        else:
            problems.append(f"{path}: unknown kind of file")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
