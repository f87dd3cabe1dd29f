// Preloaded into the bot by bench/hostile.ts (`node --import ./bench/event-loop-probe.mjs bin/dealbot.js start`):
// measures the main thread's event-loop delay with perf_hooks.monitorEventLoopDelay and writes one JSON line to
// standard error every EVENT_LOOP_PROBE_MS (default 250), plus the process's peak RSS when it exits. A preload, so
// the same probe measures any version of the bot, before and after a change, without touching its code.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setInterval } from 'node:timers';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const every = Number(process.env.EVENT_LOOP_PROBE_MS ?? 250);
  const report = () => {
    if (h.count === 0) return;
    const line = { probe: 'event-loop', at: Date.now(), p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
    process.stderr.write(JSON.stringify(line) + '\n');
    h.reset();
  };
  setInterval(report, every).unref();
  process.on('exit', () => {
    report();
    process.stderr.write(JSON.stringify({ probe: 'rss', maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
  });
}
