// DurableFlow console: live updates over STOMP on a plain WebSocket, no library. The pages work
// without it; with it, statuses change and new entries appear without a reload. Text from a change
// is set with textContent, never as HTML; what the run page shows beyond statuses (logs, results,
// errors) is fetched again as parts of the page, rendered and escaped by the server's template.
// Times are stored and sent in UTC (ISO-8601): shown in the browser's own time zone with how long
// ago (or how soon) they are, the exact instant on hover. Without JavaScript the ISO text stays.
function durableFlowShowTime(element, iso) {
  'use strict';
  var time = Date.parse(iso);
  if (!element || isNaN(time)) { return; }
  element.setAttribute('data-time', iso);
  element.title = iso;
  var seconds = Math.round((Date.now() - time) / 1000);
  var span = Math.abs(seconds);
  var amount = span < 60 ? span + ' s' : span < 3600 ? Math.floor(span / 60) + ' min'
    : span < 86400 ? Math.floor(span / 3600) + ' h' : Math.floor(span / 86400) + ' d';
  var relative = span < 10 ? 'just now' : seconds > 0 ? amount + ' ago' : 'in ' + amount;
  element.textContent = new Date(time).toLocaleString() + ' · ' + relative;
}

(function () {
  'use strict';
  function showAll() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-time]'), function (element) {
      durableFlowShowTime(element, element.getAttribute('data-time'));
    });
  }
  showAll();
  setInterval(showAll, 30000);
})();

