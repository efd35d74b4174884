import { hashPassword } from '../../server/modules/accounts/passwords.js';
import { createUsersRepository } from '../../server/modules/accounts/users.repository.js';
import { createNetworksModule } from '../../server/modules/networks/networks.module.js';
import {
  generateNorwegianOrgNumber,
  generateSwedishOrgNumber,
} from '../../server/modules/organisations/org-number.js';
import { createOrganisationsModule } from '../../server/modules/organisations/organisations.module.js';
import type { BuyerType } from '../../server/modules/organisations/organisations.repository.js';
import { createAppPolicy } from '../../server/policy.js';
import type { Subject } from '../../server/modules/policy/subject.js';
import type { Principal } from '../../server/platform/auth/principal.js';
import type { SeedContext, SeedStep } from './types.js';

/** The password of every demo account (shown by `npm run seed` and `npm run dev`). */
export const DEMO_PASSWORD = 'Demo-Behovstorget-2026';

/** A deterministic random source, so the demo org numbers are the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface DemoUser {
  key: string;
  name: string;
  email: string;
  admin?: boolean;
  language?: 'sv' | 'en';
}

interface DemoBuyer {
  key: string;
  name: string;
  buyerType: BuyerType;
  country?: 'SE' | 'NO';
  owner: string;
  members?: string[];
  verified: boolean;
}

const users: DemoUser[] = [
  { key: 'admin', name: 'Alva Admin', email: 'admin@demo.behovstorget.se', admin: true },
  { key: 'karin', name: 'Karin Lindqvist', email: 'karin.lindqvist@regionstockholm.demo.behovstorget.se' },
  { key: 'johan', name: 'Johan Berg', email: 'johan.berg@goteborg.demo.behovstorget.se' },
  { key: 'amira', name: 'Amira Haddad', email: 'amira.haddad@malmo.demo.behovstorget.se' },
  { key: 'erik', name: 'Erik Nilsson', email: 'erik.nilsson@umea.demo.behovstorget.se' },
  { key: 'sara', name: 'Sara Öberg', email: 'sara.oberg@vgregion.demo.behovstorget.se' },
  { key: 'lars', name: 'Lars Pettersson', email: 'lars.pettersson@skane.demo.behovstorget.se' },
  { key: 'maja', name: 'Maja Lundgren', email: 'maja.lundgren@lulea.demo.behovstorget.se' },
  { key: 'per', name: 'Per Holm', email: 'per.holm@trafikverket.demo.behovstorget.se' },
  {
    key: 'ingrid',
    name: 'Ingrid Solberg',
    email: 'ingrid.solberg@oslo.demo.behovstorget.se',
    language: 'en',
  },
  { key: 'nils', name: 'Nils Ek', email: 'nils.ek@borasem.demo.behovstorget.se' },
];

const buyers: DemoBuyer[] = [
  { key: 'region-stockholm', name: 'Region Stockholm', buyerType: 'region', owner: 'karin', verified: true },
  { key: 'goteborg', name: 'Göteborgs Stad', buyerType: 'kommun', owner: 'johan', verified: true },
  { key: 'malmo', name: 'Malmö stad', buyerType: 'kommun', owner: 'amira', verified: true },
  { key: 'umea', name: 'Umeå kommun', buyerType: 'kommun', owner: 'erik', verified: true },
  { key: 'vgr', name: 'Västra Götalandsregionen', buyerType: 'region', owner: 'sara', verified: true },
  { key: 'skane', name: 'Region Skåne', buyerType: 'region', owner: 'lars', verified: true },
  { key: 'lulea', name: 'Luleå kommun', buyerType: 'kommun', owner: 'maja', verified: true },
  { key: 'trafikverket', name: 'Trafikverket', buyerType: 'statlig_myndighet', owner: 'per', verified: true },
  { key: 'oslo', name: 'Oslo kommune', buyerType: 'kommun', country: 'NO', owner: 'ingrid', verified: true },
  // Waits in the admin's verification queue.
  {
    key: 'boras-em',
    name: 'Borås Energi och Miljö AB',
    buyerType: 'offentligt_bolag',
    owner: 'nils',
    verified: false,
  },
];

interface DemoNetwork {
  key: string;
  name: string;
  subjectArea: string;
  description: string;
  languages: ('sv' | 'en' | 'nb')[];
  coordinator: string;
  members: string[];
  approved: boolean;
}

const networks: DemoNetwork[] = [
  {
    key: 'valfardsteknik',
    name: 'Beställarnätverket för välfärdsteknik',
    subjectArea: 'Välfärdsteknik och e-hälsa',
    description:
      'Regioner och kommuner som tillsammans driver innovationsupphandling av välfärdsteknik: digital tillsyn, ' +
      'läkemedelshantering i hemmet, trygghetslarm och vård på distans. Vi utreder behov, för tidig dialog med ' +
      'marknaden och sprider erfarenheter mellan medlemmarna.',
    languages: ['sv', 'en'],
    coordinator: 'region-stockholm',
    members: ['goteborg', 'malmo', 'umea'],
    approved: true,
  },
  {
    key: 'fossilfria-transporter',
    name: 'Nätverket för fossilfria transporter',
    subjectArea: 'Fossilfria transporter och laddinfrastruktur',
    description:
      'Offentliga beställare av fordon, transporter och laddinfrastruktur som samordnar köpkraft för att ' +
      'påskynda omställningen till fossilfria transporter.',
    languages: ['sv'],
    coordinator: 'vgr',
    members: ['lulea', 'trafikverket', 'oslo'],
    approved: true,
  },
  {
    key: 'cirkulara-maltider',
    name: 'Cirkulära offentliga måltider',
    subjectArea: 'Offentliga måltider och minskat matsvinn',
    description:
      'Kommuner och regioner som vill halvera matsvinnet i skolor, förskolor och vården genom nya tjänster ' +
      'för planering, mätning och återvinning.',
    languages: ['sv'],
    coordinator: 'malmo',
    members: ['skane', 'goteborg'],
    approved: true,
  },
  {
    key: 'digitalt-larande',
    name: 'Digitalt lärande i skolan',
    subjectArea: 'Skolans digitalisering',
    description:
      'Skolhuvudmän som tillsammans formulerar behov av digitala lärverktyg och tillgängliga läromedel.',
    languages: ['sv'],
    coordinator: 'umea',
    members: ['lulea'],
    // Waits in the admin's moderation queue.
    approved: false,
  },
];

function principalOf(id: string, email: string, isAdmin = false): Principal {
  return {
    userId: id,
    sessionId: 'seed',
    email,
    emailVerified: true,
    isAdmin,
    language: 'sv',
    via: 'bearer',
  };
}

/** Demo users, buyer organisations, networks and a buyer group, made through the real services. */
export const organisationsSeed: SeedStep = {
  name: 'Users, buyer organisations and networks',
  async run(ctx: SeedContext) {
    const { deps } = ctx;
    const policy = createAppPolicy(deps);
    const orgs = createOrganisationsModule(deps, policy);
    const nets = createNetworksModule(deps, policy, orgs);
    const usersRepo = createUsersRepository(deps.mongo);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const emails = new Map<string, string>();

    for (const u of users) {
      const user = await usersRepo.create({
        email: u.email,
        passwordHash,
        name: u.name,
        language: u.language ?? 'sv',
        isAdmin: u.admin ?? false,
        emailVerifiedAt: new Date(),
      });
      ctx.refs.set(`user:${u.key}`, user.id);
      emails.set(u.key, u.email);
    }
    ctx.log(`${users.length} users`);

    const subject = async (userKey: string): Promise<Subject> => {
      const id = ctx.ref(`user:${userKey}`);
      return {
        principal: principalOf(id, emails.get(userKey) ?? ''),
        memberships: await orgs.repositories.memberships.membershipsForUser(id),
      };
    };
    const admin: Subject = {
      principal: principalOf(ctx.ref('user:admin'), emails.get('admin') ?? '', true),
      memberships: [],
    };

    const rng = seededRandom(20261121);
    for (const b of buyers) {
      const country = b.country ?? 'SE';
      const { organisation } = await orgs.service.create(await subject(b.owner), {
        kind: 'buyer',
        buyerType: b.buyerType,
        name: b.name,
        country,
        orgNumber:
          country === 'SE'
            ? generateSwedishOrgNumber(rng, { firstDigit: 2 })
            : generateNorwegianOrgNumber(rng),
      });
      ctx.refs.set(`org:${b.key}`, organisation.id);
      if (b.verified) await orgs.service.verify(admin, organisation.id);
    }
    ctx.log(
      `${buyers.length} buyer organisations (${buyers.filter((b) => !b.verified).length} awaiting verification)`,
    );

    const ownerOf = (orgKey: string) => buyers.find((b) => b.key === orgKey)?.owner ?? 'admin';
    for (const n of networks) {
      const coordinator = await subject(ownerOf(n.coordinator));
      const { network } = await nets.service.create(coordinator, {
        organisationId: ctx.ref(`org:${n.coordinator}`),
        name: n.name,
        subjectArea: n.subjectArea,
        description: n.description,
        languages: n.languages,
        contact: {
          name: users.find((u) => u.key === ownerOf(n.coordinator))?.name ?? 'Kontakt',
          email: emails.get(ownerOf(n.coordinator)) ?? '',
        },
      });
      ctx.refs.set(`network:${n.key}`, network.id);
      for (const member of n.members) {
        const view = await nets.invitations.invite(coordinator, network.id, ctx.ref(`org:${member}`));
        const invitation =
          view.items.find((i) => i.organisationId === ctx.ref(`org:${member}`)) ?? view.items[0];
        if (invitation)
          await nets.invitations.respond(await subject(ownerOf(member)), invitation.id, 'accept');
      }
      if (n.approved) await nets.service.approve(admin, network.id);
    }
    ctx.log(`${networks.length} networks (${networks.filter((n) => !n.approved).length} awaiting approval)`);

    const group = await nets.groups.create(await subject('karin'), ctx.ref('network:valfardsteknik'), {
      name: 'Beställargrupp digital nattillsyn',
      purpose: 'Gemensam innovationsupphandling av digital tillsyn nattetid i hemtjänsten.',
      memberOrgIds: [ctx.ref('org:region-stockholm'), ctx.ref('org:goteborg'), ctx.ref('org:umea')],
      endsAt: new Date(Date.now() + 300 * 24 * 3600 * 1000),
    });
    const groupId = group.items[0]?.id;
    if (groupId) ctx.refs.set('group:nattillsyn', groupId);

    ctx.logins.push(
      { role: 'Platform admin', email: emails.get('admin') ?? '', password: DEMO_PASSWORD },
      { role: 'Network coordinator (välfärd)', email: emails.get('karin') ?? '', password: DEMO_PASSWORD },
      { role: 'Network member (Göteborg)', email: emails.get('johan') ?? '', password: DEMO_PASSWORD },
    );
  },
};
