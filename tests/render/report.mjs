// What the committee report must show, built from the decision's JSON
// export (what the model holds), and what a rendered report does show
// (read in Chromium): the render tests compare the two block by block,
// item by item and cell by cell.
//
// The report (src/model/committee.rs, src/model/export.rs): page 1 is the
// decision table, the verdicts between neighbours, the weights, the
// confirm-in-writing set and the as-of date, then one provenance line per
// provider; then the questions to send each provider; then the evidence
// per provider.
import { address, norm } from './corpus.mjs';

/** The decision table's head, as the report writes it. */
export const TABLE_HEAD = ['#', 'Provider', 'Risk', 'Best–worst', 'Public facts', 'Gaps', 'Findings', 'To confirm', 'Evidence age'];

const DOMAIN_LABELS = {
  fit: 'Fit & integration',
  availability: 'Availability & support',
  location: 'Data location & transfer',
  access: 'Access & isolation',
  compliance: 'Regulated data',
  security: 'Security assurance',
  logging: 'Logging & audit',
  exit: 'Exit & continuity',
};

const NOTHING_TO_ASK = 'Nothing to ask: every weighted question is documented and confirmed.';
const GUIDE = /^https:\/\/www\.limswiki\.org\/index\.php\/LII:Choosing_and_Implementing/;

/**
 * In the page: the body's blocks in order (MediaWiki's table of contents
 * aside): headings' text, paragraphs' text and links, lists' items (each
 * item's own text and links, and the lists inside it), tables' caption and
 * cells. Run it last on a page: it takes the nested lists out of their
 * items to read each item's own text.
 */
export function outline() {
  const links = (el) => [...el.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), text: a.innerText, cls: a.className }));
  const isList = (el) => ['UL', 'OL', 'DL'].includes(el.tagName);
  const item = (li) => {
    const nested = [...li.children].filter(isList);
    const lists = nested.map(block);
    nested.forEach((l) => l.remove());
    return { text: li.innerText, links: links(li), lists };
  };
  const block = (el) => {
    const tag = el.tagName.toLowerCase();
    if (/^h[1-6]$/.test(tag)) return { tag, text: (el.querySelector('.mw-headline') || el).innerText, links: [] };
    if (isList(el)) return { tag, items: [...el.children].map(item) };
    if (tag === 'table') {
      return {
        tag,
        caption: el.caption ? el.caption.innerText : null,
        rows: [...el.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.innerText)),
      };
    }
    return { tag, text: el.innerText, links: links(el) };
  };
  return [...document.body.children].filter((el) => !(el.id === 'toc' && el === document.body.firstElementChild)).map(block);
}

// Matchers: a string is the text exactly (as a reader sees it, see norm);
// a RegExp made by `pattern` is the text with holes where the report's own
// words or numbers go.

const HOLE = '\u0000';
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The parts in order, strings exactly and RegExps as holes. */
export function pattern(...parts) {
  const holes = parts.filter((p) => p instanceof RegExp).map((p) => p.source);
  const text = norm(parts.map((p) => (p instanceof RegExp ? HOLE : p)).join(''));
  const pieces = text.split(HOLE).map(escapeRe);
  return new RegExp(`^${pieces.map((p, i) => (i === 0 ? p : `(?:${holes[i - 1]})${p}`)).join('')}$`);
}

function matches(got, want) {
  if (got === null || got === undefined) return false;
  return want instanceof RegExp ? want.test(norm(got)) : norm(got) === norm(want);
}

const NUM = /\d+\.\d/;

/** A figure as the report writes it: one decimal, or n/a. */
const fig = (x) => (x === null || x === undefined ? 'n/a' : x.toFixed(1));

/** The coverage record: which strings were checked in which field. */
export class Seen {
  constructor() { this.fields = {}; }
  add(field, value) { (this.fields[field] ||= new Set()).add(value); }
  /** The values of `all` never checked in `field`. */
  missing(field, all) { return all.filter((v) => !(this.fields[field] || new Set()).has(v)); }
}

/** For each field, the strings of `all` it never checked, as problems. */
export function uncovered(seen, fields) {
  return Object.entries(fields).flatMap(([field, all]) => {
    const missing = seen.missing(field, all);
    return missing.length ? [{ where: `coverage: ${field} never checked for`, want: [], got: missing }] : [];
  });
}

/** The providers taking part, least risky first. */
function ranked(e) {
  return e.ranking.map((id) => e.providers.find((p) => p.profile.provider.id === id));
}
const nameOf = (p) => p.profile.provider.name;
const question = (p, n) => p.figures.questions[n - 1];

