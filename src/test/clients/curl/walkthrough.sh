#!/usr/bin/env bash
# A walk through the Salesforce emulator with plain HTTP: log in, create, read, update and delete
# a Task, query, queryAll, composite. Every request and its answer are printed.
#
#   bash src/test/clients/curl/walkthrough.sh [baseUrl]        (default http://localhost:8090)
#
# Needs bash and curl only. The sandbox's credentials are the defaults; override them with
# SF_USERNAME, SF_PASSWORD, SF_CLIENT_ID, SF_CLIENT_SECRET and the API version with SF_API_VERSION.
# Exits non-zero, saying what was expected, at the first answer that is not what Salesforce gives.
set -euo pipefail

BASE_URL=${1:-http://localhost:8090}
BASE_URL=${BASE_URL%/}
USERNAME=${SF_USERNAME:-integration@sandbox.example}
PASSWORD=${SF_PASSWORD:-sandbox}
CLIENT_ID=${SF_CLIENT_ID:-sandbox-client}
CLIENT_SECRET=${SF_CLIENT_SECRET:-sandbox-secret}
API=v${SF_API_VERSION:-62.0}

STATUS=
BODY=

# call EXPECTED_STATUS METHOD URL [curl arguments...]: prints the request and the answer; the
# answer's status goes to STATUS and its body to BODY.
call() {
    local expected=$1 method=$2 url=$3
    shift 3
    printf '\n$ %s %s\n' "$method" "${url#"$INSTANCE_URL"}"
    local response
    response=$(curl -sS -X "$method" -H 'X-PrettyPrint: 1' -w $'\n%{http_code}' "$@" "$url")
    STATUS=${response##*$'\n'}
    BODY=${response%$'\n'*}
    printf 'HTTP %s\n' "$STATUS"
    if [[ -n $BODY ]]; then
        printf '%s\n' "$BODY"
    fi
    if [[ $STATUS != "$expected" ]]; then
        printf '\nFAIL: %s %s answered HTTP %s, expected %s\n' "$method" "$url" "$STATUS" "$expected" >&2
        exit 1
    fi
}

# field NAME: the first string value of "NAME" in BODY.
field() {
    local pattern="\"$1\"[[:space:]]*:[[:space:]]*\"([^\"]*)\""
    if [[ $BODY =~ $pattern ]]; then
        printf '%s' "${BASH_REMATCH[1]}"
    else
        printf '\nFAIL: no "%s" in the answer\n' "$1" >&2
        exit 1
    fi
}

# expect TEXT: fails unless BODY contains TEXT (compared without spaces).
expect() {
    local squeezed=${BODY//[[:space:]]/}
    if [[ $squeezed != *"$1"* ]]; then
        printf '\nFAIL: expected the answer to contain %s\n' "$1" >&2
        exit 1
    fi
}

rest() {
    local expected=$1 method=$2 path=$3
    shift 3
    call "$expected" "$method" "$INSTANCE_URL/services/data/$API/$path" \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"
}

INSTANCE_URL=$BASE_URL
echo "Salesforce walk-through against $BASE_URL (API $API)"

echo
echo "## 1. Log in: OAuth 2.0 username-password flow"
call 200 POST "$BASE_URL/services/oauth2/token" \
    --data-urlencode grant_type=password \
    --data-urlencode "client_id=$CLIENT_ID" --data-urlencode "client_secret=$CLIENT_SECRET" \
    --data-urlencode "username=$USERNAME" --data-urlencode "password=$PASSWORD"
TOKEN=$(field access_token)
INSTANCE_URL=$(field instance_url)

echo
echo "## 2. Create a Task"
rest 201 POST sobjects/Task \
    -d '{"Subject":"Walk-through call","Status":"Not Started","Priority":"Normal","ActivityDate":"2030-01-15"}'
TASK_ID=$(field id)
expect '"success":true'

echo
echo "## 3. Read it"
rest 200 GET "sobjects/Task/$TASK_ID?fields=Subject,Status,Priority,ActivityDate,IsClosed"
expect '"Status":"NotStarted"'

echo
echo "## 4. Update it (204, no body), then read it again"
rest 204 PATCH "sobjects/Task/$TASK_ID" -d '{"Status":"Completed","Description":"Done in the walk-through"}'
rest 200 GET "sobjects/Task/$TASK_ID?fields=Status,IsClosed,Description,LastModifiedDate"
expect '"IsClosed":true'

echo
echo "## 5. Query"
rest 200 GET query/ -G --data-urlencode "q=SELECT Id, Subject, Status FROM Task WHERE Id = '$TASK_ID'"
expect '"totalSize":1'

echo
echo "## 6. A bad value is refused as Salesforce refuses it"
rest 400 PATCH "sobjects/Task/$TASK_ID" -d '{"Priority":"Urgent"}'
expect '"errorCode":"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"'

echo
echo "## 7. Delete it; query no longer sees it, queryAll does (IsDeleted true)"
rest 204 DELETE "sobjects/Task/$TASK_ID"
rest 200 GET query/ -G --data-urlencode "q=SELECT Id FROM Task WHERE Id = '$TASK_ID'"
expect '"totalSize":0'
rest 200 GET queryAll/ -G --data-urlencode "q=SELECT Id, Subject, IsDeleted FROM Task WHERE Id = '$TASK_ID'"
expect '"IsDeleted":true'
rest 404 GET "sobjects/Task/$TASK_ID"
expect '"errorCode":"ENTITY_IS_DELETED"'

echo
echo "## 8. Composite: create a Task and read it back through a reference, in one call"
rest 200 POST composite -d '{
  "allOrNone": true,
  "compositeRequest": [
    {"method": "POST", "url": "/services/data/'"$API"'/sobjects/Task", "referenceId": "newTask",
     "body": {"Subject": "Walk-through composite", "Status": "Not Started", "Priority": "Low"}},
    {"method": "GET", "url": "/services/data/'"$API"'/sobjects/Task/@{newTask.id}?fields=Subject,Priority",
     "referenceId": "readTask"}
  ]
}'
expect '"httpStatusCode":201'
expect '"Subject":"Walk-throughcomposite"'
COMPOSITE_ID=$(field id)

echo
echo "## 9. sObject Collections: delete it"
rest 200 DELETE "composite/sobjects?ids=$COMPOSITE_ID&allOrNone=true"
expect '"success":true'

echo
echo "## 10. Limits (every answer above also carried Sforce-Limit-Info: api-usage=N/M)"
rest 200 GET limits/
expect '"DailyApiRequests"'

echo
echo "Walk-through done: every answer was what Salesforce gives."
