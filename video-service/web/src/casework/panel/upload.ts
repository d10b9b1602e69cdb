/**
 * Uploading a file to the case (`POST /api/casework/files`: the raw body, the name percent-encoded in
 * `X-File-Name`, the session as a Bearer token). XMLHttpRequest rather than fetch for upload progress.
 */
import type { CaseFileInfo } from '@virtuelles-amt/video-service/contract/casework';
import type { CaseworkBridge } from '../bridge.ts';

/** An upload the service refused (`UploadRefusal` codes) or that failed (`network`, `failed`). */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  readonly code: string;
  constructor(code: string) {
    super(code);
    this.code = code;
  }
}

export function uploadFile(
  bridge: CaseworkBridge,
  file: File,
  progress: (fraction: number) => void,
): Promise<CaseFileInfo> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${bridge.baseUrl}/api/casework/files`);
    const token = bridge.sessionToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) progress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new UploadError('network'));
    xhr.onload = () => {
      let body: { error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: the status tells
      }
      if (xhr.status === 201) resolve(body as CaseFileInfo);
      else reject(new UploadError(body.error ?? (xhr.status === 413 ? 'too_large' : 'failed')));
    };
    xhr.send(file);
  });
}
