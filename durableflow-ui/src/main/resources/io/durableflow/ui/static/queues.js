// DurableFlow console, queues page: each queue's numbers are fetched again every two seconds
// (GET {path}/api/queues, which the engine counts at most once a second) and set with textContent,
// never HTML. The limits are the application's properties: they do not change while the page is open.
(function () {
  'use strict';
  var nav = document.querySelector('nav[data-base]');
  var body = document.getElementById('queues-body');
  if (!nav || !body || !window.fetch) { return; }
  var base = nav.getAttribute('data-base');
  var updated = document.getElementById('queues-updated');
  var every = 2000;

  function rowOf(name) {
    var rows = body.querySelectorAll('tr[data-queue]');
    for (var i = 0; i < rows.length; i++) { if (rows[i].getAttribute('data-queue') === name) { return rows[i]; } }
    return null;
  }

  function setText(row, field, text) {
    var element = row.querySelector('[data-field="' + field + '"]');
    if (element) { element.textContent = text; }
  }

  function showOldest(row, iso) {
    var element = row.querySelector('[data-field="oldest"]');
    if (!element) { return; }
    if (iso && typeof durableFlowShowTime === 'function') {
      durableFlowShowTime(element, iso);
    } else {
      element.removeAttribute('data-time');
      element.removeAttribute('title');
      element.textContent = iso || '\u2014';
    }
  }

  function show(queues) {
    queues.forEach(function (queue) {
      var row = rowOf(queue.name);
      if (!row) { return; }
      row.setAttribute('data-queued', String(queue.queued));
      row.setAttribute('data-running', String(queue.running));
      setText(row, 'queued', String(queue.queued) + (queue.moreQueued ? '+' : ''));
      setText(row, 'running', String(queue.running));
      showOldest(row, queue.oldestQueuedAt);
    });
  }

  function say(text, ok) {
    if (updated) { updated.textContent = text; updated.setAttribute('data-ok', ok ? 'true' : 'false'); }
  }

  function refresh() {
    fetch(base + '/api/queues', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (queues) { show(queues); say('Updated ' + new Date().toLocaleTimeString() + '.', true); })
      .catch(function (error) { say('Not updated: ' + error.message, false); })
      .then(function () { setTimeout(refresh, every); });
  }

  setTimeout(refresh, every);
})();
