// The floor for a Node proxy here: a bare pass-through to kube-apiserver on Node's http server and
// undici, with nothing else — no Host/Origin checks, no path allowlist, no logging, no Status
// shaping. It answers /healthz itself and sends every other request, with the admin bearer token,
// to the API server, streaming the body back. The proxy benchmark runs it in its own process as a
// same-run reference: what the BFF could reach at best on this machine with this runtime.
//   node bench/lib/bare-proxy.ts <port> <api-server-url> <ca-file> <token-file>
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { pipeline } from 'node:stream/promises'
import { Agent, request } from 'undici'

const [portArg, server, caFile, tokenFile] = process.argv.slice(2)
if (!portArg || !server || !caFile || !tokenFile) {
  console.error(
    'usage: node bench/lib/bare-proxy.ts <port> <api-server-url> <ca-file> <token-file>',
  )
  process.exit(2)
}
const authorization = `Bearer ${readFileSync(tokenFile, 'utf8').trim()}`
const dispatcher = new Agent({
  connect: { ca: readFileSync(caFile, 'utf8') },
  keepAliveTimeout: 30_000,
})
// Hop-by-hop headers (RFC 9110 §7.6.1) are not forwarded.
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host'])

createServer(async (req, res) => {
  if (req.url === '/healthz') return void res.end('ok')
  const headers: Record<string, string> = { authorization }
  for (const [k, v] of Object.entries(req.headers))
    if (typeof v === 'string' && !HOP.has(k) && k !== 'authorization') headers[k] = v
  try {
    const upstream = await request(`${server}${req.url}`, {
      method: req.method as 'GET',
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? null : req,
      dispatcher,
    })
    const out: Record<string, string | string[]> = {}
    for (const [k, v] of Object.entries(upstream.headers))
      if (v !== undefined && !HOP.has(k)) out[k] = v
    res.writeHead(upstream.statusCode, out)
    await pipeline(upstream.body, res)
  } catch (error) {
    if (!res.headersSent) res.writeHead(502)
    res.end(String(error))
  }
}).listen(Number(portArg), '127.0.0.1')
