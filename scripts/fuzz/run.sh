#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (address sanitizer, .build-fuzz) and runs each for a
# while: `make fuzz` (600 s each) and `make fuzz-short` (60 s each) call it.
#
#   scripts/fuzz/run.sh [--seconds N] [--build-only | --skip-build] [target...]
#   targets (all when none is named): edtf cmif csv jsonl http-query http-json intake
#
# Each target starts from its committed seeds (Fuzz/corpus/<target>) plus what earlier runs found
# (Fuzz/.corpus/<target>, git-ignored) and writes crashing, hanging or leaking inputs to
# Fuzz/.artifacts/<target>/. The figures (executions, exec/s, coverage, corpus, findings) go to
# Fuzz/.results/last-run.md and stdout. Exits non-zero when any target found something.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=60
build_only=false
skip_build=false
targets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --seconds=*) seconds="${1#*=}"; shift ;;
        --build-only) build_only=true; shift ;;
        --skip-build) skip_build=true; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
all_targets=(edtf cmif csv jsonl http-query http-json intake)
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")

# Per target: dictionary and the longest input worth trying (longer inputs only slow it down).
dictionary_of() {
    case "$1" in
        edtf) echo edtf ;; cmif) echo tei ;; csv) echo csv ;; jsonl|http-json) echo json ;; http-query) echo query ;; intake) echo intake ;;
        *) echo "unknown target $1 (known: ${all_targets[*]})" >&2; exit 2 ;;
    esac
}
max_len_of() {
    case "$1" in edtf) echo 256 ;; http-query) echo 2048 ;; http-json) echo 8192 ;; intake) echo 4096 ;; *) echo 16384 ;; esac
}

# SwiftPM's --sanitize=fuzzer makes executables libFuzzer mains; the sanitizers go in one
# -sanitize= option because swiftc keeps only the last one given (separate options lose the
# coverage instrumentation). -enable-testing lets the targets @testable-import package internals.
swift_bin="$(command -v swift || true)"
if [[ -z "$swift_bin" ]]; then echo "swift is not on PATH" >&2; exit 1; fi
runtime=$(ls "$(dirname "$(readlink -f "$swift_bin")")"/../lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a 2>/dev/null | head -1 || true)
if [[ -z "$runtime" ]]; then
    echo "this Swift toolchain has no libFuzzer runtime (libclang_rt.fuzzer); use the swift.org Linux toolchain" >&2
    exit 1
fi

build_started=$(date +%s)
for target in "${targets[@]}"; do
    $skip_build && break
    dictionary_of "$target" >/dev/null
    echo "== building fuzz-$target"
    (cd Fuzz && swift build -c release --scratch-path ../.build-fuzz --product "fuzz-$target" \
        --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing 2>&1 \
        | grep -Ev '^\[|Cannot export local symbol|^$' || true)
    [[ -x ".build-fuzz/release/fuzz-$target" ]] || { echo "fuzz-$target did not build" >&2; exit 1; }
done
$skip_build || echo "built in $(( $(date +%s) - build_started )) s"
for target in "${targets[@]}"; do
    [[ -x ".build-fuzz/release/fuzz-$target" ]] || { echo "fuzz-$target is not built" >&2; exit 1; }
done
$build_only && exit 0

mkdir -p Fuzz/.results
report="Fuzz/.results/${FUZZ_REPORT:-last-run}.md"
{
    echo "Fuzzing run of $(date -u +%Y-%m-%dT%H:%MZ), ${seconds} s per target, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo
    echo "| target | seconds | executions | exec/s | cov | ft | corpus (inputs/size) | new inputs | peak RSS MB | findings |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
} > "$report"

failed=0
for target in "${targets[@]}"; do
    work="Fuzz/.corpus/$target"
    artifacts="Fuzz/.artifacts/$target/"
    log="Fuzz/.results/$target.log"
    mkdir -p "$work" "$artifacts" "Fuzz/corpus/$target"
    before=$(ls "$artifacts" | wc -l)
    echo "== fuzz-$target for ${seconds} s (log: $log)"
    started=$(date +%s)
    status=0
    # -timeout: an input taking more than 10 s is a hang; -rss_limit_mb: one taking more than 2 GB
    # is a memory blow-up (ASan's shadow memory counts in).
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0}" ".build-fuzz/release/fuzz-$target" "$work" "Fuzz/corpus/$target" \
        -dict="Fuzz/dictionaries/$(dictionary_of "$target").dict" -max_len="$(max_len_of "$target")" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -print_final_stats=1 \
        -artifact_prefix="$artifacts" > "$log" 2>&1 || status=$?
    elapsed=$(( $(date +%s) - started ))
    executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    added=$(grep -o 'stat::new_units_added: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    rss=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
    cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo "?")
    ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo "?")
    corpus=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' <<<"$last" | cut -d' ' -f2 || echo "?")
    new_artifacts=$(( $(ls "$artifacts" | wc -l) - before ))
    findings="none"
    if [[ $status -ne 0 || $new_artifacts -gt 0 ]]; then
        failed=1
        kind=$(grep -oE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-zA-Z -]+|Fatal error: [^\n]{0,80}' "$log" | head -1 || true)
        findings="exit $status: ${kind:-see log}; $(ls -t "$artifacts" | head -1)"
    fi
    echo "| fuzz-$target | $elapsed | ${executions:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | ${corpus:-?} | ${added:-?} | ${rss:-?} | $findings |" >> "$report"
done

echo
cat "$report"
exit $failed
