#!/usr/bin/env bash
# Local servers for the store integration tests: Redis (Debian's redis-server), Azurite (Azure Blob)
# and s3rver (S3), each on 127.0.0.1 on a free port with its data under the state directory.
#
#   bash infra/services.sh start   [--only redis,azurite,s3rver,redis-cluster,redis-shards] [--state DIR]   install what is missing, start, print exports
#                                  [--redis-password PW]                         Redis requires PW (the export carries it)
#                                  [--redis-user NAME:PW]                        Redis has the ACL user NAME (all keys and commands)
#                                                                                and its default user is off (the export carries NAME:PW)
#                                  [--redis-tls]                                 Redis listens with TLS only: a throwaway CA, server
#                                                                                and client certificate under DIR/tls; the export is
#                                                                                rediss://…?ca=DIR/tls/ca.pem (client certificates optional)
#                                  [--redis-cluster]                             also a 3-node Redis Cluster (no replicas), exported as
#                                                                                JUGCLOUD_TEST_REDIS_CLUSTER=redis://h:p1,h:p2,h:p3/?cluster=true
#                                  [--redis-shards]                              also 3 independent Redis servers, exported as
#                                                                                JUGCLOUD_TEST_REDIS_SHARDS=redis://h:p1,h:p2,h:p3
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
redis_password=""
redis_user=""
redis_tls=""
redis_groups=()
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
    --redis-password) redis_password="${2:?--redis-password needs a password}"; shift 2 ;;
    --redis-user|--user) redis_user="${2:?--redis-user needs NAME:PASSWORD}"; shift 2
      case "$redis_user" in ?*:?*) ;; *) echo "services.sh: --redis-user takes NAME:PASSWORD" >&2; exit 2 ;; esac ;;
    --redis-tls) redis_tls=yes; shift ;;
    --redis-cluster) redis_groups+=(redis-cluster); shift ;;
    --redis-shards) redis_groups+=(redis-shards); shift ;;
    *) echo "services.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

say() { echo "services.sh: $*" >&2; }

# --only may name the Redis groups too (--only redis-cluster starts just the cluster).
for s in ${only//,/ }; do
  case "$s" in redis-cluster|redis-shards) redis_groups+=("$s") ;; esac
done

selected() {
  if [ -n "$target" ]; then echo "$target"; return; fi
  if [ -z "$only" ]; then printf '%s\n' "${all_services[@]}"; return; fi
  local s
  for s in ${only//,/ }; do
    case "$s" in redis|azurite|s3rver) echo "$s" ;; redis-cluster|redis-shards) ;; *) say "unknown service '$s'"; exit 2 ;; esac
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
  say "installing redis-server and redis-tools (redis-cli) from Debian"
  apt_install redis-server redis-tools
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

# The password Redis was started with, kept in the state directory (mode 600) for restart and env.
redis_secret() { [ -f "$state/redis.password" ] && cat "$state/redis.password" || true; }

# The ACL user NAME:PASSWORD Redis was started with (mode 600), if any.
redis_acl_user() { [ -f "$state/redis.user" ] && cat "$state/redis.user" || true; }

redis_uses_tls() { [ -f "$state/tls/ca.pem" ]; }

# A throwaway CA, a server certificate for 127.0.0.1/localhost and a client certificate, under
# $state/tls: enough for Redis' TLS port and for a client that trusts only this CA.
make_tls_files() {
  local dir="$state/tls"
  [ -f "$dir/ca.pem" ] && return
  command -v openssl >/dev/null || apt_install openssl
  mkdir -p "$dir"
  (
    umask 077
    cd "$dir"
    openssl req -x509 -new -nodes -newkey rsa:2048 -days 2 -subj "/CN=jugcloud test CA" \
      -keyout ca.key -out ca.pem 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    local name
    for name in server client; do
      openssl req -new -nodes -newkey rsa:2048 -subj "/CN=jugcloud test $name" \
        -keyout "$name.key" -out "$name.csr" 2>/dev/null
      openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
        -extfile "$name.ext" -out "$name.pem" 2>/dev/null
      rm -f "$name.csr"
    done
  )
}

# redis-cli's arguments for this state directory's Redis (TLS and ACL user); the password goes by
# REDISCLI_AUTH, never the command line.
redis_cli_args() {
  if redis_uses_tls; then
    echo "--tls --cacert $state/tls/ca.pem --cert $state/tls/client.pem --key $state/tls/client.key"
  fi
  [ -z "$(redis_acl_user)" ] || echo "--user $(redis_acl_user | cut -d: -f1)"
}

