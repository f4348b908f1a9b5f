#!/usr/bin/env bash
# The documented flow as plain curl calls, written from the seed skill: token, session, upload, chat
# turn, credits, state, export, poll, download. Usage: curl_flow.sh BASE_URL MEDIA_DIR OUT_DIR
# (MEDIA_DIR holds sunset.png, clip.mp4, song.mp3). Exits non-zero at the first step that fails.
set -euo pipefail
BASE="${1:-${NEMO_API_URL:?give the engine URL}}"
MEDIA="${2:?media folder}"
OUT="${3:?output folder}"
CLIENT_ID="curl-$(date +%s)-$$"
ATTR=(-H "X-Skill-Source: generator-online" -H "X-Skill-Version: 1.0.0" -H "X-Skill-Platform: unknown")

field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }
fail() { echo "curl_flow: $*" >&2; exit 1; }

# 1. anonymous token
TOKEN=$(curl -sS -X POST "$BASE/api/auth/anonymous-token" -H "X-Client-Id: $CLIENT_ID" | field token)
[[ "$TOKEN" == nmv_usr_* ]] || fail "no token"
AUTH=(-H "Authorization: Bearer $TOKEN" "${ATTR[@]}")

# 2. session
SESSION=$(curl -sS -X POST "$BASE/api/tasks/me/with-session/nemo_agent" "${AUTH[@]}" \
  -H "Content-Type: application/json" -d '{"task_name":"project","language":"en"}' | field session_id)
[[ -n "$SESSION" ]] || fail "no session"

# 3. upload (several files in one call)
UPLOAD=$(curl -sS -X POST "$BASE/api/upload-video/nemo_agent/me/$SESSION" "${AUTH[@]}" \
  -F "files=@$MEDIA/sunset.png" -F "files=@$MEDIA/clip.mp4" -F "files=@$MEDIA/song.mp3")
[[ "$UPLOAD" == '{"code":0,'* ]] || fail "upload: $UPLOAD"
[[ $(grep -o '"src":"media:' <<<"$UPLOAD" | wc -l) -eq 3 ]] || fail "upload listed $UPLOAD"

# 4. a chat turn over SSE
STREAM=$(curl -sS -N --max-time 900 -X POST "$BASE/run_sse" "${AUTH[@]}" \
  -H "Content-Type: application/json" -H "Accept: text/event-stream" \
  -d "{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"$SESSION\",\"new_message\":{\"parts\":[{\"text\":\"generate a 4-second video from this script: Hello from curl. It works.\"}]}}")
grep -q '^id: ' <<<"$STREAM" || fail "no id: lines in the stream"
grep -q '"functionCall"' <<<"$STREAM" || fail "no tool call in the stream"
grep -q 'Timeline (' <<<"$STREAM" || fail "no timeline line in the reply"

# 5. credits
CREDITS=$(curl -sS "$BASE/api/credits/balance/simple" "${AUTH[@]}")
[[ "$CREDITS" == '{"code":0,"data":{"available":80,"frozen":0,"total":80}}' ]] || fail "credits: $CREDITS"

# 6. state: the draft is the first key of data.state
STATE=$(curl -sS "$BASE/api/state/nemo_agent/me/$SESSION/latest" "${AUTH[@]}")
DRAFT=$(sed 's/.*"state":{"draft":\(.*\),"video_infos":.*/\1/' <<<"$STATE")
[[ "$DRAFT" == '{"v":1,'* ]] || fail "no draft in state"

# 7. export at 180p, poll, download
RENDER="render_curl_$$"
SUBMIT=$(curl -sS -X POST "$BASE/api/render/proxy/lambda" "${AUTH[@]}" -H "Content-Type: application/json" \
  -d "{\"id\":\"$RENDER\",\"sessionId\":\"$SESSION\",\"draft\":$DRAFT,\"output\":{\"format\":\"mp4\",\"quality\":\"high\",\"resolution\":\"180p\"}}")
[[ $(field status <<<"$SUBMIT") =~ ^(pending|processing)$ ]] || fail "submit: $SUBMIT"
for _ in $(seq 1 600); do
  POLL=$(curl -sS "$BASE/api/render/proxy/lambda/$RENDER" "${AUTH[@]}")
  STATUS=$(field status <<<"$POLL")
  [[ "$STATUS" == completed || "$STATUS" == failed ]] && break
  sleep 0.2
done
[[ "$STATUS" == completed ]] || fail "render: $POLL"
URL=$(sed -n 's/.*"output":{"url":"\([^"]*\)".*/\1/p' <<<"$POLL")
curl -sS -f -o "$OUT/curl.mp4" "$URL" "${AUTH[@]}"
curl -sS -f -o "$OUT/curl-fallback.mp4" "$BASE/api/render/proxy/$RENDER/download" "${AUTH[@]}"
cmp -s "$OUT/curl.mp4" "$OUT/curl-fallback.mp4" || fail "the two downloads differ"
echo "curl_flow: ok $OUT/curl.mp4"
