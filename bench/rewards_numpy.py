#!/usr/bin/env python3
"""The rewards benchmark's reference: the province scheme in plain numpy.

Usage: rewards_numpy.py FIGURES_CSV BUDGET_FEN OUT_CSV [REPEAT]

Reads the figures written by gen_reward_figures.py (rows of 2025 only), computes
`rd_intensity_excess` with the values `rewards.rd.province.yaml` has for 2025, and allocates
BUDGET_FEN pro rata. Only compute + allocate is timed (best of REPEAT, default 5, with
time.perf_counter); reading the file is not. Writes `creditCode,eligibleFen,authorisedFen`
for every enterprise with an eligible amount, by credit code, and prints
`compute best of N: S s` as its last line.

Everything is exact, in int64 arrays, with no floating point:

- excess = R&D - 3.15 % x revenue, kept over 10^4: rd x 10^4 - revenue x 315 (> 0 to count);
- the marginal table: 10 % of the excess up to 500,000,000 fen, 5 % above, over 10^8;
- the mountain uplift x (10^4 + 2000) / 10^4 would take that numerator past 2^63, so the
  quotient and remainder over 10^8 are split and recombined (see `uplift_half_up`);
- half-up rounding once, then the cap of 200,000,000 fen;
- pro rata: share = eligible x B / T rounded down, where eligible x B can pass 2^63 too, so B
  is split in 16-bit halves (see `mul_div`); the leftover fen go one each to the largest
  remainders, ties by credit code ascending — the rows are sorted by credit code, so a
  stable sort of the remainders breaks ties by position, which is the credit-code order.
"""
import csv
import sys
import time

import numpy as np

YEAR = 2025
# rewards.rd.province for 2025 (values as of 2025-12-31).
THRESHOLD_BP = 315
BRACKETS = [(0, 1000), (500_000_000, 500)]  # marginal: (threshold fen, rate bp)
UPLIFT_BP = 2000
CAP_FEN = 200_000_000
INT64_MAX = 2**63 - 1


def load(path):
    codes, mountain, rd, rev, has_rd, has_rev = [], [], [], [], [], []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if int(row["year"]) != YEAR:
                continue
            codes.append(row["creditCode"])
            mountain.append(row["isMountain"] == "1")
            r, v = row["rdSpendingFen"], row["mainBusinessRevenueFen"]
            has_rd.append(r != "")
            has_rev.append(v != "")
            rd.append(int(r) if r else 0)
            rev.append(int(v) if v else 0)
    # The tie-break by position below relies on this order.
    if any(a >= b for a, b in zip(codes, codes[1:])):
        sys.exit("figures are not sorted by unique credit code")
    return (np.array(codes), np.array(mountain, dtype=bool), np.array(rd, dtype=np.int64),
            np.array(rev, dtype=np.int64), np.array(has_rd, dtype=bool), np.array(has_rev, dtype=bool))


def uplift_half_up(n, d, u):
    """round_half_up(n x u / (d x 10^4)) for int64 arrays n >= 0, u, and int d, without
    forming n x u: with n = q d + r and q u = a1 10^4 + a0,
    n u / (d 10^4) = a1 + (a0 d + r u) / (d 10^4)."""
    q, r = np.divmod(n, d)
    a1, a0 = np.divmod(q * u, 10_000)
    dd = d * 10_000
    assert int(u.max(initial=0)) * d < INT64_MAX // 2  # a0 d + r u and its double fit
    t1, t0 = np.divmod(a0 * d + r * u, dd)
    return a1 + t1 + (2 * t0 >= dd)


def rewards(mountain, rd, rev, has_rd, has_rev):
    """Eligible fen of every enterprise (0 when not eligible)."""
    valid = has_rd & has_rev & (rev > 0)
    excess = rd * 10_000 - rev * THRESHOLD_BP          # fen, over 10^4
    excess = np.where(valid & (excess > 0), excess, 0)
    d = 10_000
    assert int(excess.max(initial=0)) * max(v for _, v in BRACKETS) < INT64_MAX
    n = np.zeros_like(excess)
    for i, (threshold, rate) in enumerate(BRACKETS):
        lower = threshold * d
        part = excess - lower
        if i + 1 < len(BRACKETS):
            part = np.minimum(part, BRACKETS[i + 1][0] * d - lower)
        n += np.maximum(part, 0) * rate
    d *= 10_000                                          # the rate's basis points
    u = np.where(mountain, 10_000 + UPLIFT_BP, 10_000)
    rounded = uplift_half_up(n, d, u)
    return np.minimum(rounded, CAP_FEN)


def mul_div(e, b, t):
    """(e x b) // t and (e x b) % t for an int64 array e >= 0 and ints b, t > 0, with b split
    in 16-bit halves so that no product passes 2^63."""
    k = 1 << 16
    b1, b0 = divmod(b, k)
    assert int(e.max(initial=0)) * max(b1, b0, 1) < INT64_MAX and t * k < INT64_MAX // 2
    q1, r1 = np.divmod(e * b1, t)
    q2, r2 = np.divmod(r1 * k + e * b0, t)
    return q1 * k + q2, r2


def pro_rata(eligible, budget):
    """Authorised fen for each eligible amount, in the same order."""
    total = int(eligible.sum())
    allocatable = min(budget, total)
    if allocatable == total:
        return eligible.copy()
    share, rem = mul_div(eligible, allocatable, total)
    leftover = allocatable - int(share.sum())
    if leftover > 0:
        candidates = np.flatnonzero(rem > 0)
        order = candidates[np.argsort(-rem[candidates], kind="stable")]
        share[order[:leftover]] += 1
    return share


def compute(data, budget):
    _, mountain, rd, rev, has_rd, has_rev = data
    eligible = rewards(mountain, rd, rev, has_rd, has_rev)
    picked = np.flatnonzero(eligible > 0)
    e = eligible[picked]
    return picked, e, pro_rata(e, budget)


def main():
    path, budget, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    data = load(path)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        picked, eligible, authorised = compute(data, budget)
        best = min(best, time.perf_counter() - start)
    codes = data[0][picked]
    with open(out, "w", encoding="utf-8") as f:
        f.write("creditCode,eligibleFen,authorisedFen\n")
        f.writelines(f"{c},{e},{a}\n" for c, e, a in zip(codes.tolist(), eligible.tolist(), authorised.tolist()))
    print(f"numpy {np.__version__}: {len(picked)} eligible, eligible total {int(eligible.sum())} fen, "
          f"authorised total {int(authorised.sum())} fen")
    print(f"compute best of {repeat}: {best:.6f} s")


if __name__ == "__main__":
    main()
