import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Parses feeds with a real feed parser: Python's `feedparser` (Debian `python3-feedparser`),
 * the reference parser of RSS and Atom. No npm package here parses feeds, so the tests call it
 * through python3. Missing, it is installed with apt-get when running as root on Debian (as
 * scripts/ensure-chromium.mjs does for Chromium); otherwise the test fails saying what to install.
 */
export interface ParsedFeed {
  /** feedparser's `bozo`: 1 when the document is not well-formed XML. */
  bozo: number;
  bozoException?: string;
  version: string;
  feed: {
    id?: string;
    title?: string;
    updated?: string;
    language?: string;
    rights?: string;
    links: { rel: string; href: string; type?: string }[];
    author?: string;
  };
  entries: {
    id: string;
    title: string;
    summary: string;
    link: string;
    published: string;
    updated: string;
    author?: string;
    tags: { term: string; scheme?: string; label?: string }[];
  }[];
}

const SCRIPT = `
import sys, json, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
def links(x): return [{"rel": l.get("rel"), "href": l.get("href"), "type": l.get("type")} for l in x.get("links", [])]
print(json.dumps({
  "bozo": int(d.bozo),
  "bozoException": str(d.get("bozo_exception")) if d.bozo else None,
  "version": d.version,
  "feed": {"id": d.feed.get("id"), "title": d.feed.get("title"), "updated": d.feed.get("updated"),
           "language": d.feed.get("language"), "rights": d.feed.get("rights"), "links": links(d.feed),
           "author": d.feed.get("author")},
  "entries": [{"id": e.get("id"), "title": e.get("title"), "summary": e.get("summary"), "link": e.get("link"),
               "published": e.get("published"), "updated": e.get("updated"), "author": e.get("author"),
               "tags": [{"term": t.get("term"), "scheme": t.get("scheme"), "label": t.get("label")} for t in e.get("tags", [])]}
              for e in d.entries],
}))
`;

// Debian's package installs into the system interpreter; `python3` on PATH may be another one (pyenv).
const INTERPRETERS = ['python3', '/usr/bin/python3'];
const withFeedparser = () =>
  INTERPRETERS.find((py) => spawnSync(py, ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0);
let python: string | undefined;

/** Makes sure feedparser can be imported (installing python3-feedparser as root on Debian). */
export function ensureFeedParser(): void {
  python = withFeedparser();
  if (python) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      'The Atom tests need Python feedparser: apt-get install python3-feedparser (or pip install feedparser)',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-feedparser'], {
      env,
      encoding: 'utf8',
    });
  if (install().status !== 0) {
    spawnSync('apt-get', ['update'], { env, stdio: 'ignore' });
    const second = install();
    if (second.status !== 0) throw new Error(`apt-get install python3-feedparser failed: ${second.stderr}`);
  }
  python = withFeedparser();
  if (!python) throw new Error('python3-feedparser was installed but `import feedparser` still fails');
}

export function parseFeed(xml: string): ParsedFeed {
  if (!python) ensureFeedParser();
  const result = spawnSync(python!, ['-c', SCRIPT], {
    input: xml,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`feedparser failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ParsedFeed;
}
