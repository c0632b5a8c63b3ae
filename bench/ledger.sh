#!/usr/bin/env bash
# Ledger benchmark with its baseline, in one run on one machine:
#   1. pgbench TPC-B on the same PostgreSQL (the baseline),
#   2. the in-memory apply rate of the state machine,
#   3. durable transfers/s on SQLite and PostgreSQL, uniform and hot-merchant workloads.
# Prints a table and, as its last line, the RESULT line. See docs/benchmarks.md.
#
# Knobs (environment):
#   BENCH_SECONDS            measured seconds per durable/memory run (default 30)
#   BENCH_WARMUP             warm-up seconds before each measurement (default 5)
#   BENCH_PGBENCH_SECONDS    pgbench duration (default 30)
#   BENCH_CLIENTS            client threads (default 4)
#   BENCH_IN_FLIGHT          requests each client keeps in flight (default 2)
#   BENCH_REQUEST_TRANSFERS  transfers per createTransfers request (default 1000)
#   BENCH_ACCOUNTS           accounts (default 10000, TigerBeetle's benchmark default)
#   BENCH_RANDOM_IDS=1       also run both stores uniform with random 64-bit ids (extra rows)
#   BENCH_FLUSH_EVERY_BATCH=1  also run both stores uniform writing every changed account row in
#                            every batch, as before account rows became a checkpoint (extra rows)
#   BENCH_JFR=DIR            record a JFR profile of every java run into DIR
#   PGHOST PGPORT PGUSER     PostgreSQL server (default 127.0.0.1 5432 postgres)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

SECONDS_RUN=${BENCH_SECONDS:-30}
WARMUP=${BENCH_WARMUP:-5}
PGBENCH_SECONDS=${BENCH_PGBENCH_SECONDS:-30}
CLIENTS=${BENCH_CLIENTS:-4}
IN_FLIGHT=${BENCH_IN_FLIGHT:-2}
REQUEST_TRANSFERS=${BENCH_REQUEST_TRANSFERS:-1000}
ACCOUNTS=${BENCH_ACCOUNTS:-10000}
export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-postgres}
PG_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/"
RESULTS_DIR="$ROOT/bench/results"
mkdir -p "$RESULTS_DIR"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOG="$RESULTS_DIR/ledger-$STAMP.log"

say() { echo "$*" | tee -a "$LOG" >&2; }

# --- build ---------------------------------------------------------------------------------------
say "building the bench module (and the ledger) ..."
./mvnw -q -B -DskipTests -pl bench -am package >>"$LOG" 2>&1
CLASSPATH_FILE="$ROOT/bench/target/classpath.txt"
[[ -s "$CLASSPATH_FILE" ]] || { say "no classpath file at $CLASSPATH_FILE"; exit 1; }
CP="$ROOT/bench/target/classes:$(cat "$CLASSPATH_FILE")"

# --- helpers -------------------------------------------------------------------------------------
field() { # field KEY LINE -> value of KEY=value in LINE
  sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}

run_java() { # run_java NAME ARGS... -> prints the BENCH line
  local name=$1
  shift
  local jfr=()
  if [[ -n "${BENCH_JFR:-}" ]]; then
    mkdir -p "$BENCH_JFR"
    jfr=("-XX:StartFlightRecording=filename=$BENCH_JFR/$name.jfr,settings=profile")
  fi
  local out
  out=$(java -Xms2g -Xmx6g -XX:+UseParallelGC "${jfr[@]}" -cp "$CP" \
    io.harbourpay.bench.LedgerBench "$@" 2>>"$LOG" | tee -a "$LOG")
  grep '^BENCH ' <<<"$out" | tail -1
}

# Every PostgreSQL run starts without the dirty pages of the one before.
checkpoint() { psql -d postgres -qc "CHECKPOINT" >>"$LOG" 2>&1; }

durable() { # durable NAME STORE EXTRA... -> BENCH line
  local name=$1 store=$2
  shift 2
  checkpoint
  say "durable $name: $SECONDS_RUN s ..."
  run_java "$name" durable --store "$store" --clients "$CLIENTS" --in-flight "$IN_FLIGHT" \
    --request-transfers "$REQUEST_TRANSFERS" --accounts "$ACCOUNTS" --seconds "$SECONDS_RUN" \
    --warmup "$WARMUP" --pg-url "$PG_URL" --pg-user "$PGUSER" \
    --sqlite-dir "$RESULTS_DIR" "$@"
}

# --- 1. baseline: pgbench TPC-B ------------------------------------------------------------------
say "pgbench: init -s 10, then -c 8 -j 2 -T $PGBENCH_SECONDS ..."
psql -d postgres -qAtc "SELECT 1 FROM pg_database WHERE datname = 'pgbench_bench'" | grep -q 1 \
  || psql -d postgres -qc "CREATE DATABASE pgbench_bench"
pgbench -i -s 10 -q pgbench_bench >>"$LOG" 2>&1
checkpoint
PGBENCH_OUT=$(pgbench -c 8 -j 2 -T "$PGBENCH_SECONDS" pgbench_bench 2>>"$LOG" | tee -a "$LOG")
PGBENCH_TPS=$(sed -n 's/^tps = \([0-9]*\).*/\1/p' <<<"$PGBENCH_OUT" | head -1)
PGBENCH_LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$PGBENCH_OUT" | head -1)
psql -d postgres -qc "DROP DATABASE IF EXISTS pgbench_bench" >>"$LOG" 2>&1
[[ -n "$PGBENCH_TPS" ]] || { say "pgbench produced no tps; see $LOG"; exit 1; }

