import mongoose, { type Connection } from 'mongoose';
import { analyzeText } from '../../platform/text/index.js';
import { supplierProfileModel } from '../suppliers/supplier-profile.model.js';
import type { TextEvidence } from './text-fit.js';

/** The parts of a profile an explanation can point to. */
export interface ProfileTexts {
  id: string;
  pitch: string;
  offerings: { name: string; description?: string }[];
  references: { buyerName: string; year?: number; text?: string }[];
}

/** The approved texts of these listed profiles (one query; contacts are never read). */
export async function profileTexts(mongo: Connection, ids: string[]): Promise<Map<string, ProfileTexts>> {
  if (ids.length === 0) return new Map();
  const docs = await supplierProfileModel(mongo)
    .find(
      { _id: mongoose.trusted({ $in: ids.map((id) => new mongoose.Types.ObjectId(id)) }), listed: true },
      { 'approved.pitch': 1, 'approved.offerings': 1, 'approved.references': 1 },
    )
    .lean<{ _id: mongoose.Types.ObjectId; approved?: Partial<ProfileTexts> | null }[]>();
  return new Map(
    docs.map((d) => [
      String(d._id),
      {
        id: String(d._id),
        pitch: d.approved?.pitch ?? '',
        offerings: d.approved?.offerings ?? [],
        references: d.approved?.references ?? [],
      },
    ]),
  );
}

/** How many of a text's analysed terms the need has; a short text needs fewer to count. */
function overlap(needTerms: ReadonlySet<string>, text: string): { shared: number; of: number } {
  const terms = new Set(analyzeText(text));
  let shared = 0;
  for (const t of terms) if (needTerms.has(t)) shared += 1;
  return { shared, of: terms.size };
}

/** Two shared terms, or half of a short name's terms: one common word ("system") is no evidence. */
const telling = (o: { shared: number; of: number }) => o.shared >= 2 || (o.shared >= 1 && o.of <= 2);

/**
 * Which offerings, which reference and whether the pitch share the need's analysed terms
 * (stems, compound parts, thesaurus groups), best first. Offerings are judged by name and
 * description together but named by their name.
 */
export function findEvidence(needTerms: ReadonlySet<string>, profile: ProfileTexts): TextEvidence {
  const offerings = profile.offerings
    .map((o) => ({ name: o.name, o: overlap(needTerms, `${o.name} ${o.description ?? ''}`) }))
    .filter((x) => telling(x.o))
    .sort((a, b) => b.o.shared - a.o.shared)
    .map((x) => x.name);
  const reference = profile.references
    .map((r) => ({ r, o: overlap(needTerms, r.text ?? '') }))
    .filter((x) => x.o.shared >= 2)
    .sort((a, b) => b.o.shared - a.o.shared || (b.r.year ?? 0) - (a.r.year ?? 0))[0]?.r;
  const pitch = profile.pitch && overlap(needTerms, profile.pitch).shared >= 2 ? profile.pitch : undefined;
  return {
    offerings,
    ...(reference ? { reference } : {}),
    ...(pitch ? { pitch } : {}),
  };
}