/** The decision table's cells for one provider. */
function tableRow(p, rank) {
  const f = p.figures;
  return [
    String(rank),
    nameOf(p),
    `${fig(f.overall)} ${f.band ?? 'n/a'}`,
    f.overall_range ? `${fig(f.overall_range[0])}–${fig(f.overall_range[1])}` : 'n/a–n/a',
    `${fig(f.coverage)}%`,
    String(f.gaps.length),
    String(Object.keys(p.findings || {}).length),
    String(f.confirm_in_writing.length),
    /^(no cited answers|all \d+ cited answers current|\d+ of \d+ (stale|undated)|\d+ stale, \d+ undated of \d+)$/,
  ];
}

/** The verdict between neighbours a (less risky) and b, the numbers left as holes. */
function verdict(a, b) {
  const [A, B] = [nameOf(a), nameOf(b)];
  const s = a.figures.ranking.find((r) => r.compared === b.profile.provider.id);
  if (a.figures.overall === null || b.figures.overall === null) return `${A} and ${B} cannot be ranked: no question is weighted.`;
  if (s.order === 'as risky') return `${A} and ${B} are level: too close to call until they answer.`;
  if (s.presets_against.length || s.first_flip || s.order !== 'less risky') {
    return pattern(`${A} and ${B} are `, NUM, ' points apart: too close to call until they answer.');
  }
  const unknowns = s.unknowns_hold ? 'whatever the providers answer, the order stands' : "the providers' answers could still reverse it";
  return pattern(`${A} is less risky than ${B} by `, NUM, ` points under every preset and one-step weight change; ${unknowns}.`);
}

/** Where a provider's facts come from, the age in words left as a hole. */
function provenance(p) {
  const s = p.profile.source;
  const tail = `. ${p.figures.evidence_age}`;
  if (!s) return `${nameOf(p)}: a profile that names no source${tail}`;
  if (!s.retrieved) return `${nameOf(p)}: ${s.title}${tail}`;
  return pattern(`${nameOf(p)}: ${s.title}, retrieved ${s.retrieved} (`, /[^()]+/, `)${tail}`);
}

/** A provider's questions to send: its gaps, most points first, then the
 * questions still to confirm in writing. */
function asks(e, p) {
  const confirm = p.figures.confirm_in_writing;
  const gaps = p.figures.gaps.map((g) => ({
    q: question(p, g.question),
    why: `${g.status}, ${fig(g.points)} points${confirm.includes(g.question) ? '; in writing' : ''}`,
  }));
  const more = confirm.filter((n) => !p.figures.gaps.some((g) => g.question === n)).map((n) => ({ q: question(p, n), why: 'to confirm in writing' }));
  return [...gaps, ...more];
}

/** An ask line: the ask exactly, then the evidence-age note its answer gets
 * when stale or undated. */
function askLine(prefix, q) {
  return q.stale || q.undated ? pattern(`${prefix}${q.ask} (`, /[^()]+/, ')') : `${prefix}${q.ask}`;
}

/** Page 1: what both formats show the same way. */
function page1(e, seen) {
  const all = ranked(e);
  for (const p of all) {
    seen.add('name', nameOf(p));
    if (p.profile.source) seen.add('source title', p.profile.source.title);
  }
  const verdicts = all.slice(1).map((b, i) => verdict(all[i], b));
  const confirm = e.confirm_in_writing.length ? e.confirm_in_writing.map((n) => `Q${n}`).join(', ') : 'none';
  return {
    all,
    table: [TABLE_HEAD, ...all.map((p, i) => tableRow(p, i + 1))],
    page1: [
      ...verdicts,
      /^Weights: \S+ preset, (as it is|with .*) \(q1\.\.q18: \d{18}\)\.$/,
      `Confirm in writing with every provider: ${confirm}`,
      `Evidence as of ${e.evidence_as_of}`,
    ],
    provenance: all.map(provenance),
  };
}

const items = (list) => list.map((x) => (typeof x === 'string' || x instanceof RegExp ? { text: x } : x));
const heading = (tag, text) => ({ tag, text });

/** A finding's reference (from the record), for the coverage record. */
function reference(p, n) {
  return p.findings?.[String(n)]?.reference;
}

/**
 * The lab's finding on question n in words, built from the provider's
 * record (not from the figures' own wording of it): "status — reference,
 * basis, date", the reference left out when blank, "basis not stated" for
 * a finding without one, and no date when it has none. Null when the
 * record has no finding on n.
 */