redis_cli_password() {
  if [ -n "$(redis_acl_user)" ]; then redis_acl_user | cut -d: -f2-; else redis_secret; fi
}

alive() { [ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

answers() {
  local service=$1 port=$2
  case "$service" in
    # shellcheck disable=SC2046  # the arguments are words on purpose
    redis) [ "$(REDISCLI_AUTH="$(redis_cli_password)" redis-cli $(redis_cli_args) -h 127.0.0.1 -p "$port" --no-auth-warning ping 2>/dev/null)" = PONG ] ;;
    *) port_in_use "$port" ;;
  esac
}

launch() {
  local service=$1 port=$2 data=$3 log="$state/$1.log"
  mkdir -p "$data"
  case "$service" in
    redis)
      # AOF in the data directory (never the cwd), no RDB snapshots: a restart keeps results.
      # A password goes in a config file, not on the command line, where ps would show it.
      local conf="$state/redis.conf"
      # An ACL user gets every key and command, and the default user is turned off, so only that
      # user's password opens the server. With TLS the plain port is closed and only TLS listens.
      (
        umask 077
        : >"$conf"
        [ -z "$(redis_secret)" ] || echo "requirepass $(redis_secret)" >>"$conf"
        if [ -n "$(redis_acl_user)" ]; then
          echo "user $(redis_acl_user | cut -d: -f1) on >$(redis_acl_user | cut -d: -f2-) ~* &* +@all" >>"$conf"
          echo "user default off" >>"$conf"
        fi
        if redis_uses_tls; then
          printf '%s\n' "port 0" "tls-port $port" "tls-cert-file $state/tls/server.pem" \
            "tls-key-file $state/tls/server.key" "tls-ca-cert-file $state/tls/ca.pem" "tls-auth-clients optional" >>"$conf"
        else
          echo "port $port" >>"$conf"
        fi
      )
      setsid redis-server "$conf" --bind 127.0.0.1 --dir "$data" --save '' \
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
      # s3rver encrypts a listing's continuation token with DES, which Node's OpenSSL 3 leaves out
      # unless the legacy provider is loaded: without it every listing of more than 1,000 keys is a 500.
      NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--openssl-legacy-provider" setsid bash -c 'trap "kill \$child 2>/dev/null; exit 0" TERM INT
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
  if [ "$service" = redis ]; then
    rm -f "$state/redis.password" "$state/redis.user"
    rm -rf "$state/tls"
    [ -z "$redis_password" ] || (umask 077; printf '%s' "$redis_password" >"$state/redis.password")
    [ -z "$redis_user" ] || (umask 077; printf '%s' "$redis_user" >"$state/redis.user")
    [ -z "$redis_tls" ] || make_tls_files
  fi
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
    rm -f "$state/$service.port" "$state/$service.data" "$state/$service.log" "$state/$service.password" "$state/$service.conf" "$state/$service.user"
    [ "$service" != redis ] || rm -rf "$state/tls"
  fi
}

# Groups of three plain Redis servers (no password, no TLS, no AOF: test data only): the shards of a
# sharded jugdir, or the nodes of a Redis Cluster. Each node's pid, port and data directory are
# recorded as $state/<group>.<i>.{pid,port,data}, so stopping kills exactly those pids.
group_nodes=(0 1 2)

group_alive() { [ -f "$state/$1.0.pid" ] && kill -0 "$(cat "$state/$1.0.pid")" 2>/dev/null; }

# A cluster node also listens on its port + 10000 (the cluster bus), so both must be free.
free_node_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 35000))
    port_in_use "$port" || port_in_use $((port + 10000)) || { echo "$port"; return; }
  done
  say "no free port found"; exit 1
}

launch_node() {
  local group=$1 i=$2 port=$3 data=$4 extra=()
  [ "$group" != redis-cluster ] || extra=(--cluster-enabled yes --cluster-config-file "$data/nodes.conf" --cluster-node-timeout 5000)
  setsid redis-server --port "$port" --bind 127.0.0.1 --dir "$data" --save '' --appendonly no \
    --daemonize no --logfile "$state/$group.$i.log" "${extra[@]}" </dev/null >/dev/null 2>&1 &
  echo $! >"$state/$group.$i.pid"
  echo "$port" >"$state/$group.$i.port"
  echo "$data" >"$state/$group.$i.data"
  for _ in $(seq 1 300); do
    [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] && return
    kill -0 "$(cat "$state/$group.$i.pid")" 2>/dev/null || break
    sleep 0.1
  done
  say "$group node $i did not start on port $port; its log:"
  tail -n 20 "$state/$group.$i.log" >&2 || true
  exit 1
}

