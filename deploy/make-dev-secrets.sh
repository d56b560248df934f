#!/usr/bin/env bash
# Test-deployment secrets for the compose files, in deploy/secrets/ (git-ignored): the OpenIddict signing and
# encryption certificates (PKCS#12), a self-signed TLS pair for nginx, and a fresh master key printed for .env.
# Production: use your PKI and secret store instead (deploy/README.md). Needs openssl.
# Usage: bash deploy/make-dev-secrets.sh [public-host]   (prints the lines to put into deploy/.env; SECRETS_DIR=... writes elsewhere)
set -euo pipefail
HOST=${1:-localhost}
DIR=${SECRETS_DIR:-"$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets"}
mkdir -p "$DIR"
umask 077
pfx() { # name, subject, password
  openssl req -x509 -newkey rsa:3072 -nodes -days 730 -subj "/CN=$2" -keyout "$DIR/$1.key" -out "$DIR/$1.crt" 2>/dev/null
  openssl pkcs12 -export -inkey "$DIR/$1.key" -in "$DIR/$1.crt" -out "$DIR/$1.pfx" -passout "pass:$3"
  rm -f "$DIR/$1.key" "$DIR/$1.crt"
}
SIGNING_PASSWORD=$(openssl rand -hex 16)
ENCRYPTION_PASSWORD=$(openssl rand -hex 16)
pfx signing "CounselConnect signing" "$SIGNING_PASSWORD"
pfx encryption "CounselConnect encryption" "$ENCRYPTION_PASSWORD"
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
  -keyout "$DIR/tls.key" -out "$DIR/tls.crt" 2>/dev/null
# The containers run as a non-root user and read these as bind mounts.
chmod 644 "$DIR"/*.pfx "$DIR"/tls.crt "$DIR"/tls.key
echo "# wrote $DIR/{signing.pfx,encryption.pfx,tls.crt,tls.key}; put these into deploy/.env:"
echo "SIGNING_CERTIFICATE_PASSWORD=$SIGNING_PASSWORD"
echo "ENCRYPTION_CERTIFICATE_PASSWORD=$ENCRYPTION_PASSWORD"
echo "ENCRYPTION_MASTER_KEY=$(openssl rand -base64 32)"
echo "TOKEN_ENCRYPTION_KEY=$(openssl rand -base64 32)"
