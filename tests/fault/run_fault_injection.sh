#!/bin/bash
# Fault injection for everything samverkan writes (render -o, report -o,
# simulate --plot): a missing directory, a directory, a place that cannot be
# written, a full disk (/dev/full and a small tmpfs), the output equal to an
# input (also through a symbolic or hard link, and a scenario's base or the
# configuration beside the model), a failing command over an
# old output, and SIGINT in the middle of writing. Each time: exit 2 and a
# clear message, the old output intact, no temporary file left, and
# /dev/full still a device. And Graphviz failing in the middle of a
# report's render session (a crash, abort(), exit(), an error; injected in
# the 2nd figure by LAYOUT_FAULT, tests/fault/layout_fault.c): exit 2, a
# message naming that figure, the old report intact, nothing else written.
# Usage: run_fault_injection.sh SAMVERKAN SOURCE_ROOT [LAYOUT_FAULT]
set -u
bin=$1
root=$2
layout_fault=${3:-}
work=$(mktemp -d)
trap 'umount "$work/small" 2>/dev/null; rm -rf "$work"' EXIT
model="$work/model.yaml"
cp "$root/models/umea-2024.yaml" "$model"
failures=0
pass=0

check() { # name expected-exit command...
    local name=$1 expected=$2
    shift 2
    "$@" >"$work/out" 2>"$work/err"
    local rc=$?
    if [[ $rc != "$expected" ]]; then
        echo "FAIL $name: exit $rc, expected $expected; stderr: $(head -c 300 "$work/err")"
        failures=$((failures + 1))
        return 1
    fi
    if [[ $expected == 2 && ! -s $work/err ]]; then
        echo "FAIL $name: exit 2 without a message"
        failures=$((failures + 1))
        return 1
    fi
    pass=$((pass + 1))
    return 0
}

no_temporaries() { # name dir
    local left
    left=$(find "$2" -maxdepth 1 -name '.*.??????' 2>/dev/null | head -n 3)
    if [[ -n $left ]]; then
        echo "FAIL $1: temporary files left: $left"
        failures=$((failures + 1))
    else
        pass=$((pass + 1))
    fi
}

unchanged() { # name file expected-content
    if [[ $(cat "$2" 2>/dev/null) != "$3" ]]; then
        echo "FAIL $1: $2 was changed"
        failures=$((failures + 1))
    else
        pass=$((pass + 1))
    fi
}

render() { "$bin" render "$model" --view governance --format svg "$@"; }

# a missing directory
check missing-directory 2 render -o "$work/no/such/dir/out.svg"
[[ ! -e $work/no ]] || { echo "FAIL missing-directory: something was created"; failures=$((failures + 1)); }

# a directory as the output
mkdir "$work/adir"
check directory 2 render -o "$work/adir"

# a place that cannot be written: /proc takes no new files, even for root
check read-only-place 2 render -o /proc/samverkan-fault-test.svg
if [[ $(id -u) != 0 ]]; then
    mkdir "$work/ro"
    chmod 555 "$work/ro"
    check read-only-directory 2 render -o "$work/ro/out.svg"
    chmod 755 "$work/ro"
fi

# a full disk: /dev/full answers every write with ENOSPC
check dev-full 2 render -o /dev/full
[[ -c /dev/full ]] && pass=$((pass + 1)) || { echo "FAIL dev-full: /dev/full is no longer a device"; failures=$((failures + 1)); }
if "$bin" report --help >/dev/null 2>&1; then
    check dev-full-report 2 "$bin" report "$model" -o /dev/full
    check report-output-is-input 2 "$bin" report "$model" -o "$model"
fi

# a small tmpfs that fills up, over an old output that must survive
python3 "$root/tools/gen-model.py" --bodies 400 --seed 3 -o "$work/big.yaml"
mkdir "$work/small"
if mount -t tmpfs -o size=48k tmpfs "$work/small" 2>/dev/null; then
    echo "old diagram" >"$work/small/out.svg"
    check tmpfs-full 2 "$bin" render "$work/big.yaml" --view reporting -o "$work/small/out.svg"
    unchanged tmpfs-full "$work/small/out.svg" "old diagram"
    no_temporaries tmpfs-full "$work/small"
    umount "$work/small"
else
    echo "skip tmpfs-full: cannot mount a tmpfs here"
fi

# the output equal to an input, directly and through links
before=$(cat "$model")
check output-is-input 2 render -o "$model"
ln -s "$model" "$work/link.svg"
check output-is-input-symlink 2 render -o "$work/link.svg"
ln "$model" "$work/hard.svg"
check output-is-input-hardlink 2 render -o "$work/hard.svg"
unchanged output-is-input "$model" "$before"

# nor over a file read on the way: a scenario's base (report, simulate's
# side files, render) and the configuration found beside the model
mkdir "$work/scen"
sed 's|^  base: .*|  base: ../model.yaml|' "$root/models/scenarios/merged-torg-2025.yaml" >"$work/scen/s.yaml"
# (each on a fresh copy of the base, so that one failure cannot hide the next)
for case in "report-output-is-base report $work/scen/s.yaml -o $model" \
            "plot-output-is-base simulate --runs 2 --months 1 $work/scen/s.yaml --plot $model" \
            "trace-output-is-base simulate --runs 2 --months 1 $work/scen/s.yaml --trace $model" \
            "render-output-is-base render $work/scen/s.yaml --view governance -o $model"; do
    cp "$root/models/umea-2024.yaml" "$model"
    set -- $case
    name=$1
    shift
    check "$name" 2 "$bin" "$@"
    unchanged "$name" "$model" "$before"
