// The editor timeline (nemo_widgets/editor.py): a player, a filmstrip, a ruler and coloured bars per
// track, and a playhead that follows the player; a click or a drag on the ruler or the lanes seeks.
// No build step, no imports: the browser may have no internet.

const h = (tag, cls, text) => {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
};

// The Jupyter server's /files/ route (JupyterLab and Notebook 7 keep their base URL in the page).
function filesUrl(path, version) {
  let base = "/";
  try {
    const config = document.getElementById("jupyter-config-data");
    if (config) base = JSON.parse(config.textContent).baseUrl || "/";
  } catch (_) { /* a page without Jupyter's config: the root */ }
  const rel = path.split("/").map(encodeURIComponent).join("/");
  return `${base.replace(/\/?$/, "/")}files/${rel}${version ? `?v=${encodeURIComponent(version)}` : ""}`;
}

// Ruler steps: about one tick per 70 px.
function tickStep(duration, width) {
  const wanted = duration / Math.max(1, width / 70);
  return [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300].find((s) => s >= wanted) || 600;
}

const clock = (t) => {
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, "0")}`;
};

function render({ model, el }) {
  el.classList.add("nemo-editor");
  const player = h("div", "nemo-player");
  const video = h("video", "nemo-editor-video");
  video.controls = true;
  video.preload = "metadata";
  video.playsInline = true;
  const pick = h("div", "nemo-sources");
  const note = h("div", "nemo-player-note");
  player.append(video, pick, note);

  const strip = h("div", "nemo-filmstrip");
  const timeline = h("div", "nemo-tl");
  const head = h("div", "nemo-tl-head");
  const time = h("span", "nemo-tl-time", clock(0));
  head.append(h("span", "nemo-tl-name", "Editor timeline"), time);
  const body = h("div", "nemo-tl-body");
  const labels = h("div", "nemo-tl-labels");
  const area = h("div", "nemo-tl-area"); // ruler + lanes: the part that seeks
  const ruler = h("div", "nemo-ruler");
  const lanes = h("div", "nemo-lanes");
  const playhead = h("div", "nemo-playhead");
  area.append(ruler, lanes, playhead);
  body.append(labels, area);
  timeline.append(head, body);
  const side = h("div", "nemo-editor-side");
  side.append(strip, timeline);
  el.append(player, side);

  let position = model.get("position") || 0;
  const duration = () => model.get("timeline").duration_s || video.duration || 0;

  const movePlayhead = (t) => {
    position = t;
    const d = duration();
    playhead.style.left = `${d > 0 ? Math.min(100, (100 * t) / d) : 0}%`;
    playhead.hidden = !(d > 0);
    area.setAttribute("aria-valuenow", t.toFixed(1));
    time.textContent = `${clock(t)} / ${clock(d)}`;
  };

  const seek = (t, save) => {
    const d = duration();
    t = Math.max(0, Math.min(d || 0, t));
    if (video.src && video.readyState >= 1) video.currentTime = Math.min(t, video.duration || t);
    movePlayhead(t);
    if (save) {
      model.set("position", t);
      model.save_changes();
    }
  };

  const timeAt = (event) => {
    const box = area.getBoundingClientRect();
    return (Math.max(0, Math.min(box.width, event.clientX - box.left)) / Math.max(1, box.width)) * duration();
  };
  let dragging = false;
  area.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || !(duration() > 0)) return;
    dragging = true;
    area.setPointerCapture?.(event.pointerId);
    seek(timeAt(event), false);
    event.preventDefault();
  });
  area.addEventListener("pointermove", (event) => dragging && seek(timeAt(event), false));
  const drop = (event) => {
    if (!dragging) return;
    dragging = false;
    seek(timeAt(event), true);
  };
  area.addEventListener("pointerup", drop);
  // Keys, as the terminal's scrubbing: arrows move 1 s (0.1 s with Shift), Home and End the ends.
  area.tabIndex = 0;
  area.setAttribute("role", "slider");
  area.setAttribute("aria-label", "Playhead: arrows move it, Shift for 0.1 s");
  area.setAttribute("data-lm-suppress-shortcuts", "true");
  area.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? 0.1 : 1;
    const to = { ArrowLeft: position - step, ArrowRight: position + step, Home: 0, End: duration() }[event.key];
    event.stopPropagation(); // the notebook's own keys stay out
    if (to === undefined || !(duration() > 0)) return;
    event.preventDefault();
    seek(to, true);
  });
  area.addEventListener("pointercancel", () => { dragging = false; });

  // The playhead follows the player: every frame while playing, on each seek otherwise.
  let frame = 0;
  const follow = () => {
    movePlayhead(video.currentTime);
    frame = video.paused ? 0 : requestAnimationFrame(follow);
  };
  video.addEventListener("play", () => { if (!frame) frame = requestAnimationFrame(follow); });
  video.addEventListener("seeked", () => { if (!dragging) movePlayhead(video.currentTime); });
  video.addEventListener("pause", () => {
    movePlayhead(video.currentTime);
    model.set("position", video.currentTime);
    model.save_changes();
  });
  video.addEventListener("loadedmetadata", () => {
    if (position > 0) video.currentTime = Math.min(position, video.duration);
    movePlayhead(position);
  });

  const drawRuler = () => {
    ruler.replaceChildren();
    const d = duration();
    if (!(d > 0)) return;
    const step = tickStep(d, area.clientWidth || 600);
    const label = (t) => (t >= 60 ? clock(t).replace(/\.0$/, "") : `${+t.toFixed(1)}s`);
    const px = (area.clientWidth || 600) / d;
    for (let t = 0; t < d - 1e-6; t += step) {
      if ((d - t) * px < 40) break; // leave room for the end's label
      const tick = h("span", "nemo-tick", label(t));
      tick.style.left = `${(100 * t) / d}%`;
      ruler.append(tick);
    }
    const end = h("span", "nemo-tick nemo-tick-end", label(d));
    end.style.left = "100%";
    ruler.append(end);
  };

  const drawTimeline = () => {
    const data = model.get("timeline");
    const thumbs = model.get("thumbs") || {};
    const d = data.duration_s || 0;
    labels.replaceChildren(h("div", "nemo-tl-label nemo-ruler-label", ""));
    lanes.replaceChildren();
    timeline.classList.toggle("nemo-tl-empty", !(d > 0));
    if (!(d > 0)) lanes.append(h("div", "nemo-tl-placeholder", "No video yet: ask for one in the chat."));
    for (const track of data.tracks || []) {
      const label = h("div", `nemo-tl-label nemo-role-${track.role}`, track.kind);
      label.title = track.name;
      labels.append(label);
      const lane = h("div", `nemo-lane nemo-lane-${track.role}`);
      let reach = 0; // where the bars before end: an overlap (a crossfade) is left uncovered by text
      for (const seg of track.segments) {
        const overlap = Math.max(0, Math.min(reach, seg.end_s) - seg.start_s);
        reach = Math.max(reach, seg.end_s);
        const bar = h("div", `nemo-bar nemo-bar-${track.role}${seg.changed ? " nemo-bar-changed" : ""}`);
        bar.dataset.id = seg.id;
        bar.style.left = `${d > 0 ? (100 * seg.start_s) / d : 0}%`;
        bar.style.width = `${d > 0 ? (100 * (seg.end_s - seg.start_s)) / d : 0}%`;
        if (overlap > 0 && d > 0) {
          bar.classList.add("nemo-bar-overlaps");
          bar.style.paddingLeft = `calc(${(100 * overlap) / d}% + 4px)`; // % of the lane's width
          bar.style.setProperty("--nemo-overlap", `${(100 * overlap) / (seg.end_s - seg.start_s)}%`);
        }
        bar.title = `${seg.label}${seg.words && seg.words !== seg.label ? `\n${seg.words}` : ""}\n`
          + `${seg.start_s}–${seg.end_s}s${seg.changed ? " · changed by the last edit" : ""}`;
        if (thumbs[seg.id]) {
          const img = h("img", "nemo-bar-thumb");
          img.src = `data:image/jpeg;base64,${thumbs[seg.id]}`;
          img.alt = "";
          bar.append(img);
        }
        const text = h("span", "nemo-bar-body");
        const isText = ["title", "caption", "text"].includes(track.role);
        text.append(h("span", "nemo-bar-label", isText ? seg.words || seg.label : seg.label));
        if (!isText && seg.words && seg.words !== seg.label) text.append(h("span", "nemo-bar-words", seg.words));
        bar.append(text);
        lane.append(bar);
      }
      lanes.append(lane);
    }
    drawRuler();
    movePlayhead(Math.min(position, d || position));
    drawStrip();
  };

  const drawStrip = () => {
    const data = model.get("timeline");
    const thumbs = model.get("thumbs") || {};
    strip.replaceChildren();
    const video_track = (data.tracks || []).find((t) => t.role === "video");
    for (const seg of video_track ? video_track.segments : []) {
      if (!thumbs[seg.id]) continue;
      const cell = h("button", "nemo-frame");
      cell.type = "button";
      cell.title = `${seg.label} (${seg.start_s}s)`;
      const img = h("img", "nemo-frame-img");
      img.src = `data:image/jpeg;base64,${thumbs[seg.id]}`;
      img.alt = seg.label;
      cell.append(img, h("span", "nemo-frame-time", `${+seg.start_s.toFixed(1)}s`));
      cell.addEventListener("click", () => seek(seg.start_s, true));
      strip.append(cell);
    }
    strip.hidden = !strip.childElementCount;
  };

  // Where the video comes from: the Jupyter server's /files/ route when the kernel found one that
  // serves the file; else (Voilà, VS Code, a file outside the server's root), or when that URL fails,
  // the kernel sends the file's bytes over the widget's comm (custom messages, never saved in the
  // notebook) and the player plays them from a blob: URL.
  const blobs = new Map(); // kind -> {version, url}: one object URL per kind, the older one revoked
  let pending = null; // {request, kind, version, count, size, parts, received}
  const fromKernel = new Set(); // "kind@version": its /files/ URL failed, ask the kernel instead

  const showBlob = (source, url) => {
    if (video.getAttribute("src") !== url) {
      video.src = url;
      video.load();
    }
    video.dataset.from = "kernel";
  };

  const askKernel = (source) => {
    const kept = blobs.get(source.kind);
    if (kept && kept.version === source.version) return showBlob(source, kept.url);
    if (pending && pending.kind === source.kind && pending.version === source.version) return;
    const request = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    pending = { request, kind: source.kind, version: source.version, parts: [], received: 0 };
    video.removeAttribute("src");
    video.load();
    note.textContent = "Loading the video from the kernel…";
    model.send({ type: "video?", request, kind: source.kind, version: source.version });
  };

  const onCustom = (msg, buffers) => {
    if (!msg || !pending || msg.request !== pending.request) return; // another view's, or an old one
    if (msg.type === "video-refused") {
      pending = null;
      note.textContent = msg.reason || "The kernel could not send the video.";
      return;
    }
    if (msg.type !== "video" || !buffers || !buffers.length) return;
    const part = buffers[0];
    pending.parts[msg.index] = part;
    pending.received += part.byteLength;
    if (msg.size > 0) note.textContent = `Loading the video from the kernel… ${Math.floor((100 * pending.received) / msg.size)}%`;
    if (pending.parts.filter(Boolean).length < msg.count) return;
    const done = pending;
    pending = null;
    const url = URL.createObjectURL(new Blob(done.parts, { type: "video/mp4" }));
    const old = blobs.get(done.kind);
    blobs.set(done.kind, { version: done.version, url });
    note.textContent = "";
    const active = activeSource();
    if (active && active.kind === done.kind && active.version === done.version) showBlob(active, url);
    if (old) URL.revokeObjectURL(old.url); // after the player let go of it
  };
  model.on("msg:custom", onCustom);

  const activeSource = () => {
    const sources = model.get("sources") || [];
    return sources.find((s) => s.kind === model.get("active")) || sources[sources.length - 1];
  };

  const drawSource = () => {
    const sources = model.get("sources") || [];
    const active = activeSource();
    pick.replaceChildren();
    for (const s of sources) {
      const button = h("button", `nemo-source${s === active ? " nemo-source-active" : ""}`, s.label);
      button.type = "button";
      button.title = s.file;
      button.addEventListener("click", () => {
        model.set("active", s.kind);
        model.save_changes();
        drawSource();
      });
      pick.append(button);
    }
    pick.hidden = sources.length < 2;
    note.textContent = "";
    if (!active) {
      player.classList.add("nemo-player-empty");
      video.removeAttribute("src");
      note.textContent = model.get("note") || "The preview and the export play here.";
      return;
    }
    player.classList.remove("nemo-player-empty");
    if (!active.path || fromKernel.has(`${active.kind}@${active.version}`)) return askKernel(active);
    const url = filesUrl(active.path, active.version);
    if (video.getAttribute("src") !== url) {
      video.src = url;
      video.load();
    }
    video.dataset.from = "files";
  };
  video.addEventListener("error", () => {
    const active = activeSource();
    if (!video.getAttribute("src") || !active) return;
    if (video.dataset.from === "files") { // no /files/ route here, or it refused: the kernel sends it
      fromKernel.add(`${active.kind}@${active.version}`);
      askKernel(active);
    } else {
      note.textContent = "The video could not be played.";
    }
  });

  const resize = new ResizeObserver(() => drawRuler());
  resize.observe(area);
  const handlers = [
    ["change:timeline", drawTimeline],
    ["change:thumbs", drawTimeline],
    ["change:sources", drawSource],
    ["change:active", drawSource],
    ["change:note", drawSource],
  ];
  for (const [name, fn] of handlers) model.on(name, fn);
  drawTimeline();
  drawSource();
  return () => {
    for (const [name, fn] of handlers) model.off(name, fn);
    model.off("msg:custom", onCustom);
    for (const { url } of blobs.values()) URL.revokeObjectURL(url);
    resize.disconnect();
    if (frame) cancelAnimationFrame(frame);
  };
}

export default { render };
