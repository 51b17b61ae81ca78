# Sourced (not run) by scripts/run.sh, bench/bench_http.sh and tests/browser/run.sh: seeding a
# database from the sample region, and a `shnor serve` on a free port that is always stopped.

# seed_sample SHNOR DB [GLOBAL OPTION...]: a new project from samples/tyumen-2024 with its
# schools and people; the options (e.g. --today D) go before each command.
seed_sample() {
  local shnor=$1 db=$2 sample
  shift 2
  sample=$(cd "$(dirname "${BASH_SOURCE[0]}")/../samples/tyumen-2024" && pwd)
  "$shnor" --db "$db" "$@" init "$sample/campaign.yaml" >/dev/null
  "$shnor" --db "$db" "$@" import schools "$sample/schools.csv" >/dev/null
  "$shnor" --db "$db" "$@" import people "$sample/people.csv" >/dev/null
}

# move_database FROM TO: renames a finished database with its audit log's key and head file (kept
# beside it as DB.audit-key and DB.audit-key.head), replacing TO and its key: without its key a
# database cannot sign its log, so no command that writes would run on it.
move_database() {
  local from=$1 to=$2 file
  rm -f "$to" "$to-wal" "$to-shm" "$to.audit-key" "$to.audit-key.head"
  for file in .audit-key .audit-key.head; do
    [ -f "$from$file" ] && mv "$from$file" "$to$file"
  done
  mv "$from" "$to"
}

# remove_database DB: the database, its WAL and its audit key and head file.
remove_database() {
  rm -f "$1" "$1-wal" "$1-shm" "$1.audit-key" "$1.audit-key.head"
}

# start_server WORK COMMAND...: runs COMMAND (a `shnor ... serve --listen 127.0.0.1:0 ...`, maybe
# behind taskset) in the background with its output in WORK/serve.out and WORK/serve.err, and
# waits for the address the kernel gave it: sets server_pid and server_url. Port 0, so that two
# runs, or a developer's own server on 8080, cannot collide. On failure prints the server's
# output and returns 1.
server_pid=
server_url=
start_server() {
  local work=$1
  shift
  "$@" >"$work/serve.out" 2>"$work/serve.err" &
  server_pid=$!
  server_url=
  for _ in $(seq 1 100); do
    server_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" || true)
    [ -n "$server_url" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not start:" >&2
  cat "$work/serve.out" "$work/serve.err" >&2
  return 1
}

# Lets requests in flight finish (SIGTERM), as a user's Ctrl+C would.
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