# --- 2. in memory --------------------------------------------------------------------------------
say "memory: $SECONDS_RUN s ..."
MEMORY=$(run_java memory memory --accounts "$ACCOUNTS" --seconds "$SECONDS_RUN" --warmup "$WARMUP")
MEMORY_HOT=$(run_java memory-hot memory --accounts "$ACCOUNTS" --seconds "$SECONDS_RUN" \
  --warmup "$WARMUP" --hot)

# --- 3. durable ----------------------------------------------------------------------------------
SQLITE_UNIFORM=$(durable sqlite-uniform sqlite)
SQLITE_HOT=$(durable sqlite-hot sqlite --hot)
PG_UNIFORM=$(durable postgres-uniform postgres)
PG_HOT=$(durable postgres-hot postgres --hot)
EXTRA_ROWS=()
if [[ "${BENCH_RANDOM_IDS:-0}" == 1 ]]; then
  EXTRA_ROWS+=("sqlite-uniform-random-ids|$(durable sqlite-random sqlite --random-ids)")
  EXTRA_ROWS+=("postgres-uniform-random-ids|$(durable postgres-random postgres --random-ids)")
fi
if [[ "${BENCH_FLUSH_EVERY_BATCH:-0}" == 1 ]]; then
  EXTRA_ROWS+=("sqlite uniform rows/batch|$(durable sqlite-every sqlite --flush-batches 1)")
  EXTRA_ROWS+=("postgres uniform rows/batch|$(durable postgres-every postgres --flush-batches 1)")
fi

# --- report --------------------------------------------------------------------------------------
row() { # row NAME BENCH_LINE
  local line=$2
  printf '| %-28s | %12s | %10s | %10s | %11s | %11s | %9s |\n' "$1" \
    "$(field tps "$line")" "$(field commit_p50_us "$line")" "$(field commit_p99_us "$line")" \
    "$(field request_p50_us "$line")" "$(field request_p99_us "$line")" \
    "$(field avg_batch "$line")"
}

SQLITE_TPS=$(field tps "$SQLITE_UNIFORM")
PG_TPS=$(field tps "$PG_UNIFORM")
if (( PG_TPS >= SQLITE_TPS )); then
  BEST_STORE=postgres BEST_TPS=$PG_TPS BEST_HOT_TPS=$(field tps "$PG_HOT")
else
  BEST_STORE=sqlite BEST_TPS=$SQLITE_TPS BEST_HOT_TPS=$(field tps "$SQLITE_HOT")
fi
RATIO=$(awk -v a="$BEST_TPS" -v b="$PGBENCH_TPS" 'BEGIN { printf "%.1f", a / b }')
HOT_RATIO=$(awk -v a="$BEST_HOT_TPS" -v b="$BEST_TPS" 'BEGIN { printf "%.2f", a / b }')

{
  echo
  echo "ledger benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
    "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)," \
    "load average before report: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "durable runs: $CLIENTS clients x $IN_FLIGHT requests in flight x $REQUEST_TRANSFERS" \
    "transfers/request, $ACCOUNTS accounts, ${SECONDS_RUN}s measured after ${WARMUP}s warm-up," \
    "time-ordered ids unless noted"
  echo
  printf '| %-28s | %12s | %10s | %10s | %11s | %11s | %9s |\n' run "transfers/s" \
    "commit p50" "commit p99" "request p50" "request p99" "avg batch"
  echo "|------------------------------|-------------:|-----------:|-----------:|------------:|------------:|----------:|"
  printf '| %-28s | %12s | %10s | %10s | %11s | %11s | %9s |\n' "pgbench TPC-B -c8 -j2 (tx/s)" \
    "$PGBENCH_TPS" - - "${PGBENCH_LAT}ms" - -
  printf '| %-28s | %12s | %10s | %10s | %11s | %11s | %9s |\n' "memory uniform (1 thread)" \
    "$(field tps "$MEMORY")" - - - - 8190
  printf '| %-28s | %12s | %10s | %10s | %11s | %11s | %9s |\n' "memory hot (1 thread)" \
    "$(field tps "$MEMORY_HOT")" - - - - 8190
  row "sqlite uniform" "$SQLITE_UNIFORM"
  row "sqlite hot" "$SQLITE_HOT"
  row "postgres uniform" "$PG_UNIFORM"
  row "postgres hot" "$PG_HOT"
  for extra in "${EXTRA_ROWS[@]}"; do
    row "${extra%%|*}" "${extra#*|}"
  done
  echo
  echo "latencies in microseconds (pgbench: average, ms). best durable store: $BEST_STORE" \
    "(ratio and hot_ratio are for it). full log: ${LOG#"$ROOT"/}"
  echo "RESULT sqlite_tps=$SQLITE_TPS postgres_tps=$PG_TPS pgbench_tps=$PGBENCH_TPS" \
    "ratio=$RATIO hot_ratio=$HOT_RATIO"
} | tee -a "$LOG"
