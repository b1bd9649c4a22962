// jixiao web: upload, poll, swap server-rendered fragments. No library, no build step.
// Document text only ever arrives inside HTML the server rendered with autoescape, or is
// set with textContent here; nothing from a document is evaluated.
"use strict";

(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  // ---- upload: drag and drop or the file input --------------------------------------
  const form = $("#upload-form");
  const jobs = $("#jobs");
  const errors = $("#upload-errors");

  function showErrors(list) {
    if (!errors) return;
    errors.replaceChildren();
    for (const e of list) {
      const li = document.createElement("li");
      const b = document.createElement("b");
      b.textContent = e.name || "上传";
      li.append(b, "：" + e.message);
      errors.append(li);
    }
  }

  async function upload(files) {
    if (!files || !files.length) return;
    const data = new FormData();
    for (const f of files) data.append("files", f, f.name);
    form.classList.add("busy");
    try {
      const token = $("meta[name=csrf-token]");  // the session's token: the server refuses a POST without it
      const resp = await fetch("/upload", { method: "POST", body: data, credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRF-Token": token ? token.content : "" } });
      let body = { errors: [] };
      try { body = await resp.json(); } catch (_) {
        body.errors = [{ name: "", message: "上传失败 (HTTP " + resp.status + ")" }];
      }
      showErrors(body.errors || []);
    } catch (err) {
      showErrors([{ name: "", message: "上传失败：" + err }]);
    } finally {
      form.classList.remove("busy");
      $("#file-input").value = "";
      poll(true);
    }
  }

  if (form) {
    const input = $("#file-input");
    input.addEventListener("change", () => upload(input.files));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); upload(input.files); });
    for (const type of ["dragenter", "dragover"]) {
      document.addEventListener(type, (ev) => { ev.preventDefault(); form.classList.add("over"); });
    }
    document.addEventListener("dragleave", (ev) => { if (!ev.relatedTarget) form.classList.remove("over"); });
    document.addEventListener("drop", (ev) => {
      ev.preventDefault();
      form.classList.remove("over");
      if (ev.dataTransfer && ev.dataTransfer.files.length) upload(ev.dataTransfer.files);
    });
  }

  // ---- job list: poll the small JSON endpoint, re-render the list when a job changes --
  let lastSignature = null;
  let timer = null;

  function signature(list) {
    return list.map((j) => j.id + ":" + j.status + ":" + j.stage + ":" + j.progress).join("|");
  }

  async function poll(force) {
    if (!jobs) return;
    clearTimeout(timer);
    let list = [];
    try {
      const resp = await fetch(jobs.dataset.poll, { headers: { Accept: "application/json" } });
      list = (await resp.json()).jobs || [];
    } catch (_) { /* server restarting: try again below */ }
    const sig = signature(list);
    if (force || sig !== lastSignature) {
      lastSignature = sig;
      const resp = await fetch(jobs.dataset.fragment);
      if (resp.ok) jobs.innerHTML = await resp.text();  // server-rendered, autoescaped
    }
    const busy = list.some((j) => j.status === "queued" || j.status === "running");
    timer = setTimeout(poll, busy ? 700 : 5000);
  }
  if (jobs) {
    lastSignature = null;
    timer = setTimeout(poll, 300);
  }

  // ---- pending report page: reload when the job is done ------------------------------
  const pending = $(".pending[data-job]");
  if (pending && pending.dataset.status !== "failed") {
    const tick = async () => {
      try {
        const j = await (await fetch("/api/jobs/" + pending.dataset.job)).json();
        const bar = $(".bar span", pending);
        if (bar) bar.style.width = Math.round((j.progress || 0) * 100) + "%";
        const stage = $(".job-stage", pending);
        if (stage) stage.textContent = j.stage || "";
        if (j.status === "done" || j.status === "failed") { location.reload(); return; }
      } catch (_) { /* keep trying */ }
      setTimeout(tick, 700);
    };
    setTimeout(tick, 700);
  }

  // ---- report page: open a finding without reloading ----------------------------------
  const panel = $("#finding-view");

  function scrollWithin(container, el, fraction) {
    // Scroll only ``container`` (not the window) so that ``el`` sits at ``fraction`` of its height.
    if (!container || !el) return;
    const delta = el.getBoundingClientRect().top - container.getBoundingClientRect().top;
    container.scrollTop += delta - container.clientHeight * fraction;
  }

  function reveal() {
    // Keep the finding's header in view; bring the first highlight box and marked row into their columns.
    const top = panel.getBoundingClientRect().top;
    if (top < 0) window.scrollBy({ top: top - 12, behavior: "instant" });
    for (const row of $$(".mark-row", panel)) scrollWithin(row.closest(".scroll"), row, 0.3);
    const box = $(".hl-cell", panel) || $(".hl", panel);
    if (!box) return;
    const img = $(".page img", panel);
    const go = () => scrollWithin(box.closest(".pages"), box, 0.35);
    if (img && !img.complete) img.addEventListener("load", go, { once: true }); else go();
  }

  async function openFinding(link, push) {
    panel.classList.add("loading");
    try {
      const resp = await fetch(link.dataset.fragment);
      if (!resp.ok) { location.href = link.href; return; }
      panel.innerHTML = await resp.text();  // server-rendered, autoescaped
      $$(".finding.on").forEach((a) => a.classList.remove("on"));
      link.classList.add("on");
      if (push) history.replaceState(null, "", link.href);
      reveal();
    } finally {
      panel.classList.remove("loading");
    }
  }

  if (panel) {
    document.addEventListener("click", (ev) => {
      const link = ev.target.closest("a.finding[data-fragment]");
      if (!link || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
      ev.preventDefault();
      openFinding(link, true);
    });
    document.addEventListener("keydown", (ev) => {
      if (ev.target.closest("input, textarea") || !["j", "k"].includes(ev.key)) return;
      const links = $$("a.finding[data-fragment]");
      const at = links.findIndex((a) => a.classList.contains("on"));
      const next = links[Math.min(links.length - 1, Math.max(0, at + (ev.key === "j" ? 1 : -1)))];
      if (next) { openFinding(next, true); next.scrollIntoView({ block: "nearest" }); }
    });
    reveal();
  }
})();
