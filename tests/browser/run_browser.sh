#!/bin/sh
# The HTML report as an auditor sees it: builds the Umeå report with the
# merged-torg scenario and the report of tests/data/hostile/report-names.yaml,
# and opens both in headless Chromium (check_report.py). Without Chromium
# the test is skipped (exit 77); .ci/run installs it, so CI always runs it.
#   run_browser.sh SAMVERKAN SOURCE_DIR
set -eu
samverkan=$1
src=$2
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "SKIPPED: chromium is not installed (apt-get install -y chromium)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
"$samverkan" --lang en report models/umea-2024.yaml --scenario models/scenarios/merged-torg-2025.yaml \
    --runs 20 -o "$work/umea.html"
python3 tests/browser/check_report.py "$chromium" "$work/umea.html" "$work/umea.png"
"$samverkan" --lang sv report models/umea-2024.yaml -o "$work/umea-sv.html"
python3 tests/browser/check_report.py "$chromium" "$work/umea-sv.html" "$work/umea-sv.png"
# A model full of markup must load (exit 0 or 1: it has findings) and render inert.
set +e
"$samverkan" --lang en report tests/data/hostile/report-names.yaml -o "$work/hostile.html"
status=$?
set -e
if [ "$status" -gt 1 ]; then
    echo "report of the hostile model failed with exit $status"
    exit 1
fi
python3 tests/browser/check_report.py "$chromium" "$work/hostile.html" "$work/hostile.png" --hostile \
    "<script>alert('avtal')</script>" "<img src=x onerror=alert('kommun')>" "javascript:alert('af')" \
    "\"><svg onload=alert('ordf')>" "</style><script>alert('torg')</script>" "<style>*{display:none}</style>"
