#!/usr/bin/env bash
# The mixed-load benchmark: one-school reads (GET /api/cases/SCHOOL) with 64 connections while
# the same `shnor serve` does its long work — a bulk advance of stage I over all 40,000 schools
# of the national project as a job (forced; the schools whose stage I work bench_http_db has
# approved advance with their stage notice and road map, the others are refused by the guards),
# and the day's national reminder pass on its scheduler thread. Printed next to the same reads on the idle
# server with one worker (`--threads 1`, the server as it was: one thread answering) and with
# the default workers, all measured in this run:
#   - p99 of the reads during the long work < 50 ms, and no error response;
#   - idle one-school reads with the default workers >= 1.6 x those with one worker.
#
#   bash bench/bench_mixed.sh [BUILD_DIR]
#
# BENCH_MIXED_DURATION (30s) is each wrk run. The database is bench_http's
# (BUILD_DIR/bench-http/national.db, built by bench/bench_http_db when missing); the busy run
# works on a copy, so the original stays at stage I.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$repo/scripts/serve-support.sh"
build=$(cd "${1:-$repo/build}" && pwd)
duration=${BENCH_MIXED_DURATION:-30s}
school=r-0
today=2024-02-15
login=bench-http@example.ru
password=bench-http-password
command -v wrk >/dev/null 2>&1 || { echo "bench_mixed: wrk is missing (apt-get install wrk)" >&2; exit 1; }

shnor=$build/app/shnor
db_tool=$build/bench/bench_http_db
[ -x "$shnor" ] && [ -x "$db_tool" ] || cmake --build "$build" --target shnor bench_http_db

data_dir=$build/bench-http
db=$data_dir/national.db
mkdir -p "$data_dir"
if [ ! -f "$db" ] || [ ! "$db" -nt "$shnor" ] || [ ! "$db" -nt "$db_tool" ]; then
  echo "== building the database (40,000 schools, 85 municipalities)"
  partial=$data_dir/national.partial.db
  "$db_tool" "$partial"
  SHNOR_PASSWORD=$password "$shnor" --db "$partial" --today "$today" \
    user add "$login" --role administrator --name "Нагрузочный тест" >/dev/null
  rm -rf "$db" "$db-wal" "$db-shm" "$data_dir/national-mail"
  mv "$partial" "$db"
fi

work=$(mktemp -d /tmp/shnor-bench-mixed.XXXXXX)
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

cp "$db" "$work/busy.db"
token=$("$shnor" --db "$db" --today "$today" user token "$login" | head -n 1)
busy_token=$("$shnor" --db "$work/busy.db" --today "$today" user token "$login" | head -n 1)

# wrk_reads NAME URL TOKEN: 64 connections on the one-school read; appends "NAME rps p99 errors".
wrk_reads() {
  local name=$1 url=$2 tok=$3 line
  wrk -t2 -c64 -d"$duration" --timeout 30s --latency -H "Authorization: Bearer $tok" \
    -s "$repo/bench/wrk_report.lua" "$url/api/cases/$school" >"$work/wrk.out"
  line=$(grep '^WRK_RESULT ' "$work/wrk.out")
  echo "$name ${line#WRK_RESULT }" >>"$work/results.txt"
  echo "   $name: ${line#WRK_RESULT }"
}

# post PATH JSON: the body of the answer, over bash's /dev/tcp (curl is not a dependency).
post() {
  local path=$1 body=$2 port=${server_url##*:} bytes
  bytes=$(printf %s "$body" | wc -c)  # ${#body} counts characters, and the reason is Cyrillic
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$path" "$busy_token" "$bytes" "$body" >&3
  cat <&3 | sed -n '/^\r$/,$p' | tail -n +2
  exec 3<&- 3>&-
}
get() {
  local path=$1 port=${server_url##*:}
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n' \
    "$path" "$busy_token" >&3
  cat <&3 | sed -n '/^\r$/,$p' | tail -n +2
  exec 3<&- 3>&-
}

: >"$work/results.txt"
for threads in 1 default; do
  option=()
  [ "$threads" = 1 ] && option=(--threads 1)
  echo "== idle server, workers: $threads"
  start_server "$work" "$shnor" --db "$db" --today "$today" serve --no-reminders \
    --listen 127.0.0.1:0 "${option[@]}"
  wrk_reads "idle-$threads" "$server_url" "$token"
  stop_server
done

echo "== busy server: bulk advance of 40,000 schools with documents + the national reminder pass"
start_server "$work" "$shnor" --db "$work/busy.db" --today "$today" serve --hour 0 \
  --mail-dir "$work/mail" --listen 127.0.0.1:0
job=$(post /api/stages/I/advance '{"force": true, "reason": "Нагрузочный тест"}')
job_id=$(echo "$job" | grep -o '"id":"[0-9a-f]*"' | head -n 1 | cut -d'"' -f4)
[ -n "$job_id" ] || { echo "bench_mixed: no job: $job" >&2; exit 1; }
wrk_reads busy "$server_url" "$busy_token"
progress=$(get "/api/jobs/$job_id" | grep -o '"state":"[a-z]*","done":[0-9]*,"total":[0-9]*')
letters=$(find "$work/mail" -name '*.eml' 2>/dev/null | wc -l)
echo "   job during the run: $progress; reminder letters written: $letters"
# The job would run on for minutes, and a stop waits for it: this copy is thrown away anyway.
kill -KILL "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=

echo
echo "== results (2 cores shared by the server, its jobs and wrk; $duration per run)"
awk -v progress="$progress" -v letters="$letters" '
  function field(name,   i, kv) {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
    return ""
  }
  { rps[$1] = field("rps"); p99[$1] = field("p99_ms")
    errors[$1] = field("status_errors") + field("socket_errors") }
  END {
    printf "%-28s %10s %9s %7s\n", "one-school reads, 64 conns", "req/s", "p99 ms", "errors"
    split("idle-1 idle-default busy", names, " ")
    for (i = 1; i <= 3; i++) printf "%-28s %10.0f %9.2f %7d\n", names[i], rps[names[i]], p99[names[i]], errors[names[i]]
    ratio = rps["idle-1"] > 0 ? rps["idle-default"] / rps["idle-1"] : 0
    printf "\nworkers / one worker (idle): %.2fx  (target >= 1.6x): %s\n", ratio, (ratio >= 1.6 ? "OK" : "MISSED")
    printf "p99 during the long work: %.2f ms (target < 50 ms): %s\n", p99["busy"], (p99["busy"] < 50 ? "OK" : "MISSED")
    total = errors["idle-1"] + errors["idle-default"] + errors["busy"]
    printf "error responses: %d (target 0): %s\n", total, (total == 0 ? "OK" : "MISSED")
    printf "long work while measured: bulk advance %s; reminder letters %d\n", progress, letters
  }' "$work/results.txt"
if [ -s "$work/serve.err" ]; then
  echo "server errors (first 5):"
  head -n 5 "$work/serve.err"
fi
