#!/usr/bin/env python3
"""Writes the small CSV tables the Datasets tests read, with Python's own csv module as the writer.

Run from the project root: python3 Benchmarks/make_csv_fixtures.py
The files go to Tests/Fixtures/data/csv/ and are committed. All three hold the same table; they
differ in what the tests check: quoting (fields holding commas, quotes and line ends), CRLF line
ends (csv.writer's default), and a UTF-8 byte-order mark (Excel's 'utf-8-sig').
"""
import csv
import os

out = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "data", "csv")
os.makedirs(out, exist_ok=True)

header = ["x", "y, z", "name"]
rows = [
    ["1.5", "2", "plain"],
    ["3", "-4e1", "with, comma"],
    ["5", "6", 'say "hi"'],
    ["7", "8", "two\nlines"],
    ["-0.25", "1e-3", "plain"],
]


def write(name, encoding="utf-8", **options):
    with open(os.path.join(out, name), "w", newline="", encoding=encoding) as f:
        writer = csv.writer(f, **options)
        writer.writerow(header)
        writer.writerows(rows)


write("quoted.csv", lineterminator="\n", quoting=csv.QUOTE_ALL)
write("crlf.csv")
write("bom.csv", encoding="utf-8-sig", lineterminator="\n")
