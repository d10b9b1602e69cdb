/**
 * A signed token with its signature damaged, for tests of forgery. One character in the middle of the part
 * after the last `.` is replaced: the end of a base64url MAC holds padding bits, and a replacement there can
 * decode to the same bytes or equal the original (a test once passed a genuine token off as forged).
 */
export function forgedSignature(token: string): string {
  const start = token.lastIndexOf('.') + 1;
  const middle = start + Math.floor((token.length - start) / 2);
  return `${token.slice(0, middle)}${token[middle] === 'A' ? 'B' : 'A'}${token.slice(middle + 1)}`;
}
