// Free TCP ports on 127.0.0.1. There is a window between probing and the real bind, so callers
// retry the whole start when a process reports "address already in use".
import { createServer } from 'node:net'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => {
        if (addr && typeof addr === 'object') resolve(addr.port)
        else reject(new Error('could not read the probed port'))
      })
    })
  })
}
