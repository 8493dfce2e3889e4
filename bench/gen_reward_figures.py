#!/usr/bin/env python3
"""Writes the rewards benchmark's figures, deterministically.

Usage: gen_reward_figures.py REGIONS_CSV OUT_CSV [ENTERPRISES]

REGIONS_CSV is the product's region list (zj-regions.csv: code, level, mountain26…). Writes
OUT_CSV with the header

    creditCode,regionCode,isMountain,year,rdSpendingFen,mainBusinessRevenueFen

and one row per enterprise and year (2023, 2024, 2025), sorted by credit code then year:
60,000 synthetic enterprises by default. Money is in fen; a figure not filed is an empty cell.

- Main-business revenue is log-normal around ¥80m (median), so a few are in the billions.
- R&D intensity (R&D / revenue) is spread over about 0.5–7 % (mostly 1–6 %), so many
  enterprises are above the 3.15 % threshold of 2025 and many below; it drifts a little from
  year to year, as revenue does.
- About 10 % are in one of the 26 mountain counties (isMountain = 1), the rest in the other
  counties.
- About 0.5 % of the R&D and 0.3 % of the revenue cells are empty (not filed), and a few
  revenues are 0.
- Credit codes are unique 18-character strings ("91" + county code + 10 characters of the
  credit-code alphabet); they are the allocation's tie-break, so they are sorted here. They do
  not carry a valid check character.
"""
import csv
import math
import random
import sys

YEARS = (2023, 2024, 2025)
# The alphabet of unified social credit codes (no I, O, S, V, Z).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def counties(path):
    mountain, other = [], []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["level"] == "county":
                (mountain if row["mountain26"] == "1" else other).append(row["code"])
    return sorted(mountain), sorted(other)


def main():
    regions_csv, out_csv = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 60_000
    rng = random.Random(20250315)
    mountain, other = counties(regions_csv)

    enterprises = {}
    while len(enterprises) < n:
        is_mountain = rng.random() < 0.10
        region = rng.choice(mountain if is_mountain else other)
        code = "91" + region + "".join(rng.choice(ALPHABET) for _ in range(10))
        if code in enterprises:
            continue
        # Revenue: log-normal, median ¥80m = 8e9 fen, sigma 1.0.
        revenue = rng.lognormvariate(math.log(8e9), 1.0)
        # Intensity: a base spread over 0.5–7 % with most of it in 1–6 %.
        intensity = min(max(rng.triangular(0.005, 0.07, 0.03), 0.0), 0.08)
        enterprises[code] = (region, is_mountain, revenue, intensity)

    with open(out_csv, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["creditCode", "regionCode", "isMountain", "year", "rdSpendingFen", "mainBusinessRevenueFen"])
        for code in sorted(enterprises):
            region, is_mountain, revenue, intensity = enterprises[code]
            for year in YEARS:
                # Each year drifts: revenue ±15 %, intensity ±0.4 points.
                rev = int(revenue * rng.uniform(0.85, 1.15))
                share = max(intensity + rng.uniform(-0.004, 0.004), 0.0)
                rd = int(rev * share)
                if rng.random() < 0.002:
                    rev = 0
                rd_text = "" if rng.random() < 0.005 else str(rd)
                rev_text = "" if rng.random() < 0.003 else str(rev)
                w.writerow([code, region, 1 if is_mountain else 0, year, rd_text, rev_text])


if __name__ == "__main__":
    main()
