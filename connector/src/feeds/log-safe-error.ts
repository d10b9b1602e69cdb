/**
 * Errors as the feed code logs them: name, message and stack only. Database errors carry the SQL and
 * its values (citizen names, addresses) in extra properties that pino would otherwise print.
 */
export function safeError(err: unknown): { name: string; message: string; stack?: string } {
  if (!(err instanceof Error)) return { name: 'NonError', message: String(err).slice(0, 200) };
  return { name: err.name, message: err.message.slice(0, 500), ...(err.stack ? { stack: err.stack } : {}) };
}
