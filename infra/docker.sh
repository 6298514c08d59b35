#!/usr/bin/env bash
# Docker for the container tests, on a machine with no route to an image registry.
#
#   bash infra/docker.sh start [--state DIR]   install Debian's docker.io and debootstrap if missing,
#                                              start dockerd unless one answers, build the local base
#                                              images (cached), print exports
#   bash infra/docker.sh stop  [--state DIR]   stop the dockerd this state directory started (by pid)
#
# `eval "$(bash infra/docker.sh start --state DIR)"` sets JUGCLOUD_TEST_DOCKER_SDK_IMAGE and
# JUGCLOUD_TEST_DOCKER_RUNTIME_IMAGE (the base images to pass to the Dockerfile as SDK_IMAGE and
# RUNTIME_IMAGE), or JUGCLOUD_TEST_DOCKER_UNAVAILABLE with the reason Docker cannot run here.
#
# The base images stand in for mcr.microsoft.com/dotnet/sdk and aspnet: a Debian root file system
# from debootstrap (imported as local/debian:bookworm), plus this machine's own .NET (the whole SDK
# for the build stage; only the shared runtimes Microsoft.NETCore.App and Microsoft.AspNetCore.App
# for the runtime stage), plus this machine's CA bundle, so that NuGet restore inside the build
# reaches the feed the way the host does. They are tagged with the .NET version and rebuilt only
# when that is missing. Progress goes to stderr.
set -euo pipefail

state="${JUGCLOUD_DOCKER_STATE:-/tmp/jugcloud-docker-$(id -u)}"
command="${1:-}"
[ $# -gt 0 ] && shift
while [ $# -gt 0 ]; do
  case "$1" in
    --state) state="${2:?--state needs a directory}"; shift 2 ;;
    *) echo "docker.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

say() { echo "docker.sh: $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# apt-get update only when an install fails without it, as infra/services.sh does.
apt_install() {
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2; then
    as_root apt-get update -q >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2
  fi
}

unavailable() {
  say "Docker cannot run here: $1"
  printf "export JUGCLOUD_TEST_DOCKER_UNAVAILABLE=%q\n" "$1"
  exit 0
}

ensure_tools() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    apt_install "${missing[@]}" || unavailable "apt-get install ${missing[*]} failed"
  fi
}

# Starts dockerd unless a daemon already answers. Ours needs no bridge and no iptables: the tests
# run every container with --network host.
ensure_daemon() {
  if docker info >/dev/null 2>&1; then
    return
  fi
  mkdir -p "$state"
  say "starting dockerd (log: $state/dockerd.log)"
  as_root dockerd --iptables=false --ip6tables=false --bridge=none >"$state/dockerd.log" 2>&1 &
  echo $! >"$state/dockerd.pid"
  local deadline=$((SECONDS + 120))
  until docker info >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$state/dockerd.pid")" 2>/dev/null; then
      rm -f "$state/dockerd.pid"
      unavailable "dockerd exited: $(tail -n 1 "$state/dockerd.log")"
    fi
    [ $SECONDS -lt $deadline ] || unavailable "dockerd did not answer within 120 s"
    sleep 1
  done
}

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

debian_image() {
  local image=local/debian:bookworm
  have_image "$image" && return
  local root="$state/rootfs"
  say "building $image with debootstrap (about a minute)"
  as_root rm -rf "$root"
  # libicu: jugcloud runs user code, which may need cultures; ca-certificates: TLS to stores and NuGet.
  as_root debootstrap --variant=minbase --include=ca-certificates,libicu72 bookworm "$root" http://deb.debian.org/debian >&2 \
    || unavailable "debootstrap failed"
  # The downloaded packages stay in the root file system unless removed: a third of its size.
  as_root find "$root/var/cache/apt/archives" "$root/var/lib/apt/lists" -type f -delete
  as_root tar -C "$root" -c . | docker import - "$image" >&2
  as_root rm -rf "$root"
}

# $1 image, $2... paths under the .NET root to copy; the image gets them under /usr/share/dotnet.
dotnet_image() {
  local image="$1"; shift
  have_image "$image" && return
  say "building $image from local/debian:bookworm and this machine's .NET"
  local container
  container=$(docker create local/debian:bookworm /bin/true)
  tar -C "$dotnet_root" --transform 's,^,dotnet/,S' -c "$@" | docker cp - "$container:/usr/share"
  docker cp -L /etc/ssl/certs/ca-certificates.crt "$container:/etc/ssl/certs/ca-certificates.crt"
  local changes=(-c "ENV DOTNET_ROOT=/usr/share/dotnet"
                 -c "ENV PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
  # How this machine's NuGet checks certificates (an offline revocation check, where it is set).
  if [ -n "${NUGET_CERT_REVOCATION_MODE:-}" ]; then
    changes+=(-c "ENV NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE")
  fi
  docker commit "${changes[@]}" "$container" "$image" >/dev/null
  docker rm "$container" >/dev/null
}

start() {
  ensure_tools
  ensure_daemon
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  local runtime sdk
  runtime=$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')
  sdk=$(dotnet --version)
  [ -d "$dotnet_root/shared/Microsoft.NETCore.App/$runtime" ] || unavailable "no Microsoft.NETCore.App $runtime beside ASP.NET Core in $dotnet_root"
  debian_image
  # shellcheck disable=SC2046 # the entries of the .NET root, one word each
  dotnet_image "local/dotnet-sdk:$sdk" $(ls -A "$dotnet_root")
  dotnet_image "local/dotnet-aspnet:$runtime" dotnet host "shared/Microsoft.NETCore.App/$runtime" "shared/Microsoft.AspNetCore.App/$runtime"
  echo "export JUGCLOUD_TEST_DOCKER_SDK_IMAGE=local/dotnet-sdk:$sdk JUGCLOUD_TEST_DOCKER_RUNTIME_IMAGE=local/dotnet-aspnet:$runtime"
}

stop() {
  local pidfile="$state/dockerd.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping dockerd (pid $pid)"
    as_root kill "$pid"
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 1; done
  fi
  rm -f "$pidfile"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: bash infra/docker.sh start|stop [--state DIR]" >&2; exit 2 ;;
esac
