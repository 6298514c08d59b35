#!/usr/bin/env bash
# A real Prometheus (Debian's package) on 127.0.0.1, on a free port, scraping one target every second,
# for the metrics integration test.
#
#   bash infra/prometheus.sh start --state DIR --target HOST:PORT [--path /metrics]   install if missing, start, print the export
#   bash infra/prometheus.sh stop  --state DIR                                         stop what this state dir started, remove its data
#
# `eval "$(bash infra/prometheus.sh start --state DIR --target 127.0.0.1:5000)"` sets
# JUGCLOUD_TEST_PROMETHEUS (its base URL, e.g. http://127.0.0.1:41234). Progress goes to stderr.
# The process is stopped by the pid recorded in the state directory, never by name.
set -euo pipefail

command="${1:-}"
[ $# -gt 0 ] && shift
state=""
target=""
path="/metrics"
while [ $# -gt 0 ]; do
  case "$1" in
    --state) state="${2:?--state needs a directory}"; shift 2 ;;
    --target) target="${2:?--target needs HOST:PORT}"; shift 2 ;;
    --path) path="${2:?--path needs a path}"; shift 2 ;;
    *) echo "prometheus.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -n "$state" ] || { echo "prometheus.sh: --state DIR is required" >&2; exit 2; }

say() { echo "prometheus.sh: $*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# apt-get update only when an install fails without it (it is slow, and usually not needed twice).
apt_install() {
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2; then
    as_root apt-get update -q >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2
  fi
}

ensure_prometheus() {
  command -v prometheus >/dev/null && return
  say "installing prometheus from Debian"
  apt_install prometheus
  # The package may start a system-wide instance on :9090; ours runs on its own port and does not need it.
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

alive() { [ -f "$state/prometheus.pid" ] && kill -0 "$(cat "$state/prometheus.pid")" 2>/dev/null; }

start() {
  [ -n "$target" ] || { say "start needs --target HOST:PORT"; exit 2; }
  mkdir -p "$state"
  if alive; then
    echo "export JUGCLOUD_TEST_PROMETHEUS=http://127.0.0.1:$(cat "$state/prometheus.port")"
    return
  fi
  ensure_prometheus
  local port data
  port=$(free_port)
  data=$(mktemp -d "$state/data.XXXXXX")
  cat >"$state/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: jugcloud
    metrics_path: $path
    static_configs:
      - targets: ['$target']
YAML
  setsid prometheus --config.file="$state/prometheus.yml" --storage.tsdb.path="$data" \
    --web.listen-address="127.0.0.1:$port" >"$state/prometheus.log" 2>&1 </dev/null &
  echo $! >"$state/prometheus.pid"
  echo "$port" >"$state/prometheus.port"
  for _ in $(seq 1 300); do
    if port_in_use "$port"; then
      say "prometheus listening on 127.0.0.1:$port (pid $(cat "$state/prometheus.pid")), scraping $target$path every 1s"
      echo "export JUGCLOUD_TEST_PROMETHEUS=http://127.0.0.1:$port"
      return
    fi
    alive || { say "prometheus exited; its log:"; cat "$state/prometheus.log" >&2; exit 1; }
    sleep 0.1
  done
  say "prometheus did not listen on 127.0.0.1:$port within 30 s"; exit 1
}

stop() {
  if [ -f "$state/prometheus.pid" ]; then
    local pid
    pid=$(cat "$state/prometheus.pid")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$state/prometheus.pid" "$state/prometheus.port"
  fi
  rm -rf "$state"/data.* "$state/prometheus.yml"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: bash infra/prometheus.sh start|stop --state DIR [--target HOST:PORT] [--path PATH]" >&2; exit 2 ;;
esac
