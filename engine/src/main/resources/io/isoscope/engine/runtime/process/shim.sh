# The per-container monitor. It is started in its own session (setsid) so that the container outlives the
# engine that started it, waits for `runc run` (which waits for the workload) and records the exit code in a
# file the engine reads later. Everything user-controlled arrives as positional parameters, never as text
# spliced into this script:
#   $1 runc binary  $2 runc state root  $3 runc log  $4 bundle dir  $5 pid file  $6 container id  $7 exit file
"$1" --root "$2" --log "$3" --log-format json run --bundle "$4" --pid-file "$5" "$6"
code=$?
printf '%s\n' "$code" > "$7.tmp" && mv -f "$7.tmp" "$7"
