// Throwaway PKI for the local API server, made with the system `openssl` (no Go or npm crypto
// package needed). Files are reused when present, so a persistent state dir keeps a stable CA and the
// kubeconfig copied elsewhere keeps working across restarts.
import { access, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runChecked } from './exec.ts'

export interface Pki {
  caCert: string
  caKey: string
  serverCert: string
  serverKey: string
  /** Service-account token signing key pair (TokenRequest works without a controller manager). */
  saKey: string
  saPub: string
}

export function pkiPaths(dir: string): Pki {
  return {
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'apiserver.crt'),
    serverKey: join(dir, 'apiserver.key'),
    saKey: join(dir, 'sa.key'),
    saPub: join(dir, 'sa.pub'),
  }
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  )

// The in-cluster names and 10.96.0.1 (first IP of the service range) keep the cert valid for
// clients that use the `kubernetes` Service, like a controller run later against this server.
const serverSans = [
  'DNS:localhost',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
  'DNS:kubernetes.default.svc.cluster.local',
  'IP:127.0.0.1',
  'IP:10.96.0.1',
]

// EC keys: generated in milliseconds, which keeps a fresh test cluster's start fast.
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']

/** A new EC key `<name>.key` and its signing request `<name>.csr` in `dir`. */
async function newEcRequest(dir: string, name: string, subject: string): Promise<void> {
  await runChecked(
    'openssl',
    ['req', '-new', ...EC_KEY, '-subj', subject, '-keyout', `${name}.key`, '-out', `${name}.csr`],
    { cwd: dir },
  )
}

/**
 * Signs `<name>.csr` in `dir` with the cluster CA into `<name>.crt`, with the X.509 extensions
 * `extensions` (written to `<name>.ext`). `ca` paths are relative to `dir` or absolute.
 */
async function signWithClusterCa(
  dir: string,
  name: string,
  extensions: string,
  ca: { cert: string; key: string } = { cert: 'ca.crt', key: 'ca.key' },
  days = 3650,
): Promise<void> {
  await writeFile(join(dir, `${name}.ext`), extensions)
  await runChecked(
    'openssl',
    [
      ...['x509', '-req', '-in', `${name}.csr`, '-out', `${name}.crt`],
      ...['-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', String(days)],
      ...['-extfile', `${name}.ext`],
    ],
    { cwd: dir },
  )
}

export async function ensurePki(dir: string): Promise<Pki> {
  const p = pkiPaths(dir)
  // Runs in `dir` with bare file names, so a command line can be one readable string.
  const ossl = (cmd: string) => runChecked('openssl', cmd.split(' '), { cwd: dir })
  const ec = EC_KEY.join(' ')
  if (!(await exists(p.caCert)) || !(await exists(p.caKey))) {
    await ossl(
      `req -x509 -new ${ec} -days 3650 -subj /CN=kyma-apirules-dashboard-local-ca ` +
        '-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign ' +
        '-keyout ca.key -out ca.crt',
    )
  }
  if (!(await exists(p.serverCert)) || !(await exists(p.serverKey))) {
    await newEcRequest(dir, 'apiserver', '/CN=kube-apiserver')
    await signWithClusterCa(
      dir,
      'apiserver',
      `subjectAltName=${serverSans.join(',')}\nextendedKeyUsage=serverAuth\n` +
        'keyUsage=critical,digitalSignature\n',
    )
  }
  if (!(await exists(p.saKey)) || !(await exists(p.saPub))) {
    await ossl('genrsa -out sa.key 2048')
    await ossl('rsa -in sa.key -pubout -out sa.pub')
  }
  return p
}

/** A client certificate signed by the cluster CA: `<name>.crt`/`<name>.key`, CN `user`, O `groups`. */
export async function ensureClientCert(
  dir: string,
  name: string,
  user: string,
  groups: string[] = [],
): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.crt`)
  const key = join(dir, `${name}.key`)
  if ((await exists(cert)) && (await exists(key))) return { cert, key }
  await newEcRequest(dir, name, `/CN=${user}${groups.map((g) => `/O=${g}`).join('')}`)
  await signWithClusterCa(
    dir,
    name,
    'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n',
  )
  return { cert, key }
}

/**
 * The serving certificate of the API Gateway controller's webhook (conversion on 127.0.0.1, on a
 * port chosen per cluster).
 * The controller checks it the way it checks its own: `tls.crt` = leaf + CA, verifiable for more
 * than 14 days, with the serverAuth usage; `tls.key` an RSA key in PKCS#1 form (it parses it with
 * ParsePKCS1PrivateKey). Otherwise it replaces the Secret with a certificate for its in-cluster
 * Service name, which 127.0.0.1 does not match.
 */
export async function ensureWebhookCert(dir: string): Promise<{ chain: string; key: string }> {
  const cert = join(dir, 'webhook.crt')
  const key = join(dir, 'webhook.key')
  if (!(await exists(cert)) || !(await exists(key))) {
    const ossl = (args: string[]) => runChecked('openssl', args, { cwd: dir })
    await ossl(['genrsa', '-traditional', '-out', 'webhook.key', '2048'])
    await ossl([
      'req',
      '-new',
      '-key',
      'webhook.key',
      '-subj',
      '/CN=127.0.0.1',
      '-out',
      'webhook.csr',
    ])
    await signWithClusterCa(
      dir,
      'webhook',
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' +
        'keyUsage=critical,digitalSignature,keyEncipherment\n',
    )
  }
  const [leaf, ca, pem] = await Promise.all([
    readFile(cert, 'utf8'),
    readFile(join(dir, 'ca.crt'), 'utf8'),
    readFile(key, 'utf8'),
  ])
  return { chain: leaf + ca, key: pem }
}

/**
 * A serving certificate for another loopback service of the local cluster (e.g. the OpenID
 * provider), signed by the cluster CA so that kube-apiserver and the BFF trust it as they trust the
 * API server. Made anew on each call: it is cheap, and the files live beside the service's state.
 */
export async function issueServingCert(
  pki: Pki,
  dir: string,
  name: string,
): Promise<{ cert: string; key: string }> {
  await newEcRequest(dir, name, `/CN=${name}`)
  await signWithClusterCa(
    dir,
    name,
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' +
      'keyUsage=critical,digitalSignature\n',
    { cert: pki.caCert, key: pki.caKey },
    365,
  )
  return {
    cert: await readFile(join(dir, `${name}.crt`), 'utf8'),
    key: await readFile(join(dir, `${name}.key`), 'utf8'),
  }
}