group_addresses() {
  local i sep="" out=""
  for i in "${group_nodes[@]}"; do out+="${sep}127.0.0.1:$(cat "$state/$1.$i.port")"; sep=","; done
  echo "$out"
}

start_group() {
  local group=$1 i
  group_alive "$group" && return
  ensure_redis
  for i in "${group_nodes[@]}"; do
    launch_node "$group" "$i" "$(free_node_port)" "$(mktemp -d "$state/data-$group-$i.XXXXXX")"
  done
  if [ "$group" = redis-cluster ]; then
    redis-cli --cluster create $(group_addresses "$group" | tr ',' ' ') --cluster-replicas 0 --cluster-yes >"$state/$group.create.log" 2>&1 \
      || { say "redis-cli --cluster create failed:"; tail -n 20 "$state/$group.create.log" >&2; exit 1; }
    # Slots are assigned at once, but each node reports the cluster usable only once it has heard
    # from the others over the bus: wait for every node to say so (generous: the machine is shared).
    local deadline=$((SECONDS + 120)) ok
    while :; do
      ok=0
      for i in "${group_nodes[@]}"; do
        redis-cli -h 127.0.0.1 -p "$(cat "$state/$group.$i.port")" cluster info 2>/dev/null | grep -q '^cluster_state:ok' && ok=$((ok + 1))
      done
      [ "$ok" -eq "${#group_nodes[@]}" ] && break
      [ "$SECONDS" -lt "$deadline" ] || { say "the Redis Cluster did not reach cluster_state:ok in 120 s"; exit 1; }
      sleep 0.2
    done
  fi
  say "$group listening on $(group_addresses "$group")"
}

stop_group() {
  local group=$1 i
  for i in "${group_nodes[@]}"; do
    [ -f "$state/$group.$i.pid" ] && stop_pid "$(cat "$state/$group.$i.pid")"
    [ -f "$state/$group.$i.data" ] && rm -rf "$(cat "$state/$group.$i.data")"
    rm -f "$state/$group.$i.pid" "$state/$group.$i.port" "$state/$group.$i.data" "$state/$group.$i.log"
  done
  rm -f "$state/$group.create.log"
}

# The groups asked for on the command line, or for env/status/stop every group this state dir runs.
groups_in_use() {
  local g
  for g in redis-cluster redis-shards; do
    [ -f "$state/$g.0.pid" ] && echo "$g"
  done
  return 0
}

exports() {
  local port
  if alive redis; then
    local auth="" scheme=redis query=""
    [ -z "$(redis_secret)" ] || auth=":$(redis_secret)@"
    [ -z "$(redis_acl_user)" ] || auth="$(redis_acl_user)@"
    if redis_uses_tls; then scheme=rediss; query="?ca=$state/tls/ca.pem"; fi
    echo "export JUGCLOUD_TEST_REDIS=${scheme}://${auth}127.0.0.1:$(cat "$state/redis.port")${query}"
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
  if group_alive redis-cluster; then
    echo "export JUGCLOUD_TEST_REDIS_CLUSTER='redis://$(group_addresses redis-cluster)/?cluster=true'"
  fi
  if group_alive redis-shards; then
    echo "export JUGCLOUD_TEST_REDIS_SHARDS='redis://$(group_addresses redis-shards)'"
  fi
}

case "$command" in
  start)
    mkdir -p "$state"
    for s in $(selected); do start_one "$s"; done
    for g in "${redis_groups[@]}"; do start_group "$g"; done
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
    for g in $(groups_in_use); do
      echo "$g: running, $(group_addresses "$g")"
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
    # Groups go with a full stop, or when named by their flag.
    if [ -z "$only" ]; then for g in $(groups_in_use); do stop_group "$g"; done; fi
    for g in "${redis_groups[@]}"; do stop_group "$g"; done
    rmdir "$state" 2>/dev/null || true
    ;;
  *)
    echo "usage: bash infra/services.sh start|env|status|stop [--only redis,azurite,s3rver] [--state DIR]" >&2
    echo "       bash infra/services.sh restart redis|azurite|s3rver [--state DIR]" >&2
    exit 2
    ;;
esac
