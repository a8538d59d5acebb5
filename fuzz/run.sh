#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 20), seeded with the
# project's fixtures. Needs cargo-fuzz (`cargo install cargo-fuzz`); the
# stable toolchain builds it with RUSTC_BOOTSTRAP=1.
#
#   bash fuzz/run.sh 360               # six minutes per target
#   bash fuzz/run.sh 20 load lint      # only these targets
#   bash fuzz/run.sh --runs 3000       # CI: a fixed seed and number of
#                                      # inputs, so a commit's result is
#                                      # the same on every run
# A failure prints the input that failed (as hex) and keeps it in
# fuzz/artifacts/TARGET/; replay it with `cargo fuzz run TARGET FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--runs" ]; then
    limit=(-runs="$2" -seed=1)
    shift 2
else
    limit=(-max_total_time="${1:-20}")
    shift || true
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(parse load lint format_roundtrip fix_converges)
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O >/dev/null
for t in "${targets[@]}"; do
    seeds="fuzz/corpus/$t"
    mkdir -p "$seeds"
    # Seeds: every zone-like fixture of the project (copied, not linked:
    # libFuzzer adds its own finds to this folder).
    find testdata -type f \( -name '*.zone' -o -name '*.db' -o -name 'db.*' -o -name '*.inc' \) \
        -size -64k -exec cp -n {} "$seeds/" \; 2>/dev/null || true
    echo "== fuzz $t (${limit[*]})"
    cargo fuzz run -O "$t" "$seeds" -- \
        "${limit[@]}" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 2>&1 | grep -A2 -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)|SUMMARY|panicked|==[0-9]+== ERROR|Done' || true
    if [ -n "$(find "fuzz/artifacts/$t" -type f 2>/dev/null)" ]; then
        echo "fuzz target $t found a failure:" >&2
        for f in "fuzz/artifacts/$t"/*; do
            echo "$f:" >&2
            head -c 4096 "$f" | od -An -tx1 -v >&2
        done
        exit 1
    fi
done
