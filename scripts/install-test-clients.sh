#!/usr/bin/env bash
# Installs the official MCP client SDKs that the end-to-end OAuth tests drive (McpOAuthTest) into
# .test-clients/ (ignored by git): the Python SDK (mcp 2.3.0) in a virtualenv and the TypeScript SDK
# with npm. `./mvnw -B verify` finds them there; without them those two tests are skipped (or fail
# under CI=true, so CI never passes without running them). .ci/run calls this script.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.test-clients
mkdir -p "$dir"
if [ ! -x "$dir/venv/bin/python" ] || ! "$dir/venv/bin/python" -c 'import mcp' 2>/dev/null; then
  python3 -m venv "$dir/venv"
  "$dir/venv/bin/pip" install -q mcp==2.3.0
fi
if [ ! -d "$dir/ts/node_modules/@modelcontextprotocol/sdk" ]; then
  mkdir -p "$dir/ts"
  npm install --silent --no-audit --no-fund --prefix "$dir/ts" @modelcontextprotocol/sdk@1.32.2 >/dev/null
fi
echo "MCP test clients ready in $dir"
