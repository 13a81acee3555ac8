#!/usr/bin/env bash
# Installs (if needed) and starts PostgreSQL 15 from Debian's packages, with a test role and db.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null || [ ! -d /usr/lib/postgresql/15 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
if ! pg_lsclusters -h | grep -q '^15 *main'; then
  pg_createcluster 15 main >/dev/null
fi
pg_ctlcluster 15 main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432

su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='tsunagu'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE tsunagu LOGIN PASSWORD 'tsunagu' CREATEDB\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='tsunagu_test'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE DATABASE tsunagu_test OWNER tsunagu\""
