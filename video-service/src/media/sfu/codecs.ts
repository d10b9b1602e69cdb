/**
 * Codecs every room router offers: Opus for audio; VP8 and H264 (constrained baseline, packetization
 * mode 1) for video, so Safari on iOS and hardware encoders find a common codec.
 * See https://mediasoup.org/documentation/v3/mediasoup/rtp-parameters-and-capabilities/.
 */
import type { types } from 'mediasoup';

export const ROOM_MEDIA_CODECS: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
      'x-google-start-bitrate': 1000,
    },
  },
];
