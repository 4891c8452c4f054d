# Shared by the command-line test scripts (source it after setting $bin):
# a scratch folder removed on exit, check "what" <command...> counting
# failures, run <args...> capturing the binary's output and exit code, and
# finish, which reports and sets the exit status.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check "what" <condition command...>
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}
run() {  # run <args...>: sets $code, $out and $err (also kept in $tmp/out, $tmp/err)
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
  code=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}
finish() {
  echo "$fails failure(s)"
  [ "$fails" -eq 0 ]
}