export function findingWords(p, n) {
  const f = p.findings?.[String(n)];
  if (!f) return null;
  const parts = [...(f.reference?.trim() ? [f.reference] : []), f.basis ?? 'basis not stated', ...(f.date ? [f.date] : [])];
  return `${f.status} — ${parts.join(', ')}`;
}

/** The blocks of a Markdown committee report. */
export function markdownReport(e, seen) {
  const { all, table, page1: lines, provenance: facts } = page1(e, seen);
  const out = [
    heading('h1', `Cloud provider decision, as of ${e.evidence_as_of}`),
    { tag: 'table', rows: table },
    { tag: 'ul', items: items(lines) },
    heading('h2', 'Where the facts come from'),
    { tag: 'ul', items: items(facts) },
    heading('h2', 'Questions to send'),
  ];
  for (const p of all) {
    const list = asks(e, p);
    out.push(heading('h3', `${nameOf(p)} (${list.length})`));
    if (!list.length) out.push({ tag: 'p', text: NOTHING_TO_ASK });
    else {
      out.push({ tag: 'ol', items: list.map(({ q, why }) => ({ text: `Q${q.question} ${q.text} (${why}) Ask: ${q.ask}` })) });
      list.forEach(({ q }) => seen.add('ask', q.ask));
    }
  }
  out.push(heading('h2', 'Evidence'));
  for (const p of all) out.push(...markdownEvidence(e, p, seen));
  return out;
}

function markdownEvidence(e, p, seen) {
  const f = p.figures;
  const src = p.profile.source;
  const head = [`Provider: ${nameOf(p)} (${p.profile.provider.id})`];
  if (src) {
    head.push(src.url ? { text: `Source: ${src.title}`, links: [{ text: src.title, url: src.url }] } : `Source: ${src.title}`);
    if (src.url) seen.add('source url', src.url);
  }
  head.push(
    `Weights: ${f.preset}${e.weights_adjusted ? ', adjusted' : ''} (${e.weights})`,
    `Overall risk: ${fig(f.overall)} (${f.band ?? 'n/a'}), between ${fig(f.overall_range?.[0])} and ${fig(f.overall_range?.[1])} depending on the provider's answers; coverage ${fig(f.coverage)}% of the weight rests on public facts`,
    ...(f.ranking || []).map((r) => `Ranking: ${r.sentence}`),
    `Evidence as of ${f.evidence_as_of}: ${f.evidence_age}`,
  );
  const out = [
    heading('h3', nameOf(p)),
    { tag: 'ul', items: items(head) },
    heading('h4', 'Domains'),
    {
      tag: 'table',
      rows: [['Domain', 'Risk', 'Best case', 'Worst case'],
        ...Object.keys(DOMAIN_LABELS).map((d) => [DOMAIN_LABELS[d], fig(f.domains[d]), fig(f.domain_ranges[d][0]), fig(f.domain_ranges[d][1])])],
    },
    heading('h4', `Gaps (${f.gaps.length})`),
  ];
  if (f.gaps.length) {
    out.push({
      tag: 'ol',
      items: f.gaps.map((g) => {
        const q = question(p, g.question);
        const lines = [];
        if (q.summary) lines.push(`Public information: ${q.summary}`);
        const finding = findingWords(p, q.question);
        if (finding) lines.push(`Our finding: ${finding}`);
        lines.push(askLine('Ask: ', q));
        if (q.note) lines.push(`Lab note: ${q.note}`);
        for (const c of q.citations) {
          lines.push({ text: `Source: ${c.title}${c.date ? ` (${c.date})` : ''}`, links: [{ text: c.title, url: c.url }] });
        }
        record(seen, p, q);
        return {
          text: `Q${q.question} ${q.text} - ${q.status}${q.finding ? " (the lab's finding)" : ''}, weight ${q.weight}, ${fig(q.points)} points`,
          lists: [{ tag: 'ul', items: items(lines) }],
        };
      }),
    });
  }
  if (f.confirm_in_writing.length) {
    out.push(heading('h4', `Confirm in writing (${f.confirm_in_writing.length})`));
    out.push({ tag: 'ul', items: f.confirm_in_writing.map((n) => question(p, n)).map((q) => ({ text: `Q${q.question} ${q.text} - Ask: ${q.ask}` })) });
  }
  out.push(
    heading('h4', 'All questions'),
    {
      tag: 'table',
      rows: [['#', 'Domain', 'Question', 'Weight', 'Status', 'Points', 'Note'],
        ...f.questions.map((q) => [String(q.question), DOMAIN_LABELS[q.domain], q.text, String(q.weight), `${q.status}${q.finding ? ' (our finding)' : ''}`, fig(q.points), q.note])],
    },
    { tag: 'hr' },
    { tag: 'p', text: /LIMSWiki.*CC BY-SA 4\.0\. https:\/\/www\.limswiki\.org\/\S+$/, links: [{ text: GUIDE, url: GUIDE }] },
  );
  f.questions.forEach((q) => seen.add('note', q.note));
  return out;
}

