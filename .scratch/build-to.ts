import { buildRoomUi } from '../video-service/web/build.ts';
const r = await buildRoomUi({ outDir: process.argv[2]! });
console.log(process.argv[2], (r.initialJsGzipBytes / 1024).toFixed(2), 'KB');
