#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine with the .NET 10 SDK and Node.js:
# installs Azurite from the npm lockfile (the test assemblies start it on free loopback ports and stop it),
# builds the solution, runs all test projects, and ends with the line "N passed, N failed".
# Extra `dotnet test` arguments (e.g. --collect "XPlat Code Coverage") can be passed in TEST_EXTRA_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/azurite/dist/src/azurite.js ]; then
  npm ci --no-audit --no-fund
fi

results="${TEST_RESULTS_DIR:-$PWD/TestResults}"
rm -rf "$results"
mkdir -p "$results"

dotnet build WeatherCampaign.Functions.sln -c Release -nologo

eval "extra=(${TEST_EXTRA_ARGS:-})" # shell words, so quoted arguments such as "XPlat Code Coverage" survive
set +e
dotnet test WeatherCampaign.Functions.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "${extra[@]}"
status=$?
set -e

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run failed before or outside a test (build, assembly initialisation, a crashed host)
fi
echo "$passed passed, $failed failed"
exit "$status"
