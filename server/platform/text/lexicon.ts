/**
 * The Swedish hunspell dictionary (`dictionary-sv`) read as data: lemmas with their flags and
 * the suffix rules, used backwards. A word form is checked by stripping a rule's ending and
 * looking the base up, the way hunspell checks words, so nothing is expanded in memory
 * (expanding every form would hold over a million strings; nspell does that and takes seconds).
 *
 * The dictionary marks compound parts: X may begin a compound, U may stand in the middle, Y may
 * end one, Z exists only inside compounds; suffix rules whose continuation carries X/U produce
 * the linking forms (skog → skogs-, tjänst → tjänste-, vecka → vecko-).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface SuffixRule {
  flag: string;
  strip: string;
  add: string;
  cont: string;
  condition: RegExp;
}

export interface Lexicon {
  /** Lemmas this form inflects (the form itself when it is a lemma), compound-only lemmas excluded. */
  lemmasOf(form: string): string[];
  /** Lemmas for which this form may begin (or stand in the middle of) a compound. */
  beginLemmasOf(form: string): string[];
  /** Lemmas whose (inflected) form this is and that may end a compound. */
  endLemmasOf(form: string): string[];
  /** True when a lemma defines its own compound-begin forms (then no linking form is guessed). */
  hasBeginForms(lemma: string): boolean;
  isLemma(word: string): boolean;
  /** Whether some dictionary entry starts with these letters (prunes the compound search). */
  hasPrefix(prefix: string): boolean;
  readonly lemmaCount: number;
  readonly loadMs: number;
}

const COMPOUND_BEGIN = 'X';
const COMPOUND_MIDDLE = 'U';
const COMPOUND_END = 'Y';
const ONLY_IN_COMPOUND = 'Z';
const FORBIDDEN = '%';
const NEEDS_AFFIX = '¤';

function dictionaryDir(): string {
  // The package's own entry point reads both files at import time; we read them on first use.
  const require = createRequire(import.meta.url);
  const paths = require.resolve.paths('dictionary-sv') ?? [];
  for (const base of paths) {
    const dir = join(base, 'dictionary-sv');
    try {
      readFileSync(join(dir, 'package.json'));
      return dir;
    } catch {
      // not in this search path
    }
  }
  return dirname(require.resolve('dictionary-sv'));
}

function parseRules(aff: string): SuffixRule[] {
  const rules: SuffixRule[] = [];
  for (const line of aff.split('\n')) {
    const f = line.trim().split(/\s+/);
    // Rule lines have five fields; the header line of a flag has four.
    if (f[0] !== 'SFX' || f.length < 5) continue;
    const [, flag, strip, addCont, cond] = f as [string, string, string, string, string];
    const [addRaw, cont = ''] = addCont.split('/') as [string, string?];
    rules.push({
      flag,
      strip: strip === '0' ? '' : strip,
      add: addRaw === '0' ? '' : addRaw,
      cont,
      condition: new RegExp(`${cond === '.' ? '' : cond}$`, 'u'),
    });
  }
  return rules;
}

interface RuleIndex {
  /** Rules by the ending they add, then by what they strip: one lemma lookup per (ending, strip). */
  byAdd: Map<string, Map<string, SuffixRule[]>>;
  longestAdd: number;
}

function indexRules(rules: SuffixRule[]): RuleIndex {
  const byAdd = new Map<string, Map<string, SuffixRule[]>>();
  let longestAdd = 0;
  for (const r of rules) {
    if (r.add === '' && r.strip === '' && !r.cont) continue;
    let byStrip = byAdd.get(r.add);
    if (!byStrip) byAdd.set(r.add, (byStrip = new Map()));
    byStrip.set(r.strip, [...(byStrip.get(r.strip) ?? []), r]);
    longestAdd = Math.max(longestAdd, r.add.length);
  }
  return { byAdd, longestAdd };
}

