// Unit-test setup. Testing Library's findBy*/waitFor give up after 1 s by default; on a loaded
// 2-core machine a first render of UI5 components in jsdom can take longer than that. Like the
// test timeout, this limit only detects hangs; how fast things are is measured by `npm run bench`.
// UI5's locale data and themes come from the package (as in the app), never from its CDN fallback:
// tests run offline, and a fallback fetch only fails noisily.
if (typeof document !== 'undefined') {
  await import('@ui5/webcomponents-react/dist/Assets-node.js')
  const { configure } = await import('@testing-library/react')
  configure({ asyncUtilTimeout: 10_000 })
}

export {}
