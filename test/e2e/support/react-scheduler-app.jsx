/** @jsxImportSource react */
/**
 * TEST ONLY: a scheduler's React page (bundled by test/e2e/ui-plugins-workplace.test.ts with esbuild, react and
 * react-dom from npm) that renders the plug-ins' React components with the hook, against the built package.
 * The token comes from the scheduler's own backend (/token), which asks the connector with its API key.
 */
import { createRoot } from 'react-dom/client';
import { AppointmentList, JoinButton, useVirtuellesAmt, WaitingBadge } from '@virtuelles-amt/ui-plugins/react';

const config = JSON.parse(document.getElementById('config').textContent);

async function getToken() {
  const res = await fetch('/token', { method: 'POST' });
  return (await res.json()).token;
}

function Scheduler() {
  const va = useVirtuellesAmt({ connectorUrl: config.connectorUrl, getToken, lang: document.documentElement.lang });
  const first = va.rows[0];
  return (
    <main>
      <h1>Scheduler (React)</h1>
      <p>
        <WaitingBadge va={va} />
      </p>
      <AppointmentList va={va} />
      <p className="first-join">{first ? <JoinButton va={va} appointmentId={first.id} /> : null}</p>
    </main>
  );
}

createRoot(document.getElementById('app')).render(<Scheduler />);
