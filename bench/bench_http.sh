#!/usr/bin/env bash
# The HTTP benchmark: wrk (Debian) against `shnor serve` over the national project of 40,000
# schools in 85 municipalities, for
#   GET /api/cases/SCHOOL   one school: the "one-school read"
#   GET /schools/SCHOOL     the school page (the web app's HTML shell)
#   GET /api/cases          the first page of the school list (50 of 40,000, with the total)
#   GET /api/cases/export.csv   the whole list as a streamed CSV (about 4 MB; reported only)
# each with 4 and 64 connections, and prints requests per second, p50/p99 latency and errors
# against the targets: at least 5,000 requests/s for the one-school read, p99 under 50 ms at 64
# connections, and no error responses.
#
#   bash bench/bench_http.sh [BUILD_DIR]        (from anywhere; BUILD_DIR defaults to build)
#
# Settings from the environment: BENCH_HTTP_DURATION (10s), BENCH_HTTP_THREADS (2),
# BENCH_HTTP_TIMEOUT (30s), BENCH_HTTP_SCHOOL (r-0), BENCH_HTTP_FRESH=1 (build the database
# again), BENCH_HTTP_PIN=1 (server on CPU 0, wrk on CPU 1).
#
# Read the figures with the machine in mind: it has 2 cores, and the server (one thread) and wrk
# (BENCH_HTTP_THREADS threads) share them, so wrk's own work is taken out of the server's
# capacity; a server alone on its core with the client elsewhere would do better. The requests
# go over loopback, so there is no network latency in them either. The tails suffer most: with
# two wrk threads on two shared cores, p99 at 64 connections comes out several times the median
# because wrk's threads wait for the CPU, not the server; BENCH_HTTP_THREADS=1 BENCH_HTTP_PIN=1
# (server alone on CPU 0, one wrk thread on CPU 1) gives tails that are the server's own.
#
# The database is kept in BUILD_DIR/bench-http/national.db and reused while it is newer than both
# the shnor binary and bench_http_db (a new schema or new data generator means a new database).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$repo/scripts/serve-support.sh"
build=$(cd "${1:-$repo/build}" && pwd)
duration=${BENCH_HTTP_DURATION:-10s}
threads=${BENCH_HTTP_THREADS:-2}
timeout=${BENCH_HTTP_TIMEOUT:-30s}
school=${BENCH_HTTP_SCHOOL:-r-0}
# The day the server acts on: ten days after bench_http_db's own clock, with stage I open, so the
# one-school read has live deadlines rather than a project long over.
today=2024-02-15
login=bench-http@example.ru
password=bench-http-password

# Ensures wrk is installed, as scripts/install-deps.sh does for the build's packages: only when
# missing, as root or through sudo.
ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  local sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "bench_http: wrk is missing and this is not root (no sudo): apt-get install wrk" >&2
      exit 1
    fi
    sudo_cmd=(sudo)
  fi
  echo "bench_http: installing wrk"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends wrk >/dev/null
}

ensure_wrk

# The CMake layout puts the binary in app/; accept a build dir that has it at the top as well.
shnor=$build/app/shnor
[ -x "$shnor" ] || shnor=$build/shnor
db_tool=$build/bench/bench_http_db
if [ ! -x "$shnor" ] || [ ! -x "$db_tool" ]; then
  echo "bench_http: building shnor and bench_http_db in $build"
  cmake --build "$build" -j"$(nproc)" --target shnor bench_http_db
  shnor=$build/app/shnor
  [ -x "$shnor" ] || shnor=$build/shnor
fi

cli() { "$shnor" --db "$db" --today "$today" "$@"; }

