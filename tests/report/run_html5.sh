#!/bin/sh
# The HTML report is one valid HTML5 document: the Umeå report with its
# scenario, in Swedish and in English, and the report of a model full of
# markup, each parsed by html5lib in strict mode (check_html5.py). Skipped
# (exit 77) where no python3 has html5lib (tools/install-deps installs it).
#   run_html5.sh SAMVERKAN SOURCE_DIR
set -eu
samverkan=$1
src=$2
python=""
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c "import html5lib" 2>/dev/null; then
        python=$p
        break
    fi
done
if [ -z "$python" ]; then
    echo "SKIPPED: html5lib is not installed (apt-get install -y python3-html5lib)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
"$samverkan" --lang sv report models/umea-2024.yaml --scenario models/scenarios/merged-torg-2025.yaml \
    --runs 20 -o "$work/umea-sv.html"
"$python" tests/report/check_html5.py "$work/umea-sv.html"
"$samverkan" --lang en report models/umea-2024.yaml --with-source -o "$work/umea-en.html"
"$python" tests/report/check_html5.py "$work/umea-en.html"
set +e
"$samverkan" --lang en report tests/data/hostile/report-names.yaml -o "$work/hostile.html"
status=$?
set -e
[ "$status" -le 1 ] || { echo "report of the hostile model failed with exit $status"; exit 1; }
"$python" tests/report/check_html5.py "$work/hostile.html"
