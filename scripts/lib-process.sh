# Sourced by the lanes' scripts: stopping a service they started.

# stop_pid FILE: stop the process whose pid FILE holds, cleanly, and
# with SIGKILL if it has not gone within 30 s.
stop_pid() {
	local pid
	pid=$(cat "$1" 2>/dev/null || true)
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid"
		local deadline=$((SECONDS + 30))
		while kill -0 "$pid" 2>/dev/null; do
			if [ $SECONDS -ge $deadline ]; then kill -9 "$pid" 2>/dev/null || true; fi
			sleep 0.2
		done
	fi
}

# wait_up URL SECONDS WHAT: wait until URL answers, for the process whose
# pid "$dir/pid" holds and whose output "$dir/$WHAT.log" has; if it ends
# or the deadline passes, show the log's end, stop it (the caller's stop)
# and fail.
wait_up() {
	local deadline=$((SECONDS + $2))
	until curl -sf "$1" >/dev/null 2>&1; do
		if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
			tail -20 "$dir/$3.log" >&2
			stop
			die "the $3 did not start"
		fi
		sleep 0.5
	done
}
