// The progress page of `npm start` (served by scripts/startup-progress.ts before the dashboard
// runs). Polls GET /api/startup; when that path stops answering with progress — the BFF has taken
// the address over — it loads the dashboard in place of this page.
const steps = document.getElementById('steps')
const summary = document.getElementById('summary')
const lines = document.getElementById('lines')

function seconds(ms) {
  const s = Math.round(ms / 1000)
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`
}

function render(p) {
  steps.replaceChildren(
    ...p.steps.map((s) => {
      const li = document.createElement('li')
      li.dataset.state = s.state
      const took =
        s.state === 'running' && s.startedAt
          ? ` — building for ${seconds(p.now - s.startedAt)}`
          : s.state === 'done'
            ? ' — done'
            : ''
      li.textContent = `${s.name}${took}`
      return li
    }),
  )
  const running = p.steps.find((s) => s.state === 'running')
  const left = p.steps.filter((s) => s.state === 'pending').map((s) => s.name)
  summary.textContent =
    `${running ? `Now: ${running.name}. ` : ''}Elapsed ${seconds(p.now - p.startedAt)}. ` +
    (left.length ? `Left: ${left.join(', ')}.` : 'Almost there.')
  lines.textContent = p.lines.join('\n')
}

async function poll() {
  try {
    const res = await fetch('/api/startup', { cache: 'no-store' })
    if (res.status === 404) {
      // The dashboard answers now.
      location.replace(location.href)
      return
    }
    if (res.ok) render(await res.json())
  } catch {
    // Between the progress server closing and the dashboard listening: keep asking.
  }
  setTimeout(poll, 1000)
}

void poll()
