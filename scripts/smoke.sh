#!/usr/bin/env bash
# Replays the public sample script's flow with curl against a running dev server
# (`npm run dev`): token, create session, navigation, input, then execute the session and save
# the Word document (to $OUT, default ./smoke-output.docx). Exits non-zero on any failure.
#   BASE_URL=http://127.0.0.1:8787 bash scripts/smoke.sh
set -euo pipefail

BASE_URL="${BASE_URL:-http://127.0.0.1:8787}"
DATASOURCE="b78c3707-d7c7-4fc7-b97f-87d70f63c1ac"
CLIENT_ID="CustomApiClient"
CLIENT_SECRET="CustomClient_Secret_123"
SCOPE="pd_ConnectWebApi"

json_field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];if(v===undefined)process.exit(1);console.log(v)})' "$1"; }

echo "1. token from $BASE_URL/ids/connect/token"
token=$(curl -sf -X POST "$BASE_URL/ids/connect/token" \
  -d "client_id=$CLIENT_ID" -d "client_secret=$CLIENT_SECRET" \
  -d "grant_type=client_credentials" -d "scope=$SCOPE" | json_field access_token)

# The public sample payload, byte for byte (demo/sample-payload.ts holds the same text).
SAMPLE='<primedocsConnect>
<Template Id="30b55516-80b5-41d7-801b-b31d6da376ac" />
<DocumentLanguage Code="es-es" />
<Forms>
<Value Key="Subject">From Sample Script</Value>
<Value Key="Notes">Sample Note</Value>
</Forms>
<Data>
<Value Key="InvoiceNumber">1234</Value>
</Data>
</primedocsConnect>'
DOWNLOAD='<Commands>
<OnSuccess><DownloadFile FileName="Factura {Data.InvoiceNumber}.docx"><Document/></DownloadFile></OnSuccess>
</Commands>
</primedocsConnect>'

create_session() {
  curl -sf -X POST "$BASE_URL/webapi/api/v3/$DATASOURCE/connect/session" \
    -H "Authorization: Bearer $token" -H "Content-Type: application/xml; charset=utf-8" \
    --data-binary "$1"
}

echo "2. create session"
session_json=$(create_session "$SAMPLE")
session_id=$(echo "$session_json" | json_field sessionId)
echo "   sessionId: $session_id"
echo "   web app:   $(echo "$session_json" | json_field url)"

echo "3. navigation"
curl -sf "$BASE_URL/webapi/api/v3/$DATASOURCE/connect/session/$session_id/navigation" \
  -H "Authorization: Bearer $token"
echo

echo "4. input"
curl -sf "$BASE_URL/webapi/api/v3/$DATASOURCE/connect/session/$session_id/input" \
  -H "Authorization: Bearer $token"
echo

echo "5. execute (DownloadFile) and save the document"
OUT="${OUT:-smoke-output.docx}"
exec_session=$(create_session "${SAMPLE/<\/primedocsConnect>/$DOWNLOAD}" | json_field sessionId)
headers=$(mktemp)
curl -sf -X POST "$BASE_URL/webapi/api/v3/$DATASOURCE/connect/session/$exec_session/execute" \
  -H "Authorization: Bearer $token" -D "$headers" -o "$OUT"
execution_id=$(grep -i '^x-execution-id:' "$headers" | tr -d '\r' | awk '{print $2}')
rm -f "$headers"
echo "   saved $OUT ($(wc -c < "$OUT") bytes), execution $execution_id"

echo "6. report"
curl -sf "$BASE_URL/webapi/api/v3/$DATASOURCE/connect/session/$exec_session/result/$execution_id" \
  -H "Authorization: Bearer $token"
echo

echo "smoke: ok"
