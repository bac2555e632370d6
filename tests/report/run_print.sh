#!/bin/sh
# The Umeå report printed to A4: headless Chromium prints it to PDF and
# check_print.py measures the PDF with poppler (every word inside its page,
# no page with only a heading, no table clipped, each caption on the page
# of its figure) and prints the page count (docs/report.md). Skipped (exit
# 77) where Chromium or poppler-utils is missing; .ci/run installs both.
#   run_print.sh SAMVERKAN SOURCE_DIR
set -eu
samverkan=$1
src=$2
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "SKIPPED: chromium is not installed (apt-get install -y chromium)"
    exit 77
fi
for tool in pdftotext pdfinfo; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIPPED: $tool is not installed (apt-get install -y poppler-utils)"
        exit 77
    fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
for lang in sv en; do
    "$samverkan" --lang "$lang" report models/umea-2024.yaml \
        --scenario models/scenarios/merged-torg-2025.yaml --runs 20 -o "$work/umea-$lang.html"
    mkdir "$work/profile-$lang"
    "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$work/profile-$lang" \
        --no-pdf-header-footer --print-to-pdf="$work/umea-$lang.pdf" "file://$work/umea-$lang.html" \
        >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log"; exit 1; }
    echo "report --lang $lang:"
    python3 tests/report/check_print.py "$work/umea-$lang.html" "$work/umea-$lang.pdf"
done