function load(): Lexicon {
  const started = performance.now();
  const dir = dictionaryDir();
  const rules = parseRules(readFileSync(join(dir, 'index.aff'), 'utf8'));
  const flags = new Map<string, string>();
  const dic = readFileSync(join(dir, 'index.dic'), 'utf8').split('\n');
  for (let i = 1; i < dic.length; i++) {
    const line = dic[i]!;
    if (!line) continue;
    const slash = line.indexOf('/');
    const word = slash < 0 ? line.trim() : line.slice(0, slash);
    const wordFlags = slash < 0 ? '' : line.slice(slash + 1).trim();
    if (wordFlags.includes(FORBIDDEN)) continue;
    // Proper names are looked up in lower case too ("Stockholm" in "stockholmsregionen").
    const key = word.toLowerCase();
    flags.set(key, (flags.get(key) ?? '') + wordFlags);
  }
  const isBeginRule = (r: SuffixRule) => r.cont.includes(COMPOUND_BEGIN) || r.cont.includes(COMPOUND_MIDDLE);
  const allRules = indexRules(rules);
  // The compound-begin check runs for every piece of every word: it gets its own, small index.
  const beginIndex = indexRules(rules.filter(isBeginRule));

  /** Every (lemma, rule) that produces this form; rule null for the lemma itself. */
  function derivations(
    form: string,
    index = allRules,
  ): { lemma: string; lemmaFlags: string; rule: SuffixRule | null }[] {
    const out: { lemma: string; lemmaFlags: string; rule: SuffixRule | null }[] = [];
    const own = flags.get(form);
    if (own !== undefined) out.push({ lemma: form, lemmaFlags: own, rule: null });
    for (let n = 0; n <= Math.min(index.longestAdd, form.length - 1); n++) {
      const byStrip = index.byAdd.get(n === 0 ? '' : form.slice(-n));
      if (!byStrip) continue;
      const stem = form.slice(0, form.length - n);
      for (const [strip, candidates] of byStrip) {
        const lemma = stem + strip;
        const lemmaFlags = flags.get(lemma);
        if (lemmaFlags === undefined) continue;
        for (const r of candidates) {
          if (lemmaFlags.includes(r.flag) && r.condition.test(lemma))
            out.push({ lemma, lemmaFlags, rule: r });
        }
      }
    }
    return out;
  }

  const unique = (xs: string[]) => [...new Set(xs)];
  const sorted = [...flags.keys()].sort();
  const beginRules = rules.filter(isBeginRule);
  return {
    lemmaCount: flags.size,
    loadMs: performance.now() - started,
    hasPrefix(prefix) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      return lo < sorted.length && sorted[lo]!.startsWith(prefix);
    },
    isLemma: (w) => {
      const f = flags.get(w);
      return f !== undefined && !f.includes(ONLY_IN_COMPOUND) && !f.includes(NEEDS_AFFIX);
    },
    lemmasOf(form) {
      return unique(
        derivations(form)
          .filter(
            (d) =>
              (d.rule === null
                ? !d.lemmaFlags.includes(NEEDS_AFFIX)
                : !d.rule.cont.includes(ONLY_IN_COMPOUND)) && !d.lemmaFlags.includes(ONLY_IN_COMPOUND),
          )
          .map((d) => d.lemma),
      );
    },
    beginLemmasOf(form) {
      return unique(
        derivations(form, beginIndex)
          .filter((d) => {
            const f = d.rule === null ? d.lemmaFlags : d.rule.cont;
            return f.includes(COMPOUND_BEGIN) || f.includes(COMPOUND_MIDDLE);
          })
          .map((d) => d.lemma),
      );
    },
    endLemmasOf(form) {
      return unique(
        derivations(form)
          .filter(
            (d) =>
              d.lemmaFlags.includes(COMPOUND_END) &&
              !d.lemmaFlags.includes(ONLY_IN_COMPOUND) &&
              (d.rule === null || !d.rule.cont.includes(ONLY_IN_COMPOUND)),
          )
          .map((d) => d.lemma),
      );
    },
    hasBeginForms(lemma) {
      const f = flags.get(lemma) ?? '';
      if (f.includes(COMPOUND_BEGIN) || f.includes(COMPOUND_MIDDLE)) return true;
      return beginRules.some((r) => f.includes(r.flag) && r.condition.test(lemma));
    },
  };
}

let shared: Lexicon | undefined;

/** The one lexicon of the process, read on first use (about a quarter of a second). */
export function lexicon(): Lexicon {
  shared ??= load();
  return shared;
}
