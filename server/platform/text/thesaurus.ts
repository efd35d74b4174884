/**
 * The domain thesaurus: groups of words and phrases that mean the same thing to a buyer or a
 * supplier (badhus / simhall / swimming pool). Groups are data (`thesaurus/*.json`), normalised
 * on first use through the same word keys as the texts, so "simhallar" and "Simhallen" belong to
 * the group of "simhall". A group's token is the key of its first member; a document with any
 * member is indexed under it and a query word in a group searches for it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { STOP_WORDS } from './stop-words.js';
import { lowerWords } from './fold.js';
import { wordKey } from './word-keys.js';

export interface ThesaurusFile {
  about?: string;
  groups: string[][];
  /**
   * Generated files carry their members' keys (space-joined, parallel to `groups`), so thousands
   * of groups cost nothing at start-up; a unit test recomputes them to catch a stale file.
   */
  keys?: string[][];
}

export interface Thesaurus {
  /** Group token of a single word's key. */
  groupOfKey(key: string): string | undefined;
  /** Phrases (two or more keys) by their first key. */
  phrasesStartingWith(key: string): readonly { keys: string[]; group: string }[];
  readonly groups: readonly { token: string; members: string[] }[];
  /** Members that were already in an earlier group (ignored there; a test keeps this empty). */
  readonly conflicts: readonly { member: string; kept: string; ignored: string }[];
}

const DIR = new URL('./thesaurus/', import.meta.url);

/** The keys of a member as a query would produce them (stop words dropped). */
export function memberKeys(member: string): string[] {
  return lowerWords(member)
    .filter((w) => !STOP_WORDS.has(w))
    .map(wordKey);
}

export function buildThesaurus(files: ThesaurusFile[]): Thesaurus {
  const single = new Map<string, string>();
  const phrases = new Map<string, { keys: string[]; group: string }[]>();
  const groups: { token: string; members: string[] }[] = [];
  const conflicts: { member: string; kept: string; ignored: string }[] = [];
  const seenPhrase = new Map<string, string>();
  for (const file of files) {
    for (const [g, members] of file.groups.entries()) {
      const stored = file.keys?.[g];
      const keysOf = (m: number) =>
        stored ? (stored[m] ?? '').split(' ').filter(Boolean) : memberKeys(members[m]!);
      if (members.length === 0) continue;
      const token = keysOf(0).join('');
      if (!token) continue;
      groups.push({ token, members });
      for (const [m, member] of members.entries()) {
        const keys = keysOf(m);
        if (keys.length === 0) continue;
        const id = keys.join(' ');
        const kept = keys.length === 1 ? single.get(id) : seenPhrase.get(id);
        if (kept !== undefined && kept !== token) {
          conflicts.push({ member, kept, ignored: token });
          continue;
        }
        if (keys.length === 1) single.set(id, token);
        else {
          seenPhrase.set(id, token);
          phrases.set(keys[0]!, [...(phrases.get(keys[0]!) ?? []), { keys, group: token }]);
        }
      }
    }
  }
  // Longest phrase first, so "internet of things" wins over a shorter phrase with the same start.
  for (const list of phrases.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return {
    groupOfKey: (key) => single.get(key),
    phrasesStartingWith: (key) => phrases.get(key) ?? [],
    groups,
    conflicts,
  };
}

export function readThesaurusFiles(): ThesaurusFile[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json') && f !== 'no-split.json')
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as ThesaurusFile);
}

let shared: Thesaurus | undefined;

/** The process's thesaurus, normalised on first use. */
export function thesaurus(): Thesaurus {
  shared ??= buildThesaurus(readThesaurusFiles());
  return shared;
}