/** What a gap item of the evidence checked, for the coverage record. */
function record(seen, p, q) {
  seen.add('summary', q.summary);
  seen.add('ask', q.ask);
  seen.add('note', q.note);
  const ref = reference(p, q.question);
  if (ref !== undefined) seen.add('finding reference', ref);
  for (const c of q.citations) {
    seen.add('citation title', c.title);
    seen.add('citation url', c.url);
  }
}

/** The blocks of a wikitext committee report. */
export function wikitextReport(e, seen) {
  const { all, table, page1: lines, provenance: facts } = page1(e, seen);
  const out = [
    heading('h2', `Cloud provider decision, as of ${e.evidence_as_of}`),
    { tag: 'table', caption: 'The providers, least risky first', rows: table },
    { tag: 'ul', items: items(lines) },
    heading('h3', 'Where the facts come from'),
    { tag: 'ul', items: items(facts) },
    heading('h2', 'Questions to send'),
  ];
  for (const p of all) {
    const list = asks(e, p);
    out.push(heading('h3', `${nameOf(p)} (${list.length})`));
    if (!list.length) out.push({ tag: 'p', text: NOTHING_TO_ASK });
    else {
      out.push({
        tag: 'ol',
        items: list.map(({ q, why }) => ({ text: `Q${q.question} ${q.text} (${why})`, lists: [{ tag: 'dl', items: items([`Ask: ${q.ask}`]) }] })),
      });
      list.forEach(({ q }) => seen.add('ask', q.ask));
    }
  }
  out.push(heading('h2', 'Evidence'));
  for (const p of all) out.push(...wikitextEvidence(e, p, seen));
  return out;
}

function wikitextEvidence(e, p, seen) {
  const f = p.figures;
  const out = [
    heading('h3', nameOf(p)),
    {
      tag: 'p',
      text: `Overall risk: ${fig(f.overall)} (${f.band ?? 'n/a'}), between ${fig(f.overall_range?.[0])} and ${fig(f.overall_range?.[1])} depending on the provider's answers; coverage ${fig(f.coverage)}%; weights: ${f.preset}${e.weights_adjusted ? ', adjusted' : ''} (${e.weights}).`,
    },
    { tag: 'ul', items: items([...(f.ranking || []).map((r) => `Ranking: ${r.sentence}`), `Evidence as of ${f.evidence_as_of}: ${f.evidence_age}`]) },
    {
      tag: 'table',
      caption: 'Risk by domain',
      rows: [['Domain', 'Risk', 'Best case', 'Worst case'],
        ...Object.keys(DOMAIN_LABELS).map((d) => [DOMAIN_LABELS[d], fig(f.domains[d]), fig(f.domain_ranges[d][0]), fig(f.domain_ranges[d][1])])],
    },
    heading('h4', 'Gaps'),
  ];
  if (f.gaps.length) {
    out.push({
      tag: 'ol',
      items: f.gaps.map((g) => {
        const q = question(p, g.question);
        const lines = [];
        if (q.summary) lines.push(`Public information: ${q.summary}`);
        const finding = findingWords(p, q.question);
        if (finding) lines.push(`Our finding: ${finding}`);
        lines.push(askLine('Ask: ', q));
        if (q.note) lines.push(`Lab note: ${q.note}`);
        for (const c of q.citations) lines.push({ text: `Source: ${c.title}`, links: [{ text: c.title, url: c.url }] });
        record(seen, p, q);
        return {
          text: `Q${q.question} ${q.text} — ${q.status}${q.finding ? " (the lab's finding)" : ''}, weight ${q.weight}, ${fig(q.points)} points`,
          lists: [{ tag: 'ul', items: items(lines) }],
        };
      }),
    });
  }
  if (f.confirm_in_writing.length) {
    out.push(heading('h4', 'Confirm in writing'));
    out.push({ tag: 'ul', items: f.confirm_in_writing.map((n) => question(p, n)).map((q) => ({ text: `Q${q.question} ${q.text} — Ask: ${q.ask}` })) });
  }
  out.push(
    {
      tag: 'table',
      caption: 'All questions',
      rows: [['#', 'Domain', 'Question', 'Weight', 'Status', 'Points', 'Note'],
        ...f.questions.map((q) => [String(q.question), DOMAIN_LABELS[q.domain], q.text, String(q.weight), `${q.status}${q.finding ? ' (our finding)' : ''}`, fig(q.points), q.note])],
    },
    { tag: 'p', text: /LIMSWiki.*CC BY-SA 4\.0\. The guide\.$/, links: [{ text: 'The guide', url: GUIDE }] },
  );
  f.questions.forEach((q) => seen.add('note', q.note));
  return out;
}

