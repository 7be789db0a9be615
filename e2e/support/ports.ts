// The ports of one e2e run. Several runs may share a machine (each with its own E2E_PORT), so the
// embedding spec's host pages take ports derived from it instead of fixed ones.

/** The dashboard's port. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 8181)
/** The embedding page's port: its origin is the one the dashboard allows to frame it. */
export const EMBED_HOST_PORT = E2E_PORT + 101
/** Another page's port, an origin the dashboard does not allow. */
export const OTHER_HOST_PORT = E2E_PORT + 102
