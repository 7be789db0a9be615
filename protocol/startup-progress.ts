// `GET /api/startup` while `npm start` is still building and starting (scripts/startup-progress.ts);
// the progress page (web/app/startup/) reads it. Once the dashboard runs, the path answers 404.

export interface StartupStep {
  name: string
  state: 'pending' | 'running' | 'done'
  /** ms since the epoch */
  startedAt?: number
  finishedAt?: number
}

export interface StartupProgress {
  startedAt: number
  now: number
  steps: StartupStep[]
  /** The last progress lines, as printed to the terminal. */
  lines: string[]
}
