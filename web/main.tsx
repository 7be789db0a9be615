// Entry point. Order matters: fonts and UI5 assets (themes, CLDR, i18n) are registered from the
// bundle before the first component renders, so nothing is fetched from a CDN.
import './app/ui5-fonts.css'
import '@ui5/webcomponents-react/dist/Assets.js'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { applyInitialTheme } from './app/theme.ts'

applyInitialTheme()
const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
createRoot(container).render(<App />)