(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var nav = document.querySelector('nav[data-base]');
  if (!nav) { return; }
  var base = nav.getAttribute('data-base');
  var page = document.body.getAttribute('data-page');
  var indicator = document.getElementById('live-indicator');
  var runId = document.body.getAttribute('data-run-id');
  var terminal = /^(completed|failed|cancelled)$/;

  // a run id as path segments: each part encoded, its slashes kept (a child run's id is
  // its parent's, '/', its step's name; servlet containers refuse an encoded slash)
  function runPath(id) {
    return String(id).split('/').map(encodeURIComponent).join('/');
  }

  function request(method, url, body) {
    var headers = { 'Accept': 'application/json' };
    var csrfHeader = document.querySelector('meta[name="durableflow-csrf-header"]');
    var csrfToken = document.querySelector('meta[name="durableflow-csrf-token"]');
    if (csrfHeader && csrfToken) { headers[csrfHeader.content] = csrfToken.content; }
    // every write is JSON, so that a form on another site cannot ask for one
    if (body !== undefined || method !== 'GET') { headers['Content-Type'] = 'application/json'; }
    return fetch(url, { method: method, headers: headers, credentials: 'same-origin',
      body: body !== undefined ? JSON.stringify(body) : undefined }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) { throw new Error(json.detail || json.title || ('HTTP ' + response.status)); }
        return json;
      });
    });
  }

  function say(id, text, ok) {
    var result = document.getElementById(id);
    if (result) { result.textContent = text; result.setAttribute('data-ok', ok ? 'true' : 'false'); }
  }

  function setStatus(element, status) {
    if (!element || !status) { return; }
    element.setAttribute('data-status', status);
    var badge = element.querySelector('[data-field="status"]');
    if (badge) { badge.textContent = status; badge.className = 'badge status-' + status; }
  }

  function formatDuration(millis) {
    if (!(millis >= 0)) { return ''; }
    if (millis < 1000) { return millis + ' ms'; }
    if (millis < 60000) { return (millis / 1000).toFixed(1) + ' s'; }
    if (millis < 3600000) { return Math.floor(millis / 60000) + ' min ' + Math.floor(millis / 1000) % 60 + ' s'; }
    return Math.floor(millis / 3600000) + ' h ' + Math.floor(millis / 60000) % 60 + ' min';
  }

  function showTimes(root) {
    Array.prototype.forEach.call(root.querySelectorAll('[data-time]'), function (element) {
      durableFlowShowTime(element, element.getAttribute('data-time'));
    });
  }

  // ---- the runs list ------------------------------------------------------------------------

  function matchesFilter(change) {
    var snap = change.snapshot || {};
    var checks = { 'data-filter-status': snap.status, 'data-filter-workflow': change.workflowName,
      'data-filter-hosting-mode': snap.hostingMode, 'data-filter-lifecycle-stage': snap.lifecycleStage,
      'data-filter-user-id': snap.userId, 'data-filter-error-code': snap.errorCode,
      'data-filter-queue': snap.queue };
    for (var attribute in checks) {
      var wanted = document.body.getAttribute(attribute);
      if (wanted && wanted !== checks[attribute]) { return false; }
    }
    // a change does not carry a run's metadata: with a metadata filter, new runs show on reload
    if (document.body.getAttribute('data-filter-metadata')) { return false; }
    var prefix = document.body.getAttribute('data-filter-run-id');
    return !prefix || String(change.runId).indexOf(prefix) === 0;
  }

  function cell(text, field) {
    var td = document.createElement('td');
    if (field) { td.setAttribute('data-field', field); }
    td.textContent = text || '';
    return td;
  }

  function selectCell(id) {
    var td = document.createElement('td');
    td.className = 'select';
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.className = 'select-run';
    box.value = id;
    box.setAttribute('aria-label', 'Select run ' + id);
    td.appendChild(box);
    return td;
  }

  function rowOf(id) {
    var rows = document.querySelectorAll('#runs-body tr[data-run-id]');
    for (var i = 0; i < rows.length; i++) { if (rows[i].getAttribute('data-run-id') === id) { return rows[i]; } }
    return null;
  }

  function applyToList(change) {
    if (change.recordType !== 'workflow_run') { return; }
    countsChanged();
    var row = rowOf(change.runId);
    var status = (change.snapshot || {}).status;
    if (row) {
      setStatus(row, status);
      var updated = row.querySelector('[data-field="updated"]');
      if (updated && change.at) { durableFlowShowTime(updated, change.at); }
      var created = (change.snapshot || {}).createdAt;
      var duration = row.querySelector('[data-field="duration"]');
      if (duration && created && change.at) { duration.textContent = formatDuration(Date.parse(change.at) - Date.parse(created)); }
      selectionChanged();
      return;
    }
    if (!String(change.type).match(/created$/) || !matchesFilter(change)) { return; }
    var body = document.getElementById('runs-body');
    var empty = body.querySelector('tr.empty');
    if (empty) { empty.remove(); }
    row = document.createElement('tr');
    row.className = 'fresh';
    row.setAttribute('data-run-id', change.runId);
    if (document.getElementById('bulk-actions')) { row.appendChild(selectCell(change.runId)); }
    var link = document.createElement('a');
    link.href = base + '/runs/' + runPath(change.runId);
    link.textContent = change.runId;
    var first = document.createElement('td');
    first.appendChild(link);
    row.appendChild(first);
    row.appendChild(cell(change.workflowName));
    var statusCell = document.createElement('td');
    var badge = document.createElement('span');
    badge.setAttribute('data-field', 'status');
    statusCell.appendChild(badge);
    row.appendChild(statusCell);
    row.appendChild(cell((change.snapshot || {}).hostingMode));
    row.appendChild(cell('', 'duration'));
    var updatedCell = cell(change.at, 'updated');
    if (change.at) { durableFlowShowTime(updatedCell, change.at); }
    row.appendChild(updatedCell);
    setStatus(row, status);
    body.insertBefore(row, body.firstChild);
  }

  // The counts are the engine's, cached for up to 5 s: asked again every second while changes
  // come in, and for 6 s after the last one, so they settle on the counts after it.
  var lastCountChange = 0;
  var countsTimer = null;
  function countsChanged() {
    lastCountChange = Date.now();
    if (countsTimer === null && document.querySelector('[data-count]')) { countsTimer = setTimeout(refreshCounts, 300); }
  }
  function refreshCounts() {
    request('GET', base + '/api/counts').then(function (counts) {
      for (var status in counts) {
        var count = document.querySelector('[data-count="' + status + '"]');
        if (count) { count.textContent = String(counts[status]); }
      }
    }).catch(function () { /* the counts stay as they were */ }).then(function () {
      countsTimer = (Date.now() - lastCountChange < 6000) ? setTimeout(refreshCounts, 1000) : null;
    });
  }

  function selectedRuns() {
    return Array.prototype.filter.call(document.querySelectorAll('#runs-body input.select-run'), function (box) {
      return box.checked;
    }).map(function (box) {
      var row = box.closest('tr');
      return { id: box.value, status: row ? row.getAttribute('data-status') : '' };
    });
  }

  function selectionChanged() {
    var label = document.getElementById('bulk-selected');
    if (!label) { return; }
    var selected = selectedRuns();
    var unfinished = selected.filter(function (run) { return !terminal.test(run.status); }).length;
    var failed = selected.filter(function (run) { return run.status === 'failed'; }).length;
    label.textContent = selected.length === 0 ? 'Select runs to cancel or retry them together.'
      : selected.length + ' selected: ' + unfinished + ' unfinished, ' + failed + ' failed';
    document.getElementById('bulk-cancel').disabled = selected.length === 0;
    document.getElementById('bulk-retry').disabled = selected.length === 0;
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function bulkMessage(result, verb) {
    var skipped = result.skipped || {};
    var parts = [plural(result.done.length, 'run', 'runs') + ' ' + verb];
    var reasons = { finished: 'skipped: already finished', notFailed: 'skipped: not failed',
      noFailedStep: 'skipped: failed outside any step, nothing to retry', notFound: 'skipped: not found' };
    for (var reason in reasons) {
      if (skipped[reason] && skipped[reason].length) { parts.push(skipped[reason].length + ' ' + reasons[reason]); }
    }
    return parts.join('; ') + '.';
  }

  function bulk(action) {
    var selected = selectedRuns();
    if (selected.length === 0) { return; }
    var ids = selected.map(function (run) { return run.id; });
    var body;
    if (action === 'cancel') {
      var finished = selected.filter(function (run) { return terminal.test(run.status); }).length;
      var reason = window.prompt('Cancel ' + plural(selected.length, 'selected run', 'selected runs') + '?'
        + (finished ? ' ' + plural(finished, 'has', 'have') + ' finished and will be skipped.' : '')
        + ' Give a reason:', 'cancelled from the console');
      if (reason === null) { return; }
      body = { runIds: ids, reason: reason };
    } else {
      var others = selected.filter(function (run) { return run.status !== 'failed'; }).length;
      if (!window.confirm('Retry ' + plural(selected.length, 'selected run', 'selected runs')
        + ' at the step that failed each?' + (others ? ' ' + plural(others, 'has', 'have') + ' not failed and will be skipped.' : ''))) { return; }
      body = { runIds: ids };
    }
    request('POST', base + '/api/runs/' + action, body).then(function (result) {
      say('bulk-result', bulkMessage(result, action === 'cancel' ? 'cancelled' : 'retried'), true);
      Array.prototype.forEach.call(document.querySelectorAll('#runs-body input.select-run, #select-all'), function (box) { box.checked = false; });
      selectionChanged();
    }).catch(function (error) { say('bulk-result', 'Nothing done: ' + error.message, false); });
  }

  function wireBulkActions() {
    var bar = document.getElementById('bulk-actions');
    if (!bar) { return; }
    document.getElementById('runs-body').addEventListener('change', function (event) {
      if (event.target.classList.contains('select-run')) { selectionChanged(); }
    });
    var all = document.getElementById('select-all');
    all.addEventListener('change', function () {
      Array.prototype.forEach.call(document.querySelectorAll('#runs-body input.select-run'), function (box) { box.checked = all.checked; });
      selectionChanged();
    });
    document.getElementById('bulk-cancel').addEventListener('click', function () { bulk('cancel'); });
    document.getElementById('bulk-retry').addEventListener('click', function () { bulk('retry'); });
    selectionChanged();
  }

  // ---- the run page -------------------------------------------------------------------------

  function applyToRun(change) {
    var snap = change.snapshot || {};
    if (change.recordType === 'workflow_run') {
      setStatus(document.querySelector('.run-header'), snap.status);
      var cancel = document.getElementById('cancel-run');
      if (cancel && snap.status) { cancel.hidden = terminal.test(snap.status); }
    } else if (change.recordType === 'workflow_step' && snap.name) {
      applyStep(snap);
    }
    refreshParts();
  }

  // the fast path: a step's status and attempts from the change itself, before its parts arrive
  function applyStep(snap) {
    var steps = document.querySelectorAll('#steps li[data-step-name]');
    var item = null;
    for (var i = 0; i < steps.length; i++) { if (steps[i].getAttribute('data-step-name') === snap.name) { item = steps[i]; } }
    if (!item) {
      item = document.createElement('li');
      item.className = 'step';
      item.setAttribute('data-step-name', snap.name);
      var head = document.createElement('div');
      head.className = 'step-head';
      var name = document.createElement('strong');
      name.textContent = snap.name;
      var kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = snap.kind || '';
      var badge = document.createElement('span');
      badge.setAttribute('data-field', 'status');
      var attempts = document.createElement('span');
      attempts.className = 'muted';
      attempts.setAttribute('data-field', 'attempts');
      head.appendChild(name); head.appendChild(kind); head.appendChild(badge); head.appendChild(attempts);
      item.appendChild(head);
      document.getElementById('steps').appendChild(item);
    }
    setStatus(item, snap.status);
    var count = item.querySelector('[data-field="attempts"]');
    if (count && snap.attempts !== undefined) { count.textContent = snap.attempts + (snap.attempts === 1 ? ' attempt' : ' attempts'); }
  }

  // The parts of the page are fetched again after changes: one request at a time, and one more
  // after it if changes came in while it was under way. The body says data-parts="loading" until
  // the page has caught up.
  var partsState = 'idle';
  function refreshParts() {
    if (partsState !== 'idle') { partsState = 'again'; return; }
    partsState = 'busy';
    document.body.setAttribute('data-parts', 'loading');
    setTimeout(function () {
      fetch(base + '/runs/' + runPath(runId) + '/parts', { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (response) { if (!response.ok) { throw new Error('HTTP ' + response.status); } return response.text(); })
        .then(replaceParts)
        .catch(function () { /* the page keeps the statuses the changes gave it */ })
        .then(function () {
          var again = partsState === 'again';
          partsState = 'idle';
          if (again) { refreshParts(); } else { document.body.removeAttribute('data-parts'); }
        });
    }, 60);
  }

  function replaceParts(html) {
    var fresh = new DOMParser().parseFromString('<!DOCTYPE html><html><body>' + html + '</body></html>', 'text/html');
    Array.prototype.forEach.call(fresh.querySelectorAll('.live-part[id]'), function (part) {
      var current = document.getElementById(part.id);
      if (!current) { return; }
      var open = {};
      Array.prototype.forEach.call(current.querySelectorAll('details[data-key]'), function (details) { open[details.getAttribute('data-key')] = details.open; });
      var adopted = document.importNode(part, true);
      Array.prototype.forEach.call(adopted.querySelectorAll('details[data-key]'), function (details) {
        var key = details.getAttribute('data-key');
        if (key in open) { details.open = open[key]; }
      });
      current.replaceWith(adopted);
      showTimes(adopted);
    });
    var header = document.querySelector('.run-header');
    var cancel = document.getElementById('cancel-run');
    if (header && cancel) { cancel.hidden = terminal.test(header.getAttribute('data-status')); }
    document.dispatchEvent(new CustomEvent('durableflow:parts'));
  }

  function wireRunActions() {
    var cancel = document.getElementById('cancel-run');
    if (cancel) {
      cancel.addEventListener('click', function () {
        var reason = window.prompt('Cancel this run? Give a reason:', 'cancelled from the console');
        if (reason === null) { return; }
        request('POST', base + '/api/runs/' + runPath(runId) + '/cancel', { reason: reason })
          .then(function (run) { say('action-result', 'Run cancelled (' + run.status + ').', true); })
          .catch(function (error) { say('action-result', 'Not cancelled: ' + error.message, false); });
      });
    }
    // on the document: the steps are replaced as the run goes on
    document.addEventListener('click', function (event) {
      var button = event.target.closest && event.target.closest('button.retry-step');
      if (button) {
        var step = button.getAttribute('data-step');
        if (!window.confirm('Retry step ' + step + '?')) { return; }
        request('POST', base + '/api/runs/' + runPath(runId) + '/steps/' + encodeURIComponent(step) + '/retry')
          .then(function () { say('action-result', 'Step ' + step + ' is ready again; the run resumes.', true); })
          .catch(function (error) { say('action-result', 'Not retried: ' + error.message, false); });
        return;
      }
      // a click on a bar of the run picture brings its step entry into view
      var bar = event.target.closest && event.target.closest('svg.bars g[data-step-name]');
      if (bar) {
        var entries = document.querySelectorAll('#steps li[data-step-name]');
        for (var i = 0; i < entries.length; i++) {
          if (entries[i].getAttribute('data-step-name') === bar.getAttribute('data-step-name')) {
            entries[i].scrollIntoView({ behavior: 'smooth', block: 'center' });
            entries[i].classList.add('focused');
            setTimeout(function (entry) { entry.classList.remove('focused'); }.bind(null, entries[i]), 1500);
          }
        }
      }
    });
    var form = document.getElementById('send-event');
    if (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var payload;
        try { payload = form.payload.value.trim() ? JSON.parse(form.payload.value) : {}; }
        catch (e) { say('action-result', 'The payload is not valid JSON: ' + e.message, false); return; }
        var name = form.elements.namedItem('event-name').value;
        if (!window.confirm('Send event ' + name + '?')) { return; }
        request('POST', base + '/api/events', { name: name, payload: payload })
          .then(function (result) { say('action-result', 'Event sent; it matched ' + result.matched + ' waiting run(s).', true); })
          .catch(function (error) { say('action-result', 'Not sent: ' + error.message, false); });
      });
    }
  }

  // ---- STOMP --------------------------------------------------------------------------------

  function setState(state) { if (indicator) { indicator.setAttribute('data-state', state); } }

  var destination = page === 'run' ? '/topic/durableflow/runs/' + runId : '/topic/durableflow/runs';
  var delay = 500;

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var socket = new WebSocket(scheme + location.host + base + '/ws');
    socket.onopen = function () {
      socket.send('CONNECT\naccept-version:1.2\nhost:' + location.hostname + '\nheart-beat:0,0\n\n\u0000');
    };
    socket.onmessage = function (message) {
      String(message.data).split('\u0000').forEach(function (frame) {
        frame = frame.replace(/^\n+/, '');
        if (frame.indexOf('CONNECTED') === 0) {
          // live once the server confirms the subscription: a change made after that reaches this page
          socket.send('SUBSCRIBE\nid:sub-0\ndestination:' + destination + '\nreceipt:sub-0\n\n\u0000');
        } else if (frame.indexOf('RECEIPT') === 0) {
          setState('on');
          delay = 500;
          // what changed between the page's rendering and the subscription
          if (page === 'run') { refreshParts(); } else if (page === 'runs' && countsTimer === null) { countsTimer = setTimeout(refreshCounts, 300); }
        } else if (frame.indexOf('MESSAGE') === 0) {
          var body = frame.substring(frame.indexOf('\n\n') + 2);
          try { apply(JSON.parse(body)); } catch (e) { /* a malformed frame changes nothing */ }
        }
      });
    };
    socket.onclose = function () {
      setState('off');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    };
  }

  function apply(change) {
    if (page === 'runs') { applyToList(change); } else if (page === 'run') { applyToRun(change); }
  }

  if (page === 'run') { wireRunActions(); }
  if (page === 'runs') { wireBulkActions(); }
  if (window.WebSocket) { connect(); }
})();
