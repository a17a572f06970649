#!/usr/bin/env bash
# Every test: unit tests and integration tests against the real SSH lab (needs root: namespaces, mounts).
# Brings the lab up, runs vitest inside the lab's controller namespace, prints "N passed, N failed", tears down.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
  echo "test/run-all.sh: the SSH lab needs root (network namespaces, overlay mounts); run: sudo npm test" >&2
  exit 1
fi

hosts=${TSIBLE_LAB_HOSTS:-20}
report=$(mktemp /tmp/tsible-vitest-report.XXXXXX.json)
cleanup() {
  rm -f "$report"
  if [ -z "${TSIBLE_KEEP_LAB:-}" ]; then test/lab/lab down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

[ -f dist/src/cli/main.js ] || npm run build
# python3 + an RPM stack on the hosts: ansible-playbook runs side by side against them (tsible itself needs none of it)
test/lab/lab up "$hosts" --python
# labh1 stays a target with nothing but sshd and a shell: tsible needs no Python there (test/integration/adhoc.test.ts checks)
test/lab/lab exec labh1 sh -c 'rm -f /usr/bin/python3*'

rc=0
ip netns exec tsl-ctl npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || rc=$?

node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  // a file that fails to load (a syntax error, a throw at import) has no tests: it counts as one failure
  const brokenFiles = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  const failed = r.numFailedTests + brokenFiles;
  console.log(`${r.numPassedTests} passed, ${failed} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' "$report" || rc=1
exit "$rc"
