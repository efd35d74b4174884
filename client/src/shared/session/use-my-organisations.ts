import { myOrganisations, type MyOrganisation } from '../../api/organisations';
import { useApi } from '../hooks/use-api';

/** The organisations the logged-in user belongs to, with the role there (GET /api/me/organisations). */
export function useMyOrganisations(userId: string, refresh = 0) {
  return useApi<MyOrganisation[]>(
    `my-organisations:${userId}:${refresh}`,
    (signal) => myOrganisations(signal),
    { keepPrevious: true },
  );
}

/** Ids of the verified buyer organisations the user acts for in networks (the API's rule). */
export function actingBuyerIds(organisations: MyOrganisation[]): Set<string> {
  return new Set(
    organisations
      .filter((m) => m.organisation.kind === 'buyer' && m.organisation.status === 'verified')
      .map((m) => m.organisation.id),
  );
}
