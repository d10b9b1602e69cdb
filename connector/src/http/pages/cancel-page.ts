/**
 * The cancel page. Static HTML: /assets/cancel.js reads the token from the fragment, asks
 * /api/cancel/preview and fills in the details; nothing personal is in the HTML itself.
 */
import { page } from './layout.ts';

export function cancelPage(): string {
  return page({
    title: 'Termin absagen / Cancel appointment',
    scripts: ['/assets/cancel.js'],
    body: `<main id="main" class="va-main">
<h1>Termin absagen <span lang="en" class="va-en">Cancel appointment</span></h1>
<div id="va-status" class="va-status" role="status" aria-live="polite" tabindex="-1">
  <p>Termin wird geladen … <span lang="en" class="va-en">Loading your appointment …</span></p>
</div>
<section id="va-details" hidden aria-labelledby="va-details-heading">
  <h2 id="va-details-heading">Ihr Termin <span lang="en" class="va-en">Your appointment</span></h2>
  <dl class="va-facts">
    <dt>Anliegen <span lang="en" class="va-en">Subject</span></dt><dd id="va-title"></dd>
    <dt>Datum und Uhrzeit <span lang="en" class="va-en">Date and time</span></dt><dd id="va-when"></dd>
  </dl>
  <div id="va-confirm-area" hidden>
    <p>Möchten Sie diesen Termin verbindlich absagen? Das lässt sich nicht rückgängig machen.
      <span lang="en" class="va-en">Do you want to cancel this appointment? This cannot be undone.</span></p>
    <button id="va-confirm" type="button" class="va-button va-danger">
      Termin absagen <span lang="en">/ Cancel appointment</span>
    </button>
  </div>
</section>
<noscript><p>Diese Seite braucht JavaScript. <span lang="en">This page needs JavaScript.</span></p></noscript>
</main>`,
  });
}
