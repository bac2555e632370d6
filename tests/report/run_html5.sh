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
# The excerpts leave out the modeller's comments, unless --with-source:
# line 319 of the Umeå model reads `meets: monthly  # assumption: ...`.
"$samverkan" --lang sv report models/umea-2024.yaml -o "$work/plain.html"
if grep -q '# assumption' "$work/plain.html"; then
    echo "report: a model comment is shown without --with-source"
    exit 1
fi
grep -q '  319       meets: monthly</' "$work/plain.html" || grep -q '  319       meets: monthly$' "$work/plain.html" || {
    echo "report: line 319 is not shown without its comment"
    exit 1
}
grep -q '319       meets: monthly *# assumption' "$work/umea-en.html" || {
    echo "report --with-source: the comment of line 319 is not shown"
    exit 1
}
echo "report ok: comments only with --with-source"
# The reader's parts: the recommendations in the auditors' wording, the
# scenario and the simulation's inputs by name, not by file path.
for needle in '<section class="part" id="recommendations"><h2>Rekommendationer</h2>' \
    '<li>Vi rekommenderar individ- och familjenämnden att' \
    '<h3>Ett sammanslaget torg från 2025</h3>' \
    '<li><b>Ett sammanslaget torg från 2025</b>: längst medelväntetid har Arbetsmarknadstorget,' \
    '<figcaption>Figur 1. Styrning: nivåer, organ och rapportvägar</figcaption>' \
    '<h3 id="observations-2">Revisionsfråga 2: '; do
    grep -qF "$needle" "$work/umea-sv.html" || { echo "report: no '$needle'"; exit 1; }
done
if grep -q '<h3>models/scenarios/merged-torg-2025.yaml</h3>' "$work/umea-sv.html"; then
    echo "report: the scenario is titled by its path"
    exit 1
fi
echo "report ok: recommendations, names, captions"
