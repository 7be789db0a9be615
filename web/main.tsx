// Entry point. Order matters: fonts and UI5 assets (themes, English CLDR data; see ui5-assets.ts) are
// registered from the bundle before the first component renders, so nothing is fetched from a CDN.
import './app/ui5-fonts.css'
import './app/ui5-assets.ts'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { applyInitialTheme } from './app/theme.ts'

applyInitialTheme()
const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
createRoot(container).render(<App />)
