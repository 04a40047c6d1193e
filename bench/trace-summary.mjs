// Reads a Chromium trace (devtools.timeline): the renderer main thread's tasks over `longMs`, each broken down by the
// self time of what ran inside it (scripts, style, layout, paint, GC…), and the same breakdown over the whole trace.

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
  const all = new Map();
  const longTasks = [];
  let at = 0;
  for (const task of outer) {
    while (at < onMain.length && onMain[at].ts < task.ts) at++;
    const inside = [];
    for (let i = at; i < onMain.length && onMain[i].ts < task.ts + task.dur; i++) inside.push(onMain[i]);
    const totals = selfTimes(inside);
    for (const [name, us] of totals) all.set(name, (all.get(name) ?? 0) + us);
    if (task.dur / 1000 > longMs) longTasks.push({ ms: task.dur / 1000, top: top(totals, 8) });
  }
  return {
    summary: {
      tasks: outer.length,
      busyMs: Math.round(outer.reduce((sum, t) => sum + t.dur, 0) / 1000),
      longTasks: longTasks.length,
    },
    longTasks,
    overall: top(all, 15),
  };
}
