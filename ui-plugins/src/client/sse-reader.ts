/**
 * Reads Server-Sent Events from a fetch() response body (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 * The plug-ins use fetch rather than EventSource because EventSource cannot send an Authorization header, and a
 * token in the query string would end up in logs (DESIGN.md: tokens only in headers or URL fragments).
 */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/** Calls `onMessage` for every complete event until the stream ends; `onRetry` for `retry:` fields. */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onMessage: (m: SseMessage) => void,
  onRetry?: (ms: number) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let id: string | null = null;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const at = line.indexOf(':');
        const field = at < 0 ? line : line.slice(0, at);
        const text = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
        if (field === 'id') id = text;
        else if (field === 'event') event = text;
        else if (field === 'data') data.push(text);
        else if (field === 'retry' && /^\d+$/.test(text)) onRetry?.(Number(text));
      }
      if (data.length) onMessage({ id, event, data: data.join('\n') });
    }
  }
}
