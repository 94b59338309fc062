#!/usr/bin/env bash
# Three runnables as one cluster (upbit.cluster.enabled=true) against one simulator in a JVM of its own, then the
# same router alone, on 127.0.0.1 only: the live heap (class histogram total after a full GC) of each member and of
# the single instance, and
# the failover time when the leader is killed with SIGKILL (until a survivor answers a ticker from the stream with
# data received after the kill).
#
#   mvn -B -ntp package -DskipTests
#   src/bench/cluster-run.sh MARKETS [java options of the routers ...]
#   src/bench/cluster-run.sh 50 -Xmx256m
#
# MARKETS synthetic markets, all kept subscribed (upbit.ws.warm-symbols). Ports: SIM_PORT (28480), routers
# BASE_PORT+1..3 (28481-28483), cluster members CLUSTER_PORT..+2 (28501-28503).
set -eu
markets=$1
shift 1
jar=$(ls target/upbit-smart-router-*-runnable.jar | head -1)
simport=${SIM_PORT:-28480}
base=${BASE_PORT:-28480}
cport=${CLUSTER_PORT:-28501}
log=${TMPDIR:-/tmp}/cluster-run.$$
mkdir -p "$log"
pids=()
trap 'kill -9 ${pids[*]} 2>/dev/null || true' EXIT

wait_port() {
  for _ in $(seq 1 300); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "nothing listens on 127.0.0.1:$1" >&2
  return 1
}

# live heap: the class histogram's total after the full GC it triggers
heap_after_gc_kb() {
  echo $(( $(jcmd "$1" GC.class_histogram | tail -1 | awk '{print $3}') / 1024 ))
}

source_and_age() {
  curl -s -o /dev/null -D - "127.0.0.1:$1/v1/ticker?markets=KRW-SIM001" \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="x-data-source"{s=$2} tolower($1)=="x-data-age-ms"{a=$2} END{print s" "a}'
}

java -Xmx512m -cp "$jar" io.upbitrouter.sim.UpbitSimulatorMain upbit.simulator.port="$simport" \
  upbit.simulator.synthetic-markets="$markets" > "$log/sim.log" 2>&1 &
pids+=($!)
wait_port "$simport"
codes=$(seq -f 'KRW-SIM%03g' 1 "$markets" | paste -sd, -)
members="127.0.0.1:$cport,127.0.0.1:$((cport + 1)),127.0.0.1:$((cport + 2))"
router=()
for i in 1 2 3; do
  java "$@" -Dcamel.server.port=$((base + i)) -Dupbit.rest.base-url="http://127.0.0.1:$simport/v1" \
    -Dupbit.ws.url="ws://127.0.0.1:$simport/websocket/v1" -Dupbit.ws.warm-symbols="$codes" \
    -Dupbit.cluster.enabled=true -Dupbit.cluster.port=$((cport + i - 1)) -Dupbit.cluster.port-auto-increment=false \
    -Dupbit.cluster.members="$members" -jar "$jar" > "$log/member$i.log" 2>&1 &
  router+=($!)
  pids+=($!)
done
for i in 1 2 3; do wait_port $((base + i)); done
for _ in $(seq 1 300); do
  ok=0
  for i in 1 2 3; do [ "$(source_and_age $((base + i)) | cut -d' ' -f1)" = websocket ] && ok=$((ok + 1)); done
  [ "$ok" = 3 ] && break
  sleep 0.2
done
sleep 10
for i in 1 2 3; do
  echo "member$i heap_after_gc=$(( $(heap_after_gc_kb "${router[$((i - 1))]}") / 1024 ))MB"
done
leader=$(grep -l 'This member leads' "$log"/member*.log | head -1 | sed -E 's/.*member([0-9]).log/\1/')
echo "stream=$(curl -s "127.0.0.1:$simport/sim/control/counters" | grep -o '"openConnections":[0-9]*') leader=member$leader"
survivor=$(( leader % 3 + 1 ))
killed=$(date +%s%N)
kill -9 "${router[$((leader - 1))]}"
for _ in $(seq 1 600); do
  read -r src age <<< "$(source_and_age $((base + survivor)))"
  now=$(date +%s%N)
  if [ "$src" = websocket ] && [ -n "$age" ] && [ $(( (now - killed) / 1000000 )) -gt "$age" ]; then
    echo "failover_ms=$(( (now - killed) / 1000000 )) (SIGKILL of member$leader until member$survivor answers from the new leader's stream)"
    break
  fi
  sleep 0.05
done
echo "stream_after=$(curl -s "127.0.0.1:$simport/sim/control/counters" | grep -o '"openConnections":[0-9]*' ) 429s/418s=$(curl -s "127.0.0.1:$simport/sim/control/counters" | grep -oE '"(tooManyRequests|teapots)":[0-9]*' | paste -sd' ' -)"
for p in "${router[@]}"; do kill "$p" 2>/dev/null || true; done
sleep 3

java "$@" -Dcamel.server.port=$((base + 1)) -Dupbit.rest.base-url="http://127.0.0.1:$simport/v1" \
  -Dupbit.ws.url="ws://127.0.0.1:$simport/websocket/v1" -Dupbit.ws.warm-symbols="$codes" \
  -jar "$jar" > "$log/single.log" 2>&1 &
single=$!
pids+=($single)
wait_port $((base + 1))
for _ in $(seq 1 300); do [ "$(source_and_age $((base + 1)) | cut -d' ' -f1)" = websocket ] && break; sleep 0.2; done
sleep 10
echo "single heap_after_gc=$(( $(heap_after_gc_kb "$single") / 1024 ))MB markets=$markets options=[$*]"
grep -m3 -hE 'OutOfMemory|ERROR' "$log"/*.log >&2 || true
