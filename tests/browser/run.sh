#!/usr/bin/env bash
# The browser test: headless Chromium (Debian's) driven by playwright-core through the web UI of
# a `shnor serve` on a fresh copy of the sample region.
#
#   bash tests/browser/run.sh [BUILD_DIR]        (BUILD_DIR defaults to build)
#
# playwright-core is installed by `npm ci` into BUILD_DIR/browser-test, so the source tree stays
# clean; the screenshots and the downloaded notice go to BUILD_DIR/browser-test/output.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
shnor=$build/app/shnor
chromium=${CHROMIUM:-/usr/bin/chromium}

source "$repo/scripts/serve-support.sh"

fail() { echo "browser test: $*" >&2; exit 1; }
[ -x "$shnor" ] || fail "no shnor binary at $shnor: build it first"
command -v node >/dev/null 2>&1 || fail "node is missing: bash scripts/install-deps.sh"
command -v npm >/dev/null 2>&1 || fail "npm is missing: bash scripts/install-deps.sh"
[ -x "$chromium" ] || fail "no Chromium at $chromium: bash scripts/install-deps.sh (or set CHROMIUM)"

# npm ci wipes node_modules, so it runs only when the lock differs from the one last installed.
runner=$build/browser-test
mkdir -p "$runner"
if ! cmp -s "$here/package-lock.json" "$runner/node_modules/.shnor-installed-lock"; then
  echo "== npm ci in $runner"
  cp "$here/package.json" "$here/package-lock.json" "$runner/"
  (cd "$runner" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$runner/node_modules/.shnor-installed-lock"
fi
# Next to its node_modules, where Node's module resolution finds playwright-core.
cp "$here/school_flow.mjs" "$runner/"
output=$runner/output
rm -rf "$output"
mkdir -p "$output"

work=$(mktemp -d /tmp/shnor-browser-test.XXXXXX)
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

today=2024-02-10
db=$work/shnor.db
password=browser-test-$$-$RANDOM
cli() { "$shnor" --db "$db" --today "$today" "$@" >/dev/null; }
seed_sample "$shnor" "$db" --today "$today"
# Each account signs in with its person's address (samples/tyumen-2024/people.csv): В.Б. Морошкина
# answers for tmn-001 (г. Тюмень), Д.П. Брусникина coordinates г. Тюмень, А.С. Берестова curates
# it; А.Ю. Клюквин coordinates Вагайский район only. The observer is nobody's person.
add_user() { SHNOR_PASSWORD=$password cli user add "$2" --role "$1" --person "$2"; }
add_user school v.moroshkina@example.ru
add_user coordinator d.brusnikina@example.ru
add_user curator a.berestova@example.ru
add_user coordinator a.klyukvin@example.ru
SHNOR_PASSWORD=$password cli user add observer@example.ru --role observer

# The reminders of the day before (10.02.2024 is a Saturday), so the outbox page lists letters.
"$shnor" --db "$db" --today 2024-02-09 remind --mail-dir "$work/mail" >/dev/null

start_server "$work" "$shnor" --db "$db" --today "$today" serve --listen 127.0.0.1:0 \
  --no-reminders --mail-dir "$work/mail" || fail "the server did not start"
url=$server_url
echo "== server $url"

status=0
SHNOR_URL=$url SHNOR_PASSWORD=$password SHNOR_OUTPUT=$output CHROMIUM=$chromium \
  node "$runner/school_flow.mjs" || status=$?
if [ "$status" -ne 0 ]; then
  echo "== server log" >&2
  cat "$work/serve.err" >&2
fi
echo "== screenshots and the notice in $output"
exit "$status"
