// Sends HTTP requests byte for byte over a socket, so that nothing (fetch, URL parsing, node:http's
// own checks) normalises a malicious path before it reaches the server under test.
import { connect } from 'node:net'

export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

export interface RawRequest {
  method: string
  target: string
  headers?: Record<string, string>
  body?: Buffer | string
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean
}

export function rawHttp(
  port: number,
  req: RawRequest,
  host = `127.0.0.1:${port}`,
): Promise<RawResponse> {
  const head: string[] = [
    `${req.method} ${req.target} HTTP/1.1`,
    `Host: ${host}`,
    'Connection: close',
  ]
  for (const [name, value] of Object.entries(req.headers ?? {})) head.push(`${name}: ${value}`)
  const body = req.body === undefined ? undefined : Buffer.from(req.body)
  if (body && req.chunked) head.push('Transfer-Encoding: chunked')
  else if (body) head.push(`Content-Length: ${body.length}`)
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', (error) => (chunks.length > 0 ? finish() : reject(error)))
    socket.on('end', finish)
    let done = false
    function finish() {
      if (done) return
      done = true
      socket.destroy()
      resolve(parseResponse(Buffer.concat(chunks)))
    }
    socket.write(`${head.join('\r\n')}\r\n\r\n`)
    if (body && req.chunked) {
      for (let at = 0; at < body.length; at += 64 * 1024) {
        const part = body.subarray(at, at + 64 * 1024)
        socket.write(`${part.length.toString(16)}\r\n`)
        socket.write(part)
        socket.write('\r\n')
      }
      socket.write('0\r\n\r\n')
    } else if (body) socket.write(body)
  })
}

function parseResponse(raw: Buffer): RawResponse {
  const text = raw.toString('latin1')
  const split = text.indexOf('\r\n\r\n')
  const headText = split === -1 ? text : text.slice(0, split)
  let body = split === -1 ? '' : text.slice(split + 4)
  const [statusLine = '', ...lines] = headText.split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body)
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: Buffer.from(body, 'latin1').toString('utf8'),
  }
}

function dechunk(body: string): string {
  let out = ''
  let at = 0
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at)
    if (lineEnd === -1) break
    const size = parseInt(body.slice(at, lineEnd), 16)
    if (!size) break
    out += body.slice(lineEnd + 2, lineEnd + 2 + size)
    at = lineEnd + 2 + size + 2
  }
  return out
}
