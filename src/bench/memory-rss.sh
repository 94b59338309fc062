#!/usr/bin/env bash
# Resident memory (RSS) and heap of the runnable serving N simulated markets, all of them subscribed
# (upbit.ws.warm-symbols: ticker, trade, orderbook and 1m candles), against the simulator in a JVM of its own,
# as the router runs against the real exchange. Everything listens on 127.0.0.1 only.
#
#   mvn -B -ntp package -DskipTests
#   src/bench/memory-rss.sh MARKETS SECONDS [java options of the router ...]
#   src/bench/memory-rss.sh 999 90 -Xmx256m
#
# Prints one line: markets, seconds, the router's options, RSS, committed heap, used heap, used heap after a full GC.
# INPROCESS=1 runs the README's --simulator command instead (simulator inside the router's JVM, no warm set).
# SIM_TRADES: live trades per market per second (5 by default, as the simulator's own default).
set -eu
markets=$1
seconds=$2
shift 2
jar=$(ls target/upbit-smart-router-*-runnable.jar | head -1)
simport=${SIM_PORT:-18581}
port=${ROUTER_PORT:-18580}
log=${TMPDIR:-/tmp}/memory-rss.$$
mkdir -p "$log"

wait_port() {
  for _ in $(seq 1 300); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "nothing listens on 127.0.0.1:$1" >&2
  return 1
}

sim=""
if [ "${INPROCESS:-0}" = 1 ]; then
  java "$@" -Dcamel.server.port="$port" -Dupbit.simulator.port="$simport" \
    -Dupbit.simulator.synthetic-markets="$markets" -Dupbit.simulator.trades-per-second="${SIM_TRADES:-5}" \
    -jar "$jar" --simulator > "$log/router.log" 2>&1 &
  router=$!
else
  java -Xmx1g -cp "$jar" io.upbitrouter.sim.UpbitSimulatorMain upbit.simulator.port="$simport" \
    upbit.simulator.synthetic-markets="$markets" upbit.simulator.trades-per-second="${SIM_TRADES:-5}" > "$log/sim.log" 2>&1 &
  sim=$!
  wait_port "$simport"
  codes=$(seq -f 'KRW-SIM%03g' 1 "$markets" | paste -sd, -)
  java "$@" -Dcamel.server.port="$port" -Dupbit.rest.base-url="http://127.0.0.1:$simport/v1" \
    -Dupbit.ws.url="ws://127.0.0.1:$simport/websocket/v1" -Dupbit.ws.warm-symbols="$codes" \
    -jar "$jar" > "$log/router.log" 2>&1 &
  router=$!
fi
trap 'kill $router $sim 2>/dev/null || true' EXIT
wait_port "$port"
sleep "$seconds"

rss_mb=$(( $(ps -o rss= -p "$router") / 1024 ))
read -r committed used <<< "$(jcmd "$router" GC.heap_info | grep -m1 -E 'heap +total|garbage-first heap' \
  | sed -E 's/.*total ([0-9]+)K, used ([0-9]+)K.*/\1 \2/')"
jcmd "$router" GC.run > /dev/null
after=$(jcmd "$router" GC.heap_info | grep -m1 -E 'heap +total|garbage-first heap' | sed -E 's/.*used ([0-9]+)K.*/\1/')
cached=$(curl -s "127.0.0.1:$port/observe/health" | grep -o '"size" *: *[0-9]*' | head -1 || true)
grep -m3 -E 'OutOfMemory|ERROR' "$log/router.log" >&2 || true
echo "markets=$markets trades/s=${SIM_TRADES:-5} inprocess=${INPROCESS:-0} seconds=$seconds options=[$*] rss=${rss_mb}MB heap_committed=$((committed / 1024))MB heap_used=$((used / 1024))MB heap_after_gc=$((after / 1024))MB cache:${cached:-?}"
