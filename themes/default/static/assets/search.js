/* touchbase search: the header combobox and the /search/ page. Every rule
   here mirrors src/search/ (normalize.rs, query.rs); the browser tests
   compare both. No framework, no network beyond this site's index files. */
(() => {
'use strict';
const D = document;

/* ---- normalisation ---- */
const TR = { 'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'þ': 'th', 'ð': 'd', 'i̇': 'i' };
'aàáâãåāăą cçćčĉċ dďđ eèéêëēĕėęě gğĝġģ iìíîïīĭįı lłľĺļ nñńňņ oòóôõøōŏő rŕř sśšşș tťţț uùúûūŭůűų yýÿ zźżž'
  .split(' ').forEach(g => { for (const c of g.slice(1)) TR[c] = g[0]; });
const AN = /[\p{Alphabetic}\p{N}]/u;
// Words of letters and digits, lowercase, transliterated (ä → ae).
const words = s => {
  const out = [];
  let w = '';
  for (const c of s) {
    const l = c.toLowerCase(), t = TR[c] || TR[l] || l;
    if (AN.test(c) && [...t].every(x => AN.test(x))) w += t;
    else if (w) { out.push(w); w = ''; }
  }
  if (w) out.push(w);
  return out;
};
const dig = w => w.replace(/([aou])e/g, '$1');
const name = s => words(s).map(dig).join(' ');

/* ---- Snowball stemmers (German, English), for plain a-z words ---- */
const ends = (s, list) => list.split(' ').find(x => s.endsWith(x));
const region = (s, from, V) => {
  const m = new RegExp(`[${V}]+[^${V}]`).exec(s.slice(from));
  return m ? from + m.index + m[0].length : s.length;
};
const de = w => {
  const V = 'aeiouyäöü', v = c => !!c && V.includes(c);
  const a = [...w];
  for (let i = 0; i < a.length; i++) {
    if (v(a[i]) && (a[i + 1] === 'u' || a[i + 1] === 'y') && v(a[i + 2])) a[++i] = a[i].toUpperCase();
  }
  let s = a.join(''), n = s.length, q = n < 3 ? n : region(s, 0, V);
  const p1 = Math.max(q, 3), p2 = n < 3 ? n : region(s, q, V);
  const cut = k => { s = s.slice(0, -k); };
  let x = ends(s, 'ern em er en es e s');
  if (x && s.length - x.length >= p1) {
    if (x === 's') { if ('bdfghklmnrt'.includes(s.at(-2) || '-')) cut(1); }
    else { cut(x.length); if (['e', 'en', 'es'].includes(x) && s.endsWith('niss')) cut(1); }
  }
  x = ends(s, 'est en er st');
  n = s.length;
  if (x && n - x.length >= p1) {
    if (x !== 'st') cut(x.length);
    else if ('bdfghklmnt'.includes(s.at(-3) || '-') && n >= 6) cut(2);
  }
  x = ends(s, 'heit keit lich isch end ung ig ik');
  n = s.length;
  if (x && n - x.length >= p2) {
    if (x === 'end' || x === 'ung') {
      cut(3);
      if (s.endsWith('ig') && s.at(-3) !== 'e' && s.length - 2 >= p2) cut(2);
    } else if (x[0] === 'i') {
      if (s[n - x.length - 1] !== 'e') cut(x.length);
    } else if (x !== 'keit') {
      cut(4);
      if ((s.endsWith('er') || s.endsWith('en')) && s.length - 2 >= p1) cut(2);
    } else {
      cut(4);
      const y = ends(s, 'lich ig');
      if (y && s.length - y.length >= p2) cut(y.length);
    }
  }
  return s.replace(/U/g, 'u').replace(/Y/g, 'y');
};
const EX = 'skis:ski skies:sky dying:die lying:lie tying:tie idly:idl gently:gentl ugly:ugli early:earli only:onli singly:singl sky news howe atlas cosmos bias andes';
const EX2 = ' inning outing canning herring earring proceed exceed succeed ';
const S2 = 'ational:ate fulness:ful iveness:ive ization:ize ousness:ous biliti:ble lessli:less tional:tion alism:al aliti:al ation:ate entli:ent fulli:ful iviti:ive ousli:ous abli:able alli:al anci:ance ator:ate enci:ence izer:ize bli:ble ogi:og li:';
const S3 = 'ational:ate tional:tion alize:al icate:ic iciti:ic ative: ical:ic ness: ful:';
const S4 = 'ement ance ence able ible ment ant ent ism ate iti ous ive ize ion al er ic';
const table = t => t.split(' ').map(e => e.split(':'));
const T2 = table(S2), T3 = table(S3);
const en = w => {
  for (const [k, r] of table(EX)) if (k === w) return r || w;
  if (w.length < 3) return w;
  const V = 'aeiouy', v = c => !!c && V.includes(c);
  const a = [...w];
  let Y = a[0] === 'y';
  if (Y) a[0] = 'Y';
  for (let i = 1; i < a.length; i++) if (a[i] === 'y' && v(a[i - 1])) { a[i] = 'Y'; Y = true; }
  let s = a.join('');
  const g = /^(gener|commun|arsen)/.exec(s);
  const p1 = g ? g[0].length : region(s, 0, V), p2 = region(s, p1, V);
  const nv = i => i >= 0 && i < s.length && !v(s[i]);
  const short = c => (nv(c - 1) && !'wxY'.includes(s[c - 1]) && v(s[c - 2]) && nv(c - 3)) || (nv(c - 1) && v(s[c - 2]) && c === 2);
  const sub = (k, r) => { s = s.slice(0, s.length - k) + r; };
  let x = ends(s, 'sses ied ies us ss s');
  if (x === 'sses') sub(2, '');
  else if (x === 'ied' || x === 'ies') sub(3, s.length > 4 ? 'i' : 'ie');
  else if (x === 's' && /[aeiouy]/.test(s.slice(0, -2))) sub(1, '');
  if (!EX2.includes(` ${s} `)) {
    x = ends(s, 'eedly ingly edly eed ing ed');
    if (x === 'eed' || x === 'eedly') { if (s.length - x.length >= p1) sub(x.length, 'ee'); }
    else if (x && /[aeiouy]/.test(s.slice(0, -x.length))) {
      sub(x.length, '');
      if (/(at|bl|iz)$/.test(s)) s += 'e';
      else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(s)) sub(1, '');
      else if (s.length === p1 && short(s.length)) s += 'e';
    }
    if (/[yY]$/.test(s) && s.length > 2 && nv(s.length - 2)) sub(1, 'i');
    const step = (t, from, test) => {
      const e = t.find(([k]) => s.endsWith(k));
      if (e && s.length - e[0].length >= from && test(e[0], s.length - e[0].length)) sub(e[0].length, e[1] || '');
    };
    step(T2, p1, (k, b) => k === 'ogi' ? s[b - 1] === 'l' : k !== 'li' || 'cdeghkmnrt'.includes(s[b - 1] || '-'));
    step(T3, p1, (k, b) => k !== 'ative' || b >= p2);
    step(table(S4), p2, (k, b) => k !== 'ion' || 'st'.includes(s[b - 1] || '-'));
    const b = s.length - 1;
    if (s[b] === 'e' && (b >= p2 || (b >= p1 && !short(b)))) sub(1, '');
    else if (s[b] === 'l' && b >= p2 && s[b - 1] === 'l') sub(1, '');
  }
  return Y ? s.replace(/Y/g, 'y') : s;
};

/* ---- the index ---- */
const SECT = ['glossary/', 'touchpoints/', 'journeys/', ''];
const KINDS = ['term', 'touchpoint', 'journey', 'page'];
const slug = t => t.toLowerCase().replace(/[äöü]/g, c => TR[c]).replace(/ß/g, 'ss')
  .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const u16 = s => [...s].map(c => c.codePointAt(0)).join(',');
const cmp16 = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

class Index {
  constructor(url, h) {
    this.url = url;
    this.h = h;
    this.stem = h.stem === 'de' ? de : h.stem === 'en' ? en : w => w;
    this.shards = new Map();
    this.chunks = new Map();
    let kind = 0, upto = h.kinds[0];
    this.rows = h.docs ? h.docs.split('\n').map((line, id) => {
      while (id >= upto && kind < 3) upto += h.kinds[++kind];
      const [title, path, facets, ...others] = line.split('\t');
      const [ch, st] = (facets || '.').split('.');
      const tn = name(title);
      const spaced = [tn, ...others.map(o => {
        const m = /^(\d+):/.exec(o);
        return m ? tn.slice(0, +m[1]) + o.slice(m[0].length) : o;
      })];
      return {
        id, title, kind: KINDS[kind],
        path: path || h.prefix + SECT[kind] + slug(title) + '/',
        channel: ch === '' ? null : h.channels[+ch],
        stages: st ? st.split(',').map(i => h.stages[+i]) : [],
        sp: spaced.map(n => ' ' + n), bare: spaced.map(n => n.replace(/ /g, '')),
      };
    }) : [];
  }
  key(w) { return dig(/^[a-z]+$/.test(w) ? this.stem(w) : w); }
  get(map, file) {
    if (!map.has(file)) {
      map.set(file, fetch(`${this.url}${file}.json?v=${this.h.v}`).then(r => (r.ok ? r.json() : {})).catch(() => ({})));
    }
    return map.get(file);
  }
  shardOf(k) {
    const f = this.h.shards;
    let lo = 0, hi = f.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (cmp16(f[m], k) <= 0) lo = m + 1; else hi = m; }
    return Math.max(lo - 1, 0);
  }
  async postings(k) {
    if (!this.h.shards.length) return;
    const s = await this.get(this.shards, 't/' + this.shardOf(k));
    return Object.hasOwn(s, k) ? s[k] : undefined;
  }
  async candidates(w, last) {
    const own = this.key(w), out = [[own, 5]];
    if (!last) return out;
    const p = dig(w), first = this.shardOf(p), end = Math.min(this.shardOf(p + '\uffff'), first + 1);
    let found = 0;
    for (let i = first; i <= end && found < 64; i++) {
      const shard = await this.get(this.shards, 't/' + i);
      for (const k of Object.keys(shard).sort(cmp16)) {
        if (found === 64) break;
        if (k.startsWith(p) && k !== own) { out.push([k, 4]); found++; }
      }
    }
    for (let cut = 1; cut <= 3; cut++) {
      const s = p.slice(0, p.length - cut);
      if (p.length >= cut + 3 && s !== own && !out.some(([k]) => k === s)) out.push([s, 4]);
    }
    return out;
  }
  // Documents holding every word, with their summed scores.
  async fullText(q) {
    const list = words(q).filter(w => w.length >= 2 && w.length <= 40), n = this.rows.length;
    const total = new Int32Array(n), count = new Int32Array(n), out = new Map();
    for (let i = 0; i < list.length; i++) {
      const best = new Int32Array(n), touched = [];
      for (const [k, weight] of await this.candidates(list[i], i === list.length - 1)) {
        const p = await this.postings(k);
        if (!p) continue;
        for (let j = 0, doc = 0; j < p.length; j += 2) {
          doc += p[j];
          if (!best[doc]) touched.push(doc);
          best[doc] = Math.max(best[doc], p[j + 1] * weight);
        }
      }
      for (const d of touched) { total[d] += best[d]; count[d]++; }
    }
    if (list.length) count.forEach((c, d) => { if (c === list.length) out.set(d, total[d]); });
    return out;
  }
  async search(q, f = {}) {
    const spaced = name(q);
    if (!spaced) return [];
    const bare = spaced.replace(/ /g, ''), start = ' ' + spaced;
    const budget = bare.length >= 8 ? 2 : bare.length >= 4 ? 1 : 0;
    const hits = new Map();
    for (const r of this.rows) {
      let best = null;
      r.bare.forEach((n, i) => {
        let m = null;
        if (n === bare) m = [3, 0];
        else if (n.startsWith(bare) || r.sp[i].includes(start)) m = [2, 0];
        else if (budget) { const d = dist(bare, n, budget); if (d <= budget) m = [1, d]; }
        if (m) m[2] = +(i > 0);
        if (m && (!best || m[0] - best[0] || best[1] - m[1] || best[2] - m[2]) > 0) best = m;
      });
      if (best) hits.set(r.id, { id: r.id, tier: best[0], distance: best[1], alias: best[2], score: 0 });
    }
    for (const [id, score] of await this.fullText(q)) {
      if (!hits.has(id)) hits.set(id, { id, tier: 0, distance: 0, alias: 0, score: 0 });
      hits.get(id).score = score;
    }
    return [...hits.values()].filter(h => {
      const r = this.rows[h.id];
      return (!f.kind || f.kind === r.kind) && (!f.channel || f.channel === r.channel) && (!f.stage || r.stages.includes(f.stage));
    }).map(h => Object.assign(h, { len: this.rows[h.id].title.length }))
      .sort((a, b) => b.tier - a.tier || a.distance - b.distance || a.alias - b.alias
        || (a.tier && a.len - b.len) || b.score - a.score || a.len - b.len || a.id - b.id);
  }
  async snippet(id, q) {
    const c = await this.get(this.chunks, 'd/' + Math.floor(id / this.h.chunk));
    const parts = (c[id % this.h.chunk] || '').split('\t'), qs = words(q);
    const keys = qs.map(w => this.key(w));
    const hit = t => words(t).some(w => keys.includes(this.key(w)) || qs.some(x => dig(w).startsWith(dig(x))));
    const text = parts.find(p => p.split(/[^\p{Alphabetic}\p{N}]+/u).some(hit)) || parts[0];
    return { text, hit };
  }
}

// Edits (with neighbour swaps) between q and the closest prefix of n;
// anything over max counts max + 1. As prefix_distance in query.rs.
let rows = [[], [], []];
const dist = (q, n, max) => {
  const over = max + 1, width = Math.min(n.length, q.length + max) + 1;
  let [before, prev, cur] = rows;
  for (let j = 0; j < width; j++) { before[j] = over; prev[j] = Math.min(j, over); cur[j] = over; }
  for (let i = 1; i <= q.length; i++) {
    cur[0] = Math.min(i, over);
    let low = cur[0];
    for (let j = 1; j < width; j++) {
      if (j > i + max) { cur[j] = over; continue; }
      let d = Math.min(prev[j - 1] + (q[i - 1] === n[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
      if (i > 1 && j > 1 && q[i - 1] === n[j - 2] && q[i - 2] === n[j - 1]) d = Math.min(d, before[j - 2] + 1);
      cur[j] = Math.min(d, over);
      low = Math.min(low, cur[j]);
    }
    if (low > max) return over;
    [before, prev, cur] = [prev, cur, before];
  }
  let low = over;
  for (let j = 0; j < width; j++) low = Math.min(low, prev[j]);
  return low;
};

const indexes = new Map();
const open = url => {
  if (!indexes.has(url)) {
    indexes.set(url, fetch(url + 'names.json').then(r => r.json()).then(h => new Index(url, h), e => {
      indexes.delete(url); // try again on the next keystroke
      throw e;
    }));
  }
  return indexes.get(url);
};

/* ---- rendering ---- */
const el = (tag, cls, text) => {
  const e = D.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};
// A result: link with kind and title at once, the snippet (matches in
// <mark>) as soon as its chunk has arrived; `ready` settles then.
const item = (ix, h, q, form, id) => {
  const r = ix.rows[h.id], li = el('li', 'search-result'), a = el('a');
  a.href = form.dataset.base + r.path;
  if (id) { li.id = id; li.setAttribute('role', 'option'); li.setAttribute('aria-selected', 'false'); a.tabIndex = -1; }
  a.append(el('span', 'search-kind', form.dataset.kinds.split('|')[KINDS.indexOf(r.kind)]), ' ', el('span', 'search-title', r.title));
  li.append(a);
  li.ready = ix.snippet(h.id, q).then(({ text, hit }) => {
    const p = el('span', 'search-snippet');
    for (const part of text.split(/([\p{Alphabetic}\p{N}]+)/u)) p.append(part && hit(part) ? el('mark', '', part) : part);
    if (text) a.append(p);
  });
  return li;
};
const count = (form, n) => (n ? form.dataset[n === 1 ? 'one' : 'many'].replace('{n}', n) : form.dataset.none);

/* ---- the header combobox ---- */
const combo = form => {
  const input = form.querySelector('input[role=combobox]'), list = form.querySelector('[role=listbox]');
  const popup = list.parentElement, status = form.querySelector('[role=status]'), all = popup.querySelector('a');
  let active = -1, seq = 0;
  const show = on => { popup.hidden = !on; input.setAttribute('aria-expanded', on); };
  const options = () => [...list.children];
  const move = i => {
    const o = options();
    if (!o.length) return;
    active = (i + o.length) % o.length;
    o.forEach((x, j) => x.setAttribute('aria-selected', j === active));
    input.setAttribute('aria-activedescendant', o[active].id);
    o[active].scrollIntoView({ block: 'nearest' });
  };
  const run = async () => {
    const n = ++seq, q = input.value, ix = await open(form.dataset.index);
    const hits = q.trim() ? await ix.search(q) : [];
    if (n !== seq) return;
    const items = hits.slice(0, 8).map((h, i) => item(ix, h, q, form, 'search-opt-' + i));
    list.replaceChildren(...items);
    active = -1;
    input.removeAttribute('aria-activedescendant');
    all.href = form.action + '?q=' + encodeURIComponent(q);
    all.hidden = hits.length <= items.length;
    status.textContent = q.trim() ? count(form, hits.length) : '';
    show(!!q.trim());
  };
  input.addEventListener('focus', () => open(form.dataset.index));
  popup.addEventListener('mousedown', e => e.preventDefault());
  input.addEventListener('input', run);
  input.addEventListener('keydown', e => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (popup.hidden && input.value.trim()) show(true);
      move(active + (e.key === 'ArrowDown' ? 1 : active < 0 ? 0 : -1));
    } else if (e.key === 'Enter' && active >= 0 && !popup.hidden) {
      e.preventDefault();
      location.href = options()[active].querySelector('a').href;
    } else if (e.key === 'Escape') {
      input.value = '';
      list.replaceChildren();
      status.textContent = '';
      show(false);
    }
  });
  input.addEventListener('blur', () => setTimeout(() => { if (!form.contains(D.activeElement)) show(false); }, 150));
  D.addEventListener('keydown', e => {
    const t = e.target;
    if (e.key === '/' && !e.ctrlKey && !e.metaKey && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && !t.isContentEditable) {
      e.preventDefault();
      input.focus();
    }
  });
};

/* ---- the /search/ page ---- */
const page = form => {
  const results = D.getElementById('search-results'), status = D.getElementById('search-status');
  const more = D.getElementById('search-more');
  let hits = [], shown = 0, q = '', ix, seq = 0;
  const fields = ['q', 'kind', 'channel', 'stage'];
  const params = new URLSearchParams(location.search);
  fields.forEach(k => { if (form.elements[k] && params.has(k)) form.elements[k].value = params.get(k); });
  // The next 20 results, complete with their snippets: shown at once,
  // nothing on the page moves when a snippet arrives.
  const batch = async () => {
    const items = hits.slice(shown, shown + 20).map(h => item(ix, h, q, form));
    await Promise.all(items.map(li => li.ready));
    return items;
  };
  const next = async () => {
    const items = await batch();
    shown += items.length;
    results.append(...items);
    more.hidden = shown >= hits.length;
  };
  const run = async () => {
    const n = ++seq, v = {};
    fields.forEach(k => { v[k] = form.elements[k] ? form.elements[k].value : ''; });
    q = v.q;
    const u = new URLSearchParams();
    fields.forEach(k => { if (v[k]) u.set(k, v[k]); });
    history.replaceState(null, '', '?' + u);
    ix = await open(form.dataset.index);
    const found = q.trim() ? await ix.search(q, v) : [];
    if (n !== seq) return;
    hits = found;
    shown = 0;
    const items = await batch();
    if (n !== seq) return;
    shown = items.length;
    results.replaceChildren(...items);
    more.hidden = shown >= hits.length;
    status.textContent = q.trim() ? count(form, hits.length) : '';
  };
  form.addEventListener('submit', e => { e.preventDefault(); run(); });
  form.addEventListener('change', run);
  more.addEventListener('click', next);
  run();
};

D.querySelectorAll('form[data-search=combo]').forEach(combo);
D.querySelectorAll('form[data-search=page]').forEach(page);
window.touchbaseSearch = { words, name, dig, de, en, dist, open };
})();
