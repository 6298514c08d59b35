#!/usr/bin/env bash
# Runs the fault campaign (tests/Jug.Cloud.Reliability.Tests) against real services and writes its
# figures into docs/reliability.md between the campaign markers.
#   bash tests/campaign.sh            the full campaign (JUGCLOUD_CAMPAIGN=full)
#   bash tests/campaign.sh ci         the small one CI runs
# JUGCLOUD_CAMPAIGN_SEED=N replays a run (each test prints its seed); results go to
# JUGCLOUD_CAMPAIGN_RESULTS (default: a new temporary directory), one JSON record per fault kind.
set -euo pipefail
cd "$(dirname "$0")/.."

size="${1:-full}"
case "$size" in
  ci|full) ;;
  *) echo "usage: bash tests/campaign.sh [ci|full]" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export JUGCLOUD_CAMPAIGN="$size"
export JUGCLOUD_CAMPAIGN_RESULTS="${JUGCLOUD_CAMPAIGN_RESULTS:-$(mktemp -d "${TMPDIR:-/tmp}/jugcloud-campaign-results.XXXXXX")}"

# The table is written by a short Python script; install Debian's python3 where it is missing.
if ! command -v python3 >/dev/null 2>&1; then
  root=""; [ "$(id -u)" -eq 0 ] || root="sudo"
  if ! $root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 >&2; then
    $root apt-get update -q >&2
    $root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 >&2
  fi
fi

services=$(mktemp -d "${TMPDIR:-/tmp}/jugcloud-campaign-services.XXXXXX")
trap 'bash infra/services.sh stop --state "$services" >&2 || true' EXIT
eval "$(bash infra/services.sh start --state "$services")"
export JUGCLOUD_TEST_SERVICES_STATE="$services"

dotnet build tests/Jug.Cloud.Reliability.Tests -c Release
status=0
dotnet test tests/Jug.Cloud.Reliability.Tests -c Release --no-build --logger "console;verbosity=normal" || status=$?

python3 tests/campaign-table.py "$JUGCLOUD_CAMPAIGN_RESULTS" docs/reliability.md
echo "Records in $JUGCLOUD_CAMPAIGN_RESULTS; table written to docs/reliability.md"
exit "$status"
