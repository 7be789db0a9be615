// Starts a BFF on a free port for a test and tells where it listens.
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildServer, type ServerDeps } from '../app.ts'
import type { Config } from '../config.ts'
import { testConfig } from './fake-upstream.ts'

export interface RunningBff {
  app: FastifyInstance
  port: number
  origin: string
  close(): Promise<void>
}

export async function startBff(
  overrides: Partial<Config>,
  deps: ServerDeps = {},
): Promise<RunningBff> {
  const app = await buildServer(testConfig(overrides), deps)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return { app, port, origin: `http://127.0.0.1:${port}`, close: () => app.close() }
}
