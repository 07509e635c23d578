# shellcheck shell=bash
# Sourced by bench/wrk (not executed): what each route class sends, as a wrk Lua script and as one curl request
# (the readiness check before a target, and the sample shown when a target answered non-2xx).
#
# Kinds: read (GET $path, a crowd of client ids), write-direct / write-gateway (POST /api/v1/ratings), cms (GET a
# CMS list with a moderator's token). Every player request carries an X-Client-Id of 100,000 and an
# X-Forwarded-For address of its own derived from it (one client per address, so no address reaches the per-item
# rating cap either); direct on rating-service the request also carries the X-Client-Address the gateway would set.

lua_random_seed='math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))'

# shellcheck disable=SC2016 # Lua source, not shell
lua_client='local function client()
  local id = math.random(1, 100000)
  return "bench-" .. id, "10." .. math.floor(id / 65536) .. "." .. (math.floor(id / 256) % 256) .. "." .. (id % 256)
end'

# The seed catalogue's item ids as a Lua list: what a player rates.
lua_items() {
  printf 'local items = {'
  grep -ho '"id": *"[^"]*"' "$root"/cms-service/src/main/resources/seed/*.json | sed 's/.*: *"\(.*\)"/"\1",/' | tr -d '\n'
  printf '}\n'
}

lua_read() {
  cat <<LUA
$lua_random_seed
$lua_client
request = function()
  local id, address = client()
  return wrk.format(nil, nil, { ["X-Client-Id"] = id, ["X-Forwarded-For"] = address })
end
LUA
}

# lua_write direct|gateway
lua_write() {
  local told_address=false idempotency=true
  [ "$1" != direct ] || told_address=true
  [ "${BENCH_IDEMPOTENCY_KEYS:-on}" != off ] || idempotency=false
  lua_items
  cat <<LUA
$lua_random_seed
$lua_client
request = function()
  local id, address = client()
  local headers = { ["Content-Type"] = "application/json", ["X-Client-Id"] = id, ["X-Forwarded-For"] = address }
  if $told_address then headers["X-Client-Address"] = address end
  if $idempotency then
    headers["Idempotency-Key"] = string.format("bench-%08x%08x", math.random(0, 2147483647), math.random(0, 2147483647))
  end
  local body = '{"content_id":"' .. items[math.random(1, #items)] .. '","rating":' .. math.random(1, 5) .. '}'
  return wrk.format("POST", nil, headers, body)
end
LUA
}

lua_cms() {
  cat <<LUA
wrk.headers["Authorization"] = "Bearer $(cms_token)"
LUA
}

# lua_script kind → the script's path, or nothing when the kind sends plain GETs (BENCH_CLIENT_IDS=none)
lua_script() {
  local kind=$1 file="$tmp/$1.lua"
  case "$kind" in
    read) [ "${BENCH_CLIENT_IDS:-random}" != none ] || return 0; lua_read >"$file" ;;
    write-direct) lua_write direct >"$file" ;;
    write-gateway) lua_write gateway >"$file" ;;
    cms) lua_cms >"$file" ;;
  esac
  echo "$file"
}

# A moderator's token from CMS's login (direct on cms-service: the gateway limits logins to 10/minute per
# address). Tokens live 5 minutes: a fresh one is taken for each wrk run.
cms_token() {
  local user="${BENCH_CMS_USERNAME:-${CMS_ADMIN_USERNAME:-admin}}" password answer body
  password=$(cms_password)
  if [ -z "$password" ]; then
    echo "error: no CMS password: set BENCH_CMS_PASSWORD (or CMS_ADMIN_PASSWORD), the one ./run printed" >&2
    return 1
  fi
  body=$(jq -cn --arg u "$user" --arg p "$password" '{username: $u, password: $p}' 2>/dev/null ||
    printf '{"username":"%s","password":"%s"}' "$user" "$password")
  answer=$(curl -s -XPOST "$cms/api/v1/cms/auth/token" -H 'Content-Type: application/json' -d "$body" || true)
  # shellcheck disable=SC2001 # a regex capture, not a substitution
  case "$answer" in
    *'"access_token"'*) sed 's/.*"access_token" *: *"\([^"]*\)".*/\1/' <<<"$answer" ;;
    *) echo "error: CMS login of '$user' at $cms failed: $answer" >&2; return 1 ;;
  esac
}

# sample_request kind url → one request of that kind with curl; prints "<status> <first 300 bytes of the body>"
sample_request() {
  local kind=$1 url=$2 id=$((RANDOM * 3 + 1)) address
  address="10.0.$((id / 256 % 256)).$((id % 256))"
  local -a args=(-s -o "$tmp/sample.body" -w '%{http_code}' -H "X-Client-Id: bench-$id" -H "X-Forwarded-For: $address")
  case "$kind" in
    write-*)
      [ "$kind" != write-direct ] || args+=(-H "X-Client-Address: $address")
      [ "${BENCH_IDEMPOTENCY_KEYS:-on}" = off ] || args+=(-H "Idempotency-Key: bench-sample-$RANDOM$RANDOM")
      args+=(-XPOST -H 'Content-Type: application/json' -d '{"content_id":"truth-001","rating":5}') ;;
    cms) args=(-s -o "$tmp/sample.body" -w '%{http_code}' -H "Authorization: Bearer $(cms_token)") ;;
  esac
  local status
  status=$(curl "${args[@]}" "$url" || true)
  echo "$status $(head -c 300 "$tmp/sample.body" 2>/dev/null | tr '\n' ' ')"
}