data_dir=$build/bench-http
db=$data_dir/national.db
mkdir -p "$data_dir"
if [ "${BENCH_HTTP_FRESH:-0}" = 1 ] || [ ! -f "$db" ] || [ ! "$db" -nt "$shnor" ] ||
  [ ! "$db" -nt "$db_tool" ]; then
  # Built under another name and renamed only once complete with its account, so an interrupted
  # build is never taken for a usable database on the next run.
  partial=$data_dir/national.partial.db
  echo "== building the database (40,000 schools, 85 municipalities)"
  remove_database "$partial"
  "$db_tool" "$partial"
  SHNOR_PASSWORD=$password "$shnor" --db "$partial" --today "$today" \
    user add "$login" --role administrator --name "Нагрузочный тест" >/dev/null
  # The mail folder of an older server run belongs to the old database.
  rm -rf "$data_dir/national-mail"
  move_database "$partial" "$db"
  # The tools close the database cleanly, so no WAL is left; drop one anyway rather than pair
  # the new database with a stale log.
  rm -f "$partial-wal" "$partial-shm"
else
  echo "== reusing $db (newer than the binaries; BENCH_HTTP_FRESH=1 builds it again)"
fi

# A fresh token per run: tokens are shown once and not stored in the clear.
token=$(cli user token "$login" 2>/dev/null | head -n 1)
[ -n "$token" ] || { echo "bench_http: no API token from shnor user token" >&2; exit 1; }

work=$(mktemp -d /tmp/shnor-bench-http.XXXXXX)
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

server_cpu=()
wrk_cpu=()
if [ "${BENCH_HTTP_PIN:-0}" = 1 ]; then
  server_cpu=(taskset -c 0)
  wrk_cpu=(taskset -c 1)
fi

# `serve` also runs the reminder scheduler on its one thread: on a fresh database it would plan
# and write a day of letters for 40,000 schools in the middle of the first run (and change the
# database for the next ones), so it is turned off.
start_server "$work" "${server_cpu[@]}" "$shnor" --db "$db" --today "$today" serve \
  --no-reminders --listen 127.0.0.1:0 || exit 1
