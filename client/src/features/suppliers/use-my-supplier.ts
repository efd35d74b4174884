import { myOrganisations, type MyOrganisation } from '../../api/organisations';
import { useApi } from '../../shared/hooks/use-api';

/** The logged-in user's supplier organisations (most people have one; the first is used). */
export function useMySuppliers(userId: string) {
  return useApi<MyOrganisation[]>(`my-orgs:${userId}`, (signal) =>
    myOrganisations(signal).then((all) => all.filter((m) => m.organisation.kind === 'supplier')),
  );
}
