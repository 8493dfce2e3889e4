# Shared by scripts/test and bench/run: find Debian's PostgreSQL server binaries and start a
# throwaway server (initdb into a temporary folder, a free local port, stopped on exit).
# Source it, then call `start_throwaway_pg [extra server options]`; it sets PG_URL.

# The folder holding initdb and pg_ctl, newest version first.
find_pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

start_throwaway_pg() {
  PGBIN=$(find_pg_bin)
  PGTMP=$(mktemp -d /tmp/jingpin-pg.XXXXXX)
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  # initdb refuses to run as root: then the server runs as the postgres user in a folder it owns.
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PGTMP" postgres
    chown postgres "$PGTMP"
    AS_PG=(runuser -u postgres --)
    CD_PG="$PGTMP"
  else
    AS_PG=()
    CD_PG="$PWD"
  fi
  trap stop_throwaway_pg EXIT
  # The test suites run in parallel, each with its own database and connection pool (up to 4
  # connections per event loop): 1,000 connections leave room as the suite grows.
  echo "==> Starting a throwaway PostgreSQL on port $port"
  pg "$PGBIN/initdb" -D "$PGTMP/data" -U jingpin --auth=trust --encoding=UTF8 --locale=C >/dev/null
  pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w \
    -o "-p $port -k $PGTMP -c listen_addresses=127.0.0.1 -c max_connections=1000 $*" start >/dev/null
  PG_URL="postgres://jingpin@127.0.0.1:$port/postgres?sslmode=disable"
}

# The server user may not enter the checkout, so its commands run from its own folder.
pg() { (cd "$CD_PG" && "${AS_PG[@]}" "$@"); }

stop_throwaway_pg() {
  pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
