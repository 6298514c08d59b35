#!/usr/bin/env bash
# Local servers for the store integration tests: Redis (Debian's redis-server), Azurite (Azure Blob)
# and s3rver (S3), each on 127.0.0.1 on a free port with its data under the state directory.
#
#   bash infra/services.sh start   [--only redis,azurite,s3rver] [--state DIR]   install what is missing, start, print exports
#   bash infra/services.sh env     [--state DIR]                                 print the exports of what is running
#   bash infra/services.sh status  [--state DIR]                                 one line per service
#   bash infra/services.sh restart SERVICE [--state DIR]                         stop and start one, same port and data
#   bash infra/services.sh stop    [--only ...] [--state DIR]                    stop what this state dir started, remove its data
#
# `eval "$(bash infra/services.sh start)"` sets JUGCLOUD_TEST_REDIS, JUGCLOUD_TEST_S3 (with
# AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) and JUGCLOUD_TEST_AZURE. Progress goes to stderr.
# Processes are stopped by the pids recorded in the state directory, never by name.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/.tools"
all_services=(redis azurite s3rver)
state="${JUGCLOUD_SERVICES_STATE:-/tmp/jugcloud-services-$(id -u)}"
only=""
command="${1:-}"
[ $# -gt 0 ] && shift
target=""
if [ "$command" = restart ]; then
  target="${1:?restart needs a service: redis, azurite or s3rver}"
  shift
fi
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="${2:?--only needs a list}"; shift 2 ;;
    --state) state="${2:?--state needs a directory}"; shift 2 ;;
    *) echo "services.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

say() { echo "services.sh: $*" >&2; }

selected() {
  if [ -n "$target" ]; then echo "$target"; return; fi
  if [ -z "$only" ]; then printf '%s\n' "${all_services[@]}"; return; fi
  local s
  for s in ${only//,/ }; do
    case "$s" in redis|azurite|s3rver) echo "$s" ;; *) say "unknown service '$s'"; exit 2 ;; esac
  done
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# apt-get update only when an install fails without it (it is slow, and usually not needed twice).
apt_install() {
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2; then
    as_root apt-get update -q >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
  fi
}

ensure_redis() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return
  say "installing redis-server from Debian"
  apt_install redis-server
  # The package may start a system-wide instance; ours run on their own ports and do not need it.
}

# Azurite and s3rver at the versions pinned by infra/package-lock.json, installed into infra/.tools.
ensure_node_tools() {
  if ! command -v npm >/dev/null; then
    say "installing nodejs and npm from Debian"
    apt_install nodejs npm
  fi
  if [ -x "$tools/node_modules/.bin/azurite-blob" ] && [ -x "$tools/node_modules/.bin/s3rver" ] \
     && cmp -s "$here/package-lock.json" "$tools/package-lock.json"; then
    return
  fi
  say "installing azurite and s3rver (pinned in infra/package-lock.json) into infra/.tools"
  mkdir -p "$tools"
  cp "$here/package.json" "$here/package-lock.json" "$tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >&2)
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" || { echo "$port"; return; }
  done
  say "no free port found"; exit 1
}

alive() { [ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

answers() {
  local service=$1 port=$2
  case "$service" in
    redis) [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] ;;
    *) port_in_use "$port" ;;
  esac
}

