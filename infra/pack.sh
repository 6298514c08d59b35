#!/usr/bin/env bash
# Packs the jugcloud tool and the Jug.Cloud libraries into a local NuGet feed (a folder).
#   bash infra/pack.sh                         -> artifacts/packages
#   bash infra/pack.sh --output DIR            another folder
#   bash infra/pack.sh --version 0.2.0         another package version (default: Directory.Build.props)
#   bash infra/pack.sh --portable              the tool without ReadyToRun code (see below)
# Then:  dotnet tool install --global Jug.Cloud.Cli --add-source artifacts/packages
#
# The tool is published ReadyToRun for linux-x64 (precompiled, so each command starts without
# compiling the engine and the C# compiler first) but stays one framework-dependent package: on other
# platforms the same assemblies run from their IL. --portable leaves the precompiled code out.
# NuGet caches a package by id and version; packing the same version again evicts the cached copies
# of these packages (in the global packages folder) so that the next install gets the new build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
output="$root/artifacts/packages"
version=""
portable=0
while [ $# -gt 0 ]; do
  case "$1" in
    --output) output=$(mkdir -p "${2:?--output needs a folder}" && cd "$2" && pwd); shift 2 ;;
    --version) version="${2:?--version needs a version}"; shift 2 ;;
    --portable) portable=1; shift ;;
    *) echo "usage: bash infra/pack.sh [--output DIR] [--version V] [--portable]" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [ -z "$version" ]; then
  version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -1)
fi
mkdir -p "$output"
common=(-c Release -o "$output" -p:Version="$version" -nologo -v:q -clp:NoSummary)

# The libraries (and a portable tool, replaced below unless --portable).
dotnet pack "$root/Jug.Cloud.sln" "${common[@]}"
if [ "$portable" -eq 0 ]; then
  # One package, framework-dependent, with linux-x64 ReadyToRun code inside (no RID-specific packages).
  dotnet pack "$root/clients/Jug.Cloud.Cli" "${common[@]}" \
    -p:RuntimeIdentifier=linux-x64 -p:SelfContained=false -p:PublishReadyToRun=true \
    -p:CreateRidSpecificToolPackages=false -p:UseAppHost=false
fi

packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
for package in "$output"/*."$version".nupkg; do
  id=$(basename "$package" ".$version.nupkg" | tr '[:upper:]' '[:lower:]')
  rm -rf "${packages:?}/$id/$version"
done
echo "Packed $(ls "$output"/*."$version".nupkg | wc -l) packages (version $version) into $output"
