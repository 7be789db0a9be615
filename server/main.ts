// CLI entry: `node server/main.ts [flags]` (see --help). Starts the BFF and shuts it down gracefully
// on SIGINT/SIGTERM: open watches are ended, in-flight requests finish, then the process exits.
import { ConfigError, helpText, parseConfig, wantsHelp } from './config.ts'
import { buildServer } from './app.ts'

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  if (wantsHelp(argv)) {
    process.stdout.write(`${helpText()}\n`)
    return
  }
  let config
  try {
    config = parseConfig(argv, process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`)
      process.exitCode = 2
      return
    }
    throw error
  }
  let app
  try {
    app = await buildServer(config)
  } catch (error) {
    process.stderr.write(`Cannot start: ${(error as Error).message}\n`)
    process.exitCode = 1
    return
  }
  const server = app
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    server.log.info({ signal }, 'shutting down')
    const deadline = setTimeout(() => {
      server.log.error('graceful shutdown timed out; exiting')
      process.exit(1)
    }, config.shutdownTimeoutMs)
    deadline.unref()
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.log.error({ err: error }, 'error during shutdown')
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
  await server.listen({ host: config.host, port: config.port })
}

await main()
