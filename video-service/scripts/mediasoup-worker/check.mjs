// Acceptance check of a worker binary (MEDIASOUP_WORKER_BIN) through mediasoup's Node API:
// createWorker → router → WebRTC transport on 127.0.0.1, then a clean close. Exit 3: mediasoup not installed.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.resolve('video-service/package.json'));
let mediasoup;
try {
  mediasoup = require('mediasoup');
} catch {
  process.exit(3);
}
const worker = await mediasoup.createWorker({ logLevel: 'error' });
const router = await worker.createRouter({
  mediaCodecs: [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  ],
});
const transport = await router.createWebRtcTransport({ listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }] });
const candidate = transport.iceCandidates[0];
if (!candidate || candidate.address !== '127.0.0.1')
  throw new Error(`unexpected ICE candidate ${JSON.stringify(candidate)}`);
if (transport.dtlsParameters.fingerprints.length === 0) throw new Error('no DTLS fingerprints');
console.log(`[build:worker] worker pid ${worker.pid}: router and WebRTC transport on 127.0.0.1:${candidate.port} ok`);
transport.close();
router.close();
worker.close();
