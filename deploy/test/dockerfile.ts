// A minimal Dockerfile reader for tests: joins continuation lines, drops comments and parser
// directives, splits instructions into stages, and substitutes global ARG defaults in FROM.
// Enough to check our own Dockerfile's properties; not a general parser.

export interface Instruction {
  /** Upper-case keyword, e.g. RUN. */
  keyword: string
  /** Everything after the keyword, continuation lines joined with a space. */
  args: string
  line: number
}

export interface Stage {
  /** Image after global ARG substitution. */
  image: string
  name: string | null
  instructions: Instruction[]
}

export interface Dockerfile {
  globalArgs: Record<string, string>
  stages: Stage[]
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = []
  let pending: { text: string; line: number } | null = null
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim()
    // Comments (and `# syntax=` directives) are skipped, even between continuation lines.
    if (trimmed.startsWith('#')) return
    if (pending === null && trimmed === '') return
    const continued = trimmed.endsWith('\\')
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed
    pending =
      pending === null
        ? { text: part, line: index + 1 }
        : { ...pending, text: `${pending.text} ${part}`.trim() }
    if (!continued) {
      const match = /^(\S+)\s*(.*)$/.exec(pending.text)
      if (match)
        instructions.push({
          keyword: (match[1] ?? '').toUpperCase(),
          args: match[2] ?? '',
          line: pending.line,
        })
      pending = null
    }
  })

  const globalArgs: Record<string, string> = {}
  const stages: Stage[] = []
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.split(/\s+/)
      stages.push({
        image: image.replace(/\$\{?(\w+)\}?/g, (_m, v: string) => globalArgs[v] ?? ''),
        name: as?.toUpperCase() === 'AS' && name ? name : null,
        instructions: [],
      })
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG')
        throw new Error(`line ${instruction.line}: ${instruction.keyword} before FROM`)
      const [key = '', value = ''] = instruction.args.split('=', 2)
      globalArgs[key.trim()] = value.trim()
    } else {
      stages.at(-1)?.instructions.push(instruction)
    }
  }
  return { globalArgs, stages }
}

/** The shell commands of a RUN, split on && ; || and |. */
export function shellCommands(run: string): string[] {
  return run
    .split(/&&|\|\||;|\|/)
    .map((c) => c.trim().replace(/\s+/g, ' '))
    .filter((c) => c !== '')
}
