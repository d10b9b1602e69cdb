// The demo scheduler's page script: a plug-in token from the demo's own backend, handed to the elements as a
// property (never an attribute), renewed when they say it expired.
import '/scheduler/elements.js';

async function freshToken() {
  const res = await fetch('/scheduler/token', { method: 'POST', headers: { 'x-va-demo': '1' } });
  if (!res.ok) return null;
  return (await res.json()).token;
}

const badge = document.querySelector('va-waiting-badge');
badge.token = await freshToken();
document.addEventListener('va-token-expired', async () => {
  badge.token = await freshToken();
});
