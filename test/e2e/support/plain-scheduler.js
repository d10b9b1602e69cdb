// TEST ONLY: a scheduler's plain page script: gets a plug-in token from its own backend and hands it to the
// custom elements as a property (never as an attribute); renews it when an element says it expired.
import '/elements.js';

async function freshToken() {
  const res = await fetch('/token', { method: 'POST' });
  return (await res.json()).token;
}

const badge = document.querySelector('va-waiting-badge');
badge.token = await freshToken();
document.addEventListener('va-token-expired', async () => {
  badge.token = await freshToken();
});
