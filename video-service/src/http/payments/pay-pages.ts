/**
 * The sandbox provider's pay page (clearly a test: nothing is charged) and the page a pay page sends the
 * citizen back to. Both without scripts; German first, then English. The return page only asks the
 * provider for the status: coming back never marks anything paid.
 */
import { escapeHtml as escape } from '../casework/page-languages.ts';
const euro = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<link rel="stylesheet" href="/casework/assets/pages.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function sandboxPayPage(o: {
  transactionId: string;
  amountCents: number;
  purpose: string;
  decided: string | null;
}): string {
  const decided = o.decided
    ? `<div class="result ok" role="status"><p>Diese Testzahlung ist bereits entschieden: ${escape(o.decided)}. <span lang="en">This test payment has been decided already.</span></p></div>`
    : `<form method="post" action="/pay/sandbox/${escape(o.transactionId)}">
<button type="submit" name="action" value="pay">Bezahlen (Test) <span lang="en">/ Pay (test)</span></button>
<button type="submit" name="action" value="decline">Ablehnen <span lang="en">/ Decline</span></button>
<button type="submit" name="action" value="abandon">Abbrechen <span lang="en">/ Abandon</span></button>
</form>`;
  return page(
    'TEST – Testzahlung – Test payment',
    `<div class="result bad" role="note"><p><strong>TEST – keine echte Zahlung.</strong> Hier wird kein Geld bewegt; diese Seite simuliert einen Zahlungsdienst. <span lang="en"><strong>TEST – not a real payment.</strong> No money moves; this page simulates a payment service.</span></p></div>
<h1>Testzahlung <span class="en" lang="en">/ Test payment</span></h1>
<dl><dt>Betrag <span lang="en">/ Amount</span></dt><dd>${euro(o.amountCents)}</dd><dt>Verwendungszweck <span lang="en">/ Purpose</span></dt><dd>${escape(o.purpose)}</dd></dl>
${decided}`,
  );
}

export function returnPage(cancelled: boolean): string {
  return page(
    'Zurück zum Termin – Back to your appointment',
    `<h1>Zurück zum Termin <span class="en" lang="en">/ Back to your appointment</span></h1>
<p>${cancelled ? 'Sie haben die Zahlung abgebrochen.' : 'Danke.'} Sie können dieses Fenster schließen: Das Ergebnis der Zahlung erscheint im Gesprächsraum, sobald der Zahlungsdienst es meldet.</p>
<p class="en" lang="en">${cancelled ? 'You cancelled the payment.' : 'Thank you.'} You can close this window: the result appears in the meeting room as soon as the payment service reports it.</p>`,
  );
}
