// The Jug.Cloud status page: hash routes over the JSON API, the overview kept live by /api/events.
(() => {
  'use strict';
  const params = new URLSearchParams(location.search);
  const token = params.get('token') || sessionStorage.getItem('jugcloud-token') || '';
  if (token) sessionStorage.setItem('jugcloud-token', token);
  const base = location.pathname.replace(/\/[^/]*$/, '');
  const view = document.getElementById('view');
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const secs = s => s == null ? '' : s < 1 ? (s * 1000).toFixed(0) + ' ms' : s.toFixed(2) + ' s';
  const ago = t => Math.max(0, (Date.now() - Date.parse(t)) / 1000).toFixed(0) + ' s ago';
  const headers = () => token ? { 'X-JugCloud-Token': token } : {};

  async function get(path) {
    const r = await fetch(base + '/api/' + path, { headers: headers() });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }

  async function act(path, confirmText) {
    if (confirmText && !confirm(confirmText)) return null;
    const r = await fetch(base + '/api/actions/' + path, { method: 'POST', headers: { ...headers(), 'X-JugCloud-Action': '1' } });
    const body = await r.json();
    say(r.ok ? body.summary : body.error);
    route();
    return r.ok ? body : null;
  }

  function say(text) {
    const m = document.getElementById('message');
    m.textContent = text;
    m.className = 'show';
    clearTimeout(say.timer);
    say.timer = setTimeout(() => (m.className = ''), 6000);
  }

  const row = (n, link) => `<tr data-name="${esc(n.name)}"><td>${link ? `<a href="#/names/${encodeURIComponent(n.name)}">${esc(n.name)}</a>` : esc(n.name)}</td>` +
    ['waiting', 'ready', 'running', 'done', 'failed'].map(k => `<td class="${k}">${n[k]}</td>`).join('') +
    `<td>${secs(n.meanSeconds)}</td><td>${secs(n.maxSeconds)}</td></tr>`;
  const statusHead = '<tr><th>Name</th><th>Waiting</th><th>Ready</th><th>Running</th><th>Done</th><th>Failed</th><th>Mean</th><th>Max</th></tr>';

  function chart(t) {
    const w = 720, h = 120, n = t.completed.length, max = Math.max(1, ...t.completed, ...t.failed);
    const pts = a => a.map((v, i) => `${(i * w / Math.max(1, n - 1)).toFixed(1)},${(h - v * (h - 10) / max).toFixed(1)}`).join(' ');
    return `<svg class="chart" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="tasks per ${t.intervalSeconds} s">` +
      `<polyline fill="none" stroke="#2e7d32" stroke-width="1.5" points="${pts(t.completed)}"/>` +
      `<polyline fill="none" stroke="#c62828" stroke-width="1" points="${pts(t.failed)}"/>` +
      `<text x="4" y="12" font-size="10">${max / t.intervalSeconds} tasks/s</text></svg>`;
  }

  function renderOverview(o) {
    document.getElementById('location').textContent = `${o.kind}: ${o.location}`;
    const t = o.total;
    view.innerHTML = `<h2>Overview</h2><div class="cards">` +
      ['waiting', 'ready', 'running', 'done', 'failed'].map(k => `<div class="card ${k[0].toUpperCase() + k.slice(1)}">${k}<b id="total-${k}">${t[k]}</b></div>`).join('') +
      `<div class="card">failures, last hour<b id="failures-hour">${o.failuresLastHour}</b></div></div>` +
      `<h3>Tasks finished over the last hour</h3>${chart(o.throughput)}` +
      `<h3>Runs</h3><table id="runs"><tr><th>Run</th><th>Name</th><th>State</th><th>Progress</th><th>Done</th><th>Running</th><th>Failed</th><th></th></tr>` +
      o.runs.map(r => `<tr><td class="mono">${esc(r.id)}</td><td>${esc(r.name)}</td><td class="${esc(r.state)}">${esc(r.state)}${r.waitingForTags.length ? ' (waits for ' + esc(r.waitingForTags.join(', ')) + ')' : ''}</td>` +
        `<td><div class="bar"><span style="width:${r.tasks ? (100 * r.done / r.tasks).toFixed(1) : 0}%"></span></div></td><td>${r.done}/${r.tasks}</td><td>${r.running}</td><td>${r.failed}</td>` +
        `<td>${o.kind === 'cluster' && (r.state === 'Running' || r.state === 'Submitting') ? `<button data-cancel="${esc(r.id)}">cancel</button>` : ''}</td></tr>`).join('') + '</table>' +
      `<h3>Tasks by name</h3><table id="names">${statusHead}${o.names.map(n => row(n, true)).join('')}${row(o.total, false)}</table>`;
    view.querySelectorAll('[data-cancel]').forEach(b => b.onclick = () => act('cancel?run=' + encodeURIComponent(b.dataset.cancel), 'Cancel run ' + b.dataset.cancel + '?'));
  }

  async function renderName(name, query) {
    const q = new URLSearchParams(query);
    const page = await get(`names/${encodeURIComponent(name)}/tasks?${q}`);
    const pages = Math.max(1, Math.ceil(page.matching / page.pageSize));
    view.innerHTML = `<h2>${esc(name)}</h2>` +
      `<form id="filter">State <select name="state"><option value="">any</option>${['Waiting', 'Ready', 'Running', 'Done', 'Failed'].map(s => `<option${q.get('state') === s ? ' selected' : ''}>${s}</option>`).join('')}</select> ` +
      `Hash prefix <input name="hash" value="${esc(q.get('hash') || '')}" size="16"> <button>Filter</button></form>` +
      `<p>${page.matching} tasks, page ${page.page} of ${pages}</p>` +
      `<table id="tasks"><tr><th>Hash</th><th>State</th></tr>${page.tasks.map(t => `<tr><td class="hash"><a href="#/task/${t.hash}">${t.hash.slice(0, 16)}…</a></td><td class="${t.state}">${t.state}</td></tr>`).join('')}</table>` +
      (page.page > 1 ? `<a href="#/names/${encodeURIComponent(name)}?${new URLSearchParams({ ...Object.fromEntries(q), page: page.page - 1 })}">previous</a> ` : '') +
      (page.page < pages ? `<a href="#/names/${encodeURIComponent(name)}?${new URLSearchParams({ ...Object.fromEntries(q), page: page.page + 1 })}">next</a>` : '') +
      `<h3>Actions</h3><button id="retry-name">retry failed</button><button id="invalidate-name">invalidate…</button>`;
    document.getElementById('filter').onsubmit = e => {
      e.preventDefault();
      const f = new URLSearchParams(new FormData(e.target));
      [...f.keys()].forEach(k => f.get(k) || f.delete(k));
      location.hash = `#/names/${encodeURIComponent(name)}?${f}`;
    };
    document.getElementById('retry-name').onclick = () => act('retry?name=' + encodeURIComponent(name));
    document.getElementById('invalidate-name').onclick = () => invalidate('name=' + encodeURIComponent(name));
  }

  async function invalidate(target) {
    const preview = await get('actions/invalidate/preview?' + target);
    await act('invalidate?' + target, preview.summary + ' Go on?');
  }

  async function renderTask(hash) {
    const t = await get('tasks/' + hash);
    view.innerHTML = `<h2>${esc(t.name)}</h2><table id="task">` +
      `<tr><td>Hash</td><td class="hash">${t.hash}</td></tr><tr><td>State</td><td id="task-state" class="${t.state}">${t.state}</td></tr>` +
      `<tr><td>Attempts</td><td>${t.attempts}</td></tr><tr><td>Worker</td><td>${esc(t.worker || '')}</td></tr>` +
      `<tr><td>Result size</td><td>${t.resultBytes == null ? '' : t.resultBytes + ' bytes'}</td></tr></table>` +
      `<button id="retry-task"${t.state === 'Failed' ? '' : ' disabled'}>retry</button><button id="invalidate-task">invalidate…</button>` +
      (t.failure ? `<h3>Failure (attempt ${t.failure.attempt}, ${esc(t.failure.worker)}, ${esc(t.failure.time)})</h3><p id="exception">${esc(t.failure.exceptionType)}: ${esc(t.failure.message)}</p><pre id="stack-trace">${esc(t.failure.stackTrace)}</pre>` : '') +
      `<h3>Provenance</h3><pre id="provenance">${esc(t.provenance)}</pre>` +
      `<h3>Runs</h3><table><tr><th>Attempt</th><th>Worker</th><th>Started</th><th>Time</th><th>Stored</th></tr>${t.runs.map(r => `<tr><td>${r.attempt}</td><td>${esc(r.worker)}</td><td>${esc(r.started)}</td><td>${secs(r.seconds)}</td><td>${r.succeeded ? 'yes' : 'no'}</td></tr>`).join('')}</table>` +
      `<h3>Dependencies</h3><table>${t.dependencies.map(d => `<tr><td class="hash"><a href="#/task/${d.hash}">${d.hash.slice(0, 16)}…</a></td><td class="${d.state}">${d.state}</td></tr>`).join('')}</table>`;
    document.getElementById('retry-task').onclick = () => act('retry?task=' + t.hash);
    document.getElementById('invalidate-task').onclick = () => invalidate('task=' + t.hash);
  }

  async function renderFailures() {
    const groups = await get('failures');
    view.innerHTML = `<h2>Failures</h2><button id="retry-all">retry all failed</button>` + (groups.length ? '' : '<p>No failed task.</p>') +
      groups.map(g => `<h3>${esc(g.name)} — ${esc(g.exceptionType)} (${g.count})</h3><table>${g.failures.map(f =>
        `<tr><td class="hash"><a href="#/task/${f.hash}">${f.hash.slice(0, 16)}…</a></td><td>${esc(f.message)}` +
        `<details class="stack"><summary>stack trace</summary><pre class="stack-trace">${esc(f.stackTrace)}</pre></details></td>` +
        `<td>attempt ${f.attempt}</td><td>${esc(f.worker)}</td></tr>`).join('')}</table>`).join('');
    document.getElementById('retry-all').onclick = () => act('retry');
  }

  async function renderWorkers() {
    const workers = await get('workers');
    view.innerHTML = `<h2>Workers</h2>` + (workers.length ? '' : '<p>No worker is running.</p>') +
      `<table id="workers"><tr><th>Worker</th><th>Host</th><th>Tags</th><th>Slots</th><th>Heartbeat</th><th>Running now</th><th>Done</th><th>Store reads</th><th></th></tr>` +
      workers.map(w => `<tr class="${w.lost ? 'Failed' : ''}"><td>${esc(w.name)}${w.lost ? ' (lost)' : ''}</td><td>${esc(w.host || '')}</td><td>${esc(w.tags.join(', '))}</td><td>${w.slots}</td>` +
        `<td>${w.heartbeatAgeSeconds.toFixed(0)} s ago</td><td>${w.running.map(s => `<div class="slot"><a href="#/task/${s.hash}">${esc(s.name)}</a> since ${ago(s.since)}</div>`).join('')}</td>` +
        `<td>${w.tasksDone ?? ''}</td><td>${w.storeReads ?? ''}</td>` +
        `<td>${w.drainable ? `<button data-drain="${esc(w.name)}">drain</button>` : ''}</td></tr>`).join('') + '</table>';
    view.querySelectorAll('[data-drain]').forEach(b => b.onclick = () => act('drain?worker=' + encodeURIComponent(b.dataset.drain),
      'Drain silo ' + b.dataset.drain + '? Tasks it has not started go back at once, running ones finish, then it leaves the cluster.'));
  }

  async function renderQueues() {
    const q = await get('queues');
    view.innerHTML = `<h2>Queues</h2><table id="queues"><tr><th>Run</th><th>Queue</th><th>Tag or worker</th><th>Ready</th></tr>` +
      q.ready.map(r => `<tr><td class="mono">${esc(r.run)}</td><td>${esc(r.kind)}</td><td>${esc(r.key)}</td><td>${r.tasks}</td></tr>`).join('') + '</table>' +
      (q.waitingForTags.length ? `<p class="Failed">Tasks wait for a worker tagged ${esc(q.waitingForTags.join(', '))}: none is up.</p>` : '') +
      `<h3>Leases and locks</h3><button id="remove-stale">remove stale locks</button><table><tr><th>Task</th><th>Holder</th><th>Until</th><th></th></tr>` +
      q.leases.map(l => `<tr><td class="hash"><a href="#/task/${l.hash}">${l.hash.slice(0, 16)}…</a></td><td>${esc(l.holder)}</td><td>${esc(l.until || '')}</td><td>${l.stale ? 'stale' : ''}</td></tr>`).join('') + '</table>';
    document.getElementById('remove-stale').onclick = () => act('remove-stale-locks', 'Remove every lapsed lock?');
  }

  async function renderActions() {
    const log = await get('actions');
    view.innerHTML = `<h2>Actions</h2><table id="action-log"><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>Outcome</th></tr>` +
      log.map(a => `<tr class="${a.succeeded ? '' : 'Failed'}"><td>${esc(a.at)}</td><td>${esc(a.who)}</td><td>${esc(a.action)}</td><td>${esc(a.target)}</td><td>${esc(a.outcome)}</td></tr>`).join('') + '</table>';
  }

  let latest = null;
  async function route() {
    const [path, query] = (location.hash.slice(1) || '/overview').split('?');
    const parts = path.split('/').filter(Boolean);
    try {
      switch (parts[0]) {
        case 'names': await renderName(decodeURIComponent(parts[1]), query || ''); break;
        case 'task': await renderTask(parts[1]); break;
        case 'failures': await renderFailures(); break;
        case 'workers': await renderWorkers(); break;
        case 'queues': await renderQueues(); break;
        case 'actions': await renderActions(); break;
        default: renderOverview(latest || await get('overview'));
      }
    } catch (e) {
      view.innerHTML = `<p class="Failed">${esc(e.message)}</p>`;
    }
  }

  // Live: the overview is redrawn on every event; the other pages are read again every few seconds.
  const events = new EventSource(base + '/api/events' + (token ? '?token=' + encodeURIComponent(token) : ''));
  events.addEventListener('overview', e => {
    latest = JSON.parse(e.data);
    document.getElementById('live').className = 'on';
    if (!location.hash || location.hash.startsWith('#/overview')) renderOverview(latest);
  });
  events.onerror = () => (document.getElementById('live').className = '');
  setInterval(() => { if (location.hash && !location.hash.startsWith('#/overview') && !document.querySelector('form#filter input:focus')) route(); }, 3000);
  window.addEventListener('hashchange', route);
  route();
})();