launch() {
  local service=$1 port=$2 data=$3 log="$state/$1.log"
  mkdir -p "$data"
  case "$service" in
    redis)
      # AOF in the data directory (never the cwd), no RDB snapshots: a restart keeps results.
      setsid redis-server --bind 127.0.0.1 --port "$port" --dir "$data" --save '' \
        --appendonly yes --appendfsync everysec --daemonize no --logfile "$log" </dev/null >/dev/null 2>&1 &
      ;;
    azurite)
      setsid "$tools/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$port" --location "$data" \
        --silent --skipApiVersionCheck --disableTelemetry --loose </dev/null >"$log" 2>&1 &
      ;;
    s3rver)
      # s3rver 3.7 crashes (an unhandled write-stream error) when a PUT races a DELETE of the same key,
      # which claim races provoke; restart it in place (same port and data) so one crash does not
      # fail every later test. The loop is the recorded pid; stopping it stops its s3rver too.
      setsid bash -c 'trap "kill \$child 2>/dev/null; exit 0" TERM INT
        while true; do
          "$0" -d "$1" -a 127.0.0.1 -p "$2" --silent --configure-bucket jugcloud-test & child=$!
          wait "$child"
          echo "services.sh: s3rver exited; restarting it" >&2
          sleep 0.5
        done' "$tools/node_modules/.bin/s3rver" "$data" "$port" </dev/null >"$log" 2>&1 &
      ;;
  esac
  echo $! >"$state/$service.pid"
  echo "$port" >"$state/$service.port"
  echo "$data" >"$state/$service.data"
  for _ in $(seq 1 300); do
    if answers "$service" "$port"; then return; fi
    if ! alive "$service"; then break; fi
    sleep 0.1
  done
  say "$service did not start on port $port; its log ($log):"
  tail -n 20 "$log" >&2 || true
  exit 1
}

start_one() {
  local service=$1
  if alive "$service"; then return; fi
  case "$service" in redis) ensure_redis ;; *) ensure_node_tools ;; esac
  local port data
  port=$(free_port)
  data=$(mktemp -d "$state/data-$service.XXXXXX")
  launch "$service" "$port" "$data"
  say "$service listening on 127.0.0.1:$port (pid $(cat "$state/$service.pid"))"
}

stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

stop_one() {
  local service=$1 keep_data=${2:-}
  [ -f "$state/$service.pid" ] || return 0
  stop_pid "$(cat "$state/$service.pid")"
  rm -f "$state/$service.pid"
  if [ -z "$keep_data" ]; then
    [ -f "$state/$service.data" ] && rm -rf "$(cat "$state/$service.data")"
    rm -f "$state/$service.port" "$state/$service.data" "$state/$service.log"
  fi
}

exports() {
  local port
  if alive redis; then
    echo "export JUGCLOUD_TEST_REDIS=redis://127.0.0.1:$(cat "$state/redis.port")"
  fi
  if alive s3rver; then
    port=$(cat "$state/s3rver.port")
    echo "export JUGCLOUD_TEST_S3='s3://jugcloud-test?endpoint=http://127.0.0.1:$port&region=us-east-1'"
    echo "export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER"
  fi
  if alive azurite; then
    port=$(cat "$state/azurite.port")
    # Azurite's fixed, publicly documented development account.
    echo "export JUGCLOUD_TEST_AZURE='DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;'"
  fi
}

case "$command" in
  start)
    mkdir -p "$state"
    for s in $(selected); do start_one "$s"; done
    exports
    ;;
  env)
    exports
    ;;
  status)
    for s in $(selected); do
      if alive "$s"; then
        echo "$s: running, pid $(cat "$state/$s.pid"), port $(cat "$state/$s.port"), data $(cat "$state/$s.data")"
      else
        echo "$s: stopped"
      fi
    done
    ;;
  restart)
    case "$target" in redis|azurite|s3rver) ;; *) say "unknown service '$target'"; exit 2 ;; esac
    [ -f "$state/$target.port" ] || { say "$target was not started from $state"; exit 1; }
    port=$(cat "$state/$target.port")
    data=$(cat "$state/$target.data")
    stop_one "$target" keep-data
    for _ in $(seq 1 50); do port_in_use "$port" || break; sleep 0.1; done
    launch "$target" "$port" "$data"
    say "$target restarted on 127.0.0.1:$port (pid $(cat "$state/$target.pid"))"
    ;;
  stop)
    for s in $(selected); do stop_one "$s"; done
    rmdir "$state" 2>/dev/null || true
    ;;
  *)
    echo "usage: bash infra/services.sh start|env|status|stop [--only redis,azurite,s3rver] [--state DIR]" >&2
    echo "       bash infra/services.sh restart redis|azurite|s3rver [--state DIR]" >&2
    exit 2
    ;;
esac
