#!/usr/bin/env bash
# Installs the Debian 12 packages shnor builds and tests with, only those missing.
# Runs as root, or through sudo when it is available.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libboost-dev libsqlitecpp-dev libsqlite3-dev libyaml-cpp-dev nlohmann-json3-dev
  libcli11-dev catch2 libzip-dev libpugixml-dev libxlsxwriter-dev libhpdf-dev
  libmstch-dev libcurl4-openssl-dev libqrencode-dev libsodium-dev fonts-liberation
  sqlite3
  # document tests: pdftotext, pdffonts, pdfinfo, pdftoppm; qpdf --check
  poppler-utils qpdf
  # test tools: python3's email module decodes the letters the mail tests send
  python3
  # browser test (tests/browser): the headless Chromium that playwright-core drives
  chromium
  # crash tests: kill -9 at the N-th chosen system call (strace's fault injection)
  strace
  # documents: Russian hyphenation (libhyphen with hyphen-ru's patterns) and the PDF's
  # ToUnicode repair (libqpdf)
  libhyphen-dev hyphen-ru libqpdf-dev
  # DOCX checks: independent readers of our DOCX (python-docx, LibreOffice) and the docxtpl peer
  # of the DOCX benchmark
  python3-docx python3-docxtpl libreoffice-writer-nogui
  # XLSX checks: LibreOffice Calc converts our XLSX for the layout tests
  libreoffice-calc-nogui
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
# The browser test runs on Node. A node from elsewhere is kept (nodesource's nodejs bundles npm,
# which Debian's npm package conflicts with), so these go by the commands, not by the packages.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "install-deps: missing packages ${missing[*]} and not root (no sudo)" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
