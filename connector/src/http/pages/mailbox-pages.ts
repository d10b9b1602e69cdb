/** Pages of the dev mailbox: a list of stored mails and one mail with clickable links. */
import type { MailboxMessage } from '../../notify/dev-mailbox.ts';
import { escapeHtml as esc } from '../../notify/html.ts';
import { page } from './layout.ts';

const dateFormat = new Intl.DateTimeFormat('de-DE', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'Europe/Berlin',
});

const banner = `<p class="va-warning" role="note"><strong>Entwicklungs-Postfach:</strong> Ohne SMTP_URL landen Mails hier statt beim Empfänger.
<span lang="en" class="va-en">Development mailbox: without SMTP_URL, mail ends up here instead of being sent.</span></p>`;

export function mailboxListPage(messages: MailboxMessage[]): string {
  const rows = messages
    .map(
      (m) => `<tr><td>${esc(dateFormat.format(new Date(m.date)))}</td><td>${esc(m.to.join(', '))}</td>
<td><a href="/dev/mailbox/${esc(m.id)}">${esc(m.subject)}</a></td></tr>`,
    )
    .join('\n');
  const table = messages.length
    ? `<table class="va-table"><caption>${messages.length === 1 ? '1 Nachricht' : `${messages.length} Nachrichten`} <span lang="en" class="va-en">${messages.length === 1 ? 'message' : 'messages'}</span></caption>
<thead><tr><th scope="col">Datum</th><th scope="col">An</th><th scope="col">Betreff</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : '<p>Noch keine Nachrichten. <span lang="en" class="va-en">No messages yet.</span></p>';
  return page({
    title: 'Dev-Postfach / Dev mailbox',
    body: `<main id="main" class="va-main va-wide"><h1>Dev-Postfach <span lang="en" class="va-en">Dev mailbox</span></h1>${banner}${table}</main>`,
  });
}

export function mailboxMessagePage(m: MailboxMessage): string {
  const attachments = m.attachments
    .map(
      (a, i) =>
        `<li><a href="/dev/mailbox/${esc(m.id)}/attachments/${i}" download>${esc(a.filename)}</a> (${esc(a.contentType)})</li>`,
    )
    .join('');
  return page({
    title: m.subject,
    body: `<main id="main" class="va-main va-wide">
<p><a href="/dev/mailbox">← Alle Nachrichten <span lang="en">/ All messages</span></a></p>
<h1>${esc(m.subject)}</h1>${banner}
<dl class="va-facts">
<dt>Von</dt><dd>${esc(m.from)}</dd>
<dt>An</dt><dd>${esc(m.to.join(', '))}</dd>
<dt>Datum</dt><dd>${esc(dateFormat.format(new Date(m.date)))}</dd>
</dl>
<p><a href="/dev/mailbox/${esc(m.id)}/html">HTML-Ansicht öffnen <span lang="en">/ Open HTML version</span></a></p>
${attachments ? `<h2>Anhänge <span lang="en" class="va-en">Attachments</span></h2><ul>${attachments}</ul>` : ''}
<h2>Text</h2>
<pre class="va-mail">${linkify(m.text)}</pre>
</main>`,
  });
}

/** Escapes the text and turns http(s) URLs into links. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"]+)/g)
    .map((part, i) => (i % 2 === 1 ? `<a href="${esc(part)}">${esc(part)}</a>` : esc(part)))
    .join('');
}