url=$server_url
port=${url##*:}
echo "== server $url (pid $server_pid), database $db"

# The status of one GET, over bash's /dev/tcp so that curl is not needed; only the status line
# is read, so the 40,000-row list is not pulled through the shell.
status_of() {
  local path=$1 line
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n' \
    "$path" "$token" >&3
  IFS= read -r -t 30 line <&3 || line=
  exec 3<&- 3>&-
  line=${line%$'\r'}
  echo "${line#HTTP/1.1 }" | cut -d' ' -f1
}

# Listening is not answering: wait for the first authenticated answer.
for _ in $(seq 1 50); do
  [ "$(status_of "/api/cases/$school" 2>/dev/null || true)" = 200 ] && break
  sleep 0.2
done

# The server answers one request at a time and does not notice that a client has gone: the
# requests wrk left in flight when it stopped are still computed afterwards (for the whole list,
# 64 of them take tens of seconds). Without waiting for them the next run would measure that
# backlog, not its own endpoint; so wait until a one-school read is answered again, and say how
# long it took, since that is how long real users would have waited behind the run.
drain() {
  local start=$SECONDS
  until [ "$(status_of "/api/cases/$school" 2>/dev/null || true)" = 200 ]; do
    if [ $((SECONDS - start)) -gt 600 ]; then
      echo "bench_http: the server did not come back within 600 s after a run" >&2
      exit 1
    fi
    sleep 0.2
  done
  drained=$((SECONDS - start))
  echo "   (server free again after $drained s)"
}

# The whole list goes last, so that its backlog (see drain) cannot spill into the others even if
# draining is cut short.
endpoints=("/api/cases/$school" "/schools/$school" "/api/cases" "/api/cases/export.csv")
declare -A first_status
for path in "${endpoints[@]}"; do
  first_status[$path]=$(status_of "$path" || echo "none")
  echo "   GET $path -> ${first_status[$path]}"
done

results=$work/results.txt
: >"$results"
for path in "${endpoints[@]}"; do
  # 64 exports of 4 MB at once share one thread and do not finish within a run: 4 only.
  counts="4 64"
  [ "$path" = /api/cases/export.csv ] && counts=4
  for connections in $counts; do
    # wrk needs at least one connection per thread.
    t=$((threads < connections ? threads : connections))
    echo "== wrk -t$t -c$connections -d$duration GET $path"
    "${wrk_cpu[@]}" wrk -t"$t" -c"$connections" -d"$duration" --timeout "$timeout" --latency \
      -H "Authorization: Bearer $token" -s "$repo/bench/wrk_report.lua" "$url$path" \
      | tee "$work/wrk.out"
    line=$(grep '^WRK_RESULT ' "$work/wrk.out" || true)
    [ -n "$line" ] || { echo "bench_http: wrk gave no result for $path" >&2; exit 1; }
    drain
    echo "$path $connections ${line#WRK_RESULT } drain_s=$drained" >>"$results"
  done
done

# One row per run and a verdict per target; "busy s" is how long the server went on with the
# run's leftover requests after wrk stopped (see drain). The targets concern the reads a user waits on: the
# one-school read for the rate, the one-school read and the school page for p99 at 64
# connections; the list's page and the whole list are reported for their figures, and errors
# count everywhere.
echo
echo "== results ($(nproc) cores shared by server and wrk; $duration per run, wrk -t$threads)"
awk -v school="$school" '
  function field(name,   i, kv) {
    for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
    return ""
  }
  BEGIN {
    printf "%-24s %5s %10s %9s %9s %7s %8s  %s\n", "endpoint", "conns", "req/s", "p50 ms",
           "p99 ms", "errors", "busy s", "targets"
    rate_ok = 1; p99_ok = 1; errors_ok = 1; answers_ok = 1
  }
  {
    path = $1; conns = $2
    rps = field("rps"); p50 = field("p50_ms"); p99 = field("p99_ms")
    errors = field("status_errors") + field("socket_errors")
    # A run with no completed request has no rate or latency to judge, and is a failure in
    # itself: it means the server did not answer within the run.
    answered = field("requests") > 0
    verdict = answered ? "" : "NO ANSWER in the run; "
    if (!answered) answers_ok = 0
    one_school = (path == "/api/cases/" school)
    page = (path == "/schools/" school)
    if (one_school) {
      ok = answered && rps >= 5000; rate_ok = rate_ok && ok
      verdict = verdict sprintf("rate>=5000 %s; ", ok ? "OK" : "MISSED")
    }
    if ((one_school || page) && conns == 64) {
      ok = answered && p99 < 50; p99_ok = p99_ok && ok
      verdict = verdict sprintf("p99<50 %s; ", ok ? "OK" : "MISSED")
    }
    ok = errors == 0; errors_ok = errors_ok && ok
    verdict = verdict sprintf("errors=0 %s", ok ? "OK" : "MISSED")
    printf "%-24s %5d %10.0f %9.2f %9.2f %7d %8d  %s\n", path, conns, rps, p50, p99, errors,
           field("drain_s"), verdict
  }
  END {
    printf "\none-school read >= 5,000 req/s:               %s\n", rate_ok ? "OK" : "MISSED"
    printf "p99 < 50 ms at 64 connections (school reads): %s\n", p99_ok ? "OK" : "MISSED"
    printf "no error responses:                           %s\n", errors_ok ? "OK" : "MISSED"
    printf "every run answered at least once:             %s\n", answers_ok ? "OK" : "MISSED"
  }' "$results"

for path in "${endpoints[@]}"; do
  if [ "${first_status[$path]}" != 200 ]; then
    echo "note: GET $path answered ${first_status[$path]} before the runs; its figures are of that answer"
  fi
done
if [ -s "$work/serve.err" ]; then
  echo "server errors (first 5 of $(wc -l <"$work/serve.err")):"
  head -n 5 "$work/serve.err"
fi
