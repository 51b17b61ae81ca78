#!/usr/bin/env bash
# Builds shnor and runs the main job: the web app (`shnor serve`) on the embedded SQLite database,
# seeded on the first run from the sample region with one account per role.
#
#   bash scripts/run.sh                 then open http://127.0.0.1:8080 (Ctrl+C stops it)
#
# Settings from the environment:
#   SHNOR_LISTEN  address and port (127.0.0.1:8080)
#   SHNOR_TODAY   the day the server acts on (2024-02-15, in stage I of the 2024 sample project;
#                 "real" for the machine's clock, which puts the sample's whole year in the past)
#   SHNOR_FRESH=1 start again from the sample (the old data folder is removed)
# The database, documents, reminder letters (.eml) and the accounts file live in shnor-data/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/serve-support.sh
bash scripts/install-deps.sh

# Its own build folder: the test build keeps its tests, benchmarks and debug information.
cmake -S . -B build-run -DCMAKE_BUILD_TYPE=Release -DSHNOR_TESTS=OFF -DSHNOR_BENCH=OFF >/dev/null
cmake --build build-run --target shnor -j "$(nproc)"
shnor=$PWD/build-run/app/shnor

data=$PWD/shnor-data
db=$data/shnor.db
accounts=$data/accounts.txt
today=${SHNOR_TODAY:-2024-02-15}
clock=(--today "$today")
[ "$today" = real ] && clock=()

[ "${SHNOR_FRESH:-0}" = 1 ] && rm -rf "$data"

# One login per role, each tied to a person of the sample so that it sees what that person may.
seed_accounts() {
  local password
  password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | cut -c1-12)
  local rows=(
    "admin@example.ru|administrator||Администратор"
    "a.berestova@example.ru|curator|a.berestova@example.ru|"
    "a.klyukvin@example.ru|coordinator|a.klyukvin@example.ru|"
    "v.moroshkina@example.ru|school|v.moroshkina@example.ru|"
    "observer@example.ru|observer||Наблюдатель (департамент)"
  )
  {
    echo "Учётные записи (пароль у всех один): $password"
    for row in "${rows[@]}"; do
      IFS='|' read -r login role person name <<<"$row"
      local args=(user add "$login" --role "$role")
      [ -n "$person" ] && args+=(--person "$person")
      [ -n "$name" ] && args+=(--name "$name")
      SHNOR_PASSWORD=$password "$shnor" --db "$partial" "${args[@]}" >/dev/null
      printf '  %-26s %s\n' "$login" "$role"
    done
  } >"$partial_accounts"
}

if [ ! -f "$db" ]; then
  echo "== seeding $db from samples/tyumen-2024"
  mkdir -p "$data"
  chmod 700 "$data"
  # Built under other names and renamed at the end, so an interrupted seeding is never taken
  # for a usable database on the next run.
  partial=$data/seeding.db
  partial_accounts=$data/accounts.partial
  remove_database "$partial"
  seed_sample "$shnor" "$partial" "${clock[@]}"
  seed_accounts
  mv "$partial_accounts" "$accounts"
  move_database "$partial" "$db"
fi

cat "$accounts"
echo "(список хранится в $accounts)"
exec "$shnor" --db "$db" "${clock[@]}" --docs "$data/documents" serve \
  --listen "${SHNOR_LISTEN:-127.0.0.1:8080}" --mail-dir "$data/mail"
