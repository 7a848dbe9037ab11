# The per-container monitor. It is started in its own session (setsid) so that the container outlives the
# engine that started it, waits for `runc run` (which waits for the workload) and records the exit code in a
# file the engine reads later. Everything user-controlled arrives as positional parameters, never as text
# spliced into this script:
#   $1 runc binary  $2 runc state root  $3 runc log  $4 bundle dir  $5 pid file  $6 container id  $7 exit file
#   $8 this monitor's own pid file
printf '%s\n' "$$" > "$8.tmp" && mv -f "$8.tmp" "$8"
"$1" --root "$2" --log "$3" --log-format json run --bundle "$4" --pid-file "$5" "$6"
code=$?
reason=
if [ -d "$2/$6" ]; then
    # `runc run` deletes its state when the workload ends; state left behind means runc itself was killed, and
    # the workload would run on unwatched: it is killed too, and the record says why.
    "$1" --root "$2" delete --force "$6" >/dev/null 2>&1
    code=137
    reason="its runtime process (runc) was killed; the container was killed with it"
fi
printf '%s\n%s\n' "$code" "$reason" > "$7.tmp" && mv -f "$7.tmp" "$7"
