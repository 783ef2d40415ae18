#!/usr/bin/python3
"""Reads a CSV file the way a script of the person's would: Python's csv module, UTF-8, newline=''.

Prints the header and the rows as JSON, so that csv_export_test can check what Python made of it.
Fails (exit 1) if the file is not strict RFC 4180 CSV: csv.Error or rows of unequal length.
"""
import csv
import json
import sys

with open(sys.argv[1], newline="", encoding="utf-8") as file:
    rows = list(csv.reader(file, strict=True))
if not rows or any(len(row) != len(rows[0]) for row in rows):
    sys.exit("rows of unequal length")
json.dump({"header": rows[0], "rows": rows[1:]}, sys.stdout)
