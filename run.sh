#!/usr/bin/env bash
# Starts the reference host on http://127.0.0.1:5080 with its embedded SQLite database
# (samples/ReferenceHost/data/verification.db: `dotnet run --project samples/ReferenceHost` runs in the
# project folder, so the `admin ...` commands use the same file), seeding demo data on first start.
# Extra arguments go to the host (e.g. --urls, --Verification:...).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required: https://dotnet.microsoft.com/download (Debian: see README)." >&2
  exit 1
fi

echo "==> Installing the reading engines and model files (quick when already there)"
export VERIFICATION_MODELS="${VERIFICATION_MODELS:-$PWD/artifacts/models}"
scripts/install.sh run

echo "==> Building the reference host"
dotnet build samples/ReferenceHost -c Release -nologo -clp:ErrorsOnly

cat <<'MSG'

==> Starting Verification on http://127.0.0.1:5080
    Back office:  http://127.0.0.1:5080/backoffice/login
    API docs:     http://127.0.0.1:5080/swagger
    Health:       http://127.0.0.1:5080/health/ready
    On the very first start the admin e-mail is printed below; its password is in
    samples/ReferenceHost/data/keys/first-admin-password.txt (also shown below on a terminal).
    Other accounts: ./admin.sh create-analyst --email you@example.org --password '...' --role admin

MSG
exec dotnet run --no-build -c Release --project samples/ReferenceHost -- --Verification:Demo:Seed=true "$@"
