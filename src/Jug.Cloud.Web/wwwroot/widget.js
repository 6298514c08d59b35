// The Jug.Cloud job-observer widget. Embed with one tag where the widget should appear:
//   <script src="https://status.example/widget.js" data-run="RUN" data-task="HASH" data-token="READ-TOKEN"></script>
// (all data- attributes optional: without run or task it follows the latest run). It turns green when
// the run or task is done and red when it failed. The status page must list the embedding page's origin.
(() => {
  'use strict';
  const script = document.currentScript;
  const base = new URL('.', script.src).href.replace(/\/$/, '');
  const { run, task, token } = script.dataset;
  const box = document.createElement('div');
  box.className = 'jugcloud-widget';
  box.style.cssText = 'display:inline-block;font:13px system-ui,sans-serif;border:1px solid #999;border-radius:6px;padding:6px 10px;min-width:14em;background:#fff;color:#222';
  box.innerHTML = '<div class="jugcloud-label">Jug.Cloud…</div><div style="height:6px;background:#eee;border-radius:3px;margin-top:4px"><div class="jugcloud-bar" style="height:100%;width:0;background:#1565c0;border-radius:3px"></div></div>';
  script.after(box);
  const colors = { done: '#2e7d32', failed: '#c62828', running: '#1565c0' };
  const query = task ? 'task=' + encodeURIComponent(task) : run ? 'run=' + encodeURIComponent(run) : '';

  async function poll() {
    try {
      const r = await fetch(base + '/api/widget?' + query, { headers: token ? { 'X-JugCloud-Token': token } : {} });
      const w = await r.json();
      if (!r.ok) throw new Error(w.error || r.statusText);
      box.dataset.status = w.status;
      box.style.borderColor = colors[w.status];
      box.style.background = w.status === 'done' ? '#e8f5e9' : w.status === 'failed' ? '#ffebee' : '#fff';
      box.querySelector('.jugcloud-label').textContent = `${w.label}: ${w.state} (${w.done}/${w.total})`;
      const bar = box.querySelector('.jugcloud-bar');
      bar.style.width = (w.total ? 100 * w.done / w.total : 0) + '%';
      bar.style.background = colors[w.status];
      if (w.status === 'running') setTimeout(poll, 2000);
    } catch (e) {
      box.dataset.status = 'error';
      box.querySelector('.jugcloud-label').textContent = 'Jug.Cloud: ' + e.message;
      setTimeout(poll, 5000);
    }
  }
  poll();
})();
