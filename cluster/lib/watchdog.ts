// No child outlives its Node parent, however the parent ends (SIGKILL included, which no exit hook
// sees; Node cannot set PR_SET_PDEATHSIG on its children). One small `sh` per Node process, in its
// own session (terminal signals do not reach it), reads process-group ids from a pipe whose write
// end only the parent holds: "+<pgid>" when a child starts, "-<pgid>" once it has been stopped. When
// the parent dies the kernel closes the pipe, `read` sees EOF, and the watchdog stops the groups
// still listed, newest first (the controller before kube-apiserver before etcd): SIGTERM, up to 5 s,
// then SIGKILL. After a normal stop the list is empty and it just exits.
import { type ChildProcess, spawn } from 'node:child_process'
import type { Socket } from 'node:net'

const SCRIPT = `
trap '' INT HUP
groups=""
while IFS= read -r line; do
  case "$line" in
    +*) groups="\${line#+} $groups" ;;
    -*) keep=""; for g in $groups; do [ "$g" = "\${line#-}" ] || keep="$keep $g"; done; groups=$keep ;;
  esac
done
for g in $groups; do
  kill -TERM -"$g" 2>/dev/null || continue
  i=0
  while kill -0 -"$g" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
  kill -KILL -"$g" 2>/dev/null
done
`

let watchdog: ChildProcess | undefined

function send(line: string) {
  if (!watchdog) {
    watchdog = spawn('sh', ['-c', SCRIPT], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] })
    // Neither keeps this process alive: the watchdog lives exactly as long as we do.
    watchdog.unref()
    ;(watchdog.stdin as Socket | null)?.unref()
    watchdog.stdin?.on('error', () => {})
  }
  watchdog.stdin?.write(`${line}\n`)
}

/** Stop process group `pgid` if this process dies before calling unwatch(pgid). */
export function watchGroup(pgid: number): void {
  send(`+${pgid}`)
}

export function unwatchGroup(pgid: number): void {
  if (watchdog) send(`-${pgid}`)
}

/** The watchdog's pid (tests check that it is gone once its parent is). */
export function watchdogPid(): number | undefined {
  return watchdog?.pid
}