done
mkdir "$work/conf"
cp "$root/tests/cli/inputs/with-config/model.yaml" "$root/tests/cli/inputs/with-config/.samverkan.yaml" "$work/conf/"
conf_before=$(cat "$work/conf/.samverkan.yaml")
check render-output-is-config 2 "$bin" render "$work/conf/model.yaml" --view governance -o "$work/conf/.samverkan.yaml"
check report-output-is-config 2 "$bin" report "$work/conf/model.yaml" -o "$work/conf/.samverkan.yaml"
unchanged output-is-config "$work/conf/.samverkan.yaml" "$conf_before"

# a command that fails leaves the old output as it was
echo "old diagram" >"$work/old.svg"
check failing-command 2 "$bin" render "$work/adir" --view governance -o "$work/old.svg"
unchanged failing-command "$work/old.svg" "old diagram"
check unknown-view 2 render -o "$work/old.svg" --view governanse
unchanged unknown-view "$work/old.svg" "old diagram"

# Graphviz failing in the 2nd figure of the report's one layout child:
# figure 1 (governance) is drawn, figure 2 (the first process) is not, and
# the report is not written at all
if [[ -n $layout_fault ]]; then
    mkdir "$work/session"
    echo "old report" >"$work/session/r.html"
    for mode in crash abort exit error; do
        check "report-figure-2-$mode" 2 env LD_PRELOAD="$layout_fault" \
            ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
            SAMVERKAN_TEST_LAYOUT_FAULT="$mode:2" \
            "$bin" --lang en report "$model" -o "$work/session/r.html" &&
        if grep -q '^.*model.yaml: error: figure 2 (process:torgprocessen): Graphviz .*\[render\]$' "$work/err" &&
            [[ $(grep -c 'error: figure' "$work/err") == 1 ]] &&
            grep -q '^1 error: nothing was written$' "$work/err"; then
            pass=$((pass + 1))
        else
            echo "FAIL report-figure-2-$mode: no message naming figure 2: $(head -c 300 "$work/err")"
            failures=$((failures + 1))
        fi
        unchanged "report-figure-2-$mode" "$work/session/r.html" "old report"
        [[ $(ls -A "$work/session") == r.html ]] && pass=$((pass + 1)) ||
            { echo "FAIL report-figure-2-$mode: left behind: $(ls -A "$work/session")"; failures=$((failures + 1)); }
    done
    # to standard output: nothing written there either
    check report-figure-2-stdout 2 env LD_PRELOAD="$layout_fault" \
        ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" SAMVERKAN_TEST_LAYOUT_FAULT=crash:2 \
        "$bin" --lang en report "$model"
    [[ ! -s $work/out ]] && pass=$((pass + 1)) ||
        { echo "FAIL report-figure-2-stdout: $(wc -c <"$work/out") bytes written"; failures=$((failures + 1)); }
    # the same shim without a fault: the report as without it
    check report-session-no-fault 0 env LD_PRELOAD="$layout_fault" \
        ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
        "$bin" --lang en report "$model" -o "$work/session/plain.html"
    "$bin" --lang en report "$model" -o "$work/session/reference.html"
    cmp -s "$work/session/plain.html" "$work/session/reference.html" && pass=$((pass + 1)) ||
        { echo "FAIL report-session-no-fault: the report differs"; failures=$((failures + 1)); }
    # render draws its one view through the same session
    check render-layout-crash 2 env LD_PRELOAD="$layout_fault" \
        ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" SAMVERKAN_TEST_LAYOUT_FAULT=crash:1 \
        "$bin" --lang en render "$model" --view governance -o "$work/session/g.svg"
    # (AddressSanitizer turns the SIGSEGV into an exit, or with
    # abort_on_error=1, as make test-sanitize sets it, into SIGABRT)
    grep -Eq 'Graphviz (failed while drawing the diagram \(signal (11|6)\)|stopped without drawing the diagram \(exit status 1\))' "$work/err" &&
        [[ ! -e $work/session/g.svg ]] &&
        pass=$((pass + 1)) || { echo "FAIL render-layout-crash: $(head -c 300 "$work/err")"; failures=$((failures + 1)); }
else
    echo "skip report-figure-2: no layout fault library given"
fi

# SIGINT while writing: the old output or the whole new one, never a part,
# and no temporary file (signals wait while the temporary file exists);
# exit 0 when the render was done first, else status 130. Job control
# (set -m), since a background job of a script ignores SIGINT otherwise.
# tests/fault/check_signals.py aims at the layout and the write exactly.
echo "old" >"$work/int.svg"
set -m
for delay in 0.02 0.05 0.1 0.2 0.4 0.8; do
    "$bin" render "$work/big.yaml" --view reporting -o "$work/int.svg" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -INT "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    status=$?
    if [[ $status != 0 && $status != 130 ]]; then
        echo "FAIL sigint-$delay: exit $status, expected 0 or 130"
        failures=$((failures + 1))
    fi
    content=$(head -c 5 "$work/int.svg")
    if [[ $content != "old" && $content != "<?xml" ]]; then
        echo "FAIL sigint-$delay: a partial output: $content"
        failures=$((failures + 1))
    else
        pass=$((pass + 1))
    fi
    if [[ $content == "<?xml" ]] && ! tail -c 8 "$work/int.svg" | grep -q "</svg>"; then
        echo "FAIL sigint-$delay: a truncated diagram"
        failures=$((failures + 1))
    fi
    no_temporaries "sigint-$delay" "$work"
done
set +m

echo "$pass passed, $failures failed"
[[ $failures == 0 ]]
