// Cancel page: reads the cancel token from the URL fragment (it never reaches a server log), removes
// it from the address bar, shows the appointment and cancels on confirmation. No inline script (CSP).
// Texts: German, and beneath it the citizen's language (the appointment's, once the preview says it).
(function () {
  'use strict';
  var token = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (token) history.replaceState(null, '', location.pathname);
  var TEXTS = JSON.parse(document.getElementById('va-texts').textContent);
  var main = document.getElementById('main');
  var second = main.getAttribute('data-second') || 'en';
  var status = document.getElementById('va-status');
  var details = document.getElementById('va-details');
  var confirmArea = document.getElementById('va-confirm-area');
  var button = document.getElementById('va-confirm');
  var shown = null;
  var lastPreview = null;

  function secondSpan(key) {
    var span = document.createElement('span');
    span.lang = second;
    if (second === 'ar') span.dir = 'rtl';
    span.className = 'va-en';
    span.textContent = TEXTS[second][key];
    return span;
  }

  function fill(element, key) {
    element.textContent = TEXTS.de[key] + ' ';
    if (second !== 'de') element.appendChild(secondSpan(key));
  }

  function useLanguage(language) {
    if (!TEXTS[language] || language === 'de' || language === second) return;
    second = language;
    var parts = document.querySelectorAll('[data-t]');
    for (var i = 0; i < parts.length; i++) fill(parts[i], parts[i].getAttribute('data-t'));
    document.title = TEXTS.de.title + ' / ' + TEXTS[second].title;
    if (shown) say(shown[0], shown[1]);
    if (lastPreview) showWhen(lastPreview);
  }

  function say(key, kind) {
    if (!TEXTS.de[key]) key = 'invalid_link';
    shown = [key, kind];
    status.className = 'va-status' + (kind ? ' va-' + kind : '');
    status.textContent = '';
    var p = document.createElement('p');
    fill(p, key);
    status.appendChild(p);
  }

  function post(path) {
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: token }),
      credentials: 'omit',
    }).then(function (res) {
      return res.json().then(function (body) {
        return { ok: res.ok, body: body };
      });
    });
  }

  function format(iso, tz, locale) {
    return new Intl.DateTimeFormat(locale, {
      timeZone: tz,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(iso));
  }

  function showWhen(preview) {
    var when = document.getElementById('va-when');
    when.textContent = format(preview.start, preview.timezone, 'de-DE');
    var span = document.createElement('span');
    span.lang = second;
    if (second === 'ar') span.dir = 'rtl';
    span.className = 'va-en';
    span.textContent = format(preview.start, preview.timezone, second);
    when.appendChild(span);
  }

  function show(preview) {
    lastPreview = preview;
    if (preview.locale) useLanguage(String(preview.locale).toLowerCase().split(/[-_]/)[0]);
    document.getElementById('va-title').textContent = preview.title;
    showWhen(preview);
    details.hidden = false;
    confirmArea.hidden = !preview.cancellable;
    if (preview.status === 'cancelled') say('already', 'success');
    else if (!preview.cancellable) say('past', 'error');
    else status.hidden = true;
  }

  if (!token) {
    say('missing', 'error');
    return;
  }

  post('/api/cancel/preview').then(
    function (r) {
      if (!r.ok) {
        say(r.body.error, 'error');
        return;
      }
      show(r.body);
    },
    function () {
      say('network', 'error');
    },
  );

  button.addEventListener('click', function () {
    button.disabled = true;
    post('/api/cancel').then(
      function (r) {
        status.hidden = false;
        if (!r.ok) {
          button.disabled = false;
          say(r.body.error, 'error');
          return;
        }
        confirmArea.hidden = true;
        say('cancelled', 'success');
        status.focus();
      },
      function () {
        button.disabled = false;
        status.hidden = false;
        say('network', 'error');
      },
    );
  });
})();
