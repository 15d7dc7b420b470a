#!/bin/sh
# Downloads a published blocklist, keeps only its prefixes, and applies it with Terraform when it changed.
# Run it from blocklist-refresh.timer (or cron: `17 */4 * * * /srv/terraform/blocklist/refresh-blocklist.sh`).
# The download goes to a temporary file first: a failed or partial download never reaches the firewall, and the
# set keeps its last good elements. Terraform's plan is empty when the list did not change.
set -eu

URL="${BLOCKLIST_URL:-https://www.spamhaus.org/drop/drop.txt}"
DIR="$(cd "$(dirname "$0")" && pwd)"
TMP="$(mktemp "$DIR/.blocklist.XXXXXX")"
trap 'rm -f "$TMP" "$TMP.raw"' EXIT

curl --fail --silent --show-error --max-time 60 --output "$TMP.raw" "$URL"
# Spamhaus DROP: "1.2.3.0/24 ; SBL123" -> "1.2.3.0/24"; comment lines start with ";"
sed -e 's/;.*//' -e 's/[[:space:]]*$//' "$TMP.raw" | grep -E '^[0-9]' > "$TMP"
# refuse an implausibly short list (a broken download page) instead of emptying the set
[ "$(wc -l < "$TMP")" -ge "${BLOCKLIST_MIN_LINES:-100}" ] || { echo "blocklist too short, not applied" >&2; exit 1; }

SHA="$(sha256sum "$TMP" | cut -d' ' -f1)"
mv "$TMP" "$DIR/blocklist.txt"
cd "$DIR"
terraform apply -input=false -auto-approve -no-color -var "blocklist_sha256=$SHA"
