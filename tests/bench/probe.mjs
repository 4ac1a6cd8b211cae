// The probes that make bench (bench.mjs) and the A/B tool (ab.mjs) add to
// every page they load, and the blocking figure both read from them.

/** What the user sees, in ms after navigation start (docs/performance.md):
 *  first contentful paint and largest contentful paint as Chromium reports
 *  them, and "ready for input": the first weight control answers, i.e. a
 *  live (not prerendered, not inert) weight input, changed, has changed the
 *  figures on screen (the decision table's, or a provider's in detail). The probe changes q1's weight as soon as the
 *  app's control appears and records when the figure follows. */
export const userProbe = () => {
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__lcp = Math.max(window.__lcp, e.startTime);
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  let tried = false;
  const attempt = () => {
    if (tried) return;
    const input = document.querySelector('[data-testid=weight-input][data-question="1"]');
    // Not a prerendered copy: those are inert until the app draws their part.
    if (!input || input.closest('[inert]')) return;
    // The figures on screen: a provider's detail, or the decision table's
    // rows (the default page singles no provider out).
    const figures = () => {
      const shown = [...document.querySelectorAll('[data-testid=overall-risk], [data-testid=decision-row]')];
      return shown.some((f) => f.closest('[inert]')) ? null : shown.map((f) => f.dataset.value).join(' ');
    };
    const before = figures();
    if (!before) return;
    tried = true;
    input.value = input.value === '5' ? '0' : '5';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const seen = () => {
      const now = figures();
      if (now && now !== before) { window.__readyAt = performance.now(); return true; }
      return false;
    };
    if (seen()) return;
    const watch = new MutationObserver(() => { if (seen()) watch.disconnect(); });
    watch.observe(document, { subtree: true, attributes: true, childList: true });
  };
  new MutationObserver(attempt).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['inert', 'data-prerendered'] });
  document.addEventListener('DOMContentLoaded', attempt);
};

/** Records every long task (over 50 ms) of the page's main thread. */
export const longTaskProbe = () => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
};

/** Run in the page: the main-thread blocking after the first contentful
 *  paint, each long task counted beyond 50 ms (Lighthouse's TBT rule). */
export const blockingAfterPaint = () => {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0].startTime;
  return window.__long.filter(([start]) => start >= fcp).reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
};
