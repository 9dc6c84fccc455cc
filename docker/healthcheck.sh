#!/bin/bash
# Container health check without curl or wget: GET /healthz over bash's /dev/tcp and succeed
# only on HTTP 200 (the services answer 503 when the database is unreachable).
# The port follows the service: API_PORT (8000), FRONTEND_PORT (8001) or
# COLLECTOR_MANAGEMENT_PORT (8081); HEALTHCHECK_PORT overrides it.
set -u
case "${SERVICE:-}" in
  api-service) port="${API_PORT:-8000}" ;;
  admin-frontend) port="${FRONTEND_PORT:-8001}" ;;
  collector-service) port="${COLLECTOR_MANAGEMENT_PORT:-8081}" ;;
  *) port="${API_PORT:-8000}" ;;
esac
port="${HEALTHCHECK_PORT:-$port}"
host="${HEALTHCHECK_HOST:-127.0.0.1}"

exec 3<>"/dev/tcp/${host}/${port}" || { echo "healthcheck: nothing listens on ${host}:${port}"; exit 1; }
printf 'GET /healthz HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$host" >&3
read -r -t 5 status_line <&3 || { echo "healthcheck: no answer from ${host}:${port}"; exit 1; }
exec 3<&-
case "$status_line" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) echo "healthcheck: ${status_line}"; exit 1 ;;
esac
