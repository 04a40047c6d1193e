// Reads a Chromium trace (devtools.timeline): the renderer main thread's tasks over `longMs`, each broken down by the
// self time of what ran inside it (scripts, style, layout, paint, GC…), and the same breakdown over the whole trace.
// With the V8 sampler's events (category disabled-by-default-v8.cpu_profiler), also the script of the long tasks by
// function (self time) and by React component (the innermost capitalized function on each sample's stack): readable
// with an unminified build (TEAMSET_WEB_PROFILE=1, packages/web/vite.config.ts).

/** The label of a trace event: its name, with the function, event type or callback it names when it has one. */
function label(event) {
  const data = event.args?.data ?? {};
  if (event.name === 'FunctionCall' && (data.functionName || data.url))
    return `FunctionCall ${data.functionName || '(anonymous)'} ${String(data.url ?? '').replace(/^.*\//, '')}`;
  if (event.name === 'EventDispatch' && data.type) return `EventDispatch ${data.type}`;
  return event.name;
}

/** Self time (µs) per label of `events` (sorted, all inside one task): an event's time less its children's. */
function selfTimes(events) {
  const totals = new Map();
  const stack = [];
  const close = (upTo) => {
    while (stack.length > 0 && stack[stack.length - 1].end <= upTo) {
      const done = stack.pop();
      totals.set(done.label, (totals.get(done.label) ?? 0) + done.dur - done.children);
    }
  };
  for (const event of events) {
    close(event.ts);
    const parent = stack[stack.length - 1];
    // Only properly nested children count against their parent.
    if (parent && event.ts + event.dur <= parent.end) parent.children += event.dur;
    else if (parent) continue;
    stack.push({ label: label(event), end: event.ts + event.dur, dur: event.dur, children: 0 });
  }
  close(Infinity);
  return totals;
}

const top = (totals, n) =>
  [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => [name, us / 1000]);

/** The V8 sampler's samples of the main thread: `[{ ts, node }]` sorted, and the call tree's nodes by id. */
function cpuSamples(events, mains) {
  const nodes = new Map();
  const samples = [];
  const starts = new Map();
  for (const e of events) {
    if (e.name === 'Profile' && mains.has(`${e.pid}:${e.tid}`)) starts.set(`${e.pid}:${e.id}`, e.args.data.startTime);
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}:${e.id}`;
    if (!starts.has(key)) continue;
    const profile = e.args.data.cpuProfile ?? {};
    for (const node of profile.nodes ?? []) nodes.set(`${key}:${node.id}`, { ...node, key });
    let ts = starts.get(key);
    const deltas = e.args.data.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      ts += deltas[i] ?? 0;
      samples.push({ ts, node: `${key}:${id}` });
    });
    starts.set(key, ts);
  }
  for (const node of nodes.values()) {
    for (const child of node.children ?? []) {
      const c = nodes.get(`${node.key}:${child}`);
      if (c) c.parentId = `${node.key}:${node.id}`;
    }
    if (node.parent !== undefined) node.parentId = `${node.key}:${node.parent}`;
  }
  samples.sort((a, b) => a.ts - b.ts);
  return { nodes, samples };
}

const frameName = (frame) =>
  `${frame.functionName || '(anonymous)'} ${String(frame.url ?? '').replace(/^.*\//, '')}:${frame.lineNumber ?? ''}`;

/** Per function (self) and per component (innermost capitalized function of the stack): samples in [from, to). */
function attribute(profile, from, to, functions, components) {
  const { nodes, samples } = profile;
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid].ts < from) lo = mid + 1;
    else hi = mid;
  }
  let count = 0;
  for (let i = lo; i < samples.length && samples[i].ts < to; i++) {
    const node = nodes.get(samples[i].node);
    const frame = node?.callFrame;
    if (!frame || ['(idle)', '(program)', '(root)'].includes(frame.functionName)) continue;
    count++;
    functions.set(frameName(frame), (functions.get(frameName(frame)) ?? 0) + 1);
    let component = '(none)';
    for (let n = node; n; n = nodes.get(n.parentId)) {
      if (/^[A-Z][A-Za-z0-9]*$/.test(n.callFrame.functionName) && n.callFrame.url) {
        component = n.callFrame.functionName;
        break;
      }
    }
    components.set(component, (components.get(component) ?? 0) + 1);
  }
  return count;
}

const topCounts = (counts, n) => [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);

export function summarizeTrace(trace, longMs) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = events
    .filter((e) => e.ph === 'X' && typeof e.dur === 'number' && mains.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  // Nested task runners report RunTask inside RunTask: only the outermost is a task.
  const outer = [];
  for (const task of tasks) {
    const last = outer[outer.length - 1];
    if (last && task.ts < last.ts + last.dur) continue;
    outer.push(task);
  }
  const profile = cpuSamples(events, mains);
  const longFunctions = new Map();
  const longComponents = new Map();
  const all = new Map();
  const longTasks = [];
  let at = 0;
  for (const task of outer) {
    while (at < onMain.length && onMain[at].ts < task.ts) at++;
    const inside = [];
    for (let i = at; i < onMain.length && onMain[i].ts < task.ts + task.dur; i++) inside.push(onMain[i]);
    const totals = selfTimes(inside);
    for (const [name, us] of totals) all.set(name, (all.get(name) ?? 0) + us);
    if (task.dur / 1000 > longMs) {
      const functions = new Map();
      const components = new Map();
      const sampled = attribute(profile, task.ts, task.ts + task.dur, functions, components);
      for (const [k, v] of functions) longFunctions.set(k, (longFunctions.get(k) ?? 0) + v);
      for (const [k, v] of components) longComponents.set(k, (longComponents.get(k) ?? 0) + v);
      longTasks.push({
        ms: task.dur / 1000,
        top: top(totals, 8),
        ...(sampled > 0 ? { sampled, functions: topCounts(functions, 6), components: topCounts(components, 6) } : {}),
      });
    }
  }
  return {
    summary: {
      tasks: outer.length,
      busyMs: Math.round(outer.reduce((sum, t) => sum + t.dur, 0) / 1000),
      longTasks: longTasks.length,
    },
    longTasks,
    overall: top(all, 15),
    // Sampler hits (one per ~0.1 ms by default) over all long tasks: where their script went.
    ...(profile.samples.length > 0
      ? { longFunctions: topCounts(longFunctions, 25), longComponents: topCounts(longComponents, 25) }
      : {}),
  };
}
