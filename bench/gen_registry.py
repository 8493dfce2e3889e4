#!/usr/bin/env python3
"""Grows the demo's registry to N designations for `bench/run verify`, deterministically.

usage: gen_registry.py DATABASE.sqlite N CODES_OUT

The demo designates seven products; a benchmark over seven codes would measure a cache of
seven rows. This clones one of the demo's designated applications and its designation onto N
other products (each its own application, certificate number and verification code), with
the statuses a real registry holds: mostly in good standing, some under annual review,
suspended, revoked or expired. The verification codes are made here, apart from the Swift
code, by the format's definition (13 random symbols of Crockford's base 32, then the Luhn
mod 32 check symbol), so the server's acceptance of every one checks the format as well.
Writes the codes, one per line in their printed form (grouped by four), to CODES_OUT.
"""
import random
import sqlite3
import sys
import uuid

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def check_value(payload):
    """Luhn mod 32: from the right, every other value doubled (the last first), digits summed."""
    total = 0
    for i, v in enumerate(reversed(payload)):
        addend = 2 * v if i % 2 == 0 else v
        total += addend // 32 + addend % 32
    return (32 - total % 32) % 32


def make_code(rng):
    payload = [rng.randrange(32) for _ in range(13)]
    return "".join(ALPHABET[v] for v in payload + [check_value(payload)])


def grouped(code):
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def new_id(like):
    """A fresh UUID stored the way the template stores its ids (blob or text)."""
    u = uuid.UUID(int=RNG.getrandbits(128), version=4)
    if isinstance(like, bytes):
        return u.bytes
    return str(u).upper() if like.isupper() else str(u)


def main():
    db, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    template_d = dict(con.execute("SELECT * FROM designations WHERE status = 'designated' ORDER BY certificate_number LIMIT 1").fetchone())
    template_a = dict(con.execute("SELECT * FROM designation_applications WHERE id = ?", (template_d["application_id"],)).fetchone())
    taken = {r[0] for r in con.execute("SELECT product_id FROM designations")}
    products = [r for r in con.execute(
        "SELECT p.id AS pid, e.id AS eid, e.region_code AS county, e.city_code AS city FROM products p "
        "JOIN enterprises e ON e.id = p.enterprise_id ORDER BY e.credit_code, p.name") if r["pid"] not in taken][:n]
    if len(products) < n:
        sys.exit(f"only {len(products)} products to designate")
    # Statuses in a plausible mix; an expired one's validity ended before today.
    plan = ["designated"] * 16 + ["under_review", "suspended", "revoked", "expired"]
    year = template_d["year"]
    serial = con.execute("SELECT COUNT(*) FROM designations WHERE year = ?", (year,)).fetchone()[0]
    codes = set(r[0] for r in con.execute("SELECT verification_code FROM designations"))
    a_cols, d_cols = list(template_a), list(template_d)
    with con:
        for i, p in enumerate(products):
            a = dict(template_a, id=new_id(template_a["id"]), product_id=p["pid"], enterprise_id=p["eid"],
                     county_code=p["county"], city_code=p["city"])
            code = make_code(RNG)
            while code in codes:
                code = make_code(RNG)
            codes.add(code)
            serial += 1
            status = plan[i % len(plan)]
            d = dict(template_d, id=new_id(template_d["id"]), application_id=a["id"], product_id=p["pid"], enterprise_id=p["eid"],
                     certificate_number=f"ZJJP-{year}-{serial:04d}", verification_code=code, status=status,
                     status_reason={"revoked": "监督抽查不合格", "suspended": "年度复核材料逾期未提交"}.get(status),
                     valid_until="2020-07-10" if status == "expired" else template_d["valid_until"])
            con.execute(f"INSERT INTO designation_applications ({', '.join(a_cols)}) VALUES ({', '.join('?' * len(a_cols))})",
                        [a[c] for c in a_cols])
            con.execute(f"INSERT INTO designations ({', '.join(d_cols)}) VALUES ({', '.join('?' * len(d_cols))})",
                        [d[c] for c in d_cols])
            print(grouped(code), file=OUT)


RNG = random.Random(2027)
if __name__ == "__main__":
    with open(sys.argv[3], "w") as OUT:
        main()
