import type { ClientSession } from 'mongoose';

/**
 * How a feature module takes part in the data rights of a user (GDPR art. 15 and 17). Passed
 * to `createAccountsService({ providers })`; accounts calls every provider on export and delete.
 */
export interface PersonalDataProvider {
  /** Key of this module's part of the export, e.g. `organisations`. */
  name: string;
  /** Everything this module holds about the user, as JSON-serialisable data. */
  export(userId: string): Promise<unknown>;
  /**
   * Throws an AppError when the account cannot be deleted yet, e.g. 409 `sole_owner` naming
   * the organisations the user must hand over or delete first.
   */
  assertCanDelete(userId: string): Promise<void>;
  /** Deletes or anonymises this module's data about the user, inside the deletion transaction. */
  deleteFor(userId: string, session: ClientSession): Promise<void>;
}
