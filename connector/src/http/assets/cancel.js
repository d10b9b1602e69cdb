// Cancel page: reads the cancel token from the URL fragment (it never reaches a server log), removes
// it from the address bar, shows the appointment and cancels on confirmation. No inline script (CSP).
(function () {
  'use strict';
  var token = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (token) history.replaceState(null, '', location.pathname);
  var status = document.getElementById('va-status');
  var details = document.getElementById('va-details');
  var confirmArea = document.getElementById('va-confirm-area');
  var button = document.getElementById('va-confirm');

  var MESSAGES = {
    invalid_link: ['Dieser Link ist ungültig.', 'This link is not valid.'],
    link_expired: ['Dieser Link ist abgelaufen.', 'This link has expired.'],
    link_superseded: ['Dieser Link gilt nicht mehr – der Termin wurde geändert. Bitte nutzen Sie den Link aus der neuesten Mail.',
      'This link no longer works – the appointment was changed. Please use the link from the latest mail.'],
    too_late: ['Der Termin hat bereits begonnen oder ist vorbei und kann nicht mehr abgesagt werden.',
      'The appointment has started or is over and can no longer be cancelled.'],
    missing: ['Der Link ist unvollständig. Bitte öffnen Sie ihn direkt aus der Mail.',
      'The link is incomplete. Please open it directly from the mail.'],
    network: ['Der Server ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.',
      'The server cannot be reached right now. Please try again later.'],
    cancelled: ['Der Termin ist abgesagt. Sie erhalten eine Bestätigung per Mail.',
      'The appointment is cancelled. You will receive a confirmation by mail.'],
    already: ['Dieser Termin ist bereits abgesagt.', 'This appointment has already been cancelled.'],
    past: ['Dieser Termin kann nicht mehr abgesagt werden.', 'This appointment can no longer be cancelled.']
  };

  function say(key, kind) {
    var text = MESSAGES[key] || MESSAGES.invalid_link;
    status.className = 'va-status' + (kind ? ' va-' + kind : '');
    status.textContent = '';
    var p = document.createElement('p');
    p.textContent = text[0];
    var en = document.createElement('span');
    en.lang = 'en';
    en.className = 'va-en';
    en.textContent = text[1];
    p.appendChild(en);
    status.appendChild(p);
  }

  function post(path) {
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: token }),
      credentials: 'omit'
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    });
  }

  function format(iso, tz, locale) {
    return new Intl.DateTimeFormat(locale, {
      timeZone: tz, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
      hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
    }).format(new Date(iso));
  }

  function show(preview) {
    document.getElementById('va-title').textContent = preview.title;
    var when = document.getElementById('va-when');
    when.textContent = format(preview.start, preview.timezone, 'de-DE');
    var en = document.createElement('span');
    en.lang = 'en';
    en.className = 'va-en';
    en.textContent = format(preview.start, preview.timezone, 'en-GB');
    when.appendChild(en);
    details.hidden = false;
    confirmArea.hidden = !preview.cancellable;
    if (preview.status === 'cancelled') say('already', 'success');
    else if (!preview.cancellable) say('past', 'error');
    else status.hidden = true;
  }

  if (!token) { say('missing', 'error'); return; }

  post('/api/cancel/preview').then(function (r) {
    if (!r.ok) { say(r.body.error, 'error'); return; }
    show(r.body);
  }, function () { say('network', 'error'); });

  button.addEventListener('click', function () {
    button.disabled = true;
    post('/api/cancel').then(function (r) {
      status.hidden = false;
      if (!r.ok) { button.disabled = false; say(r.body.error, 'error'); return; }
      confirmArea.hidden = true;
      say('cancelled', 'success');
      status.focus();
    }, function () { button.disabled = false; status.hidden = false; say('network', 'error'); });
  });
})();
