#!/usr/bin/env bash
# `make run`: the whole platform with demo data, on the local RabbitMQ and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
export GATEWAY_PORT="${GATEWAY_PORT:-8000}"
mkdir -p var

if [ -z "${SECRET_KEY:-}" ]; then
  [ -s var/secret_key ] || python -c 'import secrets; print(secrets.token_urlsafe(48))' > var/secret_key
  chmod 600 var/secret_key
  SECRET_KEY="$(cat var/secret_key)"
  export SECRET_KEY
fi
if python -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', int('$GATEWAY_PORT'))) != 0)"; then
  echo "Port $GATEWAY_PORT is already in use. Stop what runs there, or pick another: GATEWAY_PORT=8080 make run" >&2
  exit 1
fi

# development: text messages go to the local SMS sink, and the portal shows what the demo sent
export SMS_SINK_PORT="${SMS_SINK_PORT:-1080}"
export SMS_API_URL="${SMS_API_URL:-http://127.0.0.1:$SMS_SINK_PORT/2010-04-01}"
export SMS_ACCOUNT_SID="${SMS_ACCOUNT_SID:-ACdev}" SMS_AUTH_TOKEN="${SMS_AUTH_TOKEN:-dev}"
export DEV_MESSAGES_DIR="${DEV_MESSAGES_DIR:-$PWD/var}"
# the demo's coordinator, as participants (status page, privacy notice) and buddies (/me) see them
export COORDINATOR_NAME="${COORDINATOR_NAME:-Demo coordinator}"
export COORDINATOR_PHONE="${COORDINATOR_PHONE:-+32 11 70 00 00}"
export COORDINATOR_EMAIL="${COORDINATOR_EMAIL:-samenoppad@sint-truiden.example}"

python scripts/infra.py
python -m services.manage setup
credentials="$(python -m services.manage demo | tee /dev/stderr | sed -n 's/^demo coordinator: //p')"

cat <<BANNER

  Samen op pad is starting (Ctrl-C stops everything).
    Portal:       http://127.0.0.1:$GATEWAY_PORT/portal
    Public form:  http://127.0.0.1:$GATEWAY_PORT/apply
    API:          http://127.0.0.1:$GATEWAY_PORT/api/v1/openapi.json
    Health:       http://127.0.0.1:$GATEWAY_PORT/healthz
    Sign in as:   $credentials
    Mail, SMS:    every email and text message the demo sends lands in var/mail/ and var/sms/,
                  is listed below, and is shown at http://127.0.0.1:$GATEWAY_PORT/portal/notifications/dev

BANNER
exec honcho start -f Procfile
