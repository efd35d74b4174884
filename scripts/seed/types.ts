import type { Deps } from '../../server/platform/deps.js';

/** What every seed step gets: the real deps, a logger line function, and named ids shared between steps. */
export interface SeedContext {
  deps: Deps;
  log(message: string): void;
  /** Ids by name (e.g. `org:stockholm`, `user:anna`), set by earlier steps for later ones. */
  refs: Map<string, string>;
  ref(name: string): string;
  /** Demo logins to print at the end: role, email, password. */
  logins: { role: string; email: string; password: string }[];
}

/** One slice of demo data. Steps run in order; each goes through the features' own services. */
export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}
