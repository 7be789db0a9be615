// The V8 flags the BFF runs with: the image's CMD (checked by deploy/dockerfile.test.ts), `npm start`,
// `npm run server` and the benchmarks start `node <SERVER_NODE_FLAGS> server/main.ts`. V8 reads heap
// sizes when the process starts (v8.setFlagsFromString from main.ts comes too late for them).
//
// --max-semi-space-size=1: the young generation's two semi-spaces stop at 1 MiB instead of growing
// to 16 MiB each under load. The BFF's short-lived objects (per request and per watch event) are
// collected sooner and more often; its RSS drops by about 33 MB, idle and with 200 watches open
// (`npm run bench -- --only watch`, see the README's Performance section), for no measurable
// change in the proxy benchmark's throughput.
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1']
