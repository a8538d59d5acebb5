#!/usr/bin/env bash
# Prints, for every file of the corpus, `zonelint check --format json` twice
# (with the MANIFEST's origin, and with none), `dump` and `fmt -` (with the
# origin) into OUT/: one file per corpus file and command, its standard
# error beside it, the exit code on the last line. Comparing two such folders
# shows what a change does to the CLI's output on 1,121 real test zones:
#   bash bench/corpus-json.sh target/release/zonelint /tmp/new
#   bash bench/corpus-json.sh /tmp/zonelint-old /tmp/old && diff -r /tmp/old /tmp/new
set -euo pipefail
bin="$(realpath "$1")"
out="$(mkdir -p "$2" && realpath "$2")"
corpus="$(realpath "${ZONELINT_CORPUS:-$(dirname "$0")/../../shared/corpus}")"
cd "$corpus"
tail -n +2 MANIFEST.tsv | while IFS=$'\t' read -r path origin _ _ _ _ _ _ _ _ _ _ _ run_dir _; do
    name="$(echo "$path" | tr '/' '%')"
    abs="$corpus/$path"
    rel="$(realpath --relative-to="$corpus/$run_dir" "$abs")"
    for mode in origin plain; do
        args=(check --format json --no-config --include-root "$corpus")
        [ "$mode" = origin ] && args+=(--origin "$origin")
        (
            cd "$corpus/$run_dir"
            set +e
            "$bin" "${args[@]}" "$rel" >"$out/$name.$mode" 2>"$out/$name.$mode.err"
            echo "exit $?" >>"$out/$name.$mode"
        )
    done
    (
        cd "$corpus/$run_dir"
        set +e
        "$bin" dump --no-config --include-root "$corpus" --origin "$origin" "$rel" \
            >"$out/$name.dump" 2>"$out/$name.dump.err"
        echo "exit $?" >>"$out/$name.dump"
        "$bin" fmt - --no-config --include-root "$corpus" --origin "$origin" \
            --stdin-filename "$rel" <"$rel" >"$out/$name.fmt" 2>"$out/$name.fmt.err"
        echo "exit $?" >>"$out/$name.fmt"
    )
done
ls "$out" | wc -l
