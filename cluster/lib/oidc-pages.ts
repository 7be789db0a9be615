// The local OpenID provider's three pages: sign-in, sign-out confirmation and signed-out. Plain
// HTML with inline styles and no external resources (the provider's defaults load web fonts from a
// CDN, which the browser tests forbid). Every dynamic value is HTML-escaped.

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

const page = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;background:#f5f6f7;margin:0;padding:3rem 1rem}
main{max-width:22rem;margin:0 auto;background:#fff;padding:1.5rem 2rem;border-radius:.75rem;
box-shadow:0 1px 4px rgba(0,0,0,.15)}h1{font-size:1.25rem}label{display:block;margin:.75rem 0 .25rem}
input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
button{margin-top:1rem;width:100%;padding:.6rem;font-size:1rem;background:#0a6ed1;color:#fff;border:0;
border-radius:.5rem;cursor:pointer}p.error{color:#b00}small{color:#556}
</style></head><body><main>${body}</main></body></html>`

export function loginPage(uid: string, error: string | undefined): string {
  return page(
    'Sign in – local OpenID provider',
    `<h1>Sign in to the local cluster</h1>
<small>Local OpenID provider of the Kyma APIRules Dashboard. Users and passwords are in the
cluster's state dir (<code>oidc-users.json</code>).</small>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login" autocomplete="off">
<label for="login">E-mail</label><input id="login" name="login" type="email" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button></form>`,
  )
}

/** `form` is the provider's own hidden form (with its CSRF secret); it is submitted by our button. */
export function logoutPage(form: string): string {
  return page(
    'Sign out – local OpenID provider',
    `<h1>Sign out of the local cluster?</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`,
  )
}

export function loggedOutPage(): string {
  return page('Signed out', '<h1>Signed out</h1><p>You are signed out of the local cluster.</p>')
}
