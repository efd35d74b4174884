import mongoose, {
  type AnyBulkWriteOperation,
  type ClientSession,
  type Connection,
  type Types,
} from 'mongoose';
import { organisationModel } from '../organisations/organisation.model.js';
import {
  supplierProfileModel,
  type ProfileContent,
  type SupplierProfileDoc,
} from './supplier-profile.model.js';

/**
 * Bulk reads and writes of the import. It writes organisations too: the organisations module
 * has no bulk operations, and one transaction per batch must hold the organisations, their
 * profiles and the outbox event. Documents are written through the driver (no mongoose
 * casting: 1,000 rows a batch), so every field and default is set explicitly here.
 */
export interface ExistingOrganisation {
  id: string;
  kind: 'buyer' | 'supplier';
  name: string;
  status: 'pending' | 'verified' | 'rejected';
}

export type ExistingProfile = Pick<
  SupplierProfileDoc,
  '_id' | 'status' | 'importHash' | 'approved' | 'contacts' | 'listed' | 'hidden'
>;

export interface NewOrganisationRow {
  _id: Types.ObjectId;
  name: string;
  country: 'SE' | 'NO';
  orgNumber: string;
}

export interface ImportWrite {
  newOrganisations: NewOrganisationRow[];
  renamedOrganisations: { id: string; name: string }[];
  /** `current` only when it differs from `approved` (see the model). */
  newProfiles: (Omit<SupplierProfileDoc, 'createdAt' | 'updatedAt' | 'current'> & {
    current?: ProfileContent;
  })[];
  changedProfiles: { id: string; set: Partial<SupplierProfileDoc>; unset: string[] }[];
}

export interface ImportRepository {
  /** Organisations by `country:orgNumber`. */
  findOrganisations(
    keys: { country: 'SE' | 'NO'; orgNumber: string }[],
  ): Promise<Map<string, ExistingOrganisation>>;
  findProfiles(ids: string[]): Promise<Map<string, ExistingProfile>>;
  write(batch: ImportWrite, now: Date, tx: ClientSession): Promise<void>;
}

export const orgKey = (country: string, orgNumber: string) => `${country}:${orgNumber}`;

export function createImportRepository(connection: Connection): ImportRepository {
  const organisations = organisationModel(connection);
  const profiles = supplierProfileModel(connection);
  return {
    async findOrganisations(keys) {
      if (keys.length === 0) return new Map();
      const byCountry = new Map<string, string[]>();
      for (const k of keys) byCountry.set(k.country, [...(byCountry.get(k.country) ?? []), k.orgNumber]);
      const rows = await organisations.collection
        .find(
          { $or: [...byCountry].map(([country, numbers]) => ({ country, orgNumber: { $in: numbers } })) },
          { projection: { kind: 1, name: 1, country: 1, orgNumber: 1, status: 1 } },
        )
        .toArray();
      return new Map(
        rows.map((r) => [
          orgKey(String(r.country), String(r.orgNumber)),
          {
            id: String(r._id),
            kind: r.kind as ExistingOrganisation['kind'],
            name: String(r.name),
            status: r.status as ExistingOrganisation['status'],
          },
        ]),
      );
    },
    async findProfiles(ids) {
      if (ids.length === 0) return new Map();
      const rows = await profiles.collection
        .find(
          { _id: { $in: ids.map((id) => new mongoose.Types.ObjectId(id)) } },
          {
            projection: {
              status: 1,
              importHash: 1,
              approved: 1,
              contacts: 1,
              listed: 1,
              hidden: 1,
            },
          },
        )
        .toArray();
      return new Map(rows.map((r) => [String(r._id), r as unknown as ExistingProfile]));
    },
    async write(batch, now, tx) {
      const orgOps: AnyBulkWriteOperation[] = [
        ...batch.newOrganisations.map((o) => ({
          insertOne: {
            document: {
              ...o,
              kind: 'supplier',
              // The operator who imports vouches for the file (see README, "Supplier import").
              status: 'verified',
              verifiedAt: now,
              membersVersion: 0,
              createdAt: now,
              updatedAt: now,
            },
          },
        })),
        ...batch.renamedOrganisations.map((o) => ({
          updateOne: {
            filter: { _id: new mongoose.Types.ObjectId(o.id) },
            update: { $set: { name: o.name, updatedAt: now } },
          },
        })),
      ];
      const profileOps: AnyBulkWriteOperation[] = [
        ...batch.newProfiles.map((p) => ({
          insertOne: { document: { ...p, createdAt: now, updatedAt: now } },
        })),
        ...batch.changedProfiles.map((p) => ({
          updateOne: {
            filter: { _id: new mongoose.Types.ObjectId(p.id) },
            update: {
              $set: { ...p.set, updatedAt: now },
              $inc: { version: 1 },
              ...(p.unset.length > 0 ? { $unset: Object.fromEntries(p.unset.map((f) => [f, 1])) } : {}),
            },
          },
        })),
      ];
      if (orgOps.length > 0)
        await organisations.collection.bulkWrite(orgOps as never[], { ordered: false, session: tx });
      if (profileOps.length > 0)
        await profiles.collection.bulkWrite(profileOps as never[], { ordered: false, session: tx });
    },
  };
}
