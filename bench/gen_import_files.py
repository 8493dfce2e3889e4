#!/usr/bin/env python3
"""Writes the import benchmark's input files, deterministically.

Usage: gen_import_files.py CODES_FILE INDICATORS_CSV YEAR OUT_DIR

CODES_FILE holds one line per enterprise already in the database, `creditCode|id`, in the
order the files list them; INDICATORS_CSV is the product's catalogue. Writes
- OUT_DIR/wide.csv: one row per enterprise, one column per indicator of the year;
- OUT_DIR/long.csv: creditCode,year,indicator,value — the same values, one per row;
- OUT_DIR/stored.csv: the rows `filing_values` must hold afterwards, in the same order
  (enterprise id, year, indicator, value in its stored unit, source), for the reference
  loader. The stored units are converted here, independently of the product's code: fen for
  money, basis points for rates (percent x 100), thousandths for quantities, the option's
  position for enums.
Every value is valid for its indicator, so the benchmark times the full path: parse,
validate, convert, write.
"""
import csv
import random
import sys


def indicators_for(path, year):
    out = []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            to_year = int(row["to_year"]) if row["to_year"] else 9999
            if int(row["from_year"]) <= year <= to_year:
                out.append(row)
    return out


def value(rng, ind):
    kind = ind["type"]
    if kind == "money":
        return f"{rng.randint(0, 10**9)}.{rng.randint(0, 99):02d}"
    if kind == "rate":
        return f"{rng.randint(0, 99)}.{rng.randint(0, 99):02d}"
    if kind == "quantity":
        return f"{rng.randint(0, 10**7)}.{rng.randint(0, 999):03d}"
    if kind == "integer":
        hi = int(ind["max"]) if ind["max"] else 10**6
        return str(rng.randint(0, min(hi, 10**6)))
    if kind == "boolean":
        return rng.choice(["1", "0"])
    return rng.choice(ind["unit_or_options"].split("|"))


def stored(ind, text):
    """The integer `filing_values.value` holds for a valid input text."""
    kind = ind["type"]
    if kind in ("money", "rate", "quantity"):
        whole, frac = text.split(".")
        places = 3 if kind == "quantity" else 2
        return int(whole) * 10**places + int(frac.ljust(places, "0"))
    if kind == "enum":
        return ind["unit_or_options"].split("|").index(text)
    return int(text)


def main():
    codes_file, indicators_csv, year, out_dir = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    pairs = [line.strip().split("|") for line in open(codes_file, encoding="utf-8") if line.strip()]
    inds = indicators_for(indicators_csv, year)
    rng = random.Random(20251129)
    with open(f"{out_dir}/wide.csv", "w", encoding="utf-8", newline="") as wide, \
         open(f"{out_dir}/long.csv", "w", encoding="utf-8", newline="") as long, \
         open(f"{out_dir}/stored.csv", "w", encoding="utf-8", newline="") as ref:
        w, l = csv.writer(wide, lineterminator="\n"), csv.writer(long, lineterminator="\n")
        r = csv.writer(ref, lineterminator="\n")
        w.writerow(["creditCode", "year"] + [i["code"] for i in inds])
        l.writerow(["creditCode", "year", "indicator", "value"])
        for code, enterprise_id in pairs:
            values = [value(rng, i) for i in inds]
            w.writerow([code, year] + values)
            for i, v in zip(inds, values):
                l.writerow([code, year, i["code"], v])
                r.writerow([enterprise_id, year, i["code"], stored(i, v), "import"])
    print(f"{len(pairs)} enterprises x {len(inds)} indicators = {len(pairs) * len(inds)} values")


if __name__ == "__main__":
    main()
