#!/usr/bin/env bash
# Runs the test suite from a fresh clone on a machine that has only the .NET SDK.
#   bash infra/test.sh            every suite
#   bash infra/test.sh --fast     unit tests only (seconds)
#   bash infra/test.sh --filter "Category=Runtime"
# Unless --fast, it first starts Redis (one server, a 3-node cluster, 3 shards), Azurite and s3rver with infra/services.sh (installing them if
# missing) for the store integration tests, and Docker with infra/docker.sh (Debian's docker.io, the
# local base images) for the container tests, and stops exactly those when it exits.
# Ends with one line "Total: N passed, N failed, N skipped"; exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

filter=""
case "${1:-}" in
  --fast) filter="Category=Unit" ;;
  --filter) filter="${2:?--filter needs an expression}" ;;
  "") ;;
  *) echo "usage: bash infra/test.sh [--fast | --filter EXPR]" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The browser tests drive Debian's chromium (Playwright's own browser download is not reachable);
# apt-get update only when an install fails without it, as infra/services.sh does.
if [ "$filter" != "Category=Unit" ] && ! command -v chromium >/dev/null 2>&1; then
  root=""; [ "$(id -u)" -eq 0 ] || root="sudo"
  if ! $root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2; then
    $root apt-get update -q >&2
    $root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2
  fi
fi

dotnet restore Jug.Cloud.sln
dotnet build Jug.Cloud.sln -c Release --no-restore

log=$(mktemp)
services=""
docker_state=""
cleanup() {
  rm -f "$log"
  if [ -n "$services" ]; then bash infra/services.sh stop --state "$services" >&2 || true; fi
  if [ -n "$docker_state" ]; then bash infra/docker.sh stop --state "$docker_state" >&2 || true; fi
}
trap cleanup EXIT

if [ "$filter" != "Category=Unit" ]; then
  services=$(mktemp -d "${TMPDIR:-/tmp}/jugcloud-test-services.XXXXXX")
  eval "$(bash infra/services.sh start --state "$services" --redis-cluster --redis-shards)"
  export JUGCLOUD_TEST_SERVICES_STATE="$services"
  # Where dockerd cannot run, this exports the reason instead, and the container tests are skipped with it.
  docker_state=$(mktemp -d "${TMPDIR:-/tmp}/jugcloud-test-docker.XXXXXX")
  # A failure to prepare Docker (no Debian mirror for debootstrap, say) skips the container tests
  # with that reason rather than the whole suite.
  docker_env=$(bash infra/docker.sh start --state "$docker_state") \
    || docker_env='export JUGCLOUD_TEST_DOCKER_UNAVAILABLE="infra/docker.sh start failed; see its output above"'
  eval "$docker_env"
fi
status=0
# A test that hangs is killed after 20 minutes (the longest, the install test, takes 7 here) and named in the output (the blame collector), rather
# than holding the whole run until CI's limit.
args=(Jug.Cloud.sln -c Release --no-build --logger "console;verbosity=normal"
      --blame-hang-timeout 20m --blame-hang-dump-type none)
[ -n "$filter" ] && args+=(--filter "$filter")
dotnet test "${args[@]}" 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test project ("Total tests: N" then "Passed: N", "Failed: N",
# "Skipped: N" on their own lines); add them up into the line CI reads.
read -r passed failed skipped < <(awk '
  /^[[:space:]]*Passed: [0-9]+[[:space:]]*$/  { p += $2 }
  /^[[:space:]]*Failed: [0-9]+[[:space:]]*$/  { f += $2 }
  /^[[:space:]]*Skipped: [0-9]+[[:space:]]*$/ { s += $2 }
  END { print p + 0, f + 0, s + 0 }' "$log")
# Name each failed test with the first line of its error again at the end, where a log's tail shows it.
if [ "$failed" -ne 0 ]; then
  echo "Failed tests:"
  awk '/^[[:space:]]+Failed .* \[[^]]*\]$/ { name = $0; sub(/^[[:space:]]+Failed /, "", name); sub(/ \[[^]]*\]$/, "", name); want = 1; next }
       want && /Error Message:/ { getline; sub(/^[[:space:]]+/, ""); print "  " name ": " substr($0, 1, 300); want = 0 }' "$log"
fi
echo "Total: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