const show = (m) => (m instanceof RegExp ? `/${m.source}/` : m);
const label = (b) => `${b.tag}${b.text !== undefined ? ` ${JSON.stringify(typeof b.text === 'string' ? b.text.slice(0, 60) : show(b.text))}` : ''}`;

/**
 * Every difference between the shown blocks and the wanted ones, as
 * { where, want, got }. `external`: links must be MediaWiki's external
 * links.
 */
export function differences(got, want, { external = false, at = '' } = {}) {
  const out = [];
  const text = (where, g, w) => {
    if (!matches(g, w)) out.push({ where, want: show(w), got: g });
  };
  const links = (where, g, w = []) => {
    if (g.length !== w.length) {
      out.push({ where: `${where}: links`, want: w.map((l) => show(l.url)), got: g.map((l) => l.href) });
      return;
    }
    w.forEach((l, i) => {
      const a = g[i];
      text(`${where}: link ${i} text`, a.text, l.text);
      const href = l.url instanceof RegExp ? l.url.test(a.href) : address(a.href) === address(l.url);
      if (!href) out.push({ where: `${where}: link ${i} address`, want: show(l.url), got: a.href });
      if (external && !/\bexternal\b/.test(a.cls)) out.push({ where: `${where}: link ${i} class`, want: 'external', got: a.cls });
    });
  };
  const blocks = (where, g, w) => {
    for (let i = 0; i < Math.max(g.length, w.length); i++) {
      const [gb, wb] = [g[i], w[i]];
      const here = `${where} ${i}`;
      if (!gb || !wb || gb.tag !== wb.tag) {
        out.push({ where: `${here}: block`, want: wb ? label(wb) : '(nothing)', got: gb ? label(gb) : '(nothing)' });
        return;
      }
      const name = `${here} (${label(wb)})`;
      if (['ul', 'ol', 'dl'].includes(wb.tag)) {
        if (gb.items.length !== wb.items.length) {
          out.push({ where: `${name}: items`, want: wb.items.map((x) => show(x.text)), got: gb.items.map((x) => x.text) });
          continue;
        }
        wb.items.forEach((wi, k) => {
          const gi = gb.items[k];
          text(`${name} item ${k}`, gi.text, wi.text);
          links(`${name} item ${k}`, gi.links, wi.links);
          blocks(`${name} item ${k} ›`, gi.lists, wi.lists || []);
        });
      } else if (wb.tag === 'table') {
        if (wb.caption !== undefined) text(`${name} caption`, gb.caption, wb.caption);
        if (gb.rows.length !== wb.rows.length) {
          out.push({ where: `${name}: rows`, want: wb.rows.length, got: gb.rows.map((r) => r.join(' | ')) });
          continue;
        }
        wb.rows.forEach((wr, r) => {
          const gr = gb.rows[r];
          if (gr.length !== wr.length) out.push({ where: `${name} row ${r}: cells`, want: wr.map(show), got: gr });
          else wr.forEach((c, k) => text(`${name} row ${r} cell ${k}`, gr[k], c));
        });
      } else if (wb.tag !== 'hr') {
        text(name, gb.text, wb.text);
        links(name, gb.links, wb.links);
      }
    }
  };
  blocks(at || 'block', got, want);
  return out;
}

/** The first differences, one a line. */
export function describe(problems) {
  const line = (p) => `${p.round === undefined ? '' : `round ${p.round}${p.via ? ` (${p.via})` : ''}, `}${p.where}: wanted ${JSON.stringify(p.want)}, shown ${JSON.stringify(p.got)}`;
  return `${problems.length} difference(s):\n${problems.slice(0, 25).map(line).join('\n')}`;
}
