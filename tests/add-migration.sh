#!/usr/bin/env bash
# Adds a migration with the same name for all three providers: bash tests/add-migration.sh NameOfChange
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: add-migration.sh MigrationName}
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql SqlServer; do
  project=src/CounselConnect.Infrastructure.Migrations.$provider
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
