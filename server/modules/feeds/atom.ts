/**
 * Atom 1.0 (RFC 4287) rendering, by hand: the format is small and a template keeps every
 * element visible. All text goes through `escapeXml`; characters XML 1.0 forbids are dropped.
 */
export interface AtomEntry {
  id: string;
  title: string;
  summary: string;
  /** The page the entry links to (rel="alternate"). */
  link: string;
  published: Date;
  updated: Date;
  author: string;
  categories: { term: string; scheme: string; label?: string }[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  selfUrl: string;
  /** The same list as a web page. */
  alternateUrl: string;
  author: string;
  rights: string;
  language: string;
  entries: AtomEntry[];
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const el = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

function entryXml(e: AtomEntry): string {
  return [
    '  <entry>',
    `    ${el('id', e.id)}`,
    `    <title type="text">${escapeXml(e.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
    `    ${el('published', e.published.toISOString())}`,
    `    ${el('updated', e.updated.toISOString())}`,
    `    <author>${el('name', e.author)}</author>`,
    ...e.categories.map(
      (c) =>
        `    <category term="${escapeXml(c.term)}" scheme="${escapeXml(c.scheme)}"${
          c.label ? ` label="${escapeXml(c.label)}"` : ''
        }/>`,
    ),
    `    <summary type="text">${escapeXml(e.summary)}</summary>`,
    '  </entry>',
  ].join('\n');
}

/** The feed's `updated` is its newest entry's (an empty feed: the epoch, so it never churns). */
export function renderAtom(feed: AtomFeed): string {
  const updated = feed.entries.reduce((max, e) => (e.updated > max ? e.updated : max), new Date(0));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">`,
    `  ${el('id', feed.id)}`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>`] : []),
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternateUrl)}"/>`,
    `  ${el('updated', updated.toISOString())}`,
    `  <author>${el('name', feed.author)}</author>`,
    `  ${el('rights', feed.rights)}`,
    '  <generator>Behovstorget</generator>',
    ...feed.entries.map(entryXml),
    '</feed>',
    '',
  ].join('\n');
}
